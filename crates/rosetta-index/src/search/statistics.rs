//! BM25 statistics: per-language corpus figures and per-query term lookups.

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use rosetta_analysis::{Language, UNDETERMINED};
use rustc_hash::FxHashMap;
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{DocAddress, DocId, Searcher, Term};

use crate::word_group::{locate, Alternative, DominanceCache, TermLocations};
use crate::Result;

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
    pub(crate) generation: u64,
    pub(crate) total_docs: u64,
    /// Token totals (scaled, for the language fields) of the fields queries search.
    tokens: Vec<FieldTokens>,
    /// The text fields of languages with no documents: their terms need no lookup.
    pub(crate) empty_fields: Vec<Field>,
    /// Per language (in [`Language::ALL`] order), see [`Self::documents_in`].
    pub(crate) in_language: [OnceLock<LanguageBits>; Language::ALL.len()],
    /// See [`Self::language_code`].
    language_columns: OnceLock<Vec<LanguageColumn>>,
    /// Each segment's `id` column (see [`Self::id_column`]).
    id_columns: OnceLock<Vec<(SegmentId, Option<StrColumn>)>>,
}

/// A field's token total, read from every segment when a query first needs it: reading all of
/// them up front opened each segment's every field, a seventh of a one-word search's process.
struct FieldTokens {
    field: Field,
    /// For a language's field with documents: how many (the total is scaled to all documents).
    docs: Option<u64>,
    total: OnceLock<u64>,
}

impl FieldTokens {
    fn total(&self, searcher: &Searcher, total_docs: u64) -> tantivy::Result<u64> {
        if let Some(&total) = self.total.get() {
            return Ok(total);
        }
        let total = searcher.total_num_tokens(self.field)?;
        let scaled = match self.docs {
            Some(docs) => (u128::from(total) * u128::from(total_docs) / u128::from(docs)) as u64,
            None => total,
        };
        Ok(*self.total.get_or_init(|| scaled))
    }
}

/// A segment's `lang` fast field, with its few values by ordinal.
struct LanguageColumn {
    segment: SegmentId,
    max_doc: DocId,
    ords: Column<u64>,
    codes: Vec<String>,
}

/// Per segment, which documents are in a given language.
pub(crate) type LanguageBits = Vec<(SegmentId, Arc<SegmentLanguage>)>;

/// Which documents of one segment are in a given language: a bit per document, read from the
/// segment's `lang` column when a document of the segment is first asked about. A query that
/// matches nothing in a segment reads none of it (the scan of every document's column value was
/// a sixth of a one-word search's process time on 1,000,000 documents, and grew with them).
pub(crate) struct SegmentLanguage {
    /// The segment's `lang` ordinals and the ordinal of the language's code; `None` when no
    /// document of the segment is in the language.
    column: Option<(Column<u64>, u64)>,
    max_doc: DocId,
    bits: OnceLock<Vec<u64>>,
}

impl SegmentLanguage {
    /// Whether document `doc` of the segment is in the language.
    pub(crate) fn contains(&self, doc: DocId) -> bool {
        let Some((ords, ord)) = &self.column else {
            return false;
        };
        let bits = self.bits.get_or_init(|| {
            let mut bits = vec![0u64; (self.max_doc as usize).div_ceil(64)];
            for d in 0..self.max_doc {
                if ords.first(d) == Some(*ord) {
                    bits[d as usize / 64] |= 1 << (d % 64);
                }
            }
            bits
        });
        bits.get(doc as usize / 64)
            .is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }
}

impl CorpusStatistics {
    pub(crate) fn new(searcher: &Searcher, fields: &crate::schema::Fields) -> Result<Self> {
        let total_docs = Bm25StatisticsProvider::total_num_docs(searcher)?;
        let docs_of = |code: &str| searcher.doc_freq(&Term::from_field_text(fields.lang, code));
        let mut per_language = Vec::with_capacity(Language::ALL.len() + 1);
        for l in Language::ALL {
            per_language.push((fields.text_of(l), docs_of(l.code())?));
        }
        per_language.push((fields.text_und, docs_of(UNDETERMINED)?));
        let empty_fields = per_language
            .iter()
            .filter(|(_, docs)| *docs == 0)
            .map(|(field, _)| *field)
            .collect();
        let mut tokens: Vec<FieldTokens> = per_language
            .into_iter()
            .map(|(field, docs)| FieldTokens {
                field,
                docs: Some(docs).filter(|&d| d > 0),
                total: OnceLock::new(),
            })
            .collect();
        for field in [fields.folded, fields.entity] {
            tokens.push(FieldTokens {
                field,
                docs: None,
                total: OnceLock::new(),
            });
        }
        Ok(CorpusStatistics {
            generation: searcher.generation().generation_id(),
            total_docs,
            tokens,
            empty_fields,
            in_language: Default::default(),
            language_columns: OnceLock::new(),
            id_columns: OnceLock::new(),
        })
    }

