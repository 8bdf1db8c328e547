//! Indexing throughput: `index/<engine>`, documents per second.
//!
//! Each iteration indexes the same synthetic news documents (sampled from `testdata/bench` and
//! the seeds) into a fresh in-RAM index with 2 indexing threads, commit included:
//! - `rosetta`: `NewsIndex` (analysis on rayon, per-language fields, folded forms, entity keys),
//!   in add_documents calls of the indexer example's batch size (so all at once);
//! - `tantivy_default`: a plain tantivy schema, `title` and `body` as `TEXT | STORED`.

mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rosetta::index::NewsIndex;

use common::{index_rosetta, Plain, Pools};

/// Documents per iteration.
const DOCS: usize = 4_000;
/// Indexing memory budget, both engines.
const MEMORY: usize = 100_000_000;

fn bench_index(c: &mut Criterion) {
    let docs = Pools::load().documents(DOCS, 7);
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("rosetta", |b| {
        b.iter_with_large_drop(|| {
            let index = NewsIndex::create_in_ram();
            index_rosetta(&index, &docs, MEMORY);
            index
        })
    });
    group.bench_function("tantivy_default", |b| {
        b.iter_with_large_drop(|| {
            let plain = Plain::create_in_ram();
            plain.add(&docs, MEMORY);
            plain
        })
    });
    group.finish();
}

criterion_group!(benches, bench_index);
criterion_main!(benches);
