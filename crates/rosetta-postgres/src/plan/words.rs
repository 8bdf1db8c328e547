//! A text's word groups: each word's alternatives from every analysis of it.

use super::*;
use rosetta_index::query::words::walk_word_terms;

/// The word groups of a text from its analyses (the last one language-neutral), as the tantivy
/// backend makes them ([`walk_word_terms`]).
pub(super) fn word_groups(
    text: &str,
    query_lang: Option<Language>,
    analyses: &[(Option<Language>, Analysis)],
    mut snippet_terms: Option<&mut SnippetTerms>,
) -> Vec<WordGroup> {
    let words = &analyses[analyses.len() - 1].1.words;
    let mut groups: Vec<WordGroup> = words
        .iter()
        .map(|_| WordGroup {
            boost: 1.0,
            ..WordGroup::default()
        })
        .collect();
    let flags = walk_word_terms(text, query_lang, analyses, |t| {
        if let Some(terms) = snippet_terms.as_deref_mut() {
            terms.add(t.lang, t.kind, t.term);
        }
        add_alternatives(
            &mut groups[t.word],
            t.lang,
            t.kind,
            t.term,
            t.text_weight,
            t.entity_weight,
        );
    });
    for (i, g) in groups.iter_mut().enumerate() {
        g.optional = flags.optional[i];
        if flags.continuation[i] {
            g.boost = CONTINUATION_BOOST;
        }
        if flags.named[i] {
            // Each text term also searches the forms without diacritics: `putin` is `puțin`.
            g.alternatives
                .retain(|a| a.entity || !a.lexeme.starts_with(FOLDED_PREFIX));
        }
    }
    groups.retain(|g| !g.alternatives.is_empty());
    if groups.iter().any(|g| !g.optional) {
        groups.retain(|g| !g.optional);
    }
    groups
}

pub(super) fn add_alternatives(
    group: &mut WordGroup,
    lang: Option<Language>,
    kind: TermKind,
    term: &str,
    text_weight: f32,
    entity_weight: f32,
) {
    let mut push = |lexeme: String, boost: f32, entity: bool| {
        let known = group
            .alternatives
            .iter_mut()
            .find(|a| a.lexeme == lexeme && a.entity == entity);
        match known {
            // The same lexeme from two analyses counts at its best weight.
            Some(a) => a.boost = a.boost.max(boost),
            None => group.alternatives.push(Alternative {
                lexeme,
                boost,
                entity,
            }),
        }
    };
    let folded = || format!("{FOLDED_PREFIX}{term}");
    match (kind, lang) {
        (TermKind::Entity, _) => {
            let tier = if term.starts_with(GAZETTEER_PREFIX) {
                ENTITY_GAZETTEER_BOOST
            } else if term.starts_with(PRECISE_PREFIX) {
                ENTITY_PRECISE_BOOST
            } else {
                ENTITY_RECALL_BOOST
            };
            push(term.to_string(), tier * entity_weight, true);
        }
        (TermKind::Folded, Some(_)) => {
            // A query typed with diacritics still finds a text typed without them.
            push(
                lexeme(TermKind::Stem, lang, term),
                FOLDED_BOOST * text_weight,
                false,
            );
            push(folded(), FOLDED_BOOST * text_weight, false);
        }
        (TermKind::Folded, None) => {}
        (_, Some(_)) => {
            push(lexeme(kind, lang, term), text_weight, false);
            // A query typed without diacritics finds a text typed with them.
            push(folded(), FOLDED_BOOST * text_weight, false);
        }
        (_, None) => push(lexeme(kind, None, term), 1.0, false),
    }
}
