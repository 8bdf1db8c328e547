//! A text's word groups: each word's alternatives from every analysis of it.

use super::*;

/// The word groups of a text from its analyses (the last one language-neutral).
pub(super) fn word_groups(
    text: &str,
    query_lang: Option<Language>,
    analyses: &[(Option<Language>, Analysis)],
    mut snippet_terms: Option<&mut SnippetTerms>,
) -> Vec<WordGroup> {
    let words = &analyses[analyses.len() - 1].1.words;
    let word_text = |p: usize| text.get(words[p].start..words[p].end).unwrap_or_default();
    let mut groups: Vec<WordGroup> = words
        .iter()
        .map(|_| WordGroup {
            boost: 1.0,
            ..WordGroup::default()
        })
        .collect();
    // Words of a gazetteer name are searched as the entity and as typed (see
    // `keeps_named_word_term`), as the tantivy backend does.
    let named: Vec<bool> = words
        .iter()
        .map(|w| {
            analyses.iter().any(|(_, a)| {
                a.tokens.iter().any(|t| {
                    t.kind == TermKind::Entity
                        && t.term.starts_with(GAZETTEER_PREFIX)
                        && t.start <= w.start
                        && w.end <= t.end
                })
            })
        })
        .collect();
    for (lang, analysis) in analyses {
        let mut has_term = vec![false; words.len()];
        for t in &analysis.tokens {
            let Some(p) = words
                .iter()
                .position(|w| w.start <= t.start && t.start < w.end)
            else {
                continue;
            };
            if t.kind != TermKind::Entity {
                has_term[p] = true;
            }
            if named[p] && !keeps_named_word_term(word_text(p), t.kind, &t.term) {
                continue;
            }
            if t.kind == TermKind::Compound
                && *lang == Some(Language::Vietnamese)
                && query_lang == *lang
            {
                for (g, w) in groups.iter_mut().zip(words).skip(p + 1) {
                    if w.start >= t.end {
                        break;
                    }
                    g.boost = CONTINUATION_BOOST;
                }
            }
            if let Some(terms) = snippet_terms.as_deref_mut() {
                terms.add(*lang, t.kind, &t.term);
            }
            let text_weight = match (query_lang, lang) {
                (Some(q), Some(l)) if q != *l => OTHER_LANGUAGE_BOOST,
                _ => 1.0,
            };
            let entity_weight = if query_lang.is_some() {
                ENTITY_IN_KNOWN_LANGUAGE_BOOST
            } else {
                1.0
            };
            for (i, w) in words.iter().enumerate() {
                let covers = if t.kind == TermKind::Entity {
                    w.start >= t.start && w.end <= t.end
                } else {
                    i == p
                };
                if covers {
                    add_alternatives(
                        &mut groups[i],
                        *lang,
                        t.kind,
                        &t.term,
                        text_weight,
                        entity_weight,
                    );
                }
            }
        }
        if lang.is_some() && (query_lang.is_none() || *lang == query_lang) {
            for (g, has) in groups.iter_mut().zip(has_term) {
                g.optional |= !has;
            }
        }
    }
    for (g, _) in groups.iter_mut().zip(&named).filter(|(_, named)| **named) {
        // Each text term also searches the forms without diacritics: `putin` is `puțin`.
        g.alternatives
            .retain(|a| a.entity || !a.lexeme.starts_with(FOLDED_PREFIX));
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
