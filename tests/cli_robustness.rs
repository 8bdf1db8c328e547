//! The example indexer under stress: hostile queries, a second writer, and a SIGKILL in the
//! middle of a large run.
//!
//! The 60k-document crash test is `#[ignore]`d (about a minute in a debug build); the default one
//! kills a run of 24k documents. Run the big one with
//! `cargo test --test cli_robustness -- --ignored`.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{ids, index, index_with, indexer, run, stats, try_search};
use rosetta::index::NewsIndex;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

fn seeds() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/seeds")
}

#[test]
fn hostile_queries() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&seeds()]);
    let huge_nesting = format!("{}Peskov{}", "(".repeat(50_000), ")".repeat(50_000));
    let huge_words = "Peskov Kremlin ".repeat(7_000);
    let long_word = "x".repeat(100_000);
    let cases: [(&str, Option<bool>); 15] = [
        // (query, whether it must find something; None: anything sensible)
        ("", Some(false)),
        ("   ", Some(false)),
        ("the of and", None),
        ("și de la", None),
        ("!!! ??? ... ;;;", Some(false)),
        ("\"", Some(false)),
        ("\"Peskov", Some(true)),
        ("Peskov\"", Some(true)),
        ("((Peskov", Some(true)),
        ("Peskov]]", Some(true)),
        ("-Peskov", Some(false)),
        ("\u{202e}Peskov\u{202c}\u{200d}", Some(true)),
        // Cut at 4,096 bytes inside a word: that last fragment matches nothing, so no document
        // matches fully (the relaxed hits follow).
        (&huge_words, Some(false)),
        (&long_word, Some(false)),
        ("date:2025-12-31..2025-01-01 Peskov", Some(false)),
    ];
    for (query, finds) in cases {
        let shown: String = query.chars().take(30).collect();
        let started = Instant::now();
        let result = try_search(&idx, query, &["--limit", "3"])
            .unwrap_or_else(|(code, e)| panic!("{shown:?} failed ({code}): {e}"));
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{shown:?} took {:?}",
            started.elapsed()
        );
        let total = result["total"].as_u64().unwrap();
        assert!(result["hits"].as_array().unwrap().len() <= 3, "{shown:?}");
        if let Some(finds) = finds {
            assert_eq!(total > 0, finds, "{shown:?}: total {total}");
        }
    }

    // Filters that cannot be understood, unknown fields and too deep nesting are clear errors
    // (exit 1, message on stderr).
    for (query, shown) in [
        ("foo:bar Peskov", "unknown field `foo` at position 1"),
        (huge_nesting.as_str(), "nested deeper than 64"),
        ("after:yesterday Peskov", "after:yesterday"),
        ("date:2025-01-01..garbage", "garbage"),
        ("lang:xx Peskov", "xx"),
    ] {
        let query_shown: String = query.chars().take(30).collect();
        let (code, stderr) = try_search(&idx, query, &[]).expect_err(&query_shown);
        assert_eq!(code, 1, "{query_shown}: {stderr}");
        assert!(
            stderr.contains("invalid query") && stderr.contains(shown),
            "{query_shown}: {stderr}"
        );
    }
    // A bad option value is a usage error.
    let (code, stderr) = try_search(&idx, "Peskov", &["--lang", "xx"]).expect_err("--lang xx");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("xx"), "{stderr}");
    // Limits.
    let r = try_search(&idx, "Peskov", &["--limit", "0"]).unwrap();
    assert!(r["hits"].as_array().unwrap().len() <= 1);
    let r = try_search(&idx, "Peskov", &["--limit", "1000000"]).unwrap();
    assert_eq!(
        r["hits"].as_array().unwrap().len() as u64,
        r["total"].as_u64().unwrap()
    );
    // No index there: a clear error, not a crash.
    let (code, stderr) =
        try_search(&dir.path().join("nothing"), "Peskov", &[]).expect_err("missing index");
    assert_eq!(code, 1);
    assert!(stderr.starts_with("error:"), "{stderr}");
}

