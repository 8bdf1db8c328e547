//! The typed plan of a query: its syntax tree made into word groups, phrases, prefixes, title
//! scopes and boolean structure, ready to build.

use rosetta_analysis::{Language, TermKind};
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, Query};
use tantivy::schema::Field;
use tantivy::Term;

use super::build::assemble;
use super::statistics::QueryStatistics;
use super::words::WordGroup;
use crate::bridge::Bridge;
use crate::lazy_union::{Combine, LazyUnionQuery};
use crate::query::weights::FOLDED_BOOST;
use crate::query::{Node, ParsedQuery, MAX_PREFIX_TERMS};
use crate::query_analysis::QueryAnalysis;
use crate::snippet::{QueryTerms, TermFamily};
use crate::word_group::Alternative;
use crate::Error;
use crate::{NewsIndex, Result};
use rosetta_analysis::translation::TranslationLexicon;

impl NewsIndex {
    /// The typed plan of `parsed`: the words of its top level (analysed together, as they were
    /// typed), its other required parts, and its exclusions.
    ///
    /// With a translation `lexicon`, query words also match their translations. When documents
    /// in the query's own language compete and `relaxed` matches may follow, the words of the top
    /// level are matched as typed and their translations are left for the relaxed pass
    /// ([`QueryPlan::deferred`]): a translation is evidence, not identity, and must not make a
    /// document match every word. Elsewhere (operators, a filter on other languages) translations
    /// are alternatives of their words from the start.
    pub(super) fn plan<'l>(
        &self,
        parsed: &ParsedQuery,
        stats: &QueryStatistics<'_>,
        terms: &mut QueryTerms,
        lexicon: Option<&'l TranslationLexicon>,
        relaxed: bool,
    ) -> Result<QueryPlan<'l>> {
        let mut plan = QueryPlan::default();
        let Some(root) = &parsed.root else {
            return Ok(plan);
        };
        let children: Vec<&Node> = match root {
            Node::And(children) => children.iter().collect(),
            other => vec![other],
        };
        let positive_text = crate::query::positive_words(root);
        terms.note_scripts(&positive_text);
        let words = crate::query::joined_words(children.iter().copied());
        plan.query_lang = rosetta_analysis::detect_language(if words.is_empty() {
            &positive_text
        } else {
            &words
        });
        // Documents in the query's language compete only if the index has some (it may have no
        // Russian ones, say).
        let beside_typed = plan
            .query_lang
            .is_some_and(|l| !(stats.corpus.empty_fields).contains(&self.fields.text_of(l)))
            && (parsed.filters.langs.is_empty() || parsed.filters.langs.contains(&plan.query_lang));
        let boost = if beside_typed {
            crate::bridge::LEXICON_BOOST_BESIDE_TYPED
        } else {
            crate::bridge::LEXICON_BOOST
        };
        let translations = lexicon.map(|l| (l, boost));
        plan.deferred = lexicon.filter(|_| beside_typed && relaxed);
        let eager = translations.filter(|_| plan.deferred.is_none());
        // Kept for the relaxed pass, which adds the deferred translations to the same words.
        plan.analyses = if words.trim().is_empty() {
            Vec::new()
        } else {
            self.analyses(&words)
        };
        plan.groups = self.word_groups_of(&words, plan.query_lang, &plan.analyses, eager, terms);
        plan.bridges = plan.groups.iter().flat_map(|g| g.bridges.clone()).collect();
        plan.words = words;
        let scope = Scope {
            query_lang: plan.query_lang,
            title: None,
            translations,
        };
        for child in children {
            match child {
                Node::Words(_) => {}
                Node::Not(inner) => {
                    if let Some(q) = self.excluded_query(inner, stats)? {
                        plan.excluded.push(q);
                    }
                }
                other => {
                    if let Some(q) = self.node_query(other, &scope, stats, terms)? {
                        plan.required.push(q);
                    }
                }
            }
        }
        Ok(plan)
    }

    /// What an excluded node excludes. An excluded phrase excludes documents with all its words,
    /// adjacent or not: tantivy 0.27's phrase scorer trips a debug assertion when it is the
    /// excluded side of a query (`PhraseScorer::seek_danger`, cf. quickwit-oss/tantivy#2811).
    fn excluded_query(
        &self,
        node: &Node,
        stats: &QueryStatistics<'_>,
    ) -> Result<Option<Box<dyn Query>>> {
        let mut scratch = QueryTerms::unrecorded();
        let scope = Scope {
            query_lang: None,
            title: None,
            translations: None,
        };
        match node {
            Node::Words(text) | Node::Phrase { text, .. } => {
                let lang = rosetta_analysis::detect_language(text);
                let groups = self.word_groups(text, lang, None, &mut scratch);
                Ok((!groups.is_empty()).then(|| assemble(&groups, &[], &[], &[], true, stats)))
            }
            other => self.node_query(other, &scope, stats, &mut scratch),
        }
    }

    /// The query of a node inside the tree; `None` when it has nothing to match on (only
    /// punctuation), which makes it neutral in an AND or an OR.
    fn node_query(
        &self,
        node: &Node,
        scope: &Scope<'_>,
        stats: &QueryStatistics<'_>,
        terms: &mut QueryTerms,
    ) -> Result<Option<Box<dyn Query>>> {
        Ok(match node {
            Node::Words(text) => {
                let lang = rosetta_analysis::detect_language(text).or(scope.query_lang);
                let groups = self.word_groups(text, lang, scope.translations, terms);
                let groups = scope.apply(groups);
                (!groups.is_empty()).then(|| assemble(&groups, &[], &[], &[], true, stats))
            }
            Node::Phrase { text, slop } => match scope.title {
                // Titles keep no positions: a phrase there is its words.
                Some(_) => self.node_query(&Node::Words(text.clone()), scope, stats, terms)?,
                None => self.phrase_query(text, *slop, stats, terms),
            },
            Node::Prefix(prefix) => Some(self.prefix_query(prefix, scope, stats, terms)?),
            Node::Title(inner) => {
                let Some(field) = self.fields.title_terms else {
                    return Err(Error::InvalidQuery(
                        "title: needs an index made by this version: index the documents again"
                            .into(),
                    ));
                };
                let scope = Scope {
                    title: Some(field),
                    ..*scope
                };
                self.node_query(inner, &scope, stats, terms)?
            }
            Node::Not(inner) => self.node_query(inner, scope, stats, terms)?.map(|q| {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, q),
                ])) as Box<dyn Query>
            }),
            Node::And(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for child in children {
                    let (occur, child) = match child {
                        Node::Not(inner) => (Occur::MustNot, inner.as_ref()),
                        other => (Occur::Must, other),
                    };
                    if let Some(q) = self.node_query(child, scope, stats, terms)? {
                        clauses.push((occur, q));
                    }
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    if clauses.is_empty() {
                        return Ok(None);
                    }
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            Node::Or(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for child in children {
                    if let Some(q) = self.node_query(child, scope, stats, terms)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                match clauses.len() {
                    0 => None,
                    1 => clauses.pop().map(|(_, q)| q),
                    _ => Some(Box::new(LazyUnionQuery::new(
                        clauses.into_iter().map(|(_, q)| q).collect(),
                        Combine::Sum,
                    )) as Box<dyn Query>),
                }
            }
        })
    }

    /// `prefix*`: the [`MAX_PREFIX_TERMS`] most frequent terms starting with the prefix (as
    /// typed, lower-cased, and folded) in the text fields and the folded field; one of them must
    /// match, the best counts.
    fn prefix_query(
        &self,
        prefix: &str,
        scope: &Scope<'_>,
        stats: &QueryStatistics<'_>,
        terms: &mut QueryTerms,
    ) -> Result<Box<dyn Query>> {
        // The prefix as typed (lower-cased), as each language's analysis reads it (Arabic
        // without its article, Romanian with one form of ș), and folded.
        let lower = prefix.to_lowercase();
        let f = &self.fields;
        let mut starts: Vec<(Field, String, f32)> = Vec::new();
        for (lang, analysis) in self.analyses(prefix) {
            let field = lang.map_or(f.text_und, |l| f.text_of(l));
            starts.push((field, lower.clone(), 1.0));
            for t in analysis.tokens().filter(|t| t.position == 0) {
                match t.kind {
                    TermKind::Stem | TermKind::Word => {
                        starts.push((field, t.term.to_string(), 1.0))
                    }
                    TermKind::Folded => starts.push((f.folded, t.term.to_string(), FOLDED_BOOST)),
                    _ => {}
                }
            }
        }
        let mut folded = String::new();
        if !rosetta_analysis::normalize::fold_diacritics(&lower, &mut folded) {
            folded.clone_from(&lower);
        }
        starts.push((f.folded, folded, FOLDED_BOOST));
        if let Some(title) = scope.title {
            for start in &mut starts {
                start.0 = title;
            }
        }
        starts.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        starts.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        // A stem can be shorter than the prefix typed (`runn` for `running`): the shortest start
        // of a field covers the longer ones.
        let fields: Vec<(Field, &str, f32)> = starts
            .iter()
            .filter(|(field, start, _)| {
                !starts.iter().any(|(g, other, _)| {
                    g == field && other != start && start.starts_with(other.as_str())
                })
            })
            .map(|(field, start, boost)| (*field, start.as_str(), *boost))
            .collect();
        let mut found: Vec<(u64, Field, String, f32)> = Vec::new();
        for (field, start, boost) in fields {
            if start.is_empty() {
                continue;
            }
            let mut per_field: Vec<(u64, String)> = Vec::new();
            for segment in stats.searcher().segment_readers() {
                let dictionary = segment.inverted_index(field)?;
                let mut stream = dictionary
                    .terms()
                    .range()
                    .ge(start.as_bytes())
                    .into_stream()
                    .map_err(tantivy::TantivyError::from)?;
                let mut scanned = 0;
                while stream.advance() && scanned < MAX_PREFIX_SCAN {
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if !term.starts_with(start) {
                        break;
                    }
                    scanned += 1;
                    let docs = u64::from(stream.value().doc_freq);
                    match per_field.iter_mut().find(|(_, t)| t == term) {
                        Some(entry) => entry.0 += docs,
                        None => per_field.push((docs, term.to_string())),
                    }
                }
            }
            found.extend(per_field.into_iter().map(|(n, t)| (n, field, t, boost)));
        }
        found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
        found.truncate(MAX_PREFIX_TERMS);
        let alternatives: Vec<Alternative> = found
            .into_iter()
            .map(|(_, field, term, boost)| {
                let family = if field == f.folded {
                    TermFamily::Folded
                } else {
                    TermFamily::Text
                };
                terms.add(family, &term);
                Alternative {
                    term: Term::from_field_text(field, &term),
                    boost,
                    locations: None,
                }
            })
            .collect();
        if alternatives.is_empty() {
            return Ok(Box::new(EmptyQuery));
        }
        let group = WordGroup {
            alternatives,
            ..WordGroup::default()
        };
        Ok(assemble(&[group], &[], &[], &[], true, stats))
    }
}

