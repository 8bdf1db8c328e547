//! Property tests of the query parser and search on a small in-RAM index (the seed articles plus
//! a few dated documents): on arbitrary query strings and on queries assembled from seed words,
//! filters, quotes, exclusions and punctuation, nothing panics, only a filter value can make a
//! query invalid, and results respect the limit, the language filter and the index's contents.

mod common;

use std::collections::HashSet;
use std::sync::OnceLock;

use proptest::prelude::*;
use rosetta_analysis::Language;
use rosetta_index::query::{parse_query, MAX_QUERY_BYTES};
use rosetta_index::{Error, NewsDocument, NewsIndex, SearchRequest};

struct Fixture {
    index: NewsIndex,
    ids: HashSet<String>,
    words: Vec<String>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let mut docs: Vec<NewsDocument> = common::seed_documents();
        let mut words: Vec<String> = docs
            .iter()
            .flat_map(|d| d.body.split_whitespace().map(str::to_string))
            .collect();
        words.sort();
        words.dedup();
        for (i, (day, lang)) in [
            ("2025-01-10", "en"),
            ("2025-06-15", "ro"),
            ("2025-12-20", "vi"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut doc = NewsDocument::new(
                format!("dated-{i}"),
                "Peskov spoke about the summit again; hội nghị thượng đỉnh.",
            );
            doc.published = rosetta_index::input::parse_date(day);
            doc.source = Some(["Reuters", "Digi24", "VnExpress"][i].into());
            doc.lang = Language::from_code(lang);
            docs.push(doc);
        }
        let ids = docs.iter().map(|d| d.id.clone()).collect();
        let index = NewsIndex::create_in_ram();
        let mut writer = index.writer().unwrap();
        writer.add_documents(&docs).unwrap();
        writer.commit().unwrap();
        Fixture { index, ids, words }
    })
}

/// One piece of a query.
fn piece() -> impl Strategy<Value = String> {
    let word = any::<prop::sample::Index>().prop_map(|i| {
        let words = &fixture().words;
        words[i.index(words.len())].clone()
    });
    let filter = prop_oneof![
        prop::sample::select(vec!["ro", "en", "ar", "vi", "RO", "xx", ""])
            .prop_map(|l| format!("lang:{l}")),
        prop::sample::select(vec!["reuters", "Digi24", "", "nobody"])
            .prop_map(|s| format!("source:{s}")),
        (
            prop::sample::select(vec!["after", "before", "since", "until", "date"]),
            1900..2100i32,
            1..13u32,
            1..29u32,
            any::<bool>()
        )
            .prop_map(|(k, y, m, d, range)| if range && k == "date" {
                format!("date:{y}-{m:02}-{d:02}..{}-01-01", y + 1)
            } else {
                format!("{k}:{y:04}-{m:02}-{d:02}")
            }),
        prop::sample::select(vec![
            "after:yesterday",
            "date:..",
            "date:2025-01-01..",
            "date:..2025-06-30",
            "before:2025-06-15T12:00:00+02:00",
            "title:Kremlin",
            "foo:",
        ])
        .prop_map(str::to_string),
    ];
    let syntax = prop::sample::select(vec![
        "\"", "-", "(", ")", "[", "]", "\"\"", "-\"", "--", "'", "’", ":", "..", "…", "،", "؟",
        "\u{0}", "\u{200b}", "\u{202e}", "\u{feff}", "\u{301}", "ـ", "\t", "\n",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        6 => word,
        2 => filter,
        3 => syntax,
        1 => "\\PC{1,8}",
        1 => prop::sample::select(vec![
            "Peskov", "Песков", "بيسكوف", "Kremlin", "intalnire", "hoi nghi", "Trump", "ترامب",
            "the", "și", "của", "في",
        ]).prop_map(str::to_string),
    ]
}

/// A query of pieces joined by spaces or nothing.
fn query() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), any::<bool>()), 0..10).prop_map(|pieces| {
        let mut q = String::new();
        for (p, space) in pieces {
            q.push_str(&p);
            if space {
                q.push(' ');
            }
        }
        q
    })
}

fn check_search(query: &str, limit: usize, lang: Option<Language>) -> Result<(), TestCaseError> {
    let f = fixture();
    let parsed = parse_query(query);
    let mut request = SearchRequest::new(query).limit(limit);
    request.lang = lang;
    let result = f.index.search(&request);
    match (&parsed, &result) {
        (Err(Error::InvalidQuery(_)), Err(Error::InvalidQuery(_))) => return Ok(()),
        (Ok(_), Ok(_)) => {}
        (p, r) => prop_assert!(false, "parse {p:?} but search {r:?}"),
    }
    let results = result.unwrap();
    prop_assert!(
        results.hits.len() <= limit,
        "{} hits > limit {limit}",
        results.hits.len()
    );
    let full = results.hits.iter().filter(|h| h.full_match).count();
    prop_assert!(full <= results.total);
    prop_assert!(results.total <= f.ids.len());
    let mut seen = HashSet::new();
    for hit in &results.hits {
        prop_assert!(f.ids.contains(&hit.id), "unknown id {}", hit.id);
        prop_assert!(seen.insert(hit.id.clone()), "duplicate hit {}", hit.id);
        prop_assert!(hit.score.is_finite());
        if let Some(l) = lang {
            prop_assert_eq!(&hit.lang, l.code());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parse_query_never_panics(q in "\\PC{0,64}|.{0,64}") {
        match parse_query(&q) {
            Ok(parsed) => {
                // Printing the tree and parsing it again gives the same tree.
                if let Some(root) = parsed.root {
                    let printed = root.to_string();
                    let again = parse_query(&printed).unwrap().root;
                    prop_assert_eq!(again.as_ref(), Some(&root), "printed as {:?}", printed);
                    let leaves: usize = printed.split_whitespace().filter(|w| !matches!(*w, "AND" | "OR" | "NOT")).map(str::len).sum();
                    prop_assert!(leaves <= MAX_QUERY_BYTES);
                }
            }
            Err(Error::InvalidQuery(m)) => prop_assert!(!m.is_empty()),
            Err(e) => prop_assert!(false, "unexpected error {e:?}"),
        }
    }

    #[test]
    fn arbitrary_strings_search_safely(q in "\\PC{0,40}", limit in 1..20usize) {
        check_search(&q, limit, None)?;
    }

    #[test]
    fn assembled_queries_search_safely(
        q in query(),
        limit in 1..20usize,
        lang in prop::option::of(prop::sample::select(Language::ALL.to_vec())),
    ) {
        check_search(&q, limit, lang)?;
    }
}

#[test]
fn limit_zero_returns_no_hits() {
    let results = fixture()
        .index
        .search(&SearchRequest::new("Peskov").limit(0))
        .unwrap();
    assert!(results.total > 0);
    assert!(results.hits.is_empty(), "{} hits", results.hits.len());
}
