//! Entity keys of a word that another of its keys dominates in a segment, left out of its
//! scorer, and the comparisons remembered across searches.

use super::*;

/// Which entity keys dominate which in a segment (see [`drop_redundant_keys`]), remembered
/// across searches: a name searched again skips the comparison of its keys' postings, which cost
/// as much as merging them. Segments never change, so an answer stays true as long as its
/// segment is searched; Lucene's query cache keeps per-segment results of frequent filters the
/// same way.
#[derive(Debug, Default)]
pub(crate) struct DominanceCache(pub(super) Mutex<Remembered>);

#[derive(Debug, Default)]
pub(super) struct Remembered {
    /// Per segment, per dominated key: its possible dominators and whether they dominate it.
    pub(super) by_segment: FxHashMap<SegmentId, FxHashMap<Term, Vec<(Term, bool)>>>,
    pub(super) count: usize,
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

/// Leaves out the entity keys that another key of the word dominates in this segment: it weighs
/// at least as much, and every document of the left-out key has it too, at least as often.
///
/// Documents carry every variant key of an ambiguous spelling (`بيسكوف` gives all the readings
/// of its letters), and a name's gazetteer key comes with its precise and recall keys, so a
/// word's keys often match the same documents. In one field, with frequencies no greater and a
/// weight no greater, a key's score is never above the dominating key's (BM25 grows with the
/// frequency), and only the best key of a word counts: such a key can never decide a score nor
/// add a match. Weights equal to the last bit count as equal.
pub(super) fn drop_redundant_keys(
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
