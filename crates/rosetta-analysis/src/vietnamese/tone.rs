//! Tone-mark placement.
//!
//! Vietnamese writes each syllable's tone (one of five marks, or none) on one vowel, and two
//! conventions disagree on which vowel in open syllables with `oa`, `oe`, `uy`: the "old style"
//! `hòa`, `khỏe`, `thủy` and the "new style" `hoà`, `khoẻ`, `thuỷ`. Typing habits add strays such
//! as `qùy` or `gìa`. We rewrite every syllable with the **new style**, the placement of the
//! Vietnamese orthography rules (tone on the main vowel of the nucleus) that pyvi's word list and
//! most normalization tools emit, so both spellings give one term and dictionary keys meet text.
//!
//! The rules, after taking `qu` and `gi` (before another vowel) as initial consonants:
//! 1. a vowel with a shape mark (`ă â ê ô ơ ư`) takes the tone; of two (`ươ`), the last one;
//! 2. else a single vowel takes it;
//! 3. else a three-vowel nucleus (`oai`, `oay`, `uyu`, `oeo`, `uya`) takes it on the middle one;
//! 4. else a two-vowel nucleus followed by a final consonant (`hoàng`, `huỳnh`) takes it on the
//!    second, and so do open `oa`, `oe`, `uy` (`hoà`, `khoẻ`, `thuỷ`: the new style);
//! 5. else the first (`mía`, `múa`, `hài`, `cháu`).
//!
//! Only syllables that parse as Vietnamese (known initial, at most three vowels, known final)
//! are touched, so foreign words (`café`, `résumé`) pass through.

/// The five tone marks in order, index 1..=5 (0 is "no tone"): grave, acute, hook, tilde, dot.
/// Rows are the twelve vowel letters with each tone, precomposed (NFC).
const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// Row indexes in [`VOWELS`].
const A: u8 = 0;
const A_BREVE: u8 = 1;
const A_CIRC: u8 = 2;
const E: u8 = 3;
const E_CIRC: u8 = 4;
const I: u8 = 5;
const O: u8 = 6;
const O_CIRC: u8 = 7;
const O_HORN: u8 = 8;
const U: u8 = 9;
const U_HORN: u8 = 10;
const Y: u8 = 11;

/// Rows whose letter carries a shape mark (`ă â ê ô ơ ư`).
const fn is_modified(row: u8) -> bool {
    matches!(row, 1 | 2 | 4 | 7 | 8 | 10)
}

/// Initial consonant clusters; `q` is always followed by the `u` taken with it.
const INITIALS: [&str; 27] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
    "ph", "q", "r", "s", "t", "th", "tr", "v", "x",
];

/// Final consonants; `k` for the Central Highlands names (`Đắk Lắk`).
const FINALS: [&str; 10] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "k"];

/// Longest syllable we parse, in letters (`nghiêng` has 7).
const MAX_LETTERS: usize = 8;

/// Whether a nucleus of several vowels can stand before a final consonant (`hoàng`, `tuần`,
/// `tiếng`, `người`, `tuyết`).
fn closed_nucleus(nucleus: &[u8]) -> bool {
    matches!(
        nucleus,
        [O, A | A_BREVE | E | O]
            | [U, A_CIRC | E_CIRC | Y | O_CIRC]
            | [I | Y, E_CIRC]
            | [U_HORN, O_HORN]
            | [U, Y, E_CIRC]
    )
}

/// Whether a nucleus of several vowels can end a syllable (`hoà`, `mía`, `người`, `khuya`).
fn open_nucleus(nucleus: &[u8]) -> bool {
    matches!(
        nucleus,
        [A, I | O | U | Y]
            | [A_CIRC, U | Y]
            | [E, O]
            | [E_CIRC, U]
            | [I, A | U]
            | [O, A | E | I]
            | [O_CIRC | O_HORN, I]
            | [U, A | E_CIRC | I | O_HORN | Y]
            | [U_HORN, A | I | U]
            | [I | Y, E_CIRC, U]
            | [O, A, I | Y]
            | [O, E, O]
            | [U, A_CIRC, Y]
            | [U, O_CIRC, I]
            | [U_HORN, O_HORN, I | U]
            | [U, Y, A | U]
    )
}

#[derive(Clone, Copy)]
enum Letter {
    /// Row in [`VOWELS`].
    Vowel(u8),
    Consonant(char),
}

/// Looks up a lower-case vowel letter: its row and tone (0 = none).
fn vowel(c: char) -> Option<(u8, u8)> {
    // Every Vietnamese vowel is in Latin-1 or Latin Extended-A/B or Latin Extended Additional.
    if !matches!(c, 'a'..='y' | '\u{e0}'..='\u{1b0}' | '\u{1ea0}'..='\u{1ef9}') {
        return None;
    }
    VOWELS.iter().enumerate().find_map(|(row, forms)| {
        forms
            .iter()
            .position(|&f| f == c)
            .map(|tone| (row as u8, tone as u8))
    })
}

