//! Phrases: their terms adjacent in some language, or a gazetteer name covering them.

use super::*;

/// A phrase: its terms adjacent in some language's analysis (each gap up to `slop` positions
/// longer), or a gazetteer name covering it, or (where it is a single word in some language)
/// that word.
pub(super) fn phrase(
    analyzer: &Analyzer,
    text: &str,
    slop: u32,
    snippet_terms: &mut SnippetTerms,
    words: &mut Vec<WordGroup>,
) -> Result<Option<String>> {
    let analyses = analyses(analyzer, text);
    let groups = word_groups(
        text,
        rosetta_analysis::detect_language(text),
        &analyses,
        Some(snippet_terms),
    );
    let mut alternatives: Vec<String> = Vec::new();
    let mut single_word_somewhere = false;
    for (lang, analysis) in &analyses {
        if let (Some(first), Some(last)) = (analysis.words.first(), analysis.words.last()) {
            for t in analysis.tokens.iter().filter(|t| {
                t.kind == TermKind::Entity
                    && t.term.starts_with(GAZETTEER_PREFIX)
                    && t.start == first.start
                    && t.end == last.end
            }) {
                let mut q = String::new();
                quote_lexeme(&mut q, &t.term);
                alternatives.push(q);
            }
        }
        let mut terms: Vec<(u32, String)> = Vec::new();
        for t in &analysis.tokens {
            let wanted = matches!(t.kind, TermKind::Stem | TermKind::Word);
            if wanted && !terms.iter().any(|(p, _)| *p == t.position) {
                terms.push((t.position, lexeme(t.kind, *lang, &t.term)));
            }
        }
        single_word_somewhere |= terms.len() == 1;
        if terms.len() > 1 {
            alternatives.push(format!("({})", sloppy_chain(&terms, slop)?));
        }
    }
    if single_word_somewhere || alternatives.is_empty() {
        if let Some(words) = conjunction(&groups, &[]) {
            alternatives.push(format!("({words})"));
        }
    }
    alternatives.dedup();
    if alternatives.is_empty() {
        return Ok(None);
    }
    words.extend(groups);
    Ok(Some(alternatives.join(" | ")))
}

/// `terms` (position, lexeme) in order, each at its distance from the previous one or up to
/// `slop` positions further: `'a' <-> 'b'`, or with a slop of 1 `('a' <-> 'b') | ('a' <2> 'b')`;
/// two words may also swap places, at a cost of 2 as in tantivy. PostgreSQL has no "within N"
/// operator, so every combination of gaps is written out. (Tantivy counts the slop over the
/// whole phrase; here it bounds each gap, so a phrase of three or more words with a slop may
/// match a little more.)
pub(super) fn sloppy_chain(terms: &[(u32, String)], slop: u32) -> Result<String> {
    let combinations = (slop as usize + 1)
        .checked_pow(terms.len().saturating_sub(1) as u32)
        .unwrap_or(usize::MAX);
    if combinations > MAX_SLOP_ALTERNATIVES {
        return Err(Error::Unsupported(
            "a phrase with this many words and this slop (PostgreSQL writes out every gap)",
        ));
    }
    let mut q = String::new();
    quote_lexeme(&mut q, &terms[0].1);
    let mut single = true;
    for pair in terms.windows(2) {
        let gap = pair[1].0.saturating_sub(pair[0].0).max(1);
        let mut next = Vec::new();
        for distance in gap..=gap + slop {
            let operator = if distance == 1 {
                "<->".to_string()
            } else {
                format!("<{distance}>")
            };
            let mut alternative = if single {
                format!("{q} {operator} ")
            } else {
                format!("({q}) {operator} ")
            };
            quote_lexeme(&mut alternative, &pair[1].1);
            next.push(alternative);
        }
        if terms.len() == 2 {
            // As in tantivy (and Lucene), two words swap places at a cost of 2.
            for distance in 1..slop.saturating_sub(1) + 1 {
                let mut alternative = String::new();
                quote_lexeme(&mut alternative, &pair[1].1);
                alternative.push_str(&if distance == 1 {
                    " <-> ".to_string()
                } else {
                    format!(" <{distance}> ")
                });
                quote_lexeme(&mut alternative, &pair[0].1);
                next.push(alternative);
            }
        }
        single = false;
        q = if next.len() == 1 {
            next.remove(0)
        } else {
            next.iter()
                .map(|a| format!("({a})"))
                .collect::<Vec<_>>()
                .join(" | ")
        };
    }
    Ok(q)
}
