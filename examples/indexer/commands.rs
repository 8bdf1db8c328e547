//! `search`, `similar`, `stats`, `check`, `analyze` and the demo run with no command.

use super::*;

pub(crate) fn search_command(dir: &Path, request: &SearchRequest, json: bool) -> AnyResult {
    let query = request.query.as_str();
    let index = NewsIndex::open(dir)?;
    let results = index.search(request)?;
    show_results(query, &results, json)?;
    // The process ends here, and its exit unmaps every segment file at once: dropping the index
    // unmapped them one call each, a tenth of a one-word search over ten segments.
    std::mem::forget(index);
    Ok(())
}

pub(crate) fn stats_command(dir: &Path) -> AnyResult {
    let index = NewsIndex::open(dir)?;
    emit(serde_json::to_string(&index.stats()?)?)?;
    Ok(())
}

pub(crate) fn similar_command(
    dir: &Path,
    id: Option<&str>,
    text: Option<&Path>,
    langs: &[Language],
    (limit, collapse): (usize, bool),
    engine: &str,
    json: bool,
) -> AnyResult {
    let index = NewsIndex::open(dir)?;
    let filters: Vec<String> = langs.iter().map(|l| format!("lang:{}", l.code())).collect();
    let request = SearchRequest::new(filters.join(" "))
        .limit(limit)
        .collapse(collapse);
    let similar = |to: SimilarTo<'_>| match engine {
        "mlt" => index.more_like_this(to, &request),
        _ => index.similar(to, &request),
    };
    let (shown, results) = match (id, text) {
        (Some(id), _) => (id.to_string(), similar(SimilarTo::Id(id))?),
        (None, Some(path)) => {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let text = String::from_utf8_lossy(&bytes);
            let (title, body) = text.split_once('\n').unwrap_or(("", &text));
            let doc = NewsDocument::new("given", body).with_title(title.trim());
            let results = similar(SimilarTo::Document(&doc))?;
            (path.display().to_string(), results)
        }
        (None, None) => return Err("give an id or --text FILE".into()),
    };
    if json {
        emit(search_json(&shown, &results))?;
    } else {
        print_results(&format!("like {shown}"), &results, Highlight::for_stdout())?;
    }
    Ok(())
}

pub(crate) fn check_command(dir: &Path) -> AnyResult {
    let index = NewsIndex::open(dir)?;
    let report = index.verify()?;
    emit(serde_json::to_string(&report)?)?;
    if report.damaged.is_empty() {
        Ok(())
    } else {
        Err(format!("{}: damaged: {}", dir.display(), report.damaged.join("; ")).into())
    }
}

pub(crate) fn demo() -> AnyResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target").join("rosetta-demo");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    let index = NewsIndex::open_or_create(&dir)?;
    let options = IndexOptions {
        memory_mb: 100,
        commit_every: 10_000,
        wait_merges: true,
    };
    let report = index_paths(&index, &[root.join("testdata").join("seeds")], options)?;
    if let Some(why) = report.failed {
        return Err(why.into());
    }
    emit(format_args!(
        "Indexed {} seed articles from testdata/seeds into {}\n",
        report.indexed,
        dir.display()
    ))?;
    for query in [
        "Песков",
        "بيسكوف",
        "Kremlin",
        "intalnire",
        "hoi nghi thuong dinh",
        "lang:ro Peskov",
        "\"Statele Unite\"",
    ] {
        let results = index.search(&SearchRequest::new(query).limit(5))?;
        print_results(query, &results, Highlight::for_stdout())?;
        emit("")?;
    }
    Ok(())
}

pub(crate) fn analyze_command(
    lang: Option<Language>,
    json: bool,
    engine: Engine,
    text: Option<String>,
) -> AnyResult {
    let analyzer = Analyzer::new();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let print = |text: &str, out: &mut BufWriter<_>| -> io::Result<()> {
        let analysis = match engine {
            Engine::Rosetta => analyzer.analyze(text, lang),
            Engine::Plain => plain_analysis(text, lang),
        };
        if json {
            writeln!(out, "{}", analysis_json(text, &analysis))
        } else {
            print_analysis(text, &analysis, out)
        }
    };
    match text {
        Some(text) => print(&text, &mut out)?,
        None => {
            for line in io::stdin().lock().split(b'\n') {
                // Lossy: one bad byte must not stop the stream (one object per input line).
                let line = line?;
                let line = String::from_utf8_lossy(&line);
                print(line.trim_end_matches('\r'), &mut out)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
