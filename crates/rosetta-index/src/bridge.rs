//! Query words bridged into the other languages by the translation lexicon.
//!
//! A query word (or two adjacent ones, `peace talks`) also matches its translations
//! ([`rosetta_analysis::translation`]): each becomes one more alternative of the word's group,
//! weighted by [`LEXICON_BOOST`] times the pair's reliability, so it counts below the word itself
//! (1.0) and below the word's entity keys. A translation of several terms (`purtat * cuvânt`,
//! `hội nghị thượng đỉnh` as syllables) is a phrase, never loose words. The expansion happens at
//! query time: the index does not grow, and the lexicon can change without re-indexing.
//!
//! A translation is evidence, not identity. When documents in the query's own language compete
//! (no `lang:` filter, or a filter on that language), the documents that match every word are
//! those with every word as typed: translations only count among the documents that match some
//! words, ranked below them (with them in that pass too, the XQuAD dev monolingual MRR@10 fell
//! from en 0.971 to 0.955, ar 0.945 to 0.937, whatever their weight). With a filter on another
//! language, or a query whose language has no documents in the index (or is unknown), they count
//! in both passes.
//!
//! Weights measured on the XQuAD dev questions (a question in language X searched with
//! `indexer search --lang Y` must find the same paragraph in Y; mean MRR@10 of the 12 X->Y pairs):
//! 0.790 at [`LEXICON_BOOST`] 0.35, 0.789 at 0.5, 0.775 at 0.2; with every pair at weight 1
//! instead of its reliability, 0.768.

use rosetta_analysis::translation::{Translation, TranslationLexicon};
use rosetta_analysis::{Analyzer, Language, Mode, Script, TermKind, TokenRef, TokenSink};
use tantivy::schema::Field;
use tantivy::Term;

use crate::document::truncate;
use crate::query_analysis::QueryAnalysis;
use crate::schema::Fields;
use crate::snippet::{QueryTerms, TermFamily, SNIPPET_SCAN_BYTES};
use crate::word_group::Alternative;

/// Weight of a translation of reliability 1 relative to the word as typed, when the search is
/// for documents in another language than the query's (a `lang:` filter), or the query's
/// language has no documents in the index or is unknown.
pub(crate) const LEXICON_BOOST: f32 = 0.35;
/// The same when documents in the query's own language compete with the others: its documents
/// with the words as typed must come first, translations only add the other languages' below.
/// XQuAD dev monolingual MRR@10 is the same at 0.1, 0.2 and 0.35: the lowest keeps the margin.
pub(crate) const LEXICON_BOOST_BESIDE_TYPED: f32 = 0.1;

/// A translation of query words, kept to say which hits matched through it.
#[derive(Clone, Debug)]
pub(crate) struct Bridge {
    /// The query words as typed.
    pub(crate) query: String,
    pub(crate) lang: Language,
    /// Its terms by position relative to the first.
    pub(crate) terms: Vec<(usize, String)>,
}

/// A translation of several terms, matched as a phrase.
#[derive(Clone, Debug)]
pub(crate) struct BridgePhrase {
    pub(crate) terms: Vec<(usize, Term)>,
    pub(crate) boost: f32,
}

/// What a group of query words receives from the lexicon.
#[derive(Default)]
pub(crate) struct Bridged {
    pub(crate) alternatives: Vec<Alternative>,
    pub(crate) phrases: Vec<BridgePhrase>,
    pub(crate) bridges: Vec<Bridge>,
}

/// One unit a query is looked up by: a word's term in the query's language, with the span of the
/// query text it covers.
struct Unit<'a> {
    start: usize,
    end: usize,
    term: &'a str,
    lang: Option<Language>,
}

/// The lookup units of `analysis` (in language `lang`, not Russian; `None`: Cyrillic words, read
/// as Russian).
fn units<'a>(analysis: &'a QueryAnalysis, lang: Option<Language>, text: &str) -> Vec<Unit<'a>> {
    let mut out: Vec<Unit<'a>> = Vec::new();
    match lang {
        Some(Language::Vietnamese) => {
            for w in &analysis.words {
                let mut best: Option<TokenRef<'a>> = None;
                for t in analysis.tokens() {
                    if t.start == w.start && t.end == w.end {
                        match t.kind {
                            TermKind::Compound => best = Some(t),
                            TermKind::Word if best.is_none() => best = Some(t),
                            _ => {}
                        }
                    }
                }
                if let Some(t) = best {
                    out.push(Unit {
                        start: w.start,
                        end: w.end,
                        term: t.term,
                        lang,
                    });
                }
            }
        }
        Some(_) => {
            for t in analysis.tokens().filter(|t| t.kind == TermKind::Stem) {
                out.push(Unit {
                    start: t.start,
                    end: t.end,
                    term: t.term,
                    lang,
                });
            }
        }
        None => {
            for t in analysis.tokens().filter(|t| {
                t.kind == TermKind::Word
                    && text
                        .get(t.start..t.end)
                        .is_some_and(|w| w.chars().any(|c| Script::of(c) == Script::Cyrillic))
            }) {
                out.push(Unit {
                    start: t.start,
                    end: t.end,
                    term: t.term,
                    lang,
                });
            }
        }
    }
    out
}

