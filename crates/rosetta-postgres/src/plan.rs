//! A parsed query translated to `tsquery`: the tantivy backend's plan, in PostgreSQL's terms.
//!
//! Each query word is analyzed as each of the four languages and language-neutrally, as the
//! tantivy backend does; its alternatives (stems in each language, folded forms, entity keys) are
//! OR-ed, words are AND-ed, a phrase is its terms `<->`-adjacent in some language (or a gazetteer
//! name covering it; with a slop `~N`, each gap may be up to `N` positions longer), a prefix
//! `Kreml*` is `:*` on the text and folded lexemes, and the syntax tree's `AND`, `OR` and `NOT`
//! become `&`, `|` and `!`. A word that is a stopword in the query's language is left out unless
//! its words have nothing else. `title:` is refused: the table keeps no title-only lexemes.

use rosetta_analysis::entity::{keeps_named_word_term, GAZETTEER_PREFIX, PRECISE_PREFIX};
use rosetta_analysis::{Analysis, Analyzer, Language, TermKind};
use rosetta_index::highlight::SnippetTerms;
use rosetta_index::query::{Node, ParsedQuery};

use crate::tsvector::{lexeme, quote_lexeme, FOLDED_PREFIX};
use crate::{Error, Result};

/// Weight of a match on a folded form relative to an exact one (as in the tantivy backend).
pub(crate) const FOLDED_BOOST: f32 = 0.3;
const ENTITY_GAZETTEER_BOOST: f32 = 1.0;
const ENTITY_PRECISE_BOOST: f32 = 0.9;
const ENTITY_RECALL_BOOST: f32 = 0.4;
const OTHER_LANGUAGE_BOOST: f32 = 0.5;
const ENTITY_IN_KNOWN_LANGUAGE_BOOST: f32 = 0.5;
const CONTINUATION_BOOST: f32 = 0.5;
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

