//! The example indexer with `--postgres URL` and with `ROSETTA_POSTGRES`: index, search,
//! delete and stats against a throwaway PostgreSQL cluster the test starts.

mod common;

use common::run;
use rosetta_postgres::cluster::TempCluster;
use serde_json::Value;

fn last_json(out: &std::process::Output) -> Value {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {}: {stderr}", out.status);
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

#[test]
fn index_search_delete_and_stats_through_postgres() {
    let cluster = TempCluster::start(&["fsync=off"])
        .unwrap_or_else(|e| panic!("cannot start a PostgreSQL test cluster: {e}"));
    let url = cluster.url("postgres");
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/seeds");
    let report = last_json(&run(["index", "--postgres", &url, "--table", "cli", seeds]));
    assert_eq!(report["indexed"], 5);
    let search = |query: &str| {
        last_json(&run([
            "search",
            "--postgres",
            &url,
            "--table",
            "cli",
            "--json",
            query,
        ]))
    };
    let results = search("Песков");
    assert_eq!(results["total"], 5);
    assert!(results["hits"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("</b>"));
    // A word starting with `-` after the PostgreSQL options is an exclusion, not an option.
    let without = last_json(&run([
        "search",
        "--postgres",
        &url,
        "--table",
        "cli",
        "--json",
        "Песков",
        "-Miami",
    ]));
    let excluded = results["total"].as_u64().unwrap() - without["total"].as_u64().unwrap();
    assert!(excluded > 0 && excluded < 5, "{without}");
    let newest = last_json(&run([
        "search",
        "--postgres",
        &url,
        "--table",
        "cli",
        "--json",
        "--sort",
        "newest",
        "Песков",
    ]));
    assert_eq!(newest["total"], 5);
    // What the table cannot answer fails clearly.
    let out = run([
        "search",
        "--postgres",
        &url,
        "--table",
        "cli",
        "title:Peskov",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("title:"));
    let id = results["hits"][0]["id"].as_str().unwrap().to_string();
    last_json(&run(["delete", "--postgres", &url, "--table", "cli", &id]));
    assert_eq!(search("Песков")["total"], 4);
    // The environment variable stands for --postgres (and wins over --index).
    let out = std::process::Command::new(common::indexer())
        .args(["stats", "--index", "/nonexistent", "--table", "cli"])
        .env("ROSETTA_POSTGRES", &url)
        .output()
        .unwrap();
    assert_eq!(last_json(&out)["documents"], 4);
    // Neither given: a clear usage error.
    let out = run(["stats"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--index"));
}
