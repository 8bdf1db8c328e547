//! A news document as the indexer receives it, and its conversion to index fields.

use rosetta_analysis::{Analyzer, Language, Mode, TermKind, TokenRef, TokenSink};
use tantivy::schema::Field;
use tantivy::tokenizer::{PreTokenizedString, Token};
use tantivy::{DateTime, TantivyDocument};

use crate::schema::{lang_slot, Fields};
use crate::{Error, Result};

/// A document to index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewsDocument {
    /// Unique id: adding a document with an existing id replaces it.
    pub id: String,
    /// Title (may be empty).
    pub title: String,
    /// Body text.
    pub body: String,
    /// Language; detected from title and body when `None`.
    pub lang: Option<Language>,
    /// Publication time, seconds since the Unix epoch (UTC).
    pub published: Option<i64>,
    /// Source (e.g. `Reuters`); matched case-insensitively by filters.
    pub source: Option<String>,
    /// URL of the original.
    pub url: Option<String>,
}

impl NewsDocument {
    /// A document with an id and a body; other fields empty.
    pub fn new(id: impl Into<String>, body: impl Into<String>) -> Self {
        NewsDocument {
            id: id.into(),
            body: body.into(),
            ..NewsDocument::default()
        }
    }

    /// Sets the title.
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// Sets the language.
    pub fn with_lang(mut self, lang: Language) -> Self {
        self.lang = Some(lang);
        self
    }

    /// Checks what the index needs: a non-empty id, and some text.
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(Error::InvalidDocument("empty id".into()));
        }
        if self.body.trim().is_empty() && self.title.trim().is_empty() {
            return Err(Error::InvalidDocument(format!(
                "document {:?} has no text",
                self.id
            )));
        }
        Ok(())
    }
}

/// Positions between the title and the body, so a phrase cannot span the two.
const TITLE_BODY_GAP: u32 = 8;

/// Per-field token lists built from one analysis pass.
#[derive(Default)]
struct FieldTokens {
    text: Vec<Token>,
    folded: Vec<Token>,
    entity: Vec<Token>,
    /// Added to positions (the body comes after the title).
    position_base: u32,
    /// Added to offsets (title and body are stored separately; offsets are per part).
    next_position: u32,
}

impl TokenSink for FieldTokens {
    fn token(&mut self, t: TokenRef<'_>) {
        let position = self.position_base + t.position;
        self.next_position = self.next_position.max(position + 1);
        let token = Token {
            offset_from: t.start,
            offset_to: t.end,
            position: position as usize,
            text: t.term.to_string(),
            position_length: 1,
        };
        match t.kind {
            TermKind::Stem | TermKind::Word | TermKind::Compound => self.text.push(token),
            TermKind::Folded => self.folded.push(token),
            TermKind::Entity => self.entity.push(token),
        }
    }
}

/// The result of analyzing a document for the index.
pub(crate) struct AnalyzedDocument {
    pub(crate) id: String,
    pub(crate) doc: TantivyDocument,
}

/// Analyzes `doc` once and builds its tantivy document.
pub(crate) fn analyze_document(
    doc: &NewsDocument,
    fields: &Fields,
    analyzer: &Analyzer,
) -> AnalyzedDocument {
    let lang = doc.lang.or_else(|| {
        // Detect from the body mostly; titles are short and often full of names.
        let sample: String = format!("{}\n{}", doc.title, truncate(&doc.body, 4096));
        rosetta_analysis::detect_language(&sample)
    });
    let mut tokens = FieldTokens::default();
    analyzer.analyze_with(&doc.title, lang, Mode::Document, &mut tokens);
    tokens.position_base = tokens.next_position + TITLE_BODY_GAP;
    analyzer.analyze_with(&doc.body, lang, Mode::Document, &mut tokens);

    let mut out = TantivyDocument::new();
    out.add_text(fields.id, &doc.id);
    out.add_text(fields.title, &doc.title);
    out.add_text(fields.body, &doc.body);
    out.add_text(fields.lang, lang.map_or("und", |l| l.code()));
    if let Some(secs) = doc.published {
        out.add_date(fields.published, DateTime::from_timestamp_secs(secs));
    }
    if let Some(source) = &doc.source {
        out.add_text(fields.source, source.trim().to_lowercase());
    }
    if let Some(url) = &doc.url {
        out.add_text(fields.url, url);
    }
    let text_field = lang.map_or(fields.text_und, |l| fields.text[lang_slot(l)]);
    add_tokens(&mut out, text_field, tokens.text);
    add_tokens(&mut out, fields.folded, tokens.folded);
    add_tokens(&mut out, fields.entity, tokens.entity);
    AnalyzedDocument {
        id: doc.id.clone(),
        doc: out,
    }
}

fn add_tokens(doc: &mut TantivyDocument, field: Field, tokens: Vec<Token>) {
    if !tokens.is_empty() {
        // The text is not stored for these fields: the originals are in `title` and `body`.
        doc.add_pre_tokenized_text(
            field,
            PreTokenizedString {
                text: String::new(),
                tokens,
            },
        );
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
pub(crate) fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
