//! Collecting the best documents and reading them as hits.

use std::sync::Arc;

use rosetta_analysis::Language;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::document::{
    DeserializeError, DocumentDeserialize, DocumentDeserializer, ValueDeserialize,
    ValueDeserializer, ValueVisitor,
};
use tantivy::schema::Field;
use tantivy::{DateTime, DocAddress, DocId, Score, Searcher, SegmentReader};

use super::request::Hit;
use super::statistics::{CorpusStatistics, QueryStatistics};
use crate::snippet::{make_snippet, QueryTerms, Snippet};
use crate::{NewsIndex, Result};
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::AggregationCollector;

pub(super) use crate::query::weights::SAME_LANGUAGE_BONUS;

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
            duplicates: Vec::new(),
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
    pub(super) fn date(&self, field: Field) -> Option<DateTime> {
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
            Some(bits) if bits.contains(doc) => score + SAME_LANGUAGE_BONUS,
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
