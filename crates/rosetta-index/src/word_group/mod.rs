//! One query word's alternatives as one tantivy query, scored in one pass over their postings.
//!
//! A word of a cross-language query searches several fields: its stem in each language, its
//! folded form, its entity keys. The best alternative counts fully and the others add a fraction
//! (a disjunction max with a tie breaker); of the entity keys, only the best counts. Built from
//! tantivy's parts, that is a disjunction of boosted term queries holding a second disjunction for
//! the entity keys: two levels of buffered unions, which push every matching document through
//! boxed scorers and score combiners. A word has a handful of posting lists, so here they are
//! merged directly and scored in place, with the same BM25 weights and the same combination as
//! tantivy's `DisjunctionMaxQuery` (the query bench's name query went from 48 to 41 µs).

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::postings::{BlockSegmentPostings, Postings, SegmentPostings, TermInfo};
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TantivyError, Term, TERMINATED};

use crate::lazy_union::{advance_members, seek_members};
use crate::query::weights::WordScore;

mod dominance;

use dominance::drop_redundant_keys;
pub(crate) use dominance::DominanceCache;

/// What a match through a word's name evidence is worth, when the word has recall keys (a
/// consonant skeleton, which also meets other names and ordinary words): a match through the
/// word as typed (in some language's field, at a weight of at least [`TYPED_BOOST`]), its
/// gazetteer key or a precise key adds [`TIER_BONUS`]; a match through the recall keys alone (or
/// only a folded form or a translation) is squashed below [`RECALL_CAP`]. The bonus exceeds
/// the cap plus the same-language bonus of the search, so such a document never outranks one
/// naming the entity as written, whatever their languages.
pub(crate) const TIER_BONUS: f32 = 4.5;
/// See [`TIER_BONUS`].
pub(crate) const RECALL_CAP: f32 = 2.0;
/// The least weight of an alternative that is the word as typed: 1.0 in the query's language
/// (or any, when it is not known), 0.5 in another; folded forms (0.3) and translations (at most
/// 0.35) weigh less.
pub(crate) const TYPED_BOOST: f32 = 0.5;

/// A term a query word may match, and how much a match weighs.
#[derive(Clone, Debug)]
pub(crate) struct Alternative {
    pub(crate) term: Term,
    pub(crate) boost: f32,
    /// Where the term is, when already looked up (to weigh it): each segment's dictionary is
    /// then searched once per query, not twice.
    pub(crate) locations: Option<TermLocations>,
}

/// A term's entry in each segment's dictionary (`None` where the segment lacks it).
pub(crate) type TermLocations = Arc<[(SegmentId, Option<TermInfo>)]>;

/// Looks `term` up in every segment of `searcher`: its document frequency, and where it is.
pub(crate) fn locate(searcher: &Searcher, term: &Term) -> tantivy::Result<(u64, TermLocations)> {
    let mut doc_freq = 0;
    let mut locations = Vec::with_capacity(searcher.segment_readers().len());
    for segment in searcher.segment_readers() {
        let info = segment.inverted_index(term.field())?.get_term_info(term)?;
        doc_freq += info.as_ref().map_or(0, |i| u64::from(i.doc_freq));
        locations.push((segment.segment_id(), info));
    }
    Ok((doc_freq, locations.into()))
}

/// The alternatives of one query word (see the module docs).
#[derive(Clone, Debug)]
pub(crate) struct WordGroupQuery {
    /// Scored each on its own.
    alternatives: Vec<Alternative>,
    /// Scored together as one alternative: the best of them.
    entity_keys: Vec<Alternative>,
    /// Part of the non-best alternatives' scores added to the best one.
    tie_breaker: f32,
    dominance: Arc<DominanceCache>,
    /// Matches are scored by tier (see [`TIER_BONUS`]).
    tiered: bool,
}

impl WordGroupQuery {
    /// A query matching documents with any of the terms.
    pub(crate) fn new(
        alternatives: Vec<Alternative>,
        entity_keys: Vec<Alternative>,
        tie_breaker: f32,
        dominance: Arc<DominanceCache>,
    ) -> Self {
        WordGroupQuery {
            alternatives,
            entity_keys,
            tie_breaker,
            dominance,
            tiered: false,
        }
    }

    /// This query, its matches scored by tier when `tiered` and the word has recall keys (see
    /// [`TIER_BONUS`]).
    pub(crate) fn tiered(mut self, tiered: bool) -> Self {
        self.tiered = tiered;
        self
    }

    fn terms(&self) -> impl Iterator<Item = (&Alternative, bool)> {
        let alternatives = self.alternatives.iter().map(|a| (a, false));
        alternatives.chain(self.entity_keys.iter().map(|a| (a, true)))
    }

    fn group_weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<WordGroupWeight> {
        let mut terms = Vec::with_capacity(self.alternatives.len() + self.entity_keys.len());
        for (alternative, entity) in self.terms() {
            let bm25 = match enable_scoring {
                EnableScoring::Enabled {
                    statistics_provider: stats,
                    ..
                } => {
                    // `Bm25Weight::for_terms` without the explanation it builds and drops.
                    let docs = stats.total_num_docs()?;
                    let tokens = stats.total_num_tokens(alternative.term.field())?;
                    let doc_freq = stats.doc_freq(&alternative.term)?;
                    Bm25Weight::for_one_term_without_explain(
                        doc_freq,
                        docs,
                        tokens as Score / docs as Score,
                    )
                }
                EnableScoring::Disabled { .. } => {
                    Bm25Weight::for_one_term_without_explain(1, 1, 1.0)
                }
            };
            let recall = entity && is_recall_key(&alternative.term);
            terms.push(WeightedTerm {
                term: alternative.term.clone(),
                locations: alternative.locations.clone(),
                boost: alternative.boost,
                bm25,
                entity,
                exact: if entity {
                    !recall
                } else {
                    alternative.boost >= TYPED_BOOST
                },
            });
        }
        let tiered = self.tiered && self.entity_keys.iter().any(|a| is_recall_key(&a.term));
        Ok(WordGroupWeight {
            terms,
            tiered,
            scoring: enable_scoring.is_scoring_enabled(),
            tie_breaker: self.tie_breaker,
            dominance: Arc::clone(&self.dominance),
        })
    }
}

