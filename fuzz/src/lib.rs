//! The fuzz targets' bodies: each takes the fuzzer's bytes, runs one part of Rosetta on them and
//! panics when an invariant breaks (libFuzzer then saves the input in `artifacts/`).
//!
//! Checks for bugs already known and reported are left out, so a run can go on finding
//! new ones; set `ROSETTA_FUZZ_STRICT=1` to check those too (see `README.md`).

use std::sync::{Mutex, OnceLock};

use rosetta_analysis::{Analysis, Analyzer, Language, TermKind};
use rosetta_index::input::{parse_json_document, read_inputs, InputItem};
use rosetta_index::query::parse_query;
use rosetta_index::{Error, NewsDocument, NewsIndex, NewsWriter, SearchRequest, WriterOptions};

fn strict() -> bool {
    static STRICT: OnceLock<bool> = OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("ROSETTA_FUZZ_STRICT").is_some_and(|v| v != "0"))
}

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

fn lang_of(selector: u8) -> Option<Language> {
    match selector as usize % (Language::ALL.len() + 1) {
        0 => None,
        n => Some(Language::ALL[n - 1]),
    }
}

/// The field family a term kind is indexed in.
fn field_of(kind: TermKind) -> usize {
    match kind {
        TermKind::Stem | TermKind::Word | TermKind::Compound => 0,
        TermKind::Folded => 1,
        TermKind::Entity => 2,
    }
}

/// Panics unless `analysis` of `text` keeps the analyzer's invariants.
pub fn check_analysis(text: &str, analysis: &Analysis) {
    let mut last = [0u32; 3];
    let mut last_global = 0u32;
    for t in &analysis.tokens {
        assert!(t.start <= t.end && t.end <= text.len(), "offsets {t:?}");
        assert!(
            text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
            "offsets not on char boundaries: {t:?}"
        );
        let field = field_of(t.kind);
        assert!(t.position >= last[field], "position decreases: {t:?}");
        last[field] = t.position;
        assert!(t.term.len() < 65_530, "term longer than tantivy allows");
        if strict() {
            // Known bugs: empty terms from lone tatweel/harakat; compounds after entity keys.
            assert!(!t.term.is_empty(), "empty term: {t:?}");
            assert!(t.position >= last_global, "global position order: {t:?}");
            last_global = t.position;
        }
    }
    let mut end = 0;
    for w in &analysis.words {
        assert!(w.start < w.end && w.end <= text.len(), "word {w:?}");
        assert!(
            text.is_char_boundary(w.start) && text.is_char_boundary(w.end),
            "word not on char boundaries: {w:?}"
        );
        assert!(w.start >= end, "words overlap: {w:?}");
        end = w.end;
    }
}

/// Target `analyze`: the first byte picks the language (or detection) and the mode, the rest is
/// the text (read lossily).
pub fn analyze(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let lang = lang_of(selector);
    let analysis = if selector & 0x80 == 0 {
        let a = analyzer().analyze(&text, lang);
        if lang.is_none() {
            assert_eq!(a.language, rosetta_analysis::detect_language(&text));
        }
        a
    } else {
        analyzer().analyze_query(&text, lang)
    };
    check_analysis(&text, &analysis);
}

struct SearchFixture {
    index: NewsIndex,
    ids: Vec<String>,
}

fn search_fixture() -> &'static SearchFixture {
    static FIXTURE: OnceLock<SearchFixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/seeds");
        let mut docs: Vec<NewsDocument> = read_inputs(&[seeds.into()])
            .filter_map(|item| match item {
                InputItem::Document { doc, .. } => Some(doc),
                _ => None,
            })
            .collect();
        assert!(!docs.is_empty(), "seed articles not found in {seeds}");
        for (i, line) in [
            r#"{"id":"d1","body":"Peskov spoke about the summit.","lang":"en","published":"2025-01-10","source":"Reuters"}"#,
            r#"{"id":"d2","body":"Peskov a vorbit despre summit.","lang":"ro","published":"2025-06-15T10:00:00Z","source":"Digi24"}"#,
            r#"{"id":"d3","body":"Peskov nói về hội nghị thượng đỉnh.","published":"2025-12-20"}"#,
        ]
        .iter()
        .enumerate()
        {
            docs.push(parse_json_document(line).unwrap_or_else(|e| panic!("{i}: {e}")));
        }
        let index = NewsIndex::create_in_ram();
        let mut writer = index.writer().unwrap();
        writer.add_documents(&docs).unwrap();
        writer.commit().unwrap();
        SearchFixture {
            index,
            ids: docs.into_iter().map(|d| d.id).collect(),
        }
    })
}

