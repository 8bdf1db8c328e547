//! Cross-script entity keys: `Peskov`, `Песков`, `Пескова`, `بيسكوف` give one term.
//!
//! (Docs: see the end of the work.)

mod arabic;
mod cyrillic;
mod gazetteer;
mod latin;
pub mod phonetic;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::Language;

pub use gazetteer::GazetteerError;
use gazetteer::{Gazetteer, Guard};
pub use phonetic::{GAZETTEER_PREFIX, PRECISE_PREFIX, RECALL_PREFIX};

/// The built-in gazetteer files (see `data/gazetteer/README.md` for sources and licences).
const BUILTIN: [(&str, &str); 3] = [
    (
        "countries.tsv",
        include_str!("../../data/gazetteer/countries.tsv"),
    ),
    (
        "cities.tsv",
        include_str!("../../data/gazetteer/cities.tsv"),
    ),
    (
        "entities.tsv",
        include_str!("../../data/gazetteer/entities.tsv"),
    ),
];

fn builtin_gazetteer() -> &'static Arc<Gazetteer> {
    static BUILTIN_GAZETTEER: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    BUILTIN_GAZETTEER.get_or_init(|| {
        let mut g = Gazetteer::default();
        for (name, text) in BUILTIN {
            // The shipped files are tested; a broken one is a build defect.
            g.add_tsv(name, text)
                .unwrap_or_else(|e| panic!("built-in gazetteer: {e}"));
        }
        Arc::new(g)
    })
}

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

/// Derives entity keys from the words of a text. Cheap to clone (one `Arc`), `Send + Sync`.
#[derive(Clone, Debug)]
pub struct EntityResolver {
    gazetteer: Arc<Gazetteer>,
}

impl Default for EntityResolver {
    fn default() -> Self {
        EntityResolver::builtin()
    }
}

/// Which keys a word gets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tiers {
    /// Precise keys only (lower-case query words).
    Precise,
    /// Precise and recall keys.
    All,
}

/// Reused buffers: one set per `resolve` call, so no allocation per word once warm.
#[derive(Default)]
struct Scratch {
    letters: Vec<u8>,
    phones: Vec<u8>,
    key: String,
    lower: String,
    variant: String,
    bytes: Vec<u8>,
    /// Word forms (Cyrillic case variants, Arabic clitic variants), `\0`-separated.
    forms: String,
    /// Keys emitted for the current word (for de-duplication): ranges into `emitted`.
    emitted: String,
    spans: Vec<(usize, usize)>,
    /// Gazetteer search: candidate keys per depth.
    gaz_keys: Vec<String>,
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

/// The script of a word, from its first letter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Other,
}

fn script_of(norm: &str) -> Script {
    match norm.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => Script::Latin,
        Some(c) if cyrillic::is_cyrillic(c) => Script::Cyrillic,
        Some(c) if arabic::is_arabic_letter(c) => Script::Arabic,
        Some(c)
            if c.is_alphabetic() && (c as u32) < 0x0370
                || ('\u{1E00}'..='\u{1EFF}').contains(&c) =>
        {
            Script::Latin
        }
        _ => Script::Other,
    }
}

fn is_capitalized(surface: &str) -> bool {
    surface.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(surface: &str) -> bool {
    let mut any = false;
    for c in surface.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        any = true;
    }
    any
}

impl EntityResolver {
    /// The resolver with the built-in gazetteer (parsed once per process, on first use).
    pub fn builtin() -> Self {
        EntityResolver {
            gazetteer: Arc::clone(builtin_gazetteer()),
        }
    }

