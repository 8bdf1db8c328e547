//! The example indexer where users lose data or trust: snippets that must not panic or inject
//! markup, folders that are not (or no longer) indexes, full disks, read-only and damaged indexes,
//! broken pipes, bad bytes, long queries, missing paths and counts after deletes.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{index, index_with, indexer, run, search, stats, try_search};
use serde_json::Value;

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/seeds")
}

fn write_jsonl(path: &Path, docs: &[Value]) {
    let mut f = std::fs::File::create(path).unwrap();
    for d in docs {
        writeln!(f, "{d}").unwrap();
    }
}

/// `count` English documents `d0`.. with a few repeated words, `Peskov` in every one.
fn corpus(path: &Path, count: usize) {
    let words = ["summit", "Kremlin", "market", "talks", "energy", "Tesla"];
    let docs: Vec<Value> = (0..count)
        .map(|i| {
            let body: Vec<&str> = (0..40).map(|k| words[(i * 7 + k * 3) % words.len()]).collect();
            serde_json::json!({"id": format!("d{i}"), "lang": "en", "body": format!("Peskov {}", body.join(" "))})
        })
        .collect();
    write_jsonl(path, &docs);
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn args(parts: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<std::ffi::OsString> {
    parts.iter().map(|p| p.as_ref().to_owned()).collect()
}

#[test]
fn a_non_ascii_space_before_a_match_does_not_break_search() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("spaces.jsonl");
    let spaces = ['\u{00A0}', '\u{202F}', '\u{2009}', '\u{3000}'];
    let docs: Vec<Value> = spaces
        .iter()
        .enumerate()
        .map(|(i, space)| {
            let body = format!("Population 17{space}{} Zanzibar", "y".repeat(70));
            serde_json::json!({"id": format!("nb{i}"), "lang": "en", "body": body})
        })
        .collect();
    write_jsonl(&input, &docs);
    let idx = dir.path().join("index");
    index(&idx, &[&input]);
    let found = search(&idx, "Zanzibar");
    assert_eq!(found["total"], 4);
    for hit in found["hits"].as_array().unwrap() {
        assert!(
            hit["snippet"].as_str().unwrap().contains("<b>Zanzibar</b>"),
            "{hit}"
        );
    }
}

#[test]
fn snippets_are_escaped_and_the_terminal_output_has_no_markup() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("xss.jsonl");
    let body = r#"Peskov said <script>alert(1)</script> & "quoted" a<b"#;
    write_jsonl(
        &input,
        &[serde_json::json!({"id": "x1", "lang": "en", "body": body})],
    );
    let idx = dir.path().join("index");
    index(&idx, &[&input]);
    let hit = &search(&idx, "Peskov")["hits"][0];
    assert_eq!(
        hit["snippet"],
        "<b>Peskov</b> said &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; a&lt;b"
    );
    assert_eq!(hit["passage"]["text"], body);
    assert_eq!(hit["passage"]["highlights"], serde_json::json!([[0, 6]]));
    // Piped text output: the text as written, no tags.
    let out = run(args(&[&"search", &"--index", &idx, &"Peskov"]));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(body), "{text}");
    assert!(!text.contains("<b>Peskov"), "{text}");
}

#[test]
fn a_folder_without_meta_json_is_refused_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    corpus(&input, 200);
    let idx = dir.path().join("index");
    index(&idx, &[&input]);
    std::fs::remove_file(idx.join("meta.json")).unwrap();
    let before: Vec<_> = std::fs::read_dir(&idx)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let out = run(args(&[&"index", &"--index", &idx, &seeds()]));
    let stderr = stderr_of(&out);
    assert!(!out.status.success());
    assert!(
        stderr.contains("not a Rosetta index") && stderr.contains(idx.to_str().unwrap()),
        "{stderr}"
    );
    for file in before {
        assert!(file.exists(), "{} was deleted", file.display());
    }
    // An empty folder, and one that does not exist, are fine.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(index(&empty, &[&seeds()]).indexed(), 5);
    assert_eq!(index(&dir.path().join("new"), &[&seeds()]).indexed(), 5);
}