/// Target `query_search`: the first byte picks the limit and a language filter, the rest is the
/// query (lossy); parsing and searching must not panic, and results must respect the limit.
pub fn query_search(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let query = String::from_utf8_lossy(rest);
    let parsed = parse_query(&query);
    let f = search_fixture();
    let limit = (selector & 0x1f) as usize + 1;
    let mut request = SearchRequest::new(query.as_ref()).limit(limit);
    request.lang = if selector & 0x20 != 0 {
        lang_of(selector >> 6 | 1)
    } else {
        None
    };
    match (parsed, f.index.search(&request)) {
        (Err(Error::InvalidQuery(_)), Err(Error::InvalidQuery(_))) => {}
        (Ok(_), Ok(results)) => {
            assert!(results.hits.len() <= limit, "more hits than the limit");
            let full = results.hits.iter().filter(|h| h.full_match).count();
            assert!(full <= results.total, "more full matches than total");
            for hit in &results.hits {
                assert!(f.ids.contains(&hit.id), "unknown id {}", hit.id);
                assert!(hit.score.is_finite(), "score {}", hit.score);
                if let Some(l) = request.lang {
                    assert_eq!(hit.lang, l.code());
                }
            }
        }
        (p, r) => panic!("parse gave {p:?} but search {r:?}"),
    }
}

struct Writing {
    index: NewsIndex,
    writer: NewsWriter,
    added: usize,
}

fn writing() -> &'static Mutex<Option<Writing>> {
    static WRITING: Mutex<Option<Writing>> = Mutex::new(None);
    &WRITING
}

/// Documents per in-RAM index before it is replaced by a fresh one (bounds memory).
const DOCS_PER_INDEX: usize = 4096;
/// Documents between commits (each followed by a search).
const DOCS_PER_COMMIT: usize = 64;

/// Target `index_document`: the input is a `.jsonl` line (first byte `{`), or else a text whose
/// first byte picks the language; the document is analyzed and added to an in-RAM index,
/// committed and searched every few inputs.
pub fn index_document(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let doc = if selector == b'{' {
        match parse_json_document(&String::from_utf8_lossy(data)) {
            Ok(doc) => doc,
            Err(e) => {
                assert!(!e.is_empty());
                return;
            }
        }
    } else {
        let text = String::from_utf8_lossy(rest);
        let (title, body) = text.split_once('\n').unwrap_or(("", &text));
        let mut doc = NewsDocument::new(format!("doc-{}", text.len() % 97), body).with_title(title);
        doc.lang = lang_of(selector);
        doc
    };
    if doc.validate().is_err() {
        return;
    }
    let mut guard = writing().lock().unwrap_or_else(|e| e.into_inner());
    if guard.as_ref().is_none_or(|w| w.added >= DOCS_PER_INDEX) {
        let index = NewsIndex::create_in_ram();
        let writer = index
            .writer_with(WriterOptions {
                memory_budget: 20_000_000,
                threads: 1,
            })
            .unwrap();
        *guard = Some(Writing {
            index,
            writer,
            added: 0,
        });
    }
    let w = guard.as_mut().unwrap();
    let outcome = w.writer.add(&doc).unwrap();
    assert_eq!(outcome.indexed + outcome.replaced, 1);
    w.added += 1;
    if w.added.is_multiple_of(DOCS_PER_COMMIT) {
        w.writer.commit().unwrap();
        let first_word: String = doc.body.split_whitespace().next().unwrap_or("").into();
        let results = w
            .index
            .search(&SearchRequest::new(first_word).limit(5))
            .unwrap_or_default();
        assert!(results.hits.len() <= 5);
        let stats = w.index.stats().unwrap();
        assert!(stats.documents as usize <= w.added);
    }
}
