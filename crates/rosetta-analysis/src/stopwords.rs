//! Stopword lists for each language, normalized like the text.
//!
//! The lists are `data/stopwords/{ro,en,ar,vi}.txt` (from stopwords-iso 1.1.0, MIT) and
//! `data/stopwords/ru.txt` (Snowball's Russian list, BSD; see the README there for the sources
//! and for what was removed and why), compiled in and normalized at build time (build.rs), with
//! [`normalize_word`] (for Vietnamese also [`canonicalize_tone`] per syllable; for Russian `ё`
//! read as `е`, as the text is, see [`crate::russian`]). So a list
//! entry written `أن`, `أَنَّ` or with cedilla `şi` meets the terms the analyzer produces (`ان`,
//! `și`), and the entry `toé khói` meets text written `tóe khói` (tone placement canonicalized).
//!
//! A stopword is not indexed, so the lists are kept to function words: the English list is the
//! 174-word Snowball list (stopwords-iso's 1298 words include `information`, `home`, `world`,
//! `us`), and content words that matter in news were taken out of the others (numerals, months,
//! `acord`, `timp`, `زيارة`, `وقف`, `anh` = Britain, `người`, `nhà` ...).
//!
//! Effect on lemma conflation (recall and precision of lemma conflation on the UD dev treebanks,
//! with the stemmers the analyzer uses; "+ stopwords" drops forms that are stopwords, which then
//! give no term and leave the measure, as in the analyzer's output):
//!
//! | language, stemmer | recall, precision | + stopwords |
//! | --- | --- | --- |
//! | ro, [`crate::romanian::stem`] + folded stem | 0.500, 0.578 | 0.645, 0.585 |
//! | en, Snowball English | 0.577, 0.621 | 0.692, 0.621 |
//! | ar, [`crate::arabic::stem`] | 0.511, 0.652 | 0.546, 0.663 |
//!
//! Most of the recall gain is pronoun and auxiliary paradigms (`el/lui/ei`, `is/was/be`) whose
//! forms share a lemma but no stem: they are not indexed, so they can no longer be missed.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::compiled_stopwords::{STOPWORDS, VIETNAMESE_COMPOUND_FIRSTS};
use crate::normalize::normalize_word;
use crate::vietnamese::canonicalize_tone;
use crate::Language;

/// The lists, in [`Language::ALL`] order (build.rs normalizes them with [`load`] into
/// `STOPWORDS`, so a process does not).
const SOURCES: [&str; Language::ALL.len()] = [
    include_str!("../data/stopwords/ro.txt"),
    include_str!("../data/stopwords/en.txt"),
    include_str!("../data/stopwords/ar.txt"),
    include_str!("../data/stopwords/vi.txt"),
    include_str!("../data/stopwords/ru.txt"),
];

/// Whether `term` is a stopword of `lang`.
///
/// `term` is a normalized word (see [`normalize_word`]; Vietnamese also tone-canonical, see
/// [`canonicalize_tone`]). For Vietnamese it may be a word of several syllables joined by single
/// spaces (`bởi vì`), as the segmenter groups them.
pub fn is_stopword(lang: Language, term: &str) -> bool {
    let set = set(lang);
    match lang {
        Language::Russian => set.contains(crate::russian::without_yo(term).as_ref()),
        _ => set.contains(term),
    }
}

/// Whether `syllable` (normalized, tone-canonical) is the first syllable of a Vietnamese stopword
/// of several syllables: only a word beginning so needs the (costlier) [`is_stopword`] test.
pub(crate) fn begins_vietnamese_compound_stopword(syllable: &str) -> bool {
    VIETNAMESE_COMPOUND_FIRSTS.contains(syllable)
}

/// The normalized stopwords of `lang`, in no particular order (for inspection and tests).
pub fn stopwords(lang: Language) -> impl Iterator<Item = &'static str> {
    STOPWORDS[lang.index()].iter()
}

