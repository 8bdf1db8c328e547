//! Arabic proclitics and light stemming.
//!
//! All functions take a word normalized by [`crate::normalize::normalize_word`] (no harakat or
//! tatweel, `أ إ آ ٱ` -> `ا`, `ى` -> `ي`, `ة` -> `ه`) and return a suffix, prefix or middle slice of
//! it: they never allocate.
//!
//! # Stemmer choice (measured)
//!
//! Lemma conflation on UD Arabic-PUD dev, computed as follows (forms
//! lower-cased; PUNCT/NUM/SYM/X/PROPN skipped; recall over distinct-form pairs sharing a lemma,
//! precision over form pairs sharing a term), each form normalized, stopwords dropped, then
//! stemmed:
//!
//! | stemmer | recall | precision |
//! | --- | --- | --- |
//! | none (normalized word) | 0.035 | 0.882 |
//! | Snowball Arabic (rust-stemmers) on the normalized word | 0.322 | 0.704 |
//! | Snowball Arabic on the raw word, no normalization or stopwords (the tantivy baseline) | 0.396 | 0.660 |
//! | Lucene light10 ([`light_stem`]) | 0.387 | 0.647 |
//! | [`strip_proclitics`] then light10's suffixes | 0.390 | 0.649 |
//! | light10 + tanween `ا` | 0.463 | 0.657 |
//! | light10 + `ا` + past-tense `ت` | 0.510 | 0.661 |
//! | **[`stem`]**: light10 + `ا` + `ت` + bare `ل` + pronoun suffixes + `و`/`ف` article combinations | **0.546** | **0.663** |
//! | [`stem`] without the bare `ل` rule | 0.511 | 0.663 |
//! | [`stem`] with a bare `ل` removed before 3 letters (not 4) | 0.553 | 0.662 |
//! | [`stem`] then imperfect-verb prefixes `ي ت ن ا` (3 letters left) | 0.666 | 0.594 |
//!
//! Snowball suffers from the normalization the index needs (`ة` -> `ه` makes the feminine ending
//! look like a pronoun) and damages names (`بوتين` -> `وتين`). What [`stem`] adds to light10, and
//! why:
//! - the accusative tanween `ا` (`جنوبا`, `جديدا`, `اقتصاديا`; written `ً` + `ا`, and the `ً` is
//!   gone after normalization), when 3 letters remain;
//! - the past-tense `ت` (`قالت`, `اعلنت`, `تركت`), when 3 letters remain; it also takes the `ت`
//!   that `ات`/`ة` leave in construct forms;
//! - a bare preposition `ل` when 4 letters remain (`لمستثمر`, and `ل` + article written `لل`);
//! - the pronoun suffixes `هما كما هم هن كم نا` (3 letters must remain), checked before the
//!   others, so `حكومتهم` loses `هم` and then the feminine ending;
//! - `وبال وكال فبال فكال ولل فلل`, conjunction + preposition + article.
//!
//! Broken plurals (`جبال`/`جبل`) and most verb inflection stay apart: that needs roots or a
//! lexicon. Half of the "false" merges the measure counts are nisba adjectives meeting their noun
//! (`حكومي`/`حكومة`, `تاريخي`/`تاريخ`), which a search user wants.

use std::borrow::Cow;

/// Number of characters (the length conditions of the stemmers count letters, not bytes).
fn letters(s: &str) -> usize {
    s.chars().count()
}

/// `word` without `prefix` when at least `min_left` letters remain.
fn without_prefix<'a>(word: &'a str, prefix: &str, min_left: usize) -> Option<&'a str> {
    word.strip_prefix(prefix)
        .filter(|rest| letters(rest) >= min_left)
}

/// `word` without `suffix` when at least `min_left` letters remain.
fn without_suffix<'a>(word: &'a str, suffix: &str, min_left: usize) -> Option<&'a str> {
    word.strip_suffix(suffix)
        .filter(|rest| letters(rest) >= min_left)
}

