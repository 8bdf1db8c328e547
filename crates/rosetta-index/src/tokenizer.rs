//! Rosetta's analyzers as tantivy tokenizers.
//!
//! tantivy does not store tokenizers in the index: they are looked up by name whenever a field is
//! indexed or queried, so [`register_tokenizers`] must run on every `Index` that is created or
//! opened (the [`crate::NewsIndex`] constructors do it). It works on any tantivy index, so a
//! schema of your own can use Rosetta's analysis:
//!
//! ```
//! use tantivy::schema::{Schema, TextFieldIndexing, TextOptions, IndexRecordOption};
//! use tantivy::{doc, Index, collector::TopDocs, query::QueryParser};
//!
//! let mut builder = Schema::builder();
//! let body = builder.add_text_field(
//!     "body",
//!     TextOptions::default().set_indexing_options(
//!         TextFieldIndexing::default()
//!             .set_tokenizer("rosetta_ro")
//!             .set_index_option(IndexRecordOption::WithFreqsAndPositions),
//!     ),
//! );
//! let index = Index::create_in_ram(builder.build());
//! rosetta_index::register_tokenizers(&index);
//! let mut writer = index.writer(15_000_000)?;
//! writer.add_document(doc!(body => "Purtătorul de cuvânt al Kremlinului"))?;
//! writer.commit()?;
//! let searcher = index.reader()?.searcher();
//! // `Kremlin` and `Kremlinului` share the stem `kremlin`.
//! let query = QueryParser::for_index(&index, vec![body]).parse_query("Kremlin")?;
//! assert_eq!(searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`crate::NewsWriter`] analyzes each document once and gives each field a recording of its tokens
//! (a text starting with two Unicode noncharacters, U+FDD0 and U+FDD1, around a name), which
//! these tokenizers play back instead of analyzing it; any other text is analyzed.

use rosetta_analysis::{Analyzer, Family, Language, Mode, TermKind, TokenRef, TokenSink};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};
use tantivy::Index;

use crate::replay::Playback;

/// Tokenizer of documents in no supported language: normalized words.
pub const TOKENIZER_NEUTRAL: &str = "rosetta_und";
/// Tokenizer emitting folded (diacritic- and tone-free) forms; detects the language per text.
pub const TOKENIZER_FOLDED: &str = "rosetta_folded";
/// Tokenizer emitting entity keys; detects the language per text.
pub const TOKENIZER_ENTITY: &str = "rosetta_entity";
/// Tokenizer emitting every term except entity keys; detects the language per text.
pub const TOKENIZER_AUTO: &str = "rosetta";

/// The name of `lang`'s tokenizer: `rosetta_ro`, `rosetta_en`, `rosetta_ar`, `rosetta_vi`,
/// `rosetta_ru` (stems, or for Vietnamese syllables and words).
pub fn tokenizer_name(lang: Language) -> String {
    format!("rosetta_{}", lang.code())
}

/// Which term families a tokenizer passes on: one bit per [`Family`].
#[derive(Clone, Copy, Debug)]
struct KindSet(u8);

impl KindSet {
    const TEXT: KindSet = KindSet(1 << Family::Text as u8);
    const FOLDED: KindSet = KindSet(1 << Family::Folded as u8);
    const ENTITY: KindSet = KindSet(1 << Family::Entity as u8);
    const ALL_BUT_ENTITY: KindSet = KindSet(Self::TEXT.0 | Self::FOLDED.0);

    fn contains(self, kind: TermKind) -> bool {
        self.0 & 1 << kind.family() as u8 != 0
    }
}

/// A tantivy [`Tokenizer`] running the Rosetta analyzer and keeping some term kinds.
#[derive(Clone)]
pub struct RosettaTokenizer {
    analyzer: Analyzer,
    lang: Option<Language>,
    detect: bool,
    kinds: KindSet,
    tokens: Vec<Token>,
    /// The token a recording is played back into (its buffer reused from token to token).
    played: Token,
}

impl RosettaTokenizer {
    /// The tokenizer of `lang`'s text field (see [`tokenizer_name`]).
    pub fn for_language(analyzer: Analyzer, lang: Language) -> Self {
        Self::new(analyzer, Some(lang), false, KindSet::TEXT)
    }

    fn new(analyzer: Analyzer, lang: Option<Language>, detect: bool, kinds: KindSet) -> Self {
        RosettaTokenizer {
            analyzer,
            lang,
            detect,
            kinds,
            tokens: Vec::new(),
            played: Token::default(),
        }
    }
}

struct Collect<'a> {
    tokens: &'a mut Vec<Token>,
    kinds: KindSet,
}

