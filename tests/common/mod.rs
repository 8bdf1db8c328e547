//! Running the example indexer (`examples/indexer/`) from integration tests.
//!
//! Cargo gives integration tests no path to an example's binary. `cargo test` builds the examples
//! before it runs the tests, into `target/<profile>/examples/`, next to this test's own
//! `target/<profile>/deps/`; to be safe when a single test target was asked for
//! (`cargo test --test cli_bad_input`), the first use runs `cargo build --example indexer` for the
//! same profile and target directory (a no-op when it is up to date).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

/// The indexer binary, built if need be.
pub fn indexer() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable path");
        // target/<profile>/deps/<test>-<hash>
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("test executable in target/<profile>/deps");
        let bin = profile_dir
            .join("examples")
            .join(format!("indexer{}", std::env::consts::EXE_SUFFIX));
        let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") => "dev".to_string(),
            Some(other) => other.to_string(),
            None => "dev".to_string(),
        };
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let built = Command::new(cargo)
            .args(["build", "--quiet", "--example", "indexer", "--profile"])
            .arg(&profile)
            .arg("--target-dir")
            .arg(profile_dir.parent().unwrap())
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .status();
        if !matches!(built, Ok(s) if s.success()) {
            eprintln!("note: `cargo build --example indexer` failed ({built:?}); using {bin:?}");
        }
        assert!(
            bin.exists(),
            "{} not found: run `cargo build --example indexer` first",
            bin.display()
        );
        bin
    })
}

/// Runs the indexer with `args`.
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(indexer())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("indexer runs")
}

/// What `index` printed and did.
pub struct IndexRun {
    /// The last stdout line, parsed.
    pub report: Value,
    pub stderr: String,
}

impl IndexRun {
    pub fn indexed(&self) -> u64 {
        self.report["indexed"].as_u64().unwrap()
    }

    pub fn replaced(&self) -> u64 {
        self.report["replaced"].as_u64().unwrap()
    }

    pub fn errors(&self) -> &[Value] {
        self.report["errors"].as_array().unwrap()
    }

    /// Asserts an error for the file named `file` at `line` containing `fragment`, also shown on
    /// stderr with path and line.
    pub fn assert_error(&self, file: &str, line: Option<u64>, fragment: &str) {
        let found = self.errors().iter().find(|e| {
            Path::new(e["path"].as_str().unwrap())
                .file_name()
                .and_then(|n| n.to_str())
                == Some(file)
                && e["line"].as_u64() == line
                && e["error"].as_str().unwrap().contains(fragment)
        });
        let Some(e) = found else {
            panic!(
                "no error for {file}:{line:?} containing {fragment:?} in {:#}",
                self.report["errors"]
            );
        };
        let path = e["path"].as_str().unwrap();
        let shown = match line {
            Some(l) => format!("{path}:{l}: "),
            None => format!("{path}: "),
        };
        assert!(
            self.stderr.contains(&shown),
            "stderr does not show {shown:?}:\n{}",
            self.stderr
        );
    }
}

/// Runs `index --index DIR PATHS...`; asserts exit 0, no panic, and the report's shape.
pub fn index(dir: &Path, paths: &[&Path]) -> IndexRun {
    index_with(dir, paths, &[])
}

pub fn index_with(dir: &Path, paths: &[&Path], extra: &[&str]) -> IndexRun {
    index_run(dir, paths, extra, true)
}

/// Runs `index` expecting it to fail (exit non-zero) after indexing what it could; the report is
/// still the last line of stdout.
pub fn index_failing(dir: &Path, paths: &[&Path]) -> IndexRun {
    index_run(dir, paths, &[], false)
}

fn index_run(dir: &Path, paths: &[&Path], extra: &[&str], succeeds: bool) -> IndexRun {
    let mut args: Vec<std::ffi::OsString> = vec!["index".into(), "--index".into(), dir.into()];
    args.extend(extra.iter().map(Into::into));
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    let out = run(&args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "indexer panicked:\n{stderr}");
    assert_eq!(
        out.status.success(),
        succeeds,
        "index exited with {}:\n{stderr}",
        out.status
    );
    let last = stdout.lines().last().unwrap_or_default();
    let report: Value = serde_json::from_str(last)
        .unwrap_or_else(|e| panic!("last stdout line is not JSON ({e}): {last:?}"));
    for key in ["indexed", "replaced", "skipped"] {
        assert!(report[key].is_u64(), "{key} missing in {report}");
    }
    let errors = report["errors"].as_array().expect("errors array");
    assert_eq!(report["skipped"].as_u64().unwrap(), errors.len() as u64);
    for e in errors {
        assert!(e["path"].is_string(), "{e}");
        assert!(e["line"].is_u64() || e["line"].is_null(), "{e}");
        assert!(e["error"].as_str().is_some_and(|s| !s.is_empty()), "{e}");
    }
    IndexRun { report, stderr }
}

/// Runs `search --json`; returns the parsed output, or the exit status and stderr on failure.
pub fn try_search(dir: &Path, query: &str, extra: &[&str]) -> Result<Value, (i32, String)> {
    let mut args: Vec<std::ffi::OsString> = vec!["search".into(), "--index".into(), dir.into()];
    args.extend(extra.iter().map(Into::into));
    args.push("--json".into());
    args.push("--".into());
    args.push(query.into());
    let out = run(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "search panicked:\n{stderr}");
    if !out.status.success() {
        return Err((out.status.code().unwrap_or(-1), stderr));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("search output is not JSON ({e}): {stdout:?}"));
    assert!(v["total"].is_u64() && v["hits"].is_array(), "{v}");
    for h in v["hits"].as_array().unwrap() {
        for key in ["id", "lang", "title", "snippet"] {
            assert!(h[key].is_string(), "hit without {key}: {h}");
        }
        assert!(h["score"].is_number(), "{h}");
    }
    Ok(v)
}

/// Searches; panics on failure.
pub fn search(dir: &Path, query: &str) -> Value {
    try_search(dir, query, &["--limit", "50"])
        .unwrap_or_else(|(code, err)| panic!("search {query:?} failed ({code}): {err}"))
}

/// Ids found by `query`, sorted.
pub fn ids(dir: &Path, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = search(dir, query)["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// `stats` output.
pub fn stats(dir: &Path) -> Value {
    let out = run([
        std::ffi::OsStr::new("stats"),
        "--index".as_ref(),
        dir.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stats failed: {stderr}");
    serde_json::from_slice(&out.stdout).expect("stats prints JSON")
}
