//! The analyzer: one pass over a text produces every term the index needs.

use std::sync::Arc;

use crate::entity::{EntityResolver, EntityWord};
use crate::lexicon::{with_lexicon, Lexicon, WordEntry};
use crate::segment::{self, RawWord};
use crate::stopwords::is_stopword;
use crate::term::{Analysis, TermKind, TokenRef, TokenSink, WordSpan};
use crate::vietnamese::{self, SyllableInfo};
use crate::{detect_language, Language};

/// Words longer than this many bytes are segmented (they appear in [`Analysis::words`]) but give
/// no terms: nobody searches for them, and they would bloat the term dictionary.
pub const MAX_TERM_BYTES: usize = 120;

/// Whether a text is a document to index or a query to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A document: stopwords are dropped.
    Document,
    /// A query: stopwords are dropped unless the query has nothing else; entity keys are also
    /// derived for words that are not capitalized.
    Query,
    /// A document analyzed to highlight matches of words (snippets): as [`Mode::Document`] but
    /// without entity keys, their costliest stage.
    Highlight,
}

/// Analyzes text into index terms. Cheap to clone, `Send + Sync`.
///
/// Stages, in order: language (given or detected); UAX #29 segmentation of the original text;
/// per-word normalization (NFC, case, script letter forms, Vietnamese tone placement); Vietnamese
/// dictionary word segmentation; stopwords; stems (Snowball for ro/en/ru, the Arabic stemmer chosen
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

/// A word of the text: where it is, and its entry in the lexicon.
struct Word {
    raw_start: usize,
    raw_end: usize,
    /// Its [`WordEntry`] in the lexicon.
    entry: u32,
    after_break: bool,
    hyphenated: bool,
}

/// Entity keys of one text: word range and key, the keys' text in one buffer.
#[derive(Default)]
struct EntityKeys {
    keys: Vec<(usize, usize, usize, usize)>,
    text: String,
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
    /// [`Mode::Document`] and [`Mode::Highlight`] means detect it; in [`Mode::Query`] it means
    /// language-neutral.
    pub fn analyze_with(
        &self,
        text: &str,
        lang: Option<Language>,
        mode: Mode,
        sink: &mut dyn TokenSink,
    ) -> Option<Language> {
        let lang = match (lang, mode) {
            (Some(l), _) => Some(l),
            (None, Mode::Document | Mode::Highlight) => detect_language(text),
            (None, Mode::Query) => None,
        };
        self.run(text, lang, mode, sink);
        lang
    }

    fn run(&self, text: &str, lang: Option<Language>, mode: Mode, sink: &mut dyn TokenSink) {
        with_lexicon(lang, |lexicon| {
            self.run_with(lexicon, text, lang, mode, sink)
        });
    }

    fn run_with(
        &self,
        lexicon: &mut Lexicon,
        text: &str,
        lang: Option<Language>,
        mode: Mode,
        sink: &mut dyn TokenSink,
    ) {
        let words = segment_words(text, lang, lexicon);
        if words.is_empty() {
            return;
        }
        if lang == Some(Language::Vietnamese) {
            resolve_runs(&words, lexicon);
        }
        let lexicon = &*lexicon;
        let entities = if mode == Mode::Highlight {
            EntityKeys::default()
        } else {
            self.entity_keys(text, &words, lexicon, lang, mode)
        };
        let keep_stopwords = mode == Mode::Query
            && lang.is_some()
            && words.iter().all(|w| lexicon.get(w.entry).stopword);
        let mut emitter = Emitter {
            sink,
            lexicon,
            lang,
            keep_stopwords,
            entities: &entities,
            next_entity: 0,
            scratch: String::new(),
            joined: String::new(),
        };
        if lang == Some(Language::Vietnamese) {
            emitter.vietnamese(&words);
        } else {
            emitter.by_word(&words);
        }
        emitter.flush_entities(usize::MAX, &words);
    }

