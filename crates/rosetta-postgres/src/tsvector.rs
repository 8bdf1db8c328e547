//! A document's Rosetta terms as a PostgreSQL `tsvector` literal, within `tsvector`'s limits.
//!
//! Every family of terms goes into one `tsvector`, told apart by a lexeme prefix and a weight
//! label, so that one GIN index answers a whole query and `ts_rank_cd` sees every match at its
//! real position (`tsvector || tsvector` would shift the right side's positions):
//!
//! | terms | lexeme | weight |
//! |---|---|---|
//! | stems and words of a document in language `xx` (`und`: none of the four) | `xx:term` | A |
//! | gazetteer and precise entity keys | `g:…`, `p:…` (as the analyzer writes them) | B |
//! | folded forms | `f:term` | C |
//! | recall entity keys | `r:…` | D |

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rosetta_analysis::entity::{GAZETTEER_PREFIX, PRECISE_PREFIX};
use rosetta_analysis::{Language, TermKind};

/// Longest lexeme PostgreSQL accepts, in bytes.
pub const MAX_LEXEME_BYTES: usize = 2047;
/// Highest position PostgreSQL stores (larger ones are silently clamped to it).
pub const MAX_POSITION: u32 = 16_383;
/// Positions PostgreSQL keeps per lexeme (it silently drops the rest).
pub const MAX_POSITIONS_PER_LEXEME: usize = 256;
/// What this crate lets one `tsvector` take: PostgreSQL refuses 1 MB (1,048,575 bytes); the
/// estimate below is kept a margin under it.
pub const MAX_TSVECTOR_BYTES: usize = 1_000_000;

/// The field a term belongs to in the tantivy backend, whose BM25 lengths ranking mirrors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Stems, words and compounds of the document's language.
    Text = 0,
    /// Folded forms.
    Folded = 1,
    /// Entity keys.
    Entity = 2,
}

impl Family {
    /// The family of a term of `kind`.
    pub fn of(kind: TermKind) -> Family {
        match kind {
            TermKind::Stem | TermKind::Word | TermKind::Compound => Family::Text,
            TermKind::Folded => Family::Folded,
            TermKind::Entity => Family::Entity,
        }
    }

    /// The family of a stored lexeme (see the module docs).
    pub fn of_lexeme(lexeme: &str) -> Family {
        if lexeme.starts_with(FOLDED_PREFIX) {
            Family::Folded
        } else if ["g:", "p:", "r:"].iter().any(|p| lexeme.starts_with(p)) {
            Family::Entity
        } else {
            Family::Text
        }
    }
}

/// Lexeme prefix of folded forms.
pub const FOLDED_PREFIX: &str = "f:";

/// The lexeme of a term of `kind` from text analyzed as `lang`.
pub fn lexeme(kind: TermKind, lang: Option<Language>, term: &str) -> String {
    match kind {
        TermKind::Entity => term.to_string(),
        TermKind::Folded => format!("{FOLDED_PREFIX}{term}"),
        TermKind::Stem | TermKind::Word | TermKind::Compound => {
            format!("{}:{term}", Language::code_or_und(lang))
        }
    }
}

/// The weight label of a term of `kind` (see the module docs).
pub fn weight(kind: TermKind, term: &str) -> char {
    match kind {
        TermKind::Stem | TermKind::Word | TermKind::Compound => 'A',
        TermKind::Entity if term.starts_with(GAZETTEER_PREFIX) => 'B',
        TermKind::Entity if term.starts_with(PRECISE_PREFIX) => 'B',
        TermKind::Entity => 'D',
        TermKind::Folded => 'C',
    }
}

/// Writes `lexeme` quoted for `tsvector`/`tsquery` input: inside single quotes, a quote and a
/// backslash are each doubled.
pub fn quote_lexeme(out: &mut String, lexeme: &str) {
    out.push('\'');
    for c in lexeme.chars() {
        if c == '\'' || c == '\\' {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
}

/// What had to be left out of a document's `tsvector`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Truncation {
    /// Terms after position [`MAX_POSITION`] (the end of a long text), or past the size limit.
    pub terms_past_limit: usize,
    /// Terms longer than [`MAX_LEXEME_BYTES`].
    pub long_lexemes: usize,
    /// Occurrences beyond [`MAX_POSITIONS_PER_LEXEME`] of one lexeme (still matched; counted
    /// less by ranking).
    pub extra_occurrences: usize,
}

impl Truncation {
    /// Whether nothing was left out.
    pub fn is_empty(&self) -> bool {
        *self == Truncation::default()
    }
}

impl std::fmt::Display for Truncation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if self.terms_past_limit > 0 {
            parts.push(format!(
                "{} terms past position {MAX_POSITION} or the {MAX_TSVECTOR_BYTES}-byte limit",
                self.terms_past_limit
            ));
        }
        if self.long_lexemes > 0 {
            parts.push(format!(
                "{} terms longer than {MAX_LEXEME_BYTES} bytes",
                self.long_lexemes
            ));
        }
        if self.extra_occurrences > 0 {
            parts.push(format!(
                "{} occurrences beyond {MAX_POSITIONS_PER_LEXEME} of one term",
                self.extra_occurrences
            ));
        }
        write!(f, "not indexed: {}", parts.join(", "))
    }
}