/// A syllable split into initial consonant, vowel nucleus and final consonant.
struct Parsed {
    letters: [Letter; MAX_LETTERS],
    len: usize,
    /// The nucleus is `letters[start..end]`; `end < len` means a final consonant follows.
    start: usize,
    end: usize,
    /// Tone 1..=5, or 0 for none.
    tone: u8,
    /// Index of the letter carrying the tone.
    tone_at: usize,
}

/// Parses a lower-case syllable; `None` unless it has a known initial, one to three vowels that
/// can form a nucleus, a known final and at most one tone mark.
fn parse(syllable: &str) -> Option<Parsed> {
    if syllable.len() > MAX_LETTERS * 3 {
        return None; // too long for a syllable; spares the loop below on long words
    }
    let mut p = Parsed {
        letters: [Letter::Consonant(' '); MAX_LETTERS],
        len: 0,
        start: 0,
        end: 0,
        tone: 0,
        tone_at: usize::MAX,
    };
    for c in syllable.chars() {
        if p.len == MAX_LETTERS {
            return None;
        }
        p.letters[p.len] = match vowel(c) {
            Some((row, t)) => {
                if t != 0 {
                    if p.tone != 0 {
                        return None; // two tone marks: not a syllable we understand
                    }
                    (p.tone, p.tone_at) = (t, p.len);
                }
                Letter::Vowel(row)
            }
            None if c.is_ascii_lowercase() || c == 'đ' => Letter::Consonant(c),
            None => return None,
        };
        p.len += 1;
    }
    let (letters, n) = (&p.letters[..p.len], p.len);
    let row = |k: usize| match letters.get(k) {
        Some(Letter::Vowel(r)) => Some(*r),
        _ => None,
    };
    let first_vowel = (0..n).find(|&k| row(k).is_some())?;
    let initial_is = |s: &str| {
        first_vowel == s.chars().count()
            && letters
                .iter()
                .zip(s.chars())
                .all(|(l, c)| matches!(l, Letter::Consonant(x) if *x == c))
    };
    let mut start = first_vowel;
    if initial_is("q") && row(first_vowel) == Some(U) {
        start += 1; // `qu` is one consonant: `quý`, `quỳnh`
    } else if initial_is("g") && row(1) == Some(I) && row(2).is_some() {
        start = 2; // `gi` before a vowel is one consonant: `già`, `giường`
    }
    let mut end = start;
    while row(end).is_some() {
        end += 1;
    }
    if end == start || end - start > 3 || !INITIALS.iter().any(|s| initial_is(s)) {
        return None;
    }
    let final_is = |s: &str| {
        n - end == s.chars().count()
            && letters[end..]
                .iter()
                .zip(s.chars())
                .all(|(l, c)| matches!(l, Letter::Consonant(x) if *x == c))
    };
    if !FINALS.iter().any(|s| final_is(s)) {
        return None;
    }
    (p.start, p.end) = (start, end);
    let nucleus = p.nucleus();
    let nucleus = &nucleus[..end - start];
    if nucleus.len() > 1
        && !(if end < n {
            closed_nucleus(nucleus)
        } else {
            open_nucleus(nucleus)
        })
    {
        // Vowel clusters Vietnamese does not write: `néon`, `sea`, `café` pass through.
        return None;
    }
    Some(p)
}

impl Parsed {
    /// The nucleus's vowel rows, padded with zeros to three.
    fn nucleus(&self) -> [u8; 3] {
        let mut nucleus = [0u8; 3];
        for (slot, letter) in nucleus.iter_mut().zip(&self.letters[self.start..self.end]) {
            if let Letter::Vowel(r) = letter {
                *slot = *r;
            }
        }
        nucleus
    }
}

/// Whether `syllable` (lower case) is spelled like a Vietnamese syllable: tells `Nga` from
/// `Vladimir` in a run of capitalized syllables.
pub(super) fn is_vietnamese(syllable: &str) -> bool {
    parse(syllable).is_some()
}

/// Writes `syllable` with its tone on the canonical vowel into `out` (cleared first); `false`
/// when it is already canonical or is not a Vietnamese syllable (then `out` stays empty).
pub(super) fn canonicalize(syllable: &str, out: &mut String) -> bool {
    out.clear();
    if syllable.is_ascii() {
        return false; // no tone mark to move
    }
    let Some(p) = parse(syllable) else {
        return false;
    };
    if p.tone == 0 {
        return false;
    }
    let nucleus = p.nucleus();
    let nucleus = &nucleus[..p.end - p.start];
    let at = if let Some(k) = nucleus.iter().rposition(|&r| is_modified(r)) {
        k // rule 1
    } else if nucleus.len() == 1 {
        0 // rule 2
    } else if nucleus.len() == 3 || p.end < p.len || matches!(nucleus, [O, A] | [O, E] | [U, Y]) {
        1 // rules 3 and 4
    } else {
        0 // rule 5
    } + p.start;
    if at == p.tone_at {
        return false;
    }
    for (k, letter) in p.letters[..p.len].iter().enumerate() {
        match *letter {
            Letter::Consonant(c) => out.push(c),
            Letter::Vowel(r) => {
                out.push(VOWELS[r as usize][if k == at { p.tone as usize } else { 0 }])
            }
        }
    }
    true
}