/// The words of `node` outside any `NOT`, space-separated (the query's language is theirs).
fn positive_words(node: &Node, negated: bool, out: &mut String) {
    match node {
        Node::Words(text) | Node::Phrase { text, .. } | Node::Prefix(text) if !negated => {
            out.push_str(text);
            out.push(' ');
        }
        Node::Title(inner) => positive_words(inner, negated, out),
        Node::Not(inner) => positive_words(inner, !negated, out),
        Node::And(children) | Node::Or(children) => {
            for c in children {
                positive_words(c, negated, out);
            }
        }
        _ => {}
    }
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
    let mut positive = String::new();
    positive_words(root, false, &mut positive);
    planner.snippet_terms.note_query(&positive);
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
        parts.push(format!(
            "({})",
            groups
                .iter()
                .map(WordGroup::tsquery)
                .collect::<Vec<_>>()
                .join(" | ")
        ));
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

/// Every required group and phrase AND-ed; when every group is optional, any of them.
fn conjunction(groups: &[WordGroup], phrases: &[String]) -> Option<String> {
    let mut parts: Vec<String> = groups
        .iter()
        .filter(|g| !g.optional)
        .map(WordGroup::tsquery)
        .chain(phrases.iter().map(|p| format!("({p})")))
        .collect();
    if parts.is_empty() && !groups.is_empty() {
        parts.push(format!(
            "({})",
            groups
                .iter()
                .map(WordGroup::tsquery)
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" & "))
}

/// The word groups of a text from its analyses (the last one language-neutral).
fn word_groups(
    text: &str,
    query_lang: Option<Language>,
    analyses: &[(Option<Language>, Analysis)],
    mut snippet_terms: Option<&mut SnippetTerms>,
) -> Vec<WordGroup> {
    let words = &analyses[analyses.len() - 1].1.words;
    let word_text = |p: usize| text.get(words[p].start..words[p].end).unwrap_or_default();
    let mut groups: Vec<WordGroup> = words
        .iter()
        .map(|_| WordGroup {
            boost: 1.0,
            ..WordGroup::default()
        })
        .collect();
    // Words of a gazetteer name are searched as the entity and as typed (see
    // `keeps_named_word_term`), as the tantivy backend does.
    let named: Vec<bool> = words
        .iter()
        .map(|w| {
            analyses.iter().any(|(_, a)| {
                a.tokens.iter().any(|t| {
                    t.kind == TermKind::Entity
                        && t.term.starts_with(GAZETTEER_PREFIX)
                        && t.start <= w.start
                        && w.end <= t.end
                })
            })
        })
        .collect();
    for (lang, analysis) in analyses {
        let mut has_term = vec![false; words.len()];
        for t in &analysis.tokens {
            let Some(p) = words
                .iter()
                .position(|w| w.start <= t.start && t.start < w.end)
            else {
                continue;
            };
            if t.kind != TermKind::Entity {
                has_term[p] = true;
            }
            if named[p] && !keeps_named_word_term(word_text(p), t.kind, &t.term) {
                continue;
            }
            if t.kind == TermKind::Compound
                && *lang == Some(Language::Vietnamese)
                && query_lang == *lang
            {
                for (g, w) in groups.iter_mut().zip(words).skip(p + 1) {
                    if w.start >= t.end {
                        break;
                    }
                    g.boost = CONTINUATION_BOOST;
                }
            }
            if let Some(terms) = snippet_terms.as_deref_mut() {
                terms.add(*lang, t.kind, &t.term);
            }
            let text_weight = match (query_lang, lang) {
                (Some(q), Some(l)) if q != *l => OTHER_LANGUAGE_BOOST,
                _ => 1.0,
            };
            let entity_weight = if query_lang.is_some() {
                ENTITY_IN_KNOWN_LANGUAGE_BOOST
            } else {
                1.0
            };
            for (i, w) in words.iter().enumerate() {
                let covers = if t.kind == TermKind::Entity {
                    w.start >= t.start && w.end <= t.end
                } else {
                    i == p
                };
                if covers {
                    add_alternatives(
                        &mut groups[i],
                        *lang,
                        t.kind,
                        &t.term,
                        text_weight,
                        entity_weight,
                    );
                }
            }
        }
        if lang.is_some() && (query_lang.is_none() || *lang == query_lang) {
            for (g, has) in groups.iter_mut().zip(has_term) {
                g.optional |= !has;
            }
        }
    }
    for (g, _) in groups.iter_mut().zip(&named).filter(|(_, named)| **named) {
        // Each text term also searches the forms without diacritics: `putin` is `puțin`.
        g.alternatives
            .retain(|a| a.entity || !a.lexeme.starts_with(FOLDED_PREFIX));
    }
    groups.retain(|g| !g.alternatives.is_empty());
    if groups.iter().any(|g| !g.optional) {
        groups.retain(|g| !g.optional);
    }
    groups
}

fn add_alternatives(
    group: &mut WordGroup,
    lang: Option<Language>,
    kind: TermKind,
    term: &str,
    text_weight: f32,
    entity_weight: f32,
) {
    let mut push = |lexeme: String, boost: f32, entity: bool| {
        let known = group
            .alternatives
            .iter_mut()
            .find(|a| a.lexeme == lexeme && a.entity == entity);
        match known {
            // The same lexeme from two analyses counts at its best weight.
            Some(a) => a.boost = a.boost.max(boost),
            None => group.alternatives.push(Alternative {
                lexeme,
                boost,
                entity,
            }),
        }
    };
    let folded = || format!("{FOLDED_PREFIX}{term}");
    match (kind, lang) {
        (TermKind::Entity, _) => {
            let tier = if term.starts_with(GAZETTEER_PREFIX) {
                ENTITY_GAZETTEER_BOOST
            } else if term.starts_with(PRECISE_PREFIX) {
                ENTITY_PRECISE_BOOST
            } else {
                ENTITY_RECALL_BOOST
            };
            push(term.to_string(), tier * entity_weight, true);
        }
        (TermKind::Folded, Some(_)) => {
            // A query typed with diacritics still finds a text typed without them.
            push(
                lexeme(TermKind::Stem, lang, term),
                FOLDED_BOOST * text_weight,
                false,
            );
            push(folded(), FOLDED_BOOST * text_weight, false);
        }
        (TermKind::Folded, None) => {}
        (_, Some(_)) => {
            push(lexeme(kind, lang, term), text_weight, false);
            // A query typed without diacritics finds a text typed with them.
            push(folded(), FOLDED_BOOST * text_weight, false);
        }
        (_, None) => push(lexeme(kind, None, term), 1.0, false),
    }
}

/// A phrase: its terms adjacent in some language's analysis (each gap up to `slop` positions
/// longer), or a gazetteer name covering it, or (where it is a single word in some language)
/// that word.
fn phrase(
    analyzer: &Analyzer,
    text: &str,
    slop: u32,
    snippet_terms: &mut SnippetTerms,
    words: &mut Vec<WordGroup>,
) -> Result<Option<String>> {
    let analyses = analyses(analyzer, text);
    let groups = word_groups(
        text,
        rosetta_analysis::detect_language(text),
        &analyses,
        Some(snippet_terms),
    );
    let mut alternatives: Vec<String> = Vec::new();
    let mut single_word_somewhere = false;
    for (lang, analysis) in &analyses {
        if let (Some(first), Some(last)) = (analysis.words.first(), analysis.words.last()) {
            for t in analysis.tokens.iter().filter(|t| {
                t.kind == TermKind::Entity
                    && t.term.starts_with(GAZETTEER_PREFIX)
                    && t.start == first.start
                    && t.end == last.end
            }) {
                let mut q = String::new();
                quote_lexeme(&mut q, &t.term);
                alternatives.push(q);
            }
        }
        let mut terms: Vec<(u32, String)> = Vec::new();
        for t in &analysis.tokens {
            let wanted = matches!(t.kind, TermKind::Stem | TermKind::Word);
            if wanted && !terms.iter().any(|(p, _)| *p == t.position) {
                terms.push((t.position, lexeme(t.kind, *lang, &t.term)));
            }
        }
        single_word_somewhere |= terms.len() == 1;
        if terms.len() > 1 {
            alternatives.push(format!("({})", sloppy_chain(&terms, slop)?));
        }
    }
    if single_word_somewhere || alternatives.is_empty() {
        if let Some(words) = conjunction(&groups, &[]) {
            alternatives.push(format!("({words})"));
        }
    }
    alternatives.dedup();
    if alternatives.is_empty() {
        return Ok(None);
    }
    words.extend(groups);
    Ok(Some(alternatives.join(" | ")))
}

/// `terms` (position, lexeme) in order, each at its distance from the previous one or up to
/// `slop` positions further: `'a' <-> 'b'`, or with a slop of 1 `('a' <-> 'b') | ('a' <2> 'b')`;
/// two words may also swap places, at a cost of 2 as in tantivy. PostgreSQL has no "within N"
/// operator, so every combination of gaps is written out. (Tantivy counts the slop over the
/// whole phrase; here it bounds each gap, so a phrase of three or more words with a slop may
/// match a little more.)
fn sloppy_chain(terms: &[(u32, String)], slop: u32) -> Result<String> {
    let combinations = (slop as usize + 1)
        .checked_pow(terms.len().saturating_sub(1) as u32)
        .unwrap_or(usize::MAX);
    if combinations > MAX_SLOP_ALTERNATIVES {
        return Err(Error::Unsupported(
            "a phrase with this many words and this slop (PostgreSQL writes out every gap)",
        ));
    }
    let mut q = String::new();
    quote_lexeme(&mut q, &terms[0].1);
    let mut single = true;
    for pair in terms.windows(2) {
        let gap = pair[1].0.saturating_sub(pair[0].0).max(1);
        let mut next = Vec::new();
        for distance in gap..=gap + slop {
            let operator = if distance == 1 {
                "<->".to_string()
            } else {
                format!("<{distance}>")
            };
            let mut alternative = if single {
                format!("{q} {operator} ")
            } else {
                format!("({q}) {operator} ")
            };
            quote_lexeme(&mut alternative, &pair[1].1);
            next.push(alternative);
        }
        if terms.len() == 2 {
            // As in tantivy (and Lucene), two words swap places at a cost of 2.
            for distance in 1..slop.saturating_sub(1) + 1 {
                let mut alternative = String::new();
                quote_lexeme(&mut alternative, &pair[1].1);
                alternative.push_str(&if distance == 1 {
                    " <-> ".to_string()
                } else {
                    format!(" <{distance}> ")
                });
                quote_lexeme(&mut alternative, &pair[0].1);
                next.push(alternative);
            }
        }
        single = false;
        q = if next.len() == 1 {
            next.remove(0)
        } else {
            next.iter()
                .map(|a| format!("({a})"))
                .collect::<Vec<_>>()
                .join(" | ")
        };
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rosetta_index::query::parse_query;

    fn plan_of(query: &str) -> QueryPlan {
        plan(&Analyzer::new(), &parse_query(query).unwrap()).unwrap()
    }

    #[test]
    fn words_are_anded_and_their_alternatives_ored() {
        let p = plan_of("Peskov Kremlin");
        let strict = p.strict.unwrap();
        assert_eq!(strict.matches(" & ").count(), 1, "{strict}");
        assert!(strict.contains("'en:peskov' | "), "{strict}");
        assert!(strict.contains("'g:"), "{strict}");
        assert!(p.relaxed.unwrap().contains(") | ("));
    }

    #[test]
    fn phrases_are_adjacent_and_exclusions_negated() {
        let p = plan_of("\"hội nghị thượng đỉnh\" -Zelensky");
        let strict = p.strict.unwrap();
        assert!(strict.contains("'vi:hội' <-> 'vi:nghị'"), "{strict}");
        let negated = &strict[strict.find("!(").expect(&strict)..];
        assert!(negated.contains("zelensk"), "{strict}");
        // The excluded word is neither scored nor relaxed away.
        assert!(p.relaxed.is_none());
        assert!(p
            .scored
            .iter()
            .all(|g| g.alternatives.iter().all(|a| !a.lexeme.contains("zelensk"))));
    }

    #[test]
    fn operators_become_tsquery_operators() {
        let strict = plan_of("(Peskov OR Zakharova) AND NOT sport")
            .strict
            .unwrap();
        assert!(strict.contains(") | ("), "{strict}");
        assert!(strict.contains("& !("), "{strict}");
        let strict = plan_of("Kreml*").strict.unwrap();
        assert!(strict.contains("'en:kreml':*"), "{strict}");
        assert!(strict.contains("'f:kreml':*"), "{strict}");
    }

    #[test]
    fn a_slop_writes_out_each_gap() {
        let strict = plan_of("\"Putin Trump\"~1").strict.unwrap();
        assert!(strict.contains("'en:putin' <-> 'en:trump'"), "{strict}");
        assert!(strict.contains("'en:putin' <2> 'en:trump'"), "{strict}");
        assert!(!strict.contains("<3>"), "{strict}");
        assert!(!strict.contains("'en:trump' <-> 'en:putin'"), "{strict}");
        let strict = plan_of("\"Putin Trump\"~2").strict.unwrap();
        assert!(strict.contains("'en:trump' <-> 'en:putin'"), "{strict}");
        let long = parse_query("\"a1 b2 c3 d4 e5 f6 g7\"~5").unwrap();
        assert!(matches!(
            plan(&Analyzer::new(), &long),
            Err(Error::Unsupported(_))
        ));
    }

    #[test]
    fn titles_are_refused() {
        let parsed = parse_query("title:Peskov").unwrap();
        assert!(matches!(
            plan(&Analyzer::new(), &parsed),
            Err(Error::Unsupported(_))
        ));
    }

    #[test]
    fn a_query_of_stopwords_keeps_them() {
        let p = plan_of("the");
        assert!(p.strict.unwrap().contains("'en:the'"));
    }
}
