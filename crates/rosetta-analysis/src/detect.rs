//! Language detection restricted to Romanian, English, Arabic and Vietnamese.
//! (Stub: script cues only; to be replaced by the full detector.)

use crate::Language;

/// Guesses which of the four languages `text` is written in; `None` when it is in none of them
/// (e.g. Cyrillic text, or no letters at all).
pub fn detect_language(text: &str) -> Option<Language> {
    let (mut arabic, mut latin, mut vi, mut ro) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{0600}'..='\u{06FF}' => arabic += 1,
            'ă' | 'â' | 'î' | 'ș' | 'ț' | 'ş' | 'ţ' | 'Ă' | 'Â' | 'Î' | 'Ș' | 'Ț' => {
                ro += 1;
                latin += 1
            }
            'ư' | 'ơ' | 'đ' | 'Ư' | 'Ơ' | 'Đ' | '\u{1EA0}'..='\u{1EF9}' => {
                vi += 1;
                latin += 1
            }
            c if c.is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    if arabic > latin {
        Some(Language::Arabic)
    } else if latin == 0 {
        None
    } else if vi > ro {
        Some(Language::Vietnamese)
    } else if ro > 0 {
        Some(Language::Romanian)
    } else {
        Some(Language::English)
    }
}
