//! Query latency: `query/<kind>/<engine>`, one search per iteration, top 10 hits.
//!
//! Both engines search one index each of [`DOCS`] synthetic news documents (sampled from
//! `testdata/bench` and the seeds; the same documents for both), built once per run on first use
//! and merged into one segment. Kinds:
//! - `term`: one word; `and`: two words, both required; `phrase`: a quoted two-word phrase;
//! - `entity`: a name in Cyrillic (`Песков`) for rosetta, which finds its Latin and Arabic
//!   spellings; tantivy_default cannot, so it gets the Latin spelling (`Peskov`);
//! - `xlang`: two ordinary words (`summit negotiations`), which rosetta also matches through
//!   their translations in the other three languages (the translation lexicon, on by default);
//!   tantivy_default gets the same words;
//! - `or`: three words, any of them; `bool`: a monitoring query of seven words with OR, AND and
//!   NOT (the same string for both engines: tantivy's `QueryParser` reads the same syntax);
//! - `sort_date`: one word, the newest 10 first (tantivy: `TopDocs::order_by_fast_field` on the
//!   date);
//! - `facets`: one word, top 10 by relevance plus counts by language, by source and per day over
//!   every match (tantivy: its `AggregationCollector` with the same terms and date histogram).
//!
//! Every document gets a publication date (one of 400 days) and one of 12 sources, the same for
//! both engines.
//!
//! Engines:
//! - `rosetta`: `NewsIndex::search` of `SearchRequest::new(q).limit(10)` with `snippets: false`:
//!   the top 10 hits with their stored fields, and the count. That is the work `tantivy_default`
//!   does, so the two compare like for like (the query-latency target is set on this pair);
//! - `rosetta_snippet`: the same with snippets (the search API's default), to compare with
//!   `tantivy_snippet`;
//! - `tantivy_default`: `QueryParser` over `title` and `body` (conjunction by default), top 10
//!   and the count, and the 10 stored documents loaded;
//! - `tantivy_snippet`: the same plus tantivy's `SnippetGenerator` on `body` for each hit.
//!
//! `query/similar/<engine>`: documents like one of the index ([`SIMILAR_ID`]), top 10 and the count:
//! - `rosetta`: `NewsIndex::similar` of its id, snippets off, in every language;
//! - `tantivy_mlt`: tantivy's `MoreLikeThisQuery` on the plain index, of the same document (its
//!   stored `title` and `body`), top 10 and the count, the 10 stored documents loaded. It only
//!   finds documents in the document's own language; it is the speed baseline.
//!
//! `ROSETTA_BENCH_CLOCK=cpu` measures thread CPU time instead of wall time (searches run on the
//! calling thread).

mod common;

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Instant;

use criterion::measurement::Measurement;
use criterion::{criterion_main, BenchmarkId, Criterion};
use rosetta::index::{Facet, Interval, NewsIndex, SearchRequest, SimilarTo, Sort};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{MoreLikeThisQuery, QueryParser, TermQuery};
use tantivy::snippet::SnippetGenerator;
use tantivy::{doc, IndexReader, TantivyDocument};

use common::{index_rosetta, merge_all, run_with_clock, Pools};

/// Documents in each index.
const DOCS: usize = 100_000;
/// Indexing memory budget, both engines.
const MEMORY: usize = 400_000_000;

/// `(kind, rosetta query, tantivy_default query)`.
const QUERIES: [(&str, &str, &str); 7] = [
    ("term", "oxygen", "oxygen"),
    ("and", "steam engine", "steam engine"),
    ("phrase", "\"Super Bowl\"", "\"Super Bowl\""),
    ("entity", "Песков", "Peskov"),
    ("xlang", "summit negotiations", "summit negotiations"),
    ("or", "oxygen OR engine OR Bowl", "oxygen OR engine OR Bowl"),
    (
        "bool",
        "(steam OR engine) AND (water OR river OR sea) -oxygen NOT Bowl",
        "(steam OR engine) AND (water OR river OR sea) -oxygen NOT Bowl",
    ),
];

/// The document of `query/similar` (an English one, `Pools::documents` takes languages in turn).
const SIMILAR_ID: &str = "en-000001";

/// The word of the `sort_date` and `facets` queries.
const SORTED_WORD: &str = "engine";

/// The aggregations of `query/facets`, for tantivy (Rosetta asks the same through its request).
fn tantivy_aggregations() -> tantivy::aggregation::AggregationCollector {
    let aggs: tantivy::aggregation::agg_req::Aggregations = serde_json::from_value(serde_json::json!({
        "lang": {"terms": {"field": "lang", "size": 16}},
        "source": {"terms": {"field": "source", "size": 10}},
        "histogram": {"date_histogram": {"field": "published", "fixed_interval": "1d", "min_doc_count": 1}},
    }))
    .expect("aggregations");
    tantivy::aggregation::AggregationCollector::from_aggs(aggs, Default::default())
}