/// The translations of the query `text`'s words: for each span of the text (a word or two
/// adjacent ones) what its words' groups receive. `analyses` are the query's analyses (each
/// language, then language-neutral); `query_lang` its detected language: only that language's
/// words are looked up, or every language's when it is unknown.
pub(crate) fn translate(
    lexicon: &TranslationLexicon,
    boost: f32,
    fields: &Fields,
    text: &str,
    analyses: &[(Option<Language>, QueryAnalysis)],
    query_lang: Option<Language>,
    terms: &mut QueryTerms,
) -> Vec<((usize, usize), Bridged)> {
    let mut out: Vec<((usize, usize), Bridged)> = Vec::new();
    // Russian words are looked up as written, from the language-neutral analysis: the lexicon
    // matches their inflections itself (see `translations`), better than by our stems.
    let query_lang = query_lang.filter(|l| *l != Language::Russian);
    for (lang, analysis) in analyses {
        if *lang == Some(Language::Russian) || query_lang.is_some() && *lang != query_lang {
            continue;
        }
        // Vietnamese typed without tones is ambiguous (`nghi` doubt, `nghị` council): its words
        // are not translated.
        if *lang == Some(Language::Vietnamese) && text.is_ascii() {
            continue;
        }
        let units = units(analysis, *lang, text);
        for (i, unit) in units.iter().enumerate() {
            let mut spans: Vec<(usize, usize, String)> =
                vec![(unit.start, unit.end, unit.term.to_string())];
            if let Some(next) = units.get(i + 1) {
                spans.push((unit.start, next.end, format!("{} {}", unit.term, next.term)));
            }
            for (start, end, key) in spans {
                let found = lexicon.translations(unit.lang, &key);
                if found.is_empty() {
                    continue;
                }
                let slot = match out.iter().position(|(s, _)| *s == (start, end)) {
                    Some(p) => p,
                    None => {
                        out.push(((start, end), Bridged::default()));
                        out.len() - 1
                    }
                };
                let bridged = &mut out[slot].1;
                for t in &found {
                    // A word written the same in the other language (`summit` in Romanian) is
                    // found there as typed already.
                    let as_typed = analyses.iter().any(|(l, a)| {
                        *l == Some(t.lang)
                            && a.tokens()
                                .any(|x| x.start >= start && x.end <= end && x.term == t.terms)
                    });
                    if !as_typed {
                        add(fields, &text[start..end], t, boost, bridged, terms);
                    }
                }
            }
        }
    }
    out
}

fn add(
    fields: &Fields,
    query: &str,
    t: &Translation<'_>,
    boost: f32,
    bridged: &mut Bridged,
    terms: &mut QueryTerms,
) {
    let field: Field = fields.text_of(t.lang);
    let boost = boost * t.weight;
    let positioned: Vec<(usize, &str)> = t.positioned_terms().collect();
    if positioned.is_empty() {
        return;
    }
    if bridged.bridges.iter().any(|b| {
        b.lang == t.lang
            && b.terms
                .iter()
                .map(|(p, s)| (*p, s.as_str()))
                .eq(positioned.iter().copied())
    }) {
        return;
    }
    for (_, term) in &positioned {
        terms.add(TermFamily::Text, term);
    }
    match t.lang {
        Language::Arabic => terms.arabic_words = true,
        Language::Russian => terms.cyrillic_words = true,
        _ => terms.latin_words = true,
    }
    if let [(_, term)] = positioned.as_slice() {
        bridged.alternatives.push(Alternative {
            term: Term::from_field_text(field, term),
            boost,
            locations: None,
        });
    } else {
        bridged.phrases.push(BridgePhrase {
            terms: positioned
                .iter()
                .map(|(p, s)| (*p, Term::from_field_text(field, s)))
                .collect(),
            boost,
        });
    }
    bridged.bridges.push(Bridge {
        query: query.to_string(),
        lang: t.lang,
        terms: positioned
            .iter()
            .map(|(p, s)| (*p, s.to_string()))
            .collect(),
    });
}

/// A query word matched in a hit through a translation.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Matched {
    /// The query word(s) as typed.
    pub query: String,
    /// The text of the hit that matched, as written there.
    pub term: String,
    /// How it matched: `lexicon`.
    pub via: &'static str,
}

/// Terms of a document with their positions and offsets.
#[derive(Default)]
struct Positions(Vec<(u32, usize, usize, String)>);

impl TokenSink for Positions {
    fn token(&mut self, t: TokenRef<'_>) {
        if matches!(t.kind, TermKind::Stem | TermKind::Word | TermKind::Compound) {
            self.0
                .push((t.position, t.start, t.end, t.term.to_string()));
        }
    }
}

/// Adds to `out` the `bridges` that match in `text` (of a document in `lang`), with the text
/// that matched, unless already there.
pub(crate) fn matches(
    analyzer: &Analyzer,
    text: &str,
    lang: Option<Language>,
    bridges: &[Bridge],
    out: &mut Vec<Matched>,
) {
    let Some(lang) = lang else {
        return;
    };
    let bridges: Vec<&Bridge> = bridges.iter().filter(|b| b.lang == lang).collect();
    if bridges.is_empty() || text.is_empty() {
        return;
    }
    let scanned = truncate(text, SNIPPET_SCAN_BYTES);
    let mut positions = Positions::default();
    analyzer.analyze_with(scanned, Some(lang), Mode::Highlight, &mut positions);
    let tokens = positions.0;
    for b in bridges {
        let Some((_, first)) = b.terms.first() else {
            continue;
        };
        let last_offset = b.terms.last().map_or(0, |(p, _)| *p);
        let found = tokens.iter().find_map(|(pos, start, _, term)| {
            if term != first {
                return None;
            }
            let mut end = 0;
            for (offset, wanted) in &b.terms {
                let at = pos + *offset as u32;
                let hit = tokens.iter().find(|(p, _, _, t)| *p == at && t == wanted)?;
                if *offset == last_offset {
                    end = end.max(hit.2);
                }
            }
            Some((*start, end))
        });
        if let Some((start, end)) = found {
            let matched = Matched {
                query: b.query.clone(),
                term: scanned[start..end].to_string(),
                via: "lexicon",
            };
            if !out.contains(&matched) {
                out.push(matched);
            }
        }
    }
}