/// The article and its combinations with the proclitics before it, longest first.
const ARTICLE_PREFIXES: [&str; 12] = [
    "وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "بال", "كال", "فال", "لل", "ال",
];

/// The word without its proclitics, conservatively, as a suffix slice of `word` (normalized
/// Arabic); `word` itself when nothing can be removed safely. For entity keys and segmentation.
///
/// Removes the article with what precedes it (`ال وال بال كال فال لل` and `وبال وكال فبال فكال ولل
/// فلل`) when at least 2 letters remain: `والكرملين`, `بالكرملين`, `الكرملين` -> `كرملين`. Otherwise
/// removes a conjunction `و` when at least 3 letters remain and the next letter is not `ا`, `و` or
/// `ي`: `وبوتين` -> `بوتين`, but `واشنطن`, `ويليام` stay.
///
/// Single-letter prepositions `ب ك ل ف` are not removed: in Wikidata's Arabic spellings of Latin
/// names (`names/wd_arabic_80`, 52k names) 28% start with one of these letters, and removing them
/// when the next letter is a consonant still broke `لندن`, `بكين`, `كندا`, `بنما` in UD Arabic-PUD.
/// The `و` rule is the data's compromise: only 1.7% of the names start with `و`, and 82% of those
/// continue with `ا و ي` (W + vowel). On UD Arabic-PUD dev words this strips the proclitics of
/// 449 of 892 words that have them (article combinations alone: 288) and wrongly strips 39 of the
/// 1023 words that start with a proclitic letter without having one (2 of 166 proper nouns).
/// Callers that can check candidates against known names should use [`proclitic_splits`].
pub fn strip_proclitics(word: &str) -> &str {
    for prefix in ARTICLE_PREFIXES {
        if let Some(rest) = without_prefix(word, prefix, 2) {
            return rest;
        }
    }
    if let Some(rest) = without_prefix(word, "و", 3) {
        if !rest.starts_with(['ا', 'و', 'ي']) {
            return rest;
        }
    }
    word
}

/// Every plausible way to remove proclitics from `word` (normalized Arabic), most conservative
/// first: `word` itself, then suffix slices after a conjunction `و`/`ف`, a preposition `ب ك ل`
/// and the article `ال` (or the `ل` that `ل` + `ال` leaves), each leaving at least 3 letters.
/// For matching against a list of known names: `لبوتين` gives `لبوتين`, `بوتين`; `والكرملين` gives
/// `والكرملين`, `الكرملين`, `كرملين`.
pub fn proclitic_splits(word: &str) -> impl Iterator<Item = &str> {
    let mut out: [Option<&str>; 4] = [Some(word), None, None, None];
    let mut n = 1;
    let mut rest = word;
    if let Some(r) = without_prefix(rest, "و", 3).or_else(|| without_prefix(rest, "ف", 3)) {
        rest = r;
        out[n] = Some(rest);
        n += 1;
    }
    let mut preposition = false;
    for p in ["ب", "ك", "ل"] {
        if let Some(r) = without_prefix(rest, p, 3) {
            preposition = p == "ل";
            rest = r;
            out[n] = Some(rest);
            n += 1;
            break;
        }
    }
    // After the preposition `ل`, the article is written `ل` (`للكرملين`).
    let article = if preposition { "ل" } else { "ال" };
    if let Some(r) = without_prefix(rest, article, 3) {
        out[n] = Some(r);
    }
    out.into_iter().flatten()
}

/// Lucene's `ArabicStemmer` (Larkey, Ballesteros and Connell's light10), exactly: removes the
/// first matching prefix of `ال وال بال كال فال لل` (2 letters must remain) or `و` (3 must
/// remain), then each of the suffixes `ها ان ات ون ين يه ية ه ة ي` in that order wherever it
/// matches (2 letters must remain each time). `word` is normalized Arabic; the result is a slice
/// of it: `والمدارس` -> `مدارس`, `الكرملين` -> `كرمل`.
pub fn light_stem(word: &str) -> &str {
    let mut w = word;
    for (prefix, min_left) in [
        ("ال", 2),
        ("وال", 2),
        ("بال", 2),
        ("كال", 2),
        ("فال", 2),
        ("لل", 2),
        ("و", 3),
    ] {
        if let Some(rest) = without_prefix(w, prefix, min_left) {
            w = rest;
            break;
        }
    }
    strip_suffixes(w, &LIGHT10_SUFFIXES)
}

