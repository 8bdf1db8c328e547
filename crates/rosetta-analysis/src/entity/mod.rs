//! Cross-script entity keys: `Peskov`, `Песков`, `بيسكوف` give one term.
//! (Stub: to be replaced by the resolver.)

use crate::Language;

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
pub struct EntityResolver {}

impl EntityResolver {
    /// The resolver with the built-in gazetteer.
    pub fn builtin() -> Self {
        EntityResolver {}
    }

    /// Calls `emit(first_word, last_word, key)` for every entity key of `words` (indices into
    /// `words`, inclusive). `query` is true when the words are a search query.
    pub fn resolve(
        &self,
        _words: &[EntityWord<'_>],
        _lang: Option<Language>,
        _query: bool,
        _emit: &mut dyn FnMut(usize, usize, &str),
    ) {
    }
}
