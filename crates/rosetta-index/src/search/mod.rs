//! Cross-language search: one query string analyzed by every field's analyzer.
//!
//! Each query word becomes a group of alternatives: its stem in each language's field, its folded
//! form (ranked below exact forms), and its entity keys (so `Песков` finds `Peskov`); within a
//! group only the best alternative counts fully (a disjunction max). All groups and phrases must
//! match; a word that is a stopword in the query's language (in any language, when that is not
//! detected: English `the` is also a Vietnamese syllable) is left out, unless the query has
//! nothing else. When fewer documents than asked for
//! match everything, documents matching some of it follow, ranked below them (a natural-language
//! question rarely has all its words in the answer).
//!
//! When the query's own language can be detected, documents in it get a small bonus, and words
//! read as another language or as entity keys weigh less: a translation shares the story's names,
//! not the user's language. The weights were tuned on the XQuAD dev questions (each question
//! searched against the paragraphs of four languages indexed together); the figures are in the
//! README.

mod aggregate;
mod build;
mod cursor;
mod hits;
mod plan;
mod request;
mod similar;
mod sorted;
mod statistics;
mod words;

pub use request::{Bucket, Facet, Facets, Hit, Interval, SearchRequest, SearchResults, Sort};
pub use similar::SimilarTo;
pub(crate) use statistics::CorpusStatistics;

use std::collections::HashSet;
use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::{DocAddress, Searcher, SegmentReader};

use crate::query::{parse_query, ParsedQuery};
use crate::snippet::QueryTerms;
use crate::{NewsIndex, Result};
use build::assemble;
use hits::top_hits;
use statistics::QueryStatistics;