#[test]
fn a_full_disk_is_reported_cleaned_up_and_the_next_run_works() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    corpus(&input, 20_000);
    let five = dir.path().join("five.jsonl");
    corpus(&five, 5);
    let mount = dir.path().join("small-disk");
    std::fs::create_dir(&mount).unwrap();
    let bin = indexer().display().to_string();
    let idx = mount.join("index");
    // A 2 MB file system of our own, in a mount namespace of our own (needs no root).
    let script = format!(
        "mount -t tmpfs -o size=2m tmpfs {m} || exit 99
         {bin} index --index {i} --commit-every 1000 {input}; echo \"first=$?\"
         {bin} index --index {i} {five}; echo \"second=$?\"
         {bin} stats --index {i}",
        m = mount.display(),
        i = idx.display(),
        input = input.display(),
        five = five.display(),
    );
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", &script])
        .stdin(Stdio::null())
        .output()
        .expect("unshare (util-linux) runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = stderr_of(&out);
    assert_ne!(
        out.status.code(),
        Some(99),
        "cannot mount a tmpfs: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    let first: Value =
        serde_json::from_str(lines[0]).unwrap_or_else(|_| panic!("{stdout}\n{stderr}"));
    assert!(
        first["failed"].as_str().unwrap().starts_with("disk full"),
        "{first}"
    );
    assert!(stderr.contains("disk full"), "{stderr}");
    assert!(first["uncommitted"].as_u64().unwrap() > 0, "{first}");
    assert_eq!(lines[1], "first=1", "{stdout}");
    assert!(
        lines[3] == "second=0",
        "the next run failed:\n{stdout}\n{stderr}"
    );
    let stats: Value = serde_json::from_str(lines[4]).unwrap();
    // What the first run committed is all there, and the five documents replaced five of them.
    assert_eq!(stats["documents"], first["indexed"], "{stats} {first}");
}

#[test]
fn a_read_only_index_can_be_searched() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&seeds()]);
    // Readable by all, writable by none; as root (who may write anyway) run as `nobody`.
    let chmod = Command::new("chmod")
        .args(["-R", "a+rX,a-w"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(chmod.success());
    let as_reader = |args: &[&str]| {
        let is_root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
        let mut cmd = if is_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "nobody", "--"]).arg(indexer());
            c
        } else {
            Command::new(indexer())
        };
        cmd.args(args).arg("--index").arg(&idx).output().unwrap()
    };
    let found = as_reader(&["search", "--json", "Песков"]);
    let restore = || {
        Command::new("chmod")
            .args(["-R", "u+w"])
            .arg(dir.path())
            .status()
            .unwrap();
    };
    let stderr = stderr_of(&found);
    if !found.status.success() {
        restore();
        panic!("search failed: {stderr}");
    }
    let v: Value = serde_json::from_slice(&found.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 4, "{v}");
    let stats = as_reader(&["stats"]);
    assert!(stats.status.success(), "{}", stderr_of(&stats));
    let write = as_reader(&["delete", "some-id"]);
    restore();
    assert!(!write.status.success());
    assert!(
        stderr_of(&write).contains("cannot write to the index"),
        "{}",
        stderr_of(&write)
    );
}

#[test]
fn check_names_a_damaged_segment_and_an_inconsistent_meta_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    corpus(&input, 3_000);
    let idx = dir.path().join("index");
    index(&idx, &[&input]);
    let ok = run(args(&[&"check", &"--index", &idx]));
    assert!(ok.status.success(), "{}", stderr_of(&ok));

    let inconsistent = dir.path().join("inconsistent");
    std::fs::create_dir(&inconsistent).unwrap();
    for e in std::fs::read_dir(&idx).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), inconsistent.join(e.file_name())).unwrap();
    }
    let mut meta: Value =
        serde_json::from_slice(&std::fs::read(inconsistent.join("meta.json")).unwrap()).unwrap();
    let segment = meta["segments"][0]["segment_id"]
        .as_str()
        .unwrap()
        .replace('-', "");
    let max_doc = meta["segments"][0]["max_doc"].as_u64().unwrap();
    meta["segments"][0]["max_doc"] = (max_doc + 5_000).into();
    std::fs::write(inconsistent.join("meta.json"), meta.to_string()).unwrap();
    for command in ["search", "stats", "check", "index"] {
        let mut a = args(&[&command, &"--index", &inconsistent]);
        match command {
            "search" => a.push("Peskov".into()),
            "index" => a.push(seeds().into()),
            _ => {}
        }
        let out = run(&a);
        let stderr = stderr_of(&out);
        assert!(!out.status.success(), "{command}");
        assert!(!stderr.contains("panicked"), "{command}: {stderr}");
        assert!(
            stderr.contains(&segment) && stderr.contains("meta.json"),
            "{command}: {stderr}"
        );
    }

    // One flipped byte in a postings file.
    let postings = std::fs::read_dir(&idx)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .unwrap();
    let mut bytes = std::fs::read(&postings).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xFF;
    std::fs::write(&postings, bytes).unwrap();
    let damaged = run(args(&[&"check", &"--index", &idx]));
    let stderr = stderr_of(&damaged);
    assert!(!damaged.status.success());
    let segment = postings.file_stem().unwrap().to_str().unwrap();
    assert!(stderr.contains(segment), "{stderr}");
    let report: Value = serde_json::from_slice(&damaged.stdout).unwrap();
    assert_eq!(report["damaged"].as_array().unwrap().len(), 1, "{report}");
}

