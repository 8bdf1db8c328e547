//! Sorted results and deep paging: a collector that orders matches by relevance or publication
//! date, ties broken as cursors say, and continues after a cursor.

use std::sync::Arc;

use rosetta_analysis::Language;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn, TermOrdHit};
use tantivy::query::Query;
use tantivy::schema::{Field, Value};
use tantivy::{DateTime, DocAddress, DocId, Score, Searcher, SegmentReader, TantivyDocument};

use super::cursor::{Cursor, TieBreak};
use super::hits::SAME_LANGUAGE_BONUS;
use super::request::Sort;
use super::statistics::QueryStatistics;
use crate::Result;

/// The count, the hits (score, address), the cursor of the last hit and the aggregations of a
/// sorted search.
pub(super) type SortedHits = (
    usize,
    Vec<(f32, DocAddress)>,
    Option<Cursor>,
    Option<AggregationResults>,
);

/// Which hits of a sorted search to return.
pub(super) struct Page<'a> {
    pub(super) sort: Sort,
    pub(super) limit: usize,
    pub(super) offset: usize,
    pub(super) after: Option<&'a Cursor>,
    pub(super) preferred: Option<Language>,
}

/// The count, the page's hits (score, address), the last hit's cursor and the aggregations of
/// `query`, sorted by `page.sort`, ties broken as [`Cursor`] says. `id_field` is the stored id.
pub(super) fn sorted_hits(
    searcher: &Searcher,
    id_field: Field,
    stats: &QueryStatistics<'_>,
    query: &dyn Query,
    page: Page<'_>,
    aggregations: Option<AggregationCollector>,
) -> Result<SortedHits> {
    let bonus = page
        .preferred
        .filter(|_| page.sort == Sort::Relevance)
        .map(|lang| stats.corpus.documents_in(searcher, lang).clone());
    // A relevance cursor names its segment: where is it in this searcher, if still there?
    let after_segment = page.after.and_then(|c| match &c.tie {
        TieBreak::Address { segment, .. } => searcher
            .segment_readers()
            .iter()
            .position(|s| s.segment_id().uuid_string() == *segment)
            .map(|ord| ord as u32),
        TieBreak::Id(_) => None,
    });
    let ids = if page.sort == Sort::Relevance {
        Vec::new()
    } else {
        searcher
            .segment_readers()
            .iter()
            .map(|s| {
                (
                    s.segment_id(),
                    stats.corpus.id_column(searcher, s.segment_id()),
                )
            })
            .collect()
    };
    let collector = SortedCollector {
        sort: page.sort,
        wanted: page.offset.saturating_add(page.limit),
        after: page.after.cloned(),
        after_segment,
        bonus,
        ids,
    };
    let ((total, mut ranked), aggs) =
        searcher.search_with_statistics_provider(query, &(collector, aggregations), stats)?;
    let wanted = page.offset.saturating_add(page.limit);
    if page.sort != Sort::Relevance {
        order_ties_across_segments(searcher, id_field, &mut ranked, wanted)?;
    }
    ranked.truncate(wanted);
    let page_hits: Vec<Ranked> = ranked.into_iter().skip(page.offset).collect();
    let last_cursor = match page_hits.last() {
        None => None,
        Some(r) => {
            let tie = if page.sort == Sort::Relevance {
                TieBreak::Address {
                    segment: searcher
                        .segment_reader(r.addr.segment_ord)
                        .segment_id()
                        .uuid_string(),
                    doc: r.addr.doc_id,
                }
            } else {
                TieBreak::Id(stored_id(searcher, id_field, r.addr)?)
            };
            Some(Cursor::new(page.sort, r.rank, tie))
        }
    };
    let hits = page_hits.into_iter().map(|r| (r.score, r.addr)).collect();
    Ok((total, hits, last_cursor, aggs))
}

/// A document's id, from the document store: reading it there (a cached, LZ4 block) costs far
/// less than from the `id` column's dictionary (a zstd block, with a decoder made per read).
fn stored_id(searcher: &Searcher, id_field: Field, addr: DocAddress) -> Result<String> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    Ok(doc
        .get_first(id_field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string())
}