/// How many dictionary entries a prefix may scan per field and segment.
const MAX_PREFIX_SCAN: usize = 100_000;

/// Where the words of a node are looked for.
#[derive(Clone, Copy)]
struct Scope<'l> {
    /// The language the query is written in, if detected.
    query_lang: Option<Language>,
    /// `title:`: every term in this field instead.
    title: Option<Field>,
    /// The translation lexicon and the weight of a translation, when words cross languages.
    translations: Option<(&'l TranslationLexicon, f32)>,
}

impl Scope<'_> {
    /// `groups` with every alternative moved to the title field, if the scope is a title.
    fn apply(&self, groups: Vec<WordGroup>) -> Vec<WordGroup> {
        let Some(title) = self.title else {
            return groups;
        };
        let in_title = |alternatives: Vec<Alternative>| -> Vec<Alternative> {
            let mut out: Vec<Alternative> = Vec::new();
            for a in alternatives {
                let text = a.term.value().as_str().unwrap_or_default().to_string();
                let term = Term::from_field_text(title, &text);
                match out.iter_mut().find(|o| o.term == term) {
                    Some(o) => o.boost = o.boost.max(a.boost),
                    None => out.push(Alternative {
                        term,
                        boost: a.boost,
                        locations: None,
                    }),
                }
            }
            out
        };
        groups
            .into_iter()
            .map(|g| {
                let mut alternatives = in_title(g.alternatives);
                alternatives.extend(in_title(g.entity_keys));
                WordGroup {
                    alternatives,
                    entity_keys: Vec::new(),
                    ..g
                }
            })
            .collect()
    }
}

/// A query made ready to build: see [`NewsIndex::plan`].
#[derive(Default)]
pub(super) struct QueryPlan<'l> {
    /// The words of the top level, as typed (joined).
    pub(super) words: String,
    /// The translations the top level's words were matched through, for the hits to report.
    pub(super) bridges: Vec<Bridge>,
    /// The lexicon, when the top level's translations are left for the relaxed pass.
    pub(super) deferred: Option<&'l TranslationLexicon>,
    /// The words of the top level, each with its alternatives.
    pub(super) groups: Vec<WordGroup>,
    /// The top level's words as each language's analyzer reads them (see
    /// [`NewsIndex::analyses`]).
    pub(super) analyses: Vec<(Option<Language>, QueryAnalysis)>,
    /// Phrases, groups and other parts of the top level that must match.
    pub(super) required: Vec<Box<dyn Query>>,
    /// Parts of the top level that must not match.
    pub(super) excluded: Vec<Box<dyn Query>>,
    /// The language the query is written in, if detected.
    pub(super) query_lang: Option<Language>,
}

impl QueryPlan<'_> {
    /// Whether nothing is left to match on (no words, required parts or exclusions).
    pub(super) fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.required.is_empty() && self.excluded.is_empty()
    }
}
