//! The alias gazetteer: entities whose names are translated rather than transliterated
//! (`Kremlin` / `Кремль` / `الكرملين` / `Điện Kremlin`), looked up as word sequences.
//!
//! # File format
//!
//! UTF-8 text, one entity per line, tab-separated columns (`<TAB>` below is a tab):
//!
//! ```text
//! # id<TAB>kind<TAB>en<TAB>ro<TAB>ar<TAB>vi<TAB>ru<TAB>aliases
//! kremlin<TAB>org<TAB>Kremlin<TAB>Kremlin<TAB>الكرملين<TAB>Điện Kremlin | Kremlin<TAB>Кремль<TAB>Moscow Kremlin
//! ```
//!
//! - `id`: ASCII letters, digits, `_`, `-` (the index term is `g:<id>`); a line whose id is
//!   already known adds its names to that entity.
//! - `kind`: free text (`country`, `city`, `person`, `org`, ...), informative.
//! - five language columns and an optional last column of other aliases (any script); each cell
//!   holds any number of names separated by `|` (empty cells are allowed).
//! - lines starting with `#` and blank lines are ignored.
//!
//! Names are split into words and normalized exactly as the analyzer does for text, so
//! `S.U.A.` matches `SUA`, `Xê-út` matches `Xê Út`. Inflected forms are found at lookup time:
//! Romanian articles and cases (`Kremlinului`, `Rusiei`, `Statelor Unite`), Russian case endings
//! (`Кремля`, `Соединённых Штатов`), Arabic proclitics (`والكرملين`, `بالكرملين`).
//!
//! Matching rules that keep precision: in documents a Latin or Cyrillic match needs a capitalized
//! word (`Anh`, not the pronoun `anh`); a name of at most three letters written in capitals in the
//! file (`US`, `UN`, `США`) matches only when written in capitals (`us` is a pronoun); a
//! one-word Vietnamese name not used by the other languages (`Nga`, `Mỹ`, `Anh`) also needs a
//! lower-case word before it (not the given name at the end of `Nguyễn Thị Nga`).

mod forms;

pub(crate) use forms::{word_forms, FormBufs};

use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::normalize::normalize_word;

// A path of its own: build.rs compiles this file too, from another folder.
pub(crate) mod compiled;
pub(crate) use compiled::Compiled;

/// An error in a gazetteer file: the 1-based line and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerError {
    /// The source the line came from (a file path, or `<string>`).
    pub source: String,
    /// 1-based line number (0 when the file could not be read at all).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.source, self.message)
        } else {
            write!(f, "{}: line {}: {}", self.source, self.line, self.message)
        }
    }
}

impl std::error::Error for GazetteerError {}

/// When an alias may match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Guard {
    /// Any spelling (documents still need a capitalized Latin/Cyrillic word).
    None,
    /// Only when every word is written in capitals (`US`, `UN`, `США`).
    Capitals,
    /// Only after a lower-case word (one-syllable Vietnamese names: `Nga`, `Mỹ`, `Anh`).
    AfterLowercase,
}

/// One entity an alias points to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Target {
    pub entity: u32,
    pub guard: Guard,
    /// Whether a query's words match the alias too, not only a document's (see
    /// [`Gazetteer::add_tsv_with`]).
    pub queried: bool,
}

/// Built-in files whose names match in documents only (see [`Gazetteer::add_tsv_with`]): CLDR
/// lists one spelling per language, where news writes several.
pub(crate) const DOCUMENTS_ONLY: &[&str] = &["subdivisions.tsv", "cities_cldr.tsv"];

/// A set of word beginnings, the first four bytes (the whole word if shorter), kept as one bit
/// per hash (false positives only cost the full test): a test is one load. Four bytes tell
/// `châu` from `chính`; inflected forms keep the beginning of their dictionary form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordStarts(Cow<'static, [u64]>);

/// The length of a [`WordStarts`] set in `u64` words.
const WORD_STARTS_LEN: usize = (1 << 16) / 64;

impl Default for WordStarts {
    fn default() -> Self {
        WordStarts(Cow::Owned(vec![0; WORD_STARTS_LEN]))
    }
}

