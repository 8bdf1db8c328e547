//! The second ranking stage: the candidates `ts_rank_cd` puts first, re-scored with BM25 as the
//! tantivy backend scores them.
//!
//! `ts_rank_cd` knows neither how rare a term is nor how long a document is compared with the
//! others (measured on the XQuAD dev questions, it ranks about 0.1 MRR@10 below tantivy). The
//! statistics BM25 needs are kept beside the documents (`<table>_lexemes`: documents per lexeme;
//! `<table>_totals`: documents and terms per language), and each candidate's term frequencies
//! are read from its `tsvector`. Each word scores as in the tantivy backend: its best
//! alternative fully and the others a tenth, of its entity keys only the best.

use std::collections::HashMap;

use rosetta_analysis::{Language, UNDETERMINED};

use crate::plan::WordGroup;
use crate::tsvector::Family;

/// BM25 parameters (tantivy's).
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Score added to documents in the query's own language (as the tantivy backend).
pub use rosetta_index::query::weights::SAME_LANGUAGE_BONUS;
use rosetta_index::query::weights::{WordScore, TIE_BREAKER};

/// Documents and term counts of one language's documents (`und`: none of the four).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LanguageTotals {
    pub(crate) docs: i64,
    /// Terms per family (text, folded, entity).
    pub(crate) terms: [i64; 3],
}

/// The corpus figures BM25 needs.
#[derive(Debug, Default)]
pub(crate) struct Statistics {
    /// Per language code.
    pub(crate) totals: HashMap<String, LanguageTotals>,
    /// Documents per lexeme (of the query's lexemes).
    pub(crate) doc_freq: HashMap<String, i64>,
}

/// A candidate as ranking sees it.
pub(crate) struct Candidate {
    pub(crate) id: String,
    pub(crate) lang: String,
    /// Terms per family.
    pub(crate) lengths: [i32; 3],
    /// Frequencies of the query's lexemes in it.
    pub(crate) frequencies: HashMap<String, u32>,
}

impl Statistics {
    fn documents(&self) -> f32 {
        self.totals.values().map(|t| t.docs).sum::<i64>().max(1) as f32
    }

    /// The average length of `family` in the field a lexeme is searched in: for text, among the
    /// documents of the lexeme's language (each language has its own field in tantivy, whose
    /// average Rosetta takes over that language's documents); otherwise among all.
    fn average_length(&self, family: Family, lexeme: &str) -> f32 {
        let (docs, terms) = match family {
            Family::Text => {
                let lang = lexeme.split_once(':').map_or(UNDETERMINED, |(l, _)| l);
                let t = self.totals.get(lang).copied().unwrap_or_default();
                (t.docs, t.terms[0])
            }
            _ => self.totals.values().fold((0, 0), |(d, n), t| {
                (d + t.docs, n + t.terms[family as usize])
            }),
        };
        if docs == 0 {
            1.0
        } else {
            (terms as f32 / docs as f32).max(1.0)
        }
    }

    fn bm25(&self, lexeme: &str, tf: u32, length: i32) -> f32 {
        let n = self.documents();
        let df = self.doc_freq.get(lexeme).copied().unwrap_or(0).max(0) as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let family = Family::of_lexeme(lexeme);
        let norm = K1 * (1.0 - B + B * length as f32 / self.average_length(family, lexeme));
        let tf = tf as f32;
        idf * (1.0 + K1) * tf / (tf + norm)
    }

    /// The score of `candidate` for `groups`, plus the bonus when in `preferred`.
    pub(crate) fn score(
        &self,
        candidate: &Candidate,
        groups: &[WordGroup],
        preferred: Option<Language>,
    ) -> f32 {
        let mut total = 0.0;
        for group in groups {
            let mut word = WordScore::default();
            for a in &group.alternatives {
                let Some(&tf) = candidate.frequencies.get(&a.lexeme) else {
                    continue;
                };
                let family = Family::of_lexeme(&a.lexeme);
                let score = a.boost * self.bm25(&a.lexeme, tf, candidate.lengths[family as usize]);
                word.add(score, a.entity);
            }
            total += group.boost * word.total(TIE_BREAKER);
        }
        if preferred.is_some_and(|l| l.code() == candidate.lang) {
            total += SAME_LANGUAGE_BONUS;
        }
        total
    }
}
