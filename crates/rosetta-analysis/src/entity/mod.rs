//! Cross-script entity keys: `Peskov`, `Песков`, `Пескова`, `بيسكوف` give one term.
//!
//! (Docs: see the end of the work.)

mod arabic;
mod cyrillic;
mod latin;
pub mod phonetic;

use std::sync::Arc;

use crate::Language;

pub use phonetic::{GAZETTEER_PREFIX, PRECISE_PREFIX, RECALL_PREFIX};

/// One word of a text as the entity resolver sees it.
#[derive(Clone, Copy, Debug)]
pub struct EntityWord<'a> {
    /// The word as written (NFC not guaranteed), case preserved.
    pub surface: &'a str,
    /// The normalized, lower-cased word (see [`crate::normalize::normalize_word`]).
    pub normalized: &'a str,
    /// Whether punctuation (not just spaces) separates this word from the previous one.
    pub after_break: bool,
}

/// Derives entity keys from the words of a text. Cheap to clone, `Send + Sync`.
#[derive(Clone, Debug, Default)]
pub struct EntityResolver {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {}

/// Which keys a word gets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tiers {
    /// Precise keys only (lower-case query words).
    Precise,
    /// Precise and recall keys.
    All,
}

/// Reused buffers: one per `resolve` call, so no allocation per word once warm.
#[derive(Default)]
struct Scratch {
    letters: Vec<u8>,
    phones: Vec<u8>,
    key: String,
    lower: String,
    variant: String,
    bytes: Vec<u8>,
    /// Keys emitted for the current word (for de-duplication): ranges into `emitted`.
    emitted: String,
    spans: Vec<(usize, usize)>,
}

impl Scratch {
    fn begin_word(&mut self) {
        self.emitted.clear();
        self.spans.clear();
    }

    /// Emits `prefix` + `body` unless the current word already emitted it.
    fn emit(
        &mut self,
        first: usize,
        last: usize,
        prefix: &str,
        body: &str,
        emit: &mut dyn FnMut(usize, usize, &str),
    ) {
        self.key.clear();
        self.key.push_str(prefix);
        self.key.push_str(body);
        let key = self.key.as_str();
        if self.spans.iter().any(|&(s, e)| &self.emitted[s..e] == key) {
            return;
        }
        let s = self.emitted.len();
        self.emitted.push_str(key);
        self.spans.push((s, self.emitted.len()));
        emit(first, last, key);
    }
}

impl EntityResolver {
    /// The resolver with the built-in gazetteer.
    pub fn builtin() -> Self {
        EntityResolver {
            inner: Arc::new(Inner {}),
        }
    }

