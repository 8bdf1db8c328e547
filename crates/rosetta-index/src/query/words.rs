//! Which analysed terms stand for which word of a query, and at what weight: the walk over a
//! text's analyses (one per language, then a language-neutral one) that both backends turn into
//! their own alternatives (tantivy terms, PostgreSQL lexemes).

use rosetta_analysis::entity::{keeps_named_word_term, EntityTier};
use rosetta_analysis::{Analysis, Language, TermKind, TokenRef, WordSpan};

use super::weights::{ENTITY_IN_KNOWN_LANGUAGE_BOOST, OTHER_LANGUAGE_BOOST};

/// An analysis of a query text whose terms can be read as [`TokenRef`]s.
pub trait QueryTokens {
    /// The segmentation.
    fn word_spans(&self) -> &[WordSpan];
    /// The terms, in non-decreasing position order.
    fn token_refs(&self) -> impl Iterator<Item = TokenRef<'_>>;
}

impl QueryTokens for Analysis {
    fn word_spans(&self) -> &[WordSpan] {
        &self.words
    }

    fn token_refs(&self) -> impl Iterator<Item = TokenRef<'_>> {
        self.tokens.iter().map(|t| TokenRef {
            term: &t.term,
            kind: t.kind,
            position: t.position,
            start: t.start,
            end: t.end,
        })
    }
}

/// One analysed term of a query word.
#[derive(Clone, Copy, Debug)]
pub struct WordTerm<'a> {
    /// The word's index in the segmentation.
    pub word: usize,
    /// The language of the analysis that gave it (`None`: the language-neutral one).
    pub lang: Option<Language>,
    /// What the term stands for.
    pub kind: TermKind,
    /// The term.
    pub term: &'a str,
    /// Weight of the word's text terms in that analysis ([`OTHER_LANGUAGE_BOOST`] when it is not
    /// the query's language).
    pub text_weight: f32,
    /// Weight of its entity keys ([`ENTITY_IN_KNOWN_LANGUAGE_BOOST`] once the query's language
    /// is known).
    pub entity_weight: f32,
}

/// What the walk learnt of each word.
#[derive(Clone, Debug, Default)]
pub struct WordFlags {
    /// Part of a gazetteer name: searched as the entity and as typed (see
    /// [`keeps_named_word_term`]), not by its folded forms or translations.
    pub named: Vec<bool>,
    /// A stopword of the query's language (of every language, when it is unknown): it may be
    /// missing from a matching document.
    pub optional: Vec<bool>,
    /// A later syllable of a Vietnamese compound of the query (see
    /// [`super::weights::CONTINUATION_BOOST`]).
    pub continuation: Vec<bool>,
}

/// Calls `emit` with each term of each word of `text`, from `analyses` (each language's, then the
/// language-neutral one, whose segmentation is the words'): an entity key of several words
/// (`Statele Unite`) stands for each of them. `query_lang` is the query's detected language.
pub fn walk_word_terms<'a, A: QueryTokens>(
    text: &str,
    query_lang: Option<Language>,
    analyses: &'a [(Option<Language>, A)],
    mut emit: impl FnMut(WordTerm<'a>),
) -> WordFlags {
    let Some((_, neutral)) = analyses.last() else {
        return WordFlags::default();
    };
    let words = neutral.word_spans();
    let mut flags = WordFlags {
        named: words
            .iter()
            .map(|w| {
                analyses.iter().any(|(_, a)| {
                    a.token_refs().any(|t| {
                        t.kind == TermKind::Entity
                            && EntityTier::of(t.term) == Some(EntityTier::Gazetteer)
                            && t.start <= w.start
                            && w.end <= t.end
                    })
                })
            })
            .collect(),
        optional: vec![false; words.len()],
        continuation: vec![false; words.len()],
    };
    for (lang, analysis) in analyses {
        let mut has_term = vec![false; words.len()];
        let text_weight = match (query_lang, lang) {
            (Some(q), Some(l)) if q != *l => OTHER_LANGUAGE_BOOST,
            _ => 1.0,
        };
        let entity_weight = if query_lang.is_some() {
            ENTITY_IN_KNOWN_LANGUAGE_BOOST
        } else {
            1.0
        };
        for t in analysis.token_refs() {
            let Some(p) = words
                .iter()
                .position(|w| w.start <= t.start && t.start < w.end)
            else {
                continue;
            };
            if t.kind != TermKind::Entity {
                has_term[p] = true;
            }
            let surface = text.get(words[p].start..words[p].end).unwrap_or_default();
            if flags.named[p] && !keeps_named_word_term(surface, t.kind, t.term) {
                continue;
            }
            // Only Vietnamese: doing the same for hyphenated compounds (`kremlin-aligned`)
            // lowered the Russian-question figure (XQuAD dev ru-to-any 0.497 to 0.495).
            if t.kind == TermKind::Compound
                && *lang == Some(Language::Vietnamese)
                && query_lang == *lang
            {
                for (i, w) in words.iter().enumerate().skip(p + 1) {
                    if w.start >= t.end {
                        break;
                    }
                    flags.continuation[i] = true;
                }
            }
            for (i, w) in words.iter().enumerate() {
                let covers = if t.kind == TermKind::Entity {
                    w.start >= t.start && w.end <= t.end
                } else {
                    i == p
                };
                if covers {
                    emit(WordTerm {
                        word: i,
                        lang: *lang,
                        kind: t.kind,
                        term: t.term,
                        text_weight,
                        entity_weight,
                    });
                }
            }
        }
        // Once the query's language is known, only its stopwords are left out: Vietnamese
        // `ba` (three) and `ca` (song) are Romanian stopwords, Romanian `an` (year) is an
        // English one, and each is a content word of the query.
        if lang.is_some() && (query_lang.is_none() || *lang == query_lang) {
            for (optional, has) in flags.optional.iter_mut().zip(has_term) {
                *optional |= !has;
            }
        }
    }
    flags
}
