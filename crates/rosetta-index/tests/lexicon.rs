//! Ordinary words across languages through the translation lexicon, on the five seed articles
//! in `testdata/seeds` (000 and 003 Romanian, 001 English, 002 Arabic, 004 Vietnamese).

mod common;

use rosetta_analysis::translation::TranslationLexicon;
use rosetta_analysis::{Analyzer, Language};
use rosetta_index::{Hit, NewsDocument, NewsIndex, SearchRequest};

fn seed_index() -> NewsIndex {
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer.add_documents(&common::seed_documents()).unwrap();
    writer.commit().unwrap();
    index
}

fn hits(index: &NewsIndex, request: SearchRequest) -> Vec<Hit> {
    index.search(&request.limit(20)).unwrap().hits
}

fn languages(hits: &[Hit]) -> Vec<&str> {
    let mut langs: Vec<&str> = hits.iter().map(|h| h.lang.as_str()).collect();
    langs.sort();
    langs.dedup();
    langs
}

#[test]
fn news_words_find_the_articles_in_every_language_that_has_them() {
    let index = seed_index();
    let all = ["ar", "en", "ro", "vi"];
    // The English article says `meeting at the highest level`, never `summit` or `قمة`.
    for (query, expected) in [
        ("summit", &["ar", "ro", "vi"][..]),
        ("meeting", &all[..]),
        ("spokesman", &all[..]),
        ("negotiations", &all[..]),
        ("peace talks", &all[..]),
        ("întâlnire", &all[..]),
        ("قمة", &["ar", "ro", "vi"][..]),
        ("hội nghị thượng đỉnh", &all[..]),
    ] {
        let found = hits(&index, SearchRequest::new(query));
        assert_eq!(languages(&found), expected, "query {query}");
        // Without the lexicon, only the query's own language (and `summit` in Romanian).
        let typed = hits(&index, SearchRequest::new(query).lexicon(false));
        assert!(languages(&typed).len() < expected.len(), "query {query}");
    }
}

#[test]
fn words_as_typed_rank_above_their_translations() {
    let index = seed_index();
    for (query, first) in [
        ("spokesman", "en"),
        ("meeting", "en"),
        ("negotiations", "en"),
        ("قمة", "ar"),
        ("hội nghị thượng đỉnh", "vi"),
    ] {
        let found = hits(&index, SearchRequest::new(query));
        assert_eq!(found[0].lang, first, "query {query}");
        assert!(found[0].matched.is_empty(), "query {query}");
        assert!(found[1..].iter().all(|h| h.score < found[0].score));
    }
    // Both Romanian articles say `întâlnire(a)`: they come before any translation.
    let found = hits(&index, SearchRequest::new("întâlnire"));
    assert_eq!(languages(&found[..2]), ["ro"]);
}

#[test]
fn hits_say_which_words_matched_through_a_translation() {
    let index = seed_index();
    let found = hits(&index, SearchRequest::new("spokesman"));
    let matched = |lang: &str| -> Vec<(String, String)> {
        found
            .iter()
            .filter(|h| h.lang == lang)
            .flat_map(|h| h.matched.iter())
            .map(|m| (m.query.clone(), m.term.to_lowercase()))
            .collect()
    };
    assert!(matched("vi").contains(&("spokesman".into(), "người phát ngôn".into())));
    assert!(matched("ro").contains(&("spokesman".into(), "purtătorul de cuvânt".into())));
    assert!(matched("ar").contains(&("spokesman".into(), "المتحدث".into())));
    let vi = found.iter().find(|h| h.lang == "vi").unwrap();
    assert!(vi.snippet.contains("<b>"), "{}", vi.snippet);
    assert!(vi.matched.iter().all(|m| m.via == "lexicon"));
    let json = serde_json::to_value(vi).unwrap();
    assert_eq!(json["matched"][0]["via"], "lexicon");
    assert_eq!(json["matched"][0]["query"], "spokesman");
}

#[test]
fn a_translation_of_several_words_is_a_phrase() {
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer
        .add_documents(&[
            NewsDocument::new(
                "apart",
                "Un purtător de steag a spus un cuvânt despre alegeri.",
            )
            .with_lang(Language::Romanian),
            NewsDocument::new("together", "Purtătorul de cuvânt al guvernului a vorbit.")
                .with_lang(Language::Romanian),
        ])
        .unwrap();
    writer.commit().unwrap();
    let found = hits(&index, SearchRequest::new("spokesman"));
    let ids: Vec<&str> = found.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["together"]);
}

#[test]
fn a_user_lexicon_adds_pairs() {
    let analyzer = Analyzer::new();
    let lexicon = TranslationLexicon::builtin()
        .with_lexicon(&analyzer, "mine.tsv", "en\tblockade\tro\tîntâlnire\t0.5\n")
        .unwrap();
    let index = seed_index();
    assert!(hits(
        &index,
        SearchRequest::new("blockade").lang(Language::Romanian)
    )
    .is_empty());
    let index = index.with_translation_lexicon(lexicon);
    let found = hits(
        &index,
        SearchRequest::new("blockade").lang(Language::Romanian),
    );
    assert_eq!(found.len(), 2);
    let off = index.with_translation_lexicon(TranslationLexicon::empty());
    assert!(hits(&off, SearchRequest::new("meeting").lang(Language::Romanian)).is_empty());
}
