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
//! not the user's language. The weights below were tuned on the XQuAD dev questions
//! (`../shared/eval/measure.py xquad`); the figures are in the README.

use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Bound;
use std::sync::{Arc, OnceLock};

use rosetta_analysis::entity::{GAZETTEER_PREFIX, PRECISE_PREFIX};
use rosetta_analysis::translation::TranslationLexicon;
use rosetta_analysis::{Language, TermKind};
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::query::{
    AllQuery, Bm25StatisticsProvider, BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery,
    Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::document::{
    DeserializeError, DocumentDeserialize, DocumentDeserializer, ValueDeserialize,
    ValueDeserializer, ValueVisitor,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, DocAddress, DocId, Score, Searcher, SegmentReader, Term};

use crate::bridge::{translate, Bridge, BridgePhrase, Matched};
use crate::document::{MAX_DATE_SECS, MIN_DATE_SECS};
use crate::query::{parse_query, Filters, ParsedQuery};
use crate::query_analysis::QueryAnalysis;
use crate::schema::lang_slot;
use crate::snippet::{make_snippet, QueryTerms, TermFamily};
use crate::word_group::{locate, Alternative, DominanceCache, TermLocations, WordGroupQuery};
use crate::{NewsIndex, Result};

/// Weight of a match on a folded (diacritic-free) form relative to an exact one.
const FOLDED_BOOST: f32 = 0.3;
/// Weights of entity keys by tier (see `rosetta_analysis::entity`).
const ENTITY_GAZETTEER_BOOST: f32 = 1.0;
const ENTITY_PRECISE_BOOST: f32 = 0.9;
const ENTITY_RECALL_BOOST: f32 = 0.4;
/// Weight of a word read as a language other than the query's own (when that is detected): an
/// English query word that is also a Vietnamese syllable says little about a Vietnamese text.
const OTHER_LANGUAGE_BOOST: f32 = 0.5;
/// Weight of entity keys when the query's language is known: the words themselves, read in that
/// language, are better evidence, and a translation of the same story (which shares the names)
/// should not outrank the text in the language the user typed.
const ENTITY_IN_KNOWN_LANGUAGE_BOOST: f32 = 0.5;
/// Score added to documents in the query's own language (about one well-matched word).
const SAME_LANGUAGE_BONUS: f32 = 2.0;
/// Weight of a group that continues a Vietnamese word of several syllables (see `WordGroup`). It
/// stays required: a text with the word has each of its syllables indexed. Vietnamese XQuAD dev
/// MRR@10: 0.961 at 1.0 (no reduction), 0.966 at 0.3 and 0.7, 0.968 at 0.5.
const CONTINUATION_BOOST: f32 = 0.5;
/// Part of the non-best alternatives' scores a word group adds (disjunction max tie breaker).
const TIE_BREAKER: f32 = 0.1;

/// A search: the query string plus options.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    /// The query (see [`crate::query`] for the syntax).
    pub query: String,
    /// Hits to return.
    pub limit: usize,
    /// Only documents in this language (as the `lang:` filter).
    pub lang: Option<Language>,
    /// Whether to build snippets.
    pub snippets: bool,
    /// Whether query words also match their translations (see [`SearchRequest::lexicon`]).
    pub lexicon: bool,
}

impl SearchRequest {
    /// A request for the top 10 hits of `query`, with snippets.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            limit: 10,
            lang: None,
            snippets: true,
            lexicon: true,
        }
    }

    /// Sets the number of hits.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Restricts to documents in `lang`.
    pub fn lang(mut self, lang: Language) -> Self {
        self.lang = Some(lang);
        self
    }

    /// Whether query words also match their translations in the other languages, through the
    /// index's translation lexicon (on by default): `summit` then finds `întâlnire la nivel
    /// înalt`, `قمة` and `hội nghị thượng đỉnh`, ranked below documents with the words as typed.
    pub fn lexicon(mut self, on: bool) -> Self {
        self.lexicon = on;
        self
    }
}

/// One hit.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Relevance score (higher is better).
    pub score: f32,
    /// Language code of the document (`und` when in none of the four).
    pub lang: String,
    /// Title.
    pub title: String,
    /// A passage of the body (or title) with matches marked `<b>…</b>`.
    pub snippet: String,
    /// Publication date (RFC 3339), if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Source, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// URL, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Query words this hit matches through a translation, with the text that matched
    /// (computed with snippets).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<Matched>,
}

