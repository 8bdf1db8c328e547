//! Snippets: the passage of a document with the most query matches, and where the matches are.
//!
//! The stored original text is re-analyzed (the first [`SNIPPET_SCAN_BYTES`] of it), so matches
//! are found on exactly the terms the index matched and marked at their offsets in the original
//! text: stems and folded forms, and entity keys when no word matched (a query in another script).

use rustc_hash::FxHashSet;
use serde::Serialize;

use rosetta_analysis::{Analyzer, Language, Mode, Script, TokenRef, TokenSink};

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
    /// Whether the query has words in Latin, Arabic and Cyrillic script: only then can its words
    /// (not just its entity keys) match a document in a language written in that script.
    pub(crate) latin_words: bool,
    pub(crate) arabic_words: bool,
    pub(crate) cyrillic_words: bool,
    /// Whether terms are left out (see [`QueryTerms::unrecorded`]).
    unrecorded: bool,
}

/// Which of a [`QueryTerms`]' sets a term goes to (the analyzer's term families).
pub(crate) use rosetta_analysis::Family as TermFamily;

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
        if self.unrecorded || self.set(family).contains(term) {
            return;
        }
        let set = match family {
            TermFamily::Text => &mut self.text,
            TermFamily::Folded => &mut self.folded,
            TermFamily::Entity => &mut self.entity,
        };
        set.insert(term.to_string());
    }

    /// The terms of `family`.
    fn set(&self, family: TermFamily) -> &FxHashSet<String> {
        match family {
            TermFamily::Text => &self.text,
            TermFamily::Folded => &self.folded,
            TermFamily::Entity => &self.entity,
        }
    }

    /// Notes the scripts of the words of `query`.
    pub(crate) fn note_scripts(&mut self, query: &str) {
        for c in query.chars().filter(|c| c.is_alphabetic()) {
            match Script::of(c) {
                Script::Arabic => self.arabic_words = true,
                Script::Latin => self.latin_words = true,
                Script::Cyrillic => self.cyrillic_words = true,
                Script::Other => {}
            }
        }
    }

    /// Whether the query's words (not only its entity keys) may match text in `lang`.
    fn words_may_match(&self, lang: Option<Language>) -> bool {
        match lang {
            Some(Language::Arabic) => self.arabic_words,
            Some(Language::Russian) => self.cyrillic_words,
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
        let set = self.terms.set(t.kind.family());
        if set.contains(t.term) && self.spans.last() != Some(&(t.start, t.end)) {
            self.spans.push((t.start, t.end));
        }
    }
}

/// A passage of a document: plain text (whitespace runs collapsed to one space, `…` where it was
/// cut) and the byte ranges of the query's matches in it.
///
/// The text is not escaped: [`Snippet::to_html`] escapes it for a web page and marks the matches
/// with tags of your choice; callers who render matches themselves use [`Snippet::highlights`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage, as plain text.
    pub text: String,
    /// Byte ranges `[start, end)` of the matches in [`Snippet::text`], in order, on char
    /// boundaries, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The passage as HTML: the text escaped (`&`, `<`, `>`, `"`, `'`), each match between `open`
    /// and `close` (inserted as given, e.g. `<b>` and `</b>`, or `<mark>` and `</mark>`).
    ///
    /// ```
    /// use rosetta_index::Snippet;
    /// let snippet = Snippet { text: "Peskov said <script> & a<b".into(), highlights: vec![(0, 6)] };
    /// assert_eq!(
    ///     snippet.to_html("<b>", "</b>"),
    ///     "<b>Peskov</b> said &lt;script&gt; &amp; a&lt;b"
    /// );
    /// ```
    pub fn to_html(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 16 * self.highlights.len());
        let mut cursor = 0;
        for &(start, end) in &self.highlights {
            escape_html_into(&self.text[cursor..start], &mut out);
            out.push_str(open);
            escape_html_into(&self.text[start..end], &mut out);
            out.push_str(close);
            cursor = end;
        }
        escape_html_into(&self.text[cursor..], &mut out);
        out
    }

    /// Appends `part`, collapsing whitespace runs (including those spanning parts) to one space.
    fn push(&mut self, part: &str, highlighted: bool) {
        let mut highlight_start = None;
        for c in part.chars() {
            if c.is_whitespace() {
                if !self.text.is_empty() && !self.text.ends_with(' ') {
                    self.text.push(' ');
                }
                continue;
            }
            if highlighted && highlight_start.is_none() {
                highlight_start = Some(self.text.len());
            }
            self.text.push(c);
        }
        if let Some(start) = highlight_start {
            let end = self.text.trim_end_matches(' ').len();
            self.highlights.push((start, end));
        }
    }
}

/// Appends `text` to `out` with the characters that are markup in HTML escaped.
pub(crate) fn escape_html_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The best passage of `text` for `terms`; the start of the text if nothing matches.
pub(crate) fn make_snippet(
    analyzer: &Analyzer,
    text: &str,
    lang: Option<Language>,
    terms: &QueryTerms,
) -> Snippet {
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
    let mut snippet = Snippet {
        text: String::with_capacity(SNIPPET_BYTES + 8),
        highlights: Vec::new(),
    };
    if window_start > 0 {
        snippet.push("…", false);
    }
    let mut cursor = window_start;
    for &(s, e) in merged
        .iter()
        .filter(|m| m.0 >= window_start && m.1 <= window_end)
    {
        snippet.push(&scanned[cursor..s], false);
        snippet.push(&scanned[s..e], true);
        cursor = e;
    }
    snippet.push(&scanned[cursor..window_end], false);
    if window_end < text.len() {
        snippet.push("…", false);
    }
    let trimmed = snippet.text.trim_end_matches(' ').len();
    snippet.text.truncate(trimmed);
    snippet
}

/// The start of the word containing byte `at`: just after the whitespace before it (which may be
/// any Unicode space, several bytes long), or the start of the text.
fn word_start(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_start_steps_over_multibyte_spaces() {
        for space in ['\u{00A0}', '\u{202F}', '\u{2009}', '\u{3000}', ' '] {
            let text = format!("Population 17{space}yyyy Zanzibar");
            let at = text.find("yyyy").unwrap() + 2;
            assert_eq!(
                word_start(&text, at),
                text.find("yyyy").unwrap(),
                "{space:?}"
            );
        }
    }

    #[test]
    fn snippet_text_collapses_whitespace_and_keeps_highlights_on_their_words() {
        let mut snippet = Snippet::default();
        snippet.push("  a \u{00A0}\n b ", false);
        snippet.push("Peskov", true);
        snippet.push("\u{3000} said", false);
        assert_eq!(snippet.text, "a b Peskov said");
        assert_eq!(snippet.highlights, [(4, 10)]);
        assert_eq!(
            snippet.to_html("<mark>", "</mark>"),
            "a b <mark>Peskov</mark> said"
        );
    }
}
