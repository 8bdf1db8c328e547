//! Documents like this one, in every language: More Like This over language-independent terms
//! and translated words.
//!
//! Lucene's and tantivy's More Like This pick a document's most telling words, so they stay in its
//! language. Here the document's terms are weighed as More Like This does (term frequency, capped,
//! times inverse document frequency, the best few kept), but over evidence that crosses
//! languages: entity keys (gazetteer ids, then precise and recall transliteration keys) and
//! numbers, which are the same terms in every language, and the document's words with their
//! translations into the languages searched (the translation lexicon).

use std::collections::HashMap;

use rosetta_analysis::entity::EntityTier;
use rosetta_analysis::Language;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Searcher, Term};

use super::hits::StoredFields;
use super::request::{SearchRequest, SearchResults};
use crate::query::{parse_query, Filters};
use crate::{Error, NewsDocument, NewsIndex, Result};
use collapse::{collapse, Candidate};
use profile::{Evidence, Targets};

mod collapse;
mod plain;
mod profile;
mod rescore;

/// Candidates of the first stage read again by the second (see `rescore`), at least. XQuAD dev
/// paragraphs and PUD dev sentences (`scripts/similar_eval.py`) give the same P@1 at 10, 15 and
/// 30; each costs a reading and an analysis, half the time of a search at 30.
const RESCORED: usize = 15;

