//! The start-up measurement: one search process, Rosetta's against plain tantivy's.
//!
//! ```sh
//! cargo build --release --example startup --example indexer
//! S=target/release/examples/startup
//! $S corpus 100000 > /tmp/news-100k.jsonl            # the query bench's synthetic documents
//! target/release/examples/indexer index --index /tmp/rosetta-100k /tmp/news-100k.jsonl
//! $S plain-index /tmp/plain-100k /tmp/news-100k.jsonl
//! $S time 10 target/release/examples/indexer search --index /tmp/rosetta-100k zzzzqx
//! $S time 10 $S plain-search /tmp/plain-100k zzzzqx
//! ```
//!
//! `plain-search` is what a bare tantivy program does for one query: open the index, parse the
//! query over `title` and `body`, collect the count and the top 10, load their stored documents.
//! `time N COMMAND...` runs the command N times (output discarded) and prints the median, least
//! and most wall time of a run, and the median CPU time (user + system) of the processes, in
//! milliseconds: `/usr/bin/time -f %e` counts hundredths of a second, too coarse here.

#[path = "../benches/common/mod.rs"]
#[allow(unused_imports)]
mod common;

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{Schema, Value, STORED, TEXT};
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

type AnyResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["corpus", n] => corpus(n),
        ["plain-index", dir, jsonl] => plain_index(dir, jsonl),
        ["plain-search", dir, query] => plain_search(dir, query),
        ["time", n, ref command @ ..] if !command.is_empty() => time(n, command),
        _ => Err(
            "usage: startup corpus N | plain-index DIR JSONL | plain-search DIR QUERY \
             | time N COMMAND..."
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `n` synthetic news documents as JSON Lines, as the query bench makes them.
fn corpus(n: &str) -> AnyResult {
    let n: usize = n.parse()?;
    let pools = common::Pools::load();
    let mut out = BufWriter::new(std::io::stdout().lock());
    // In chunks: a million documents at once would hold them all in memory.
    const CHUNK: usize = 100_000;
    for start in (0..n).step_by(CHUNK) {
        let docs = pools.documents((n - start).min(CHUNK), 42 + start as u64);
        for (i, d) in docs.iter().enumerate() {
            let line = serde_json::json!({
                "id": format!("{}-{:07}", rosetta::analysis::Language::code_or_und(d.lang), start + i),
                "title": d.title,
                "body": d.body,
                "lang": d.lang.map(|l| l.code()),
            });
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(())
}

fn plain_index(dir: &str, jsonl: &str) -> AnyResult {
    let mut builder = Schema::builder();
    let title = builder.add_text_field("title", TEXT | STORED);
    let body = builder.add_text_field("body", TEXT | STORED);
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, builder.build())?;
    let mut writer: IndexWriter<TantivyDocument> = index.writer_with_num_threads(2, 400_000_000)?;
    for line in std::io::BufReader::new(std::fs::File::open(jsonl)?).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        writer.add_document(doc!(title => text("title"), body => text("body")))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

fn plain_search(dir: &str, query: &str) -> AnyResult {
    let index = Index::open_in_dir(dir)?;
    let schema = index.schema();
    let fields = vec![schema.get_field("title")?, schema.get_field("body")?];
    let searcher = index.reader()?.searcher();
    let query = QueryParser::for_index(&index, fields.clone()).parse_query(query)?;
    let (count, top) =
        searcher.search(&query, &(Count, TopDocs::with_limit(10).order_by_score()))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{count} hits")?;
    for (score, addr) in top {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let title = doc
            .get_first(fields[0])
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        writeln!(out, "{score:.3} {title}")?;
    }
    Ok(())
}

/// Runs `command` `n` times; prints the median (least, most) wall time and the median CPU time.
fn time(n: &str, command: &[&str]) -> AnyResult {
    let n: usize = n.parse()?;
    let (mut wall, mut cpu) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let before = children_cpu_ms();
        let start = std::time::Instant::now();
        let status = std::process::Command::new(command[0])
            .args(&command[1..])
            .stdout(std::process::Stdio::null())
            .status()?;
        wall.push(start.elapsed().as_secs_f64() * 1000.0);
        cpu.push(children_cpu_ms() - before);
        if !status.success() {
            return Err(format!("{} failed: {status}", command.join(" ")).into());
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let m = v.len() / 2;
        if v.len().is_multiple_of(2) {
            (v[m - 1] + v[m]) / 2.0
        } else {
            v[m]
        }
    };
    let (least, most) = (
        wall.iter().copied().fold(f64::INFINITY, f64::min),
        wall.iter().copied().fold(0.0, f64::max),
    );
    println!(
        "wall median {:.2} ms (least {least:.2}, most {most:.2}), CPU median {:.2} ms, {n} runs",
        median(&mut wall),
        median(&mut cpu)
    );
    Ok(())
}

/// User and system CPU time of the finished child processes so far, in milliseconds.
fn children_cpu_ms() -> f64 {
    // SAFETY: `getrusage` only writes the struct it is given.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}
