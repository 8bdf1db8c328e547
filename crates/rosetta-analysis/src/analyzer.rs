//! The analyzer: one pass over a text produces every term the index needs.

use std::sync::Arc;

use crate::entity::{EntityResolver, EntityWord};
use crate::normalize::{fold_diacritics, normalize_word};
use crate::segment::{self, RawWord};
use crate::stem::stem_into;
use crate::stopwords::is_stopword;
use crate::vietnamese::{self, Syllable};
use crate::{detect_language, Language};

/// Words longer than this many bytes are segmented (they appear in [`Analysis::words`]) but give
/// no terms: nobody searches for them, and they would bloat the term dictionary.
pub const MAX_TERM_BYTES: usize = 120;

/// What an indexed term stands for; each kind goes to its own index field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// The stem of a word (Romanian, English, Arabic).
    Stem,
    /// A word as written, normalized but not stemmed (Vietnamese syllables; text in no supported
    /// language).
    Word,
    /// A word made of several segments: a Vietnamese multi-syllable word (`hội nghị`, syllables
    /// joined by `_`) or a hyphenated compound (`kremlin-aligned`), at the position of its first
    /// part.
    Compound,
    /// A diacritic- and tone-free form (`intalnir`, `hoi`), emitted only where it differs from the
    /// exact term, so exact matches can rank higher.
    Folded,
    /// A cross-script entity key (see [`crate::entity`]).
    Entity,
}

impl TermKind {
    /// The kind's name as in the `analyze --json` output.
    pub const fn as_str(self) -> &'static str {
        match self {
            TermKind::Stem => "stem",
            TermKind::Word => "word",
            TermKind::Compound => "compound",
            TermKind::Folded => "folded",
            TermKind::Entity => "entity",
        }
    }
}

/// A term with its place in the original text, borrowed from the analyzer's buffers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenRef<'a> {
    /// The indexed term.
    pub term: &'a str,
    /// What the term stands for.
    pub kind: TermKind,
    /// Word position (Vietnamese: syllable position), for phrase queries.
    pub position: u32,
    /// Byte offset of the source word(s) in the original text.
    pub start: usize,
    /// Byte offset just past the source word(s).
    pub end: usize,
}

/// An owned term; see [`TokenRef`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Token {
    /// The indexed term.
    pub term: String,
    /// What the term stands for.
    pub kind: TermKind,
    /// Word position (Vietnamese: syllable position), for phrase queries.
    pub position: u32,
    /// Byte offset of the source word(s) in the original text.
    pub start: usize,
    /// Byte offset just past the source word(s).
    pub end: usize,
}

/// A word found by segmentation (stopwords included), as byte offsets into the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct WordSpan {
    /// Byte offset of the word.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
}

/// Receives the output of [`Analyzer::analyze_with`] without allocating per token.
pub trait TokenSink {
    /// A word of the segmentation (Vietnamese: a whole multi-syllable word), in text order.
    fn word(&mut self, _span: WordSpan) {}
    /// A term, in non-decreasing position order.
    fn token(&mut self, token: TokenRef<'_>);
}

/// The result of [`Analyzer::analyze`].
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Analysis {
    /// The language the text was analyzed as (given, or detected); `None` when the text is in
    /// none of the four, in which case it got language-neutral analysis (no stems, no stopwords).
    pub language: Option<Language>,
    /// The segmentation.
    pub words: Vec<WordSpan>,
    /// Every term the index stores, in non-decreasing position order.
    pub tokens: Vec<Token>,
}

impl TokenSink for Analysis {
    fn word(&mut self, span: WordSpan) {
        self.words.push(span);
    }

    fn token(&mut self, t: TokenRef<'_>) {
        self.tokens.push(Token {
            term: t.term.to_string(),
            kind: t.kind,
            position: t.position,
            start: t.start,
            end: t.end,
        });
    }
}

/// Whether a text is a document to index or a query to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A document: stopwords are dropped.
    Document,
    /// A query: stopwords are dropped unless the query has nothing else; entity keys are also
    /// derived for words that are not capitalized.
    Query,
}

