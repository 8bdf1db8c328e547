//! A union of queries that visits documents one at a time and scores only the documents asked
//! for.
//!
//! tantivy's union scorer fills a window of 4,096 documents at a time, scoring every document of
//! every clause in it. That is fast when the union leads a search, but inside an intersection
//! (`(steam OR engine) AND (water OR river OR sea)`) each seek of the other side refills a whole
//! window to use one document of it: in such queries over word groups with translations, the
//! refills took half the search time. This union seeks its clauses instead, and scores a
//! document only when asked. Scores are the same: the clauses' scores summed in clause order, or
//! their disjunction max.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// How the scores of the clauses on a document combine.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Combine {
    /// Their sum (a boolean query's `Should` clauses).
    Sum,
    /// The best, plus `tie_breaker` times the others (tantivy's `DisjunctionMaxQuery`).
    DisjunctionMax { tie_breaker: f32 },
}

/// Documents matching any of the clauses (see the module docs).
#[derive(Debug)]
pub(crate) struct LazyUnionQuery {
    clauses: Vec<Box<dyn Query>>,
    combine: Combine,
}

impl Clone for LazyUnionQuery {
    fn clone(&self) -> Self {
        LazyUnionQuery {
            clauses: self.clauses.iter().map(|q| q.box_clone()).collect(),
            combine: self.combine,
        }
    }
}

impl LazyUnionQuery {
    /// The union of `clauses`, scored as `combine` says.
    pub(crate) fn new(clauses: Vec<Box<dyn Query>>, combine: Combine) -> Self {
        LazyUnionQuery { clauses, combine }
    }
}

impl Query for LazyUnionQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .clauses
            .iter()
            .map(|q| q.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(LazyUnionWeight {
            weights,
            combine: self.combine,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.clauses {
            q.query_terms(visitor);
        }
    }
}

struct LazyUnionWeight {
    weights: Vec<Box<dyn Weight>>,
    combine: Combine,
}

impl LazyUnionWeight {
    fn union_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<LazyUnion> {
        let mut scorers = Vec::with_capacity(self.weights.len());
        for w in &self.weights {
            let scorer = w.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                scorers.push(scorer);
            }
        }
        let doc = scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED);
        Ok(LazyUnion {
            scorers,
            doc,
            combine: self.combine,
        })
    }
}

impl Weight for LazyUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let union = self.union_scorer(reader, boost)?;
        Ok(match union.scorers.len() {
            0 => Box::new(EmptyScorer),
            _ => Box::new(union),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.union_scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        Ok(Explanation::new("union of clauses", scorer.score()))
    }
}

/// The scorer of [`LazyUnionQuery`] in one segment.
struct LazyUnion {
    /// The clauses with documents left in the segment, at least.
    scorers: Vec<Box<dyn Scorer>>,
    /// The smallest current document of the clauses.
    doc: DocId,
    combine: Combine,
}

/// Moves the members of a union that are on `current` to their next document and returns the
/// union's next document (the smallest of the members'). `docs` gives a member's postings.
pub(crate) fn advance_members<T, D: DocSet + ?Sized>(
    members: &mut [T],
    current: DocId,
    mut docs: impl FnMut(&mut T) -> &mut D,
) -> DocId {
    let mut next = TERMINATED;
    for m in members {
        let d = docs(m);
        let mut doc = d.doc();
        if doc == current {
            doc = d.advance();
        }
        next = next.min(doc);
    }
    next
}

/// Moves the members of a union that are before `target` to it or after, and returns the
/// union's next document (the smallest of the members').
pub(crate) fn seek_members<T, D: DocSet + ?Sized>(
    members: &mut [T],
    target: DocId,
    mut docs: impl FnMut(&mut T) -> &mut D,
) -> DocId {
    let mut next = TERMINATED;
    for m in members {
        let d = docs(m);
        let mut doc = d.doc();
        if doc < target {
            doc = d.seek(target);
        }
        next = next.min(doc);
    }
    next
}

impl DocSet for LazyUnion {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.doc = advance_members(&mut self.scorers, self.doc, |s| s.as_mut());
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.doc = seek_members(&mut self.scorers, target, |s| s.as_mut());
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers
            .iter()
            .map(|s| s.size_hint())
            .fold(0u32, u32::saturating_add)
    }
}

impl Scorer for LazyUnion {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let (mut max, mut sum) = (0.0f32, 0.0f32);
        for s in &mut self.scorers {
            if s.doc() == doc {
                let score = s.score();
                max = max.max(score);
                sum += score;
            }
        }
        match self.combine {
            Combine::Sum => sum,
            Combine::DisjunctionMax { tie_breaker } => max + (sum - max) * tie_breaker,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, DisjunctionMaxQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, DocAddress, Index, IndexWriter};

    /// Two segments of documents made of pseudo-random mixes of a few words.
    fn index() -> (tantivy::Searcher, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let words = ["kremlin", "peskov", "moscow", "talks", "summit"];
        let mut state = 7u64;
        for segment in 0..2 {
            for _ in 0..3_000 {
                let mut text = Vec::new();
                for w in words {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let repeats = (state >> 60) % 4;
                    for _ in 0..(repeats.saturating_sub(segment)) {
                        text.push(w);
                    }
                }
                writer.add_document(doc!(body => text.join(" "))).unwrap();
            }
            writer.commit().unwrap();
        }
        (index.reader().unwrap().searcher(), body)
    }

    fn term(field: tantivy::schema::Field, word: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, word),
            IndexRecordOption::WithFreqs,
        ))
    }

    fn top(searcher: &tantivy::Searcher, q: &dyn Query) -> (usize, Vec<(Score, DocAddress)>) {
        let top = TopDocs::with_limit(50).order_by_score();
        searcher.search(q, &(Count, top)).unwrap()
    }

    #[test]
    fn scores_and_counts_as_tantivys_unions() {
        let (searcher, body) = index();
        let words = ["kremlin", "talks", "summit"];
        let clauses = || words.iter().map(|w| term(body, w)).collect::<Vec<_>>();
        let sum = LazyUnionQuery::new(clauses(), Combine::Sum);
        let boolean =
            BooleanQuery::new(clauses().into_iter().map(|q| (Occur::Should, q)).collect());
        assert_eq!(top(&searcher, &sum), top(&searcher, &boolean));
        let max = LazyUnionQuery::new(clauses(), Combine::DisjunctionMax { tie_breaker: 0.1 });
        let dismax = DisjunctionMaxQuery::with_tie_breaker(clauses(), 0.1);
        assert_eq!(top(&searcher, &max), top(&searcher, &dismax));
    }

    #[test]
    fn seeks_inside_intersections_and_exclusions() {
        let (searcher, body) = index();
        let union = || -> Box<dyn Query> {
            Box::new(LazyUnionQuery::new(
                vec![term(body, "kremlin"), term(body, "summit")],
                Combine::Sum,
            ))
        };
        let boolean = || -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, term(body, "kremlin")),
                (Occur::Should, term(body, "summit")),
            ]))
        };
        let nested = |u: Box<dyn Query>| {
            BooleanQuery::new(vec![
                (Occur::Must, u),
                (Occur::Must, term(body, "peskov")),
                (Occur::MustNot, term(body, "moscow")),
            ])
        };
        let (count, hits) = top(&searcher, &nested(union()));
        assert!(count > 0, "the words co-occur in the generated documents");
        assert_eq!((count, hits), top(&searcher, &nested(boolean())));
        // And counting without scores agrees.
        let counted = searcher.search(&nested(union()), &Count).unwrap();
        assert_eq!(counted, count);
    }
}
