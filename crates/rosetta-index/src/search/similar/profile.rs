//! What a document is about, as terms of the languages searched: its names, numbers and words,
//! each weighed by kind and rarity, its words also as their translations.

use std::collections::{BTreeMap, HashMap};

use rosetta_analysis::entity::EntityTier;
use rosetta_analysis::translation::TranslationLexicon;
use rosetta_analysis::{Analysis, Language, TermKind};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::bridge::Bridge;
use crate::query::Filters;
use crate::{NewsIndex, Result};

/// At most this many pieces of evidence make the query (More Like This keeps 25 terms by
/// default; a piece here is one word with all its terms). XQuAD dev paragraphs give P@1 0.990 at
/// 30 and 40 (`scripts/similar_eval.py`, lowest pair 0.967 and 0.958), 0.986 at 25; a long article
/// costs less at 30.
const MAX_EVIDENCE: usize = 30;
/// Words looked up in the translation lexicon, the heaviest first.
const MAX_TRANSLATED: usize = 30;
/// Weight of a term by what it is: a gazetteer entity is the surest sign of the same story, a
/// recall key the weakest of the names; numbers (years, figures) are shared by translations; a
/// word counts less than a name, its translation less than the word itself (a translation is
/// evidence, not identity), the same term in another language's field (a loan word, a name in
/// lower case) less again.
const GAZETTEER_WEIGHT: f32 = 1.0;
const PRECISE_WEIGHT: f32 = 0.8;
const RECALL_WEIGHT: f32 = 0.3;
const NUMBER_WEIGHT: f32 = 0.7;
const WORD_WEIGHT: f32 = 0.4;
const TRANSLATION_WEIGHT: f32 = 0.35;
const OTHER_FIELD_WEIGHT: f32 = 0.15;
/// The frequency of a term in the document counts up to this factor (More Like This caps it
/// through its term count; a word said ten times is not ten times the evidence).
const MAX_TF_FACTOR: f32 = 2.5;

/// A term to look for, in one field, with its weight.
#[derive(Clone, Debug)]
pub(super) struct Key {
    pub(super) term: String,
    pub(super) field: Field,
    pub(super) weight: f32,
}

/// One word (or name, or number) of the document, as the similarity query looks for it: any of
/// its keys counts, once, with the weight of the best one a document has.
#[derive(Debug)]
pub(super) struct Evidence {
    /// As written in the document.
    pub(super) word: String,
    /// The heaviest first.
    pub(super) keys: Vec<Key>,
    /// The heaviest key's weight.
    pub(super) weight: f32,
}

/// The evidence of a document, with what is needed to explain hits.
#[derive(Debug, Default)]
pub(super) struct Profile {
    pub(super) evidence: Vec<Evidence>,
    /// The translations used, to say which words of a hit matched through them.
    pub(super) bridges: Vec<Bridge>,
    /// Its number of distinct words (terms other than entity keys and folded forms).
    pub(super) words: usize,
}

/// The languages whose documents may be found: their fields are searched.
pub(super) struct Targets {
    pub(super) langs: Vec<Language>,
    /// Whether documents in none of the languages may be.
    pub(super) undetermined: bool,
    /// Whether words are also looked for as their translations ([`SearchRequest::lexicon`]).
    ///
    /// [`SearchRequest::lexicon`]: crate::SearchRequest::lexicon
    pub(super) translate: bool,
}

impl Targets {
    pub(super) fn of(filters: &Filters, translate: bool) -> Targets {
        let mut langs: Vec<Language> = if filters.langs.is_empty() {
            Language::ALL.to_vec()
        } else {
            filters.langs.iter().flatten().copied().collect()
        };
        let mut undetermined = filters.langs.is_empty() || filters.langs.contains(&None);
        langs.retain(|l| !filters.excluded_langs.contains(&Some(*l)));
        if filters.excluded_langs.contains(&None) {
            undetermined = false;
        }
        Targets {
            langs,
            undetermined,
            translate,
        }
    }

    fn fields(&self, fields: &crate::schema::Fields) -> Vec<Field> {
        let mut out: Vec<Field> = self.langs.iter().map(|&l| fields.text_of(l)).collect();
        if self.undetermined {
            out.push(fields.text_und);
        }
        out
    }
}

/// The terms of one word of the document (or of a name over several words).
struct Word {
    terms: Vec<(String, TermKind)>,
    start: usize,
    end: usize,
    tf: u32,
}

