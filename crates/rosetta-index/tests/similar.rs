//! Documents like this one, across languages: the seed articles (one story in four languages)
//! among Wikipedia paragraphs and treebank sentences of the same four languages.

mod common;

use std::sync::OnceLock;

use rosetta_analysis::Language;
use rosetta_index::{NewsDocument, NewsIndex, SearchRequest, SimilarTo};

fn index() -> &'static NewsIndex {
    static INDEX: OnceLock<NewsIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = NewsIndex::create_in_ram();
        let mut writer = index.writer().unwrap();
        let mut docs = common::seed_documents();
        for (lang, file) in [
            (Language::Romanian, "ro"),
            (Language::English, "en"),
            (Language::Arabic, "ar"),
            (Language::Vietnamese, "vi"),
        ] {
            let path = format!(
                "{}/../../testdata/bench/{file}.txt",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).unwrap();
            for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
                docs.push(NewsDocument::new(format!("{file}-{i}"), line).with_lang(lang));
            }
        }
        writer.add_documents(&docs).unwrap();
        writer.commit().unwrap();
        index
    })
}

#[test]
fn each_seed_finds_the_other_seeds_first_in_every_language() {
    let seeds: Vec<String> = common::seed_documents().into_iter().map(|d| d.id).collect();
    for seed in &seeds {
        let results = index()
            .similar(SimilarTo::Id(seed), &SearchRequest::new("").limit(10))
            .unwrap();
        let first: Vec<&str> = results.hits.iter().take(4).map(|h| h.id.as_str()).collect();
        let mut expected: Vec<&str> = seeds
            .iter()
            .filter(|s| *s != seed)
            .map(String::as_str)
            .collect();
        let mut got = first.clone();
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "like {seed}: {first:?}");
        // Each says why: the Kremlin spokesman, by his gazetteer entity.
        for hit in results.hits.iter().take(4) {
            assert!(
                hit.shared.iter().any(|t| t == "g:dmitry_peskov"),
                "{}: {:?}",
                hit.id,
                hit.shared
            );
        }
    }
}

#[test]
fn an_incoming_text_and_language_filters() {
    let doc = NewsDocument::new(
        "incoming",
        "Песков заявил, что Кремль готовит встречу Путина и Трампа.",
    );
    let request = SearchRequest::new("lang:ar lang:vi").limit(5);
    let results = index()
        .similar(SimilarTo::Document(&doc), &request)
        .unwrap();
    let mut ids: Vec<&str> = results.hits.iter().take(2).map(|h| h.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["002_f19602772c35515f", "004_53fd72eb26a31149"]);
    assert!(results
        .hits
        .iter()
        .all(|h| h.lang == "ar" || h.lang == "vi"));
    // Words are not filters.
    assert!(index()
        .similar(SimilarTo::Document(&doc), &SearchRequest::new("Peskov"))
        .is_err());
    assert!(index()
        .similar(SimilarTo::Id("no-such-id"), &SearchRequest::new(""))
        .is_err());
}

#[test]
fn hits_say_what_they_share_and_which_words_matched_through_translations() {
    let seeds = common::seed_documents();
    let results = index()
        .similar(SimilarTo::Id(&seeds[0].id), &SearchRequest::new("lang:en"))
        .unwrap();
    let hit = &results.hits[0];
    assert_eq!(hit.id, seeds[1].id);
    assert!(
        hit.shared.iter().any(|t| t == "g:dmitry_peskov"),
        "{:?}",
        hit.shared
    );
    // A Romanian word found in the English article through the lexicon, as written there.
    assert!(
        hit.matched.iter().any(|m| m.via == "lexicon"
            && seeds[0].body.contains(&m.query)
            && seeds[1].body.contains(&m.term)),
        "{:?}",
        hit.matched
    );
}

/// The seeds plus copies of the English one as other outlets republish it: another title, a
/// byline, a paragraph cut; each with its date.
fn index_with_copies() -> NewsIndex {
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    let mut docs = common::seed_documents();
    let english = docs[1].clone();
    let paragraphs: Vec<&str> = english
        .body
        .split('\n')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut later = english.clone().with_title("Kremlin: Peskov comments");
    later.id = "copy-later".into();
    later.body = format!("{}\n(Reporting by the wire desk)", english.body);
    later.published = Some(1_750_000_000);
    let mut earliest = english.clone();
    earliest.id = "copy-earliest".into();
    earliest.body = paragraphs[..paragraphs.len() - 1].join("\n");
    earliest.published = Some(1_740_000_000);
    docs.push(later);
    docs.push(earliest);
    writer.add_documents(&docs).unwrap();
    writer.commit().unwrap();
    index
}

#[test]
fn near_duplicates_collapse_into_the_earliest_with_the_others_listed() {
    let index = index_with_copies();
    let seeds = common::seed_documents();
    let like = |collapse: bool| {
        index
            .similar(
                SimilarTo::Id(&seeds[0].id),
                &SearchRequest::new("lang:en").collapse(collapse),
            )
            .unwrap()
    };
    let apart = like(false);
    let mut ids: Vec<&str> = apart.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["001_44610d290e9c4598", "copy-earliest", "copy-later"]);
    assert!(apart.hits.iter().all(|h| h.duplicates.is_empty()));
    let folded = like(true);
    assert_eq!(folded.hits.len(), 1, "{:?}", folded.hits);
    assert_eq!(folded.hits[0].id, "copy-earliest");
    let mut copies = folded.hits[0].duplicates.clone();
    copies.sort();
    assert_eq!(copies, ["001_44610d290e9c4598", "copy-later"]);
    // The other languages' articles are distinct stories of their own.
    let all = index
        .similar(
            SimilarTo::Id(&seeds[0].id),
            &SearchRequest::new("").collapse(true),
        )
        .unwrap();
    assert_eq!(
        all.hits.len(),
        4,
        "{:?}",
        all.hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
}

#[test]
fn distinct_paragraphs_of_one_story_stay_apart_when_collapsing() {
    // Paragraphs of one article (Super Bowl 50) share its teams, players and numbers, yet each
    // says something else: none is a republished copy of another, in any language (they share
    // under 15% of their distinct words; two of them collapse below 8%).
    for id in ["en-0", "ro-0", "ar-0", "vi-0"] {
        let request = SearchRequest::new(format!("lang:{}", &id[..2]))
            .limit(10)
            .collapse(true);
        let folded = index().similar(SimilarTo::Id(id), &request).unwrap();
        let stories: Vec<(&str, &[String])> = folded
            .hits
            .iter()
            .map(|h| (h.id.as_str(), &h.duplicates[..]))
            .collect();
        assert_eq!(stories.len(), 10, "{id}: {stories:?}");
        assert!(
            stories.iter().all(|(_, d)| d.is_empty()),
            "{id}: {stories:?}"
        );
    }
}
