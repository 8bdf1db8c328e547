//! Russian: the letter `ё` and stemming.
//!
//! Russian text mostly writes `ё` as `е` (`еще` for `ещё`, `Горбачев` for `Горбачёв`), so the
//! stem and the stopword test read `ё` as `е`: both spellings give one term. The normalized
//! word keeps its `ё`, so entity keys of Cyrillic names are what they were before Russian had
//! stems of its own (they are made from the word, see [`crate::entity`]); the folded form drops
//! the diacritic anyway ([`crate::normalize::fold_diacritics`]).
//!
//! Stems are Snowball's Russian stemmer (rust-stemmers), the one tantivy uses.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// `word` with `ё` written `е` (borrowed when it has none).
pub fn without_yo(word: &str) -> Cow<'_, str> {
    if word.contains('ё') {
        Cow::Owned(word.replace('ё', "е"))
    } else {
        Cow::Borrowed(word)
    }
}

/// Appends the stem of `word` (normalized, see [`crate::normalize::normalize_word`]) to `out`.
pub fn stem(word: &str, out: &mut String) {
    // `Stemmer::create` only stores the algorithm's function pointer.
    out.push_str(&Stemmer::create(Algorithm::Russian).stem(&without_yo(word)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmed(word: &str) -> String {
        let mut out = String::new();
        stem(word, &mut out);
        out
    }

    #[test]
    fn yo_and_ye_spellings_share_a_stem() {
        assert_eq!(stemmed("ещё"), stemmed("еще"));
        assert_eq!(stemmed("отчёт"), stemmed("отчет"));
        assert_eq!(stemmed("отчёта"), "отчет");
        assert_eq!(without_yo("ёлка"), "елка");
        assert!(matches!(without_yo("кремль"), Cow::Borrowed(_)));
    }

    #[test]
    fn inflections_of_one_word_share_a_stem() {
        for forms in [
            ["переговоры", "переговоров", "переговорах"],
            ["президент", "президента", "президентом"],
            ["заявил", "заявила", "заявили"],
        ] {
            let stem = stemmed(forms[0]);
            for form in forms {
                assert_eq!(stemmed(form), stem, "{form}");
            }
        }
    }
}
