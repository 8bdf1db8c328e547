//! Documents like this one, in every language: More Like This over language-independent terms.
//!
//! Lucene's and tantivy's More Like This pick a document's most telling words, so they stay in its
//! language. Here the document's terms are weighed as More Like This does (term frequency times
//! inverse document frequency, the best few kept), but the terms that cross languages come first:
//! entity keys (gazetteer ids, then precise and recall transliteration keys) and numbers, which
//! are the same terms in every language, then the document's own words, which find the same
//! story in its own language.

use std::collections::{BTreeMap, HashMap};

use rosetta_analysis::entity::EntityTier;
use rosetta_analysis::{Language, TermKind};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::hits::StoredFields;
use super::request::{SearchRequest, SearchResults};
use crate::query::parse_query;
use crate::{Error, NewsDocument, NewsIndex, Result};

/// At most this many words make the query (More Like This keeps 25 terms by default).
const MAX_QUERY_TERMS: usize = 60;
/// Weight of a term by what it is: a gazetteer entity is the surest sign of the same story, a
/// recall key the weakest of the names; numbers (years, figures) are shared by translations; the
/// document's own words only find its own language.
const GAZETTEER_WEIGHT: f32 = 1.0;
const PRECISE_WEIGHT: f32 = 0.8;
const RECALL_WEIGHT: f32 = 0.3;
const NUMBER_WEIGHT: f32 = 0.7;
const WORD_WEIGHT: f32 = 0.2;
const OTHER_WORD_WEIGHT: f32 = 0.15;

