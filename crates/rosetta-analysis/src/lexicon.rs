//! A per-thread memo of everything the analyzer derives from a word alone.
//!
//! Word frequencies are Zipfian: most words of a text were seen a moment ago, in this text or the
//! previous one. Normalizing, tone canonicalization, the stopword test, stemming and folding cost
//! hundreds of nanoseconds per word; one hash lookup of the word as written costs tens. Entries
//! live in one arena per language (no allocation per word), and a thread's arenas are emptied
//! between texts once together they pass their bound, so memory stays bounded whatever the input.

use std::cell::RefCell;

use crate::entity::MemoHint;
use crate::normalize::{fold_diacritics, normalize_word};
use crate::stem::stem_into;
use crate::stopwords::{begins_vietnamese_compound_stopword, is_stopword};
use crate::vietnamese::{self, SegmentBuffers, SyllableInfo};
use crate::word_ids::WordIds;
use crate::Language;

/// Words cached per thread (all languages) before the caches are emptied (between texts).
/// With [`MAX_TEXT_BYTES`], bounds a thread's lexicons to about 25 MB (about 150 bytes a word).
const MAX_WORDS: usize = 100_000;
/// Bytes of derived text cached per thread (all languages) before the caches are emptied.
const MAX_TEXT_BYTES: usize = 8 << 20;
/// Words longer than this are derived but not remembered: they are rare, and a giant one would
/// pin its bytes in the cache.
const MAX_KEY_BYTES: usize = 64;

/// A byte range in the lexicon's text arena. 32-bit offsets keep an entry in one cache line:
/// entries are read at random, for every word, and while indexing they compete for the cache
/// with tantivy's own tables.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    pub(crate) fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// What the analyzer needs to know about one word as written.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordEntry {
    /// The normalized word (see [`normalize_word`]; Vietnamese: tone-canonical; dots of
    /// abbreviations removed).
    pub norm: Span,
    /// The indexed term: the stem (ro/en/ar/ru), or the normalized word (vi, no language).
    pub term: Span,
    /// The folded term where it differs from `term`, else empty. For stemmed languages it is the
    /// stem of the folded word: exactly what the word typed without diacritics stems to.
    pub folded: Span,
    /// A short all-caps word or a dotted abbreviation (`WHO`, `U.S.`): never a stopword.
    pub abbreviation: bool,
    /// Vietnamese: a letter syllable a word can be made of.
    pub syllable: bool,
    /// Whether the normalized word is a stopword of the language (abbreviation or not).
    pub stopword: bool,
    /// Vietnamese: the first syllable of a stopword of several syllables (`bởi` of `bởi vì`).
    pub begins_compound_stopword: bool,
    /// Vietnamese: what the word segmenter needs of the syllable, once
    /// [`Lexicon::resolve_syllable`] has looked it up (until then only its capitalization).
    pub syllable_info: SyllableInfo,
    /// Whether `syllable_info` has been looked up.
    pub syllable_info_ready: bool,
}

/// The cache of one language (or of language-neutral analysis).
#[derive(Default)]
pub(crate) struct Lexicon {
    by_surface: WordIds,
    entries: Vec<WordEntry>,
    /// Per entry, which entity-resolver memo its word has (kept apart: `WordEntry` is `Copy`).
    memo_hints: Vec<MemoHint>,
    text: String,
    /// The Vietnamese segmenter's buffers and pair cache, kept from text to text.
    pub(crate) segmenter: RefCell<SegmentBuffers>,
    scratch: String,
    toned: String,
    stem: String,
}

impl Lexicon {
    /// The entry of `raw` (a word as segmented from the text), derived on first sight.
    pub(crate) fn entry(&mut self, raw: &str, lang: Option<Language>) -> u32 {
        if let Some(id) = self.by_surface.get(raw) {
            return id;
        }
        let entry = self.derive(raw, lang);
        let id = self.entries.len() as u32;
        self.entries.push(entry);
        self.memo_hints.push(MemoHint::default());
        if raw.len() <= MAX_KEY_BYTES {
            self.by_surface.insert(raw, id);
        }
        id
    }

    /// Looks up what the word segmenter needs of entry `id`'s syllable, if not done yet.
    pub(crate) fn resolve_syllable(&mut self, id: u32) {
        let entry = &self.entries[id as usize];
        if entry.syllable_info_ready {
            return;
        }
        let (norm, capitalized) = (entry.norm, entry.syllable_info.capitalized);
        let info = vietnamese::syllable_info(self.text(norm), capitalized);
        let entry = &mut self.entries[id as usize];
        entry.syllable_info = info;
        entry.syllable_info_ready = true;
    }