/// Date sorts break ties by id. Within a segment the id ordinals say that already; documents of
/// different segments with equal dates are ordered by their ids here, for the runs of equal rank
/// that reach into the first `wanted` hits.
fn order_ties_across_segments(
    searcher: &Searcher,
    id_field: Field,
    ranked: &mut [Ranked],
    wanted: usize,
) -> Result<()> {
    let mut start = 0;
    while start < ranked.len().min(wanted) {
        let rank = ranked[start].rank;
        let end = start + ranked[start..].partition_point(|r| r.rank == rank);
        let run = &mut ranked[start..end];
        let segment = run[0].addr.segment_ord;
        if run.iter().any(|r| r.addr.segment_ord != segment) {
            let mut keyed = Vec::with_capacity(run.len());
            for r in run.iter() {
                keyed.push((stored_id(searcher, id_field, r.addr)?, r.addr));
            }
            keyed.sort();
            let order: Vec<DocAddress> = keyed.into_iter().map(|(_, addr)| addr).collect();
            run.sort_by_key(|r| order.iter().position(|a| *a == r.addr));
        }
        start = end;
    }
    Ok(())
}

/// The cursor of a hit of a relevance search made with tantivy's top-docs collector (which
/// orders equal scores by address, as [`SortedCollector`] does).
pub(super) fn relevance_cursor(searcher: &Searcher, score: f32, addr: DocAddress) -> Cursor {
    let segment = searcher.segment_reader(addr.segment_ord).segment_id();
    Cursor::new(
        Sort::Relevance,
        Cursor::rank(Sort::Relevance, score, None),
        TieBreak::Address {
            segment: segment.uuid_string(),
            doc: addr.doc_id,
        },
    )
}

/// A document's place in a sorted search.
struct Ranked {
    rank: f64,
    /// What breaks ties within its segment: the id's ordinal (date sorts) or the document.
    tie: u64,
    score: f32,
    addr: DocAddress,
}

/// Collects the count and the first `wanted` documents in sort order after a cursor.
struct SortedCollector {
    sort: Sort,
    wanted: usize,
    after: Option<Cursor>,
    /// The ordinal of a relevance cursor's segment in this searcher.
    after_segment: Option<u32>,
    bonus: Option<super::statistics::LanguageBits>,
    /// Each segment's `id` column (date sorts).
    ids: Vec<(tantivy::index::SegmentId, Option<StrColumn>)>,
}

/// A candidate within a segment: (rank, tie-breaker, doc, score). The tie-breaker is the id's
/// ordinal for date sorts (ordinals follow the ids' byte order within a segment), the doc itself
/// for relevance.
#[derive(PartialEq)]
struct Candidate(f64, u64, DocId, f32);

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

struct SortedSegmentCollector {
    sort: Sort,
    wanted: usize,
    after: Option<Cursor>,
    after_segment: Option<u32>,
    segment_ord: u32,
    dates: Option<Column<DateTime>>,
    /// The `id` column (date sorts), opened once per index version.
    ids: Option<StrColumn>,
    /// Where an id cursor falls among this segment's ids (see [`id_position`]).
    after_id: Option<u128>,
    bonus: Option<Arc<super::statistics::SegmentLanguage>>,
    count: usize,
    heap: std::collections::BinaryHeap<Candidate>,
}

impl SortedSegmentCollector {
    fn ids(&self) -> Option<&StrColumn> {
        self.ids.as_ref()
    }

    /// What breaks `doc`'s ties within the segment.
    fn tie_key(&self, doc: DocId) -> u64 {
        match self.sort {
            Sort::Relevance => u64::from(doc),
            _ => self
                .ids()
                .and_then(|ids| ids.ords().first(doc))
                .unwrap_or(u64::MAX),
        }
    }

    /// How the cursor's tie-breaker compares with `doc`'s (the ranks being equal).
    fn cursor_vs(&self, tie: &TieBreak, doc: DocId) -> std::cmp::Ordering {
        match tie {
            TieBreak::Id(_) => {
                let doc_position = 2 * u128::from(self.tie_key(doc)) + 1;
                self.after_id.unwrap_or(0).cmp(&doc_position)
            }
            TieBreak::Address {
                doc: cursor_doc, ..
            } => match self.after_segment {
                Some(segment) => (segment, *cursor_doc).cmp(&(self.segment_ord, doc)),
                // The cursor's segment was merged away: ties cannot be told apart any more.
                None => std::cmp::Ordering::Less,
            },
        }
    }
}