impl NewsIndex {
    /// Runs `request`. A query that cannot be understood (an unknown field, a bad filter) gives
    /// [`crate::Error::InvalidQuery`] naming its position; any other text is a valid query (an
    /// empty one has no hits).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let mut parsed = parse_query(&request.query)?;
        if let Some(lang) = request.lang {
            parsed.filters.langs = vec![Some(lang)];
        }
        let mut results = crate::error::catch_panic("search", || self.run(&parsed, request))?;
        results.truncated = parsed.truncated;
        Ok(results)
    }

    /// Runs an already parsed query with the options of `request` (its query text is ignored).
    pub fn search_parsed(
        &self,
        parsed: &ParsedQuery,
        request: &SearchRequest,
    ) -> Result<SearchResults> {
        crate::error::catch_panic("search", || self.run(parsed, request))
    }

    fn run(&self, parsed: &ParsedQuery, request: &SearchRequest) -> Result<SearchResults> {
        let limit = request.limit.min(10_000);
        let offset = request.offset.min(100_000);
        let after = request
            .after
            .as_deref()
            .map(|c| cursor::Cursor::parse(c, request.sort))
            .transpose()?;
        let searcher = self.reader.searcher();
        let stats = QueryStatistics::new(
            &searcher,
            self.corpus_statistics(&searcher)?,
            Arc::clone(&self.dominance),
        );
        let mut terms = if request.snippets {
            QueryTerms::default()
        } else {
            QueryTerms::unrecorded()
        };
        let relaxed_allowed = request.relaxed.unwrap_or(!parsed.uses_operators);
        let lexicon = request.lexicon.then(|| self.translation_lexicon());
        let plan = self.plan(parsed, &stats, &mut terms, lexicon, relaxed_allowed)?;
        let mut bridges = plan.bridges.clone();
        let filters = self.filter_queries(&parsed.filters);
        // Documents in the language the query is written in come first among equals: a
        // translation shares the story's names, not the user's language.
        let preferred = plan
            .query_lang
            .filter(|_| parsed.filters.langs.is_empty() && !plan.groups.is_empty());
        if plan.is_empty() && filters.is_empty() {
            return Ok(SearchResults::default());
        }
        let strict = assemble(
            &plan.groups,
            &plan.required,
            &plan.excluded,
            &filters,
            true,
            &stats,
        );
        let aggregations = aggregate::request(request)?;
        if request.sort != Sort::Relevance || after.is_some() {
            let (total, hits, last_cursor, facets) = sorted::sorted_hits(
                &searcher,
                self.fields.id,
                &stats,
                &*strict,
                sorted::Page {
                    sort: request.sort,
                    limit,
                    offset,
                    after: after.as_ref(),
                    preferred,
                },
                aggregations,
            )?;
            let next_cursor = last_cursor
                .filter(|_| hits.len() == limit)
                .map(|c| c.to_string());
            let hits = hits
                .into_iter()
                .map(|(score, addr)| {
                    let found = (&terms, bridges.as_slice());
                    self.hit_for(&searcher, &stats, score, addr, true, request, found)
                })
                .collect::<Result<Vec<_>>>()?;
            return Ok(SearchResults {
                total,
                hits,
                next_cursor,
                facets: aggregate::facets(facets, request)?,
                ..SearchResults::default()
            });
        }
        let (total, mut top, facets) = top_hits(
            &searcher,
            &stats,
            &*strict,
            limit,
            offset,
            preferred,
            aggregations,
        )?;
        top.truncate(limit);
        let full = top.len();
        let mut hits: Vec<(f32, DocAddress)> = top;
        let required_words = plan.groups.iter().filter(|g| !g.optional).count();
        // Translations left for this pass (see `NewsIndex::plan`) join the words' groups now.
        let translated: Vec<words::WordGroup>;
        let mut relaxed_groups = &plan.groups;
        let mut translations = false;
        if let Some(lexicon) = plan.deferred.filter(|_| offset == 0 && hits.len() < limit) {
            let boost = crate::bridge::LEXICON_BOOST_BESIDE_TYPED;
            translated = self.word_groups_of(
                &plan.words,
                plan.query_lang,
                &plan.analyses,
                Some((lexicon, boost)),
                &mut terms,
            );
            if translated.iter().any(|g| !g.bridges.is_empty()) {
                bridges = translated.iter().flat_map(|g| g.bridges.clone()).collect();
                relaxed_groups = &translated;
                translations = true;
            }
        }
        if relaxed_allowed
            && offset == 0
            && hits.len() < limit
            && (required_words + plan.required.len() > 1 || translations)
        {
            let relaxed = assemble(
                relaxed_groups,
                &plan.required,
                &plan.excluded,
                &filters,
                false,
                &stats,
            );
            let (_, more, _) = top_hits(&searcher, &stats, &*relaxed, limit, 0, preferred, None)?;
            // Documents matching every word stay first whatever their score.
            let seen: HashSet<DocAddress> = hits.iter().map(|h| h.1).collect();
            hits.extend(more.into_iter().filter(|h| !seen.contains(&h.1)));
            hits.truncate(limit);
        }
        let next_cursor = match hits.get(full.wrapping_sub(1)) {
            Some(&(score, addr)) if full == limit => {
                Some(sorted::relevance_cursor(&searcher, score, addr).to_string())
            }
            _ => None,
        };
        let hits = hits
            .into_iter()
            .enumerate()
            .map(|(i, (score, addr))| {
                let found = (&terms, bridges.as_slice());
                self.hit_for(&searcher, &stats, score, addr, i < full, request, found)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(SearchResults {
            total,
            hits,
            next_cursor,
            facets: aggregate::facets(facets, request)?,
            ..SearchResults::default()
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn hit_for(
        &self,
        searcher: &Searcher,
        stats: &QueryStatistics<'_>,
        score: f32,
        addr: DocAddress,
        full_match: bool,
        request: &SearchRequest,
        (terms, bridges): (&QueryTerms, &[crate::bridge::Bridge]),
    ) -> Result<Hit> {
        let snippets = request.snippets.then_some((terms, &request.highlight_tags));
        let mut hit = self.hit(searcher, &stats.corpus, score, addr, snippets, bridges)?;
        hit.full_match = full_match;
        Ok(hit)
    }

    /// The corpus figures of `searcher`'s generation, computed on its first search.
    pub(super) fn corpus_statistics(&self, searcher: &Searcher) -> Result<Arc<CorpusStatistics>> {
        let generation = searcher.generation().generation_id();
        let mut cached = self
            .corpus_statistics
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(stats) = cached.as_ref().filter(|s| s.generation == generation) {
            return Ok(Arc::clone(stats));
        }
        let stats = Arc::new(CorpusStatistics::new(searcher, &self.fields)?);
        // Answers about segments this version no longer has can never be asked again.
        let segments: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        self.dominance.retain_segments(&segments);
        *cached = Some(Arc::clone(&stats));
        Ok(stats)
    }
}
