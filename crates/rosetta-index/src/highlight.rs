//! Snippets for hits found by another backend that stores the same text (such as
//! `rosetta-postgres`): record the query terms it searched, then mark them in a hit's text exactly
//! as [`crate::NewsIndex::search`] does.
//!
//! ```
//! use rosetta_analysis::{Analyzer, Language};
//! use rosetta_index::highlight::SnippetTerms;
//!
//! let analyzer = Analyzer::new();
//! let mut terms = SnippetTerms::new();
//! terms.note_query("Kremlin");
//! for lang in Language::ALL.map(Some).into_iter().chain([None]) {
//!     for t in analyzer.analyze_query("Kremlin", lang).tokens {
//!         terms.add(lang, t.kind, &t.term);
//!     }
//! }
//! let snippet = terms.snippet(&analyzer, "Purtătorul de cuvânt al Kremlinului", Some(Language::Romanian));
//! assert_eq!(snippet.to_html("<b>", "</b>"), "Purtătorul de cuvânt al <b>Kremlinului</b>");
//! ```

use rosetta_analysis::{Analyzer, Language, TermKind};

use crate::snippet::{make_snippet, QueryTerms, Snippet, TermFamily};

/// The terms a query searched for, as the snippet maker needs them.
#[derive(Clone, Debug, Default)]
pub struct SnippetTerms(QueryTerms);

impl SnippetTerms {
    /// No terms yet.
    pub fn new() -> Self {
        SnippetTerms::default()
    }

    /// Notes the scripts of a query's words (or phrase): words can only be marked in a text of a
    /// script the query is written in; other texts get their entity keys marked.
    pub fn note_query(&mut self, text: &str) {
        self.0.note_scripts(text);
    }

    /// Records a query term of `kind` from the query's analysis as `lang` (`None`:
    /// language-neutral), with the families the search matches it in.
    pub fn add(&mut self, lang: Option<Language>, kind: TermKind, term: &str) {
        match (kind.family(), lang) {
            (TermFamily::Entity, _) => self.0.add(TermFamily::Entity, term),
            (TermFamily::Folded, Some(_)) => self.0.add(TermFamily::Folded, term),
            (TermFamily::Folded, None) => {}
            (TermFamily::Text, Some(_)) => {
                self.0.add(TermFamily::Text, term);
                self.0.add(TermFamily::Folded, term);
            }
            (TermFamily::Text, None) => self.0.add(TermFamily::Text, term),
        }
    }

    /// The passage of `text` (in `lang`) with the most recorded terms, and where they are; the
    /// start of the text when none matches.
    pub fn snippet(&self, analyzer: &Analyzer, text: &str, lang: Option<Language>) -> Snippet {
        make_snippet(analyzer, text, lang, &self.0)
    }
}