/// Gives each document a date and a source.
fn dated(mut docs: Vec<rosetta::index::NewsDocument>) -> Vec<rosetta::index::NewsDocument> {
    for (i, d) in docs.iter_mut().enumerate() {
        d.published = Some(1_735_689_600 + (i as i64 * 7_919 % 400) * 86_400);
        d.source = Some(format!("source{}", i % 12));
    }
    docs
}

/// tantivy_default's index: `title` and `body` as text, plus the fast fields of the sorted and
/// faceted queries.
struct PlainNews {
    index: tantivy::Index,
    id: tantivy::schema::Field,
    title: tantivy::schema::Field,
    body: tantivy::schema::Field,
}

impl PlainNews {
    fn create(docs: &[rosetta::index::NewsDocument]) -> PlainNews {
        use tantivy::schema::{Schema, FAST, INDEXED, STORED, STRING, TEXT};
        let mut builder = Schema::builder();
        let id = builder.add_text_field("id", STRING);
        let title = builder.add_text_field("title", TEXT | STORED);
        let body = builder.add_text_field("body", TEXT | STORED);
        let lang = builder.add_text_field("lang", STRING | FAST);
        let source = builder.add_text_field("source", STRING | FAST);
        let published = builder.add_date_field("published", INDEXED | FAST);
        let index = tantivy::Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter<TantivyDocument> = index
            .writer_with_num_threads(common::THREADS, MEMORY)
            .expect("tantivy writer");
        for d in docs {
            writer
                .add_document(doc!(
                    id => d.id.as_str(),
                    title => d.title.as_str(),
                    body => d.body.as_str(),
                    lang => rosetta::analysis::Language::code_or_und(d.lang),
                    source => d.source.clone().unwrap_or_default(),
                    published => tantivy::DateTime::from_timestamp_secs(d.published.unwrap_or(0)),
                ))
                .expect("tantivy add");
        }
        writer.commit().expect("tantivy commit");
        PlainNews {
            index,
            id,
            title,
            body,
        }
    }
}

struct Shared {
    rosetta: NewsIndex,
    plain: PlainNews,
    plain_reader: IndexReader,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let started = Instant::now();
        let docs = dated(Pools::load().documents(DOCS, 42));
        let rosetta = NewsIndex::create_in_ram();
        index_rosetta(&rosetta, &docs, MEMORY);
        merge_all(rosetta.tantivy_index());
        rosetta.reload().expect("reload");
        let built_rosetta = started.elapsed();
        let plain = PlainNews::create(&docs);
        merge_all(&plain.index);
        let plain_reader = plain.index.reader().expect("reader");
        eprintln!(
            "query bench: {DOCS} documents indexed by rosetta in {:.1?}, by tantivy_default in {:.1?} (merged)",
            built_rosetta,
            started.elapsed() - built_rosetta
        );
        let shared = Shared {
            rosetta,
            plain,
            plain_reader,
        };
        for (kind, rosetta_q, tantivy_q) in QUERIES {
            let r = shared
                .rosetta
                .search(&SearchRequest::new(rosetta_q).limit(10))
                .expect("search");
            let t = tantivy_search(&shared, &parser(&shared), tantivy_q, false);
            eprintln!(
                "query bench: {kind}: rosetta {rosetta_q:?} matches {}, tantivy_default {tantivy_q:?} matches {t}",
                r.total
            );
        }
        let like = shared
            .rosetta
            .similar(SimilarTo::Id(SIMILAR_ID), &SearchRequest::new("").limit(10))
            .expect("similar");
        let langs: Vec<&str> = like.hits.iter().map(|h| h.lang.as_str()).collect();
        eprintln!(
            "query bench: similar: rosetta like {SIMILAR_ID} matches {} (top 10 in {langs:?}), tantivy_mlt {}",
            like.total,
            tantivy_more_like_this(&shared, SIMILAR_ID)
        );
        shared
    })
}

/// The tantivy_default query parser: `title` and `body`, every word required.
fn parser(shared: &Shared) -> QueryParser {
    let mut parser = QueryParser::for_index(
        &shared.plain.index,
        vec![shared.plain.title, shared.plain.body],
    );
    parser.set_conjunction_by_default();
    parser
}

fn tantivy_search(shared: &Shared, parser: &QueryParser, q: &str, snippets: bool) -> usize {
    let searcher = shared.plain_reader.searcher();
    let query = parser.parse_query(q).expect("tantivy query");
    let (count, top) = searcher
        .search(&query, &(Count, TopDocs::with_limit(10).order_by_score()))
        .expect("tantivy search");
    let generator = snippets.then(|| {
        SnippetGenerator::create(&searcher, &*query, shared.plain.body).expect("snippets")
    });
    for (_, addr) in &top {
        let doc: TantivyDocument = searcher.doc(*addr).expect("stored doc");
        if let Some(generator) = &generator {
            black_box(generator.snippet_from_doc(&doc).to_html());
        }
        black_box(doc);
    }
    count
}

