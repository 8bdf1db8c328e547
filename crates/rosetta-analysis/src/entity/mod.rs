//! Cross-script entity keys: `Peskov`, `Песков`, `Пескова`, `بيسكوف` give one index term.
//!
//! [`EntityResolver::resolve`] reads the words of a text (or query) and emits *keys*: index terms
//! of kind `entity`, placed at the position of the first word of the name. A key's text starts
//! with its tier, so ranking can weigh them apart:
//!
//! | tier | example | what meets | trust |
//! | --- | --- | --- | --- |
//! | `g:<id>` gazetteer | `g:kremlin`, `g:united_states` | translated names: `Kremlin`, `Kremlinului`, `Кремля`, `والكرملين`, `Điện Kremlin` | exact entity |
//! | `p:<translit>` precise | `p:peskov`, `p:dmitri` | Latin and Cyrillic spellings of one pronunciation: `Dmitri`, `Dmitry`, `Dmitriy`, `Дмитрий`, `Дмитрия` | high |
//! | `r:<skeleton>` recall | `r:bskf`, `r:trmb` | also Arabic spellings: `Peskov`, `Песков`, `بيسكوف`; `Trump`, `ترامب`, `ترمب` | lower |
//!
//! # Method
//!
//! Every script is read into one phone alphabet ([`phonetic`]): Cyrillic letter by letter
//! (`cyrillic.rs`); Latin by *readings* (`latin/`), because a Latin spelling does not say how
//! to pronounce it (`j` is `дж` in English names, `й` in German ones, `х` in Spanish, `ж` in
//! French; `ch` is `ч`, `х`, `ш` or `к`): each name is read as English, German, French, Italian
//! and Spanish (and as Japanese Hepburn or Hungarian where its letters say so), and every
//! distinct result is keyed. Most names read alike in every reading and get one key per tier.
//! Arabic (`arabic.rs`) writes long vowels and leaves short ones out, so it only gives recall
//! keys; its ambiguous letters (`ج` = `j`/`g`, `ق` = `k`/`g`, `ز` = `z`/`ž`, ...) give one key
//! per reading. Words are never stemmed before keying (Snowball turns `بيسكوف` into `يسكوف`);
//! only Arabic proclitics (`و ف ب ك ل ال`) are removed, and Russian case endings give extra
//! nominative candidates (`Пескова`, `Пескову`, `Песковым` -> `Песков`).
//!
//! - The **precise key** is the phone string with vowels, merging only what transliteration
//!   conventions blur (`с з ц`, double letters, glides: `ий` = `y` = `i`).
//! - The **recall key** is a consonant skeleton in the classes Arabic distinguishes, plus the
//!   evidence a bare skeleton lacks: an initial vowel (`.`) or glide, and the class of the final
//!   vowel, which Arabic writes for names almost always. A bare skeleton gives
//!   `Putin` = `Bettina` = `Botin`; here `Bettina` is `r:betna` and `Putin` `r:butn`. Short
//!   skeletons tie unrelated names, so they carry a *vowel slot*: with two or three consonants the
//!   class of the vowel after the first (`a`, `e`, `i`, `o`/`u`: `Batty` `r:bati`, `Quiller`
//!   `r:kilr`, `Cauer` `r:kar`), with one consonant all vowels and the initial one (`Cook`
//!   `r:kuk`, `Addy` `r:adi`, `Eady` `r:edi`). Arabic leaves short vowels out and Cyrillic does
//!   not say which Latin vowel a name has, so their documents store the key without the vowel and
//!   their queries (and texts of at most three words) look for every vowel and none; a Latin
//!   query also looks for the key without it. The index holds one key per spelling, and each
//!   query meets every script's. The gazetteer covers the frequent short names.
//! - The **gazetteer** ([`gazetteer`](self#gazetteer)) maps names in five languages to an
//!   entity id, as word sequences that never cross punctuation, with inflected forms found at
//!   lookup time (Romanian articles, Russian cases, Arabic proclitics).
//!
//! # Which words get keys
//!
//! - Latin and Cyrillic: capitalized words, except function words whose capital their place
//!   explains (`The`, `Как` at the start of a sentence) and Vietnamese syllables (`Nguyễn`; in
//!   Vietnamese text also `Công`, `Liên`: a syllable with a diacritic).
//!   Lower-case words of documents get nothing (the fast path); lower-case query words
//!   (`peskov`, `песков`) get precise and gazetteer keys only.
//! - Arabic has no case: every word but stopwords and words under three letters (a one-word
//!   text, the lone query `بيسكوف`, always), since a frequent-word list would also drop the
//!   Arabic names that are ordinary words (`كريم`, `أمل`). Measured on PUD (below): 36 of 8,208
//!   keyed Arabic non-name tokens share a key with an English name of the same sentence.
//! - Function words (the crate's stopword lists, and a list of Russian function and question
//!   words) get no keys in lower case, nor capitalized at the start of a sentence of a text
//!   longer than three words (`Will`, `May` alone are names).
//! - Words inside a gazetteer match get their phonetic keys whatever the rules above say.
//! - A recall key needs corroboration: a capitalized Latin or Cyrillic word at the start of a
//!   sentence (of a text longer than three words) gets one only when a capitalized name part
//!   follows (`Vladimir Putin`, not `Puține state`); in running Arabic text a word is not keyed
//!   without its article (`العليا` is no `عليا`: the article marks a common noun).
//! - In a query, a word inside a gazetteer name gets no recall key and no Cyrillic case
//!   variants (`Сирия` as `Сирий` would be `Siri`), and an Arabic word is read without its
//!   proclitics only where the article is among them; search then looks such a word up as the
//!   entity and as typed ([`keeps_named_word_term`]).
//! - Vietnamese spellings of foreign names written syllable by syllable (`Mát-xcơ-va`,
//!   `Oa-sinh-tơn`; solid `Matxcơva`) are read as one name with Vietnamese sound values
//!   (`vietnamese.rs`): 91 of 110 Wiktionary pairs meet their English name
//!   (`tests/vietnamese_names.rs`).
//!
//! # Gazetteer
//!
//! 2,351 entities (countries, cities and first-level subdivisions from CLDR, people and
//! organizations written by hand; the subdivisions and the cities of `cities_cldr.tsv`, with one
//! spelling per language, match in documents only, and a query searches their words as any
//! name), each
//! named in en, ro, ar, vi and ru; the format, sources and licences are in
//! `data/gazetteer/README.md`. Add your own with [`EntityResolver::with_gazetteer`] or
//! [`EntityResolver::with_gazetteer_file`].
//!
//! # Measured
//!
//! On development name pairs from Wikidata (Latin–Cyrillic and Latin–Arabic), 20,000 pairs of
//! each (every name analyzed alone, capitalized, language detected):
//!
//! | | Latin-Cyrillic | Latin-Arabic |
//! | --- | --- | --- |
//! | pairs sharing a key | 92.1% (the next 20,000 pairs: 91.8%; 89.4% before the readings by origin and the vowel slots) | 92.4% (the next 20,000: 92.0%; 90.1% before) |
//! | random pairs of different Latin names sharing a key | 0.005% (1 of 20,000; 11 of 200,000) | 0.020% (4 of 20,000; 37 of 200,000; 0.045% before) |
//! | Latin names sharing a key with another name of the sample | 56.0% | 62.1% |
//!
//! What moved the figures: readings by origin (Slavic `c` = `ц`, Turkish `c` = `дж`, Portuguese
//! final `s` = `ш`, Hepburn as written, aspirated `th`/`dh`, French silent endings, ...) and
//! spellings of the other script read the Latin way (Cyrillic `ё` as `e`, `у` as `w`; Arabic `ة`
//! as `e` in queries) for recall; vowel slots (below) against false merges.
//!
//! The precise tier alone meets 75% of the Latin-Cyrillic pairs. A bare consonant skeleton
//! reaches about 79% and 85% with 0.06% false merges. Many names share some key with another name
//! of the sample because short skeletons are shared by real variants and namesakes
//! (`Raney`/`Renny`, `Barton`/`Burton`); a random pair of different names rarely is.
//!
//! On PUD (500 aligned sentences), 57.3% of the English proper nouns have a key in both the
//! Arabic and the Russian sentence (69.3% Arabic, 63.2% Russian); most of the rest are translated
//! words (`North`, `April`, `Capitol Hill`) or adjectives (`Парижских`).
//!
//! Cost: on the seed articles the resolver takes about a quarter of the analyzer's time (CPU time,
//! 14% for Vietnamese, 28% for English, whose capitalized words are many): one hash lookup per
//! word form for the gazetteer, one reading for most names, a per-text cache (news repeats its
//! names), buffers reused across texts. The readings by origin, the vowel slots and the 2,351
//! entities made the analyzer about 15% slower on the bench text (`cargo bench --bench analyze`,
//! thread CPU time, ro, en and ar, against commit `c63ca3f` in the same session); the
//! gazetteer takes about 2.5 times as long to build.

