//! Analysis throughput: `analyze/<lang>/<engine>`, bytes of text per second.
//!
//! Each iteration analyzes every paragraph of the language's corpus (`testdata/bench`), one call
//! per paragraph, as the indexer does per document field. Engines:
//! - `rosetta`: the full analysis the index uses (`Analyzer::analyze_with`, document mode,
//!   language given) into a sink that counts tokens;
//! - `tantivy_default`: tantivy's `default` analyzer (SimpleTokenizer, RemoveLongFilter(40),
//!   LowerCaser);
//! - `tantivy_stem`: `default` plus tantivy's Snowball stemmer for the language (not Vietnamese);
//! - `charabia`: Meilisearch's tokenizer (`tokenize()`, default features off), counting tokens.
//!
//! `ROSETTA_BENCH_CLOCK=cpu` measures thread CPU time instead of wall time (steadier on a busy
//! machine).

mod common;

use std::hint::black_box;

use charabia::Tokenize;
use criterion::measurement::Measurement;
use criterion::{criterion_main, BenchmarkId, Criterion, Throughput};
use rosetta::analysis::{Analyzer, Language, Mode, TokenRef, TokenSink};
use tantivy::tokenizer::{
    Language as StemLanguage, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};

use common::{paragraphs, run_with_clock, LANGS};

/// Counts tokens without keeping them.
#[derive(Default)]
struct CountSink(usize);

impl TokenSink for CountSink {
    fn token(&mut self, _token: TokenRef<'_>) {
        self.0 += 1;
    }
}

fn tantivy_default() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

fn tantivy_stem(lang: Language) -> Option<TextAnalyzer> {
    let stem_lang = match lang {
        Language::Romanian => StemLanguage::Romanian,
        Language::English => StemLanguage::English,
        Language::Arabic => StemLanguage::Arabic,
        Language::Russian => StemLanguage::Russian,
        Language::Vietnamese => return None,
    };
    Some(
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(stem_lang))
            .build(),
    )
}

fn count_tantivy(analyzer: &mut TextAnalyzer, paras: &[&str]) -> usize {
    let mut n = 0;
    for p in paras {
        let mut stream = analyzer.token_stream(p);
        while stream.advance() {
            n += 1;
        }
    }
    n
}

fn bench_analyze<M: Measurement>(c: &mut Criterion<M>) {
    let analyzer = Analyzer::new();
    let mut group = c.benchmark_group("analyze");
    for (code, lang) in LANGS {
        let paras = paragraphs(lang);
        let bytes: usize = paras.iter().map(|p| p.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));

        group.bench_function(BenchmarkId::new(code, "rosetta"), |b| {
            b.iter(|| {
                let mut sink = CountSink::default();
                for p in &paras {
                    analyzer.analyze_with(black_box(p), Some(lang), Mode::Document, &mut sink);
                }
                sink.0
            })
        });

        let mut default = tantivy_default();
        group.bench_function(BenchmarkId::new(code, "tantivy_default"), |b| {
            b.iter(|| count_tantivy(&mut default, black_box(&paras)))
        });

        if let Some(mut stem) = tantivy_stem(lang) {
            group.bench_function(BenchmarkId::new(code, "tantivy_stem"), |b| {
                b.iter(|| count_tantivy(&mut stem, black_box(&paras)))
            });
        }

        group.bench_function(BenchmarkId::new(code, "charabia"), |b| {
            b.iter(|| {
                paras
                    .iter()
                    .map(|p| black_box(*p).tokenize().count())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

fn benches() {
    run_with_clock(bench_analyze, bench_analyze);
}

criterion_main!(benches);
