//! Name queries on real text: every document that names the entity, in any script, ranks above
//! every document that does not. The index holds the XQuAD paragraphs and UD sentences of
//! `testdata/bench` (Romanian, English, Arabic, Vietnamese; CC BY-SA, see its README), one
//! document per line, and the five seed articles; a document names the entity when its text has
//! one of the spellings listed (written from the corpus, not from the analyzer's keys).

mod common;

use rosetta_analysis::Language;
use rosetta_index::{NewsDocument, NewsIndex, SearchRequest};

/// Spellings of each name in the corpus (Latin and Cyrillic ones match at a word start, Arabic
/// ones anywhere, as proclitics attach), then the queries to try, in several scripts.
const NAMES: &[(&[&str], &[&str])] = &[
    (&["Tesla", "تسلا"], &["Tesla", "تسلا"]),
    (&["Fresno", "فريسنو"], &["Fresno", "فريسنو"]),
    (&["Denver", "دنفر"], &["Denver", "دنفر"]),
    (&["Marconi", "ماركوني"], &["Marconi", "ماركوني"]),
    (&["Bakersfield", "بيكرزفيلد"], &["Bakersfield"]),
    (&["Geelong"], &["Geelong"]),
    (&["Amsterdam", "أمستردام"], &["Amsterdam", "أمستردام"]),
    (&["Detroit", "ديترويت"], &["Detroit", "ديترويت"]),
    (
        &["Sunderland", "سندرلاند", "ساندرلاند"],
        &["Sunderland", "سندرلاند"],
    ),
    (&["Pittsburgh", "بيتسبرغ"], &["Pittsburgh", "بيتسبرغ"]),
    (&["Gaga", "غاغا"], &["Gaga", "غاغا"]),
    (&["Lublin", "لوبلان"], &["Lublin", "لوبلان"]),
    (&["Salerno", "ساليرنو"], &["Salerno", "ساليرنو"]),
    (&["Calabria", "كلابريا"], &["Calabria", "كلابريا"]),
    (&["Amalfi", "أمالفي"], &["Amalfi", "أمالفي"]),
    (&["Melfi", "ميلفي"], &["Melfi", "ميلفي"]),
    (&["Cotentin", "كوتنتين"], &["Cotentin", "كوتنتين"]),
    (&["Priestley", "بريستلي"], &["Priestley", "بريستلي"]),
    (&["Panthers", "بانثرز"], &["Panthers", "بانثرز"]),
    (&["Paris", "باريس"], &["Paris", "باريس"]),
    (
        &["Peskov", "Песков", "بيسكوف"],
        &["Peskov", "Песков", "بيسكوف"],
    ),
    (&["Putin", "Путин", "بوتين"], &["Putin", "Путин", "بوتين"]),
    (&["Trump", "Трамп", "ترامب", "ترمب"], &["Trump", "ترامب"]),
    (
        &["Kremlin", "Кремл", "الكرملين", "للكرملين"],
        &["Kremlin", "Кремль", "الكرملين"],
    ),
    (&["Ontario", "أونتاريو"], &["Ontario"]),
    (&["Lavoisier", "لافوازييه"], &["Lavoisier"]),
    (&["Edison", "إديسون", "أديسون"], &["إديسون"]),
    (&["Kuechly", "كوتشلي"], &["كوتشلي"]),
    (&["Schiller", "شيلر"], &["شيلر"]),
    (&["Luther", "لوثر", "لِلُوثر"], &["Luther"]),
];

fn names(text: &str, spellings: &[&str]) -> bool {
    spellings.iter().any(|s| {
        let arabic = s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        text.match_indices(s).any(|(at, _)| {
            arabic
                || !text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
        })
    })
}

fn corpus() -> Vec<NewsDocument> {
    let mut docs = common::seed_documents();
    for (lang, text) in [
        (
            Language::Romanian,
            include_str!("../../../testdata/bench/ro.txt"),
        ),
        (
            Language::English,
            include_str!("../../../testdata/bench/en.txt"),
        ),
        (
            Language::Arabic,
            include_str!("../../../testdata/bench/ar.txt"),
        ),
        (
            Language::Vietnamese,
            include_str!("../../../testdata/bench/vi.txt"),
        ),
    ] {
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            docs.push(NewsDocument::new(format!("{}-{i}", lang.code()), line).with_lang(lang));
        }
    }
    docs
}