/// The words of `analysis`, each with its terms (folded forms left out: the exact ones say it),
/// counted.
fn words(analysis: &Analysis) -> Vec<Word> {
    // A name the gazetteer knows speaks for its words: their own keys would count it again. A
    // Vietnamese word of several syllables does the same for its syllables.
    let covering: Vec<(usize, usize)> = analysis
        .tokens
        .iter()
        .filter(|t| {
            EntityTier::of(&t.term) == Some(EntityTier::Gazetteer)
                || (t.kind == TermKind::Compound && analysis.language == Some(Language::Vietnamese))
        })
        .map(|t| (t.start, t.end))
        .collect();
    let mut spans: BTreeMap<(usize, usize), Vec<(String, TermKind)>> = BTreeMap::new();
    for t in &analysis.tokens {
        let inside = covering
            .iter()
            .any(|&(s, e)| s <= t.start && t.end <= e && (s, e) != (t.start, t.end));
        if t.kind == TermKind::Folded || inside {
            continue;
        }
        spans
            .entry((t.start, t.end))
            .or_default()
            .push((t.term.clone(), t.kind));
    }
    // The same word said again is the same evidence, more of it.
    let mut seen: HashMap<Vec<(String, TermKind)>, usize> = HashMap::new();
    let mut out: Vec<Word> = Vec::new();
    for ((start, end), mut terms) in spans {
        terms.sort_by(|a, b| (&a.0, a.1.as_str()).cmp(&(&b.0, b.1.as_str())));
        terms.dedup();
        match seen.get(&terms) {
            Some(&i) => out[i].tf += 1,
            None => {
                seen.insert(terms.clone(), out.len());
                out.push(Word {
                    terms,
                    start,
                    end,
                    tf: 1,
                });
            }
        }
    }
    out
}

fn is_number(term: &str, kind: TermKind) -> bool {
    kind != TermKind::Entity && term.len() >= 2 && term.chars().all(|c| c.is_ascii_digit())
}

fn is_latin(term: &str) -> bool {
    term.chars()
        .all(|c| c.is_ascii_alphanumeric() || ('\u{c0}'..='\u{24f}').contains(&c))
}

impl NewsIndex {
    /// The evidence of `text` (in `lang`, detected when `None`) for documents in `targets`.
    pub(super) fn profile(
        &self,
        searcher: &Searcher,
        text: &str,
        lang: Option<Language>,
        targets: &Targets,
    ) -> Result<Profile> {
        let text = crate::document::truncate(text, crate::SNIPPET_SCAN_BYTES * 4);
        let analysis = self.analyzer.analyze(text, lang);
        let own = analysis.language;
        let f = &self.fields;
        let own_field = own.map_or(f.text_und, |l| f.text_of(l));
        let target_fields = targets.fields(f);
        let own_is_target = target_fields.contains(&own_field);
        let stats = Stats::new(searcher);
        let mut evidence: Vec<Evidence> = Vec::new();
        // Words to translate: (index in `evidence`, term, idf, tf factor).
        let mut to_translate: Vec<(usize, String, f32, f32)> = Vec::new();
        for word in words(&analysis) {
            let tf = (1.0 + (word.tf as f32).ln()).min(MAX_TF_FACTOR);
            let mut keys: Vec<Key> = Vec::new();
            let mut rank = 0.0f32;
            let mut translate = None;
            for (term, kind) in &word.terms {
                if *kind == TermKind::Entity {
                    let base = match EntityTier::of(term) {
                        Some(EntityTier::Gazetteer) => GAZETTEER_WEIGHT,
                        Some(EntityTier::Precise) => PRECISE_WEIGHT,
                        _ => RECALL_WEIGHT,
                    };
                    if let Some(idf) = stats.idf(&[f.entity], term)? {
                        keys.push(Key {
                            term: term.clone(),
                            field: f.entity,
                            weight: base * idf * tf,
                        });
                    }
                } else if is_number(term, *kind) {
                    if let Some(idf) = stats.idf(&target_fields, term)? {
                        let weight = NUMBER_WEIGHT * idf * tf;
                        keys.extend(target_fields.iter().map(|&field| Key {
                            term: term.clone(),
                            field,
                            weight,
                        }));
                    }
                } else {
                    // How telling the word is, in its own language (when no document is in it,
                    // a Russian text, as rare as can be: its translations say the rest).
                    let df = stats.df(own_field, term)?;
                    let Some(idf) = stats.idf_or_rare(df) else {
                        continue;
                    };
                    let weight = WORD_WEIGHT * idf * tf;
                    rank = rank.max(weight);
                    if own_is_target && df > 0 {
                        keys.push(Key {
                            term: term.clone(),
                            field: own_field,
                            weight,
                        });
                    }
                    // Romanian and English share loan words and names written in lower case
                    // (`complex`, `algoritm`); the other pairs share no script or no stems.
                    if is_latin(term) {
                        for l in [Language::Romanian, Language::English] {
                            let field = f.text_of(l);
                            if field != own_field && targets.langs.contains(&l) {
                                keys.push(Key {
                                    term: term.clone(),
                                    field,
                                    weight: OTHER_FIELD_WEIGHT * idf * tf,
                                });
                            }
                        }
                    }
                    translate = Some((term.clone(), idf, tf));
                }
            }
            if let Some((term, idf, tf)) = translate {
                to_translate.push((evidence.len(), term, idf, tf));
            }
            let rank = keys.iter().map(|k| k.weight).fold(rank, f32::max);
            evidence.push(Evidence {
                word: text[word.start..word.end].to_string(),
                keys,
                weight: rank,
            });
        }
        to_translate.sort_by(|a, b| {
            (b.2 * b.3)
                .total_cmp(&(a.2 * a.3))
                .then_with(|| a.1.cmp(&b.1))
        });
        to_translate.truncate(if targets.translate { MAX_TRANSLATED } else { 0 });
        let lexicon = self.translation_lexicon();
        let mut bridges = Vec::new();
        for (i, term, idf, tf) in to_translate {
            let e = &mut evidence[i];
            translate(lexicon, own, &term, idf, tf, targets, f, e, &mut bridges);
        }
        for e in &mut evidence {
            e.keys.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            // A word whose every term is in half the documents, or in none, is no evidence.
            e.weight = e.keys.first().map_or(0.0, |k| k.weight);
        }
        evidence.retain(|e| e.weight > 0.0);
        evidence.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.keys[0].term.cmp(&b.keys[0].term))
        });
        evidence.truncate(MAX_EVIDENCE);
        let words = analysis
            .tokens
            .iter()
            .filter(|t| !matches!(t.kind, TermKind::Entity | TermKind::Folded))
            .map(|t| t.term.as_str())
            .collect::<std::collections::HashSet<_>>()
            .len();
        Ok(Profile {
            evidence,
            bridges,
            words,
        })
    }
}

