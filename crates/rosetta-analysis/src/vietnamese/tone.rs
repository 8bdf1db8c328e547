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
    "", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
    "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x",
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

/// Writes `syllable` with its tone on the canonical vowel into `out` (cleared first); `false`
/// when it is already canonical or is not a Vietnamese syllable (then `out` stays empty).
pub(super) fn canonicalize(syllable: &str, out: &mut String) -> bool {
    out.clear();
    if syllable.is_ascii() || syllable.len() > MAX_LETTERS * 3 {
        // ASCII has no tone mark to move; a longer word cannot be one syllable.
        return false;
    }
    let mut letters = [Letter::Consonant(' '); MAX_LETTERS];
    let mut n = 0;
    let (mut tone, mut tone_at) = (0u8, usize::MAX);
    for c in syllable.chars() {
        if n == MAX_LETTERS {
            return false;
        }
        letters[n] = match vowel(c) {
            Some((row, t)) => {
                if t != 0 {
                    if tone != 0 {
                        return false; // two tone marks: not a syllable we understand
                    }
                    (tone, tone_at) = (t, n);
                }
                Letter::Vowel(row)
            }
            None if c.is_ascii_lowercase() || c == 'đ' => Letter::Consonant(c),
            None => return false,
        };
        n += 1;
    }
    if tone == 0 {
        return false;
    }
    let letters = &letters[..n];
    let row = |k: usize| match letters.get(k) {
        Some(Letter::Vowel(r)) => Some(*r),
        _ => None,
    };
    let Some(first_vowel) = (0..n).find(|&k| row(k).is_some()) else {
        return false;
    };
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
        return false;
    }
    let final_is = |s: &str| {
        n - end == s.chars().count()
            && letters[end..]
                .iter()
                .zip(s.chars())
                .all(|(l, c)| matches!(l, Letter::Consonant(x) if *x == c))
    };
    if !FINALS.iter().any(|s| final_is(s)) {
        return false;
    }
    let mut nucleus = [0u8; 3];
    for (slot, k) in nucleus.iter_mut().zip(start..end) {
        *slot = row(k).unwrap_or(0);
    }
    let nucleus = &nucleus[..end - start];
    if end < n && nucleus.len() > 1 && !closed_nucleus(nucleus) {
        // `ai`, `eo`, `ia`, ... never take a final consonant: not Vietnamese (`néon`).
        return false;
    }
    let at = if let Some(k) = nucleus.iter().rposition(|&r| is_modified(r)) {
        k
    } else if nucleus.len() == 1 {
        0
    } else if nucleus.len() == 3 || end < n {
        1
    } else if matches!(nucleus, [O, A] | [O, E] | [U, Y]) {
        1
    } else {
        0
    } + start;
    if at == tone_at {
        return false;
    }
    for (k, letter) in letters.iter().enumerate() {
        match *letter {
            Letter::Consonant(c) => out.push(c),
            Letter::Vowel(r) => out.push(VOWELS[r as usize][if k == at { tone as usize } else { 0 }]),
        }
    }
    true
}