/// `lang`'s compiled list in a hash set, made on first use (a few hundred inserts, no
/// normalization): a test of every word of every text wants the fastest lookup there is, and
/// the hash set's is twice as fast as the compiled table's.
fn set(lang: Language) -> &'static FxHashSet<&'static str> {
    static SETS: [OnceLock<FxHashSet<&'static str>>; Language::ALL.len()] =
        [const { OnceLock::new() }; Language::ALL.len()];
    SETS[lang.index()].get_or_init(|| STOPWORDS[lang.index()].iter().collect())
}

/// The normalized lists in [`Language::ALL`] order, each sorted, and the first syllables of the
/// Vietnamese entries of several syllables: what build.rs compiles.
#[allow(dead_code)] // Used by build.rs.
pub(crate) fn normalized_lists() -> (Vec<Vec<String>>, Vec<String>) {
    let lists: Vec<Vec<String>> = Language::ALL
        .iter()
        .map(|&lang| {
            let mut list: Vec<String> = load(lang, SOURCES[lang.index()]).into_iter().collect();
            list.sort_unstable();
            list
        })
        .collect();
    let mut firsts: Vec<String> = lists[Language::Vietnamese.index()]
        .iter()
        .filter_map(|w| w.split_once(' ').map(|(first, _)| first.to_string()))
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    (lists, firsts)
}

/// Normalizes each line of `source` (one entry per line) like the analyzer normalizes words.
fn load(lang: Language, source: &str) -> FxHashSet<String> {
    let mut set = FxHashSet::default();
    let (mut word, mut canonical) = (String::new(), String::new());
    for line in source.lines() {
        let mut entry = String::new();
        for syllable in line.split_whitespace() {
            normalize_word(syllable, &mut word);
            if lang == Language::Vietnamese && canonicalize_tone(&word, &mut canonical) {
                std::mem::swap(&mut word, &mut canonical);
            }
            if lang == Language::Russian {
                word = crate::russian::without_yo(&word).into_owned();
            }
            if word.is_empty() {
                continue;
            }
            if !entry.is_empty() {
                entry.push(' ');
            }
            entry.push_str(&word);
        }
        if !entry.is_empty() {
            set.insert(entry);
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_lists_equal_the_files_normalized_now() {
        let (lists, firsts) = normalized_lists();
        for lang in Language::ALL {
            let mut compiled: Vec<&str> = stopwords(lang).collect();
            compiled.sort_unstable();
            assert_eq!(compiled, lists[lang.index()], "{lang:?}");
            assert!(compiled.len() > 100, "{lang:?}");
        }
        assert!(firsts
            .iter()
            .all(|f| begins_vietnamese_compound_stopword(f)));
        assert!(begins_vietnamese_compound_stopword("bởi"));
        assert!(!begins_vietnamese_compound_stopword("hội"));
    }

    use crate::normalize::normalized as norm;

    #[test]
    fn lists_load_with_their_sizes() {
        // Normalization merges a few spellings (Arabic `إن`/`أن`/`ان`, Romanian cedilla and
        // comma-below), so sets may be smaller than the files, but not much.
        for (lang, lines) in [
            (Language::Romanian, 395),
            (Language::English, 174),
            (Language::Arabic, 429),
            (Language::Vietnamese, 612),
            (Language::Russian, 154),
        ] {
            let n = stopwords(lang).count();
            assert!(n > lines * 3 / 4 && n <= lines, "{lang}: {n}");
        }
    }

    #[test]
    fn function_words_are_stopwords() {
        for (lang, word) in [
            (Language::English, "the"),
            (Language::English, "don't"),
            (Language::Romanian, "și"),
            (Language::Romanian, "în"),
            (Language::Romanian, "care"),
            (Language::Arabic, "في"),
            (Language::Arabic, "من"),
            (Language::Vietnamese, "và"),
            (Language::Vietnamese, "của"),
            (Language::Vietnamese, "bởi vì"),
            (Language::Russian, "и"),
            (Language::Russian, "что"),
            (Language::Russian, "ещё"),
            (Language::Russian, "еще"),
            (Language::Russian, "её"),
        ] {
            assert!(is_stopword(lang, &norm(word)), "{lang} {word}");
        }
    }

    #[test]
    fn entries_are_normalized_like_the_text() {
        // Cedilla in the list (`şi`, `aşa`), comma-below in the text.
        assert!(is_stopword(Language::Romanian, &norm("şi")));
        assert!(is_stopword(Language::Romanian, &norm("ȘI")));
        assert!(is_stopword(Language::Romanian, "așa"));
        // Hamza forms, harakat and alef maqsura in the text or the list.
        assert!(is_stopword(Language::Arabic, &norm("أنَّ")));
        assert!(is_stopword(Language::Arabic, &norm("إِنَّ")));
        assert!(is_stopword(Language::Arabic, &norm("إلى")));
        assert!(is_stopword(Language::Arabic, &norm("الى")));
        assert!(is_stopword(Language::Arabic, &norm("لَيْسَ")));
        assert!(is_stopword(Language::Arabic, "ليس"));
        assert!(is_stopword(Language::Arabic, &norm("هَذِهِ")));
        // Unnormalized forms are not what the analyzer looks up.
        assert!(!stopwords(Language::Arabic).any(|w| w.contains(['أ', 'إ', 'ى', 'ة', '\u{064E}'])));
        assert!(!stopwords(Language::Romanian).any(|w| w.contains(['ş', 'ţ'])));
    }

    #[test]
    fn vietnamese_entries_are_tone_canonical() {
        let mut out = String::new();
        for entry in stopwords(Language::Vietnamese) {
            for syllable in entry.split(' ') {
                assert!(
                    !canonicalize_tone(syllable, &mut out),
                    "{entry}: {syllable} -> {out}"
                );
            }
        }
        assert!(stopwords(Language::Vietnamese).any(|w| w.split(' ').count() == 3));
        // Text with the other tone placement, canonicalized as the analyzer does, still matches.
        let canonical = |s: &str| {
            let mut out = String::new();
            if canonicalize_tone(s, &mut out) {
                out
            } else {
                s.to_string()
            }
        };
        let old_style = format!("{} {}", canonical("tóe"), canonical("khói"));
        assert!(is_stopword(Language::Vietnamese, &old_style), "{old_style}");
    }

    #[test]
    fn content_words_are_not_stopwords() {
        for (lang, word) in [
            (Language::English, "information"),
            (Language::English, "world"),
            (Language::English, "us"),
            (Language::English, "kremlin"),
            (Language::Romanian, "acord"),
            (Language::Romanian, "trei"),
            (Language::Romanian, "timp"),
            (Language::Arabic, "زيارة"),
            (Language::Arabic, "وقف"),
            (Language::Arabic, "مليون"),
            (Language::Vietnamese, "anh"),
            (Language::Vietnamese, "người"),
            (Language::Vietnamese, "nhà"),
            (Language::Russian, "человек"),
            (Language::Russian, "жизнь"),
            (Language::Russian, "три"),
            (Language::Russian, "кремль"),
        ] {
            assert!(!is_stopword(lang, &norm(word)), "{lang} {word}");
        }
        // Stopwords of one language are not stopwords of another.
        assert!(!is_stopword(Language::Arabic, "the"));
        assert!(!is_stopword(Language::English, "și"));
        assert!(!is_stopword(Language::Romanian, "the"));
    }
}
