//! The second stage: the candidates read again, each scored by the evidence it shares, counted
//! once per word and normalized by the candidate's length.
//!
//! The first stage (one disjunction of terms) counts a word's translations and its other keys
//! separately, and favours long documents, which share more words by chance. Here each piece of
//! evidence counts once, with its best key the candidate has, and the sum is divided by the
//! square root of the candidate's number of distinct words, or of the document's when the
//! candidate has fewer: a candidate longer than the document has words the document does not
//! explain (the cosine of the two, when their words weigh alike), a shorter one is not favoured
//! for being short (a two-sentence brief sharing two names would beat the translation).

use std::hash::{BuildHasher, BuildHasherDefault};

use rosetta_analysis::{Language, Mode, TermKind, TokenRef, TokenSink};
use rustc_hash::FxHashSet;

use super::profile::Evidence;
use crate::search::hits::StoredFields;
use crate::NewsIndex;

/// What a candidate shares with the document.
pub(super) struct Shared {
    /// The normalized score.
    pub(super) score: f32,
    /// The terms shared, the heaviest first.
    pub(super) terms: Vec<String>,
    /// The candidate's distinct words, hashed and sorted (to find near-duplicates).
    pub(super) words: Vec<u64>,
}

impl NewsIndex {
    /// What the stored document `doc` (in `lang`) shares with `evidence`.
    pub(super) fn shared(
        &self,
        doc: &StoredFields,
        lang: Option<Language>,
        evidence: &[Evidence],
        source_words: usize,
    ) -> Shared {
        let f = &self.fields;
        let text = format!(
            "{}\n{}",
            doc.text(f.title),
            crate::document::truncate(doc.text(f.body), crate::SNIPPET_SCAN_BYTES)
        );
        let mut found = CandidateTerms::default();
        let lang = self
            .analyzer
            .analyze_with(&text, lang, Mode::Document, &mut found);
        let field = lang.map_or(f.text_und, |l| f.text_of(l));
        let mut sum = 0.0;
        let mut terms: Vec<String> = Vec::new();
        for e in evidence {
            let shared = e.keys.iter().find(|k| {
                if k.field == f.entity {
                    found.entities.contains(&hash(&k.term))
                } else {
                    k.field == field && found.words.contains(&hash(&k.term))
                }
            });
            if let Some(k) = shared {
                sum += k.weight;
                if !terms.contains(&k.term) {
                    terms.push(k.term.clone());
                }
            }
        }
        let score = sum / (found.words.len().max(source_words).max(1) as f32).sqrt();
        let mut words: Vec<u64> = found.words.into_iter().collect();
        words.sort_unstable();
        Shared {
            score,
            terms,
            words,
        }
    }
}

/// A stable hash of a word (the same in every run: near-duplicates are compared within one).
fn hash(word: &str) -> u64 {
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(word)
}

/// The terms of a candidate the second stage compares, hashed as they come (no copy of each).
#[derive(Default)]
struct CandidateTerms {
    entities: FxHashSet<u64>,
    /// Its distinct words (every term but entity keys and folded forms).
    words: FxHashSet<u64>,
}

impl TokenSink for CandidateTerms {
    fn token(&mut self, t: TokenRef<'_>) {
        match t.kind {
            TermKind::Entity => self.entities.insert(hash(t.term)),
            TermKind::Folded => false,
            _ => self.words.insert(hash(t.term)),
        };
    }
}
