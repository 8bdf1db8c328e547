//! The query language, parsed into a syntax tree ([`Node`]) plus the filters that apply to the
//! whole query ([`Filters`]).
//!
//! | you type | it means |
//! |---|---|
//! | `Peskov summit` | every word must match (implicit AND), in any language and script |
//! | `Peskov AND summit`, `Peskov && summit` | the same, written out |
//! | `Peskov OR Zakharova`, `Peskov \|\| Zakharova` | either (AND binds tighter: `a b OR c` is `(a b) OR c`) |
//! | `NOT sport`, `-sport`, `!sport` | without it; alone, every document without it |
//! | `(Peskov OR Zakharova) AND (summit OR talks)` | grouping |
//! | `"hội nghị thượng đỉnh"` | a phrase: consecutive words |
//! | `"Putin Trump"~3` | the words at most 3 positions out of place |
//! | `Kreml*` | any word starting with `Kreml` (the most frequent 256 of them) |
//! | `title:Peskov`, `title:"peace talks"`, `title:(a OR b)` | in the title |
//! | `lang:ro`, `lang:ro lang:en` | only documents in these languages (`ro`, `en`, `ar`, `vi`, `ru`, `und`) |
//! | `source:reuters source:ap` | only documents from these sources (case-insensitive) |
//! | `-lang:vi`, `-source:tass` | not in this language, not from this source |
//! | `after:2025-01-01`, `before:2025-12-31`, `date:2025-01-01..2025-03-31` | publication date range |
//!
//! Operators are upper-case (`and`, `or` and `not` are words). Filters apply to the whole query
//! wherever they stand, but not inside parentheses; repeated filters of one kind combine as OR.
//! An unbalanced quote runs to the end of the query, an unbalanced parenthesis closes there.
//! Errors (an unknown `field:`, a bad filter value, nesting deeper than [`MAX_DEPTH`]) name
//! their position in the query, counted in characters from 1.
//!
//! ```
//! use rosetta_index::query::{parse_query, Node};
//! let parsed = parse_query("(Peskov OR Zakharova) AND summit -sport lang:ro lang:en").unwrap();
//! assert_eq!(parsed.filters.langs.len(), 2);
//! assert_eq!(parsed.root.unwrap().to_string(), "(Peskov OR Zakharova) AND summit AND NOT sport");
//! assert!(parse_query("foo:bar").is_err());
//! ```

mod filters;
mod syntax;
pub mod weights;
pub mod words;

pub use filters::Filters;
pub use syntax::{Node, MAX_DEPTH, MAX_PREFIX_TERMS};

use crate::Result;

/// Queries longer than this (in bytes) are cut, and the results say so
/// ([`crate::SearchResults::truncated`]): nobody types more, and analysis of each query word is
/// repeated per language.
pub const MAX_QUERY_BYTES: usize = 4096;

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// What the text must match; `None` when the query is only filters (or empty).
    pub root: Option<Node>,
    /// Filters on the whole query.
    pub filters: Filters,
    /// Whether the query uses operators (`AND`, `OR`, `NOT`, parentheses, `title:`, a prefix or a
    /// phrase slop): documents matching only some of its words are then never added.
    pub uses_operators: bool,
    /// Whether the query was longer than [`MAX_QUERY_BYTES`] and only its start was parsed.
    pub truncated: bool,
}

impl ParsedQuery {
    /// Whether the query has nothing to match on (no words, phrases or filters).
    pub fn is_empty(&self) -> bool {
        self.root.is_none() && self.filters == Filters::default()
    }
}

/// The free words among `nodes` (a top-level AND's children), joined with spaces: both backends
/// analyse the top level's words together (a name of several words, a Vietnamese word of several
/// syllables), and detect the query's language from them.
pub fn joined_words<'a>(nodes: impl IntoIterator<Item = &'a Node>) -> String {
    let words: Vec<&str> = nodes
        .into_iter()
        .filter_map(|n| match n {
            Node::Words(w) => Some(w.as_str()),
            _ => None,
        })
        .collect();
    words.join(" ")
}