/// Collects a document's lexemes with their positions and weights.
#[derive(Default)]
pub struct TsVectorBuilder {
    /// Lexeme -> (positions, weight); ordered so the literal is deterministic.
    lexemes: BTreeMap<String, (Vec<u32>, char)>,
    /// PostgreSQL's size of the vector so far (an estimate from above).
    bytes: usize,
    /// Terms kept per [`Family`], for length normalization.
    lengths: [u32; 3],
    truncation: Truncation,
}

impl TsVectorBuilder {
    /// An empty vector.
    pub fn new() -> Self {
        TsVectorBuilder::default()
    }

    /// Adds a term at a 0-based `position`.
    pub fn push(&mut self, lexeme: String, weight: char, position: u32, family: Family) {
        if lexeme.len() > MAX_LEXEME_BYTES {
            self.truncation.long_lexemes += 1;
            return;
        }
        // PostgreSQL positions start at 1.
        let position = position.saturating_add(1);
        if position > MAX_POSITION {
            self.truncation.terms_past_limit += 1;
            return;
        }
        match self.lexemes.get_mut(&lexeme) {
            Some((positions, _)) => {
                if positions.last() == Some(&position) {
                    return;
                }
                if positions.len() >= MAX_POSITIONS_PER_LEXEME {
                    self.truncation.extra_occurrences += 1;
                    return;
                }
                if self.bytes + 2 > MAX_TSVECTOR_BYTES {
                    self.truncation.terms_past_limit += 1;
                    return;
                }
                positions.push(position);
                self.bytes += 2;
                self.lengths[family as usize] += 1;
            }
            None => {
                // A WordEntry (4 bytes), the lexeme (padded to 2), the position count (2) and one
                // position (2).
                let cost = 4 + lexeme.len() + 1 + 2 + 2;
                if self.bytes + cost > MAX_TSVECTOR_BYTES {
                    self.truncation.terms_past_limit += 1;
                    return;
                }
                self.bytes += cost;
                self.lexemes.insert(lexeme, (vec![position], weight));
                self.lengths[family as usize] += 1;
            }
        }
    }

    /// Terms kept per [`Family`] (text, folded, entity).
    pub fn lengths(&self) -> [u32; 3] {
        self.lengths
    }

    /// The distinct lexemes, in order.
    pub fn lexemes(&self) -> impl Iterator<Item = &str> {
        self.lexemes.keys().map(String::as_str)
    }

    /// What was left out.
    pub fn truncation(&self) -> &Truncation {
        &self.truncation
    }

    /// The `tsvector` literal: `'lexeme':1A,5A 'other':2C`.
    pub fn literal(&self) -> String {
        let mut out = String::with_capacity(self.bytes * 2);
        for (lexeme, (positions, weight)) in &self.lexemes {
            if !out.is_empty() {
                out.push(' ');
            }
            quote_lexeme(&mut out, lexeme);
            out.push(':');
            for (i, p) in positions.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{p}{weight}");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_doubled() {
        let mut out = String::new();
        quote_lexeme(&mut out, r"o'brien\x");
        assert_eq!(out, r"'o''brien\\x'");
    }

    #[test]
    fn positions_start_at_one_and_stop_at_the_limit() {
        let mut b = TsVectorBuilder::new();
        b.push("en:peskov".into(), 'A', 0, Family::Text);
        b.push("p:bskf".into(), 'B', 0, Family::Entity);
        b.push("en:said".into(), 'A', 1, Family::Text);
        b.push("en:late".into(), 'A', MAX_POSITION, Family::Text);
        b.push("x".repeat(MAX_LEXEME_BYTES + 1), 'A', 2, Family::Text);
        assert_eq!(b.literal(), "'en:peskov':1A 'en:said':2A 'p:bskf':1B");
        assert_eq!(b.truncation().terms_past_limit, 1);
        assert_eq!(b.truncation().long_lexemes, 1);
        assert_eq!(b.lengths(), [2, 0, 1]);
    }

    #[test]
    fn a_lexeme_keeps_at_most_256_positions() {
        let mut b = TsVectorBuilder::new();
        for p in 0..300 {
            b.push("en:the".into(), 'A', p, Family::Text);
        }
        assert_eq!(b.truncation().extra_occurrences, 44);
        assert_eq!(b.literal().matches(',').count(), 255);
    }
}