    /// Each segment's `lang` fast field with its few values, opened on the first use in this
    /// generation (by [`Self::language_code`] or [`Self::documents_in`]).
    /// The `id` fast field of `segment`, opened once per generation: opening its dictionary cost
    /// more than sorting a page of a date-sorted search.
    pub(crate) fn id_column(&self, searcher: &Searcher, segment: SegmentId) -> Option<StrColumn> {
        self.id_columns
            .get_or_init(|| {
                searcher
                    .segment_readers()
                    .iter()
                    .map(|s| (s.segment_id(), s.fast_fields().str("id").ok().flatten()))
                    .collect()
            })
            .iter()
            .find(|(id, _)| *id == segment)
            .and_then(|(_, column)| column.clone())
    }

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

    /// The language code of the document at `addr` (`und` for none of the languages; empty if it
    /// has none), read from the `lang` fast field: a hit then costs a column read, not a stored
    /// value.
    pub(crate) fn language_code(&self, searcher: &Searcher, addr: DocAddress) -> &str {
        let segment = searcher.segment_reader(addr.segment_ord).segment_id();
        self.language_columns(searcher)
            .iter()
            .find(|c| c.segment == segment)
            .and_then(|c| c.codes.get(c.ords.first(addr.doc_id)? as usize))
            .map_or("", String::as_str)
    }

    /// Which documents of `searcher` (of this generation) are in `lang`: a document whose first
    /// `lang` value is its code. Each segment's bits are read from the `lang` fast field on the
    /// first match there in that language (see [`SegmentLanguage`]), so that each match then
    /// costs a bit test rather than a column read.
    pub(crate) fn documents_in(&self, searcher: &Searcher, lang: Language) -> &LanguageBits {
        self.in_language[lang.index()].get_or_init(|| {
            self.language_columns(searcher)
                .iter()
                .map(|c| {
                    let column = c
                        .codes
                        .iter()
                        .position(|code| code == lang.code())
                        .map(|ord| (c.ords.clone(), ord as u64));
                    let segment = SegmentLanguage {
                        column,
                        max_doc: c.max_doc,
                        bits: OnceLock::new(),
                    };
                    (c.segment, Arc::new(segment))
                })
                .collect()
        })
    }
}

/// The statistics of one query: the corpus figures plus its terms' document frequencies and
/// dictionary entries, looked up once each (to leave out absent terms, to weigh the others, and
/// to read their postings).
pub(crate) struct QueryStatistics<'a> {
    pub(crate) searcher: &'a Searcher,
    pub(crate) corpus: Arc<CorpusStatistics>,
    pub(crate) terms: RefCell<FxHashMap<Term, (u64, TermLocations)>>,
    /// The index's remembered entity-key comparisons, for the word groups built.
    pub(crate) dominance: Arc<DominanceCache>,
}

impl<'a> QueryStatistics<'a> {
    pub(crate) fn new(
        searcher: &'a Searcher,
        corpus: Arc<CorpusStatistics>,
        dominance: Arc<DominanceCache>,
    ) -> Self {
        QueryStatistics {
            searcher,
            corpus,
            terms: RefCell::new(FxHashMap::default()),
            dominance,
        }
    }

    /// The document frequency of `term` and where it is, looked up on first use.
    pub(crate) fn located(&self, term: &Term) -> tantivy::Result<(u64, TermLocations)> {
        if let Some((n, locations)) = self.terms.borrow().get(term) {
            return Ok((*n, Arc::clone(locations)));
        }
        let (n, locations) = if self.corpus.empty_fields.contains(&term.field()) {
            (0, Arc::from([]))
        } else {
            locate(self.searcher, term)?
        };
        self.terms
            .borrow_mut()
            .insert(term.clone(), (n, Arc::clone(&locations)));
        Ok((n, locations))
    }

    /// The searcher the statistics are of.
    pub(crate) fn searcher(&self) -> &'a Searcher {
        self.searcher
    }

    /// Whether some document has `term` (true on a read error, which the search then reports).
    pub(crate) fn in_index(&self, term: &Term) -> bool {
        self.doc_freq(term).map_or(true, |n| n > 0)
    }

    /// The alternatives whose term is in the index (all, on a read error, which the search then
    /// reports), with where they are.
    pub(crate) fn present(&self, alternatives: &[Alternative]) -> Vec<Alternative> {
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
        match self.corpus.tokens.iter().find(|t| t.field == field) {
            Some(t) => t.total(self.searcher, self.corpus.total_docs),
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