    /// The entry with id `id`.
    pub(crate) fn get(&self, id: u32) -> &WordEntry {
        &self.entries[id as usize]
    }

    /// Where the entity resolver remembers the memo of entry `id`'s word.
    pub(crate) fn memo_hint(&self, id: u32) -> &MemoHint {
        &self.memo_hints[id as usize]
    }

    /// The text of a span of an entry.
    pub(crate) fn text(&self, span: Span) -> &str {
        &self.text[span.start as usize..span.end as usize]
    }

    /// Empties the cache; call between texts only.
    fn clear(&mut self) {
        self.by_surface.clear();
        self.entries.clear();
        self.memo_hints.clear();
        self.text.clear();
    }

    fn push(&mut self, s: &str) -> Span {
        let start = self.text.len();
        let (Ok(from), Ok(to)) = (u32::try_from(start), u32::try_from(start + s.len())) else {
            // Only a single text with gigabytes of distinct words gets here (the arena is emptied
            // between texts past 8 MiB): its further new words give no term, not a panic.
            return Span::default();
        };
        self.text.push_str(s);
        Span {
            start: from,
            end: to,
        }
    }

    fn derive(&mut self, raw: &str, lang: Option<Language>) -> WordEntry {
        let mut scratch = std::mem::take(&mut self.scratch);
        normalize_word(raw, &mut scratch);
        // All-caps short words are acronyms (`WHO`, `US`, `IT`), not the stopwords they spell.
        let mut abbreviation =
            (2..=4).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_uppercase());
        if scratch.contains('.') && scratch.chars().any(char::is_alphabetic) {
            // `U.S.` -> `us`: UAX #29 keeps inner dots of abbreviations (and of `3.5`, kept).
            scratch.retain(|c| c != '.');
            abbreviation = true;
        }
        let vietnamese = lang == Some(Language::Vietnamese);
        if vietnamese
            && !scratch.is_ascii()
            && vietnamese::canonicalize_tone(&scratch, &mut self.toned)
        {
            std::mem::swap(&mut scratch, &mut self.toned);
        }
        let norm = self.push(&scratch);
        let stopword = lang.is_some_and(|l| is_stopword(l, &scratch));
        let mut folded_buf = std::mem::take(&mut self.toned);
        let (term, folded) = match lang {
            Some(
                l @ (Language::Romanian | Language::English | Language::Arabic | Language::Russian),
            ) => {
                let mut stem = std::mem::take(&mut self.stem);
                stem_into(l, &scratch, &mut stem);
                let term = self.push(&stem);
                let mut folded = Span::default();
                if fold_diacritics(&scratch, &mut folded_buf) {
                    stem_into(l, &folded_buf, &mut stem);
                    if self.text(term) != stem {
                        folded = self.push(&stem);
                    }
                }
                self.stem = stem;
                (term, folded)
            }
            _ => {
                let folded = if fold_diacritics(&scratch, &mut folded_buf) {
                    self.push(&folded_buf)
                } else {
                    Span::default()
                };
                (norm, folded)
            }
        };
        self.toned = folded_buf;
        let syllable = vietnamese && scratch.chars().all(char::is_alphabetic);
        let capitalized = raw.chars().next().is_some_and(char::is_uppercase);
        let entry = WordEntry {
            norm,
            term,
            folded,
            abbreviation,
            syllable,
            stopword,
            begins_compound_stopword: vietnamese && begins_vietnamese_compound_stopword(&scratch),
            // Looked up when the word is in a run the segmenter groups (`resolve_syllable`):
            // the model is large to build, and a text of single words (a query) needs none.
            syllable_info: SyllableInfo::unknown(capitalized),
            syllable_info_ready: !syllable,
        };
        self.scratch = scratch;
        entry
    }
}

/// The caches of this thread: one per language, and one for language-neutral analysis.
#[derive(Default)]
pub(crate) struct Lexicons([Lexicon; Language::ALL.len() + 1]);

impl Lexicons {
    /// The cache for `lang`; all of them are emptied first if together they have grown past
    /// their bounds.
    pub(crate) fn for_language(&mut self, lang: Option<Language>) -> &mut Lexicon {
        let words: usize = self.0.iter().map(|l| l.entries.len()).sum();
        let bytes: usize = self.0.iter().map(|l| l.text.len()).sum();
        if words > MAX_WORDS || bytes > MAX_TEXT_BYTES {
            self.0.iter_mut().for_each(Lexicon::clear);
        }
        // Language-neutral text has the last slot.
        &mut self.0[lang.map_or(Language::ALL.len(), Language::index)]
    }
}

