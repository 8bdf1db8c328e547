//! Collecting the best documents and reading them as hits.

use std::sync::Arc;

use rosetta_analysis::Language;
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::Query;
use tantivy::schema::document::{
    DeserializeError, DocumentDeserialize, DocumentDeserializer, ValueDeserialize,
    ValueDeserializer, ValueVisitor,
};
use tantivy::schema::Field;
use tantivy::{DateTime, DocAddress, DocId, Score, Searcher, SegmentReader};

use super::cursor::{Cursor, TieBreak};
use super::request::{Hit, Sort};
use super::statistics::{CorpusStatistics, QueryStatistics};
use crate::snippet::{make_snippet, QueryTerms, Snippet};
use crate::{NewsIndex, Result};
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;

/// Score added to documents in the query's own language (about one well-matched word).
const SAME_LANGUAGE_BONUS: f32 = 2.0;

impl NewsIndex {
    /// The document at `addr` as a hit, with its snippet when `snippets` gives the query's terms
    /// and the highlight tags.
    pub(super) fn hit(
        &self,
        searcher: &Searcher,
        corpus: &CorpusStatistics,
        score: f32,
        addr: DocAddress,
        snippets: Option<(&QueryTerms, &(String, String))>,
        bridges: &[crate::bridge::Bridge],
    ) -> Result<Hit> {
        let mut doc: StoredFields = searcher.doc(addr)?;
        let f = &self.fields;
        let mut lang = doc.take_text(f.lang);
        if lang.is_empty() {
            // Older indexes store the code; newer ones keep it only in the fast field.
            lang = corpus.language_code(searcher, addr).to_string();
        }
        let title = doc.take_text(f.title);
        let mut matched = Vec::new();
        let (snippet, passage) = match snippets {
            Some((terms, (open, close))) => {
                let body = doc.text(f.body);
                let source = if body.is_empty() { &title } else { body };
                let code = Language::from_code(&lang);
                if !bridges.is_empty() {
                    for text in [title.as_str(), body] {
                        crate::bridge::matches(&self.analyzer, text, code, bridges, &mut matched);
                    }
                }
                let passage = make_snippet(&self.analyzer, source, code, terms);
                (passage.to_html(open, close), passage)
            }
            None => (String::new(), Snippet::default()),
        };
        let published = doc.date(f.published).and_then(|d| {
            time::OffsetDateTime::from_unix_timestamp(d.into_timestamp_secs())
                .ok()?
                .format(&time::format_description::well_known::Rfc3339)
                .ok()
        });
        let mut optional = |field: Field| Some(doc.take_text(field)).filter(|s| !s.is_empty());
        let source = optional(f.source);
        let url = optional(f.url);
        Ok(Hit {
            id: doc.take_text(f.id),
            score,
            full_match: true,
            shared: Vec::new(),
            lang,
            title,
            snippet,
            passage,
            matched,
            published,
            source,
            url,
        })
    }
}

/// A stored document as a hit reads it: each field's values, moved out rather than copied from
/// tantivy's general document type (which copies each value into its own storage first).
pub(super) struct StoredFields(Vec<(Field, StoredValue)>);

enum StoredValue {
    Text(String),
    Date(DateTime),
    /// A value of a type no Rosetta field stores.
    Other,
}

