//! Stopword lists for the four languages, normalized like the text.
//! (Stub: to be replaced by the shipped lists.)

use crate::Language;

/// Whether `term` (a normalized word, see [`crate::normalize::normalize_word`]) is a stopword of
/// `lang`.
pub fn is_stopword(lang: Language, term: &str) -> bool {
    let list: &[&str] = match lang {
        Language::English => &["the", "a", "an", "of", "and", "to", "in", "is", "for", "on"],
        Language::Romanian => &["și", "de", "la", "în", "a", "o", "un", "că", "cu", "pe"],
        Language::Arabic => &["في", "من", "علي", "الي", "ان", "و"],
        Language::Vietnamese => &["và", "của", "là", "các", "những"],
    };
    list.contains(&term)
}