/// What [`NewsIndex::similar`] looks for documents like.
#[derive(Clone, Copy, Debug)]
pub enum SimilarTo<'a> {
    /// A document of the index, by id (it is left out of the hits).
    Id(&'a str),
    /// A document that need not be in the index (an incoming article).
    Document(&'a NewsDocument),
}

/// What documents are looked for like.
struct Source {
    /// Its id, when it is in the index.
    id: Option<String>,
    addr: Option<DocAddress>,
    /// Its title, a line break, its body.
    text: String,
    lang: Option<Language>,
}

impl NewsIndex {
    /// The documents most like `to`, in any language (or those of `request`'s filters: its query
    /// may hold filters only, such as `lang:ar source:tass`), best first, with the request's
    /// limit, offset and snippets. The document itself and exact copies of it are left out.
    /// Words are also looked for as their translations unless [`SearchRequest::lexicon`] is off;
    /// [`SearchRequest::collapse`] folds near-duplicates. Each hit says what it shares
    /// ([`crate::Hit::shared`]) and, with snippets, which words matched through a translation
    /// ([`crate::Hit::matched`]).
    ///
    /// ```
    /// use rosetta_index::{NewsDocument, NewsIndex, SearchRequest, SimilarTo};
    /// use rosetta_analysis::Language;
    /// let index = NewsIndex::create_in_ram();
    /// let mut writer = index.writer()?;
    /// writer.add_documents(&[
    ///     NewsDocument::new("ro", "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a vorbit în 2025.").with_lang(Language::Romanian),
    ///     NewsDocument::new("ar", "قال المتحدث باسم الكرملين دميتري بيسكوف في 2025").with_lang(Language::Arabic),
    ///     NewsDocument::new("en", "The football season starts in August.").with_lang(Language::English),
    /// ])?;
    /// writer.commit()?;
    /// let like_ro = index.similar(SimilarTo::Id("ro"), &SearchRequest::new(""))?;
    /// assert_eq!(like_ro.hits[0].id, "ar");
    /// assert!(like_ro.hits.iter().all(|h| h.id != "ro" && h.id != "en"));
    /// # Ok::<(), rosetta_index::Error>(())
    /// ```
    pub fn similar(&self, to: SimilarTo<'_>, request: &SearchRequest) -> Result<SearchResults> {
        crate::error::catch_panic("similar", || self.similar_to(to, request))
    }

    fn similar_to(&self, to: SimilarTo<'_>, request: &SearchRequest) -> Result<SearchResults> {
        let wanted = self.similar_filters(request)?;
        let searcher = self.reader.searcher();
        let source = self.similar_source(&searcher, to)?;
        let profile = self.profile(
            &searcher,
            &source.text,
            source.lang,
            &Targets::of(&wanted, request.lexicon),
        )?;
        if profile.evidence.is_empty() {
            return Ok(SearchResults::default());
        }
        // The candidates as one disjunction of terms; the document itself is dropped from them
        // afterwards, by its address (its exact copies by their text).
        let similar = candidates_query(&profile.evidence);
        let filters = self.filter_queries(&wanted);
        let query: Box<dyn Query> = if filters.is_empty() {
            Box::new(similar)
        } else {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(similar))];
            clauses.extend(filters.into_iter().map(|q| (Occur::Must, q)));
            Box::new(BooleanQuery::new(clauses))
        };
        let limit = request.limit.min(10_000);
        let offset = request.offset.min(100_000);
        let body_of = |s: &str| s.split_once('\n').map_or(s, |(_, b)| b).trim().to_string();
        let source_body = body_of(&source.text);
        // The candidates read again: at least RESCORED, a few more for the document itself and
        // its exact copies, more when those are many (a story republished word for word).
        // Collapsing needs more, as near-duplicates fold into one hit.
        let folded = if request.collapse { 3 } else { 1 };
        let want = ((limit + offset) * folded).max(RESCORED);
        let mut pool = want + 6;
        let (total, chosen) = loop {
            let top = TopDocs::with_limit(pool).order_by_score();
            let (mut total, top) = searcher.search(&query, &(Count, top))?;
            let exhausted = top.len() < pool;
            let mut chosen = Vec::new();
            for (score, addr) in top {
                if chosen.len() == want {
                    break;
                }
                let doc: StoredFields = searcher.doc(addr)?;
                if Some(addr) == source.addr || doc.text(self.fields.body).trim() == source_body {
                    total = total.saturating_sub(1);
                    continue;
                }
                chosen.push((score, addr, doc));
            }
            if chosen.len() == want || exhausted || pool >= 100_000 {
                break (total, chosen);
            }
            pool *= 4;
        };
        let mut terms = crate::snippet::QueryTerms::default();
        if request.snippets {
            for k in profile.evidence.iter().flat_map(|e| &e.keys) {
                let family = if EntityTier::of(&k.term).is_some() {
                    crate::snippet::TermFamily::Entity
                } else {
                    crate::snippet::TermFamily::Text
                };
                terms.add(family, &k.term);
            }
            terms.note_scripts(&source.text);
        }
        let stats = self.corpus_statistics(&searcher)?;
        let f = &self.fields;
        let mut chosen: Vec<Candidate> = chosen
            .into_iter()
            .map(|(_, addr, doc)| {
                let lang = stats.language_code(&searcher, addr).to_string();
                let shared = self.shared(
                    &doc,
                    Language::from_code(&lang),
                    &profile.evidence,
                    profile.words,
                );
                Candidate {
                    addr,
                    id: doc.text(f.id).to_string(),
                    lang,
                    published: doc.date(f.published).map(|d| d.into_timestamp_secs()),
                    shared,
                }
            })
            .collect();
        // Stable: equal scores keep the first stage's order.
        chosen.sort_by(|a, b| b.shared.score.total_cmp(&a.shared.score));
        let stories = if request.collapse {
            collapse(chosen)
        } else {
            chosen.into_iter().map(|c| (c, Vec::new())).collect()
        };
        let snippets = request
            .snippets
            .then_some((&terms, &request.highlight_tags));
        let bridges = if request.snippets {
            &profile.bridges[..]
        } else {
            &[]
        };
        let mut hits = Vec::new();
        for (c, duplicates) in stories.into_iter().skip(offset).take(limit) {
            let mut hit = self.hit(&searcher, &stats, c.shared.score, c.addr, snippets, bridges)?;
            hit.shared = c.shared.terms;
            hit.duplicates = duplicates;
            hits.push(hit);
        }
        Ok(SearchResults {
            total,
            hits,
            ..SearchResults::default()
        })
    }

    /// The filters of a similar-documents request (its query may hold nothing else).
    fn similar_filters(&self, request: &SearchRequest) -> Result<Filters> {
        let mut parsed = parse_query(&request.query)?;
        if parsed.root.is_some() {
            return Err(Error::InvalidQuery(
                "a similar-documents request takes filters only (lang:, source:, dates)".into(),
            ));
        }
        if let Some(lang) = request.lang {
            parsed.filters.langs = vec![Some(lang)];
        }
        Ok(parsed.filters)
    }

    /// The id (when in the index), title and body (one line, then the rest) and language of what
    /// `to` names.
    fn similar_source(&self, searcher: &Searcher, to: SimilarTo<'_>) -> Result<Source> {
        Ok(match to {
            SimilarTo::Id(id) => self.stored_text(searcher, id)?,
            SimilarTo::Document(doc) => Source {
                id: None,
                addr: None,
                text: format!("{}\n{}", doc.title, doc.body),
                lang: doc.lang,
            },
        })
    }

    /// The document with `id`.
    fn stored_text(&self, searcher: &Searcher, id: &str) -> Result<Source> {
        let term = Term::from_field_text(self.fields.id, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some(&(_, addr)) = top.first() else {
            return Err(Error::InvalidQuery(format!("no document with id {id:?}")));
        };
        let mut doc: StoredFields = searcher.doc(addr)?;
        let stats = self.corpus_statistics(searcher)?;
        let lang = Language::from_code(stats.language_code(searcher, addr));
        let title = doc.take_text(self.fields.title);
        let body = doc.take_text(self.fields.body);
        Ok(Source {
            id: Some(id.to_string()),
            addr: Some(addr),
            text: format!("{title}\n{body}"),
            lang,
        })
    }
}

/// The query that finds the candidates: each key a clause weighted by its evidence (the query
/// terms of More Like This). A term that is a key of several pieces counts with its heaviest.
fn candidates_query(evidence: &[Evidence]) -> BooleanQuery {
    let mut weights: HashMap<(Field, &str), f32> = HashMap::new();
    for k in evidence.iter().flat_map(|e| &e.keys) {
        let w = weights.entry((k.field, k.term.as_str())).or_default();
        *w = w.max(k.weight);
    }
    let mut weights: Vec<_> = weights.into_iter().collect();
    weights.sort_by(|a, b| a.0.cmp(&b.0));
    let clauses = weights
        .into_iter()
        .map(|((field, term), weight)| {
            let term = TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            );
            let q: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(term), weight));
            (Occur::Should, q)
        })
        .collect();
    BooleanQuery::new(clauses)
}
