//! Per-word normalization: NFC, Turkish-safe case folding, and the letter mappings each script
//! needs so that spellings a reader considers equal give one term.
//!
//! Runs on one word at a time (after segmentation), so offsets into the original text stay those
//! of the word: normalization may change a word's length, never its span.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Writes the normalized form of `word` into `out` (cleared first).
///
/// What it does, in order: NFC (skipped when the quick check says the word already is NFC);
/// lower-casing with `İ` -> `i` (not `i̇`); curly and modifier apostrophes -> `'`; deletes
/// zero-width, soft-hyphen and bidi control characters, Arabic tatweel and harakat (U+064B-U+0652,
/// U+0670); Romanian cedilla `ş ţ` -> comma-below `ș ț`; Arabic `آ أ إ ٱ` -> `ا`, `ى` -> `ي`,
/// `ة` -> `ه`, Persian `ی ک` -> `ي ك`; Arabic-Indic and Extended Arabic-Indic digits -> ASCII;
/// Russian `ё` -> `е`.
pub fn normalize_word(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        // The common path for English and most numbers: nothing but case to change.
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    if is_nfc_quick(word.chars()) == IsNormalized::Yes {
        push_normalized(word.chars(), out);
    } else {
        push_normalized(word.nfc(), out);
    }
}

fn push_normalized(chars: impl Iterator<Item = char>, out: &mut String) {
    let mut previous_was_i = false;
    for c in chars {
        if c == '\u{307}' && previous_was_i {
            // `İ` decomposed or lower-cased elsewhere leaves a dot above an `i`: drop it.
            continue;
        }
        previous_was_i = false;
        match map_char(c) {
            Mapped::Delete => {}
            Mapped::Char(m) => {
                if m.is_uppercase() {
                    if m == 'İ' {
                        out.push('i');
                        previous_was_i = true;
                    } else {
                        for l in m.to_lowercase() {
                            out.push(l);
                        }
                    }
                } else {
                    out.push(m);
                }
                previous_was_i |= m == 'i' || m == 'I';
            }
        }
    }
}

enum Mapped {
    Delete,
    Char(char),
}

fn map_char(c: char) -> Mapped {
    let m = match c {
        // Zero-width, soft hyphen, word joiner, BOM, bidi embeddings/overrides/isolates, marks.
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}' => return Mapped::Delete,
        // Arabic tatweel and harakat.
        '\u{0640}' | '\u{064B}'..='\u{0652}' | '\u{0670}' => return Mapped::Delete,
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}' | '\u{02B9}' => '\'',
        'ş' => 'ș',
        'Ş' => 'ș',
        'ţ' => 'ț',
        'Ţ' => 'ț',
        'آ' | 'أ' | 'إ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ک' => 'ك',
        'ة' => 'ه',
        'ё' | 'Ё' => 'е',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    };
    Mapped::Char(m)
}

/// Writes `word` (already normalized) without diacritics into `out` (cleared first): `întâlnire`
/// -> `intalnire`, `hội` -> `hoi`, `đường` -> `duong`, `ß` -> `ss`. Arabic and Cyrillic letters are
/// kept (their marks were already removed by [`normalize_word`]).
///
/// Returns `false`, leaving `out` empty, when folding changes nothing (the caller then has no
/// second term to emit).
pub fn fold_diacritics(word: &str, out: &mut String) -> bool {
    out.clear();
    if word.is_ascii() {
        return false;
    }
    let mut changed = false;
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'ı' => out.push('i'),
            'й' => out.push('и'),
            _ => {
                let before = out.len();
                for d in std::iter::once(c).nfd() {
                    if !is_combining_mark(d) {
                        out.push(d);
                    }
                }
                if out.len() == before + c.len_utf8() && out[before..].starts_with(c) {
                    continue;
                }
            }
        }
        changed = true;
    }
    if !changed {
        out.clear();
    }
    changed
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// [`normalize_word`] into a new string (tests).
#[cfg(test)]
pub(crate) fn normalized(word: &str) -> String {
    let mut out = String::new();
    normalize_word(word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::normalize::normalized as norm;

    fn fold(s: &str) -> String {
        let mut out = String::new();
        if fold_diacritics(s, &mut out) {
            out
        } else {
            s.to_string()
        }
    }

    #[test]
    fn romanian_cedilla_and_comma_are_one_letter() {
        assert_eq!(norm("ştiinţă"), norm("știință"));
        assert_eq!(norm("ŞTIINŢĂ"), "știință");
    }

    #[test]
    fn nfd_input_gives_nfc_terms() {
        let nfd: String = "Việt Nam".nfd().collect();
        assert_eq!(norm(&nfd), "việt nam");
    }

    #[test]
    fn turkish_dotted_capital_i_lowercases_to_plain_i() {
        assert_eq!(norm("İstanbul"), "istanbul");
        assert_eq!(norm("I\u{307}stanbul"), "istanbul");
    }

    #[test]
    fn arabic_letter_forms_marks_and_digits() {
        assert_eq!(norm("أَحْمَد"), "احمد");
        assert_eq!(norm("إسلام"), "اسلام");
        assert_eq!(norm("مدرسة"), "مدرسه");
        assert_eq!(norm("مستشفى"), "مستشفي");
        assert_eq!(norm("الكـــرملين"), "الكرملين");
        assert_eq!(norm("٢٠٢٥"), "2025");
        assert_eq!(norm("۱۲"), "12");
    }

    #[test]
    fn invisible_controls_and_curly_apostrophes() {
        assert_eq!(norm("Kre\u{200B}mlin\u{202E}"), "kremlin");
        assert_eq!(norm("Russia’s"), "russia's");
        assert_eq!(norm("\u{FEFF}Peskov"), "peskov");
    }

    #[test]
    fn folding_removes_diacritics_and_tones() {
        assert_eq!(fold("întâlnire"), "intalnire");
        assert_eq!(fold("hội"), "hoi");
        assert_eq!(fold("đường"), "duong");
        assert_eq!(fold("știință"), "stiinta");
        assert_eq!(fold("кремль"), "кремль");
        let mut out = String::new();
        assert!(!fold_diacritics("kremlin", &mut out));
        assert!(!fold_diacritics("الكرملين", &mut out));
    }
}