    /// Calls `emit(first_word, last_word, key)` for every entity key of `words` (indices into
    /// `words`, inclusive). `query` is true when the words are a search query.
    pub fn resolve(
        &self,
        words: &[EntityWord<'_>],
        lang: Option<Language>,
        query: bool,
        emit: &mut dyn FnMut(usize, usize, &str),
    ) {
        let _ = &self.inner;
        let mut s = Scratch::default();
        for (i, w) in words.iter().enumerate() {
            let norm = w.normalized;
            let Some(first) = norm.chars().next() else {
                continue;
            };
            if first.is_ascii_digit() {
                continue;
            }
            let surface_first = w.surface.chars().next().unwrap_or(first);
            let capitalized = surface_first.is_uppercase();
            if first.is_ascii_lowercase() && !capitalized && !query {
                // The common case in Latin-script documents: an ordinary word.
                continue;
            }
            s.begin_word();
            if cyrillic::is_cyrillic(first) {
                let tiers = if capitalized {
                    Tiers::All
                } else if query {
                    Tiers::Precise
                } else {
                    continue;
                };
                cyrillic_keys(&mut s, w.surface, i, tiers, emit);
            } else if arabic::is_arabic_letter(first) {
                if !query && arabic_common(norm, lang) {
                    continue;
                }
                arabic_keys(&mut s, norm, w.surface.ends_with('ى'), i, emit);
            } else if first.is_alphabetic() {
                let tiers = if capitalized {
                    Tiers::All
                } else if query {
                    Tiers::Precise
                } else {
                    continue;
                };
                latin_keys(&mut s, norm, i, tiers, emit);
            }
        }
    }
}

/// Whether an Arabic word of a document is too common to be a name.
fn arabic_common(norm: &str, _lang: Option<Language>) -> bool {
    norm.chars().count() < 3 || crate::stopwords::is_stopword(Language::Arabic, norm)
}

fn latin_keys(
    s: &mut Scratch,
    norm: &str,
    i: usize,
    tiers: Tiers,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut letters = std::mem::take(&mut s.letters);
    if latin::prepare(norm, &mut letters) {
        let japanese = latin::is_japanese(&letters);
        let hungarian = latin::is_hungarian(&letters);
        let readings = latin::READINGS
            .iter()
            .copied()
            .chain(japanese.then_some(latin::Reading::Japanese))
            .chain(hungarian.then_some(latin::Reading::Hungarian));
        let mut phones = std::mem::take(&mut s.phones);
        let mut variant = std::mem::take(&mut s.variant);
        for r in readings {
            latin::phones(&letters, r, &mut phones);
            variant.clear();
            if phonetic::precise_key(&phones, &mut variant) {
                s.emit(i, i, PRECISE_PREFIX, &variant, emit);
            }
            if tiers == Tiers::All {
                variant.clear();
                if phonetic::recall_key(&phones, &mut variant) {
                    s.emit(i, i, RECALL_PREFIX, &variant, emit);
                }
            }
        }
        // Latin `-us`, `-ius` names lose the ending in Russian (`Mamilianus` = `Мамилиан`,
        // `Caninius` = `Каниний`) and often in Arabic.
        let n = letters.len();
        if n >= 5 && letters.ends_with(b"us") {
            latin::phones(&letters[..n - 2], latin::Reading::English, &mut phones);
            variant.clear();
            if phonetic::precise_key(&phones, &mut variant) {
                s.emit(i, i, PRECISE_PREFIX, &variant, emit);
            }
            if tiers == Tiers::All {
                variant.clear();
                if phonetic::recall_key(&phones, &mut variant) {
                    s.emit(i, i, RECALL_PREFIX, &variant, emit);
                }
            }
        }
        s.phones = phones;
        s.variant = variant;
    }
    s.letters = letters;
}

fn cyrillic_keys(
    s: &mut Scratch,
    surface: &str,
    i: usize,
    tiers: Tiers,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut lower = std::mem::take(&mut s.lower);
    lower.clear();
    lower.extend(surface.chars().flat_map(char::to_lowercase));
    let mut forms: Vec<String> = Vec::new();
    let mut buf = String::new();
    cyrillic::case_variants(&lower, 4, &mut buf, &mut |v| forms.push(v.to_string()));
    let mut phones = std::mem::take(&mut s.phones);
    let mut variant = std::mem::take(&mut s.variant);
    for form in std::iter::once(lower.as_str()).chain(forms.iter().map(String::as_str)) {
        if !cyrillic::phones(form, &mut phones) {
            break;
        }
        variant.clear();
        if phonetic::precise_key(&phones, &mut variant) {
            s.emit(i, i, PRECISE_PREFIX, &variant, emit);
        }
        if tiers == Tiers::All {
            variant.clear();
            if phonetic::recall_key(&phones, &mut variant) {
                s.emit(i, i, RECALL_PREFIX, &variant, emit);
            }
        }
    }
    s.phones = phones;
    s.variant = variant;
    s.lower = lower;
}

fn arabic_keys(
    s: &mut Scratch,
    norm: &str,
    maksura: bool,
    i: usize,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut forms: Vec<String> = vec![norm.to_string()];
    arabic::clitic_variants(norm, &mut |v| forms.push(v.to_string()));
    let mut bytes = std::mem::take(&mut s.bytes);
    let mut keys: Vec<String> = Vec::new();
    for form in &forms {
        arabic::recall_keys(form, maksura, &mut bytes, &mut |k| keys.push(k.to_string()));
    }
    for k in &keys {
        s.emit(i, i, RECALL_PREFIX, k, emit);
    }
    s.bytes = bytes;
}