    fn entity_keys(
        &self,
        text: &str,
        words: &[Word],
        lexicon: &Lexicon,
        lang: Option<Language>,
        mode: Mode,
    ) -> EntityKeys {
        let (entity_words, hints): (Vec<EntityWord<'_>>, Vec<_>) = words
            .iter()
            .map(|w| {
                let word = EntityWord {
                    surface: &text[w.raw_start..w.raw_end],
                    normalized: lexicon.text(lexicon.get(w.entry).norm),
                    // A hyphen does not end a name: `Mát-xcơ-va`, `Kassym-Jomart`.
                    after_break: w.after_break && !w.hyphenated,
                    hyphenated: w.hyphenated,
                };
                (word, lexicon.memo_hint(w.entry))
            })
            .unzip();
        let mut keys = EntityKeys {
            // A key is about ten bytes and a name word often has several: room for a query's
            // few words from the start, where growing the buffers was a tenth of its analysis.
            keys: Vec::with_capacity(words.len() / 2 + 4),
            text: String::with_capacity(words.len() * 8 + 32),
        };
        self.entities.resolve_hinted(
            &entity_words,
            &hints,
            lang,
            mode == Mode::Query,
            &mut |first, last, key| {
                let from = keys.text.len();
                keys.text.push_str(key);
                keys.keys.push((first, last, from, keys.text.len()));
            },
        );
        keys.keys.sort_by_key(|k| k.0);
        keys
    }
}

/// Looks up the segmenter's features of the syllables in runs of two or more (the runs
/// [`Emitter::vietnamese`] segments), and of no other word.
fn resolve_runs(words: &[Word], lexicon: &mut Lexicon) {
    let joined = |lexicon: &Lexicon, a: &Word, b: &Word| {
        lexicon.get(a.entry).syllable && lexicon.get(b.entry).syllable && !b.after_break
    };
    for (i, w) in words.iter().enumerate() {
        let with_next = words.get(i + 1).is_some_and(|n| joined(lexicon, w, n));
        let with_previous = i > 0 && joined(lexicon, &words[i - 1], w);
        if with_next || with_previous {
            lexicon.resolve_syllable(w.entry);
        }
    }
}

/// Segments `text` into words and looks each up in (or adds it to) the lexicon.
fn segment_words(text: &str, lang: Option<Language>, lexicon: &mut Lexicon) -> Vec<Word> {
    let mut words = Vec::with_capacity(text.len() / 6 + 1);
    segment::for_each_word(text, |w: RawWord<'_>| {
        words.push(Word {
            raw_start: w.start,
            raw_end: w.end,
            entry: lexicon.entry(w.text, lang),
            after_break: w.after_break,
            hyphenated: w.hyphenated,
        })
    });
    words
}