impl TokenSink for Collect<'_> {
    fn token(&mut self, t: TokenRef<'_>) {
        if self.kinds.contains(t.kind) {
            self.tokens.push(Token {
                offset_from: t.start,
                offset_to: t.end,
                position: t.position as usize,
                text: t.term.to_string(),
                position_length: 1,
            });
        }
    }
}

impl Tokenizer for RosettaTokenizer {
    type TokenStream<'a> = RosettaTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RosettaTokenStream<'a> {
        self.tokens.clear();
        if let Some(playback) = Playback::of(text) {
            // Tokens the writer analyzed already (see `crate::replay`).
            return RosettaTokenStream {
                tokens: &mut self.tokens,
                index: usize::MAX,
                playback: Some((playback, &mut self.played)),
            };
        }
        let mode = if self.detect {
            Mode::Document
        } else {
            Mode::Query
        };
        let lang = if self.detect { None } else { self.lang };
        let mut sink = Collect {
            tokens: &mut self.tokens,
            kinds: self.kinds,
        };
        // Fixed-language tokenizers analyze in document mode too; `Query` with a language only
        // differs in keeping a stopword-only text, which is what a user's query parser needs.
        self.analyzer.analyze_with(text, lang, mode, &mut sink);
        RosettaTokenStream {
            tokens: &mut self.tokens,
            index: usize::MAX,
            playback: None,
        }
    }
}

/// Streams the tokens of a [`RosettaTokenizer`]: collected from an analysis, or played back one
/// at a time from a recording into a single reused token.
pub struct RosettaTokenStream<'a> {
    tokens: &'a mut [Token],
    index: usize,
    playback: Option<(Playback<'a>, &'a mut Token)>,
}

impl TokenStream for RosettaTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some((playback, token)) = &mut self.playback {
            return playback.next_into(token);
        }
        self.index = self.index.wrapping_add(1);
        self.index < self.tokens.len()
    }

    fn token(&self) -> &Token {
        match &self.playback {
            Some((_, token)) => token,
            None => &self.tokens[self.index],
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match &mut self.playback {
            Some((_, token)) => token,
            None => &mut self.tokens[self.index],
        }
    }
}

/// Registers every Rosetta tokenizer on `index` with the default analyzer. Run it after every
/// `Index::create_*`/`Index::open_*`: tokenizers are not stored in the index.
pub fn register_tokenizers(index: &Index) {
    register_tokenizers_on(index.tokenizers(), Analyzer::new());
}

/// Registers every Rosetta tokenizer on `manager`, analyzing with `analyzer` (e.g. one with a user
/// gazetteer). Names: `rosetta_ro`, `rosetta_en`, `rosetta_ar`, `rosetta_vi`, `rosetta_und`,
/// `rosetta_folded`, `rosetta_entity`, `rosetta`.
pub fn register_tokenizers_on(manager: &TokenizerManager, analyzer: Analyzer) {
    for lang in Language::ALL {
        manager.register(
            &tokenizer_name(lang),
            RosettaTokenizer::for_language(analyzer.clone(), lang),
        );
    }
    manager.register(
        TOKENIZER_NEUTRAL,
        RosettaTokenizer::new(analyzer.clone(), None, false, KindSet::TEXT),
    );
    manager.register(
        TOKENIZER_FOLDED,
        RosettaTokenizer::new(analyzer.clone(), None, true, KindSet::FOLDED),
    );
    manager.register(
        TOKENIZER_ENTITY,
        RosettaTokenizer::new(analyzer.clone(), None, true, KindSet::ENTITY),
    );
    manager.register(
        TOKENIZER_AUTO,
        RosettaTokenizer::new(analyzer, None, true, KindSet::ALL_BUT_ENTITY),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replay::TokenRecording;

    fn tokens(tokenizer: &mut RosettaTokenizer, text: &str) -> Vec<(usize, String)> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().position, stream.token().text.clone()));
        }
        out
    }

    #[test]
    fn recordings_are_played_back_and_text_is_analyzed() {
        let mut tokenizer = RosettaTokenizer::for_language(Analyzer::new(), Language::Romanian);
        let mut recording = TokenRecording::default();
        recording.push(0, "kremlin");
        recording.push(3, "purtător");
        let recording = recording.finish().expect("tokens were pushed");
        let played = [(0, "kremlin".to_string()), (3, "purtător".to_string())];
        assert_eq!(tokens(&mut tokenizer, &recording), played);
        // The same tokenizer still analyzes ordinary text, before and after a playback.
        let analyzed = tokens(&mut tokenizer, "Kremlinului");
        assert_eq!(analyzed, [(0, "kremlin".to_string())]);
        assert_eq!(tokens(&mut tokenizer, &recording), played);
    }
}
