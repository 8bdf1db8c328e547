//! The library where users lose data or trust: snippets around any Unicode space, escaping,
//! folders that are not indexes, damaged and inconsistent indexes, counts after deletes, merges
//! left unfinished and long queries.

use std::path::Path;

use proptest::prelude::*;
use rosetta_analysis::Language;
use rosetta_index::{Error, Hit, NewsDocument, NewsIndex, SearchRequest};

/// Asserts that a hit's snippet is consistent: highlights in order, on char boundaries, and the
/// HTML form escapes what the plain text holds.
fn assert_sound_snippet(hit: &Hit) {
    let text = &hit.passage.text;
    let mut previous_end = 0;
    for &(start, end) in &hit.passage.highlights {
        assert!(
            previous_end <= start && start < end && end <= text.len(),
            "{hit:?}"
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{hit:?}"
        );
        previous_end = end;
    }
    assert!(!hit.snippet.contains("<script"), "{hit:?}");
}

/// The Unicode space characters (everything `char::is_whitespace` accepts but the ASCII ones).
fn unicode_spaces() -> Vec<char> {
    (0x80..=0x10FFFFu32)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace())
        .collect()
}

#[test]
fn every_unicode_space_before_a_match_gives_a_sound_snippet_in_every_language() {
    let spaces = unicode_spaces();
    assert!(spaces.len() >= 19, "{spaces:?}");
    let texts = [
        (
            Language::Romanian,
            "Purtătorul de cuvânt al Kremlinului",
            "Kremlinului",
        ),
        (Language::English, "the spokesman in Zanzibar", "Zanzibar"),
        (Language::Arabic, "وقال المتحدث باسم الكرملين", "الكرملين"),
        (
            Language::Vietnamese,
            "người phát ngôn Điện Kremlin",
            "phát ngôn",
        ),
    ];
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    let mut docs = Vec::new();
    for (l, &(lang, text, _)) in texts.iter().enumerate() {
        for (s, space) in spaces.iter().enumerate() {
            for filler in [1usize, 13, 47, 59, 61, 70, 90] {
                let body = format!("Population 17{space}{} {text}", "y".repeat(filler));
                docs.push(NewsDocument::new(format!("{l}-{s}-{filler}"), body).with_lang(lang));
            }
        }
    }
    writer.add_documents(&docs).unwrap();
    writer.commit().unwrap();
    let per_language = spaces.len() * 7;
    for &(lang, _, query) in &texts {
        let results = index
            .search(&SearchRequest::new(query).lang(lang).limit(per_language))
            .unwrap();
        assert_eq!(results.total, per_language, "{query}");
        for hit in &results.hits {
            assert_sound_snippet(hit);
            assert!(!hit.passage.highlights.is_empty(), "{query}: {hit:?}");
        }
    }
}

#[test]
fn snippets_are_html_escaped_with_the_requested_tags() {
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    let body = r#"Peskov said <script>alert(1)</script> & "quoted" a<b"#;
    writer
        .add(&NewsDocument::new("x1", body).with_lang(Language::English))
        .unwrap();
    writer.commit().unwrap();
    let hit = &index.search(&SearchRequest::new("Peskov")).unwrap().hits[0];
    assert_eq!(
        hit.snippet,
        "<b>Peskov</b> said &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; a&lt;b"
    );
    assert_eq!(hit.passage.text, body);
    assert_eq!(hit.passage.highlights, [(0, 6)]);
    let marked = &index
        .search(&SearchRequest::new("Peskov").highlight_tags("<mark>", "</mark>"))
        .unwrap()
        .hits[0];
    assert!(
        marked.snippet.starts_with("<mark>Peskov</mark> said &lt;"),
        "{marked:?}"
    );
}

fn random_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        " ",
        "\u{00A0}",
        "\u{202F}",
        "\u{2009}",
        "\u{3000}",
        "\u{200B}",
        "\u{200F}",
        "\u{202E}",
        "\n",
        "\u{0301}",
        "\u{064E}",
        "\u{0640}",
        "Peskov",
        "Песков",
        "بيسكوف",
        "Kremlinului",
        "hội nghị",
        "ș",
        "ț",
        "ا",
        "ل",
        "ة",
        "Đ",
        "ư",
        "😀",
        "👩‍👩‍👧",
        "x",
        "17",
        "-",
        "'",
        "\u{FFFD}",
    ]);
    prop::collection::vec(pieces, 1..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_unicode_documents_search_without_panic(texts in prop::collection::vec(random_text(), 1..6)) {
        let index = NewsIndex::create_in_ram();
        let mut writer = index.writer().unwrap();
        let docs: Vec<NewsDocument> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(i, t)| NewsDocument::new(format!("r{i}"), t.clone()))
            .collect();
        prop_assume!(!docs.is_empty());
        writer.add_documents(&docs).unwrap();
        writer.commit().unwrap();
        for query in ["Peskov", "Песков", "بيسكوف", "Kremlin", "hoi nghi", "x 17", "\"Peskov x\""] {
            let results = index.search(&SearchRequest::new(query).limit(10)).unwrap();
            for hit in &results.hits {
                assert_sound_snippet(hit);
            }
        }
    }
}