/// Analyzes text into index terms. Cheap to clone, `Send + Sync`.
///
/// Stages, in order: language (given or detected); UAX #29 segmentation of the original text;
/// per-word normalization (NFC, case, script letter forms, Vietnamese tone placement); Vietnamese
/// dictionary word segmentation; stopwords; stems (Snowball for ro/en, the Arabic stemmer chosen
/// in [`crate::arabic`]); folded forms; entity keys.
#[derive(Clone, Debug)]
pub struct Analyzer {
    entities: Arc<EntityResolver>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

/// A normalized word and what the later stages need to know about it.
struct Normalized {
    raw_start: usize,
    raw_end: usize,
    /// Range of the normalized text in the shared buffer.
    norm: (usize, usize),
    after_break: bool,
    hyphenated: bool,
    capitalized: bool,
    /// Whether it is a letter syllable a Vietnamese word can be made of.
    syllable: bool,
    /// Whether dots were removed from it (an abbreviation such as `U.S.`: never a stopword).
    abbreviation: bool,
}

impl Analyzer {
    /// An analyzer with the built-in entity gazetteer.
    pub fn new() -> Self {
        Analyzer {
            entities: Arc::new(EntityResolver::builtin()),
        }
    }

    /// An analyzer using `entities` (e.g. with a user gazetteer loaded) for entity keys.
    pub fn with_entity_resolver(entities: EntityResolver) -> Self {
        Analyzer {
            entities: Arc::new(entities),
        }
    }

    /// The entity resolver in use.
    pub fn entity_resolver(&self) -> &EntityResolver {
        &self.entities
    }

    /// Analyzes a document; `lang` `None` means detect it.
    pub fn analyze(&self, text: &str, lang: Option<Language>) -> Analysis {
        let mut analysis = Analysis::default();
        analysis.language = self.analyze_with(text, lang, Mode::Document, &mut analysis);
        analysis
    }

    /// Analyzes a query as if written in `lang` (`None`: language-neutral).
    pub fn analyze_query(&self, text: &str, lang: Option<Language>) -> Analysis {
        let mut analysis = Analysis {
            language: lang,
            ..Analysis::default()
        };
        self.run(text, lang, Mode::Query, &mut analysis);
        analysis
    }

    /// Streams the analysis of `text` into `sink`; returns the language used. `lang` `None` in
    /// [`Mode::Document`] means detect it; in [`Mode::Query`] it means language-neutral.
    pub fn analyze_with(
        &self,
        text: &str,
        lang: Option<Language>,
        mode: Mode,
        sink: &mut dyn TokenSink,
    ) -> Option<Language> {
        let lang = match (lang, mode) {
            (Some(l), _) => Some(l),
            (None, Mode::Document) => detect_language(text),
            (None, Mode::Query) => None,
        };
        self.run(text, lang, mode, sink);
        lang
    }

    fn run(&self, text: &str, lang: Option<Language>, mode: Mode, sink: &mut dyn TokenSink) {
        let mut buf = String::with_capacity(text.len() + 16);
        let words = normalize_all(text, lang, &mut buf);
        if words.is_empty() {
            return;
        }
        let entities = self.entity_keys(text, &words, &buf, lang, mode);
        let keep_stopwords = mode == Mode::Query
            && lang.is_some_and(|l| {
                words
                    .iter()
                    .all(|w| is_stopword(l, &buf[w.norm.0..w.norm.1]))
            });
        let mut emitter = Emitter {
            sink,
            lang,
            keep_stopwords,
            entities: &entities,
            next_entity: 0,
            scratch: String::new(),
            folded: String::new(),
            folded_stem: String::new(),
        };
        if lang == Some(Language::Vietnamese) {
            emitter.vietnamese(&words, &buf);
        } else {
            emitter.by_word(&words, &buf);
        }
        emitter.flush_entities(usize::MAX, &words);
    }