/// Where `id` falls among the ids of a segment's `id` column, comparable with `2 * ord + 1` for
/// the id of ordinal `ord`: `2 * ord + 1` when the segment has it, `2 * next` when it lies just
/// before the id of ordinal `next`. One dictionary lookup per segment instead of one per tie.
fn id_position(ids: &StrColumn, id: &str) -> tantivy::Result<u128> {
    Ok(match ids.dictionary().term_ord_or_next(id)? {
        TermOrdHit::Exact(ord) => 2 * u128::from(ord) + 1,
        TermOrdHit::Next(ord) => 2 * u128::from(ord),
    })
}

impl Collector for SortedCollector {
    type Fruit = (usize, Vec<Ranked>);
    type Child = SortedSegmentCollector;

    fn for_segment(
        &self,
        segment_ord: u32,
        segment: &SegmentReader,
    ) -> tantivy::Result<SortedSegmentCollector> {
        let fast = segment.fast_fields();
        let bonus = self.bonus.as_ref().and_then(|bits| {
            bits.iter()
                .find(|(id, _)| *id == segment.segment_id())
                .map(|(_, b)| Arc::clone(b))
        });
        let by_date = self.sort != Sort::Relevance;
        let ids = self
            .ids
            .iter()
            .find(|(id, _)| *id == segment.segment_id())
            .and_then(|(_, c)| c.clone());
        let after_id = match (&self.after, &ids) {
            (
                Some(Cursor {
                    tie: TieBreak::Id(id),
                    ..
                }),
                Some(ids),
            ) => Some(id_position(ids, id)?),
            _ => None,
        };
        Ok(SortedSegmentCollector {
            sort: self.sort,
            wanted: self.wanted,
            after: self.after.clone(),
            after_segment: self.after_segment,
            segment_ord,
            dates: if by_date {
                fast.date("published").ok()
            } else {
                None
            },
            ids,
            after_id,
            bonus,
            count: 0,
            heap: std::collections::BinaryHeap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<(usize, Vec<Ranked>)>) -> tantivy::Result<Self::Fruit> {
        let total = fruits.iter().map(|f| f.0).sum();
        let mut all: Vec<Ranked> = fruits.into_iter().flat_map(|f| f.1).collect();
        // Ties across segments of a date sort are ordered by id afterwards (see
        // `order_ties_across_segments`), which needs every candidate of a run: no truncation.
        all.sort_by(|a, b| {
            a.rank
                .total_cmp(&b.rank)
                .then_with(|| a.addr.segment_ord.cmp(&b.addr.segment_ord))
                .then_with(|| a.tie.cmp(&b.tie))
        });
        Ok((total, all))
    }
}

impl SegmentCollector for SortedSegmentCollector {
    type Fruit = (usize, Vec<Ranked>);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.count += 1;
        if self.wanted == 0 {
            return;
        }
        let score = match &self.bonus {
            Some(bits) if bits.contains(doc) => score + SAME_LANGUAGE_BONUS,
            _ => score,
        };
        let date = self
            .dates
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|d| d.into_timestamp_secs());
        let rank = Cursor::rank(self.sort, score, date);
        // Most documents of a large result are worse than the worst kept: no id read for them.
        if self.heap.len() >= self.wanted && self.heap.peek().is_some_and(|worst| rank > worst.0) {
            return;
        }
        if let Some(after) = &self.after {
            if !after.is_before(rank, |tie| self.cursor_vs(tie, doc)) {
                return;
            }
        }
        let candidate = Candidate(rank, self.tie_key(doc), doc, score);
        if self.heap.len() < self.wanted {
            self.heap.push(candidate);
        } else if self.heap.peek().is_some_and(|worst| candidate < *worst) {
            self.heap.pop();
            self.heap.push(candidate);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let by_date = self.sort != Sort::Relevance;
        let ranked = self
            .heap
            .iter()
            .map(|c| Ranked {
                rank: c.0,
                tie: c.1,
                score: if by_date { 0.0 } else { c.3 },
                addr: DocAddress::new(self.segment_ord, c.2),
            })
            .collect();
        (self.count, ranked)
    }
}
