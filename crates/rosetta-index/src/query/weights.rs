//! How much each kind of match of a query word weighs, relative to its stem in the query's own
//! language (1.0). Both backends (this crate's tantivy search and `rosetta-postgres`) score with
//! these, so that one query ranks alike in either.

/// A match on a folded (diacritic-free) form.
pub const FOLDED_BOOST: f32 = 0.3;
/// A gazetteer entity key (`g:kremlin`).
pub const ENTITY_GAZETTEER_BOOST: f32 = 1.0;
/// A precise entity key (`p:peskov`).
pub const ENTITY_PRECISE_BOOST: f32 = 0.9;
/// A recall entity key (`r:bskf`), which also meets other names with the same consonants.
pub const ENTITY_RECALL_BOOST: f32 = 0.4;
/// A word read as a language other than the query's own (when that is detected): an English
/// query word that is also a Vietnamese syllable says little about a Vietnamese text.
pub const OTHER_LANGUAGE_BOOST: f32 = 0.5;
/// Entity keys when the query's language is known: the words themselves, read in that
/// language, are better evidence, and a translation of the same story (which shares the names)
/// should not outrank the text in the language the user typed.
pub const ENTITY_IN_KNOWN_LANGUAGE_BOOST: f32 = 0.5;
/// A Vietnamese syllable that continues a compound word of the query (the compound carries the
/// word); it stays required: a text with the word has each of its syllables indexed. Vietnamese
/// XQuAD dev MRR@10: 0.961 at 1.0 (no reduction), 0.966 at 0.3 and 0.7, 0.968 at 0.5.
pub const CONTINUATION_BOOST: f32 = 0.5;