mod arabic;
mod cyrillic;
mod gazetteer;
mod keys;
mod latin;
mod memo;
pub mod phonetic;
mod pinyin;
mod resolve;
mod rules;
mod vietnamese;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::Language;

pub use gazetteer::GazetteerError;
use gazetteer::{Gazetteer, Guard};
use keys::*;
use memo::*;
pub use phonetic::{EntityTier, GAZETTEER_PREFIX, PRECISE_PREFIX, RECALL_PREFIX};
use rules::*;

/// The built-in gazetteer files (see `data/gazetteer/README.md` for sources and licences).
const BUILTIN: [(&str, &str); 5] = [
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
    (
        "subdivisions.tsv",
        include_str!("../../data/gazetteer/subdivisions.tsv"),
    ),
    (
        "cities_cldr.tsv",
        include_str!("../../data/gazetteer/cities_cldr.tsv"),
    ),
];

/// The built-in files as build.rs compiled them (`BUILTIN_TABLES`, see `gazetteer/compiled.rs`).
mod builtin_tables {
    include!(concat!(env!("OUT_DIR"), "/gazetteer.rs"));
}

fn builtin_gazetteer() -> &'static Arc<Gazetteer> {
    static BUILTIN_GAZETTEER: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    BUILTIN_GAZETTEER.get_or_init(|| Arc::new(Gazetteer::compiled(&builtin_tables::BUILTIN_TABLES)))
}

