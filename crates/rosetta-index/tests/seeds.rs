//! The seed-article bars: cross-script entity queries, folded queries and filters on the five
//! articles in `testdata/seeds` (000 and 003 Romanian, 001 English, 002 Arabic, 004 Vietnamese).

mod common;

use rosetta_index::{NewsIndex, SearchRequest};

fn seed_index() -> NewsIndex {
    let docs = common::seed_documents();
    assert_eq!(docs.len(), 5);
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer.add_documents(&docs).unwrap();
    writer.commit().unwrap();
    index
}

fn ids(index: &NewsIndex, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = index
        .search(&SearchRequest::new(query).limit(20))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id[..3].to_string())
        .collect();
    ids.sort();
    ids
}

const ALL: [&str; 5] = ["000", "001", "002", "003", "004"];

#[test]
fn peskov_in_three_scripts_finds_all_five() {
    let index = seed_index();
    for query in ["Peskov", "Песков", "بيسكوف"] {
        assert_eq!(ids(&index, query), ALL, "query {query}");
    }
}

#[test]
fn kremlin_finds_all_five() {
    let index = seed_index();
    assert_eq!(ids(&index, "Kremlin"), ALL);
}

#[test]
fn romanian_without_diacritics_finds_the_meeting_articles() {
    let index = seed_index();
    // 000 says `întâlnire`, 003 says `întâlnirea`.
    assert_eq!(ids(&index, "intalnire"), ["000", "003"]);
}

#[test]
fn vietnamese_without_tones_finds_the_summit_article() {
    let index = seed_index();
    assert_eq!(ids(&index, "hoi nghi thuong dinh"), ["004"]);
}

#[test]
fn language_filter_keeps_only_romanian() {
    let index = seed_index();
    assert_eq!(ids(&index, "lang:ro Peskov"), ["000", "003"]);
    let results = index
        .search(&SearchRequest::new("Peskov").lang(rosetta_analysis::Language::English))
        .unwrap();
    assert_eq!(results.hits.len(), 1);
    assert_eq!(results.hits[0].lang, "en");
}

#[test]
fn exact_forms_rank_above_folded_ones() {
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer
        .add_documents(&[
            rosetta_index::NewsDocument::new("folded", "O intalnire importanta la Miami.")
                .with_lang(rosetta_analysis::Language::Romanian),
            rosetta_index::NewsDocument::new("exact", "O întâlnire importantă la Miami.")
                .with_lang(rosetta_analysis::Language::Romanian),
        ])
        .unwrap();
    writer.commit().unwrap();
    let hits = index.search(&SearchRequest::new("întâlnire")).unwrap().hits;
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].id, "exact");
    let hits = index.search(&SearchRequest::new("intalnire")).unwrap().hits;
    assert_eq!(hits[0].id, "folded");
}

#[test]
fn phrases_exclusions_and_snippets() {
    let index = seed_index();
    assert_eq!(ids(&index, "\"hội nghị thượng đỉnh\""), ["004"]);
    // The phrase is a gazetteer name: its spellings in every language match (003 says Miami).
    assert_eq!(
        ids(&index, "\"Statele Unite\" -Miami"),
        ["000", "001", "002", "004"]
    );
    let hits = index.search(&SearchRequest::new("Rubio")).unwrap().hits;
    assert!(!hits.is_empty());
    assert!(hits[0].snippet.contains("Rubio</b>"), "{}", hits[0].snippet);
}

#[test]
fn snippets_mark_names_written_in_another_script() {
    let index = seed_index();
    let hits = index.search(&SearchRequest::new("Песков")).unwrap().hits;
    assert_eq!(hits.len(), 5);
    for hit in &hits {
        // No Cyrillic in the seeds: every mark comes from an entity key.
        assert!(hit.snippet.contains("</b>"), "{}: {}", hit.id, hit.snippet);
    }
    let english = hits.iter().find(|h| h.lang == "en").unwrap();
    assert!(
        english.snippet.contains("Peskov</b>"),
        "{}",
        english.snippet
    );
    let arabic = hits.iter().find(|h| h.lang == "ar").unwrap();
    assert!(arabic.snippet.contains("بيسكوف</b>"), "{}", arabic.snippet);
}

#[test]
fn replacing_and_deleting_by_id() {
    let index = seed_index();
    let mut writer = index.writer().unwrap();
    let outcome = writer
        .add(&rosetta_index::NewsDocument::new(
            "001_44610d290e9c4598",
            "Nothing about the spokesman any more.",
        ))
        .unwrap();
    assert_eq!((outcome.indexed, outcome.replaced), (0, 1));
    assert!(writer.delete("002_f19602772c35515f").unwrap());
    writer.commit().unwrap();
    assert_eq!(ids(&index, "Peskov"), ["000", "003", "004"]);
    assert_eq!(index.stats().unwrap().documents, 4);
}

#[test]
fn hits_carry_their_documents_language_across_segments() {
    // The language is read from the `lang` fast field of each hit's segment.
    let docs = common::seed_documents();
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer.add_documents(&docs[..2]).unwrap();
    writer.commit().unwrap();
    writer.add_documents(&docs[2..]).unwrap();
    let russian = rosetta_index::NewsDocument::new(
        "ru-1",
        "Пресс-секретарь Кремля Дмитрий Песков заявил, что переговоры об Украине продолжаются.",
    );
    writer.add(&russian).unwrap();
    writer.commit().unwrap();
    index.reload().unwrap();
    assert!(
        index
            .tantivy_index()
            .searchable_segment_ids()
            .unwrap()
            .len()
            >= 2
    );
    let hits = index
        .search(&SearchRequest::new("Peskov").limit(20))
        .unwrap()
        .hits;
    let mut langs: Vec<(String, String)> = hits
        .into_iter()
        .map(|h| (h.id[..3].to_string(), h.lang))
        .collect();
    langs.sort();
    let expected = [
        ("000", "ro"),
        ("001", "en"),
        ("002", "ar"),
        ("003", "ro"),
        ("004", "vi"),
        ("ru-", "ru"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(id, lang)| (id.to_string(), lang.to_string()))
        .collect();
    assert_eq!(langs, expected);
}
