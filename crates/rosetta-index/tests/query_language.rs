//! The query language on the seed articles (Romanian, English, Arabic, Vietnamese) in every
//! script, and the relevance contract: exact totals, full and relaxed matches, sorting, paging
//! with cursors while documents arrive, and counts by language, source and day.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use rosetta_analysis::Language;
use rosetta_index::{Facet, Interval, NewsDocument, NewsIndex, SearchRequest, Sort};

/// The seed articles, with sources and dates added.
fn index() -> &'static NewsIndex {
    static INDEX: OnceLock<NewsIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = NewsIndex::create_in_ram();
        let mut writer = index.writer().unwrap();
        let docs: Vec<NewsDocument> = common::seed_documents()
            .into_iter()
            .enumerate()
            .map(|(i, mut d)| {
                d.source = Some(["reuters", "ap"][i % 2].to_string());
                d.published = Some(1_766_000_000 + i as i64 * 86_400);
                d
            })
            .collect();
        writer.add_documents(&docs).unwrap();
        writer.commit().unwrap();
        index
    })
}

fn ids(query: &str) -> Vec<String> {
    ids_of(SearchRequest::new(query))
}

/// The words as typed only, without their translations.
fn ids_as_typed(query: &str) -> Vec<String> {
    ids_of(SearchRequest::new(query).lexicon(false))
}

fn ids_of(request: SearchRequest) -> Vec<String> {
    let query = request.query.clone();
    let results = index()
        .search(&request.limit(100))
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    let mut ids: Vec<String> = results
        .hits
        .iter()
        .filter(|h| h.full_match)
        .map(|h| h.id.clone())
        .collect();
    assert_eq!(ids.len(), results.total, "{query}");
    ids.sort();
    ids
}

fn all() -> Vec<String> {
    ids("lang:ro lang:en lang:ar lang:vi lang:und")
}

fn minus(a: &[String], b: &[String]) -> Vec<String> {
    a.iter().filter(|x| !b.contains(x)).cloned().collect()
}

/// `Peskov` in the three scripts: each finds every seed article.
const PESKOV: [&str; 3] = ["Peskov", "Песков", "بيسكوف"];

#[test]
fn boolean_operators_in_every_script() {
    let everyone = all();
    assert_eq!(everyone.len(), 5);
    for peskov in PESKOV {
        let found = ids(peskov);
        assert_eq!(found, everyone, "{peskov}");
        assert_eq!(ids(&format!("{peskov} OR Zanzibar")), found, "{peskov}");
        assert_eq!(ids(&format!("({peskov} || Zanzibar) && {peskov}")), found);
        assert!(
            ids(&format!("{peskov} AND Zanzibar")).is_empty(),
            "{peskov}"
        );
        assert!(ids(&format!("{peskov} AND NOT {peskov}")).is_empty());
        assert!(ids(&format!("NOT {peskov}")).is_empty(), "NOT {peskov}");
        assert_eq!(
            ids(&format!("Zanzibar OR (NOT {peskov})")),
            Vec::<String>::new()
        );
    }
    // Words of each language, in its own script (as typed: inside operators, translations
    // count as the words do, see below).
    for word in ["întâlnire", "spokesman", "الكرملين", "thượng đỉnh"] {
        let found = ids_as_typed(word);
        assert!(!found.is_empty(), "{word}");
        let not = ids_as_typed(&format!("NOT ({word})"));
        assert_eq!(not, minus(&everyone, &found), "NOT {word}");
        let excluded = ids_as_typed(&format!("-\"{word}\""));
        assert_eq!(excluded, minus(&everyone, &found), "-{word}");
        assert_eq!(
            ids_as_typed(&format!("{word} OR Zanzibar")),
            found,
            "{word}"
        );
    }
    // Inside operators a word keeps its translations: the Romanian `întâlnire` (meeting) finds
    // the story in the other languages too.
    assert_eq!(ids_as_typed("întâlnire OR Zanzibar").len(), 2);
    assert_eq!(ids("întâlnire OR Zanzibar"), everyone);
}

#[test]
fn and_requires_every_word_and_or_any() {
    let ro = ids_as_typed("întâlnire");
    let vi = ids_as_typed("thượng đỉnh");
    let either = ids_as_typed("întâlnire OR \"thượng đỉnh\"");
    let mut union: Vec<String> = ro.iter().chain(&vi).cloned().collect();
    union.sort();
    union.dedup();
    assert_eq!(either, union);
    let both = ids_as_typed("întâlnire AND \"thượng đỉnh\"");
    assert!(both.iter().all(|id| ro.contains(id) && vi.contains(id)));
}

