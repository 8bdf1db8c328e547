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

/// Which entity keys dominate which in a segment (see [`drop_redundant_keys`]), remembered
/// across searches: a name searched again skips the comparison of its keys' postings, which cost
/// as much as merging them. Segments never change, so an answer stays true as long as its
/// segment is searched; Lucene's query cache keeps per-segment results of frequent filters the
/// same way.
#[derive(Debug, Default)]
pub(crate) struct DominanceCache(Mutex<Remembered>);

#[derive(Debug, Default)]
struct Remembered {
    /// Per segment, per dominated key: its possible dominators and whether they dominate it.
    by_segment: FxHashMap<SegmentId, FxHashMap<Term, Vec<(Term, bool)>>>,
    count: usize,
}

/// Comparisons remembered at most (about 100 bytes each).
const MAX_REMEMBERED: usize = 10_000;

impl DominanceCache {
    /// Forgets the segments not in `segments` (merged away or deleted).
    pub(crate) fn retain_segments(&self, segments: &[SegmentId]) {
        let mut cache = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache.by_segment.retain(|id, _| segments.contains(id));
        cache.count = cache
            .by_segment
            .values()
            .flat_map(|keys| keys.values())
            .map(Vec::len)
            .sum();
    }

    fn get(&self, segment: SegmentId, key: &Term, by: &Term) -> Option<bool> {
        let cache = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let known = cache.by_segment.get(&segment)?.get(key)?;
        known.iter().find(|(t, _)| t == by).map(|&(_, d)| d)
    }

