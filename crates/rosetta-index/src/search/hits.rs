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

use super::cursor::Cursor;
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
    ) -> Result<Hit> {
        let mut doc: StoredFields = searcher.doc(addr)?;
        let f = &self.fields;
        let mut lang = doc.take_text(f.lang);
        if lang.is_empty() {
            // Older indexes store the code; newer ones keep it only in the fast field.
            lang = corpus.language_code(searcher, addr).to_string();
        }
        let title = doc.take_text(f.title);
        let (snippet, passage) = match snippets {
            Some((terms, (open, close))) => {
                let body = doc.text(f.body);
                let source = if body.is_empty() { &title } else { body };
                let passage =
                    make_snippet(&self.analyzer, source, Language::from_code(&lang), terms);
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
            lang,
            title,
            snippet,
            passage,
            published,
            source,
            url,
        })
    }
}

/// A stored document as a hit reads it: each field's values, moved out rather than copied from
/// tantivy's general document type (which copies each value into its own storage first).
struct StoredFields(Vec<(Field, StoredValue)>);

enum StoredValue {
    Text(String),
    Date(DateTime),
    /// A value of a type no Rosetta field stores.
    Other,
}

impl StoredFields {
    /// The first text value of `field` (empty if none).
    fn text(&self, field: Field) -> &str {
        self.0
            .iter()
            .find_map(|(f, v)| match v {
                StoredValue::Text(s) if *f == field => Some(s.as_str()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// [`Self::text`], moved out of the document.
    fn take_text(&mut self, field: Field) -> String {
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
    let Some(lang) = preferred else {
        let collector = (Count, top.order_by_score(), aggregations);
        return Ok(searcher.search_with_statistics_provider(query, &collector, stats)?);
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
    Ok(searcher.search_with_statistics_provider(query, &(Count, bonus, aggregations), stats)?)
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
/// `page.sort` then by id.
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
    let collector = SortedCollector {
        sort: page.sort,
        wanted: page.offset.saturating_add(page.limit),
        after: page.after.cloned(),
        bonus,
    };
    let ((total, mut ranked), aggs) =
        searcher.search_with_statistics_provider(query, &(collector, aggregations), stats)?;
    ranked.sort_by(|a, b| a.rank.total_cmp(&b.rank).then_with(|| a.id.cmp(&b.id)));
    let hits = ranked
        .into_iter()
        .skip(page.offset)
        .take(page.limit)
        .map(|r| (r.score, r.addr, Cursor::new(page.sort, r.rank, r.id)))
        .collect();
    Ok((total, hits, aggs))
}

/// A document's place in a sorted search.
struct Ranked {
    rank: f64,
    id: String,
    score: f32,
    addr: DocAddress,
}

/// Collects the count and the first `wanted` documents in sort order after a cursor.
struct SortedCollector {
    sort: Sort,
    wanted: usize,
    after: Option<Cursor>,
    bonus: Option<super::statistics::LanguageBits>,
}

/// A candidate within a segment: (rank, id ordinal, doc, score); ordinals follow the ids' byte
/// order within a segment.
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
    segment_ord: u32,
    dates: Option<Column<DateTime>>,
    ids: Option<StrColumn>,
    bonus: Option<Arc<Vec<u64>>>,
    count: usize,
    heap: std::collections::BinaryHeap<Candidate>,
}

impl SortedSegmentCollector {
    fn id(&self, ord: u64) -> String {
        let mut id = String::new();
        if let Some(ids) = &self.ids {
            let _ = ids.ord_to_str(ord, &mut id);
        }
        id
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
        Ok(SortedSegmentCollector {
            sort: self.sort,
            wanted: self.wanted,
            after: self.after.clone(),
            segment_ord,
            dates: fast.date("published").ok(),
            ids: fast.str("id")?,
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
        all.sort_by(|a, b| a.rank.total_cmp(&b.rank).then_with(|| a.id.cmp(&b.id)));
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
        let ord = self
            .ids
            .as_ref()
            .and_then(|ids| ids.ords().first(doc))
            .unwrap_or(u64::MAX);
        if let Some(after) = &self.after {
            if !after.is_before(rank, || self.id(ord)) {
                return;
            }
        }
        let candidate = Candidate(rank, ord, doc, score);
        if self.heap.len() < self.wanted {
            self.heap.push(candidate);
        } else if self.heap.peek().is_some_and(|worst| candidate < *worst) {
            self.heap.pop();
            self.heap.push(candidate);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let ranked = self
            .heap
            .iter()
            .map(|c| Ranked {
                rank: c.0,
                id: self.id(c.1),
                score: if self.sort == Sort::Relevance {
                    c.3
                } else {
                    0.0
                },
                addr: DocAddress::new(self.segment_ord, c.2),
            })
            .collect();
        (self.count, ranked)
    }
}