const LIGHT10_SUFFIXES: [(&str, usize); 10] = [
    ("ها", 2),
    ("ان", 2),
    ("ات", 2),
    ("ون", 2),
    ("ين", 2),
    ("يه", 2),
    ("ية", 2),
    ("ه", 2),
    ("ة", 2),
    ("ي", 2),
];

/// Removes each suffix of `suffixes`, in order, where it matches and leaves enough letters.
fn strip_suffixes<'a>(mut w: &'a str, suffixes: &[(&str, usize)]) -> &'a str {
    for &(suffix, min_left) in suffixes {
        if let Some(rest) = without_suffix(w, suffix, min_left) {
            w = rest;
        }
    }
    w
}

const STEM_PREFIXES: [(&str, usize); 14] = [
    ("وبال", 2),
    ("وكال", 2),
    ("فبال", 2),
    ("فكال", 2),
    ("ولل", 2),
    ("فلل", 2),
    ("وال", 2),
    ("بال", 2),
    ("كال", 2),
    ("فال", 2),
    ("لل", 2),
    ("ال", 2),
    ("ل", 4),
    ("و", 3),
];

const STEM_SUFFIXES: [(&str, usize); 18] = [
    ("هما", 3),
    ("كما", 3),
    ("هم", 3),
    ("هن", 3),
    ("كم", 3),
    ("نا", 3),
    ("ها", 2),
    ("ا", 3),
    ("ان", 2),
    ("ات", 2),
    ("ون", 2),
    ("ين", 2),
    ("يه", 2),
    ("ية", 2),
    ("ه", 2),
    ("ة", 2),
    ("ي", 2),
    ("ت", 3),
];

