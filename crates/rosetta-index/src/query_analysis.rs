//! A query's analysis in one language, kept compactly: a search analyzes its text once per
//! language (five times), and an [`rosetta_analysis::Analysis`] allocates a `String` per term.

use std::ops::Range;

use rosetta_analysis::{Analyzer, Language, Mode, TermKind, TokenRef, TokenSink, WordSpan};

/// The words and terms of a query in one language; the terms share one buffer.
#[derive(Default)]
pub(crate) struct QueryAnalysis {
    /// The segmentation.
    pub(crate) words: Vec<WordSpan>,
    tokens: Vec<QueryToken>,
    terms: String,
}

struct QueryToken {
    term: Range<usize>,
    kind: TermKind,
    position: u32,
    start: usize,
    end: usize,
}

impl QueryAnalysis {
    /// Analyzes `text` as a query in `lang` (`None`: language-neutral).
    pub(crate) fn new(analyzer: &Analyzer, text: &str, lang: Option<Language>) -> Self {
        // Room for a short query's terms from the start (growing was a sixth of its analysis).
        let mut analysis = QueryAnalysis {
            words: Vec::with_capacity(8),
            tokens: Vec::with_capacity(16),
            terms: String::with_capacity(4 * text.len() + 64),
        };
        analyzer.analyze_with(text, lang, Mode::Query, &mut analysis);
        analysis
    }

    /// The terms, in non-decreasing position order.
    pub(crate) fn tokens(&self) -> impl Iterator<Item = TokenRef<'_>> {
        self.tokens.iter().map(|t| TokenRef {
            term: &self.terms[t.term.clone()],
            kind: t.kind,
            position: t.position,
            start: t.start,
            end: t.end,
        })
    }
}

impl crate::query::words::QueryTokens for QueryAnalysis {
    fn word_spans(&self) -> &[WordSpan] {
        &self.words
    }

    fn token_refs(&self) -> impl Iterator<Item = TokenRef<'_>> {
        self.tokens()
    }
}

impl TokenSink for QueryAnalysis {
    fn word(&mut self, span: WordSpan) {
        self.words.push(span);
    }

    fn token(&mut self, t: TokenRef<'_>) {
        let from = self.terms.len();
        self.terms.push_str(t.term);
        self.tokens.push(QueryToken {
            term: from..self.terms.len(),
            kind: t.kind,
            position: t.position,
            start: t.start,
            end: t.end,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_the_analyzer_gives() {
        let analyzer = Analyzer::new();
        for (text, lang) in [
            ("Peskov a declarat la Kremlin", Some(Language::Romanian)),
            ("Песков", None),
            ("hội nghị thượng đỉnh", Some(Language::Vietnamese)),
        ] {
            let full = analyzer.analyze_query(text, lang);
            let compact = QueryAnalysis::new(&analyzer, text, lang);
            assert_eq!(compact.words, full.words);
            let tokens: Vec<_> = compact
                .tokens()
                .map(|t| (t.term.to_string(), t.kind, t.position, t.start, t.end))
                .collect();
            let expected: Vec<_> = full
                .tokens
                .iter()
                .map(|t| (t.term.clone(), t.kind, t.position, t.start, t.end))
                .collect();
            assert!(!tokens.is_empty());
            assert_eq!(tokens, expected, "{text}");
        }
    }
}
