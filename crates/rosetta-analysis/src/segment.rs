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
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    for_each_word(text, |w| out.push(w));
    out.into_iter()
}

/// Calls `f` with each word of `text`, as [`words`] gives them, without collecting them.
pub fn for_each_word<'a>(text: &'a str, mut f: impl FnMut(RawWord<'a>)) {
    let mut joiner = ZeroWidthJoiner {
        text,
        pending: None,
    };
    let mut context = Context {
        after_break: true,
        pending_hyphen: false,
        previous_end: usize::MAX,
    };
    for_each_piece(text, |start, piece, kind| {
        if let Some(word) = context.next(start, piece, kind) {
            joiner.push(word, &mut f);
        }
    });
    if let Some(last) = joiner.pending {
        f(last);
    }
}

/// Joins words that only zero-width spaces separate.
struct ZeroWidthJoiner<'a> {
    text: &'a str,
    pending: Option<RawWord<'a>>,
}

impl<'a> ZeroWidthJoiner<'a> {
    fn push(&mut self, word: RawWord<'a>, f: &mut impl FnMut(RawWord<'a>)) {
        if let Some(previous) = &mut self.pending {
            let gap = &self.text[previous.end..word.start];
            if !gap.is_empty() && gap.chars().all(|c| c == '\u{200B}') {
                previous.end = word.end;
                previous.text = &self.text[previous.start..previous.end];
                return;
            }
        }
        if let Some(previous) = self.pending.replace(word) {
            f(previous);
        }
    }
}

/// What kind of piece between word boundaries the fast path found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PieceKind {
    /// Letters and digits.
    Word,
    /// Whitespace.
    Space,
    /// One ASCII punctuation character.
    Punct,
    /// Not classified yet (from unicode-segmentation).
    Unknown,
}

/// The context [`RawWord`] records, carried from piece to piece.
struct Context {
    after_break: bool,
    pending_hyphen: bool,
    previous_end: usize,
}

impl Context {
    fn next<'a>(&mut self, start: usize, piece: &'a str, kind: PieceKind) -> Option<RawWord<'a>> {
        let is_word = match kind {
            PieceKind::Word => true,
            PieceKind::Space | PieceKind::Punct => false,
            PieceKind::Unknown => piece.chars().any(char::is_alphanumeric),
        };
        if is_word {
            let word = RawWord {
                text: piece,
                start,
                end: start + piece.len(),
                after_break: self.after_break,
                hyphenated: self.pending_hyphen && self.previous_end == start - 1,
            };
            self.after_break = false;
            self.pending_hyphen = false;
            self.previous_end = word.end;
            return Some(word);
        }
        let space = match kind {
            PieceKind::Space => true,
            PieceKind::Punct => false,
            _ => piece.chars().all(char::is_whitespace),
        };
        if space {
            self.pending_hyphen = false;
        } else {
            self.after_break = true;
            self.pending_hyphen = self.previous_end == start && is_hyphen(piece);
        }
        None
    }
}

/// Calls `f` with the pieces of `text` between UAX #29 word boundaries (whitespace runs may come
/// grouped differently, which [`words`] does not see). Fast path: a chunk between ASCII
/// whitespace made of ASCII punctuation, then letters and digits that UAX #29 never splits
/// (ASCII, Latin-1, Latin Extended A/B and Additional, Arabic letters and digits), then ASCII
/// punctuation, is cut directly; any other chunk goes through unicode-segmentation.
fn for_each_piece<'a>(text: &'a str, mut f: impl FnMut(usize, &'a str, PieceKind)) {
    let bytes = text.as_bytes();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    // A whitespace run not passed on yet: a combining mark after it joins it (UAX #29 WB4).
    let mut space: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        if is_space(bytes[i]) {
            let start = i;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            space = Some(start);
            continue;
        }
        let start = i;
        while i < bytes.len() && !is_space(bytes[i]) {
            i += 1;
        }
        let chunk = &text[start..i];
        let lead = chunk
            .char_indices()
            .find(|&(_, c)| !is_edge_punct(c))
            .map_or(chunk.len(), |(k, _)| k);
        let core_end = chunk[lead..]
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_edge_punct(c))
            .map_or(lead, |(k, c)| lead + k + c.len_utf8());
        let core = &chunk[lead..core_end];
        if core.is_empty() {
            // Punctuation only (tokenized text puts spaces around it).
            if let Some(s) = space.take() {
                f(s, &text[s..start], PieceKind::Space);
            }
            for (k, c) in chunk.char_indices() {
                f(start + k, &chunk[k..k + c.len_utf8()], PieceKind::Punct);
            }
        } else if is_unsplit_word(core) {
            if let Some(s) = space.take() {
                f(s, &text[s..start], PieceKind::Space);
            }
            for (k, c) in chunk[..lead].char_indices() {
                f(start + k, &chunk[k..k + c.len_utf8()], PieceKind::Punct);
            }
            f(start + lead, core, PieceKind::Word);
            for (k, c) in chunk[core_end..].char_indices() {
                let k = core_end + k;
                f(start + k, &chunk[k..k + c.len_utf8()], PieceKind::Punct);
            }
        } else {
            let from = match space.take() {
                Some(s) if !chunk.is_ascii() => s,
                Some(s) => {
                    f(s, &text[s..start], PieceKind::Space);
                    start
                }
                None => start,
            };
            for (s, p) in text[from..i].split_word_bound_indices() {
                f(from + s, p, PieceKind::Unknown);
            }
        }
    }
    if let Some(s) = space {
        f(s, &text[s..], PieceKind::Space);
    }
}

