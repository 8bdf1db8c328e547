//! The command-line indexer and searcher (contract: DESIGN.md section 5).
//!
//! With no command it indexes `testdata/seeds` into `target/rosetta-demo` and runs a few
//! cross-language queries. Commands: `index`, `search`, `similar`, `analyze`, `delete`, `stats`,
//! `check`.

use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[path = "indexer/postgres.rs"]
mod postgres;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rosetta::analysis::{Analysis, Analyzer, Language};
use rosetta::index::input::{read_inputs, InputError, InputItem};
use rosetta::index::{
    Facet, Interval, NewsDocument, NewsIndex, SearchRequest, SearchResults, SimilarTo, Snippet,
    Sort, WriterOptions,
};

#[derive(Parser)]
#[command(about = "Rosetta: index and search multilingual news")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Index directories, .txt and .jsonl files (creates the index if missing).
    Index {
        #[command(flatten)]
        index: postgres::Target,
        /// Indexing memory budget in MB (tantivy's writer; peak memory stays near it).
        #[arg(long, default_value_t = 200)]
        memory_mb: usize,
        /// Commit every this many documents, so a crash loses at most that much.
        #[arg(long, default_value_t = 10_000)]
        commit_every: usize,
        /// Exit without waiting for background merges (the index then has more segments, and
        /// files of unfinished merges are removed by the next run).
        #[arg(long)]
        no_wait_merges: bool,
        /// Files and directories to index; `-` reads JSON Lines from standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Search the index.
    Search {
        #[command(flatten)]
        index: postgres::Target,
        /// Number of hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Hits to skip (paging; `--after` is faster for deep pages).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Only hits after this cursor (the `next_cursor` of the previous page).
        #[arg(long)]
        after: Option<String>,
        /// Order: relevance, newest or oldest.
        #[arg(long, default_value = "relevance")]
        sort: Sort,
        /// Only documents in this language (ro, en, ar, vi, ru).
        #[arg(long)]
        lang: Option<Language>,
        /// Count all matching documents by `lang` and/or `source` (comma-separated).
        #[arg(long, value_delimiter = ',')]
        facets: Vec<Facet>,
        /// How many sources `--facets source` lists.
        #[arg(long, default_value_t = 10)]
        facet_size: usize,
        /// Count all matching documents per day, week or month of publication.
        #[arg(long)]
        histogram: Option<Interval>,
        /// Whether documents matching only some words follow the full matches (default: when
        /// the query has no operators).
        #[arg(long)]
        relaxed: Option<bool>,
        /// Match the query words only as typed, not also their translations in the other
        /// languages.
        #[arg(long)]
        no_lexicon: bool,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// The query: words (all must match), AND, OR, NOT, -excluded, (groups), "phrases"~N,
        /// prefix*, title:, lang:/source:/after:/before:/date:
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
    },
    /// Documents like one of the index (by id) or like a text file, in every language.
    Similar {
        /// The index directory.
        #[arg(long)]
        index: PathBuf,
        /// Number of hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Only documents in these languages (repeat, or comma-separated).
        #[arg(long, value_delimiter = ',')]
        lang: Vec<Language>,
        /// Like this file's text (first line the title) instead of a document of the index.
        #[arg(long, conflicts_with = "id")]
        text: Option<PathBuf>,
        /// One hit per story in each language: near-duplicates (the same story republished) fold
        /// into the earliest, listed in its `duplicates`.
        #[arg(long)]
        collapse: bool,
        /// `rosetta`, or `mlt`: tantivy's More Like This on the same index (a baseline; it finds
        /// few documents in other languages).
        #[arg(long, default_value = "rosetta", value_parser = ["rosetta", "mlt"])]
        engine: String,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// The id of a document of the index.
        #[arg(required_unless_present = "text")]
        id: Option<String>,
    },
    /// Analyze TEXT (or each line of standard input) and print its words and terms.
    Analyze {
        /// Language of the text (ro, en, ar, vi, ru); detected when absent.
        #[arg(long)]
        lang: Option<Language>,
        /// One JSON object per text.
        #[arg(long)]
        json: bool,
        /// `rosetta` (the analysis the index uses) or `plain` (the baseline: unicode_words +
        /// lowercase + rust-stemmers, for comparisons). Also read from `ROSETTA_ENGINE`.
        #[arg(long, env = "ROSETTA_ENGINE", default_value = "rosetta")]
        engine: Engine,
        /// The text; without it, every line of standard input is a text of its own.
        text: Option<String>,
    },
    /// Delete documents by id.
    Delete {
        #[command(flatten)]
        index: postgres::Target,
        /// Ids to delete.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Print what the index holds, as JSON.
    Stats {
        #[command(flatten)]
        index: postgres::Target,
    },
    /// Check every file of the index against its checksum; exits non-zero, naming the damaged
    /// segments, if any is damaged.
    Check {
        /// The index directory.
        #[arg(long)]
        index: PathBuf,
    },
}

/// Which analysis `analyze` runs.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Engine {
    /// Rosetta's analysis, as indexed.
    Rosetta,
    /// unicode_words + lowercase + rust-stemmers: the baseline Rosetta is compared against.
    Plain,
}

type AnyResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    report_panics_in_one_line();
    let cli = Cli::parse_from(query_words_after_separator(std::env::args_os().collect()));
    let result = match cli.command {
        None => demo(),
        Some(Command::Index {
            index,
            memory_mb,
            commit_every,
            no_wait_merges,
            paths,
        }) => match index.postgres() {
            Ok(Some(pg)) => postgres::index_command(pg, &paths),
            Ok(None) => index.dir().and_then(|dir| {
                let options = IndexOptions {
                    memory_mb,
                    commit_every,
                    wait_merges: !no_wait_merges,
                };
                index_command(dir, &paths, options)
            }),
            Err(e) => Err(e),
        },
        Some(Command::Search {
            index,
            limit,
            offset,
            after,
            sort,
            lang,
            facets,
            facet_size,
            histogram,
            relaxed,
            no_lexicon,
            json,
            query,
        }) => {
            let mut request = SearchRequest::new(query.join(" "))
                .limit(limit)
                .offset(offset)
                .sort(sort)
                .facets(&facets)
                .lexicon(!no_lexicon);
            request.lang = lang;
            request.after = after;
            request.facet_size = facet_size;
            request.histogram = histogram;
            request.relaxed = relaxed;
            match index.postgres() {
                Ok(Some(pg)) => postgres::search_command(pg, &request, json),
                Ok(None) => index
                    .dir()
                    .and_then(|dir| search_command(dir, &request, json)),
                Err(e) => Err(e),
            }
        }
        Some(Command::Analyze {
            lang,
            json,
            engine,
            text,
        }) => analyze_command(lang, json, engine, text),
        Some(Command::Delete { index, ids }) => match index.postgres() {
            Ok(Some(pg)) => postgres::delete_command(pg, &ids),
            Ok(None) => index.dir().and_then(|dir| delete_command(dir, &ids)),
            Err(e) => Err(e),
        },
        Some(Command::Stats { index }) => match index.postgres() {
            Ok(Some(pg)) => postgres::stats_command(pg),
            Ok(None) => index.dir().and_then(|dir| stats_command(dir)),
            Err(e) => Err(e),
        },
        Some(Command::Check { index }) => check_command(&index),
        Some(Command::Similar {
            index,
            limit,
            lang,
            text,
            collapse,
            engine,
            json,
            id,
        }) => similar_command(
            &index,
            id.as_deref(),
            text.as_deref(),
            &lang,
            (limit, collapse),
            &engine,
            json,
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&*e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `search` options that take a value.
const SEARCH_OPTIONS_WITH_VALUE: [&str; 12] = [
    "--index",
    "--postgres",
    "--table",
    "--limit",
    "--offset",
    "--after",
    "--sort",
    "--lang",
    "--facets",
    "--facet-size",
    "--histogram",
    "--relaxed",
];

/// Moves the query words of a `search` after a `--`, so that a word starting with `-` (an
/// exclusion: `search --index DIR -Tesla`) is read as part of the query, not as an unknown option,
/// wherever the options are.
fn query_words_after_separator(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if args.get(1).and_then(|a| a.to_str()) != Some("search") {
        return args;
    }
    let mut options = args[..2].to_vec();
    let mut words = Vec::new();
    let mut rest = args.into_iter().skip(2);
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        let name = text.split('=').next().unwrap_or_default();
        if text == "--" {
            words.extend(rest.by_ref());
        } else if SEARCH_OPTIONS_WITH_VALUE.contains(&name) {
            let has_value = text.contains('=');
            options.push(arg);
            if !has_value {
                options.extend(rest.next());
            }
        } else if matches!(name, "--json" | "--no-lexicon" | "--help" | "-h") {
            options.push(arg);
        } else {
            words.push(arg);
        }
    }
    options.push("--".into());
    options.extend(words);
    options
}

/// Set when any thread panicked (tantivy's merge threads catch their panics; this still sees
/// them, so a failed merge fails the run).
static PANICKED: AtomicBool = AtomicBool::new(false);

/// A panic prints one line naming where it happened (so it can be reported), never a backtrace.
fn report_panics_in_one_line() {
    std::panic::set_hook(Box::new(|info| {
        PANICKED.store(true, Ordering::SeqCst);
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let thread = std::thread::current();
        let location = info
            .location()
            .map(|l| format!(" at {l}"))
            .unwrap_or_default();
        eprintln!(
            "error: internal error: thread '{}' panicked{location}: {message}",
            thread.name().unwrap_or("unnamed")
        );
    }));
}

/// Whether `error` is a write to a closed pipe (`indexer search ... | head -1`): the reader has
/// what it wanted, so the command ends quietly, as other Unix tools do.
fn is_broken_pipe(error: &(dyn std::error::Error + 'static)) -> bool {
    error
        .downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// Writes one line to standard output (an error, not a panic, when it is closed).
fn emit(line: impl std::fmt::Display) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()
}

/// What an `index` run did (the last line of its output). The counts are of committed documents.
#[derive(serde::Serialize, Default)]
struct IndexReport {
    indexed: usize,
    replaced: usize,
    skipped: usize,
    errors: Vec<ReportedError>,
    /// Documents kept with repairs (invalid UTF-8 replaced, NUL bytes dropped).
    warnings: Vec<ReportedError>,
    /// Why the run stopped early, if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    failed: Option<String>,
    /// Documents read but not committed because the run stopped early.
    #[serde(skip_serializing_if = "is_zero")]
    uncommitted: usize,
}

impl IndexReport {
    /// Records an input that is not a document to index (skipped, unreadable, or kept with
    /// repairs), also on stderr; `true` for a path that could not be read, which fails the run.
    fn record_problem(&mut self, item: InputItem, progress: &ProgressBar) -> bool {
        match item {
            InputItem::Document { .. } => false,
            InputItem::Skipped(e) => {
                progress.suspend(|| eprintln!("skipped {e}"));
                self.skipped += 1;
                self.errors.push(e.into());
                false
            }
            InputItem::Unreadable(e) => {
                progress.suspend(|| eprintln!("error: {e}"));
                self.skipped += 1;
                self.errors.push(e.into());
                true
            }
            InputItem::Warning(e) => {
                progress.suspend(|| eprintln!("warning: {e}"));
                self.warnings.push(e.into());
                false
            }
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How `index` runs.
#[derive(Clone, Copy)]
struct IndexOptions {
    memory_mb: usize,
    commit_every: usize,
    wait_merges: bool,
}

#[derive(serde::Serialize)]
struct ReportedError {
    path: String,
    line: Option<usize>,
    error: String,
}

impl From<InputError> for ReportedError {
    fn from(e: InputError) -> Self {
        ReportedError {
            path: e.path.display().to_string(),
            line: e.line,
            error: e.error,
        }
    }
}

/// Documents analyzed in parallel per batch. Larger batches index faster: on 100,000 news
/// documents (2 cores), 4,096 a batch took 2.1 to 2.3 s against 2.4 to 2.6 s for 512, at about
/// the same peak memory. What a batch holds is analyzed at once, hence also [`BATCH_BYTES`].
const BATCH: usize = 4096;
/// Text (titles and bodies) per batch, at most: a batch of huge documents is sent sooner.
const BATCH_BYTES: usize = 16 << 20;

/// Indexes `paths`. An error when no writer could be opened; after that, a failure stops the run
/// and is in the report, with the counts of what was committed before it.
fn index_paths(
    index: &NewsIndex,
    paths: &[PathBuf],
    options: IndexOptions,
) -> AnyResult<IndexReport> {
    let mut report = IndexReport::default();
    let mut writer = index.writer_with(WriterOptions {
        memory_budget: options.memory_mb.max(1).saturating_mul(1_000_000),
        ..WriterOptions::default()
    })?;
    let progress = progress_bar();
    let mut batch: Vec<NewsDocument> = Vec::new();
    let mut batch_bytes = 0usize;
    // Added since the last commit: (new ids, replaced ids, documents).
    let mut pending = (0usize, 0usize, 0usize);
    let mut flush = |batch: &mut Vec<NewsDocument>,
                     report: &mut IndexReport,
                     force: bool|
     -> rosetta::index::Result<()> {
        if !batch.is_empty() {
            pending.2 += batch.len();
            let outcome = writer.add_documents(batch)?;
            pending.0 += outcome.indexed;
            pending.1 += outcome.replaced;
            progress.inc(batch.len() as u64);
            batch.clear();
        }
        if force || pending.2 >= options.commit_every {
            writer.commit()?;
            report.indexed += pending.0;
            report.replaced += pending.1;
            pending = (0, 0, 0);
        }
        Ok(())
    };
    let mut failure = None;
    let mut unreadable = 0;
    for item in read_inputs(paths) {
        match item {
            InputItem::Document { doc, .. } => {
                batch_bytes += doc.title.len() + doc.body.len();
                batch.push(doc);
                if batch.len() >= BATCH || batch_bytes >= BATCH_BYTES {
                    batch_bytes = 0;
                    if let Err(e) = flush(&mut batch, &mut report, false) {
                        failure = Some(e);
                        break;
                    }
                }
            }
            other => unreadable += usize::from(report.record_problem(other, &progress)),
        }
    }
    if failure.is_none() {
        failure = flush(&mut batch, &mut report, true).err();
    }
    let uncommitted = pending.2 + batch.len();
    progress.finish_and_clear();
    match failure {
        Some(e) => {
            report.failed = Some(e.to_string());
            report.uncommitted = uncommitted;
        }
        None if options.wait_merges => {
            if let Err(e) = writer.finish() {
                report.failed = Some(format!("merging segments: {e}"));
            }
        }
        None => {}
    }
    if report.failed.is_none() && PANICKED.load(Ordering::SeqCst) {
        report.failed = Some(
            "a background merge failed (see above); everything committed is intact, and \
             `check` tells whether the index is sound"
                .into(),
        );
    }
    if report.failed.is_none() && unreadable > 0 {
        report.failed = Some(format!("{unreadable} input paths could not be read"));
    }
    Ok(report)
}

fn index_command(dir: &Path, paths: &[PathBuf], options: IndexOptions) -> AnyResult {
    let started = Instant::now();
    let index = NewsIndex::open_or_create(dir)?;
    let report = index_paths(&index, paths, options)?;
    eprintln!(
        "indexed {} documents ({} replaced, {} skipped, {} with warnings) in {:.1}s",
        report.indexed + report.replaced,
        report.replaced,
        report.skipped,
        report.warnings.len(),
        started.elapsed().as_secs_f64()
    );
    emit(serde_json::to_string(&report)?)?;
    match &report.failed {
        Some(why) if report.uncommitted > 0 => Err(format!(
            "{why} ({} documents read since the last commit were not indexed)",
            report.uncommitted
        )
        .into()),
        Some(why) => Err(why.clone().into()),
        None => Ok(()),
    }
}

fn search_command(dir: &Path, request: &SearchRequest, json: bool) -> AnyResult {
    let query = request.query.as_str();
    let index = NewsIndex::open(dir)?;
    let results = index.search(request)?;
    show_results(query, &results, json)?;
    // The process ends here, and its exit unmaps every segment file at once: dropping the index
    // unmapped them one call each, a tenth of a one-word search over ten segments.
    std::mem::forget(index);
    Ok(())
}

/// Prints `results` (as JSON with `json`), with a warning first if the query was cut.
fn show_results(query: &str, results: &SearchResults, json: bool) -> AnyResult {
    if results.truncated {
        eprintln!(
            "warning: the query is longer than {} bytes; only its start was searched",
            rosetta::index::query::MAX_QUERY_BYTES
        );
    }
    if json {
        emit(search_json(query, results))?;
    } else {
        print_results(query, results, Highlight::for_stdout())?;
    }
    Ok(())
}

/// The spinner of an `index` run on stderr (hidden when stderr is not a terminal).
fn progress_bar() -> ProgressBar {
    let progress = ProgressBar::new_spinner();
    progress.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {pos} documents ({per_sec}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    if !io::stderr().is_terminal() {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    progress.enable_steady_tick(Duration::from_millis(200));
    progress
}

fn search_json(query: &str, results: &SearchResults) -> serde_json::Value {
    let mut json =
        serde_json::json!({"query": query, "total": results.total, "hits": results.hits});
    if results.truncated {
        json["truncated"] = true.into();
    }
    json
}

/// How matches are shown in text output.
#[derive(Clone, Copy)]
enum Highlight {
    /// Bold, on a terminal.
    Bold,
    /// Nothing: piped, or `NO_COLOR` is set.
    Plain,
}

impl Highlight {
    fn for_stdout() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if io::stdout().is_terminal() && !no_color {
            Highlight::Bold
        } else {
            Highlight::Plain
        }
    }

    fn render(self, snippet: &Snippet) -> String {
        match self {
            Highlight::Plain => snippet.text.clone(),
            Highlight::Bold => {
                let mut out =
                    String::with_capacity(snippet.text.len() + 8 * snippet.highlights.len());
                let mut cursor = 0;
                for &(start, end) in &snippet.highlights {
                    out.push_str(&snippet.text[cursor..start]);
                    out.push_str("\x1b[1m");
                    out.push_str(&snippet.text[start..end]);
                    out.push_str("\x1b[0m");
                    cursor = end;
                }
                out.push_str(&snippet.text[cursor..]);
                out
            }
        }
    }
}

fn print_results(query: &str, results: &SearchResults, highlight: Highlight) -> io::Result<()> {
    emit(format_args!("{query}: {} documents", results.total))?;
    for (i, hit) in results.hits.iter().enumerate() {
        let partial = if hit.full_match {
            ""
        } else {
            ", some words only"
        };
        let date = hit
            .published
            .as_deref()
            .map(|d| format!(" {}", &d[..d.len().min(10)]));
        emit(format_args!(
            "  {}. [{}] {}{} (score {:.2}{partial})",
            i + 1,
            hit.lang,
            hit.id,
            date.unwrap_or_default(),
            hit.score
        ))?;
        if !hit.title.is_empty() {
            emit(format_args!("     {}", hit.title))?;
        }
        emit(format_args!("     {}", highlight.render(&hit.passage)))?;
        if !hit.shared.is_empty() {
            emit(format_args!("     shares: {}", hit.shared.join(", ")))?;
        }
        if !hit.duplicates.is_empty() {
            emit(format_args!(
                "     and {} near-duplicates: {}",
                hit.duplicates.len(),
                hit.duplicates.join(", ")
            ))?;
        }
    }
    let facets = &results.facets;
    for (name, buckets) in [
        ("languages", &facets.lang),
        ("sources", &facets.source),
        ("periods", &facets.histogram),
    ] {
        if !buckets.is_empty() {
            let counts: Vec<String> = buckets
                .iter()
                .map(|b| format!("{} {}", b.key, b.count))
                .collect();
            emit(format_args!("  {name}: {}", counts.join(", ")))?;
        }
    }
    if let Some(cursor) = &results.next_cursor {
        emit(format_args!("  next page: --after '{cursor}'"))?;
    }
    Ok(())
}

fn delete_command(dir: &Path, ids: &[String]) -> AnyResult {
    let index = NewsIndex::open(dir)?;
    let mut writer = index.writer()?;
    let mut deleted = Vec::new();
    let mut not_found = Vec::new();
    for id in ids {
        if writer.delete(id)? {
            deleted.push(id);
        } else {
            eprintln!("warning: no document with id {id:?}");
            not_found.push(id);
        }
    }
    writer.commit()?;
    emit(serde_json::json!({"deleted": deleted, "not_found": not_found}))?;
    Ok(())
}

fn stats_command(dir: &Path) -> AnyResult {
    let index = NewsIndex::open(dir)?;
    emit(serde_json::to_string(&index.stats()?)?)?;
    Ok(())
}

fn similar_command(
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

fn check_command(dir: &Path) -> AnyResult {
    let index = NewsIndex::open(dir)?;
    let report = index.verify()?;
    emit(serde_json::to_string(&report)?)?;
    if report.damaged.is_empty() {
        Ok(())
    } else {
        Err(format!("{}: damaged: {}", dir.display(), report.damaged.join("; ")).into())
    }
}

fn demo() -> AnyResult {
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

fn analyze_command(
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

fn analysis_json(text: &str, analysis: &Analysis) -> serde_json::Value {
    let words: Vec<_> = analysis
        .words
        .iter()
        .map(|w| serde_json::json!({"text": &text[w.start..w.end], "start": w.start, "end": w.end}))
        .collect();
    let terms: Vec<_> = analysis
        .tokens
        .iter()
        .map(|t| {
            serde_json::json!({"term": t.term, "kind": t.kind.as_str(), "position": t.position, "start": t.start, "end": t.end})
        })
        .collect();
    serde_json::json!({
        "lang": Language::code_or_und(analysis.language),
        "words": words,
        "terms": terms,
    })
}

fn print_analysis(text: &str, analysis: &Analysis, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "lang: {}", Language::code_or_und(analysis.language))?;
    for t in &analysis.tokens {
        writeln!(
            out,
            "{:>4} {:<9} {:<24} {}",
            t.position,
            t.kind.as_str(),
            t.term,
            &text[t.start..t.end]
        )?;
    }
    Ok(())
}

/// The baseline: UAX #29 words, lower-cased, stemmed by rust-stemmers (Snowball) for ro, en, ar,
/// ru (tantivy's stemmers).
fn plain_analysis(text: &str, lang: Option<Language>) -> Analysis {
    use rosetta::analysis::{TermKind, Token, WordSpan};
    use rust_stemmers::{Algorithm, Stemmer};
    use unicode_segmentation::UnicodeSegmentation;
    let lang = lang.or_else(|| rosetta::analysis::detect_language(text));
    let stemmer = match lang {
        Some(Language::Romanian) => Some(Stemmer::create(Algorithm::Romanian)),
        Some(Language::English) => Some(Stemmer::create(Algorithm::English)),
        Some(Language::Arabic) => Some(Stemmer::create(Algorithm::Arabic)),
        Some(Language::Russian) => Some(Stemmer::create(Algorithm::Russian)),
        _ => None,
    };
    let mut analysis = Analysis {
        language: lang,
        ..Analysis::default()
    };
    for (position, (start, word)) in text.unicode_word_indices().enumerate() {
        let end = start + word.len();
        analysis.words.push(WordSpan { start, end });
        let lower = word.to_lowercase();
        let term = match &stemmer {
            Some(s) => s.stem(&lower).into_owned(),
            None => lower,
        };
        analysis.tokens.push(Token {
            term,
            kind: TermKind::Stem,
            position: position as u32,
            start,
            end,
        });
    }
    analysis
}