impl Query for WordGroupQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.group_weight(enable_scoring)?))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (alternative, _) in self.terms() {
            visitor(&alternative.term, false);
        }
    }
}

/// Whether `term` is a recall entity key (`r:`).
fn is_recall_key(term: &Term) -> bool {
    term.value()
        .as_str()
        .and_then(rosetta_analysis::entity::EntityTier::of)
        == Some(rosetta_analysis::entity::EntityTier::Recall)
}

struct WeightedTerm {
    term: Term,
    locations: Option<TermLocations>,
    boost: f32,
    bm25: Bm25Weight,
    entity: bool,
    /// A match names the word as written (see [`TIER_BONUS`]).
    exact: bool,
}

struct WordGroupWeight {
    /// The alternatives, then the entity keys.
    terms: Vec<WeightedTerm>,
    /// Whether the word has recall keys, and its matches are scored by tier.
    tiered: bool,
    scoring: bool,
    tie_breaker: f32,
    dominance: Arc<DominanceCache>,
}

impl WordGroupWeight {
    fn group_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<GroupScorer> {
        let mut found = Vec::with_capacity(self.terms.len());
        for t in &self.terms {
            let known = t.locations.as_ref().and_then(|locations| {
                let segment = reader.segment_id();
                locations.iter().find(|(id, _)| *id == segment)
            });
            let info = match known {
                Some((_, info)) => info.clone(),
                None => reader
                    .inverted_index(t.term.field())?
                    .get_term_info(&t.term)?,
            };
            if let Some(info) = info.filter(|i| i.doc_freq > 0) {
                // The order of tantivy's `BoostWeight`, which this replaces: the same floats.
                found.push(FoundTerm {
                    term: &t.term,
                    info,
                    bm25: t.bm25.boost_by(boost * t.boost),
                    entity: t.entity,
                    exact: t.exact,
                });
            }
        }
        drop_redundant_keys(reader, &mut found, &self.dominance)?;
        let record = if self.scoring {
            IndexRecordOption::WithFreqs
        } else {
            IndexRecordOption::Basic
        };
        let mut cursors = Vec::with_capacity(found.len());
        for t in found {
            let field = t.term.field();
            let inverted_index = reader.inverted_index(field)?;
            let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
                Some(fieldnorms) if self.scoring => fieldnorms,
                _ => FieldNormReader::constant(reader.max_doc(), 1),
            };
            cursors.push(Cursor {
                postings: inverted_index.read_postings_from_terminfo(&t.info, record)?,
                fieldnorms,
                bm25: t.bm25,
                entity: t.entity,
                exact: t.exact,
            });
        }
        let doc = cursors
            .iter()
            .map(|c| c.postings.doc())
            .min()
            .unwrap_or(TERMINATED);
        Ok(GroupScorer {
            cursors,
            doc,
            tie_breaker: self.tie_breaker,
            tiered: self.tiered && self.scoring,
        })
    }
}

/// A term of a group that a segment has.
struct FoundTerm<'a> {
    term: &'a Term,
    info: TermInfo,
    bm25: Bm25Weight,
    entity: bool,
    exact: bool,
}

impl Weight for WordGroupWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(self.group_scorer(reader, boost)?))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.group_scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        Ok(Explanation::new(
            "best alternative of a query word, plus a part of the others",
            scorer.score(),
        ))
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let mut scorer = self.group_scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            callback(doc, scorer.score());
            doc = scorer.advance();
        }
        Ok(())
    }
}

/// One posting list of a group, with what scores it.
struct Cursor {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
    entity: bool,
    exact: bool,
}

/// The union of a group's posting lists (see the module docs).
struct GroupScorer {
    /// Only lists with documents left to visit in the segment, at least.
    cursors: Vec<Cursor>,
    /// The smallest current document of the cursors.
    doc: DocId,
    tie_breaker: f32,
    /// Scored by tier (see [`TIER_BONUS`]).
    tiered: bool,
}

impl DocSet for GroupScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.doc = advance_members(&mut self.cursors, self.doc, |c| &mut c.postings);
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.doc = seek_members(&mut self.cursors, target, |c| &mut c.postings);
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.cursors
            .iter()
            .map(|c| c.postings.size_hint())
            .max()
            .unwrap_or(0)
    }
}

impl Scorer for GroupScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        // As tantivy's `DisjunctionMaxCombiner`: the alternatives in order, then the entity keys
        // as one more alternative (their own disjunction has no tie breaker: only the best).
        let mut word = WordScore::default();
        let mut exact = false;
        for c in &mut self.cursors {
            if c.postings.doc() != doc {
                continue;
            }
            exact |= c.exact;
            let score = c
                .bm25
                .score(c.fieldnorms.fieldnorm_id(doc), c.postings.term_freq());
            word.add(score, c.entity);
        }
        let score = word.total(self.tie_breaker);
        match (self.tiered, exact) {
            (false, _) => score,
            (true, true) => score + TIER_BONUS,
            // Monotone, so recall matches keep their order among themselves.
            (true, false) => score * RECALL_CAP / (score + RECALL_CAP),
        }
    }
}

#[cfg(test)]
mod tests;
