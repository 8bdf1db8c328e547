//! The term vocabulary every stage and consumer shares: what a term stands for ([`TermKind`]),
//! the tokens the analyzer emits, and the sink that receives them.

use crate::Language;

/// What an indexed term stands for; each kind goes to its own index field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// The stem of a word (Romanian, English, Arabic, Russian).
    Stem,
    /// A word as written, normalized but not stemmed (Vietnamese syllables; text in no supported
    /// language).
    Word,
    /// A word made of several segments: a Vietnamese multi-syllable word (`hội nghị`, syllables
    /// joined by `_`) or a hyphenated compound (`kremlin-aligned`), at the position of its first
    /// part.
    Compound,
    /// A diacritic- and tone-free form (`intalnir`, `hoi`), emitted only where it differs from the
    /// exact term, so exact matches can rank higher.
    Folded,
    /// A cross-script entity key (see [`crate::entity`]).
    Entity,
}

/// Where a term is searched and indexed: the kinds of one family share an index field (per
/// language for [`Family::Text`]) and a set of query terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// Stems, words and compounds: [`TermKind::Stem`], [`TermKind::Word`], [`TermKind::Compound`].
    Text,
    /// Diacritic- and tone-free forms: [`TermKind::Folded`].
    Folded,
    /// Cross-script entity keys: [`TermKind::Entity`].
    Entity,
}

impl TermKind {
    /// The family the kind belongs to.
    pub const fn family(self) -> Family {
        match self {
            TermKind::Stem | TermKind::Word | TermKind::Compound => Family::Text,
            TermKind::Folded => Family::Folded,
            TermKind::Entity => Family::Entity,
        }
    }

    /// The kind's name as in the `analyze --json` output.
    pub const fn as_str(self) -> &'static str {
        match self {
            TermKind::Stem => "stem",
            TermKind::Word => "word",
            TermKind::Compound => "compound",
            TermKind::Folded => "folded",
            TermKind::Entity => "entity",
        }
    }
}

/// A term with its place in the original text, borrowed from the analyzer's buffers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenRef<'a> {
    /// The indexed term.
    pub term: &'a str,
    /// What the term stands for.
    pub kind: TermKind,
    /// Word position (Vietnamese: syllable position), for phrase queries.
    pub position: u32,
    /// Byte offset of the source word(s) in the original text.
    pub start: usize,
    /// Byte offset just past the source word(s).
    pub end: usize,
}

/// An owned term; see [`TokenRef`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Token {
    /// The indexed term.
    pub term: String,
    /// What the term stands for.
    pub kind: TermKind,
    /// Word position (Vietnamese: syllable position), for phrase queries.
    pub position: u32,
    /// Byte offset of the source word(s) in the original text.
    pub start: usize,
    /// Byte offset just past the source word(s).
    pub end: usize,
}

/// A word found by segmentation (stopwords included), as byte offsets into the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct WordSpan {
    /// Byte offset of the word.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
}

/// Receives the output of [`Analyzer::analyze_with`](crate::Analyzer::analyze_with) without allocating per token.
pub trait TokenSink {
    /// A word of the segmentation (Vietnamese: a whole multi-syllable word), in text order.
    fn word(&mut self, _span: WordSpan) {}
    /// A term, in non-decreasing position order.
    fn token(&mut self, token: TokenRef<'_>);
}

/// The result of [`Analyzer::analyze`](crate::Analyzer::analyze).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Analysis {
    /// The language the text was analyzed as (given, or detected); `None` when the text is in
    /// none of the languages, in which case it got language-neutral analysis (no stems, no stopwords).
    pub language: Option<Language>,
    /// The segmentation.
    pub words: Vec<WordSpan>,
    /// Every term the index stores, in non-decreasing position order.
    pub tokens: Vec<Token>,
}

impl TokenSink for Analysis {
    fn word(&mut self, span: WordSpan) {
        self.words.push(span);
    }

    fn token(&mut self, t: TokenRef<'_>) {
        self.tokens.push(Token {
            term: t.term.to_string(),
            kind: t.kind,
            position: t.position,
            start: t.start,
            end: t.end,
        });
    }
}
