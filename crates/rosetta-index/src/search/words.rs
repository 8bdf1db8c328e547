//! Query words: each word of a text with its analysed alternatives in every field (stems per
//! language, folded forms, entity keys, translations), and phrases.

use rosetta_analysis::entity::EntityTier;
use rosetta_analysis::{Language, TermKind};
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::build::assemble;
use super::statistics::QueryStatistics;
use crate::bridge::{translate, Bridge, BridgePhrase};
use crate::query::weights::{
    ENTITY_GAZETTEER_BOOST, ENTITY_PRECISE_BOOST, ENTITY_RECALL_BOOST, FOLDED_BOOST,
};
use crate::query::words::walk_word_terms;
use crate::query_analysis::QueryAnalysis;
use crate::snippet::{QueryTerms, TermFamily};
use crate::word_group::Alternative;
use crate::NewsIndex;
use rosetta_analysis::translation::TranslationLexicon;

/// Most a stem of a capitalized name may weigh when it is not the name as written: below
/// `word_group::TYPED_BOOST`, so that it counts as no match of the name as written.
const STEM_OF_NAME_BOOST: f32 = 0.45;
/// Most words a query of names only has.
const MAX_NAME_WORDS: usize = 4;

/// Whether `term` is a recall entity key.
fn is_recall(term: &Term) -> bool {
    term.value().as_str().and_then(EntityTier::of) == Some(EntityTier::Recall)
}

/// How much a query word's alternatives weigh, by the field family they search.
#[derive(Clone, Copy)]
pub(super) struct Weights {
    text: f32,
    entity: f32,
}

/// The alternatives of one query word.
#[derive(Clone, Default)]
pub(super) struct WordGroup {
    /// Kept as terms, not queries: those absent from the index are left out when the query is
    /// assembled, as they can match nothing and each would still cost a weight and a scorer.
    pub(super) alternatives: Vec<Alternative>,
    /// Entity keys: one word may have many (tiers, ambiguous letters); only the best counts.
    pub(super) entity_keys: Vec<Alternative>,
    /// A stopword (see `word_groups_of`): it may be missing from a matching document.
    pub(super) optional: bool,
    /// A syllable after the first of a Vietnamese word of several syllables: the word already
    /// scores in its first syllable's group, so it would otherwise count once per syllable.
    pub(super) continuation: bool,
    /// Translations of one term (see [`crate::bridge`]).
    pub(super) translations: Vec<Alternative>,
    /// Translations of several terms, matched as phrases.
    pub(super) phrases: Vec<BridgePhrase>,
    /// The translations added to this group, to report which a hit matched.
    pub(super) bridges: Vec<Bridge>,
    /// Matches are scored by tier (see `word_group::TIER_BONUS`): the word has recall keys and
    /// the query is made of names only.
    pub(super) tiered: bool,
    /// Where the word is in the query text (byte offsets).
    pub(super) span: (usize, usize),
}

impl NewsIndex {
    pub(super) fn analyses(&self, text: &str) -> Vec<(Option<Language>, QueryAnalysis)> {
        let mut out: Vec<(Option<Language>, QueryAnalysis)> = Language::ALL
            .iter()
            .map(|&l| (Some(l), QueryAnalysis::new(&self.analyzer, text, Some(l))))
            .collect();
        out.push((None, QueryAnalysis::new(&self.analyzer, text, None)));
        out
    }

    /// The word groups of `text`, whose language is `query_lang` (detected).
    pub(super) fn word_groups(
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

    /// [`Self::word_groups`] from the text's analyses (see [`Self::analyses`]; none: no groups).
    pub(super) fn word_groups_of(
        &self,
        text: &str,
        query_lang: Option<Language>,
        analyses: &[(Option<Language>, QueryAnalysis)],
        lexicon: Option<(&TranslationLexicon, f32)>,
        terms: &mut QueryTerms,
    ) -> Vec<WordGroup> {
        let Some((_, neutral)) = analyses.last() else {
            return Vec::new();
        };
        let words = &neutral.words;
        let mut groups: Vec<WordGroup> = words
            .iter()
            .map(|w| WordGroup {
                span: (w.start, w.end),
                ..WordGroup::default()
            })
            .collect();
        let flags = walk_word_terms(text, query_lang, analyses, |t| {
            let weights = Weights {
                text: t.text_weight,
                entity: t.entity_weight,
            };
            self.alternatives_for(t.lang, t.kind, t.term, weights, &mut groups[t.word], terms);
        });
        for (i, g) in groups.iter_mut().enumerate() {
            g.optional = flags.optional[i];
            g.continuation = flags.continuation[i];
            if flags.named[i] {
                // Each text term also searches the forms without diacritics: `putin` is `puțin`.
                g.alternatives
                    .retain(|a| a.term.field() != self.fields.folded);
            }
        }
        let named = flags.named;
        if let Some((lexicon, boost)) = lexicon {
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
                for ((g, w), named) in groups.iter_mut().zip(words).zip(&named) {
                    if w.start < start || w.end > end || g.optional || *named {
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
            // `the` is a Vietnamese syllable, folded `thé`).
            groups.retain(|g| !g.optional);
        } else if query_lang.is_some() {
            // Only stopwords of the query's own language: they are not indexed there, and the
            // same letters in other languages are other words.
            groups.clear();
        }
        // A query of names only (`Putin`, `Dmitri Peskov`) ranks by tier; in a query with other
        // words, or a longer one (every Arabic word has recall keys), the name is one piece of
        // evidence among several (tiers there cost XQuAD MRR 0.004 to 0.009).
        let names_only = (1..=MAX_NAME_WORDS).contains(&groups.len())
            && groups
                .iter()
                .all(|g| g.entity_keys.iter().any(|a| is_recall(&a.term)));
        if names_only {
            let mut norm = String::new();
            for g in &mut groups {
                g.tiered = true;
                // A Latin or Cyrillic name found through a stem that is not the name as
                // written (`Manning` is stemmed `man`) has not been found as written.
                let Some(surface) = text.get(g.span.0..g.span.1) else {
                    continue;
                };
                if !surface.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                rosetta_analysis::normalize::normalize_word(surface, &mut norm);
                for a in &mut g.alternatives {
                    if a.term.value().as_str() != Some(norm.as_str()) {
                        a.boost = a.boost.min(STEM_OF_NAME_BOOST);
                    }
                }
            }
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
                let boost = match EntityTier::of(term) {
                    Some(EntityTier::Gazetteer) => ENTITY_GAZETTEER_BOOST,
                    Some(EntityTier::Precise) => ENTITY_PRECISE_BOOST,
                    Some(EntityTier::Recall) | None => ENTITY_RECALL_BOOST,
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
    pub(super) fn phrase_query(
        &self,
        text: &str,
        slop: u32,
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
                        && EntityTier::of(t.term) == Some(EntityTier::Gazetteer)
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
                    let mut query = PhraseQuery::new_with_offset(phrase);
                    query.set_slop(slop);
                    per_language.push(Box::new(query));
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
}