impl WordStarts {
    fn index(word: &str) -> usize {
        // The first four bytes, little-endian (tested for every word of a text: no `memcpy`).
        let (b, n) = (word.as_bytes(), word.len().min(4));
        let first = match b {
            [a, b, c, d, ..] => u32::from_le_bytes([*a, *b, *c, *d]),
            [a, b, c] => u32::from_le_bytes([*a, *b, *c, 0]),
            [a, b] => u32::from_le_bytes([*a, *b, 0, 0]),
            [a] => u32::from(*a),
            [] => 0,
        };
        let packed = u64::from(first) | (n as u64) << 32;
        (packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
    }

    fn insert(&mut self, word: &str) {
        let i = Self::index(word);
        self.0.to_mut()[i / 64] |= 1 << (i % 64);
    }

    fn contains(&self, word: &str) -> bool {
        let i = Self::index(word);
        self.0.get(i / 64).is_some_and(|b| b >> (i % 64) & 1 == 1)
    }
}

/// What a key of the gazetteer is.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    /// The entities whose alias the key is (empty for a bare prefix).
    pub targets: Vec<Target>,
    /// Whether the key begins a longer alias.
    pub prefix: bool,
}

/// What [`Gazetteer::lookup`] finds for a key, wherever the gazetteer keeps it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EntryRef<'g> {
    /// The entities whose alias the key is (empty for a bare prefix).
    pub targets: &'g [Target],
    /// Whether the key begins a longer alias.
    pub prefix: bool,
}

impl<'g> From<&'g Entry> for EntryRef<'g> {
    fn from(e: &'g Entry) -> Self {
        EntryRef {
            targets: &e.targets,
            prefix: e.prefix,
        }
    }
}

/// Tells gazetteers apart for caches kept across texts: a new value for every gazetteer built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GazetteerId(u64);

