//! The PostgreSQL backend beside the tantivy one: `pg_query/<kind>/<engine>`, one search per
//! iteration, top 10 hits without snippets, over the same [`DOCS`] synthetic news documents as
//! the `query` bench (kinds `term`, `and`, `phrase`, `entity`: see `benches/query.rs`); engines
//! `postgres` (`PgIndex::search` through a Unix socket to a throwaway local server) and
//! `rosetta` (`NewsIndex::search`, on disk, merged to one segment).
//!
//! Setup indexes the documents into both and prints documents/s and the size on disk of each,
//! then each query's p50 and p99 over [`SAMPLES`] runs, before criterion's figures. The
//! PostgreSQL server runs with its default settings (fsync on) on a temporary directory. With no
//! PostgreSQL server installed the bench says so and measures nothing. Set
//! `ROSETTA_PG_BENCH_DOCS` for a smaller corpus, `ROSETTA_PG_BENCH_SETTINGS` for server settings
//! (`name=value ...`) and `ROSETTA_PG_BENCH_LOG` to a file to keep the server's log in.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};
use rosetta::analysis::Analyzer;
use rosetta::index::{NewsIndex, SearchRequest};
use rosetta_postgres::cluster::{server_binaries, TempCluster};
use rosetta_postgres::PgIndex;

use common::{index_rosetta, merge_all, Pools};

/// Documents in each index.
const DOCS: usize = 100_000;
/// Documents per PostgreSQL transaction (as the example indexer).
const PG_BATCH: usize = 1024;
/// Runs per query for the percentiles.
const SAMPLES: usize = 200;

/// `(kind, query)`.
const QUERIES: [(&str, &str); 4] = [
    ("term", "oxygen"),
    ("and", "steam engine"),
    ("phrase", "\"Super Bowl\""),
    ("entity", "Песков"),
];

fn dir_bytes(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn percentiles(mut search: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..SAMPLES)
        .map(|_| {
            let started = Instant::now();
            search();
            started.elapsed()
        })
        .collect();
    times.sort();
    (times[SAMPLES / 2], times[SAMPLES * 99 / 100])
}

fn main() {
    if server_binaries().is_none() {
        eprintln!(
            "pg_query: skipped: no PostgreSQL server installed (Debian: apt-get install -y \
             postgresql-15, or set ROSETTA_PG_BIN to the directory holding initdb and pg_ctl)"
        );
        return;
    }
    let docs_wanted = std::env::var("ROSETTA_PG_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DOCS);
    let docs = Pools::load().documents(docs_wanted, 42);
    let text_bytes: usize = docs.iter().map(|d| d.title.len() + d.body.len()).sum();

    let tantivy_dir = tempfile::tempdir().expect("temporary directory");
    let started = Instant::now();
    let tantivy = NewsIndex::open_or_create(tantivy_dir.path()).expect("tantivy index");
    index_rosetta(&tantivy, &docs, 400_000_000);
    let tantivy_time = started.elapsed();
    merge_all(tantivy.tantivy_index());
    tantivy.reload().expect("reload");

    // Extra server settings, e.g. `shared_preload_libraries=auto_explain` to study plans.
    let settings = std::env::var("ROSETTA_PG_BENCH_SETTINGS").unwrap_or_default();
    let settings: Vec<&str> = settings.split_whitespace().collect();
    let cluster = TempCluster::start(&settings).expect("PostgreSQL cluster");
    let mut pg =
        PgIndex::connect_with(&cluster.url("postgres"), "bench", Analyzer::new()).expect("connect");
    let started = Instant::now();
    for batch in docs.chunks(PG_BATCH) {
        pg.upsert(batch).expect("upsert");
    }
    let pg_time = started.elapsed();
    pg.client()
        .batch_execute("VACUUM ANALYZE bench")
        .expect("vacuum");
    let stats = pg.stats().expect("stats");
    let mb = |bytes: u64| bytes as f64 / 1e6;
    eprintln!(
        "pg_query: {} documents ({:.1} MB of text): tantivy {:.0} docs/s, {:.1} MB on disk (merged); \
         postgres {:.0} docs/s, table {:.1} MB + indexes {:.1} MB + ranking statistics {:.1} MB",
        docs.len(),
        mb(text_bytes as u64),
        docs.len() as f64 / tantivy_time.as_secs_f64(),
        mb(dir_bytes(tantivy_dir.path())),
        docs.len() as f64 / pg_time.as_secs_f64(),
        mb(stats.table_bytes as u64),
        mb(stats.index_bytes as u64),
        mb(stats.statistics_bytes as u64),
    );
    let request = |q: &str| {
        let mut r = SearchRequest::new(q).limit(10);
        r.snippets = false;
        r
    };
    for (kind, q) in QUERIES {
        let req = request(q);
        let t = tantivy.search(&req).expect("search");
        let p = pg.search(&req).expect("search");
        let (t50, t99) = percentiles(|| {
            black_box(tantivy.search(&req).expect("search"));
        });
        let (p50, p99) = percentiles(|| {
            black_box(pg.search(&req).expect("search"));
        });
        eprintln!(
            "pg_query: {kind} {q:?}: matches tantivy {} postgres {}; p50 / p99 tantivy {t50:.1?} / {t99:.1?}, postgres {p50:.1?} / {p99:.1?}",
            t.total, p.total
        );
    }

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("pg_query");
    for (kind, q) in QUERIES {
        let req = request(q);
        group.bench_function(BenchmarkId::new(kind, "rosetta"), |b| {
            b.iter(|| tantivy.search(black_box(&req)).expect("search").total)
        });
        group.bench_function(BenchmarkId::new(kind, "postgres"), |b| {
            b.iter(|| pg.search(black_box(&req)).expect("search").total)
        });
    }
    group.finish();
    c.final_summary();
    drop(pg);
    if let Some(copy) = std::env::var_os("ROSETTA_PG_BENCH_LOG") {
        let _ = std::fs::copy(cluster.dir().join("server.log"), copy);
    }
    drop(cluster);
}