impl StoredFields {
    /// The first text value of `field` (empty if none).
    pub(super) fn text(&self, field: Field) -> &str {
        self.0
            .iter()
            .find_map(|(f, v)| match v {
                StoredValue::Text(s) if *f == field => Some(s.as_str()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// [`Self::text`], moved out of the document.
    pub(super) fn take_text(&mut self, field: Field) -> String {
        self.0
            .iter_mut()
            .find_map(|(f, v)| match v {
                StoredValue::Text(s) if *f == field => Some(std::mem::take(s)),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The first date value of `field`.
    fn date(&self, field: Field) -> Option<DateTime> {
        self.0.iter().find_map(|(f, v)| match v {
            StoredValue::Date(d) if *f == field => Some(*d),
            _ => None,
        })
    }
}

impl DocumentDeserialize for StoredFields {
    fn deserialize<'de, D>(mut deserializer: D) -> std::result::Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut fields = Vec::with_capacity(deserializer.size_hint());
        while let Some(field) = deserializer.next_field()? {
            fields.push(field);
        }
        Ok(StoredFields(fields))
    }
}

impl ValueDeserialize for StoredValue {
    fn deserialize<'de, D>(deserializer: D) -> std::result::Result<Self, DeserializeError>
    where
        D: ValueDeserializer<'de>,
    {
        deserializer.deserialize_any(StoredValueVisitor)
    }
}

struct StoredValueVisitor;

impl ValueVisitor for StoredValueVisitor {
    type Value = StoredValue;

    fn visit_string(&self, val: String) -> std::result::Result<StoredValue, DeserializeError> {
        Ok(StoredValue::Text(val))
    }

    fn visit_datetime(&self, val: DateTime) -> std::result::Result<StoredValue, DeserializeError> {
        Ok(StoredValue::Date(val))
    }

    fn visit_null(&self) -> std::result::Result<StoredValue, DeserializeError> {
        Ok(StoredValue::Other)
    }

    fn visit_u64(&self, _: u64) -> std::result::Result<StoredValue, DeserializeError> {
        Ok(StoredValue::Other)
    }

    fn visit_i64(&self, _: i64) -> std::result::Result<StoredValue, DeserializeError> {
        Ok(StoredValue::Other)
    }

    fn visit_f64(&self, _: f64) -> std::result::Result<StoredValue, DeserializeError> {
        Ok(StoredValue::Other)
    }

    fn visit_bool(&self, _: bool) -> std::result::Result<StoredValue, DeserializeError> {
        Ok(StoredValue::Other)
    }

    fn visit_bytes(&self, _: Vec<u8>) -> std::result::Result<StoredValue, DeserializeError> {
        Ok(StoredValue::Other)
    }
}

/// The count and the top `limit` hits (after `offset`) of `query`, with the aggregations asked
/// for; documents in the `preferred` language (the query's) get [`SAME_LANGUAGE_BONUS`] added to
/// their score. The bonus tests a bit per matching document (see
/// [`CorpusStatistics::documents_in`]) rather than adding a query clause: seeking through the
/// posting list of a whole language for each match cost more than the rest of the search.
pub(super) fn top_hits(
    searcher: &Searcher,
    stats: &QueryStatistics<'_>,
    query: &dyn Query,
    limit: usize,
    offset: usize,
    preferred: Option<Language>,
    aggregations: Option<AggregationCollector>,
) -> Result<TopHits> {
    if limit == 0 {
        // Only the count (tantivy's top-docs collector needs a limit of 1+).
        let (total, aggs) =
            searcher.search_with_statistics_provider(query, &(Count, aggregations), stats)?;
        return Ok((total, Vec::new(), aggs));
    }
    let top = TopDocs::with_limit(limit).and_offset(offset);
    // Without aggregations, a pair of collectors: a third, even an empty one, costs a call per
    // matching document.
    let Some(lang) = preferred else {
        let top = top.order_by_score();
        return Ok(match aggregations {
            None => {
                let (count, hits) =
                    searcher.search_with_statistics_provider(query, &(Count, top), stats)?;
                (count, hits, None)
            }
            Some(aggregations) => searcher.search_with_statistics_provider(
                query,
                &(Count, top, Some(aggregations)),
                stats,
            )?,
        });
    };
    let in_language = stats.corpus.documents_in(searcher, lang).clone();
    let bonus = top.tweak_score(move |segment: &SegmentReader| {
        let bits = in_language
            .iter()
            .find(|(id, _)| *id == segment.segment_id())
            .map(|(_, bits)| Arc::clone(bits));
        move |doc: DocId, score: Score| match &bits {
            Some(bits) if bits[doc as usize / 64] & (1 << (doc % 64)) != 0 => {
                score + SAME_LANGUAGE_BONUS
            }
            _ => score,
        }
    });
    Ok(match aggregations {
        None => {
            let (count, hits) =
                searcher.search_with_statistics_provider(query, &(Count, bonus), stats)?;
            (count, hits, None)
        }
        Some(aggregations) => searcher.search_with_statistics_provider(
            query,
            &(Count, bonus, Some(aggregations)),
            stats,
        )?,
    })
}

/// The count, the hits (score, address) and the aggregations of a search.
pub(super) type TopHits = (usize, Vec<(f32, DocAddress)>, Option<AggregationResults>);

/// The count, the hits (score, address, cursor) and the aggregations of a sorted search.
pub(super) type SortedHits = (
    usize,
    Vec<(f32, DocAddress, Cursor)>,
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

/// The count, the page's hits (score, address, cursor) and the aggregations of `query`, sorted by
/// `page.sort`, ties broken as [`Cursor`] says.
pub(super) fn sorted_hits(
    searcher: &Searcher,
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
    let ((total, ranked), aggs) =
        searcher.search_with_statistics_provider(query, &(collector, aggregations), stats)?;
    let hits = ranked
        .into_iter()
        .skip(page.offset)
        .take(page.limit)
        .map(|r| {
            let tie = match r.id {
                Some(id) => TieBreak::Id(id),
                None => TieBreak::Address {
                    segment: searcher
                        .segment_reader(r.addr.segment_ord)
                        .segment_id()
                        .uuid_string(),
                    doc: r.addr.doc_id,
                },
            };
            (r.score, r.addr, Cursor::new(page.sort, r.rank, tie))
        })
        .collect();
    Ok((total, hits, aggs))
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
    /// The id, which breaks ties of date sorts (`None` for relevance: the address does).
    id: Option<String>,
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
    bonus: Option<Arc<Vec<u64>>>,
    count: usize,
    heap: std::collections::BinaryHeap<Candidate>,
}

impl SortedSegmentCollector {
    fn ids(&self) -> Option<&StrColumn> {
        self.ids.as_ref()
    }

    fn id(&self, ord: u64) -> String {
        let mut id = String::new();
        if let Some(ids) = self.ids() {
            let _ = ids.ord_to_str(ord, &mut id);
        }
        id
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
            TieBreak::Id(id) => id.as_str().cmp(&self.id(self.tie_key(doc))),
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
            ids: self
                .ids
                .iter()
                .find(|(id, _)| *id == segment.segment_id())
                .and_then(|(_, c)| c.clone()),
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
        all.sort_by(|a, b| {
            a.rank
                .total_cmp(&b.rank)
                .then_with(|| a.id.cmp(&b.id))
                .then_with(|| a.addr.cmp(&b.addr))
        });
        all.truncate(self.wanted);
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
            Some(bits) if bits[doc as usize / 64] & (1 << (doc % 64)) != 0 => {
                score + SAME_LANGUAGE_BONUS
            }
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
                id: by_date.then(|| self.id(c.1)),
                score: if by_date { 0.0 } else { c.3 },
                addr: DocAddress::new(self.segment_ord, c.2),
            })
            .collect();
        (self.count, ranked)
    }
}