#[test]
fn documents_naming_the_entity_rank_above_all_others() {
    let docs = corpus();
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer.add_documents(&docs).unwrap();
    writer.commit().unwrap();
    let text = |id: &str| {
        let d = docs
            .iter()
            .find(|d| d.id == id)
            .expect("a hit is a document");
        format!("{}\n{}", d.title, d.body)
    };
    let mut failures = Vec::new();
    for (spellings, queries) in NAMES {
        let naming: Vec<&str> = docs
            .iter()
            .filter(|d| names(&format!("{}\n{}", d.title, d.body), spellings))
            .map(|d| d.id.as_str())
            .collect();
        assert!(!naming.is_empty(), "{spellings:?} is in no document");
        for query in *queries {
            let hits = index
                .search(&SearchRequest::new(*query).limit(200))
                .unwrap()
                .hits;
            let flags: Vec<bool> = hits
                .iter()
                .map(|h| names(&text(&h.id), spellings))
                .collect();
            let first_other = flags.iter().position(|f| !f).unwrap_or(flags.len());
            let found = flags.iter().filter(|f| **f).count();
            if flags[first_other..].iter().any(|f| *f) || found != naming.len() {
                failures.push(format!(
                    "{query}: {found} of {} naming documents found, first other at {first_other}: {:?}",
                    naming.len(),
                    hits.iter().map(|h| h.id.as_str()).take(12).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Names outside the gazetteer, whose recall keys also meet other names and ordinary words
/// (`Elway`: `Ealy`, `العليا`; `Manning`, stemmed `man`: `man`).
const UNLISTED: &[&str] = &[
    "Tijuana",
    "Elway",
    "Schiller",
    "Kuechly",
    "Apollo",
    "Manning",
    "Rollo",
    "Luther",
    "Edison",
    "Tancred",
    "Newcastle",
    "Broncos",
    "لوثر",
    "تيجوانا",
];

#[test]
fn documents_with_the_name_as_written_rank_above_recall_matches() {
    let docs = corpus();
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer.add_documents(&docs).unwrap();
    writer.commit().unwrap();
    let mut failures = Vec::new();
    for query in UNLISTED {
        let written = |id: &str| {
            let d = docs
                .iter()
                .find(|d| d.id == id)
                .expect("a hit is a document");
            names(&format!("{}\n{}", d.title, d.body), &[query])
        };
        let expected = docs
            .iter()
            .filter(|d| names(&format!("{}\n{}", d.title, d.body), &[query]))
            .count();
        let hits = index
            .search(&SearchRequest::new(*query).limit(200))
            .unwrap()
            .hits;
        let flags: Vec<bool> = hits.iter().map(|h| written(&h.id)).collect();
        let first_other = flags.iter().position(|f| !f).unwrap_or(flags.len());
        // Other documents do match (through the recall keys), but only below.
        assert!(
            hits.len() > first_other || *query == "Newcastle" || *query == "Broncos",
            "{query}: no other document matches"
        );
        if first_other != expected || flags[first_other..].iter().any(|f| *f) {
            failures.push(format!(
                "{query}: {expected} written, first other at {first_other}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn putin_is_not_the_romanian_word_for_few() {
    let docs = corpus();
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    writer.add_documents(&docs).unwrap();
    writer.commit().unwrap();
    // `puține` ("few") is in the Romanian paragraphs.
    assert!(docs.iter().any(|d| d.body.contains("puține")));
    let hits = index
        .search(&SearchRequest::new("Putin").limit(20))
        .unwrap()
        .hits;
    assert!(!hits.is_empty());
    for h in hits {
        let d = docs.iter().find(|d| d.id == h.id).unwrap();
        assert!(!d.body.contains("puține"), "{}: {}", h.id, d.body);
    }
}