/// tantivy's More Like This of the document `id` (defaults but for the frequencies: a term
/// counts from its first occurrence, as the bench's documents are short), its top 10 and count.
fn tantivy_more_like_this(shared: &Shared, id: &str) -> usize {
    let searcher = shared.plain_reader.searcher();
    let term = tantivy::Term::from_field_text(shared.plain.id, id);
    let found = searcher
        .search(
            &TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic),
            &TopDocs::with_limit(1).order_by_score(),
        )
        .expect("id search");
    let (_, addr) = found[0];
    let query = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(1)
        .with_min_term_frequency(1)
        .with_document(addr);
    let (count, top) = searcher
        .search(&query, &(Count, TopDocs::with_limit(10).order_by_score()))
        .expect("mlt search");
    for (_, addr) in &top {
        black_box(searcher.doc::<TantivyDocument>(*addr).expect("stored doc"));
    }
    count
}

fn bench_query<M: Measurement>(c: &mut Criterion<M>) {
    let mut group = c.benchmark_group("query");
    for (kind, rosetta_q, tantivy_q) in QUERIES {
        group.bench_function(BenchmarkId::new(kind, "rosetta"), |b| {
            let index = &shared().rosetta;
            let mut request = SearchRequest::new(rosetta_q).limit(10);
            request.snippets = false;
            b.iter(|| index.search(black_box(&request)).expect("search").total)
        });
        group.bench_function(BenchmarkId::new(kind, "rosetta_snippet"), |b| {
            let index = &shared().rosetta;
            let request = SearchRequest::new(rosetta_q).limit(10);
            b.iter(|| index.search(black_box(&request)).expect("search").total)
        });
        group.bench_function(BenchmarkId::new(kind, "tantivy_default"), |b| {
            let shared = shared();
            let parser = parser(shared);
            b.iter(|| tantivy_search(shared, &parser, black_box(tantivy_q), false))
        });
        group.bench_function(BenchmarkId::new(kind, "tantivy_snippet"), |b| {
            let shared = shared();
            let parser = parser(shared);
            b.iter(|| tantivy_search(shared, &parser, black_box(tantivy_q), true))
        });
    }
    group.bench_function(BenchmarkId::new("similar", "rosetta"), |b| {
        let index = &shared().rosetta;
        let mut request = SearchRequest::new("").limit(10);
        request.snippets = false;
        b.iter(|| {
            index
                .similar(SimilarTo::Id(black_box(SIMILAR_ID)), &request)
                .expect("similar")
                .total
        })
    });
    group.bench_function(BenchmarkId::new("similar", "tantivy_mlt"), |b| {
        let shared = shared();
        b.iter(|| tantivy_more_like_this(shared, black_box(SIMILAR_ID)))
    });
    group.bench_function(BenchmarkId::new("sort_date", "rosetta"), |b| {
        let index = &shared().rosetta;
        let mut request = SearchRequest::new(SORTED_WORD).limit(10).sort(Sort::Newest);
        request.snippets = false;
        b.iter(|| index.search(black_box(&request)).expect("search").total)
    });
    group.bench_function(BenchmarkId::new("sort_date", "tantivy_default"), |b| {
        let shared = shared();
        let parser = parser(shared);
        b.iter(|| {
            let searcher = shared.plain_reader.searcher();
            let query = parser.parse_query(black_box(SORTED_WORD)).expect("query");
            let top = TopDocs::with_limit(10)
                .order_by_fast_field::<tantivy::DateTime>("published", tantivy::Order::Desc);
            let (count, top) = searcher.search(&query, &(Count, top)).expect("search");
            for (_, addr) in &top {
                black_box(searcher.doc::<TantivyDocument>(*addr).expect("stored doc"));
            }
            count
        })
    });
    group.bench_function(BenchmarkId::new("facets", "rosetta"), |b| {
        let index = &shared().rosetta;
        let mut request = SearchRequest::new(SORTED_WORD)
            .limit(10)
            .facets(&[Facet::Lang, Facet::Source])
            .histogram(Interval::Day);
        request.snippets = false;
        b.iter(|| {
            index
                .search(black_box(&request))
                .expect("search")
                .facets
                .lang
                .len()
        })
    });
    group.bench_function(BenchmarkId::new("facets", "tantivy_default"), |b| {
        let shared = shared();
        let parser = parser(shared);
        b.iter(|| {
            let searcher = shared.plain_reader.searcher();
            let query = parser.parse_query(black_box(SORTED_WORD)).expect("query");
            let collector = (
                Count,
                TopDocs::with_limit(10).order_by_score(),
                tantivy_aggregations(),
            );
            let (count, top, aggs) = searcher.search(&query, &collector).expect("search");
            for (_, addr) in &top {
                black_box(searcher.doc::<TantivyDocument>(*addr).expect("stored doc"));
            }
            black_box(aggs);
            count
        })
    });
    group.finish();
}

fn benches() {
    run_with_clock(bench_query, bench_query);
}

criterion_main!(benches);
