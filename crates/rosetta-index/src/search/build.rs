//! From the plan to tantivy queries.

use std::ops::Bound;
use std::sync::Arc;

use rosetta_analysis::Language;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Term};

use super::statistics::QueryStatistics;
use super::words::WordGroup;
use crate::document::{MAX_DATE_SECS, MIN_DATE_SECS};
use crate::index::UNDETERMINED;
use crate::lazy_union::{Combine, LazyUnionQuery};
use crate::query::weights::{CONTINUATION_BOOST, TIE_BREAKER};
use crate::query::Filters;
use crate::word_group::WordGroupQuery;
use crate::NewsIndex;
use tantivy::query::{ConstScoreQuery, PhraseQuery};

impl NewsIndex {
    /// The filters as required clauses (each matches without scoring).
    pub(super) fn filter_queries(&self, filters: &Filters) -> Vec<Box<dyn Query>> {
        let f = &self.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        let code = |lang: &Option<Language>| lang.map_or(UNDETERMINED, |l| l.code()).to_string();
        let any_of = |field: Field, values: Vec<String>| -> Box<dyn Query> {
            let clauses = values
                .into_iter()
                .map(|v| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(field, &v),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            Box::new(BooleanQuery::new(clauses))
        };
        let none_of = |field: Field, values: Vec<String>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::MustNot, any_of(field, values)),
            ]))
        };
        if !filters.langs.is_empty() {
            out.push(any_of(f.lang, filters.langs.iter().map(code).collect()));
        }
        if !filters.excluded_langs.is_empty() {
            out.push(none_of(
                f.lang,
                filters.excluded_langs.iter().map(code).collect(),
            ));
        }
        if !filters.sources.is_empty() {
            out.push(any_of(f.source, filters.sources.clone()));
        }
        if !filters.excluded_sources.is_empty() {
            out.push(none_of(f.source, filters.excluded_sources.clone()));
        }
        if filters.published_from.is_some() || filters.published_until.is_some() {
            let bound = |secs: Option<i64>, inclusive: bool| match secs {
                None => Bound::Unbounded,
                Some(s) => {
                    // Outside tantivy's date range, the nearest end of it means the same.
                    let s = s.clamp(MIN_DATE_SECS, MAX_DATE_SECS);
                    let term = Term::from_field_date(f.published, DateTime::from_timestamp_secs(s));
                    if inclusive {
                        Bound::Included(term)
                    } else {
                        Bound::Excluded(term)
                    }
                }
            };
            out.push(Box::new(RangeQuery::new(
                bound(filters.published_from, true),
                bound(filters.published_until, false),
            )));
        }
        // Filters decide which documents match, never how well.
        out.into_iter()
            .map(|q| Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>)
            .collect()
    }
}

/// Combines word groups, phrases, exclusions and filters; `strict`: every required word must
/// match, otherwise any word may.
pub(super) fn assemble(
    groups: &[WordGroup],
    phrases: &[Box<dyn Query>],
    excluded: &[Box<dyn Query>],
    filters: &[Box<dyn Query>],
    strict: bool,
    stats: &QueryStatistics<'_>,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut has_positive = false;
    for g in groups {
        let alternatives = if g.translations.is_empty() {
            stats.present(&g.alternatives)
        } else {
            let mut all = g.alternatives.clone();
            all.extend(g.translations.iter().cloned());
            stats.present(&all)
        };
        let entity_keys = stats.present(&g.entity_keys);
        // A word none of whose terms is in the index still has to match (or, when optional,
        // may): it stays as a clause that matches nothing.
        let q: Box<dyn Query> = if alternatives.is_empty() && entity_keys.is_empty() {
            Box::new(EmptyQuery)
        } else {
            Box::new(
                WordGroupQuery::new(
                    alternatives,
                    entity_keys,
                    TIE_BREAKER,
                    Arc::clone(&stats.dominance),
                )
                .tiered(g.tiered),
            )
        };
        // Translations of several terms: phrases, each one more alternative of the word.
        let phrases: Vec<Box<dyn Query>> = g
            .phrases
            .iter()
            .filter(|p| p.terms.iter().all(|(_, t)| stats.in_index(t)))
            .map(|p| -> Box<dyn Query> {
                Box::new(BoostQuery::new(
                    Box::new(PhraseQuery::new_with_offset(p.terms.clone())),
                    p.boost,
                ))
            })
            .collect();
        let q: Box<dyn Query> = if phrases.is_empty() {
            q
        } else {
            let mut disjuncts = phrases;
            disjuncts.insert(0, q);
            Box::new(LazyUnionQuery::new(
                disjuncts,
                Combine::DisjunctionMax {
                    tie_breaker: TIE_BREAKER,
                },
            ))
        };
        let q: Box<dyn Query> = if g.continuation {
            Box::new(BoostQuery::new(q, CONTINUATION_BOOST))
        } else {
            q
        };
        let occur = if strict && !g.optional {
            has_positive = true;
            Occur::Must
        } else {
            Occur::Should
        };
        clauses.push((occur, q));
    }
    for p in phrases {
        if strict {
            has_positive = true;
            clauses.push((Occur::Must, p.box_clone()));
        } else {
            clauses.push((Occur::Should, p.box_clone()));
        }
    }
    let any_should = clauses.iter().any(|(o, _)| *o == Occur::Should);
    if !has_positive && any_should {
        // Only optional words: at least one of them must match.
        let should: Vec<Box<dyn Query>> = clauses.drain(..).map(|(_, q)| q).collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::union(should))));
        has_positive = true;
    }
    for q in filters {
        clauses.push((Occur::Must, q.box_clone()));
    }
    if !has_positive {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    for q in excluded {
        clauses.push((Occur::MustNot, q.box_clone()));
    }
    if clauses.len() == 1 && clauses[0].0 == Occur::Must {
        // One required word (the commonest query): its own weight then drives the collector,
        // without a boolean scorer's boxed calls per document. The score is the same.
        let (_, only) = clauses.remove(0);
        return only;
    }
    Box::new(BooleanQuery::new(clauses))
}