    fn entity_keys(
        &self,
        text: &str,
        words: &[Normalized],
        buf: &str,
        lang: Option<Language>,
        mode: Mode,
    ) -> Vec<(usize, usize, String)> {
        let entity_words: Vec<EntityWord<'_>> = words
            .iter()
            .map(|w| EntityWord {
                surface: &text[w.raw_start..w.raw_end],
                normalized: &buf[w.norm.0..w.norm.1],
                // A hyphen does not end a name: `Mát-xcơ-va`, `Kassym-Jomart`.
                after_break: w.after_break && !w.hyphenated,
            })
            .collect();
        let mut keys = Vec::new();
        self.entities.resolve(
            &entity_words,
            lang,
            mode == Mode::Query,
            &mut |first, last, key| keys.push((first, last, key.to_string())),
        );
        keys.sort_by_key(|k| k.0);
        keys
    }
}

/// Segments and normalizes every word of `text` into `buf`.
fn normalize_all(text: &str, lang: Option<Language>, buf: &mut String) -> Vec<Normalized> {
    let mut words = Vec::with_capacity(text.len() / 6 + 1);
    let mut scratch = String::new();
    let mut toned = String::new();
    for RawWord {
        text: raw,
        start,
        end,
        after_break,
        hyphenated,
    } in segment::words(text)
    {
        normalize_word(raw, &mut scratch);
        // All-caps short words are acronyms (`WHO`, `US`, `IT`), not the stopwords they spell.
        let mut abbreviation =
            (2..=4).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_uppercase());
        if scratch.contains('.') && scratch.chars().any(char::is_alphabetic) {
            // `U.S.` -> `us`: UAX #29 keeps inner dots of abbreviations (and of `3.5`, kept).
            scratch.retain(|c| c != '.');
            abbreviation = true;
        }
        if lang == Some(Language::Vietnamese)
            && !scratch.is_ascii()
            && cached_tone(&scratch, &mut toned)
        {
            std::mem::swap(&mut scratch, &mut toned);
        }
        let from = buf.len();
        buf.push_str(&scratch);
        words.push(Normalized {
            raw_start: start,
            raw_end: end,
            norm: (from, buf.len()),
            after_break,
            hyphenated,
            capitalized: raw.chars().next().is_some_and(char::is_uppercase),
            syllable: lang == Some(Language::Vietnamese)
                && scratch.chars().all(char::is_alphabetic),
            abbreviation,
        });
    }
    words
}

struct Emitter<'a> {
    sink: &'a mut dyn TokenSink,
    lang: Option<Language>,
    keep_stopwords: bool,
    entities: &'a [(usize, usize, String)],
    next_entity: usize,
    scratch: String,
    folded: String,
    folded_stem: String,
}