/// Punctuation that UAX #29 always separates at the edge of a chunk (next to whitespace): ASCII
/// punctuation but `_`, and the quotes, dashes and Arabic marks common in news.
fn is_edge_punct(c: char) -> bool {
    (c.is_ascii_punctuation() && c != '_')
        || matches!(
            c,
            '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '—' | '–' | '…' | '،' | '؛' | '؟'
        )
}

/// The word classes of UAX #29 the fast path knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    /// Word_Break ALetter.
    Letter,
    /// Word_Break Numeric.
    Digit,
}

/// Letters and digits between which UAX #29 never breaks (Word_Break ALetter or Numeric, with no
/// Extend or Format among them): ASCII, Latin-1, Latin Extended A/B and Additional, Arabic
/// letters and digits.
fn word_class(c: char) -> Option<WordClass> {
    match c {
        'a'..='z'
        | 'A'..='Z'
        | '\u{C0}'..='\u{D6}'
        | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{24F}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{621}'..='\u{63A}'
        | '\u{641}'..='\u{64A}' => Some(WordClass::Letter),
        '0'..='9' | '\u{660}'..='\u{669}' => Some(WordClass::Digit),
        _ => None,
    }
}

/// Whether UAX #29 keeps `core` (no whitespace, no edge punctuation) as one piece: letters and
/// digits (each with any combining marks after it), with single apostrophes, dots or colons between two letters (`don't`, `U.S`) and
/// single apostrophes, dots, commas or semicolons between two digits (`3.5`, `1,000`), as rules
/// WB6/WB7 and WB11/WB12 say.
fn is_unsplit_word(core: &str) -> bool {
    if core.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return true;
    }
    let mut previous: Option<WordClass> = None;
    let mut middle: Option<char> = None;
    for c in core.chars() {
        if previous.is_some()
            && matches!(c, '\u{300}'..='\u{36F}' | '\u{64B}'..='\u{65F}' | '\u{670}')
        {
            // Combining marks (NFD accents, Arabic harakat) belong to the character before
            // them (WB4).
            continue;
        }
        if let Some(class) = word_class(c) {
            if let Some(m) = middle.take() {
                let joins = match m {
                    '\'' | '’' | '.' => previous == Some(class),
                    ':' => previous == Some(WordClass::Letter) && class == WordClass::Letter,
                    _ => previous == Some(WordClass::Digit) && class == WordClass::Digit,
                };
                if !joins {
                    return false;
                }
            }
            previous = Some(class);
        } else if matches!(c, '\'' | '’' | '.' | ':' | ',' | ';')
            && middle.is_none()
            && previous.is_some()
        {
            middle = Some(c);
        } else {
            return false;
        }
    }
    middle.is_none()
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
        // Edge punctuation and the characters that join two letters or two digits, or do not.
        texts.push(
            "“Kremlin’s” «Peskov» l’Europe don't a:b a,b 5.a a..b 3'5 3:5 5;6 1.2.3 U.S.A.’ \
             —quote… ‘x’ „y“ ،كلمة؟ ٣،٥ x’ ’x a'.b a.'b Kremlin’’s 'a' 'x"
                .into(),
        );
        // And random strings over an alphabet of those characters.
        let alphabet: Vec<char> = "aZ5٣ăđكل '’.:,;-_“”…،\u{301}\u{64B}".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let mut line = String::new();
            for _ in 0..1 + seed % 12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                line.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            texts.push(line);
        }
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
