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

mod args;
mod commands;
mod indexing;
mod output;
mod postgres;

use args::*;
use commands::*;
use indexing::*;
use output::*;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rosetta::analysis::{Analysis, Analyzer, Language};
use rosetta::index::input::{read_inputs, InputError, InputItem};
use rosetta::index::{
    Facet, Interval, NewsDocument, NewsIndex, SearchRequest, SearchResults, SimilarTo, Snippet,
    Sort, WriterOptions,
};

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