impl Emitter<'_> {
    fn emit(&mut self, term: &str, kind: TermKind, position: u32, start: usize, end: usize) {
        if term.is_empty() {
            // A word of nothing but deleted marks (a lone tatweel or haraka).
            return;
        }
        self.sink.token(TokenRef {
            term,
            kind,
            position,
            start,
            end,
        });
    }

    /// Emits entity keys that start before word `before`.
    fn flush_entities(&mut self, before: usize, words: &[Normalized]) {
        while let Some((first, last, key)) = self.entities.get(self.next_entity) {
            if *first >= before {
                break;
            }
            let (first, last) = (*first, (*last).min(words.len() - 1));
            self.sink.token(TokenRef {
                term: key,
                kind: TermKind::Entity,
                position: first as u32,
                start: words[first].raw_start,
                end: words[last].raw_end,
            });
            self.next_entity += 1;
        }
    }

    fn is_stop(&self, lang: Language, w: &Normalized, term: &str) -> bool {
        !self.keep_stopwords && !w.abbreviation && is_stopword(lang, term)
    }

    /// Romanian, English, Arabic and language-neutral text: one position per word.
    fn by_word(&mut self, words: &[Normalized], buf: &str) {
        for (i, w) in words.iter().enumerate() {
            // Entity keys of earlier words, then the compound ending here (its position is the
            // previous word's), then this word's keys and terms: positions never decrease.
            self.flush_entities(i, words);
            self.sink.word(WordSpan {
                start: w.raw_start,
                end: w.raw_end,
            });
            let norm = &buf[w.norm.0..w.norm.1];
            if norm.len() > MAX_TERM_BYTES {
                continue;
            }
            let position = i as u32;
            if w.hyphenated && i > 0 {
                let prev = &words[i - 1];
                let compound = format!("{}-{}", &buf[prev.norm.0..prev.norm.1], norm);
                if compound.len() <= MAX_TERM_BYTES {
                    self.emit(
                        &compound,
                        TermKind::Compound,
                        position - 1,
                        prev.raw_start,
                        w.raw_end,
                    );
                }
            }
            self.flush_entities(i + 1, words);
            let Some(lang) = self.lang else {
                self.emit(norm, TermKind::Word, position, w.raw_start, w.raw_end);
                self.emit_folded(norm, position, w);
                continue;
            };
            if self.is_stop(lang, w, norm) {
                continue;
            }
            let mut stem = std::mem::take(&mut self.scratch);
            stem_into(lang, norm, &mut stem);
            self.emit(&stem, TermKind::Stem, position, w.raw_start, w.raw_end);
            // Fold, then stem: the folded term is then exactly what the same word typed without
            // diacritics stems to (Snowball treats `ă` and `a` differently, so folding the stem
            // would not be).
            let mut folded = std::mem::take(&mut self.folded);
            if fold_diacritics(norm, &mut folded) {
                let mut folded_stem = std::mem::take(&mut self.folded_stem);
                stem_into(lang, &folded, &mut folded_stem);
                if folded_stem != stem {
                    self.emit(
                        &folded_stem,
                        TermKind::Folded,
                        position,
                        w.raw_start,
                        w.raw_end,
                    );
                }
                self.folded_stem = folded_stem;
            }
            self.folded = folded;
            self.scratch = stem;
        }
    }

    fn emit_folded(&mut self, term: &str, position: u32, w: &Normalized) {
        let mut folded = std::mem::take(&mut self.folded);
        if fold_diacritics(term, &mut folded) {
            self.emit(&folded, TermKind::Folded, position, w.raw_start, w.raw_end);
        }
        self.folded = folded;
    }

    /// Vietnamese: syllables keep one position each; words of several syllables are found by the
    /// dictionary segmenter and indexed as compounds at their first syllable's position.
    fn vietnamese(&mut self, words: &[Normalized], buf: &str) {
        let mut i = 0;
        while i < words.len() {
            // A run of letter syllables separated only by spaces.
            let mut end = i + 1;
            if words[i].syllable {
                while end < words.len() && words[end].syllable && !words[end].after_break {
                    end += 1;
                }
            }
            let run: Vec<Syllable<'_>> = words[i..end]
                .iter()
                .map(|w| Syllable {
                    text: &buf[w.norm.0..w.norm.1],
                    capitalized: w.capitalized,
                })
                .collect();
            let lengths = if run.len() > 1 && words[i].syllable {
                vietnamese::segment(&run)
            } else {
                vec![1; run.len()]
            };
            let mut first = i;
            for len in lengths {
                let len = len.max(1).min(end - first);
                self.vietnamese_word(words, buf, first, first + len);
                first += len;
            }
            while first < end {
                self.vietnamese_word(words, buf, first, first + 1);
                first += 1;
            }
            i = end;
        }
    }

    fn vietnamese_word(&mut self, words: &[Normalized], buf: &str, from: usize, to: usize) {
        // Entity keys are flushed syllable by syllable so positions never decrease.
        self.flush_entities(from + 1, words);
        let (start, end) = (words[from].raw_start, words[to - 1].raw_end);
        self.sink.word(WordSpan { start, end });
        let mut compound = std::mem::take(&mut self.scratch);
        compound.clear();
        for w in &words[from..to] {
            if !compound.is_empty() {
                compound.push(' ');
            }
            compound.push_str(&buf[w.norm.0..w.norm.1]);
        }
        let stop = self.is_stop(Language::Vietnamese, &words[from], &compound);
        if !stop && compound.len() <= MAX_TERM_BYTES {
            if to - from > 1 {
                let joined = compound.replace(' ', "_");
                self.emit(&joined, TermKind::Compound, from as u32, start, end);
            }
            for (k, w) in words[from..to].iter().enumerate() {
                self.flush_entities(from + k + 1, words);
                let syllable = &buf[w.norm.0..w.norm.1];
                let position = (from + k) as u32;
                self.emit(syllable, TermKind::Word, position, w.raw_start, w.raw_end);
                self.emit_folded(syllable, position, w);
            }
        }
        self.flush_entities(to, words);
        self.scratch = compound;
    }
}

/// [`vietnamese::canonicalize_tone`] through a bounded per-thread cache (Vietnamese has a few
/// thousand syllables).
fn cached_tone(syllable: &str, out: &mut String) -> bool {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static TONES: RefCell<HashMap<Box<str>, Option<Box<str>>>> = RefCell::new(HashMap::new());
    }
    TONES.with(|t| {
        let mut t = t.borrow_mut();
        out.clear();
        if let Some(v) = t.get(syllable) {
            if let Some(v) = v {
                out.push_str(v);
                return true;
            }
            return false;
        }
        let changed = vietnamese::canonicalize_tone(syllable, out);
        if t.len() > 50_000 {
            t.clear();
        }
        t.insert(syllable.into(), changed.then(|| out.as_str().into()));
        changed
    })
}