    fn put(&self, segment: SegmentId, key: &Term, by: &Term, dominated: bool) {
        let mut cache = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if cache.count < MAX_REMEMBERED {
            cache.count += 1;
            let known = cache.by_segment.entry(segment).or_default();
            known
                .entry(key.clone())
                .or_default()
                .push((by.clone(), dominated));
        }
    }
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

/// Leaves out the entity keys that another key of the word dominates in this segment: it weighs
/// at least as much, and every document of the left-out key has it too, at least as often.
///
/// Documents carry every variant key of an ambiguous spelling (`بيسكوف` gives all the readings
/// of its letters), and a name's gazetteer key comes with its precise and recall keys, so a
/// word's keys often match the same documents. In one field, with frequencies no greater and a
/// weight no greater, a key's score is never above the dominating key's (BM25 grows with the
/// frequency), and only the best key of a word counts: such a key can never decide a score nor
/// add a match. Weights equal to the last bit count as equal.
fn drop_redundant_keys(
    reader: &SegmentReader,
    terms: &mut Vec<FoundTerm<'_>>,
    cache: &DominanceCache,
) -> tantivy::Result<()> {
    let segment = reader.segment_id();
    let mut redundant = vec![false; terms.len()];
    // Two block readers, reset for each comparison rather than built anew (each is a kilobyte).
    let mut readers: Option<(Field, BlockSegmentPostings, BlockSegmentPostings)> = None;
    for i in 0..terms.len() {
        for j in 0..terms.len() {
            let (a, b) = (&terms[i], &terms[j]);
            let heavier = b.bm25.max_score() > a.bm25.max_score()
                || (b.bm25.max_score() == a.bm25.max_score() && j < i);
            if i == j
                || !a.entity
                || !b.entity
                || redundant[j]
                || !heavier
                || a.term.field() != b.term.field()
                || a.info.doc_freq > b.info.doc_freq
                || a.info.doc_freq < MIN_DOCS_TO_COMPARE
            {
                continue;
            }
            if let Some(dominated) = cache.get(segment, a.term, b.term) {
                if dominated {
                    redundant[i] = true;
                    break;
                }
                continue;
            }
            let field = a.term.field();
            let index = reader.inverted_index(field)?;
            let (x, y) = match &mut readers {
                Some((open, x, y)) if *open == field => {
                    index.reset_block_postings_from_terminfo(&a.info, x)?;
                    index.reset_block_postings_from_terminfo(&b.info, y)?;
                    (x, y)
                }
                _ => {
                    let with_freqs = IndexRecordOption::WithFreqs;
                    let x = index.read_block_postings_from_terminfo(&a.info, with_freqs)?;
                    let y = index.read_block_postings_from_terminfo(&b.info, with_freqs)?;
                    let (_, x, y) = readers.insert((field, x, y));
                    (x, y)
                }
            };
            let dominated = within(x, y);
            cache.put(segment, a.term, b.term, dominated);
            if dominated {
                redundant[i] = true;
                break;
            }
        }
    }
    let mut keep = redundant.iter().map(|r| !r);
    terms.retain(|_| keep.next().unwrap_or(true));
    Ok(())
}

/// Lists shorter than this are merged without comparing them first: opening two block readers
/// to compare would cost about as much as merging them.
const MIN_DOCS_TO_COMPARE: u32 = 64;

/// Whether every document of `a` is in `b`, at least as often (`a` and `b` of one field).
fn within(a: &mut BlockSegmentPostings, b: &mut BlockSegmentPostings) -> bool {
    // A missing frequency (a field without them) reads as 0, so only documents are compared.
    let freq = |p: &BlockSegmentPostings, k: usize| p.freqs().get(k).copied().unwrap_or(0);
    // Position in `b`'s current block.
    let mut k = 0;
    loop {
        let len = a.docs().len();
        if len == 0 {
            return true;
        }
        if k == 0 && a.docs() == b.docs() {
            // The same documents in step (the variants of one spelling): a block at once.
            if (0..len).any(|i| freq(a, i) > freq(b, i)) {
                return false;
            }
            a.advance();
            b.advance();
            continue;
        }
        for i in 0..len {
            let doc = a.docs()[i];
            while b.docs().get(k).is_some_and(|&d| d < doc) {
                k += 1;
                if k == b.docs().len() {
                    b.advance();
                    k = 0;
                }
            }
            if b.docs().get(k) != Some(&doc) || freq(b, k) < freq(a, i) {
                return false;
            }
            k += 1;
            if k == b.docs().len() {
                b.advance();
                k = 0;
            }
        }
        a.advance();
    }
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
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{
        BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, QueryClone, TermQuery,
    };
    use tantivy::schema::{Field, Schema, TEXT};
    use tantivy::{doc, DocAddress, Index, IndexWriter, Searcher};

    const WORDS: [&str; 5] = ["kremlin", "peskov", "moscow", "talks", "the"];

    /// An index of three text fields whose documents hold pseudo-random mixes of [`WORDS`], in
    /// two segments (so that scorers restart per segment).
    fn index() -> (Searcher, [Field; 3]) {
        let mut schema = Schema::builder();
        let fields = ["a", "b", "e"].map(|name| schema.add_text_field(name, TEXT));
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        for i in 0..600 {
            let mut texts = [String::new(), String::new(), String::new()];
            for (f, text) in texts.iter_mut().enumerate() {
                for _ in 0..next(9) {
                    let word = WORDS[next(5) as usize];
                    text.push_str(word);
                    text.push(' ');
                    if f == 2 {
                        // A twin of each entity key, with the same postings (as the variant
                        // keys of an ambiguous spelling); a key on every other `kremlin`
                        // (fewer documents, never more often); one twice per `talks` (the same
                        // documents, more often).
                        text.push_str(word);
                        text.push_str("twin ");
                        if word == "kremlin" && next(2) == 0 {
                            text.push_str("kremlinhalf ");
                        }
                        if word == "talks" {
                            text.push_str("talksdouble talksdouble ");
                        }
                    }
                }
            }
            let [a, b, e] = texts;
            writer
                .add_document(doc!(fields[0] => a, fields[1] => b, fields[2] => e))
                .unwrap();
            if i == 300 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        (index.reader().unwrap().searcher(), fields)
    }

    fn alternative(field: Field, word: &str, boost: f32) -> Alternative {
        Alternative {
            term: Term::from_field_text(field, word),
            boost,
            locations: None,
        }
    }

    /// The same group as tantivy's own queries: what `WordGroupQuery` replaced.
    fn nested(group: &WordGroupQuery) -> Box<dyn Query> {
        let term = |a: &Alternative| -> Box<dyn Query> {
            let q = Box::new(TermQuery::new(a.term.clone(), IndexRecordOption::WithFreqs));
            if a.boost == 1.0 {
                q
            } else {
                Box::new(BoostQuery::new(q, a.boost))
            }
        };
        let mut alternatives: Vec<Box<dyn Query>> = group.alternatives.iter().map(term).collect();
        if !group.entity_keys.is_empty() {
            let keys = group.entity_keys.iter().map(term).collect();
            alternatives.push(Box::new(DisjunctionMaxQuery::new(keys)));
        }
        Box::new(DisjunctionMaxQuery::with_tie_breaker(
            alternatives,
            group.tie_breaker,
        ))
    }

    fn top(searcher: &Searcher, query: &dyn Query) -> (usize, Vec<(Score, DocAddress)>) {
        let collector = (Count, TopDocs::with_limit(1000).order_by_score());
        searcher.search(query, &collector).unwrap()
    }

    fn groups(fields: [Field; 3]) -> Vec<WordGroupQuery> {
        let [a, b, e] = fields;
        vec![
            WordGroupQuery::new(
                vec![
                    alternative(a, "kremlin", 1.0),
                    alternative(b, "kremlin", 0.3),
                ],
                vec![
                    alternative(e, "kremlin", 1.0),
                    alternative(e, "moscow", 0.4),
                ],
                0.1,
                Arc::default(),
            ),
            WordGroupQuery::new(
                vec![alternative(b, "peskov", 0.5)],
                Vec::new(),
                0.1,
                Arc::default(),
            ),
            WordGroupQuery::new(
                Vec::new(),
                vec![alternative(e, "peskov", 0.9), alternative(e, "talks", 1.0)],
                0.1,
                Arc::default(),
            ),
            WordGroupQuery::new(
                vec![alternative(a, "the", 1.0), alternative(a, "absent", 1.0)],
                vec![alternative(e, "the", 0.4)],
                0.1,
                Arc::default(),
            ),
            // `kremlinhalf` is dominated by `kremlin`; `talksdouble` is lighter than `talks`
            // but more frequent, so it stays.
            WordGroupQuery::new(
                vec![alternative(a, "kremlin", 1.0)],
                vec![
                    alternative(e, "kremlin", 1.0),
                    alternative(e, "kremlinhalf", 0.3),
                    alternative(e, "talks", 0.4),
                    alternative(e, "talksdouble", 0.3),
                ],
                0.1,
                Arc::default(),
            ),
            // Twins: the lighter of each pair never decides a score.
            WordGroupQuery::new(
                vec![alternative(a, "peskov", 1.0)],
                vec![
                    alternative(e, "peskov", 0.9),
                    alternative(e, "peskovtwin", 1.0),
                    alternative(e, "talks", 0.4),
                    alternative(e, "talkstwin", 0.4),
                ],
                0.1,
                Arc::default(),
            ),
        ]
    }

    #[test]
    fn keys_a_heavier_key_dominates_are_left_out() {
        let (searcher, fields) = index();
        let mut groups = groups(fields);
        let twins = groups.pop().unwrap();
        let subsets = groups.pop().unwrap();
        // Twins: `a:peskov`, `e:peskovtwin` and one of the `talks` twins. Subsets: all but
        // `e:kremlinhalf`.
        for (group, kept) in [(twins, 3), (subsets, 4)] {
            let weight = group
                .group_weight(EnableScoring::enabled_from_searcher(&searcher))
                .unwrap();
            // The second time round, from the remembered comparisons.
            for round in 0..2 {
                for segment in searcher.segment_readers() {
                    let scorer = weight.group_scorer(segment, 1.0).unwrap();
                    assert_eq!(scorer.cursors.len(), kept, "round {round}: {group:?}");
                }
                let remembered = group.dominance.0.lock().unwrap().count;
                assert!(remembered >= 2, "{remembered} comparisons remembered");
            }
        }
    }

    #[test]
    fn scores_as_tantivys_disjunction_max() {
        let (searcher, fields) = index();
        for group in groups(fields) {
            let (count, hits) = top(&searcher, &group);
            assert!(count > 20, "{group:?} matches {count}");
            assert_eq!((count, hits), top(&searcher, &*nested(&group)), "{group:?}");
            // Where the terms are, as the search looks them up first: the same.
            let located = |list: &[Alternative]| -> Vec<Alternative> {
                list.iter()
                    .map(|a| Alternative {
                        locations: Some(locate(&searcher, &a.term).unwrap().1),
                        ..a.clone()
                    })
                    .collect()
            };
            let group = WordGroupQuery::new(
                located(&group.alternatives),
                located(&group.entity_keys),
                group.tie_breaker,
                Arc::default(),
            );
            assert_eq!(top(&searcher, &group), top(&searcher, &*nested(&group)));
        }
    }

    #[test]
    fn seeks_and_scores_within_boolean_queries() {
        let (searcher, fields) = index();
        let groups = groups(fields);
        for (first, second) in [(0, 1), (0, 2), (1, 3), (2, 3)] {
            let boosted =
                |q: Box<dyn Query>| -> Box<dyn Query> { Box::new(BoostQuery::new(q, 0.5)) };
            let ours = BooleanQuery::new(vec![
                (Occur::Must, groups[first].box_clone()),
                (Occur::Must, boosted(groups[second].box_clone())),
            ]);
            let theirs = BooleanQuery::new(vec![
                (Occur::Must, nested(&groups[first])),
                (Occur::Must, boosted(nested(&groups[second]))),
            ]);
            let (count, hits) = top(&searcher, &ours);
            assert!(count > 0, "groups {first} and {second} match nothing");
            assert_eq!((count, hits), top(&searcher, &theirs));
            let excluded = BooleanQuery::new(vec![
                (Occur::Must, groups[first].box_clone()),
                (Occur::MustNot, groups[second].box_clone()),
            ]);
            let theirs = BooleanQuery::new(vec![
                (Occur::Must, nested(&groups[first])),
                (Occur::MustNot, nested(&groups[second])),
            ]);
            assert_eq!(top(&searcher, &excluded), top(&searcher, &theirs));
        }
    }

    #[test]
    fn forgets_the_segments_no_longer_searched() {
        let (searcher, fields) = index();
        let group = groups(fields).pop().unwrap();
        let weight = group
            .group_weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let segments: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|s| {
                weight.group_scorer(s, 1.0).unwrap();
                s.segment_id()
            })
            .collect();
        assert_eq!(segments.len(), 2);
        let both = group.dominance.0.lock().unwrap().count;
        group.dominance.retain_segments(&segments[..1]);
        let cache = group.dominance.0.lock().unwrap();
        assert!(
            cache.count > 0 && cache.count < both,
            "{} of {both}",
            cache.count
        );
        assert!(cache.by_segment.contains_key(&segments[0]));
        assert!(!cache.by_segment.contains_key(&segments[1]));
    }

    #[test]
    fn counts_without_scoring_and_explains() {
        let (searcher, fields) = index();
        for group in groups(fields) {
            assert_eq!(
                group.count(&searcher).unwrap(),
                nested(&group).count(&searcher).unwrap()
            );
            let (_, hits) = top(&searcher, &group);
            let (score, addr) = hits[0];
            let explanation = group.explain(&searcher, addr).unwrap();
            assert_eq!(explanation.value(), score);
        }
    }
}