/// Runs `f` with this thread's lexicon for `lang`; a fresh one if this thread is already inside
/// `with_lexicon` (a token sink that analyzes text itself).
pub(crate) fn with_lexicon<R>(lang: Option<Language>, f: impl FnOnce(&mut Lexicon) -> R) -> R {
    thread_local! {
        static LEXICONS: RefCell<Lexicons> = RefCell::default();
    }
    LEXICONS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut lexicons) => f(lexicons.for_language(lang)),
        Err(_) => f(&mut Lexicon::default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, Mode, TokenRef, TokenSink};

    #[test]
    fn entries_hold_what_the_stages_derive() {
        let mut lexicon = Lexicon::default();
        let ro = Some(Language::Romanian);
        let id = lexicon.entry("Întâlnirea", ro);
        let e = *lexicon.get(id);
        assert_eq!(lexicon.text(e.norm), "întâlnirea");
        assert_eq!(lexicon.text(e.term), "întâln");
        assert_eq!(lexicon.text(e.folded), "intaln");
        assert!(e.syllable_info.capitalized && !e.stopword && !e.abbreviation);
        // Seen again: the same entry, not a new one.
        assert_eq!(lexicon.entry("Întâlnirea", ro), id);
        let the = lexicon.entry("The", Some(Language::English));
        assert!(lexicon.get(the).stopword);
        let us = lexicon.entry("U.S.", Some(Language::English));
        let us = *lexicon.get(us);
        assert!(us.abbreviation);
        assert_eq!(lexicon.text(us.norm), "us");
    }

    #[test]
    fn vietnamese_entries_are_tone_canonical_syllables() {
        let mut lexicon = Lexicon::default();
        let vi = Some(Language::Vietnamese);
        let (old_style, new_style) = (lexicon.entry("hòa", vi), lexicon.entry("hoà", vi));
        assert!(!lexicon.get(old_style).syllable_info_ready);
        lexicon.resolve_syllable(old_style);
        lexicon.resolve_syllable(new_style);
        let (old_style, new_style) = (*lexicon.get(old_style), *lexicon.get(new_style));
        assert_eq!(lexicon.text(old_style.norm), lexicon.text(new_style.norm));
        assert_eq!(old_style.syllable_info.id, new_style.syllable_info.id);
        assert!(old_style.syllable_info.vietnamese);
        assert!(old_style.syllable);
        let number = lexicon.entry("2025", vi);
        assert!(!lexicon.get(number).syllable);
        let foreign = lexicon.entry("Vladimir", vi);
        lexicon.resolve_syllable(foreign);
        assert!(!lexicon.get(foreign).syllable_info.vietnamese);
    }

    #[test]
    fn the_cache_is_emptied_past_its_bound_and_long_words_are_not_kept() {
        let mut lexicons = Lexicons::default();
        let ro = Some(Language::Romanian);
        for i in 0..=MAX_WORDS / 2 {
            lexicons.for_language(None).entry(&format!("w{i}"), None);
            lexicons.for_language(ro).entry(&format!("w{i}"), ro);
        }
        // The bound is on all languages together.
        let lexicon = lexicons.for_language(None);
        assert!(lexicon.entries.is_empty() && lexicon.by_surface.is_empty());
        let mut lexicon = Lexicon::default();
        let long = "x".repeat(MAX_KEY_BYTES + 1);
        let first = lexicon.entry(&long, None);
        assert_ne!(lexicon.entry(&long, None), first);
        assert!(lexicon.by_surface.is_empty());
    }

    /// A sink that analyzes each term again while the outer analysis holds the lexicon.
    struct Reentrant<'a>(&'a Analyzer, Vec<String>);

    impl TokenSink for Reentrant<'_> {
        fn token(&mut self, token: TokenRef<'_>) {
            let inner = self.0.analyze(token.term, Some(Language::English));
            self.1.extend(inner.tokens.into_iter().map(|t| t.term));
        }
    }

    #[test]
    fn a_sink_may_analyze_text_itself() {
        let analyzer = Analyzer::new();
        let mut sink = Reentrant(&analyzer, Vec::new());
        let text = "Kremlin spokesman Dmitry Peskov said the meetings went well";
        analyzer.analyze_with(text, Some(Language::English), Mode::Document, &mut sink);
        assert!(sink.1.iter().any(|t| t == "meet"), "{:?}", sink.1);
    }
}
