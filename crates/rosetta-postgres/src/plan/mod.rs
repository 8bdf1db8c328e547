//! A parsed query translated to `tsquery`: the tantivy backend's plan, in PostgreSQL's terms.
//!
//! Each query word is analyzed as each of the four languages and language-neutrally, as the
//! tantivy backend does; its alternatives (stems in each language, folded forms, entity keys) are
//! OR-ed, words are AND-ed, a phrase is its terms `<->`-adjacent in some language (or a gazetteer
//! name covering it; with a slop `~N`, each gap may be up to `N` positions longer), a prefix
//! `Kreml*` is `:*` on the text and folded lexemes, and the syntax tree's `AND`, `OR` and `NOT`
//! become `&`, `|` and `!`. A word that is a stopword in the query's language is left out unless
//! its words have nothing else. `title:` is refused: the table keeps no title-only lexemes.

use rosetta_analysis::entity::{GAZETTEER_PREFIX, PRECISE_PREFIX};
use rosetta_analysis::{Analysis, Analyzer, Language, TermKind};
use rosetta_index::highlight::SnippetTerms;
use rosetta_index::query::{Node, ParsedQuery};

use crate::tsvector::{lexeme, quote_lexeme, FOLDED_PREFIX};
use crate::{Error, Result};

mod phrase;
#[cfg(test)]
mod tests;
mod words;

use phrase::phrase;
use words::word_groups;

// The weights of the tantivy backend: one query ranks alike in either.
pub(crate) use rosetta_index::query::weights::{
    CONTINUATION_BOOST, ENTITY_GAZETTEER_BOOST, ENTITY_PRECISE_BOOST, ENTITY_RECALL_BOOST,
    FOLDED_BOOST,
};
/// A phrase with a slop is written out as every combination of gaps: at most this many per
/// language, beyond which the query is refused rather than sent as a huge `tsquery`.
const MAX_SLOP_ALTERNATIVES: usize = 64;

/// One way a query word can match: a lexeme and its weight.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    /// The lexeme as stored (see [`crate::tsvector`]).
    pub lexeme: String,
    /// Its weight relative to an exact stem in the query's language.
    pub boost: f32,
    /// Whether it is an entity key (only the best entity key of a word counts).
    pub entity: bool,
}

/// The alternatives of one query word.
#[derive(Clone, Debug, Default)]
pub struct WordGroup {
    /// Its alternatives.
    pub alternatives: Vec<Alternative>,
    /// A stopword in the query's language: it may be missing.
    pub optional: bool,
    /// Weight of the whole word (less for a later syllable of a Vietnamese word of several).
    pub boost: f32,
}

impl WordGroup {
    /// `('a' | 'b' | …)`.
    fn tsquery(&self) -> String {
        let mut out = String::from("(");
        for (i, a) in self.alternatives.iter().enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            quote_lexeme(&mut out, &a.lexeme);
        }
        out.push(')');
        out
    }
}

/// A query ready for SQL.
#[derive(Debug, Default)]
pub struct QueryPlan {
    /// The whole query (`None`: nothing to match on, only filters).
    pub strict: Option<String>,
    /// Any of the top-level parts, without the excluded ones (for the hits that follow the
    /// strict ones), when the query has more than one.
    pub relaxed: Option<String>,
    /// What ranking scores: the words outside `NOT`, then the words of the phrases (the tantivy
    /// backend scores a phrase by its words' statistics too).
    pub scored: Vec<WordGroup>,
    /// The language the query is written in, when detected and not filtered on.
    pub preferred: Option<Language>,
    /// The terms snippets mark.
    pub snippet_terms: SnippetTerms,
}

/// Translates nodes, collecting what ranking and snippets need from the positive ones.
struct Planner<'a> {
    analyzer: &'a Analyzer,
    scored: Vec<WordGroup>,
    snippet_terms: SnippetTerms,
}

impl Planner<'_> {
    /// `node` as a `tsquery` (`None`: it has no terms, e.g. only stopwords of no language).
    fn node(&mut self, node: &Node, negated: bool) -> Result<Option<String>> {
        Ok(match node {
            Node::Words(text) => self.words(text, negated),
            Node::Phrase { text, slop } => self.phrase(text, *slop, negated)?,
            Node::Prefix(prefix) => prefix_query(prefix),
            Node::Title(_) => {
                return Err(Error::Unsupported(
                    "title: (the PostgreSQL table keeps no title-only terms)",
                ))
            }
            Node::Not(inner) => self.node(inner, !negated)?.map(|q| format!("!({q})")),
            Node::And(children) => self.join(children, " & ", negated)?,
            Node::Or(children) => self.join(children, " | ", negated)?,
        })
    }

    fn join(&mut self, children: &[Node], operator: &str, negated: bool) -> Result<Option<String>> {
        let mut parts = Vec::new();
        for child in children {
            if let Some(q) = self.node(child, negated)? {
                parts.push(format!("({q})"));
            }
        }
        Ok((!parts.is_empty()).then(|| parts.join(operator)))
    }

    fn words(&mut self, text: &str, negated: bool) -> Option<String> {
        let terms = (!negated).then_some(&mut self.snippet_terms);
        let groups = word_groups(
            text,
            rosetta_analysis::detect_language(text),
            &analyses(self.analyzer, text),
            terms,
        );
        let q = conjunction(&groups, &[]);
        if !negated {
            self.scored.extend(groups);
        }
        q
    }

    fn phrase(&mut self, text: &str, slop: u32, negated: bool) -> Result<Option<String>> {
        let mut scratch = SnippetTerms::new();
        let terms = if negated {
            &mut scratch
        } else {
            &mut self.snippet_terms
        };
        let mut words = Vec::new();
        let q = phrase(self.analyzer, text, slop, terms, &mut words)?;
        if !negated {
            self.scored.extend(words);
        }
        Ok(q)
    }
}