/// The words of `node` outside any `NOT`, each after a space: the scripts the query's words are
/// written in (what snippets can mark), and its language when it has no free words.
pub fn positive_words(node: &Node) -> String {
    fn walk(node: &Node, negated: bool, out: &mut String) {
        match node {
            Node::Words(text) | Node::Phrase { text, .. } | Node::Prefix(text) if !negated => {
                out.push(' ');
                out.push_str(text);
            }
            Node::Title(inner) => walk(inner, negated, out),
            Node::Not(inner) => walk(inner, !negated, out),
            Node::And(children) | Node::Or(children) => {
                for c in children {
                    walk(c, negated, out);
                }
            }
            _ => {}
        }
    }
    let mut out = String::new();
    walk(node, false, &mut out);
    out
}

/// Parses a query string; see the module docs for the syntax.
pub fn parse_query(query: &str) -> Result<ParsedQuery> {
    let cut = crate::document::truncate(query, MAX_QUERY_BYTES);
    let (root, filters, uses_operators) = syntax::parse(cut)?;
    Ok(ParsedQuery {
        root,
        filters,
        uses_operators,
        truncated: cut.len() < query.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use rosetta_analysis::Language;

    fn root(q: &str) -> String {
        parse_query(q)
            .unwrap()
            .root
            .map(|n| n.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn words_phrases_exclusions_and_filters() {
        let q =
            parse_query(r#"Peskov "hội nghị" -Zelensky lang:ro source:Reuters after:2025-01-01"#)
                .unwrap();
        assert_eq!(
            q.root.unwrap().to_string(),
            r#"Peskov AND "hội nghị" AND NOT Zelensky"#
        );
        assert_eq!(q.filters.langs, [Some(Language::Romanian)]);
        assert_eq!(q.filters.sources, ["reuters"]);
        assert_eq!(q.filters.published_from, Some(1_735_689_600));
        assert!(!q.uses_operators);
    }

    #[test]
    fn operators_and_precedence() {
        assert_eq!(root("a b OR c"), "a b OR c");
        assert_eq!(root("a AND (b OR c)"), "a AND (b OR c)");
        assert_eq!(root("NOT Peskov"), "NOT Peskov");
        assert_eq!(root("a && b || !c"), "a AND b OR NOT c");
        assert_eq!(root("Kreml* title:Peskov"), "Kreml* AND title:Peskov");
        assert_eq!(root(r#""Putin Trump"~3"#), r#""Putin Trump"~3"#);
        assert_eq!(root("and or not"), "and or not");
        assert!(parse_query("a OR b").unwrap().uses_operators);
    }

    #[test]
    fn repeated_filters_combine() {
        let q = parse_query("Peskov source:ap source:reuters lang:ro lang:en -lang:vi").unwrap();
        assert_eq!(q.filters.sources, ["ap", "reuters"]);
        assert_eq!(
            q.filters.langs,
            [Some(Language::Romanian), Some(Language::English)]
        );
        assert_eq!(q.filters.excluded_langs, [Some(Language::Vietnamese)]);
    }

    #[test]
    fn errors_name_the_field_and_position() {
        let message = |q: &str| match parse_query(q) {
            Err(Error::InvalidQuery(m)) => m,
            other => panic!("{q}: expected an error, got {other:?}"),
        };
        let m = message("Peskov foo:bar");
        assert!(m.contains("foo") && m.contains("position 8"), "{m}");
        assert!(message("after:yesterday").contains("position 1"));
        assert!(message("lang:xx").contains("xx"));
        assert!(message("(a lang:ro)").contains("outside parentheses"));
        let deep = format!(
            "{}a{}",
            "(".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        assert!(message(&deep).contains("deeper"));
    }

    #[test]
    fn lenient_where_nothing_is_ambiguous() {
        assert!(parse_query("").unwrap().is_empty());
        assert_eq!(root(r#""unbalanced phrase"#), r#""unbalanced phrase""#);
        assert_eq!(root("(a OR b"), "a OR b");
        assert_eq!(root("a) b"), "a AND b");
        assert_eq!(root("10:30 note: x"), "10:30 note: x");
        assert_eq!(
            parse_query("date:2025-01-01..")
                .unwrap()
                .filters
                .published_until,
            None
        );
        let long = "Peskov ".repeat(20_000);
        let parsed = parse_query(&long).unwrap();
        assert!(parsed.truncated);
        assert!(!parse_query("Peskov").unwrap().truncated);
    }
}
