//! The baseline: tantivy's own More Like This on the same index, for comparison.

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::Term;

use super::SimilarTo;
use crate::search::request::{SearchRequest, SearchResults};
use crate::{NewsIndex, Result};

impl NewsIndex {
    /// tantivy's [`MoreLikeThisQuery`] of `to` over this index's word fields, as a baseline for
    /// [`NewsIndex::similar`]: the document's text is analyzed by each language's analyzer, its
    /// 25 best terms by tf-idf (tantivy's defaults, except that a term counts from its first
    /// occurrence in the document and in the index: news texts are short) are searched as one
    /// disjunction. It has no entity keys and no translations, so it finds few documents in other
    /// languages. The request's filters, limit and offset apply; no snippets, no explanations.
    pub fn more_like_this(
        &self,
        to: SimilarTo<'_>,
        request: &SearchRequest,
    ) -> Result<SearchResults> {
        crate::error::catch_panic("more_like_this", || {
            let filters = self.similar_filters(request)?;
            let searcher = self.reader.searcher();
            let source = self.similar_source(&searcher, to)?;
            let (id, text) = (source.id, source.text);
            let f = &self.fields;
            let mut fields: Vec<_> = f.text.to_vec();
            fields.push(f.text_und);
            let values = fields
                .into_iter()
                .map(|field| (field, vec![OwnedValue::Str(text.clone())]))
                .collect();
            let mlt = MoreLikeThisQuery::builder()
                .with_min_doc_frequency(1)
                .with_min_term_frequency(1)
                .with_document_fields(values);
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(mlt))];
            clauses.extend(
                self.filter_queries(&filters)
                    .into_iter()
                    .map(|q| (Occur::Must, q)),
            );
            if let Some(id) = &id {
                let term = Term::from_field_text(f.id, id);
                clauses.push((
                    Occur::MustNot,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                ));
            }
            let limit = request.limit.min(10_000);
            let offset = request.offset.min(100_000);
            let top = TopDocs::with_limit(limit)
                .and_offset(offset)
                .order_by_score();
            let (total, top) = searcher.search(&BooleanQuery::new(clauses), &(Count, top))?;
            let stats = self.corpus_statistics(&searcher)?;
            let hits = top
                .into_iter()
                .map(|(score, addr)| self.hit(&searcher, &stats, score, addr, None, &[]))
                .collect::<Result<Vec<_>>>()?;
            Ok(SearchResults {
                total,
                hits,
                ..SearchResults::default()
            })
        })
    }
}