/// Adds to `e` the translations of `term` (of language `own`) into the target languages.
#[allow(clippy::too_many_arguments)]
fn translate(
    lexicon: &TranslationLexicon,
    own: Option<Language>,
    term: &str,
    idf: f32,
    tf: f32,
    targets: &Targets,
    fields: &crate::schema::Fields,
    e: &mut Evidence,
    bridges: &mut Vec<Bridge>,
) {
    for t in lexicon.translations(own, term) {
        if !targets.langs.contains(&t.lang) {
            continue;
        }
        let terms: Vec<(usize, &str)> = t.positioned_terms().collect();
        // Several terms (a phrase) count as loose words, each for its share.
        let share = TRANSLATION_WEIGHT * t.weight * idf * tf / terms.len().max(1) as f32;
        let field = fields.text_of(t.lang);
        for (_, s) in &terms {
            e.keys.push(Key {
                term: s.to_string(),
                field,
                weight: share,
            });
        }
        bridges.push(Bridge {
            query: e.word.clone(),
            lang: t.lang,
            terms: terms.iter().map(|(p, s)| (*p, s.to_string())).collect(),
        });
    }
}

/// Document frequencies of the searcher's index, as inverse document frequencies.
struct Stats<'a> {
    searcher: &'a Searcher,
    total: f32,
}

impl<'a> Stats<'a> {
    fn new(searcher: &'a Searcher) -> Self {
        Stats {
            searcher,
            total: searcher.num_docs().max(1) as f32,
        }
    }

    fn df(&self, field: Field, term: &str) -> Result<u64> {
        Ok(self
            .searcher
            .doc_freq(&Term::from_field_text(field, term))?)
    }

    fn idf_of(&self, df: u64) -> f32 {
        (1.0 + (self.total - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
    }

    /// The idf of `term` where it is most common of `fields`; `None` when no document has it or
    /// half of them do.
    fn idf(&self, fields: &[Field], term: &str) -> Result<Option<f32>> {
        let mut df = 0;
        for &field in fields {
            df = df.max(self.df(field, term)?);
        }
        Ok((df > 0 && df as f32 <= self.total / 2.0).then(|| self.idf_of(df)))
    }

    /// The idf of a term in `df` documents, one in none counting as found once; `None` when in
    /// half of them.
    fn idf_or_rare(&self, df: u64) -> Option<f32> {
        (df as f32 <= self.total / 2.0).then(|| self.idf_of(df.max(1)))
    }
}