fn corpus(count: usize) -> Vec<NewsDocument> {
    (0..count)
        .map(|i| {
            let lang = [Language::English, Language::Romanian][i % 2];
            NewsDocument::new(format!("d{i}"), format!("Peskov summit number {i} Kremlin"))
                .with_lang(lang)
        })
        .collect()
}

fn index_in(dir: &Path, docs: &[NewsDocument]) -> NewsIndex {
    let index = NewsIndex::open_or_create(dir).unwrap();
    let mut writer = index.writer().unwrap();
    writer.add_documents(docs).unwrap();
    writer.finish().unwrap();
    index
}

#[test]
fn a_folder_with_files_but_no_meta_json_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    drop(index_in(&path, &corpus(50)));
    std::fs::remove_file(path.join("meta.json")).unwrap();
    let files = std::fs::read_dir(&path).unwrap().count();
    match NewsIndex::open_or_create(&path) {
        Err(Error::NotARosettaIndex { path: p, reason }) => {
            assert_eq!(p, path);
            assert!(reason.contains("meta.json"), "{reason}");
        }
        other => panic!("expected a refusal, got {:?}", other.map(|_| ())),
    }
    assert_eq!(std::fs::read_dir(&path).unwrap().count(), files);
}

#[test]
fn verify_names_the_segment_of_a_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let index = index_in(&path, &corpus(500));
    assert!(index.verify().unwrap().damaged.is_empty());
    drop(index);
    let store = std::fs::read_dir(&path)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .unwrap();
    let mut bytes = std::fs::read(&store).unwrap();
    bytes[10] ^= 0x55;
    std::fs::write(&store, bytes).unwrap();
    let report = NewsIndex::open(&path).unwrap().verify().unwrap();
    let segment = store.file_stem().unwrap().to_str().unwrap();
    assert_eq!(report.damaged.len(), 1, "{report:?}");
    assert!(report.damaged[0].contains(segment), "{report:?}");
}

#[test]
fn an_inconsistent_meta_json_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    drop(index_in(&path, &corpus(300)));
    let meta_path = path.join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    let max_doc = meta["segments"][0]["max_doc"].as_u64().unwrap();
    meta["segments"][0]["max_doc"] = (max_doc + 5_000).into();
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    match NewsIndex::open(&path) {
        Err(Error::Damaged(message)) => assert!(message.contains("meta.json says"), "{message}"),
        other => panic!("expected Damaged, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn deletes_say_whether_the_document_existed_and_stats_count_live_documents() {
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer.add_documents(&corpus(10)).unwrap();
    writer.commit().unwrap();
    assert!(writer.delete("d0").unwrap());
    assert!(writer.delete("d1").unwrap());
    assert!(!writer.delete("no-such-id").unwrap());
    writer.commit().unwrap();
    assert!(!writer.delete("d0").unwrap(), "deleted twice");
    // Added and deleted before any commit.
    writer
        .add(&NewsDocument::new("fresh", "Peskov again").with_lang(Language::English))
        .unwrap();
    assert!(writer.delete("fresh").unwrap());
    writer.commit().unwrap();
    let stats = index.stats().unwrap();
    assert_eq!(stats.documents, 8);
    assert_eq!(stats.by_language.values().sum::<u64>(), 8, "{stats:?}");
    assert_eq!(stats.by_language["en"], 4);
    assert_eq!(stats.by_language["ro"], 4);
}

#[test]
fn finish_waits_for_merges_and_removes_obsolete_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let index = NewsIndex::open_or_create(&path).unwrap();
    let mut writer = index.writer().unwrap();
    for chunk in corpus(4_000).chunks(250) {
        writer.add_documents(chunk).unwrap();
        writer.commit().unwrap();
    }
    writer.finish().unwrap();
    let segments = index.tantivy_index().searchable_segment_ids().unwrap();
    assert!(segments.len() <= 8, "{} segments", segments.len());
    for entry in std::fs::read_dir(&path).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let live = segments.iter().any(|s| name.starts_with(&s.uuid_string()));
        assert!(
            live || name == "meta.json" || name.starts_with('.'),
            "{name} is no file of a live segment"
        );
    }
    assert_eq!(index.stats().unwrap().documents, 4_000);
}

#[test]
fn a_query_cut_at_the_limit_says_so() {
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer.add_documents(&corpus(3)).unwrap();
    writer.commit().unwrap();
    let long = "Peskov ".repeat(1_000);
    assert!(index.search(&SearchRequest::new(long)).unwrap().truncated);
    assert!(
        !index
            .search(&SearchRequest::new("Peskov"))
            .unwrap()
            .truncated
    );
}