/// The index stem of a normalized Arabic word: light10 extended as the module docs describe and
/// measure (recall 0.546, precision 0.663 on UD Arabic-PUD dev). Never used for entity keys.
/// `والاقتصادية` -> `اقتصاد`, `جنوبا` -> `جنوب`, `اعلنت` -> `اعلن`, `حكومتهم` -> `حكوم`.
pub fn stem(word: &str) -> Cow<'_, str> {
    let mut w = word;
    for (prefix, min_left) in STEM_PREFIXES {
        if let Some(rest) = without_prefix(w, prefix, min_left) {
            w = rest;
            break;
        }
    }
    Cow::Borrowed(strip_suffixes(w, &STEM_SUFFIXES))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::normalize::normalized as norm;

    proptest::proptest! {
        #[test]
        fn slices_never_panic_and_are_parts_of_the_word(word in "[\u{0621}-\u{064A}a-z]{0,12}") {
            let stripped = strip_proclitics(&word);
            proptest::prop_assert!(word.ends_with(stripped));
            for split in proclitic_splits(&word) {
                proptest::prop_assert!(word.ends_with(split));
            }
            proptest::prop_assert!(word.contains(light_stem(&word)));
            proptest::prop_assert!(word.contains(stem(&word).as_ref()));
        }
    }

    #[test]
    fn proclitics_of_kremlin() {
        for w in [
            "والكرملين",
            "بالكرملين",
            "الكرملين",
            "كالكرملين",
            "فالكرملين",
            "وبالكرملين",
        ] {
            assert_eq!(strip_proclitics(w), "كرملين", "{w}");
        }
        assert_eq!(strip_proclitics("للكرملين"), "كرملين");
        assert_eq!(strip_proclitics("كرملين"), "كرملين");
    }

    #[test]
    fn proclitics_keep_letters_of_the_word() {
        // Names that start with proclitic letters.
        for w in [
            "بوتين",
            "بيسكوف",
            "لافروف",
            "لندن",
            "واشنطن",
            "ويليام",
            "فلاديمير",
            "كييف",
        ] {
            assert_eq!(strip_proclitics(w), w);
        }
        assert_eq!(strip_proclitics("وبوتين"), "بوتين");
        assert_eq!(strip_proclitics("وبيسكوف"), "بيسكوف");
        // Too short to strip.
        assert_eq!(strip_proclitics("ولد"), "ولد");
        assert_eq!(strip_proclitics("الي"), "الي");
        assert_eq!(strip_proclitics("ال"), "ال");
        assert_eq!(strip_proclitics(""), "");
    }

    #[test]
    fn proclitic_splits_offer_each_layer() {
        let splits = |w| proclitic_splits(w).collect::<Vec<_>>();
        assert_eq!(splits("لبوتين"), ["لبوتين", "بوتين"]);
        assert_eq!(splits("والكرملين"), ["والكرملين", "الكرملين", "كرملين"]);
        assert_eq!(
            splits("وللكرملين"),
            ["وللكرملين", "للكرملين", "لكرملين", "كرملين"]
        );
        assert_eq!(splits("بوتين"), ["بوتين", "وتين"]);
        assert_eq!(splits("موسكو"), ["موسكو"]);
    }

    #[test]
    fn light10_as_lucene() {
        // Lucene's TestArabicStemFilter cases (normalized input).
        for (word, stem) in [
            ("الحسن", "حسن"),
            ("والحسن", "حسن"),
            ("بالحسن", "حسن"),
            ("كالحسن", "حسن"),
            ("فالحسن", "حسن"),
            ("للاخر", "اخر"),
            ("وحسن", "حسن"),
            ("حسنها", "حسن"),
            ("حسان", "حس"),
            ("حسات", "حس"),
            ("حسون", "حس"),
            ("حسين", "حس"),
            ("حسيه", "حس"),
            ("حسية", "حس"),
            ("حسنه", "حسن"),
            ("حسنة", "حسن"),
            ("حسني", "حسن"),
            ("اسانها", "اس"),
            ("يحسن", "يحسن"),
            ("الو", "الو"),
            ("وحس", "وحس"),
            ("حسه", "حس"),
            ("كرملين", "كرمل"),
        ] {
            assert_eq!(light_stem(word), stem, "{word}");
        }
    }

    #[test]
    fn stems_conflate_inflections() {
        // Pairs from UD Arabic-PUD dev (CC BY-SA 3.0) that light10 keeps apart.
        for (a, b) in [
            ("جنوباً", "جنوب"),
            ("جديداً", "الجديدة"),
            ("اقتصادياً", "الاقتصادية"),
            ("أقرت", "أقر"),
            ("لمستثمر", "المستثمرين"),
            ("لمنطقة", "المنطقة"),
            ("حكومتهم", "الحكومات"),
            ("وللمنطقة", "المنطقة"),
        ] {
            assert_eq!(stem(&norm(a)), stem(&norm(b)), "{a} {b}");
        }
        // No verb prefixes are removed: the imperfect stays apart from the perfect.
        assert_ne!(stem(&norm("تركت")), stem(&norm("تترك")));
    }

    #[test]
    fn stems_leave_short_words_and_keep_length_conditions() {
        for w in ["هنا", "انا", "بيت", "وقت", "لجنه", "من", "و", ""] {
            let s = stem(w);
            assert!(letters(&s) >= letters(w).min(2), "{w} -> {s}");
        }
        assert_eq!(stem("هنا"), "هنا");
        assert_eq!(stem("بيت"), "بيت");
        assert_eq!(stem("لجنه"), "لجن");
        assert_eq!(stem(&norm("الكرملين")), "كرمل");
        assert_eq!(stem(&norm("والاقتصادية")), "اقتصاد");
        assert_eq!(stem(&norm("أعلنت")), "اعلن");
        assert!(matches!(stem("كرملين"), Cow::Borrowed(_)));
    }
}
