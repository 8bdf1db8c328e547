//! Word segmentation of the original text by Unicode word boundaries (UAX #29).
//!
//! UAX #29 already keeps `Trump's`, `Kremlin’s`, `U.S`, `3.5` and `1,000` whole and splits
//! `Kremlin-aligned` and `2025-12-23` at the hyphen; combining marks (NFD Vietnamese) and format
//! characters (zero-width, bidi controls) stay inside the word they follow. What this module adds
//! is the context the later stages need: whether only spaces separate a word from the previous one
//! (Vietnamese syllable runs), whether punctuation does (entity names never cross it), and whether
//! a hyphen joins it to the previous word (compounds).

use unicode_segmentation::UnicodeSegmentation;

/// A word of the original text with its context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawWord<'a> {
    /// The word exactly as in the input.
    pub text: &'a str,
    /// Byte offset of the word in the input.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// Whether anything other than whitespace stands between this word and the previous one.
    pub after_break: bool,
    /// Whether a single hyphen (and nothing else) joins this word to the previous one.
    pub hyphenated: bool,
}

/// Iterates over the words of `text` (pieces with at least one letter or digit).
///
/// A zero-width space (U+200B) between two words does not split them: UAX #29 breaks there (it is
/// a line-break hint in Thai or Khmer), but in scraped news it is an invisible artifact inside a
/// word (`Pe\u{200B}skov`).
pub fn words(text: &str) -> impl Iterator<Item = RawWord<'_>> {
    let mut raw = uax29_words(text).peekable();
    std::iter::from_fn(move || {
        let mut word = raw.next()?;
        while let Some(next) = raw.peek() {
            let gap = &text[word.end..next.start];
            if gap.is_empty() || !gap.chars().all(|c| c == '\u{200B}') {
                break;
            }
            word.end = next.end;
            word.text = &text[word.start..word.end];
            raw.next();
        }
        Some(word)
    })
}

fn uax29_words(text: &str) -> impl Iterator<Item = RawWord<'_>> {
    let mut after_break = true;
    let mut pending_hyphen = false;
    let mut previous_end = usize::MAX;
    text.split_word_bound_indices()
        .filter_map(move |(start, piece)| {
            if piece.chars().any(char::is_alphanumeric) {
                let word = RawWord {
                    text: piece,
                    start,
                    end: start + piece.len(),
                    after_break,
                    hyphenated: pending_hyphen && previous_end == start - 1,
                };
                after_break = false;
                pending_hyphen = false;
                previous_end = word.end;
                Some(word)
            } else {
                if !piece.chars().all(char::is_whitespace) {
                    after_break = true;
                    pending_hyphen = previous_end == start && is_hyphen(piece);
                } else {
                    pending_hyphen = false;
                }
                None
            }
        })
}

fn is_hyphen(piece: &str) -> bool {
    matches!(piece, "-" | "\u{2010}" | "\u{2011}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).map(|w| w.text).collect()
    }

    #[test]
    fn apostrophes_abbreviations_and_numbers() {
        assert_eq!(
            texts("Trump's and Kremlin’s U.S. plan: 3.5% of 1,000 on 2025-12-23"),
            [
                "Trump's",
                "and",
                "Kremlin’s",
                "U.S",
                "plan",
                "3.5",
                "of",
                "1,000",
                "on",
                "2025",
                "12",
                "23"
            ]
        );
    }

    #[test]
    fn hyphens_mark_compounds_and_punctuation_marks_breaks() {
        let ws: Vec<_> = words("Kremlin-aligned news, Mát-xcơ-va - Hà Nội").collect();
        let flags: Vec<_> = ws
            .iter()
            .map(|w| (w.text, w.hyphenated, w.after_break))
            .collect();
        assert_eq!(
            flags,
            [
                ("Kremlin", false, true),
                ("aligned", true, true),
                ("news", false, false),
                ("Mát", false, true),
                ("xcơ", true, true),
                ("va", true, true),
                ("Hà", false, true),
                ("Nội", false, false),
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "Điện Kremlin: ông Putin";
        for w in words(text) {
            assert_eq!(&text[w.start..w.end], w.text);
        }
    }
}