impl Default for GazetteerId {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        GazetteerId(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// Parsed gazetteer: alias word sequences (canonical words joined by a space) to entities.
#[derive(Debug, Default)]
pub(crate) struct Gazetteer {
    /// This gazetteer's identity.
    pub id: GazetteerId,
    ids: Vec<Box<str>>,
    by_id: HashMap<Box<str>, u32>,
    /// Alias keys, and every proper prefix of a multi-word alias (to extend a match word by
    /// word): one lookup tells both.
    keys: FxHashMap<Box<str>, Entry>,
    /// The most words in one alias.
    pub max_words: usize,
    /// The beginnings of the names written with a lower-case first word (`al-Qaeda`, `châu Âu`):
    /// only words beginning so can begin a name without a capital.
    lowercase_starts: WordStarts,
    /// User TSV sources added on top of the built-in ones (name, text), to rebuild from.
    pub user: Vec<(String, String)>,
    /// The built-in files' tables made by build.rs, which then stand for `ids` and `keys`.
    compiled: Option<&'static Compiled>,
}

const LANG_COLUMNS: usize = 5;

impl Gazetteer {
    /// The aliases that name more than one entity, with those entities' ids.
    #[cfg(test)]
    pub fn shared_aliases(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for (key, entry) in self.entries() {
            let mut ids: Vec<String> = entry
                .targets
                .iter()
                .map(|t| self.id(t.entity).to_string())
                .collect();
            ids.sort();
            ids.dedup();
            if ids.len() > 1 {
                out.push((key.to_string(), ids));
            }
        }
        out.sort();
        out
    }

    /// The gazetteer of build.rs's tables: nothing is parsed or allocated.
    pub fn compiled(tables: &'static Compiled) -> Self {
        Gazetteer {
            max_words: tables.max_words,
            lowercase_starts: WordStarts(Cow::Borrowed(tables.lowercase_starts)),
            compiled: Some(tables),
            ..Gazetteer::default()
        }
    }

    /// Every key with its entry, in no particular order.
    pub fn entries(&self) -> Box<dyn Iterator<Item = (&str, EntryRef<'_>)> + '_> {
        match self.compiled {
            Some(c) => Box::new((0..c.keys.len()).map(|n| (c.keys.at(n), c.entry(n)))),
            None => Box::new(self.keys.iter().map(|(k, e)| (&**k, e.into()))),
        }
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        match self.compiled {
            Some(c) => c.ids.len(),
            None => self.ids.len(),
        }
    }

    /// The id of entity `e`.
    pub fn id(&self, e: u32) -> &str {
        match self.compiled {
            Some(c) => c.ids.at(e as usize),
            None => self.ids.get(e as usize).map_or("", |s| s),
        }
    }

    /// Whether `word` (normalized) may begin a name written with a lower-case first word.
    pub fn may_begin_lowercase_name(&self, word: &str) -> bool {
        self.lowercase_starts.contains(word)
    }

    /// What `key` (canonical words joined by a space) is in the gazetteer, if anything.
    #[inline]
    pub fn lookup(&self, key: &str) -> Option<EntryRef<'_>> {
        match self.compiled {
            Some(c) => c.keys.get(key).map(|n| c.entry(n)),
            None => self.keys.get(key).map(EntryRef::from),
        }
    }

    /// The entities of a canonical alias key, if any.
    pub fn get(&self, key: &str) -> Option<&[Target]> {
        self.lookup(key)
            .map(|e| e.targets)
            .filter(|t| !t.is_empty())
    }

    /// Whether `key` begins some longer alias.
    #[cfg(test)]
    pub fn is_prefix(&self, key: &str) -> bool {
        self.lookup(key).is_some_and(|e| e.prefix)
    }

    /// Adds the entities of one TSV text. `source` names it in errors.
    pub fn add_tsv(&mut self, source: &str, text: &str) -> Result<(), GazetteerError> {
        self.add_tsv_with(source, text, true)
    }

    /// [`add_tsv`](Self::add_tsv); with `queried` false the names match in documents only. A
    /// query word of a gazetteer name is searched as the entity and its precise keys, without
    /// its recall keys (see `keeps_named_word_term`), which is right where the file lists the
    /// spellings news uses; where it has one spelling per language from a generic source
    /// (CLDR's subdivisions), the query searches the word as any name, through its keys.
    pub fn add_tsv_with(
        &mut self,
        source: &str,
        text: &str,
        queried: bool,
    ) -> Result<(), GazetteerError> {
        let err = |line: usize, message: String| GazetteerError {
            source: source.to_string(),
            line,
            message,
        };
        let mut words: Vec<String> = Vec::new();
        let mut norm = String::new();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 + LANG_COLUMNS || cols.len() > 3 + LANG_COLUMNS {
                return Err(err(
                    line_no,
                    format!(
                        "expected {} or {} tab-separated columns (id, kind, en, ro, ar, vi, ru, \
                         aliases), found {}",
                        2 + LANG_COLUMNS,
                        3 + LANG_COLUMNS,
                        cols.len()
                    ),
                ));
            }
            let id = cols[0].trim();
            if id.is_empty() {
                return Err(err(line_no, "empty entity id".to_string()));
            }
            if !id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                return Err(err(
                    line_no,
                    format!("entity id {id:?} may only have ASCII letters, digits, '_' and '-'"),
                ));
            }
            let entity = match self.by_id.get(id) {
                Some(&e) => e,
                None => {
                    let e = self.ids.len() as u32;
                    self.ids.push(id.into());
                    self.by_id.insert(id.into(), e);
                    e
                }
            };
            // Names of the other columns, to tell Vietnamese-only one-word names.
            let others: HashSet<&str> = cols[2..]
                .iter()
                .enumerate()
                .filter(|&(c, _)| c != 3)
                .flat_map(|(_, cell)| cell.split('|').map(str::trim))
                .collect();
            let mut names = 0;
            for (c, cell) in cols[2..].iter().enumerate() {
                for name in cell.split('|').map(str::trim).filter(|s| !s.is_empty()) {
                    words.clear();
                    split_name(name, &mut norm, &mut words);
                    if words.is_empty() {
                        return Err(err(line_no, format!("name {name:?} has no word")));
                    }
                    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
                    let guard = if letters.len() <= 3 && letters.iter().all(|c| c.is_uppercase()) {
                        Guard::Capitals
                    } else if c == 3 && words.len() == 1 && !others.contains(name) {
                        Guard::AfterLowercase
                    } else {
                        Guard::None
                    };
                    if name.chars().next().is_some_and(char::is_lowercase) {
                        // Text words are tested as the analyzer normalizes them (with
                        // diacritics, tones canonical), and as the gazetteer folds them.
                        self.lowercase_starts.insert(&words[0]);
                        if let Some(first) = crate::segment::words(name).next() {
                            normalize_word(first.text, &mut norm);
                            self.lowercase_starts.insert(&norm);
                            let mut toned = String::new();
                            if crate::vietnamese::canonicalize_tone(&norm, &mut toned) {
                                self.lowercase_starts.insert(&toned);
                            }
                        }
                    }
                    self.insert(
                        &words,
                        Target {
                            entity,
                            guard,
                            queried,
                        },
                    );
                    names += 1;
                }
            }
            if names == 0 {
                return Err(err(line_no, format!("entity {id:?} has no name")));
            }
        }
        Ok(())
    }

