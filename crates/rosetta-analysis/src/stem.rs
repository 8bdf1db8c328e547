//! Stemming with rust-stemmers (Snowball) behind a bounded per-thread cache.
//!
//! Word frequencies are Zipfian, so most tokens of a text are words already stemmed a moment ago;
//! Snowball costs thousands of instructions per word while a hash lookup costs tens. The cache is
//! per thread (no locks on the hot path) and is simply cleared when it grows past its bound.

use std::cell::RefCell;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use crate::Language;

/// Cached stems per thread and language before the cache is cleared.
const CACHE_CAPACITY: usize = 50_000;

thread_local! {
    static CACHE: RefCell<[FxHashMap<Box<str>, Box<str>>; Language::ALL.len()]> =
        RefCell::new(Default::default());
}

/// Writes the stem of `word` (normalized, see [`crate::normalize::normalize_word`]) into `out`
/// (cleared first). Vietnamese has no stemming: the word is copied.
pub fn stem_into(lang: Language, word: &str, out: &mut String) {
    out.clear();
    if lang == Language::Vietnamese {
        out.push_str(word);
        return;
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let map = &mut cache[lang.index()];
        if let Some(stem) = map.get(word) {
            out.push_str(stem);
            return;
        }
        stem_uncached(lang, word, out);
        if map.len() >= CACHE_CAPACITY {
            map.clear();
        }
        map.insert(word.into(), out.as_str().into());
    });
}

fn stem_uncached(lang: Language, word: &str, out: &mut String) {
    match lang {
        Language::Romanian => crate::romanian::stem(word, out),
        Language::English => out.push_str(&stemmer(Algorithm::English).stem(english_base(word))),
        Language::Arabic => out.push_str(crate::arabic::stem(word).as_ref()),
        Language::Russian => crate::russian::stem(word, out),
        Language::Vietnamese => out.push_str(word),
    }
}

/// English possessives and abbreviations: `trump's` -> `trump`, `u.s` -> `us`.
fn english_base(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word)
}

fn stemmer(algorithm: Algorithm) -> Stemmer {
    // `Stemmer::create` only stores the algorithm's function pointer.
    Stemmer::create(algorithm)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(lang: Language, word: &str) -> String {
        let mut out = String::new();
        stem_into(lang, word, &mut out);
        out
    }

    #[test]
    fn romanian_comma_and_cedilla_give_one_stem() {
        assert_eq!(
            stem(Language::Romanian, "știință"),
            stem(Language::Romanian, "ştiinţă")
        );
        assert!(!stem(Language::Romanian, "ştiinţă").contains('ţ'));
        assert_eq!(
            stem(Language::Romanian, "kremlinului"),
            stem(Language::Romanian, "kremlinul")
        );
    }

    #[test]
    fn english_possessives_and_cache_hits_agree() {
        assert_eq!(stem(Language::English, "trump's"), "trump");
        assert_eq!(stem(Language::English, "meetings"), "meet");
        assert_eq!(stem(Language::English, "meetings"), "meet");
    }
}
