//! The analyzer end to end on the seed articles and hand-made cases.

use rosetta_analysis::{Analyzer, Language, TermKind};

const RO_SEED: &str = include_str!("../../../testdata/seeds/000_8f2fc13ca7d6a654.txt");
const VI_SEED: &str = include_str!("../../../testdata/seeds/004_53fd72eb26a31149.txt");
const AR_SEED: &str = include_str!("../../../testdata/seeds/002_f19602772c35515f.txt");

fn terms(text: &str, lang: Option<Language>, kind: TermKind) -> Vec<String> {
    Analyzer::new()
        .analyze(text, lang)
        .tokens
        .into_iter()
        .filter(|t| t.kind == kind)
        .map(|t| t.term)
        .collect()
}

#[test]
fn folded_term_is_the_stem_of_the_word_typed_without_diacritics() {
    for (with, without) in [
        ("întâlnirea", "intalnirea"),
        ("președintelui", "presedintelui"),
        ("științifice", "stiintifice"),
        ("negocierilor", "negocierilor"),
    ] {
        let folded = terms(with, Some(Language::Romanian), TermKind::Folded);
        let stems = terms(with, Some(Language::Romanian), TermKind::Stem);
        let plain = terms(without, Some(Language::Romanian), TermKind::Stem);
        let found = folded.first().or(stems.first());
        assert_eq!(found, plain.first(), "{with} / {without}");
    }
}

#[test]
fn romanian_seed_is_detected_and_inflections_meet() {
    let analysis = Analyzer::new().analyze(RO_SEED, None);
    assert_eq!(analysis.language, Some(Language::Romanian));
    let stems = terms(
        "Kremlinul Kremlinului Kremlin",
        Some(Language::Romanian),
        TermKind::Stem,
    );
    assert_eq!(stems, ["kremlin", "kremlin", "kremlin"]);
}

#[test]
fn vietnamese_words_and_syllables_are_both_indexed() {
    let analysis = Analyzer::new().analyze(VI_SEED, None);
    assert_eq!(analysis.language, Some(Language::Vietnamese));
    let compounds = terms(VI_SEED, Some(Language::Vietnamese), TermKind::Compound);
    assert!(compounds.iter().any(|c| c == "hội_nghị"), "{compounds:?}");
    let words = terms("hội nghị", Some(Language::Vietnamese), TermKind::Word);
    assert_eq!(words, ["hội", "nghị"]);
    let folded = terms("hội nghị", Some(Language::Vietnamese), TermKind::Folded);
    assert_eq!(folded, ["hoi", "nghi"]);
    // Both tone placements give one term.
    assert_eq!(
        terms("hòa", Some(Language::Vietnamese), TermKind::Word),
        terms("hoà", Some(Language::Vietnamese), TermKind::Word)
    );
}

#[test]
fn vietnamese_stopwords_of_several_syllables_are_dropped_whole() {
    let text = "Tuy nhiên chính phủ nói rằng bởi vì thời tiết xấu";
    let words = terms(text, Some(Language::Vietnamese), TermKind::Word);
    assert_eq!(words, ["chính", "phủ", "thời", "tiết", "xấu"]);
    let compounds = terms(text, Some(Language::Vietnamese), TermKind::Compound);
    assert_eq!(compounds, ["chính_phủ", "thời_tiết"]);
}

#[test]
fn arabic_proclitics_meet_the_bare_word() {
    let stems = terms(
        "والكرملين بالكرملين الكرملين",
        Some(Language::Arabic),
        TermKind::Stem,
    );
    assert_eq!(stems.len(), 3);
    assert!(stems.iter().all(|s| s == &stems[0]), "{stems:?}");
    assert_eq!(
        Analyzer::new().analyze(AR_SEED, None).language,
        Some(Language::Arabic)
    );
}

#[test]
fn stopwords_are_dropped_from_documents_but_not_from_stopword_only_queries() {
    let doc = terms(
        "the meeting of the presidents",
        Some(Language::English),
        TermKind::Stem,
    );
    assert_eq!(doc, ["meet", "presid"]);
    let query = Analyzer::new().analyze_query("the who", Some(Language::English));
    assert_eq!(query.tokens.len(), 2);
    // An acronym in capitals is not the stopword it spells.
    assert_eq!(
        terms("WHO said", Some(Language::English), TermKind::Stem),
        ["who", "said"]
    );
}

#[test]
fn offsets_survive_normalization() {
    let text = "Pe\u{200B}skov ştiinţă Việt"; // zero-width space, cedillas, NFD below
    let nfd: String = format!("{text} Vie\u{0323}\u{0302}t");
    let analysis = Analyzer::new().analyze(&nfd, Some(Language::Romanian));
    for t in &analysis.tokens {
        assert!(nfd.is_char_boundary(t.start) && nfd.is_char_boundary(t.end));
        assert!(t.start < t.end && t.end <= nfd.len());
    }
    let stems: Vec<_> = analysis
        .tokens
        .iter()
        .filter(|t| t.kind == TermKind::Stem)
        .collect();
    assert_eq!(&nfd[stems[0].start..stems[0].end], "Pe\u{200B}skov");
    assert_eq!(stems[0].term, "peskov");
    assert_eq!(stems[2].term, stems[3].term, "NFC and NFD give one term");
}