/// What [`NewsIndex::similar`] looks for documents like.
#[derive(Clone, Copy, Debug)]
pub enum SimilarTo<'a> {
    /// A document of the index, by id (it is left out of the hits).
    Id(&'a str),
    /// A document that need not be in the index (an incoming article).
    Document(&'a NewsDocument),
}

/// One word (or name) of the document, as the similarity query looks for it: any of its terms
/// counts, once, with the weight of the best one it matches.
struct Evidence {
    /// (term, the fields it is searched in, its weight), the heaviest first.
    keys: Vec<(String, Vec<Field>, f32)>,
    /// The heaviest key's weight.
    weight: f32,
}

impl NewsIndex {
    /// The documents most like `to`, in any language (or those of `request`'s filters: its query
    /// may hold filters only, such as `lang:ar source:tass`), best first, with the request's
    /// limit, offset and snippets. The document itself and exact copies of it are left out.
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
        let mut parsed = parse_query(&request.query)?;
        if parsed.root.is_some() {
            return Err(Error::InvalidQuery(
                "a similar-documents request takes filters only (lang:, source:, dates)".into(),
            ));
        }
        if let Some(lang) = request.lang {
            parsed.filters.langs = vec![Some(lang)];
        }
        let searcher = self.reader.searcher();
        let (id, text, lang) = match to {
            SimilarTo::Id(id) => {
                let (text, lang) = self.stored_text(&searcher, id)?;
                (Some(id.to_string()), text, lang)
            }
            SimilarTo::Document(doc) => (None, format!("{}\n{}", doc.title, doc.body), doc.lang),
        };
        let evidence = self.evidence(&searcher, &text, lang)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for e in &evidence {
            // Shared evidence counts by its weight, not by how often or in how long a text it
            // occurs: a translation may be twice as long and name Peskov once.
            let mut keys: Vec<Box<dyn Query>> = Vec::new();
            for (text, fields, weight) in &e.keys {
                for &field in fields {
                    let term = Term::from_field_text(field, text);
                    let query = TermQuery::new(term, IndexRecordOption::Basic);
                    keys.push(Box::new(ConstScoreQuery::new(Box::new(query), *weight)));
                }
            }
            clauses.push((Occur::Should, Box::new(DisjunctionMaxQuery::new(keys))));
        }
        if clauses.is_empty() {
            return Ok(SearchResults::default());
        }
        let similar = BooleanQuery::new(clauses);
        let mut filters: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(similar))];
        filters.extend(
            self.filter_queries(&parsed.filters)
                .into_iter()
                .map(|q| (Occur::Must, q)),
        );
        if let Some(id) = &id {
            let term = Term::from_field_text(self.fields.id, id);
            filters.push((
                Occur::MustNot,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        let query = BooleanQuery::new(filters);
        let limit = request.limit.min(10_000);
        let offset = request.offset.min(100_000);
        // A few more than asked, for the exact copies left out.
        let top = TopDocs::with_limit(limit + offset + 5).order_by_score();
        let (total, top) = searcher.search(&query, &(tantivy::collector::Count, top))?;
        let mut terms = crate::snippet::QueryTerms::default();
        for (text, ..) in evidence.iter().flat_map(|e| &e.keys) {
            let family = if EntityTier::of(text).is_some() {
                crate::snippet::TermFamily::Entity
            } else {
                crate::snippet::TermFamily::Text
            };
            terms.add(family, text);
        }
        terms.note_scripts(&text);
        let body_of = |s: &str| s.split_once('\n').map_or(s, |(_, b)| b).trim().to_string();
        let source_body = body_of(&text);
        let mut hits = Vec::new();
        let mut skipped = 0;
        let stats = self.corpus_statistics(&searcher)?;
        let snippets = request
            .snippets
            .then_some((&terms, &request.highlight_tags));
        for (score, addr) in top {
            let hit = self.hit(&searcher, &stats, score, addr, snippets, &[])?;
            let doc: StoredFields = searcher.doc(addr)?;
            if doc.text(self.fields.body).trim() == source_body {
                skipped += 1;
                continue;
            }
            hits.push((hit, doc));
        }
        let hits: Vec<_> = hits
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|(mut hit, doc)| {
                hit.shared = self.shared_terms(&doc, Language::from_code(&hit.lang), &evidence);
                hit
            })
            .collect();
        Ok(SearchResults {
            total: total.saturating_sub(skipped),
            hits,
            ..SearchResults::default()
        })
    }

    /// The title and body of the document with `id`, and its language.
    fn stored_text(&self, searcher: &Searcher, id: &str) -> Result<(String, Option<Language>)> {
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
        Ok((format!("{title}\n{body}"), lang))
    }

    /// The words of `text` that best say what it is about, language-independent terms first.
    fn evidence(
        &self,
        searcher: &Searcher,
        text: &str,
        lang: Option<Language>,
    ) -> Result<Vec<Evidence>> {
        let text = crate::document::truncate(text, crate::SNIPPET_SCAN_BYTES * 4);
        let analysis = self.analyzer.analyze(text, lang);
        let f = &self.fields;
        let own_field = analysis.language.map_or(f.text_und, |l| f.text_of(l));
        // A name the gazetteer knows speaks for its words: their own keys would count it again.
        let named: Vec<(usize, usize)> = analysis
            .tokens
            .iter()
            .filter(|t| EntityTier::of(&t.term) == Some(EntityTier::Gazetteer))
            .map(|t| (t.start, t.end))
            .collect();
        let mut spans: BTreeMap<(usize, usize), Vec<(String, TermKind)>> = BTreeMap::new();
        for t in &analysis.tokens {
            let inside_name = named
                .iter()
                .any(|&(s, e)| s <= t.start && t.end <= e && (s, e) != (t.start, t.end));
            if t.kind == TermKind::Folded || inside_name {
                continue;
            }
            spans
                .entry((t.start, t.end))
                .or_default()
                .push((t.term.clone(), t.kind));
        }
        // The same word said again is the same evidence, more of it.
        let mut words: HashMap<Vec<(String, TermKind)>, u32> = HashMap::new();
        for (_, mut terms) in spans {
            terms.sort_by(|a, b| (&a.0, a.1.as_str()).cmp(&(&b.0, b.1.as_str())));
            terms.dedup();
            *words.entry(terms).or_default() += 1;
        }
        let total_docs = searcher.num_docs().max(1) as f32;
        let mut evidence: Vec<Evidence> = Vec::new();
        for (terms, tf) in words {
            let mut keys = Vec::new();
            for (term, kind) in terms {
                let number = kind != TermKind::Entity
                    && term.len() >= 2
                    && term.chars().all(|c| c.is_ascii_digit());
                let (fields, base) = match (kind, EntityTier::of(&term)) {
                    (TermKind::Entity, Some(EntityTier::Gazetteer)) => {
                        (vec![f.entity], GAZETTEER_WEIGHT)
                    }
                    (TermKind::Entity, Some(EntityTier::Precise)) => {
                        (vec![f.entity], PRECISE_WEIGHT)
                    }
                    (TermKind::Entity, _) => (vec![f.entity], RECALL_WEIGHT),
                    _ if number => {
                        let mut fields: Vec<Field> = f.text.to_vec();
                        fields.push(f.text_und);
                        (fields, NUMBER_WEIGHT)
                    }
                    _ => (vec![own_field], WORD_WEIGHT),
                };
                if kind != TermKind::Entity && !number {
                    // The same term in the other languages' fields: names in lower case, loan
                    // words and cognates (`complex`, `algoritm`), each language stemming alike.
                    let others: Vec<Field> = f
                        .text
                        .iter()
                        .copied()
                        .filter(|&field| field != own_field)
                        .collect();
                    if let Some(key) =
                        self.key(searcher, &term, others, OTHER_WORD_WEIGHT, tf, total_docs)?
                    {
                        keys.push(key);
                    }
                }
                if let Some(key) = self.key(searcher, &term, fields, base, tf, total_docs)? {
                    keys.push(key);
                }
            }
            keys.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
            if let Some(weight) = keys.first().map(|k| k.2) {
                evidence.push(Evidence { keys, weight });
            }
        }
        evidence.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.keys[0].0.cmp(&b.keys[0].0))
        });
        evidence.truncate(MAX_QUERY_TERMS);
        Ok(evidence)
    }

    /// `term` searched in `fields` as a key of evidence: its weight is `base` times its inverse
    /// document frequency (where it is most common) times its frequency in the document, dampened;
    /// `None` when no other document has it or half of them do.
    fn key(
        &self,
        searcher: &Searcher,
        term: &str,
        fields: Vec<Field>,
        base: f32,
        tf: u32,
        total_docs: f32,
    ) -> Result<Option<(String, Vec<Field>, f32)>> {
        let mut df = 0u64;
        for &field in &fields {
            df = df.max(searcher.doc_freq(&Term::from_field_text(field, term))?);
        }
        if df == 0 || df as f32 > total_docs / 2.0 {
            return Ok(None);
        }
        let idf = (1.0 + (total_docs - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
        Ok(Some((
            term.to_string(),
            fields,
            base * idf * (1.0 + (tf as f32).ln()),
        )))
    }

    /// Which of `evidence`'s terms the stored document `doc` has: why it was found.
    fn shared_terms(
        &self,
        doc: &StoredFields,
        lang: Option<Language>,
        evidence: &[Evidence],
    ) -> Vec<String> {
        let text = format!(
            "{}\n{}",
            doc.text(self.fields.title),
            crate::document::truncate(doc.text(self.fields.body), crate::SNIPPET_SCAN_BYTES)
        );
        let analysis = self.analyzer.analyze(&text, lang);
        evidence
            .iter()
            .filter_map(|e| {
                e.keys
                    .iter()
                    .find(|(text, ..)| analysis.tokens.iter().any(|t| t.term == *text))
                    .map(|(text, ..)| text.clone())
            })
            .collect()
    }
}