/// Whether a search should look for `term`, a term of kind `kind` that the query analysis gives
/// for the query word `word` (as typed), when that word is part of a name of the gazetteer
/// (the analysis gave it a `g:` key).
///
/// Such a word is searched as the entity, its precise keys and the word itself: its stem, its
/// form without diacritics and its translations also stand for ordinary words (`Putin`
/// without diacritics is Romanian `puține` "few", the stem of `سوريا` Syria is `سور` "wall"),
/// and every document naming the entity has its `g:` key.
///
/// ```
/// use rosetta_analysis::entity::keeps_named_word_term;
/// use rosetta_analysis::TermKind;
/// assert!(keeps_named_word_term("Putin", TermKind::Stem, "putin"));
/// assert!(!keeps_named_word_term("Putin", TermKind::Folded, "putin"));
/// assert!(!keeps_named_word_term("سوريا", TermKind::Stem, "سور"));
/// assert!(keeps_named_word_term("Putin", TermKind::Entity, "g:vladimir_putin"));
/// ```
pub fn keeps_named_word_term(word: &str, kind: crate::TermKind, term: &str) -> bool {
    use crate::TermKind;
    match kind {
        TermKind::Entity => EntityTier::of(term) != Some(EntityTier::Recall),
        TermKind::Folded => false,
        _ => {
            let mut norm = String::new();
            crate::normalize::normalize_word(word, &mut norm);
            norm == term
        }
    }
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
    /// Whether a single hyphen (and nothing else) joins this word to the previous one
    /// (`Mát-xcơ-va`).
    pub hyphenated: bool,
}

/// Where a caller keeps, between texts, which memo of this thread's resolver a word has (the
/// analyzer keeps one per lexicon entry): it saves a hash lookup per keyed word. Holds the memos'
/// generation in the high half, so a hint from before the memos were emptied is ignored.
pub(crate) type MemoHint = std::cell::Cell<u64>;

/// The words of a text, and for some of them (`hints[i]` for word `i`) where their memo is
/// remembered.
#[derive(Clone, Copy)]
struct HintedWords<'w, 'a> {
    words: &'w [EntityWord<'a>],
    hints: &'w [&'w MemoHint],
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

impl EntityResolver {
    /// The resolver with the built-in gazetteer (compiled into static tables by build.rs).
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
            g.add_tsv_with(name, text, !gazetteer::DOCUMENTS_ONLY.contains(&name))?;
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
        self.resolve_hinted(words, &[], lang, query, emit);
    }

    /// [`resolve`](Self::resolve), with `hints[i]` (if any) remembering word `i`'s memo.
    pub(crate) fn resolve_hinted(
        &self,
        words: &[EntityWord<'_>],
        hints: &[&MemoHint],
        lang: Option<Language>,
        query: bool,
        emit: &mut dyn FnMut(usize, usize, &str),
    ) {
        thread_local! {
            // Buffers reused from text to text on this thread (cleared, not freed).
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => {
                // The memos live across texts (names recur); bounded, and tied to one gazetteer.
                if s.memo_owner != Some(self.gazetteer.id)
                    || s.memo_text.len() > 32 << 20
                    || s.memos.len() > 200_000
                {
                    s.memo_index.clear();
                    s.memos.clear();
                    s.memo_text.clear();
                    s.memo_owner = Some(self.gazetteer.id);
                    s.memo_generation = s.memo_generation.wrapping_add(1).max(1);
                }
                self.resolve_with(&mut s, words, hints, lang, query, emit);
            }
            // Called again from inside `emit`: fresh buffers, which the hints do not describe.
            Err(_) => self.resolve_with(&mut Scratch::default(), words, &[], lang, query, emit),
        });
    }
}

#[cfg(test)]
mod tests;
