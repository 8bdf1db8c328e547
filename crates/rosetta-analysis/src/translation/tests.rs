//! Tests of the lexicon on the words of the seed articles and on bad user files.

use super::*;

fn has(found: &[Translation<'_>], lang: Language, terms: &str) -> bool {
    found.iter().any(|t| t.lang == lang && t.terms == terms)
}

#[test]
fn english_news_words_reach_every_language() {
    let lexicon = TranslationLexicon::builtin();
    let summit = lexicon.translations(Some(Language::English), "summit");
    assert!(has(&summit, Language::Arabic, "قم"), "{summit:?}");
    assert!(
        has(&summit, Language::Vietnamese, "hội nghị thượng đỉnh"),
        "{summit:?}"
    );
    let spokesman = lexicon.translations(Some(Language::English), "spokesman");
    assert!(
        has(&spokesman, Language::Romanian, "purtat * cuvânt"),
        "{spokesman:?}"
    );
    assert!(
        has(&spokesman, Language::Vietnamese, "người phát ngôn"),
        "{spokesman:?}"
    );
    // Never into the source's own language, at most three per language, best first.
    for t in [&summit, &spokesman] {
        assert!(t.iter().all(|t| t.lang != Language::English));
        for l in Language::ALL {
            let w: Vec<f32> = t.iter().filter(|t| t.lang == l).map(|t| t.weight).collect();
            assert!(w.len() <= 3 && w.windows(2).all(|p| p[0] >= p[1]), "{w:?}");
        }
    }
}

#[test]
fn other_languages_pivot_through_english() {
    let lexicon = TranslationLexicon::builtin();
    let meeting = lexicon.translations(Some(Language::Romanian), "întâln");
    assert!(has(&meeting, Language::English, "meet"), "{meeting:?}");
    let arabic = meeting.iter().find(|t| t.lang == Language::Arabic).unwrap();
    assert!(arabic.pivoted && arabic.weight < 1.0, "{arabic:?}");
    let summit = lexicon.translations(Some(Language::Vietnamese), "hội_nghị thượng_đỉnh");
    assert!(has(&summit, Language::Arabic, "قم"), "{summit:?}");
    // Russian by its stem: the genitive finds the nominative's entry.
    let russian = lexicon.translations(None, "саммита");
    assert!(has(&russian, Language::English, "summit"), "{russian:?}");
    assert!(lexicon.translations(None, "zzzz").is_empty());
}

#[test]
fn stopwords_have_no_translations() {
    let lexicon = TranslationLexicon::builtin();
    for (lang, word) in [
        (Language::English, "the"),
        (Language::Romanian, "de"),
        (Language::Arabic, "في"),
    ] {
        assert!(lexicon.translations(Some(lang), word).is_empty(), "{word}");
    }
}

#[test]
fn user_files_add_pairs_and_name_bad_lines() {
    let analyzer = Analyzer::new();
    let base = TranslationLexicon::empty();
    let lexicon = base
        .with_lexicon(
            &analyzer,
            "mine.tsv",
            "# comment\n\nen\tceasefires\tro\tîncetarea focului\t0.5\n",
        )
        .unwrap();
    let found = lexicon.translations(Some(Language::English), "ceasefir");
    assert_eq!(
        found,
        vec![Translation {
            lang: Language::Romanian,
            terms: "încet foc",
            weight: 0.5,
            pivoted: false
        }]
    );
    // Into Russian: the target as a Russian document is indexed (Snowball stems).
    let lexicon = base
        .with_lexicon(&analyzer, "mine.tsv", "en\tsummit\tru\tсаммиты\n")
        .unwrap();
    let found = lexicon.translations(Some(Language::English), "summit");
    assert_eq!(
        found,
        vec![Translation {
            lang: Language::Russian,
            terms: "саммит",
            weight: 1.0,
            pivoted: false
        }]
    );
    for (text, line, what) in [
        ("en\tsummit\tro\n", 1, "4 or 5"),
        ("\nxx\tsummit\tro\tsummit\n", 2, "unknown source language"),
        ("en\tsummit\txx\tсаммит\n", 1, "unknown target language"),
        ("en\tsummit\tro\tsummit\t1.5\n", 1, "weight"),
        ("en\tthe\tro\tsummit\n", 1, "no indexed word"),
        ("en\tone two three\tro\tsummit\n", 1, "more than two words"),
    ] {
        let err = base.with_lexicon(&analyzer, "mine.tsv", text).unwrap_err();
        assert_eq!(err.line, line, "{text:?}: {err}");
        assert!(err
            .to_string()
            .starts_with(&format!("mine.tsv: line {line}: ")));
        assert!(err.message.contains(what), "{text:?}: {err}");
    }
    let err = base
        .with_lexicon_file(&analyzer, "/nonexistent/lexicon.tsv")
        .unwrap_err();
    assert_eq!(err.line, 0);
    assert!(err.to_string().starts_with("/nonexistent/lexicon.tsv: "));
}

#[test]
fn builtin_loads_fast_enough_to_report() {
    // Not a timing assertion: the figure is printed for the README (`--nocapture`).
    let start = std::time::Instant::now();
    let lexicon = TranslationLexicon::builtin();
    eprintln!(
        "lexicon: {} entries in {:?}",
        lexicon.len(),
        start.elapsed()
    );
    assert!(lexicon.len() > 100_000);
}

/// `news.analyzed.tsv` is `news.tsv` as the analyzer of this commit reads it. When the analysis
/// changes, regenerate it with
/// `ROSETTA_REGENERATE=1 cargo test -p rosetta-analysis --lib news_analyzed`.
#[test]
fn news_analyzed_is_news_as_analyzed() {
    let mut entries = parse::UserEntries::default();
    parse::add_text(
        &mut entries,
        &Analyzer::new(),
        "news.tsv",
        include_str!("../../data/lexicon/news.tsv"),
    )
    .unwrap();
    let text = format!(
        "# news.tsv as the analyzer reads it, one cell a line: SRC, TERMS, TARGET_LANG, WEIGHT, \
         TERMS.\n# Made by the test `news_analyzed_is_news_as_analyzed` (translation/tests.rs); \
         do not edit.\n{}",
        parse::user_entries_text(&entries)
    );
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/lexicon/news.analyzed.tsv"
    );
    if std::env::var_os("ROSETTA_REGENERATE").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    assert_eq!(parse::user_entries_from_text(&text), entries);
    assert!(
        text == std::fs::read_to_string(path).unwrap_or_default(),
        "{path} is out of date: ROSETTA_REGENERATE=1 cargo test -p rosetta-analysis --lib news_analyzed"
    );
    // The built-in lexicon has them: `summit` in Vietnamese, as the analyzer segments it.
    let lexicon = TranslationLexicon::builtin();
    let found = lexicon.translations(Some(Language::English), "summit");
    assert!(
        has(&found, Language::Romanian, "întâln * nivel înalt"),
        "{found:?}"
    );
}

/// Lookups search only the built-in file of the key's language: each file must hold one.
#[test]
fn each_builtin_file_holds_one_source_language() {
    let mut sources = Vec::new();
    for layer in builtin_layers() {
        if let Layer::Compiled {
            text,
            first,
            source,
        } = &**layer
        {
            for at in parse::entry_lines(text, *first) {
                assert!(
                    text[at as usize..].starts_with(source),
                    "{source:?} file has {:?}",
                    text[at as usize..].lines().next()
                );
            }
            sources.push(*source);
        }
    }
    sources.sort();
    assert_eq!(sources, ["ar\t", "en\t", "ro\t", "ru\t", "vi\t"]);
}