struct Emitter<'a> {
    sink: &'a mut dyn TokenSink,
    lexicon: &'a Lexicon,
    lang: Option<Language>,
    keep_stopwords: bool,
    entities: &'a EntityKeys,
    next_entity: usize,
    scratch: String,
    joined: String,
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
    #[inline]
    fn flush_entities(&mut self, before: usize, words: &[Word]) {
        // Called several times per word; most calls have nothing to emit.
        if self
            .entities
            .keys
            .get(self.next_entity)
            .is_some_and(|k| k.0 < before)
        {
            self.emit_entities(before, words);
        }
    }

    fn emit_entities(&mut self, before: usize, words: &[Word]) {
        while let Some(&(first, last, from, to)) = self.entities.keys.get(self.next_entity) {
            if first >= before {
                break;
            }
            let last = last.min(words.len() - 1);
            self.sink.token(TokenRef {
                term: &self.entities.text[from..to],
                kind: TermKind::Entity,
                position: first as u32,
                start: words[first].raw_start,
                end: words[last].raw_end,
            });
            self.next_entity += 1;
        }
    }

    fn is_stop(&self, entry: &WordEntry) -> bool {
        !self.keep_stopwords && !entry.abbreviation && entry.stopword
    }

    /// Romanian, English, Arabic, Russian and language-neutral text: one position per word.
    fn by_word(&mut self, words: &[Word]) {
        let lexicon = self.lexicon;
        for (i, w) in words.iter().enumerate() {
            // Entity keys of earlier words, then the compound ending here (its position is the
            // previous word's), then this word's keys and terms: positions never decrease.
            self.flush_entities(i, words);
            self.sink.word(WordSpan {
                start: w.raw_start,
                end: w.raw_end,
            });
            let entry = lexicon.get(w.entry);
            let norm = lexicon.text(entry.norm);
            if norm.len() > MAX_TERM_BYTES {
                continue;
            }
            let position = i as u32;
            if w.hyphenated && i > 0 {
                let prev = &words[i - 1];
                let prev_norm = lexicon.text(lexicon.get(prev.entry).norm);
                if prev_norm.len() + 1 + norm.len() <= MAX_TERM_BYTES {
                    let mut compound = std::mem::take(&mut self.scratch);
                    compound.clear();
                    compound.push_str(prev_norm);
                    compound.push('-');
                    compound.push_str(norm);
                    self.emit(
                        &compound,
                        TermKind::Compound,
                        position - 1,
                        prev.raw_start,
                        w.raw_end,
                    );
                    self.scratch = compound;
                }
            }
            self.flush_entities(i + 1, words);
            if self.lang.is_some() && self.is_stop(entry) {
                continue;
            }
            let kind = if self.lang.is_some() {
                TermKind::Stem
            } else {
                TermKind::Word
            };
            self.emit_entry(entry, kind, position, w.raw_start, w.raw_end);
        }
    }

    /// A word's term, then its folded term if it has one.
    fn emit_entry(
        &mut self,
        entry: &WordEntry,
        kind: TermKind,
        position: u32,
        start: usize,
        end: usize,
    ) {
        let lexicon = self.lexicon;
        self.emit(lexicon.text(entry.term), kind, position, start, end);
        if !entry.folded.is_empty() {
            let folded = lexicon.text(entry.folded);
            self.emit(folded, TermKind::Folded, position, start, end);
        }
    }

    /// Whether a Vietnamese word of several syllables, joined by `_`, is a stopword (the list
    /// joins them by spaces).
    fn is_compound_stopword(&mut self, joined: &str) -> bool {
        let mut spaced = std::mem::take(&mut self.scratch);
        spaced.clear();
        // Syllables are letters only: every `_` is a joint.
        spaced.extend(joined.chars().map(|c| if c == '_' { ' ' } else { c }));
        let stop = is_stopword(Language::Vietnamese, &spaced);
        self.scratch = spaced;
        stop
    }

    /// Vietnamese: syllables keep one position each; words of several syllables are found by the
    /// dictionary segmenter and indexed as compounds at their first syllable's position.
    fn vietnamese(&mut self, words: &[Word]) {
        let lexicon = self.lexicon;
        let mut run: Vec<SyllableInfo> = Vec::new();
        let mut buffers = lexicon.segmenter.borrow_mut();
        let mut lengths = Vec::new();
        let mut i = 0;
        while i < words.len() {
            // A run of letter syllables separated only by spaces.
            let mut end = i + 1;
            let first = lexicon.get(words[i].entry);
            if first.syllable {
                while end < words.len()
                    && lexicon.get(words[end].entry).syllable
                    && !words[end].after_break
                {
                    end += 1;
                }
            }
            if end - i == 1 {
                self.vietnamese_word(words, i, i + 1);
                i = end;
                continue;
            }
            run.clear();
            run.extend(
                words[i..end]
                    .iter()
                    .map(|w| lexicon.get(w.entry).syllable_info),
            );
            vietnamese::segment_syllables(&run, &mut buffers, &mut lengths);
            let mut from = i;
            for &len in &lengths {
                let len = len.max(1).min(end - from);
                self.vietnamese_word(words, from, from + len);
                from += len;
            }
            while from < end {
                self.vietnamese_word(words, from, from + 1);
                from += 1;
            }
            i = end;
        }
    }

    fn vietnamese_word(&mut self, words: &[Word], from: usize, to: usize) {
        let lexicon = self.lexicon;
        // Entity keys are flushed syllable by syllable so positions never decrease.
        self.flush_entities(from + 1, words);
        let (start, end) = (words[from].raw_start, words[to - 1].raw_end);
        self.sink.word(WordSpan { start, end });
        let first = lexicon.get(words[from].entry);
        let (stop, long) = if to - from == 1 {
            let norm = lexicon.text(first.norm);
            (self.is_stop(first), norm.len() > MAX_TERM_BYTES)
        } else {
            // The index joins syllables with `_`, the stopword list with spaces.
            let mut joined = std::mem::take(&mut self.joined);
            joined.clear();
            for w in &words[from..to] {
                if !joined.is_empty() {
                    joined.push('_');
                }
                joined.push_str(lexicon.text(lexicon.get(w.entry).norm));
            }
            let stop = !self.keep_stopwords
                && !first.abbreviation
                && first.begins_compound_stopword
                && self.is_compound_stopword(&joined);
            let long = joined.len() > MAX_TERM_BYTES;
            if !stop && !long {
                self.emit(&joined, TermKind::Compound, from as u32, start, end);
            }
            self.joined = joined;
            (stop, long)
        };
        if !stop && !long {
            for (k, w) in words[from..to].iter().enumerate() {
                self.flush_entities(from + k + 1, words);
                let entry = lexicon.get(w.entry);
                let position = (from + k) as u32;
                self.emit_entry(entry, TermKind::Word, position, w.raw_start, w.raw_end);
            }
        }
        self.flush_entities(to, words);
    }
}
