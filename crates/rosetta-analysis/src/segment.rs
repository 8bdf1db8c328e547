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
    pieces(text).into_iter().filter_map(move |(start, piece)| {
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

/// The pieces of `text` between UAX #29 word boundaries (whitespace runs may come grouped
/// differently, which [`words`] does not see). Fast path: a chunk between ASCII whitespace made of
/// ASCII punctuation, then letters and digits that UAX #29 never splits (ASCII, Latin-1, Latin
/// Extended A/B and Additional, Arabic letters and digits), then ASCII punctuation, is cut
/// directly; any other chunk goes through unicode-segmentation.
fn pieces(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let is_punct = |b: u8| b.is_ascii_punctuation() && b != b'_';
    let mut i = 0;
    while i < bytes.len() {
        if is_space(bytes[i]) {
            let start = i;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            out.push((start, &text[start..i]));
            continue;
        }
        let start = i;
        while i < bytes.len() && !is_space(bytes[i]) {
            i += 1;
        }
        let chunk = &text[start..i];
        let cb = chunk.as_bytes();
        let lead = cb.iter().take_while(|&&b| is_punct(b)).count();
        let trail = cb[lead..]
            .iter()
            .rev()
            .take_while(|&&b| is_punct(b))
            .count();
        let core = &chunk[lead..chunk.len() - trail];
        if !core.is_empty() && core.chars().all(unsplit_word_char) {
            for k in 0..lead {
                out.push((start + k, &chunk[k..k + 1]));
            }
            out.push((start + lead, core));
            for k in chunk.len() - trail..chunk.len() {
                out.push((start + k, &chunk[k..k + 1]));
            }
        } else {
            // A combining mark after whitespace joins it (UAX #29 WB4): segment them together.
            let from = match out.last() {
                Some(&(s, p)) if !chunk.is_ascii() && is_space(p.as_bytes()[0]) => {
                    out.pop();
                    s
                }
                _ => start,
            };
            out.extend(
                text[from..i]
                    .split_word_bound_indices()
                    .map(|(s, p)| (from + s, p)),
            );
        }
    }
    out
}

/// Letters and digits between which UAX #29 never breaks (Word_Break ALetter or Numeric, with no
/// Extend or Format among them).
fn unsplit_word_char(c: char) -> bool {
    matches!(c,
        'a'..='z' | 'A'..='Z' | '0'..='9'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{621}'..='\u{63A}' | '\u{641}'..='\u{64A}' | '\u{660}'..='\u{669}')
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
    fn fast_pieces_give_the_words_of_uax29() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");
        let mut texts: Vec<String> = ["ro", "en", "ar", "vi"]
            .iter()
            .map(|l| std::fs::read_to_string(format!("{root}/bench/{l}.txt")).unwrap())
            .collect();
        for e in std::fs::read_dir(format!("{root}/seeds")).unwrap() {
            texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
        }
        texts
            .push("a_b (x) 'y' \"z\". U.S. 3.5% 1,000 e-mail a\u{301}b \u{301}c x\u{200d}y".into());
        for text in &texts {
            for line in text.lines() {
                let reference: Vec<(usize, usize, bool, bool)> = {
                    let mut after_break = true;
                    let mut pending_hyphen = false;
                    let mut previous_end = usize::MAX;
                    line.split_word_bound_indices()
                        .filter_map(|(start, piece)| {
                            if piece.chars().any(char::is_alphanumeric) {
                                let w = (
                                    start,
                                    start + piece.len(),
                                    after_break,
                                    pending_hyphen && previous_end == start - 1,
                                );
                                after_break = false;
                                pending_hyphen = false;
                                previous_end = w.1;
                                Some(w)
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
                        .collect()
                };
                let fast: Vec<_> = words(line)
                    .map(|w| (w.start, w.end, w.after_break, w.hyphenated))
                    .collect();
                assert_eq!(fast, reference, "{line}");
            }
        }
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "Điện Kremlin: ông Putin";
        for w in words(text) {
            assert_eq!(&text[w.start..w.end], w.text);
        }
    }
}
