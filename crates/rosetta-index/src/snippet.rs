//! Snippets: the passage of a document with the most query matches, matches marked `<b>…</b>`.
//!
//! The stored original text is re-analyzed (the first [`SNIPPET_SCAN_BYTES`] of it), so matches
//! are found on exactly the terms the index matched and marked at their offsets in the original
//! text: stems and folded forms, and entity keys when no word matched (a query in another script).

use rustc_hash::FxHashSet;

use rosetta_analysis::{Analyzer, Language, Mode, TermKind, TokenRef, TokenSink};

use crate::document::truncate;

/// Length of a snippet, in bytes (about two lines of text).
pub const SNIPPET_BYTES: usize = 240;
/// How much of a long document is scanned for the best passage.
pub const SNIPPET_SCAN_BYTES: usize = 16 * 1024;

/// The terms a query searched for, by the field family they were searched in.
#[derive(Clone, Debug, Default)]
pub(crate) struct QueryTerms {
    // Looked up for every term of every hit's text: a fast hash.
    pub(crate) text: FxHashSet<String>,
    pub(crate) folded: FxHashSet<String>,
    pub(crate) entity: FxHashSet<String>,
    /// Whether the query has words in Latin script, and in Arabic script: only then can its words
    /// (not just its entity keys) match a document in a language written in that script.
    pub(crate) latin_words: bool,
    pub(crate) arabic_words: bool,
    /// Whether terms are left out (see [`QueryTerms::unrecorded`]).
    unrecorded: bool,
}

/// Which of a [`QueryTerms`]' sets a term goes to.
#[derive(Clone, Copy, Debug)]
pub(crate) enum TermFamily {
    Text,
    Folded,
    Entity,
}

impl QueryTerms {
    /// Terms of a search that makes no snippets: nothing is kept.
    pub(crate) fn unrecorded() -> Self {
        QueryTerms {
            unrecorded: true,
            ..QueryTerms::default()
        }
    }

    /// Adds `term` to `family`'s set, copying it only when new: the analyses of a query in each
    /// language mostly repeat each other's terms.
    pub(crate) fn add(&mut self, family: TermFamily, term: &str) {
        let set = match family {
            TermFamily::Text => &mut self.text,
            TermFamily::Folded => &mut self.folded,
            TermFamily::Entity => &mut self.entity,
        };
        if !self.unrecorded && !set.contains(term) {
            set.insert(term.to_string());
        }
    }

    /// Notes the scripts of the words of `query`.
    pub(crate) fn note_scripts(&mut self, query: &str) {
        for c in query.chars().filter(|c| c.is_alphabetic()) {
            match c {
                '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' => {
                    self.arabic_words = true
                }
                'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
                    self.latin_words = true
                }
                _ => {}
            }
        }
    }

    /// Whether the query's words (not only its entity keys) may match text in `lang`.
    fn words_may_match(&self, lang: Option<Language>) -> bool {
        match lang {
            Some(Language::Arabic) => self.arabic_words,
            Some(_) => self.latin_words,
            None => true,
        }
    }
}

struct Matches<'a> {
    terms: &'a QueryTerms,
    spans: Vec<(usize, usize)>,
}

impl TokenSink for Matches<'_> {
    fn token(&mut self, t: TokenRef<'_>) {
        let set = match t.kind {
            TermKind::Stem | TermKind::Word | TermKind::Compound => &self.terms.text,
            TermKind::Folded => &self.terms.folded,
            TermKind::Entity => &self.terms.entity,
        };
        if set.contains(t.term) && self.spans.last() != Some(&(t.start, t.end)) {
            self.spans.push((t.start, t.end));
        }
    }
}

/// The best passage of `text` for `terms`, matches marked; the start of the text if none matches.
pub(crate) fn make_snippet(
    analyzer: &Analyzer,
    text: &str,
    lang: Option<Language>,
    terms: &QueryTerms,
) -> String {
    let scanned = truncate(text, SNIPPET_SCAN_BYTES);
    let mut matches = Matches {
        terms,
        spans: Vec::new(),
    };
    // Words first, without entity keys (most of the analysis cost): a document that matched
    // through its words mostly shows them. Entity keys when no word matches, or none can (the
    // query is in another script, as `Песков` for `Peskov`).
    let words_may_match = terms.words_may_match(lang);
    if words_may_match {
        analyzer.analyze_with(scanned, lang, Mode::Highlight, &mut matches);
    }
    if matches.spans.is_empty() && !terms.entity.is_empty() {
        analyzer.analyze_with(scanned, lang, Mode::Document, &mut matches);
    }
    let mut spans = matches.spans;
    spans.sort_unstable();
    // Merge overlapping spans (a word and the entity key covering it).
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    // The window start (at a match) covering the most matches.
    let mut best = (0usize, 0usize);
    for (i, &(s, _)) in merged.iter().enumerate() {
        let count = merged[i..]
            .iter()
            .take_while(|m| m.1 <= s + SNIPPET_BYTES)
            .count();
        if count > best.1 {
            best = (i, count);
        }
    }
    let window_start = match merged.get(best.0) {
        Some(&(s, _)) if s > SNIPPET_BYTES / 4 => word_start(scanned, s - SNIPPET_BYTES / 4),
        _ => 0,
    };
    let window_end = word_end(scanned, window_start + SNIPPET_BYTES);
    let mut out = String::with_capacity(SNIPPET_BYTES + 64);
    if window_start > 0 {
        out.push('…');
    }
    let mut cursor = window_start;
    for &(s, e) in merged
        .iter()
        .filter(|m| m.0 >= window_start && m.1 <= window_end)
    {
        out.push_str(&scanned[cursor..s]);
        out.push_str("<b>");
        out.push_str(&scanned[s..e]);
        out.push_str("</b>");
        cursor = e;
    }
    out.push_str(&scanned[cursor..window_end]);
    if window_end < text.len() {
        out.push('…');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The start of the word containing byte `at` (a char boundary at or before it).
fn word_start(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1)
}

/// The end of the word containing byte `at` (a char boundary at or after it).
fn word_end(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut at = at;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i)
}