    fn insert(&mut self, words: &[String], target: Target) {
        self.max_words = self.max_words.max(words.len());
        let mut key = String::new();
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                match self.keys.get_mut(key.as_str()) {
                    Some(e) => e.prefix = true,
                    None => {
                        let e = Entry {
                            targets: Vec::new(),
                            prefix: true,
                        };
                        self.keys.insert(key.as_str().into(), e);
                    }
                }
                key.push(' ');
            }
            key.push_str(w);
        }
        let list = &mut self.keys.entry(key.into_boxed_str()).or_default().targets;
        if !list.iter().any(|t| t.entity == target.entity) {
            list.push(target);
        } else if let Some(t) = list.iter_mut().find(|t| t.entity == target.entity) {
            // The least guarded spelling wins (`Nga` in vi and ro columns: no guard).
            if target.guard == Guard::None {
                t.guard = Guard::None;
            }
        }
    }
}

/// Splits a name into canonical words as the analyzer segments text (UAX #29 words, normalized,
/// abbreviation dots removed).
fn split_name(name: &str, norm: &mut String, out: &mut Vec<String>) {
    for w in crate::segment::words(name) {
        normalize_word(w.text, norm);
        let mut c = String::new();
        canonical_word(norm, &mut c);
        if !c.is_empty() {
            out.push(c);
        }
    }
}

/// Writes the canonical gazetteer form of a normalized word into `out` (cleared): abbreviation
/// dots removed; Arabic article `ال` removed; Vietnamese tone placement canonicalized; Romanian
/// letters `ă â î ș ț` folded (text often lacks them).
pub(crate) fn canonical_word(norm: &str, out: &mut String) {
    canonical_word_with(norm, out, &mut String::new());
}

/// [`canonical_word`] with a reusable buffer for tone canonicalization.
fn canonical_word_with(norm: &str, out: &mut String, toned: &mut String) {
    out.clear();
    let Some(first) = norm.chars().next() else {
        return;
    };
    if super::arabic::is_arabic_letter(first) {
        let w = match norm.strip_prefix("ال") {
            Some(r) if r.chars().count() >= 2 => r,
            _ => norm,
        };
        out.push_str(w);
        return;
    }
    if norm.is_ascii() {
        out.extend(norm.chars().filter(|&c| c != '.'));
        return;
    }
    let w = if crate::vietnamese::canonicalize_tone(norm, toned) {
        toned.as_str()
    } else {
        norm
    };
    for c in w.chars() {
        match c {
            '.' => {}
            'ă' | 'â' => out.push('a'),
            'î' => out.push('i'),
            'ș' | 'ş' => out.push('s'),
            'ț' | 'ţ' => out.push('t'),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line() {
        let mut g = Gazetteer::default();
        let text = "# comment\nkremlin\torg\tKremlin\tKremlin\tالكرملين\tĐiện Kremlin\tКремль\n\
                    bad line without tabs\n";
        let e = g.add_tsv("user.tsv", text).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.to_string()
                .starts_with("user.tsv: line 3: expected 7 or 8"),
            "{e}"
        );
        let e = g.add_tsv("s", "bad id!\tx\tA\t\t\t\t\t\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("entity id"));
        let e = g.add_tsv("s", "x\tx\t\t\t\t\t\t\n").unwrap_err();
        assert!(e.message.contains("no name"));
    }

    #[test]
    fn names_are_split_and_normalized_like_text() {
        let mut g = Gazetteer::default();
        g.add_tsv(
            "s",
            "us\tcountry\tUnited States | US\tStatele Unite | S.U.A.\tالولايات المتحدة\tMỹ\tСША\t\n",
        )
        .unwrap();
        assert!(g.get("united states").is_some());
        assert!(g.get("sua").is_some());
        assert!(g.get("statele unite").is_some());
        assert!(g.get("ولايات متحده").is_some());
        assert!(g.is_prefix("ولايات"));
        assert_eq!(g.get("us").unwrap()[0].guard, Guard::Capitals);
        assert_eq!(g.get("mỹ").unwrap()[0].guard, Guard::AfterLowercase);
        assert_eq!(g.max_words, 2);
    }
}
