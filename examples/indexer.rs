//! The command-line indexer and searcher (contract: DESIGN.md section 5).

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rosetta::analysis::{Analysis, Analyzer, Language};

#[derive(Parser)]
#[command(about = "Rosetta: index and search multilingual news")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Analyze TEXT (or each line of standard input) and print its words and terms.
    Analyze {
        /// Language of the text (ro, en, ar, vi); detected when absent.
        #[arg(long)]
        lang: Option<Language>,
        /// One JSON object per text.
        #[arg(long)]
        json: bool,
        /// The text; without it, every line of standard input is a text of its own.
        text: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Analyze { lang, json, text }) => analyze(lang, json, text),
        None => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn analyze(
    lang: Option<Language>,
    json: bool,
    text: Option<String>,
) -> Result<(), Box<dyn std::error::Error>> {
    let analyzer = Analyzer::new();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let print = |text: &str, out: &mut BufWriter<_>| -> io::Result<()> {
        let analysis = analyzer.analyze(text, lang);
        if json {
            writeln!(out, "{}", analysis_json(text, &analysis))
        } else {
            print_readable(text, &analysis, out)
        }
    };
    match text {
        Some(text) => print(&text, &mut out)?,
        None => {
            for line in io::stdin().lock().split(b'\n') {
                let line = line?;
                // Lossy: one bad byte must not stop the stream (one object per input line).
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

fn print_readable(text: &str, analysis: &Analysis, out: &mut impl Write) -> io::Result<()> {
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