    /// This resolver's gazetteer extended by the entities of `tsv` (the format of
    /// [`gazetteer`](self#gazetteer)); `source` names the text in errors. Entities with an id
    /// already known get the new names added.
    pub fn with_gazetteer(&self, source: &str, tsv: &str) -> Result<Self, GazetteerError> {
        let mut g = Gazetteer::default();
        for (name, text) in BUILTIN {
            g.add_tsv(name, text)?;
        }
        for (name, text) in self.user_sources() {
            g.add_tsv(name, text)?;
        }
        g.add_tsv(source, tsv)?;
        let mut g = Arc::new(g);
        if let Some(inner) = Arc::get_mut(&mut g) {
            inner.user.push((source.to_string(), tsv.to_string()));
        }
        Ok(EntityResolver { gazetteer: g })
    }

    /// Like [`with_gazetteer`](Self::with_gazetteer), reading the TSV from a file.
    pub fn with_gazetteer_file(&self, path: impl AsRef<Path>) -> Result<Self, GazetteerError> {
        let path = path.as_ref();
        let source = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| GazetteerError {
            source: source.clone(),
            line: 0,
            message: e.to_string(),
        })?;
        self.with_gazetteer(&source, &text)
    }

    /// Number of entities in the gazetteer.
    pub fn entity_count(&self) -> usize {
        self.gazetteer.len()
    }

    fn user_sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.gazetteer
            .user
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
    }

    /// Calls `emit(first_word, last_word, key)` for every entity key of `words` (indices into
    /// `words`, inclusive). `query` is true when the words are a search query.
    ///
    /// Keys of one word come together; a gazetteer key spans the words of the name.
    pub fn resolve(
        &self,
        words: &[EntityWord<'_>],
        lang: Option<Language>,
        query: bool,
        emit: &mut dyn FnMut(usize, usize, &str),
    ) {
        let mut s = Scratch::default();
        // Words inside a gazetteer match get phonetic keys even where the word alone would not.
        let mut covered_until = 0usize;
        let short_text = words.len() <= 3;
        for (i, w) in words.iter().enumerate() {
            let norm = w.normalized;
            let script = script_of(norm);
            if script == Script::Other {
                continue;
            }
            let capitalized = is_capitalized(w.surface);
            if script == Script::Latin
                && !capitalized
                && !query
                && norm.as_bytes()[0].is_ascii_lowercase()
                && i >= covered_until
            {
                // The common case in Latin-script documents: an ordinary word. (Names such as
                // `châu Âu` start with a lower-case word, but never an ASCII one in the
                // built-in data.)
                continue;
            }
            s.begin_word();
            if let Some(end) = self.gazetteer_match(&mut s, words, i, query || short_text, emit) {
                covered_until = covered_until.max(end + 1);
            }
            let in_name = i < covered_until;
            // A capitalized word is a name unless its position explains the capital.
            let sentence_start = (i == 0 || w.after_break) && !short_text;
            match script {
                Script::Cyrillic => {
                    let tiers = if capitalized {
                        Tiers::All
                    } else if query || in_name {
                        Tiers::Precise
                    } else {
                        continue;
                    };
                    if !query && !in_name && sentence_start && is_russian_function_word(norm) {
                        continue;
                    }
                    cyrillic_keys(&mut s, w.surface, i, tiers, emit);
                }
                Script::Arabic => {
                    if !(query || short_text || in_name) && arabic_common(norm) {
                        continue;
                    }
                    arabic_keys(&mut s, norm, w.surface.ends_with('ى'), i, emit);
                }
                Script::Latin => {
                    let tiers = if capitalized {
                        Tiers::All
                    } else if query {
                        Tiers::Precise
                    } else {
                        continue;
                    };
                    if !query && !in_name && sentence_start && latin_function_word(norm, lang) {
                        continue;
                    }
                    if lang == Some(Language::Vietnamese) && !norm.is_ascii() && !in_name {
                        // A Vietnamese syllable, not a foreign name.
                        continue;
                    }
                    latin_keys(&mut s, norm, i, tiers, emit);
                }
                Script::Other => {}
            }
        }
    }

    /// Finds the longest gazetteer name starting at word `i`; emits its entity keys and returns
    /// the index of its last word.
    fn gazetteer_match(
        &self,
        s: &mut Scratch,
        words: &[EntityWord<'_>],
        i: usize,
        query: bool,
        emit: &mut dyn FnMut(usize, usize, &str),
    ) -> Option<usize> {
        let g = &*self.gazetteer;
        let max = g.max_words.min(words.len() - i);
        // Breadth-first over word forms: `frontier` holds the candidate keys of words i..=i+depth.
        let mut frontier = std::mem::take(&mut s.gaz_keys);
        frontier.clear();
        gazetteer::word_forms(words[i].normalized, true, &mut |f| {
            frontier.push(f.to_string())
        });
        let mut best: Option<(usize, String)> = None;
        let mut depth = 0;
        let mut forms: Vec<String> = Vec::new();
        loop {
            if let Some(key) = frontier.iter().find(|key| {
                g.get(key).is_some_and(|ts| {
                    ts.iter()
                        .any(|t| guard_ok(t.guard, words, i, i + depth, query))
                })
            }) {
                best = Some((i + depth, key.clone()));
            }
            depth += 1;
            if depth >= max || words[i + depth].after_break {
                break;
            }
            if !frontier.iter().any(|k| g.is_prefix(k)) {
                break;
            }
            forms.clear();
            gazetteer::word_forms(words[i + depth].normalized, false, &mut |f| {
                forms.push(f.to_string())
            });
            let mut next = Vec::new();
            for key in frontier.iter().filter(|k| g.is_prefix(k)) {
                for f in &forms {
                    let mut k = String::with_capacity(key.len() + 1 + f.len());
                    k.push_str(key);
                    k.push(' ');
                    k.push_str(f);
                    if !next.contains(&k) {
                        next.push(k);
                    }
                }
            }
            frontier = next;
        }
        s.gaz_keys = frontier;
        let (last, key) = best?;
        for t in g.get(&key).unwrap_or(&[]) {
            if guard_ok(t.guard, words, i, last, query) {
                s.emit(i, last, GAZETTEER_PREFIX, g.id(t.entity), emit);
            }
        }
        Some(last)
    }
}

/// Whether an alias with `guard` may match words `first..=last`.
fn guard_ok(
    guard: Guard,
    words: &[EntityWord<'_>],
    first: usize,
    last: usize,
    query: bool,
) -> bool {
    let span = &words[first..=last];
    let cased = span
        .iter()
        .any(|w| matches!(script_of(w.normalized), Script::Latin | Script::Cyrillic));
    match guard {
        Guard::Capitals => span.iter().all(|w| is_all_caps(w.surface)),
        Guard::AfterLowercase if !query => {
            first > 0
                && !words[first].after_break
                && words[first - 1]
                    .surface
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
                && is_capitalized(words[first].surface)
        }
        _ => query || !cased || span.iter().any(|w| is_capitalized(w.surface)),
    }
}

/// Whether an Arabic word of a document is too common to be a name.
fn arabic_common(norm: &str) -> bool {
    norm.chars().count() < 3 || crate::stopwords::is_stopword(Language::Arabic, norm)
}

/// Whether a capitalized Latin word is a function word (`The`, `De`, `Într`): no name keys.
fn latin_function_word(norm: &str, lang: Option<Language>) -> bool {
    use crate::stopwords::is_stopword;
    match lang {
        Some(l) if is_stopword(l, norm) => true,
        _ => {
            is_stopword(Language::English, norm)
                || is_stopword(Language::Romanian, norm)
                || is_stopword(Language::Vietnamese, norm)
        }
    }
}

/// Whether a Cyrillic word is a Russian function or question word (`Как`, `В`, `Какой`): the
/// first word of a sentence is capitalized but names nothing.
fn is_russian_function_word(norm: &str) -> bool {
    cyrillic::FUNCTION_WORDS.binary_search(&norm).is_ok()
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

#[cfg(test)]
mod tests;