/// `prefix*`: the lower-cased prefix as a prefix of a stem or word in any language, and folded
/// as a prefix of a folded form. PostgreSQL expands it inside the index (the tantivy backend keeps
/// the most frequent terms; here every term starting so matches, and none is scored by BM25).
fn prefix_query(prefix: &str) -> Option<String> {
    let lower = prefix.to_lowercase();
    if lower.is_empty() {
        return None;
    }
    let mut folded = String::new();
    if !rosetta_analysis::normalize::fold_diacritics(&lower, &mut folded) {
        folded.clone_from(&lower);
    }
    let mut out = String::new();
    for lang in Language::ALL.map(Some).into_iter().chain([None]) {
        quote_lexeme(&mut out, &lexeme(TermKind::Word, lang, &lower));
        out.push_str(":* | ");
    }
    quote_lexeme(&mut out, &format!("{FOLDED_PREFIX}{folded}"));
    out.push_str(":*");
    Some(out)
}

fn analyses(analyzer: &Analyzer, text: &str) -> Vec<(Option<Language>, Analysis)> {
    Language::ALL
        .map(Some)
        .into_iter()
        .chain([None])
        .map(|l| (l, analyzer.analyze_query(text, l)))
        .collect()
}

/// Plans `parsed`. An error for what the PostgreSQL table cannot answer (`title:`, a phrase
/// whose slop needs too many combinations).
pub fn plan(analyzer: &Analyzer, parsed: &ParsedQuery) -> Result<QueryPlan> {
    let mut planner = Planner {
        analyzer,
        scored: Vec::new(),
        snippet_terms: SnippetTerms::new(),
    };
    let Some(root) = &parsed.root else {
        return Ok(QueryPlan::default());
    };
    planner
        .snippet_terms
        .note_query(&rosetta_index::query::positive_words(root));
    let children: &[Node] = match root {
        Node::And(children) => children,
        other => std::slice::from_ref(other),
    };
    // The top-level words are analyzed together, as the tantivy backend does (a name of several
    // words, a Vietnamese word of several syllables); the rest node by node.
    let words = rosetta_index::query::joined_words(children);
    let query_lang = rosetta_analysis::detect_language(&words);
    let groups = if words.trim().is_empty() {
        Vec::new()
    } else {
        word_groups(
            &words,
            query_lang,
            &analyses(analyzer, &words),
            Some(&mut planner.snippet_terms),
        )
    };
    let mut positives: Vec<String> = groups
        .iter()
        .filter(|g| !g.optional)
        .map(WordGroup::tsquery)
        .collect();
    let mut negatives: Vec<String> = Vec::new();
    for child in children.iter().filter(|c| !matches!(c, Node::Words(_))) {
        if let Some(q) = planner.node(child, false)? {
            if matches!(child, Node::Not(_)) {
                negatives.push(q);
            } else {
                positives.push(format!("({q})"));
            }
        }
    }
    let mut parts = positives.clone();
    if positives.is_empty() && !groups.is_empty() {
        // Only stopwords: any of them.
        parts.push(any_of(&groups));
    }
    parts.extend(negatives.iter().cloned());
    let relaxed = (positives.len() > 1).then(|| {
        std::iter::once(format!("({})", positives.join(" | ")))
            .chain(negatives.iter().cloned())
            .collect::<Vec<_>>()
            .join(" & ")
    });
    let has_words = !groups.is_empty();
    let mut scored = groups;
    scored.append(&mut planner.scored);
    Ok(QueryPlan {
        strict: (!parts.is_empty()).then(|| parts.join(" & ")),
        relaxed,
        preferred: query_lang.filter(|_| parsed.filters.langs.is_empty() && has_words),
        scored,
        snippet_terms: planner.snippet_terms,
    })
}

/// The groups OR-ed, in parentheses.
fn any_of(groups: &[WordGroup]) -> String {
    let alternatives: Vec<String> = groups.iter().map(WordGroup::tsquery).collect();
    format!("({})", alternatives.join(" | "))
}

/// Every required group and phrase AND-ed; when every group is optional, any of them.
fn conjunction(groups: &[WordGroup], phrases: &[String]) -> Option<String> {
    let mut parts: Vec<String> = groups
        .iter()
        .filter(|g| !g.optional)
        .map(WordGroup::tsquery)
        .chain(phrases.iter().map(|p| format!("({p})")))
        .collect();
    if parts.is_empty() && !groups.is_empty() {
        parts.push(any_of(groups));
    }
    (!parts.is_empty()).then(|| parts.join(" & "))
}
