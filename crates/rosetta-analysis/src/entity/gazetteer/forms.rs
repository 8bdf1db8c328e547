//! Inflected forms of a text's words, found at lookup time: the dictionary forms a gazetteer name
//! may have (Romanian articles and cases, Russian case endings, Arabic proclitics and nisba
//! adjectives).

use super::*;

/// Romanian article and case endings of names, with what the dictionary form ends in instead.
const ROMANIAN_ENDINGS: &[(&str, &[&str])] = &[
    ("ului", &[""]),
    ("elor", &["ele", "e"]),
    ("lor", &["le", ""]),
    ("lui", &[""]),
    ("iei", &["ia"]),
    ("ei", &["a", ""]),
    ("ii", &["ia", "a"]),
    ("ul", &[""]),
    ("le", &[""]),
    ("'s", &[""]),
    ("'", &[""]),
];

/// Russian endings of names and noun phrases (nouns and adjectives, both numbers).
const RUSSIAN_ENDINGS: &[(&str, &[&str])] = &[
    ("ыми", &["ые"]),
    ("ими", &["ие"]),
    ("ами", &["ы", "а"]),
    ("ями", &["и", "я"]),
    ("ией", &["ия"]),
    ("ого", &["ый", "ий", "ой", ""]),
    ("его", &["ий", "ее"]),
    ("ому", &["ый", "ий", "ой", ""]),
    ("ему", &["ий"]),
    ("ых", &["ые"]),
    ("их", &["ие"]),
    ("ым", &["ый", "ые", ""]),
    ("им", &["ий", "ие", ""]),
    ("ой", &["ая", "ый", "а", ""]),
    ("ей", &["яя", "ь", "я"]),
    ("ую", &["ая"]),
    ("юю", &["яя"]),
    ("ов", &["ы", ""]),
    ("ев", &["и"]),
    ("ам", &["ы", "а"]),
    ("ям", &["и", "я"]),
    ("ах", &["ы", "а"]),
    ("ях", &["и", "я"]),
    ("ом", &["", "о"]),
    ("ем", &["ь", "й", "е"]),
    ("ии", &["ия", "ий"]),
    ("ию", &["ия"]),
    ("а", &["", "о"]),
    ("я", &["ь", "й", ""]),
    ("у", &["", "а"]),
    ("ю", &["ь", "я", "й"]),
    ("е", &["", "ь", "а", "о", "й"]),
    ("ы", &["а"]),
    ("и", &["ь", "я"]),
];

/// Reusable buffers of [`word_forms`].
#[derive(Default)]
pub(crate) struct FormBufs {
    canonical: String,
    variant: String,
    toned: String,
    nisba: String,
}

/// The place names an Arabic relative adjective (nisba) may come from: `أسترالي` ->
/// `أستراليا`, `الأمريكية` -> `أمريكا`, `الروسي` -> `روسيا`, `المصري` -> `مصر`,
/// `السعودية` -> `السعودية`. `word` is canonical (article removed).
fn nisba_forms(word: &str, buf: &mut String, f: &mut dyn FnMut(&str)) {
    let stem = ["يين", "يون", "يه", "ي"]
        .iter()
        .find_map(|e| word.strip_suffix(e));
    let Some(stem) = stem else {
        return;
    };
    if stem.chars().count() < 3 {
        return;
    }
    for tail in ["", "ا", "يا", "يه"] {
        buf.clear();
        buf.push_str(stem);
        buf.push_str(tail);
        if buf != word {
            f(buf);
        }
    }
}

/// Calls `f` with the canonical gazetteer forms a text word may stand for: itself, and its
/// dictionary forms (Russian endings undone, and Romanian ones when `romanian`; Arabic
/// proclitics removed when `first` is true, i.e. the word begins the name). Forms may repeat.
pub(crate) fn word_forms(
    norm: &str,
    first: bool,
    romanian: bool,
    b: &mut FormBufs,
    f: &mut dyn FnMut(&str),
) {
    canonical_word_with(norm, &mut b.canonical, &mut b.toned);
    if b.canonical.is_empty() {
        return;
    }
    f(&b.canonical);
    let Some(ch) = norm.chars().next() else {
        return;
    };
    if crate::entity::arabic::is_arabic_letter(ch) {
        if first {
            let (variant, toned, nisba) = (&mut b.variant, &mut b.toned, &mut b.nisba);
            nisba_forms(&b.canonical, nisba, f);
            crate::entity::arabic::clitic_variants(
                norm,
                crate::entity::arabic::Proclitics::All,
                &mut |v| {
                    canonical_word_with(v, variant, toned);
                    f(variant);
                    nisba_forms(variant, nisba, f);
                },
            );
        }
        return;
    }
    let table = if crate::entity::cyrillic::is_cyrillic(ch) {
        RUSSIAN_ENDINGS
    } else if romanian {
        ROMANIAN_ENDINGS
    } else {
        // English possessives only.
        &ROMANIAN_ENDINGS[ROMANIAN_ENDINGS.len() - 2..]
    };
    let base = b.canonical.as_str();
    for &(ending, replacements) in table {
        let Some(stem) = base.strip_suffix(ending) else {
            continue;
        };
        if stem.chars().nth(1).is_none() {
            continue;
        }
        for r in replacements {
            b.variant.clear();
            b.variant.push_str(stem);
            b.variant.push_str(r);
            if b.variant != base {
                f(&b.variant);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(w: &str, first: bool) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        word_forms(w, first, true, &mut FormBufs::default(), &mut |s| {
            if !v.iter().any(|x| x == s) {
                v.push(s.to_string())
            }
        });
        v
    }

    #[test]
    fn inflected_forms_give_the_dictionary_form() {
        assert!(forms("kremlinului", true).contains(&"kremlin".to_string()));
        assert!(forms("kremlinul", true).contains(&"kremlin".to_string()));
        assert!(forms("rusiei", true).contains(&"rusia".to_string()));
        assert!(forms("statelor", true).contains(&"statele".to_string()));
        assert!(forms("americii", true).contains(&"america".to_string()));
        assert!(forms("кремля", true).contains(&"кремль".to_string()));
        assert!(forms("кремле", true).contains(&"кремль".to_string()));
        assert!(forms("соединенных", true).contains(&"соединенные".to_string()));
        assert!(forms("штатов", true).contains(&"штаты".to_string()));
        assert!(forms("китае", true).contains(&"китай".to_string()));
        assert!(forms("الاسترالي", true).contains(&"استراليا".to_string()));
        assert!(forms("الامريكيه", true).contains(&"امريكا".to_string()));
        assert!(forms("والروسيه", true).contains(&"روسيا".to_string()));
        assert!(forms("المصري", true).contains(&"مصر".to_string()));
        assert!(forms("والكرملين", true).contains(&"كرملين".to_string()));
        assert!(forms("بالكرملين", true).contains(&"كرملين".to_string()));
        assert!(!forms("بالكرملين", false).contains(&"كرملين".to_string()));
        assert_eq!(forms("الكرملين", false), ["كرملين"]);
    }
}
