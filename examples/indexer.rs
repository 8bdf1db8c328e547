//! The command-line indexer and searcher (contract: DESIGN.md section 5).
//!
//! With no command it indexes `testdata/seeds` into `target/rosetta-demo` and runs a few
//! cross-language queries. Commands: `index`, `search`, `analyze`, `delete`, `stats`.

use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rosetta::analysis::{Analysis, Analyzer, Language};
use rosetta::index::input::{read_inputs, InputError, InputItem};
use rosetta::index::{NewsDocument, NewsIndex, SearchRequest, SearchResults, WriterOptions};

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
        /// The index directory.
        #[arg(long)]
        index: PathBuf,
        /// Indexing memory budget in MB (tantivy's writer; peak memory stays near it).
        #[arg(long, default_value_t = 200)]
        memory_mb: usize,
        /// Commit every this many documents, so a crash loses at most that much.
        #[arg(long, default_value_t = 10_000)]
        commit_every: usize,
        /// Files and directories to index.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Search the index.
    Search {
        /// The index directory.
        #[arg(long)]
        index: PathBuf,
        /// Number of hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Only documents in this language (ro, en, ar, vi).
        #[arg(long)]
        lang: Option<Language>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// Match the query words only as typed, not also their translations in the other
        /// languages.
        #[arg(long)]
        no_lexicon: bool,
        /// The query: words (all must match), "phrases", -excluded, lang:/source:/after:/before:/date:
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
    },
    /// Analyze TEXT (or each line of standard input) and print its words and terms.
    Analyze {
        /// Language of the text (ro, en, ar, vi); detected when absent.
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
        /// The index directory.
        #[arg(long)]
        index: PathBuf,
        /// Ids to delete.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Print what the index holds, as JSON.
    Stats {
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
    /// unicode_words + lowercase + rust-stemmers: the baseline the issue compares against.
    Plain,
}

type AnyResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => demo(),
        Some(Command::Index {
            index,
            memory_mb,
            commit_every,
            paths,
        }) => index_command(&index, &paths, memory_mb, commit_every),
        Some(Command::Search {
            index,
            limit,
            lang,
            json,
            no_lexicon,
            query,
        }) => search_command(&index, &query.join(" "), limit, lang, json, !no_lexicon),
        Some(Command::Analyze {
            lang,
            json,
            engine,
            text,
        }) => analyze_command(lang, json, engine, text),
        Some(Command::Delete { index, ids }) => delete_command(&index, &ids),
        Some(Command::Stats { index }) => stats_command(&index),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What an `index` run did (the last line of its output).
#[derive(serde::Serialize, Default)]
struct IndexReport {
    indexed: usize,
    replaced: usize,
    skipped: usize,
    errors: Vec<ReportedError>,
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

fn index_paths(
    index: &NewsIndex,
    paths: &[PathBuf],
    memory_mb: usize,
    commit_every: usize,
) -> AnyResult<IndexReport> {
    let mut writer = index.writer_with(WriterOptions {
        memory_budget: memory_mb.max(1).saturating_mul(1_000_000),
        ..WriterOptions::default()
    })?;
    let progress = ProgressBar::new_spinner();
    progress.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {pos} documents ({per_sec}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    if !io::stderr().is_terminal() {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    progress.enable_steady_tick(Duration::from_millis(200));
    let mut report = IndexReport::default();
    let mut batch: Vec<NewsDocument> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut since_commit = 0usize;
    let mut flush =
        |batch: &mut Vec<NewsDocument>, report: &mut IndexReport, force: bool| -> AnyResult {
            if !batch.is_empty() {
                let outcome = writer.add_documents(batch)?;
                report.indexed += outcome.indexed;
                report.replaced += outcome.replaced;
                since_commit += batch.len();
                progress.inc(batch.len() as u64);
                batch.clear();
            }
            if force || since_commit >= commit_every {
                writer.commit()?;
                since_commit = 0;
            }
            Ok(())
        };
    for item in read_inputs(paths) {
        match item {
            InputItem::Document { doc, .. } => {
                batch_bytes += doc.title.len() + doc.body.len();
                batch.push(doc);
                if batch.len() >= BATCH || batch_bytes >= BATCH_BYTES {
                    flush(&mut batch, &mut report, false)?;
                    batch_bytes = 0;
                }
            }
            InputItem::Skipped(e) => {
                progress.suspend(|| eprintln!("skipped {e}"));
                report.skipped += 1;
                report.errors.push(e.into());
            }
        }
    }
    flush(&mut batch, &mut report, true)?;
    progress.finish_and_clear();
    Ok(report)
}

fn index_command(
    dir: &Path,
    paths: &[PathBuf],
    memory_mb: usize,
    commit_every: usize,
) -> AnyResult {
    let started = Instant::now();
    let index = NewsIndex::open_or_create(dir)?;
    let report = index_paths(&index, paths, memory_mb, commit_every)?;
    eprintln!(
        "indexed {} documents ({} replaced, {} skipped) in {:.1}s",
        report.indexed + report.replaced,
        report.replaced,
        report.skipped,
        started.elapsed().as_secs_f64()
    );
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

fn search_command(
    dir: &Path,
    query: &str,
    limit: usize,
    lang: Option<Language>,
    json: bool,
    lexicon: bool,
) -> AnyResult {
    let index = NewsIndex::open(dir)?;
    let mut request = SearchRequest::new(query).limit(limit).lexicon(lexicon);
    request.lang = lang;
    let results = index.search(&request)?;
    if json {
        println!("{}", search_json(query, &results));
    } else {
        print_results(query, &results);
    }
    Ok(())
}

fn search_json(query: &str, results: &SearchResults) -> serde_json::Value {
    serde_json::json!({"query": query, "total": results.total, "hits": results.hits})
}

fn print_results(query: &str, results: &SearchResults) {
    println!("{query}: {} documents", results.total);
    for (i, hit) in results.hits.iter().enumerate() {
        println!(
            "  {}. [{}] {} (score {:.2})",
            i + 1,
            hit.lang,
            hit.id,
            hit.score
        );
        if !hit.title.is_empty() {
            println!("     {}", hit.title);
        }
        println!("     {}", hit.snippet);
    }
}

fn delete_command(dir: &Path, ids: &[String]) -> AnyResult {
    let index = NewsIndex::open(dir)?;
    let mut writer = index.writer()?;
    for id in ids {
        writer.delete(id);
    }
    writer.commit()?;
    println!("{}", serde_json::json!({"deleted": ids}));
    Ok(())
}

fn stats_command(dir: &Path) -> AnyResult {
    let index = NewsIndex::open(dir)?;
    println!("{}", serde_json::to_string(&index.stats()?)?);
    Ok(())
}

fn demo() -> AnyResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target").join("rosetta-demo");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    let index = NewsIndex::open_or_create(&dir)?;
    let report = index_paths(&index, &[root.join("testdata").join("seeds")], 100, 10_000)?;
    println!(
        "Indexed {} seed articles from testdata/seeds into {}\n",
        report.indexed,
        dir.display()
    );
    for query in [
        "Песков",
        "بيسكوف",
        "Kremlin",
        "intalnire",
        "hoi nghi thuong dinh",
        "lang:ro Peskov",
        "\"Statele Unite\"",
    ] {
        print_results(query, &index.search(&SearchRequest::new(query).limit(5))?);
        println!();
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
        "lang": analysis.language.map_or("und", |l| l.code()),
        "words": words,
        "terms": terms,
    })
}

fn print_analysis(text: &str, analysis: &Analysis, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "lang: {}",
        analysis.language.map_or("und", |l| l.code())
    )?;
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

/// The baseline: UAX #29 words, lower-cased, stemmed by rust-stemmers (Snowball) for ro, en, ar.
fn plain_analysis(text: &str, lang: Option<Language>) -> Analysis {
    use rosetta::analysis::{TermKind, Token, WordSpan};
    use rust_stemmers::{Algorithm, Stemmer};
    use unicode_segmentation::UnicodeSegmentation;
    let lang = lang.or_else(|| rosetta::analysis::detect_language(text));
    let stemmer = match lang {
        Some(Language::Romanian) => Some(Stemmer::create(Algorithm::Romanian)),
        Some(Language::English) => Some(Stemmer::create(Algorithm::English)),
        Some(Language::Arabic) => Some(Stemmer::create(Algorithm::Arabic)),
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