#[test]
fn phrases_slop_prefixes_and_titles() {
    // Adjacent in no seed, near in some: slop finds them.
    let exact = ids("\"Trump Putin\"");
    let near = ids("\"Trump Putin\"~4");
    assert!(near.len() > exact.len(), "{exact:?} {near:?}");
    // A prefix in Latin script finds the Romanian, English and Vietnamese Kremlin; one in Arabic
    // script the Arabic article.
    let kreml = ids("Kreml*");
    assert!(kreml.len() >= 3, "{kreml:?}");
    assert_eq!(ids("الكرمل*"), ["002_f19602772c35515f"]);
    // Titles: a subset of the documents with the word, in any script.
    for word in ["Trump", "Трамп", "ترامب"] {
        let in_title = ids(&format!("title:{word}"));
        let anywhere = ids(word);
        assert!(!in_title.is_empty(), "title:{word}");
        assert!(
            in_title.iter().all(|id| anywhere.contains(id)),
            "title:{word}"
        );
        assert!(in_title.len() < anywhere.len(), "title:{word}");
    }
    assert_eq!(ids("title:\"Statele Unite\""), ids("title:(Statele Unite)"));
}

#[test]
fn repeated_filters_combine_as_or() {
    let ro = ids("Peskov lang:ro");
    let en = ids("Peskov lang:en");
    let both = ids("Peskov lang:ro lang:en");
    assert_eq!(both.len(), ro.len() + en.len());
    assert_eq!(ids("Peskov source:ap source:reuters").len(), 5);
    assert_eq!(
        ids("Peskov -source:ap").len(),
        ids("Peskov source:reuters").len()
    );
    assert_eq!(ids("Peskov -lang:ro").len(), 5 - ro.len());
}

#[test]
fn errors_name_the_field_and_position() {
    for (query, fragment) in [
        ("Peskov foo:bar", "`foo` at position 8"),
        ("Peskov (lang:ro)", "outside parentheses"),
        ("lang:xx", "xx"),
    ] {
        match index().search(&SearchRequest::new(query)) {
            Err(rosetta_index::Error::InvalidQuery(m)) => assert!(m.contains(fragment), "{m}"),
            other => panic!("{query}: {other:?}"),
        }
    }
}

#[test]
fn stopwords_alone_do_not_match_other_languages() {
    // `the of and` are English function words: not indexed in English, and no Vietnamese text
    // is about them.
    let results = index().search(&SearchRequest::new("the of and")).unwrap();
    assert_eq!(results.total, 0, "{:?}", results.hits);
}

#[test]
fn total_does_not_depend_on_the_limit_and_relaxed_hits_say_so() {
    for query in [
        "Peskov Trump",
        "Kremlin summit",
        "Peskov Zanzibar",
        "Trump OR Zanzibar",
    ] {
        let totals: HashSet<usize> = [1, 2, 5, 100]
            .into_iter()
            .map(|limit| {
                index()
                    .search(&SearchRequest::new(query).limit(limit))
                    .unwrap()
                    .total
            })
            .collect();
        assert_eq!(totals.len(), 1, "{query}: {totals:?}");
    }
    // No document has Zanzibar: nothing matches fully, and the Peskov articles that follow say
    // they match only some words.
    let partial = index()
        .search(&SearchRequest::new("Peskov Zanzibar"))
        .unwrap();
    assert_eq!(partial.total, 0);
    assert_eq!(partial.hits.len(), 5);
    assert!(partial.hits.iter().all(|h| !h.full_match));
    // With operators, or when asked, no relaxed hits.
    let strict = index()
        .search(&SearchRequest::new("Peskov AND Zanzibar"))
        .unwrap();
    assert!(strict.hits.is_empty());
    let mut asked = SearchRequest::new("Peskov Zanzibar");
    asked.relaxed = Some(false);
    assert!(index().search(&asked).unwrap().hits.is_empty());
}

/// An index of `count` dated documents `p0`.. from three sources.
fn dated_documents(prefix: &str, count: usize, first_day: i64) -> Vec<NewsDocument> {
    (0..count)
        .map(|i| {
            let lang = [Language::English, Language::Romanian, Language::Vietnamese][i % 3];
            let mut d = NewsDocument::new(
                format!("{prefix}{i}"),
                format!("Peskov spoke about the summit, report number {i}."),
            )
            .with_lang(lang);
            d.source = Some(["ap", "reuters", "tass"][i % 3].into());
            // Several documents per day, so that dates tie and ids decide.
            d.published = Some((first_day + (i / 4) as i64) * 86_400);
            d
        })
        .collect()
}