#[test]
fn a_closed_pipe_ends_search_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    corpus(&input, 2_000);
    let idx = dir.path().join("index");
    index(&idx, &[&input]);
    let mut child = Command::new(indexer())
        .args(["search", "--limit", "2000", "--index"])
        .arg(&idx)
        .arg("Peskov")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `| head -0`: the reader goes away before the writer is done.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = stderr_of(&out);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
    assert!(out.status.success(), "{}: {stderr}", out.status);
}

#[test]
fn a_few_bad_bytes_keep_the_article_with_a_warning_but_binary_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("nul.txt"),
        b"Kremlin talks\nPeskov said\0 the summit would go ahead.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("latin1.txt"),
        b"Summit\nThe first line is fine.\nPeskov met the caf\xe9 owner.\n",
    )
    .unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
    std::fs::write(docs.join("image.txt"), png).unwrap();
    let idx = dir.path().join("index");
    let run = index(&idx, &[&docs]);
    assert_eq!(run.indexed(), 2, "{}", run.report);
    run.assert_error("image.txt", None, "binary");
    let warnings = run.report["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2, "{}", run.report);
    let warning = |file: &str| {
        warnings
            .iter()
            .find(|w| w["path"].as_str().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("no warning for {file}: {}", run.report))
            .clone()
    };
    assert_eq!(warning("nul.txt")["line"], 2);
    assert_eq!(warning("latin1.txt")["line"], 3);
    assert!(
        run.stderr.contains("latin1.txt:3: invalid UTF-8"),
        "{}",
        run.stderr
    );
    let hit = &search(&idx, "caf")["hits"];
    assert_eq!(hit.as_array().unwrap().len(), 1, "{hit}");
    assert!(hit[0]["passage"]["text"]
        .as_str()
        .unwrap()
        .contains("caf\u{FFFD} owner"));
    assert_eq!(search(&idx, "summit")["total"], 2);
}

#[test]
fn a_long_query_says_it_was_cut() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&seeds()]);
    let long = "Peskov ".repeat(1_000);
    let v = try_search(&idx, &long, &[]).unwrap();
    assert_eq!(v["truncated"], true);
    let short = try_search(&idx, "Peskov", &[]).unwrap();
    assert!(short.get("truncated").is_none(), "{short}");
    let out = run(args(&[&"search", &"--index", &idx, &long]));
    assert!(stderr_of(&out).contains("only its start was searched"));
}

#[test]
fn a_missing_path_fails_the_run_after_the_rest_is_indexed_and_dash_reads_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    let missing = dir.path().join("does-not-exist.jsonl");
    let out = run(args(&[&"index", &"--index", &idx, &missing, &seeds()]));
    assert!(!out.status.success());
    let report: Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().last().unwrap()).unwrap();
    assert_eq!(report["indexed"], 5, "{report}");
    assert!(stderr_of(&out).contains("does-not-exist.jsonl"));
    assert_eq!(stats(&idx)["documents"], 5);

    let mut child = Command::new(indexer())
        .args(["index", "--index"])
        .arg(&idx)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\":\"s1\",\"lang\":\"en\",\"body\":\"Zanzibar from standard input\"}\nnot json\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let report: Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().last().unwrap()).unwrap();
    assert_eq!(report["indexed"], 1, "{report}");
    assert_eq!(report["errors"][0]["line"], 2, "{report}");
    assert_eq!(search(&idx, "Zanzibar")["total"], 1);
}

#[test]
fn deletes_count_only_what_existed_and_stats_count_live_documents() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&seeds()]);
    // A second segment, so the deletes are not merged away at once.
    let more = dir.path().join("more.jsonl");
    corpus(&more, 20);
    index_with(&idx, &[&more], &["--no-wait-merges"]);
    let out = run(args(&[
        &"delete",
        &"--index",
        &idx,
        &"000_8f2fc13ca7d6a654",
        &"d3",
        &"no-such-id",
    ]));
    assert!(out.status.success(), "{}", stderr_of(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["deleted"],
        serde_json::json!(["000_8f2fc13ca7d6a654", "d3"])
    );
    assert_eq!(report["not_found"], serde_json::json!(["no-such-id"]));
    let s = stats(&idx);
    assert_eq!(s["documents"], 23);
    let by_language: u64 = s["by_language"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_language, 23, "{s}");
    assert_eq!(s["by_language"]["ro"], 1, "{s}");
}

#[test]
fn index_waits_for_merges_and_leaves_no_stray_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    corpus(&input, 30_000);
    let idx = dir.path().join("index");
    index_with(&idx, &[&input], &["--commit-every", "1000"]);
    let meta: Value =
        serde_json::from_slice(&std::fs::read(idx.join("meta.json")).unwrap()).unwrap();
    let live: Vec<String> = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    assert!(live.len() <= 8, "{} segments", live.len());
    for e in std::fs::read_dir(&idx).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let known = name == "meta.json"
            || name.starts_with('.')
            || live.iter().any(|s| name.starts_with(s.as_str()));
        assert!(known, "{name} belongs to no segment of the last commit");
    }
}