#[test]
fn a_second_writer_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&seeds()]);
    let api = NewsIndex::open(&idx).unwrap();
    let writer = api.writer().unwrap();

    let out = run([
        "index".as_ref(),
        "--index".as_ref(),
        idx.as_os_str(),
        seeds().as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a second writer was allowed");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("index is locked"), "{stderr}");
    let out = run([
        "delete".as_ref(),
        "--index".as_ref(),
        idx.as_os_str(),
        "000_8f2fc13ca7d6a654".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("index is locked"), "{stderr}");
    // Readers are not blocked, and nothing was damaged.
    assert_eq!(stats(&idx)["documents"], 5);
    assert_eq!(ids(&idx, "Peskov").len(), 5);

    drop(writer);
    let again = index(&idx, &[&seeds()]);
    assert_eq!(again.replaced(), 5);
    assert_eq!(stats(&idx)["documents"], 5);
}

/// Documents committed per commit: `--commit-every 2000` commits after the batch of 512 that
/// reaches it, so after 2048 documents.
const COMMIT_UNIT: u64 = 2048;

fn write_documents(path: &Path, n: usize) {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        writeln!(
            f,
            r#"{{"id":"n{i}","body":"Crash test report {i}: the Zanzibar delegation met word{} in Istanbul.","lang":"en"}}"#,
            i % 997
        )
        .unwrap();
    }
}

/// Live documents according to the index's `meta.json` (0 before the first commit).
fn committed(idx: &Path) -> u64 {
    let Ok(text) = std::fs::read_to_string(idx.join("meta.json")) else {
        return 0;
    };
    let Ok(meta) = serde_json::from_str::<serde_json::Value>(&text) else {
        return 0;
    };
    meta["segments"]
        .as_array()
        .map(|segments| {
            segments
                .iter()
                .map(|s| {
                    s["max_doc"].as_u64().unwrap_or(0)
                        - s["deletes"]["num_deleted_docs"].as_u64().unwrap_or(0)
                })
                .sum()
        })
        .unwrap_or(0)
}

/// How many live documents carry each id, read from the id field's term dictionary.
fn id_counts(idx: &Path) -> HashMap<String, usize> {
    let index = NewsIndex::open(idx).unwrap();
    let id = index.fields().id;
    let searcher = index.tantivy_index().reader().unwrap().searcher();
    let mut counts = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(id).unwrap();
        let alive = segment.alive_bitset();
        let mut terms = inverted.terms().stream().unwrap();
        while terms.advance() {
            let key = String::from_utf8(terms.key().to_vec()).unwrap();
            let mut postings = inverted
                .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                .unwrap();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    *counts.entry(key.clone()).or_insert(0) += 1;
                }
                doc = postings.advance();
            }
        }
    }
    counts
}

fn killed_mid_run(docs: usize) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    let idx = dir.path().join("index");
    write_documents(&input, docs);

    let started = Instant::now();
    let mut child = Command::new(indexer())
        .args(["index", "--commit-every", "2000", "--index"])
        .arg(&idx)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it in the middle of the run, after the commit that passes half of the documents.
    let target = (docs as u64 / 2 / COMMIT_UNIT).max(1) * COMMIT_UNIT;
    let mut seen = 0;
    while seen < target {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the run ended ({status}) before the kill: use more documents");
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "no commit seen"
        );
        std::thread::sleep(Duration::from_millis(20));
        seen = committed(&idx);
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    eprintln!(
        "killed after {:.1}s with {seen} documents committed",
        started.elapsed().as_secs_f64()
    );

    // Everything committed before the kill is there, nothing else; the index opens and works.
    let after_kill = stats(&idx)["documents"].as_u64().unwrap();
    assert!(after_kill >= seen, "{after_kill} < {seen} seen committed");
    assert!((after_kill as usize) < docs, "the run was not interrupted");
    assert_eq!(
        after_kill % COMMIT_UNIT,
        0,
        "a partial commit: {after_kill}"
    );
    let found = try_search(&idx, "Zanzibar", &["--limit", "1"]).unwrap();
    assert_eq!(found["total"].as_u64().unwrap(), after_kill);
    let counts = id_counts(&idx);
    assert_eq!(counts.len() as u64, after_kill);
    for i in 0..after_kill {
        assert_eq!(counts.get(&format!("n{i}")), Some(&1), "n{i}");
    }
    assert!(ids(&idx, "word5").contains(&"n5".to_string()));

    // The same input again completes, replacing what was committed: no duplicates.
    let resumed = index_with(&idx, &[&input], &["--commit-every", "2000"]);
    assert!(resumed.errors().is_empty());
    assert_eq!(resumed.replaced(), after_kill);
    assert_eq!(resumed.indexed(), docs as u64 - after_kill);
    assert_eq!(stats(&idx)["documents"].as_u64().unwrap(), docs as u64);
    let counts = id_counts(&idx);
    assert_eq!(counts.len(), docs, "distinct ids");
    assert!(counts.values().all(|&n| n == 1), "duplicates");
    let found = try_search(&idx, "Zanzibar", &["--limit", "1"]).unwrap();
    assert_eq!(found["total"].as_u64().unwrap(), docs as u64);
    eprintln!("crash test done in {:.1}s", started.elapsed().as_secs_f64());
}

#[test]
fn killed_mid_run_keeps_committed_documents() {
    killed_mid_run(24_000);
}

#[test]
#[ignore = "about a minute in a debug build"]
fn killed_mid_run_of_60k_documents() {
    killed_mid_run(60_000);
}

#[test]
fn an_absurd_memory_budget_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    for mb in ["10000", "20000000000000"] {
        let out = run([
            "index".as_ref(),
            "--memory-mb".as_ref(),
            std::ffi::OsStr::new(mb),
            "--index".as_ref(),
            idx.as_os_str(),
            seeds().as_os_str(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "--memory-mb {mb}: {stderr}");
        assert_eq!(out.status.code(), Some(1), "--memory-mb {mb}: {stderr}");
        assert!(stderr.starts_with("error:"), "{stderr}");
    }
}