/// Dates and ids never change, so a date-sorted cursor holds while documents arrive; scores move
/// with every document added, so a relevance cursor holds while the index stays as it was.
#[test]
fn sorting_by_date_and_cursor_paging_while_documents_arrive() {
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    let originals = dated_documents("p", 120, 20_000);
    writer.add_documents(&originals).unwrap();
    writer.commit().unwrap();
    for sort in [Sort::Newest, Sort::Oldest, Sort::Relevance] {
        let mut seen: Vec<String> = Vec::new();
        let mut cursor: Option<String> = None;
        let mut previous_date: Option<String> = None;
        for page in 0.. {
            let mut request = SearchRequest::new("Peskov").limit(7).sort(sort);
            request.after = cursor.clone();
            let results = index.search(&request).unwrap();
            for hit in &results.hits {
                if sort == Sort::Newest {
                    assert!(previous_date
                        .as_ref()
                        .is_none_or(|p| *p >= hit.published.clone().unwrap()));
                }
                if sort == Sort::Oldest {
                    assert!(previous_date
                        .as_ref()
                        .is_none_or(|p| *p <= hit.published.clone().unwrap()));
                }
                previous_date = hit.published.clone();
                seen.push(hit.id.clone());
            }
            // New documents arrive between pages, some older and some newer than the page.
            if sort != Sort::Relevance {
                let arriving =
                    dated_documents(&format!("new{page}-"), 2, 20_000 + (page % 40) as i64);
                writer.add_documents(&arriving).unwrap();
                writer.commit().unwrap();
            }
            cursor = results.next_cursor;
            if cursor.is_none() {
                break;
            }
        }
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "{sort:?}: a hit came twice");
        for d in &originals {
            assert!(unique.contains(&d.id), "{sort:?}: {} never came", d.id);
        }
        // Start again from the same state for the next sort.
        for id in seen.iter().filter(|id| id.starts_with("new")) {
            writer.delete(id).unwrap();
        }
        writer.commit().unwrap();
    }
    // Offsets page the same order.
    let first = index
        .search(&SearchRequest::new("Peskov").limit(10).sort(Sort::Newest))
        .unwrap();
    let second = index
        .search(
            &SearchRequest::new("Peskov")
                .limit(5)
                .offset(5)
                .sort(Sort::Newest),
        )
        .unwrap();
    let tail: Vec<&String> = first.hits[5..].iter().map(|h| &h.id).collect();
    let offset: Vec<&String> = second.hits.iter().map(|h| &h.id).collect();
    assert_eq!(tail, offset);
}

#[test]
fn facets_count_every_matching_document() {
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    let docs = dated_documents("f", 90, 20_454);
    writer.add_documents(&docs).unwrap();
    writer.commit().unwrap();
    let results = index
        .search(
            &SearchRequest::new("Peskov -lang:vi")
                .limit(3)
                .facets(&[Facet::Lang, Facet::Source])
                .histogram(Interval::Day),
        )
        .unwrap();
    let matching: Vec<&NewsDocument> = docs
        .iter()
        .filter(|d| d.lang != Some(Language::Vietnamese))
        .collect();
    assert_eq!(results.total, matching.len());
    let count = |key: fn(&NewsDocument) -> String| -> BTreeMap<String, u64> {
        let mut m = BTreeMap::new();
        for d in &matching {
            *m.entry(key(d)).or_default() += 1;
        }
        m
    };
    let got = |buckets: &[rosetta_index::Bucket]| -> BTreeMap<String, u64> {
        buckets.iter().map(|b| (b.key.clone(), b.count)).collect()
    };
    assert_eq!(
        got(&results.facets.lang),
        count(|d| d.lang.unwrap().code().to_string())
    );
    assert_eq!(
        got(&results.facets.source),
        count(|d| d.source.clone().unwrap())
    );
    let day = |d: &NewsDocument| {
        let date = time::OffsetDateTime::from_unix_timestamp(d.published.unwrap()).unwrap();
        format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        )
    };
    assert_eq!(got(&results.facets.histogram), count(day));
    // Months add up to the same total; a month starts with its first day.
    let months = index
        .search(
            &SearchRequest::new("Peskov")
                .limit(0)
                .histogram(Interval::Month),
        )
        .unwrap();
    assert_eq!(
        months.facets.histogram.iter().map(|b| b.count).sum::<u64>(),
        90
    );
    assert!(months.facets.histogram.iter().all(|b| b.key.len() == 7));
}