/// The result of a search.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// Documents that matched.
    pub total: usize,
    /// The best of them, best first.
    pub hits: Vec<Hit>,
}

/// How much a query word's alternatives weigh, by the field family they search.
#[derive(Clone, Copy)]
struct Weights {
    text: f32,
    entity: f32,
}

/// The alternatives of one query word.
struct WordGroup {
    /// Kept as terms, not queries: those absent from the index are left out when the query is
    /// assembled, as they can match nothing and each would still cost a weight and a scorer.
    alternatives: Vec<Alternative>,
    /// Entity keys: one word may have many (tiers, ambiguous letters); only the best counts.
    entity_keys: Vec<Alternative>,
    /// A stopword (see `word_groups_of`): it may be missing from a matching document.
    optional: bool,
    /// A syllable after the first of a Vietnamese word of several syllables: the word already
    /// scores in its first syllable's group, so it would otherwise count once per syllable.
    continuation: bool,
    /// Translations of one term (see [`crate::bridge`]).
    translations: Vec<Alternative>,
    /// Translations of several terms, matched as phrases.
    phrases: Vec<BridgePhrase>,
    /// The translations added to this group, to report which a hit matched.
    bridges: Vec<Bridge>,
}

impl NewsIndex {
    /// Runs `request`. Bad filters give [`crate::Error::InvalidQuery`]; any text is a valid query
    /// (an empty one has no hits).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let mut parsed = parse_query(&request.query)?;
        if request.lang.is_some() {
            parsed.filters.lang = request.lang;
        }
        self.run(&parsed, request.limit, request.snippets, request.lexicon)
    }

    /// Runs an already parsed query (translations on).
    pub fn search_parsed(
        &self,
        parsed: &ParsedQuery,
        limit: usize,
        snippets: bool,
    ) -> Result<SearchResults> {
        self.run(parsed, limit, snippets, true)
    }

    fn run(
        &self,
        parsed: &ParsedQuery,
        limit: usize,
        snippets: bool,
        lexicon: bool,
    ) -> Result<SearchResults> {
        let limit = limit.min(10_000);
        let searcher = self.reader.searcher();
        let stats = QueryStatistics::new(
            &searcher,
            self.corpus_statistics(&searcher)?,
            Arc::clone(&self.dominance),
        );
        let mut terms = if snippets {
            QueryTerms::default()
        } else {
            QueryTerms::unrecorded()
        };
        terms.note_scripts(&parsed.words);
        for p in &parsed.phrases {
            terms.note_scripts(p);
        }
        let query_lang = rosetta_analysis::detect_language(&parsed.words);
        let beside_typed =
            query_lang.is_some() && parsed.filters.lang.is_none_or(|l| Some(l) == query_lang);
        // Documents matching every word come first whatever their score: when the query's own
        // language competes, that must be with the words as typed (a translation is evidence, not
        // identity), so translations are only looked up for the documents matching some words,
        // when those are needed.
        let deferred = lexicon && beside_typed;
        let eager = (lexicon && !beside_typed)
            .then(|| (self.translation_lexicon(), crate::bridge::LEXICON_BOOST));
        let groups = self.word_groups(&parsed.words, query_lang, eager, &mut terms);
        let mut bridges: Vec<Bridge> = groups.iter().flat_map(|g| g.bridges.clone()).collect();
        let phrases: Vec<Box<dyn Query>> = parsed
            .phrases
            .iter()
            .filter_map(|p| self.phrase_query(p, &stats, &mut terms))
            .collect();
        let mut scratch = QueryTerms::unrecorded();
        // An excluded phrase excludes documents with all its words, adjacent or not: tantivy
        // 0.27's phrase scorer trips a debug assertion when it is the excluded side of a query
        // (`PhraseScorer::seek_danger`, cf. quickwit-oss/tantivy#2811).
        let excluded: Vec<Box<dyn Query>> = parsed
            .excluded
            .iter()
            .map(|e| self.word_groups(e, rosetta_analysis::detect_language(e), None, &mut scratch))
            .filter(|groups| !groups.is_empty())
            .map(|groups| assemble(&groups, &[], &[], &[], true, &stats))
            .collect();
        let filters = self.filter_queries(&parsed.filters);
        // Documents in the language the query is written in come first among equals: a
        // translation shares the story's names, not the user's language.
        let preferred = query_lang.filter(|_| parsed.filters.lang.is_none() && !groups.is_empty());
        if groups.is_empty() && phrases.is_empty() && filters.is_empty() {
            return Ok(SearchResults::default());
        }
        let strict = assemble(&groups, &phrases, &excluded, &filters, true, &stats);
        if limit == 0 {
            // Only the count was asked for (tantivy's top-docs collector needs a limit of 1+).
            let total = searcher.search(&strict, &Count)?;
            return Ok(SearchResults {
                total,
                hits: Vec::new(),
            });
        }
        let (total, top) = top_hits(&searcher, &stats, &*strict, limit, preferred)?;
        let mut hits: Vec<(f32, DocAddress)> = top;
        let mut total = total;
        let required_words = groups.iter().filter(|g| !g.optional).count();
        let translated: Vec<WordGroup>;
        let mut relaxed_groups = &groups;
        let mut translations = false;
        if deferred && hits.len() < limit {
            let lexicon = (
                self.translation_lexicon(),
                crate::bridge::LEXICON_BOOST_BESIDE_TYPED,
            );
            translated = self.word_groups(&parsed.words, query_lang, Some(lexicon), &mut terms);
            if translated.iter().any(|g| !g.bridges.is_empty()) {
                bridges = translated.iter().flat_map(|g| g.bridges.clone()).collect();
                relaxed_groups = &translated;
                translations = true;
            }
        }
        if hits.len() < limit && (required_words + phrases.len() > 1 || translations) {
            let relaxed = assemble(relaxed_groups, &phrases, &excluded, &filters, false, &stats);
            let (relaxed_total, more) = top_hits(&searcher, &stats, &*relaxed, limit, preferred)?;
            // Documents matching every word stay first whatever their score.
            let seen: HashSet<DocAddress> = hits.iter().map(|h| h.1).collect();
            hits.extend(more.into_iter().filter(|h| !seen.contains(&h.1)));
            hits.truncate(limit);
            total = relaxed_total;
        }
        let hits = hits
            .into_iter()
            .map(|(score, addr)| {
                let found = (&terms, bridges.as_slice());
                self.hit(&searcher, &stats.corpus, score, addr, found, snippets)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(SearchResults { total, hits })
    }

    /// The corpus figures of `searcher`'s generation, computed on its first search.
    fn corpus_statistics(&self, searcher: &Searcher) -> Result<Arc<CorpusStatistics>> {
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

    fn analyses(&self, text: &str) -> Vec<(Option<Language>, QueryAnalysis)> {
        let mut out: Vec<(Option<Language>, QueryAnalysis)> = Language::ALL
            .iter()
            .map(|&l| (Some(l), QueryAnalysis::new(&self.analyzer, text, Some(l))))
            .collect();
        out.push((None, QueryAnalysis::new(&self.analyzer, text, None)));
        out
    }

    /// The word groups of `text`, whose language is `query_lang` (detected).
    fn word_groups(
        &self,
        text: &str,
        query_lang: Option<Language>,
        lexicon: Option<(&TranslationLexicon, f32)>,
        terms: &mut QueryTerms,
    ) -> Vec<WordGroup> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        self.word_groups_of(text, query_lang, &self.analyses(text), lexicon, terms)
    }

    /// [`Self::word_groups`] from the text's analyses (see [`Self::analyses`]).
    fn word_groups_of(
        &self,
        text: &str,
        query_lang: Option<Language>,
        analyses: &[(Option<Language>, QueryAnalysis)],
        lexicon: Option<(&TranslationLexicon, f32)>,
        terms: &mut QueryTerms,
    ) -> Vec<WordGroup> {
        let words = &analyses[analyses.len() - 1].1.words;
        let mut groups: Vec<WordGroup> = words
            .iter()
            .map(|_| WordGroup {
                alternatives: Vec::new(),
                entity_keys: Vec::new(),
                optional: false,
                continuation: false,
                translations: Vec::new(),
                phrases: Vec::new(),
                bridges: Vec::new(),
            })
            .collect();
        for (lang, analysis) in analyses {
            let mut has_term = vec![false; words.len()];
            for t in analysis.tokens() {
                let Some(p) = words
                    .iter()
                    .position(|w| w.start <= t.start && t.start < w.end)
                else {
                    continue;
                };
                if t.kind != TermKind::Entity {
                    has_term[p] = true;
                }
                // Only Vietnamese: doing the same for hyphenated compounds (`kremlin-aligned`)
                // lowered the Russian-question figure (XQuAD dev ru-to-any 0.497 to 0.495).
                if t.kind == TermKind::Compound
                    && *lang == Some(Language::Vietnamese)
                    && query_lang == *lang
                {
                    for (g, w) in groups.iter_mut().zip(words).skip(p + 1) {
                        if w.start >= t.end {
                            break;
                        }
                        g.continuation = true;
                    }
                }
                for (i, w) in words.iter().enumerate() {
                    // An entity key of several words (`Statele Unite`) satisfies each of them.
                    let covers = if t.kind == TermKind::Entity {
                        w.start >= t.start && w.end <= t.end
                    } else {
                        i == p
                    };
                    if covers {
                        let weights = Weights {
                            text: match (query_lang, lang) {
                                (Some(q), Some(l)) if q != *l => OTHER_LANGUAGE_BOOST,
                                _ => 1.0,
                            },
                            entity: if query_lang.is_some() {
                                ENTITY_IN_KNOWN_LANGUAGE_BOOST
                            } else {
                                1.0
                            },
                        };
                        self.alternatives_for(
                            *lang,
                            t.kind,
                            t.term,
                            weights,
                            &mut groups[i],
                            terms,
                        );
                    }
                }
            }
            // Once the query's language is known, only its stopwords are left out: Vietnamese
            // `ba` (three) and `ca` (song) are Romanian stopwords, Romanian `an` (year) is an
            // English one, and each is a content word of the query.
            if lang.is_some() && (query_lang.is_none() || *lang == query_lang) {
                for (g, has) in groups.iter_mut().zip(has_term) {
                    g.optional |= !has;
                }
            }
        }
        if let Some(lexicon) = lexicon {
            let (lexicon, boost) = lexicon;
            let bridged = translate(
                lexicon,
                boost,
                &self.fields,
                text,
                analyses,
                query_lang,
                terms,
            );
            for ((start, end), b) in bridged {
                let mut first = true;
                for (g, w) in groups.iter_mut().zip(words) {
                    if w.start < start || w.end > end || g.optional {
                        continue;
                    }
                    for a in &b.alternatives {
                        let known = g.alternatives.iter().chain(&g.translations);
                        if !known.clone().any(|x| x.term == a.term) {
                            g.translations.push(a.clone());
                        }
                    }
                    g.phrases.extend(b.phrases.iter().cloned());
                    if first {
                        g.bridges.extend(b.bridges.iter().cloned());
                        first = false;
                    }
                }
            }
        }
        groups.retain(|g| {
            !g.alternatives.is_empty() || !g.entity_keys.is_empty() || !g.translations.is_empty()
        });
        if groups.iter().any(|g| !g.optional) {
            // Words that are stopwords in some language only add noise from the others (English
            // `the` is a Vietnamese syllable, folded `thế`).
            groups.retain(|g| !g.optional);
        }
        groups
    }

    fn alternatives_for(
        &self,
        lang: Option<Language>,
        kind: TermKind,
        term: &str,
        weights: Weights,
        group: &mut WordGroup,
        terms: &mut QueryTerms,
    ) {
        let f = &self.fields;
        let push = |field: Field, text: &str, boost: f32, group: &mut WordGroup| {
            let boost = if field == f.entity {
                boost * weights.entity
            } else {
                boost * weights.text
            };
            let list = if field == f.entity {
                &mut group.entity_keys
            } else {
                &mut group.alternatives
            };
            // The analyses in each language often give the same terms (entity keys, folded
            // forms), and one scorer per term and weight is enough.
            let known = list.iter().any(|a| {
                a.term.field() == field
                    && a.term.value().as_str() == Some(text)
                    && a.boost.to_bits() == boost.to_bits()
            });
            if !known {
                list.push(Alternative {
                    term: Term::from_field_text(field, text),
                    boost,
                    locations: None,
                });
            }
        };
        match (kind, lang) {
            (TermKind::Entity, _) => {
                let boost = if term.starts_with(GAZETTEER_PREFIX) {
                    ENTITY_GAZETTEER_BOOST
                } else if term.starts_with(PRECISE_PREFIX) {
                    ENTITY_PRECISE_BOOST
                } else {
                    ENTITY_RECALL_BOOST
                };
                push(f.entity, term, boost, group);
                terms.add(TermFamily::Entity, term);
            }
            (TermKind::Folded, Some(l)) => {
                // A query typed with diacritics still finds a text typed without them.
                push(f.text_of(l), term, FOLDED_BOOST, group);
                push(f.folded, term, FOLDED_BOOST, group);
                terms.add(TermFamily::Folded, term);
            }
            (TermKind::Folded, None) => {}
            (_, Some(l)) => {
                push(f.text_of(l), term, 1.0, group);
                // A query typed without diacritics finds a text typed with them.
                push(f.folded, term, FOLDED_BOOST, group);
                terms.add(TermFamily::Text, term);
                terms.add(TermFamily::Folded, term);
            }
            (_, None) => {
                push(f.text_und, term, 1.0, group);
                terms.add(TermFamily::Text, term);
            }
        }
    }

    /// A phrase: consecutive positions in one language's field (any language), or all its words
    /// anywhere when it is a single word.
    fn phrase_query(
        &self,
        text: &str,
        stats: &QueryStatistics<'_>,
        terms: &mut QueryTerms,
    ) -> Option<Box<dyn Query>> {
        let analyses = self.analyses(text);
        let groups = self.word_groups_of(
            text,
            rosetta_analysis::detect_language(text),
            &analyses,
            None,
            terms,
        );
        let mut per_language: Vec<Box<dyn Query>> = Vec::new();
        // Alternatives that can match, and whether there were any: one whose terms are not all
        // in the index matches nothing and is left out, but the phrase still has to match.
        let mut alternatives = 0;
        let mut single_word_somewhere = false;
        for (lang, analysis) in &analyses {
            // A name that covers the whole phrase (`"Statele Unite"` = g:united_states) finds
            // its other spellings in every language, as its words do outside quotes.
            if let (Some(first), Some(last)) = (analysis.words.first(), analysis.words.last()) {
                for t in analysis.tokens().filter(|t| {
                    t.kind == TermKind::Entity
                        && t.term.starts_with(GAZETTEER_PREFIX)
                        && t.start == first.start
                        && t.end == last.end
                }) {
                    alternatives += 1;
                    let term = Term::from_field_text(self.fields.entity, t.term);
                    if stats.in_index(&term) {
                        per_language
                            .push(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)));
                    }
                    terms.add(TermFamily::Entity, t.term);
                }
            }
            let field = lang.map_or(self.fields.text_und, |l| self.fields.text_of(l));
            let mut phrase: Vec<(usize, Term)> = Vec::new();
            for t in analysis.tokens() {
                let wanted = matches!(t.kind, TermKind::Stem | TermKind::Word);
                if wanted && !phrase.iter().any(|(p, _)| *p == t.position as usize) {
                    phrase.push((t.position as usize, Term::from_field_text(field, t.term)));
                }
            }
            single_word_somewhere |= phrase.len() == 1;
            if phrase.len() > 1 {
                alternatives += 1;
                if phrase.iter().all(|(_, t)| stats.in_index(t)) {
                    let base = phrase[0].0;
                    let phrase = phrase.into_iter().map(|(p, t)| (p - base, t)).collect();
                    per_language.push(Box::new(PhraseQuery::new_with_offset(phrase)));
                }
            }
        }
        if single_word_somewhere || alternatives == 0 {
            // In some language the phrase is one word (`"The Tesla"` in English, where `the` is a
            // stopword): there it is that word.
            if !groups.is_empty() {
                alternatives += 1;
                per_language.push(assemble(&groups, &[], &[], &[], true, stats));
            }
        }
        if alternatives == 0 {
            return None;
        }
        if per_language.is_empty() {
            return Some(Box::new(EmptyQuery));
        }
        Some(Box::new(BooleanQuery::new(
            per_language
                .into_iter()
                .map(|q| (Occur::Should, q))
                .collect(),
        )))
    }

    fn filter_queries(&self, filters: &Filters) -> Vec<Box<dyn Query>> {
        let f = &self.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if let Some(lang) = filters.lang {
            out.push(Box::new(TermQuery::new(
                Term::from_field_text(f.lang, lang.code()),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(source) = &filters.source {
            out.push(Box::new(TermQuery::new(
                Term::from_field_text(f.source, source),
                IndexRecordOption::Basic,
            )));
        }
        if filters.published_from.is_some() || filters.published_until.is_some() {
            let bound = |secs: Option<i64>, inclusive: bool| match secs {
                None => Bound::Unbounded,
                Some(s) => {
                    // Outside tantivy's date range, the nearest end of it means the same.
                    let s = s.clamp(MIN_DATE_SECS, MAX_DATE_SECS);
                    let term = Term::from_field_date(f.published, DateTime::from_timestamp_secs(s));
                    if inclusive {
                        Bound::Included(term)
                    } else {
                        Bound::Excluded(term)
                    }
                }
            };
            out.push(Box::new(RangeQuery::new(
                bound(filters.published_from, true),
                bound(filters.published_until, false),
            )));
        }
        out
    }

    fn hit(
        &self,
        searcher: &Searcher,
        corpus: &CorpusStatistics,
        score: f32,
        addr: DocAddress,
        (terms, bridges): (&QueryTerms, &[Bridge]),
        snippets: bool,
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
        let snippet = if snippets {
            let body = doc.text(f.body);
            let source = if body.is_empty() { &title } else { body };
            let code = Language::from_code(&lang);
            for text in [title.as_str(), body] {
                crate::bridge::matches(&self.analyzer, text, code, bridges, &mut matched);
            }
            make_snippet(&self.analyzer, source, code, terms)
        } else {
            String::new()
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
            lang,
            title,
            snippet,
            published,
            source,
            url,
            matched,
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

/// BM25 statistics where a language's text field is compared with the documents in that
/// language only.
///
/// Tantivy averages a field's length over every document of the index, so in an index where a
/// quarter of the documents are Vietnamese, `text_vi` averages a quarter of a Vietnamese text's
/// real length: every Vietnamese document looks four times longer than average, and length
/// normalization then buries long paragraphs under short ones that merely mention a query word.
/// The average can only be given as total tokens over total documents (tantivy asks for the
/// document count without a field), so the token total is scaled instead: it is what the field
/// would hold if every document were as long as an average one in its language.
///
/// These figures only change when the index does, so they are computed once per searcher
/// generation (see [`NewsIndex::corpus_statistics`]) rather than once per query: they were a
/// tenth of a one-word query's time.
pub(crate) struct CorpusStatistics {
    generation: u64,
    total_docs: u64,
    /// Token totals (scaled, for the language fields) of the fields queries search.
    tokens: Vec<(Field, u64)>,
    /// The text fields of languages with no documents: their terms need no lookup.
    empty_fields: Vec<Field>,
    /// Per language (in [`Language::ALL`] order), see [`Self::documents_in`].
    in_language: [OnceLock<LanguageBits>; 4],
    /// See [`Self::language_code`].
    language_columns: OnceLock<Vec<LanguageColumn>>,
}

/// A segment's `lang` fast field, with its few values by ordinal.
struct LanguageColumn {
    segment: SegmentId,
    max_doc: DocId,
    ords: Column<u64>,
    codes: Vec<String>,
}

/// Per segment, a bit per document: whether it is in a given language.
type LanguageBits = Vec<(SegmentId, Arc<Vec<u64>>)>;

impl CorpusStatistics {
    fn new(searcher: &Searcher, fields: &crate::schema::Fields) -> Result<Self> {
        let total_docs = Bm25StatisticsProvider::total_num_docs(searcher)?;
        let docs_of = |code: &str| searcher.doc_freq(&Term::from_field_text(fields.lang, code));
        let mut per_language = Vec::with_capacity(Language::ALL.len() + 1);
        for l in Language::ALL {
            per_language.push((fields.text_of(l), docs_of(l.code())?));
        }
        per_language.push((fields.text_und, docs_of("und")?));
        let mut tokens = Vec::with_capacity(per_language.len() + 2);
        let empty_fields = per_language
            .iter()
            .filter(|(_, docs)| *docs == 0)
            .map(|(field, _)| *field)
            .collect();
        for (field, docs) in per_language {
            let total = searcher.total_num_tokens(field)?;
            let scaled = if docs > 0 {
                (u128::from(total) * u128::from(total_docs) / u128::from(docs)) as u64
            } else {
                total
            };
            tokens.push((field, scaled));
        }
        for field in [fields.folded, fields.entity] {
            tokens.push((field, searcher.total_num_tokens(field)?));
        }
        Ok(CorpusStatistics {
            generation: searcher.generation().generation_id(),
            total_docs,
            tokens,
            empty_fields,
            in_language: Default::default(),
            language_columns: OnceLock::new(),
        })
    }

    /// Each segment's `lang` fast field with its few values, opened on the first use in this
    /// generation (by [`Self::language_code`] or [`Self::documents_in`]).
    fn language_columns(&self, searcher: &Searcher) -> &[LanguageColumn] {
        self.language_columns.get_or_init(|| {
            searcher
                .segment_readers()
                .iter()
                .filter_map(|segment| {
                    let column = segment.fast_fields().str("lang").ok().flatten()?;
                    let mut codes = Vec::with_capacity(column.num_terms());
                    for ord in 0..column.num_terms() as u64 {
                        let mut code = String::new();
                        column.ord_to_str(ord, &mut code).ok()?;
                        codes.push(code);
                    }
                    Some(LanguageColumn {
                        segment: segment.segment_id(),
                        max_doc: segment.max_doc(),
                        ords: column.ords().clone(),
                        codes,
                    })
                })
                .collect()
        })
    }

    /// The language code of the document at `addr` (`und` for none of the four; empty if it
    /// has none), read from the `lang` fast field: a hit then costs a column read, not a stored
    /// value.
    fn language_code(&self, searcher: &Searcher, addr: DocAddress) -> &str {
        let segment = searcher.segment_reader(addr.segment_ord).segment_id();
        self.language_columns(searcher)
            .iter()
            .find(|c| c.segment == segment)
            .and_then(|c| c.codes.get(c.ords.first(addr.doc_id)? as usize))
            .map_or("", String::as_str)
    }

    /// Which documents of `searcher` (of this generation) are in `lang`: a document whose first
    /// `lang` value is its code. Read from the `lang` fast field on the first query in that
    /// language, so that each match then costs a bit test rather than a column read.
    fn documents_in(&self, searcher: &Searcher, lang: Language) -> &LanguageBits {
        self.in_language[lang_slot(lang)].get_or_init(|| {
            self.language_columns(searcher)
                .iter()
                .map(|c| {
                    let mut bits = vec![0u64; (c.max_doc as usize).div_ceil(64)];
                    if let Some(ord) = c.codes.iter().position(|code| code == lang.code()) {
                        for doc in 0..c.max_doc {
                            if c.ords.first(doc) == Some(ord as u64) {
                                bits[doc as usize / 64] |= 1 << (doc % 64);
                            }
                        }
                    }
                    (c.segment, Arc::new(bits))
                })
                .collect()
        })
    }
}

/// The statistics of one query: the corpus figures plus its terms' document frequencies and
/// dictionary entries, looked up once each (to leave out absent terms, to weigh the others, and
/// to read their postings).
struct QueryStatistics<'a> {
    searcher: &'a Searcher,
    corpus: Arc<CorpusStatistics>,
    terms: RefCell<Vec<(Term, u64, TermLocations)>>,
    /// The index's remembered entity-key comparisons, for the word groups built.
    dominance: Arc<DominanceCache>,
}

impl<'a> QueryStatistics<'a> {
    fn new(
        searcher: &'a Searcher,
        corpus: Arc<CorpusStatistics>,
        dominance: Arc<DominanceCache>,
    ) -> Self {
        QueryStatistics {
            searcher,
            corpus,
            terms: RefCell::new(Vec::new()),
            dominance,
        }
    }

    /// The document frequency of `term` and where it is, looked up on first use.
    fn located(&self, term: &Term) -> tantivy::Result<(u64, TermLocations)> {
        if let Some((_, n, locations)) = self.terms.borrow().iter().find(|(t, ..)| t == term) {
            return Ok((*n, Arc::clone(locations)));
        }
        let (n, locations) = if self.corpus.empty_fields.contains(&term.field()) {
            (0, Arc::from([]))
        } else {
            locate(self.searcher, term)?
        };
        let entry = (term.clone(), n, Arc::clone(&locations));
        self.terms.borrow_mut().push(entry);
        Ok((n, locations))
    }

    /// Whether some document has `term` (true on a read error, which the search then reports).
    fn in_index(&self, term: &Term) -> bool {
        self.doc_freq(term).map_or(true, |n| n > 0)
    }

    /// The alternatives whose term is in the index (all, on a read error, which the search then
    /// reports), with where they are.
    fn present(&self, alternatives: &[Alternative]) -> Vec<Alternative> {
        alternatives
            .iter()
            .filter_map(|a| match self.located(&a.term) {
                Ok((0, _)) => None,
                Ok((_, locations)) => Some(Alternative {
                    locations: Some(locations),
                    ..a.clone()
                }),
                Err(_) => Some(a.clone()),
            })
            .collect()
    }
}

impl Bm25StatisticsProvider for QueryStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.corpus.tokens.iter().find(|(f, _)| *f == field) {
            Some(&(_, tokens)) => Ok(tokens),
            None => self.searcher.total_num_tokens(field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.corpus.total_docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        Ok(self.located(term)?.0)
    }
}

/// Combines word groups, phrases, exclusions and filters; `strict`: every required word must
/// match, otherwise any word may.
fn assemble(
    groups: &[WordGroup],
    phrases: &[Box<dyn Query>],
    excluded: &[Box<dyn Query>],
    filters: &[Box<dyn Query>],
    strict: bool,
    stats: &QueryStatistics<'_>,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut has_positive = false;
    for g in groups {
        let alternatives = if g.translations.is_empty() {
            stats.present(&g.alternatives)
        } else {
            let mut all = g.alternatives.clone();
            all.extend(g.translations.iter().cloned());
            stats.present(&all)
        };
        let entity_keys = stats.present(&g.entity_keys);
        // A word none of whose terms is in the index still has to match (or, when optional,
        // may): it stays as a clause that matches nothing.
        let q: Box<dyn Query> = if alternatives.is_empty() && entity_keys.is_empty() {
            Box::new(EmptyQuery)
        } else {
            Box::new(WordGroupQuery::new(
                alternatives,
                entity_keys,
                TIE_BREAKER,
                Arc::clone(&stats.dominance),
            ))
        };
        // Translations of several terms: phrases, each one more alternative of the word.
        let phrases: Vec<Box<dyn Query>> = g
            .phrases
            .iter()
            .filter(|p| p.terms.iter().all(|(_, t)| stats.in_index(t)))
            .map(|p| -> Box<dyn Query> {
                Box::new(BoostQuery::new(
                    Box::new(PhraseQuery::new_with_offset(p.terms.clone())),
                    p.boost,
                ))
            })
            .collect();
        let q: Box<dyn Query> = if phrases.is_empty() {
            q
        } else {
            let mut disjuncts = phrases;
            disjuncts.insert(0, q);
            Box::new(DisjunctionMaxQuery::with_tie_breaker(
                disjuncts,
                TIE_BREAKER,
            ))
        };
        let q: Box<dyn Query> = if g.continuation {
            Box::new(BoostQuery::new(q, CONTINUATION_BOOST))
        } else {
            q
        };
        let occur = if strict && !g.optional {
            has_positive = true;
            Occur::Must
        } else {
            Occur::Should
        };
        clauses.push((occur, q));
    }
    for p in phrases {
        if strict {
            has_positive = true;
            clauses.push((Occur::Must, p.box_clone()));
        } else {
            clauses.push((Occur::Should, p.box_clone()));
        }
    }
    let any_should = clauses.iter().any(|(o, _)| *o == Occur::Should);
    if !has_positive && any_should {
        // Only optional words: at least one of them must match.
        let should: Vec<Box<dyn Query>> = clauses.drain(..).map(|(_, q)| q).collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::union(should))));
        has_positive = true;
    }
    for q in filters {
        clauses.push((Occur::Must, q.box_clone()));
    }
    if !has_positive {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    for q in excluded {
        clauses.push((Occur::MustNot, q.box_clone()));
    }
    if clauses.len() == 1 && clauses[0].0 == Occur::Must {
        // One required word (the commonest query): its own weight then drives the collector,
        // without a boolean scorer's boxed calls per document. The score is the same.
        let (_, only) = clauses.remove(0);
        return only;
    }
    Box::new(BooleanQuery::new(clauses))
}

/// The count and the top `limit` hits of `query`; documents in the `preferred` language (the
/// query's) get [`SAME_LANGUAGE_BONUS`] added to their score. The bonus tests a bit per matching
/// document (see [`CorpusStatistics::documents_in`]) rather than adding a query clause: seeking
/// through the posting list of a whole language for each match cost more than the rest of the
/// search.
fn top_hits(
    searcher: &Searcher,
    stats: &QueryStatistics<'_>,
    query: &dyn Query,
    limit: usize,
    preferred: Option<Language>,
) -> Result<(usize, Vec<(f32, DocAddress)>)> {
    let top = TopDocs::with_limit(limit);
    let Some(lang) = preferred else {
        let collector = (Count, top.order_by_score());
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
    Ok(searcher.search_with_statistics_provider(query, &(Count, bonus), stats)?)
}
