//! Russian as a document language: its own field and filter, stems that meet inflections and
//! `ё`/`е` spellings, names that meet their Latin and Arabic spellings, and queries that reach the
//! other languages through the translation lexicon. The texts are short news sentences written
//! for these tests.

use rosetta_analysis::Language;
use rosetta_index::{NewsDocument, NewsIndex, SearchRequest};

fn index() -> NewsIndex {
    let docs = [
        NewsDocument::new(
            "ru-talks",
            "Пресс-секретарь Кремля Дмитрий Песков заявил, что переговоры об Украине продолжатся в \
             Стамбуле, и ещё раз назвал встречу президентов важной.",
        ),
        NewsDocument::new(
            "ru-summit",
            "Саммит в Женеве перенесли: делегации не согласовали отчёт о перемирии.",
        )
        .with_lang(Language::Russian),
        NewsDocument::new(
            "en-summit",
            "The summit in Geneva was postponed after the delegations failed to agree on a report \
             about the ceasefire.",
        ),
        NewsDocument::new(
            "ro-peskov",
            "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a declarat că negocierile vor \
             continua.",
        ),
    ];
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer.add_documents(&docs).unwrap();
    writer.commit().unwrap();
    index
}

fn ids(index: &NewsIndex, request: SearchRequest) -> Vec<String> {
    let mut ids: Vec<String> = index
        .search(&request.limit(20))
        .unwrap()
        .hits
        .into_iter()
        .filter(|h| h.full_match)
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn russian_documents_are_detected_filtered_and_stemmed() {
    let index = index();
    let hits = index.search(&SearchRequest::new("lang:ru")).unwrap().hits;
    let mut langs: Vec<(String, String)> = hits.into_iter().map(|h| (h.id, h.lang)).collect();
    langs.sort();
    assert_eq!(
        langs,
        [
            ("ru-summit".to_string(), "ru".to_string()),
            ("ru-talks".to_string(), "ru".to_string())
        ]
    );
    assert!(ids(&index, SearchRequest::new("lang:und")).is_empty());
    // Other inflections of `переговоры`, `перемирии`, `Стамбуле`.
    for query in ["переговорах", "перемирие", "Стамбул"] {
        let found = ids(&index, SearchRequest::new(query).lexicon(false));
        assert!(
            found.iter().all(|id| id.starts_with("ru-")) && !found.is_empty(),
            "{query}: {found:?}"
        );
    }
    // `ё` written `е`, and the other way round.
    assert_eq!(
        ids(&index, SearchRequest::new("отчет").lexicon(false)),
        ["ru-summit"]
    );
    assert_eq!(
        ids(&index, SearchRequest::new("еще встреча").lexicon(false)),
        ["ru-talks"]
    );
}

#[test]
fn russian_names_meet_their_latin_spellings() {
    let index = index();
    let found = ids(&index, SearchRequest::new("Peskov"));
    assert_eq!(found, ["ro-peskov", "ru-talks"]);
    let found = ids(&index, SearchRequest::new("Песков"));
    assert_eq!(found, ["ro-peskov", "ru-talks"]);
}

#[test]
fn russian_queries_reach_other_languages_through_the_lexicon() {
    let index = index();
    let request = |q: &str| SearchRequest::new(q).lang(Language::English);
    assert_eq!(ids(&index, request("саммит")), ["en-summit"]);
    assert!(ids(&index, request("саммит").lexicon(false)).is_empty());
    // And both, without a filter: the Russian document as typed, the English one translated.
    let hits = index.search(&SearchRequest::new("саммит")).unwrap().hits;
    let order: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(order.first(), Some(&"ru-summit"), "{order:?}");
    assert!(order.contains(&"en-summit"), "{order:?}");
}

#[test]
fn other_languages_reach_russian_documents_through_the_lexicon() {
    let index = index();
    let request = |q: &str| SearchRequest::new(q).lang(Language::Russian);
    // The nominative (`саммит`) and the other forms (`саммита`) stem apart: both are found.
    assert_eq!(ids(&index, request("summit")), ["ru-summit"]);
    assert_eq!(ids(&index, request("negotiations")), ["ru-talks"]);
    assert_eq!(ids(&index, request("negocierile")), ["ru-talks"]);
    assert_eq!(ids(&index, request("spokesman")), ["ru-talks"]);
    assert!(ids(&index, request("negotiations").lexicon(false)).is_empty());
    // The hit says which word matched through a translation, as written in the document, and
    // its snippet highlights it.
    let results = index.search(&request("negotiations")).unwrap();
    let hit = &results.hits[0];
    assert!(
        hit.matched
            .iter()
            .any(|m| m.query == "negotiations" && m.term == "переговоры" && m.via == "lexicon"),
        "{:?}",
        hit.matched
    );
    assert!(hit.snippet.contains("<b>переговоры</b>"), "{}", hit.snippet);
}
