//! A parsed query translated to `tsquery`: the tantivy backend's plan, in PostgreSQL's terms.
//!
//! Each query word is analyzed as each of the four languages and language-neutrally, as the
//! tantivy backend does; its alternatives (stems in each language, folded forms, entity keys) are
//! OR-ed, words are AND-ed, a phrase is its terms `<->`-adjacent in some language (or a gazetteer
//! name covering it), and excluded words and phrases are negated. A word that is a stopword in
//! the query's language is left out unless the query has nothing else.

use rosetta_analysis::entity::{GAZETTEER_PREFIX, PRECISE_PREFIX};
use rosetta_analysis::{Analysis, Analyzer, Language, TermKind};
use rosetta_index::highlight::SnippetTerms;
use rosetta_index::query::ParsedQuery;

use crate::tsvector::{lexeme, quote_lexeme, FOLDED_PREFIX};

/// Weight of a match on a folded form relative to an exact one (as in the tantivy backend).
pub(crate) const FOLDED_BOOST: f32 = 0.3;
const ENTITY_GAZETTEER_BOOST: f32 = 1.0;
const ENTITY_PRECISE_BOOST: f32 = 0.9;
const ENTITY_RECALL_BOOST: f32 = 0.4;
const OTHER_LANGUAGE_BOOST: f32 = 0.5;
const ENTITY_IN_KNOWN_LANGUAGE_BOOST: f32 = 0.5;
const CONTINUATION_BOOST: f32 = 0.5;

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
    /// Every required word and phrase (`None`: no word nor phrase, only filters or exclusions).
    pub strict: Option<String>,
    /// Any of the words or phrases, when the query has more than one (for the hits that follow
    /// the strict ones).
    pub relaxed: Option<String>,
    /// The excluded words and phrases, OR-ed (documents matching it are left out).
    pub excluded: Option<String>,
    /// The word groups.
    pub groups: Vec<WordGroup>,
    /// What ranking scores: the word groups, then the words of the phrases (the tantivy backend
    /// scores a phrase by its words' statistics too).
    pub scored: Vec<WordGroup>,
    /// The language the query is written in, when detected and not filtered on.
    pub preferred: Option<Language>,
    /// The terms snippets mark.
    pub snippet_terms: SnippetTerms,
}

impl QueryPlan {
    /// Whether the query asks for nothing (no words, phrases or filters).
    pub fn is_empty(&self, parsed: &ParsedQuery) -> bool {
        self.strict.is_none()
            && parsed.filters == rosetta_index::query::Filters::default()
            && self.excluded.is_none()
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

/// Plans `parsed`.
pub fn plan(analyzer: &Analyzer, parsed: &ParsedQuery) -> QueryPlan {
    let mut snippet_terms = SnippetTerms::new();
    snippet_terms.note_query(&parsed.words);
    for p in &parsed.phrases {
        snippet_terms.note_query(p);
    }
    let query_lang = rosetta_analysis::detect_language(&parsed.words);
    let groups = if parsed.words.trim().is_empty() {
        Vec::new()
    } else {
        word_groups(
            query_lang,
            &analyses(analyzer, &parsed.words),
            Some(&mut snippet_terms),
        )
    };
    let mut phrase_words: Vec<WordGroup> = Vec::new();
    let phrases: Vec<String> = parsed
        .phrases
        .iter()
        .filter_map(|p| phrase(analyzer, p, &mut snippet_terms, &mut phrase_words))
        .collect();
    let excluded: Vec<String> = parsed
        .excluded
        .iter()
        .filter_map(|e| {
            let groups = word_groups(
                rosetta_analysis::detect_language(e),
                &analyses(analyzer, e),
                None,
            );
            conjunction(&groups, &[])
        })
        .collect();
    let required = groups.iter().filter(|g| !g.optional).count();
    let relaxed = (required + phrases.len() > 1).then(|| {
        groups
            .iter()
            .map(WordGroup::tsquery)
            .chain(phrases.iter().cloned())
            .collect::<Vec<_>>()
            .join(" | ")
    });
    QueryPlan {
        strict: conjunction(&groups, &phrases),
        relaxed,
        excluded: (!excluded.is_empty()).then(|| {
            excluded
                .iter()
                .map(|e| format!("({e})"))
                .collect::<Vec<_>>()
                .join(" | ")
        }),
        preferred: query_lang.filter(|_| parsed.filters.lang.is_none() && !groups.is_empty()),
        scored: groups.iter().cloned().chain(phrase_words).collect(),
        groups,
        snippet_terms,
    }
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
    query_lang: Option<Language>,
    analyses: &[(Option<Language>, Analysis)],
    mut snippet_terms: Option<&mut SnippetTerms>,
) -> Vec<WordGroup> {
    let words = &analyses[analyses.len() - 1].1.words;
    let mut groups: Vec<WordGroup> = words
        .iter()
        .map(|_| WordGroup {
            boost: 1.0,
            ..WordGroup::default()
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

/// A phrase: its terms adjacent in some language's analysis, or a gazetteer name covering it, or
/// (where it is a single word in some language) that word.
fn phrase(
    analyzer: &Analyzer,
    text: &str,
    snippet_terms: &mut SnippetTerms,
    words: &mut Vec<WordGroup>,
) -> Option<String> {
    let analyses = analyses(analyzer, text);
    let groups = word_groups(
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
            let mut q = String::new();
            for (i, (position, lexeme)) in terms.iter().enumerate() {
                if i > 0 {
                    let gap = position - terms[i - 1].0;
                    if gap == 1 {
                        q.push_str(" <-> ");
                    } else {
                        q.push_str(&format!(" <{gap}> "));
                    }
                }
                quote_lexeme(&mut q, lexeme);
            }
            alternatives.push(format!("({q})"));
        }
    }
    if single_word_somewhere || alternatives.is_empty() {
        if let Some(words) = conjunction(&groups, &[]) {
            alternatives.push(format!("({words})"));
        }
    }
    alternatives.dedup();
    if alternatives.is_empty() {
        return None;
    }
    words.extend(groups);
    Some(alternatives.join(" | "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rosetta_index::query::parse_query;

    fn plan_of(query: &str) -> QueryPlan {
        plan(&Analyzer::new(), &parse_query(query).unwrap())
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
        assert!(p.strict.unwrap().contains("'vi:hội' <-> 'vi:nghị'"));
        assert!(p.excluded.unwrap().contains("zelensk"));
    }

    #[test]
    fn a_query_of_stopwords_keeps_them() {
        let p = plan_of("the");
        assert!(p.strict.unwrap().contains("'en:the'"));
    }
}
