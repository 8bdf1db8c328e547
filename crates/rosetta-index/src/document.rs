//! A news document as the indexer receives it, and its conversion to index fields.

use rosetta_analysis::{Analyzer, Family, Language, Mode, TokenRef, TokenSink};
use std::collections::BTreeMap;
use tantivy::schema::Field;

use tantivy::schema::OwnedValue;
use tantivy::DateTime;

/// A document as the writer sends it to tantivy (a `TantivyDocument` would re-encode every
/// value).
pub(crate) type IndexDoc = BTreeMap<Field, OwnedValue>;

use crate::replay::TokenRecording;
use crate::schema::Fields;
use crate::{Error, Result};

/// How much of a title or body is indexed (all of it is stored). Analysis holds a document's
/// words and recorded tokens in memory at once (several bytes per byte of text), so this bounds
/// the indexer's memory whatever it is fed; a news article is a few KB.
pub const MAX_INDEXED_BYTES: usize = 4 << 20;

/// Longest accepted id, in bytes (tantivy cannot index longer terms; nobody needs them).
pub const MAX_ID_BYTES: usize = 1024;
/// Earliest publication time accepted: 1678-01-01 (tantivy stores dates as i64 nanoseconds).
pub const MIN_DATE_SECS: i64 = -9_214_560_000;
/// Latest publication time accepted: 2261-12-31.
pub const MAX_DATE_SECS: i64 = 9_214_560_000;

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
        if self.id.len() > MAX_ID_BYTES {
            return Err(Error::InvalidDocument(format!(
                "id of {} bytes: at most {MAX_ID_BYTES} allowed",
                self.id.len()
            )));
        }
        if let Some(secs) = self.published {
            if !(MIN_DATE_SECS..=MAX_DATE_SECS).contains(&secs) {
                return Err(Error::InvalidDocument(format!(
                    "published date out of range (years 1678 to 2261): {secs} seconds since 1970"
                )));
            }
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

impl NewsDocument {
    /// The language the document is indexed in: the one given, or the one detected from its
    /// title and the start of its body (mostly the body: titles are short and often full of
    /// names).
    pub fn indexed_language(&self) -> Option<Language> {
        self.lang.or_else(|| {
            let sample = format!("{}\n{}", self.title, truncate(&self.body, 4096));
            rosetta_analysis::detect_language(&sample)
        })
    }

    /// Its source as stored and filtered on: trimmed, in lower case.
    pub fn normalized_source(&self) -> Option<String> {
        self.source.as_ref().map(|s| s.trim().to_lowercase())
    }

    /// Analyzes its title then its body (each cut to [`MAX_INDEXED_BYTES`]) in `lang` into
    /// `sink`, the body's positions a gap after the title's last, so that a phrase never spans
    /// the two; `start_body` is called between them.
    pub fn analyze_title_and_body<S: TokenSink>(
        &self,
        analyzer: &Analyzer,
        lang: Option<Language>,
        sink: &mut S,
        start_body: impl FnOnce(&mut S),
    ) {
        let mut shifted = Shifted {
            sink,
            base: 0,
            next: 0,
        };
        let title = truncate(&self.title, MAX_INDEXED_BYTES);
        analyzer.analyze_with(title, lang, Mode::Document, &mut shifted);
        shifted.base = shifted.next.saturating_add(TITLE_BODY_GAP);
        start_body(shifted.sink);
        let body = truncate(&self.body, MAX_INDEXED_BYTES);
        analyzer.analyze_with(body, lang, Mode::Document, &mut shifted);
    }
}

/// A sink whose tokens' positions start at `base`.
struct Shifted<'s, S> {
    sink: &'s mut S,
    base: u32,
    /// One past the last position so far.
    next: u32,
}

impl<S: TokenSink> TokenSink for Shifted<'_, S> {
    fn token(&mut self, t: TokenRef<'_>) {
        let position = self.base.saturating_add(t.position);
        self.next = self.next.max(position.saturating_add(1));
        self.sink.token(TokenRef { position, ..t });
    }
}

/// Per-field token recordings built from one analysis pass.
struct FieldTokens {
    text: TokenRecording,
    folded: TokenRecording,
    entity: TokenRecording,
    /// Every term of the title, whatever its kind (for `title:` queries).
    title: TokenRecording,
    /// Whether the title is being analyzed.
    in_title: bool,
}

impl FieldTokens {
    /// Recordings that take room for what `text_bytes` of text usually give, so that they seldom
    /// grow (growing reallocates and copies). On the bench corpus, per byte of text, the text
    /// field takes 0.7 to 1.3 bytes, entity keys 0.3 (Vietnamese) to 1.6 (Arabic), and folded
    /// forms up to 0.55 (Vietnamese).
    fn for_text_of(text_bytes: usize) -> Self {
        FieldTokens {
            text: TokenRecording::expecting(text_bytes),
            folded: TokenRecording::expecting(text_bytes / 2),
            entity: TokenRecording::expecting(text_bytes),
            title: TokenRecording::expecting(0),
            in_title: false,
        }
    }
}

impl TokenSink for FieldTokens {
    fn token(&mut self, t: TokenRef<'_>) {
        let position = t.position;
        let field = match t.kind.family() {
            Family::Text => &mut self.text,
            Family::Folded => &mut self.folded,
            Family::Entity => &mut self.entity,
        };
        field.push(position, t.term);
        if self.in_title {
            self.title.push(position, t.term);
        }
    }
}

/// The result of analyzing a document for the index.
pub(crate) struct AnalyzedDocument {
    pub(crate) id: String,
    pub(crate) doc: IndexDoc,
}

/// Analyzes `doc` once and builds its tantivy document.
pub(crate) fn analyze_document(
    doc: &NewsDocument,
    fields: &Fields,
    analyzer: &Analyzer,
) -> AnalyzedDocument {
    let lang = doc.indexed_language().filter(|l| fields.indexes(*l));
    let indexed = |s: &str| s.len().min(MAX_INDEXED_BYTES);
    let mut tokens = FieldTokens::for_text_of(indexed(&doc.title) + indexed(&doc.body));
    tokens.in_title = true;
    doc.analyze_title_and_body(analyzer, lang, &mut tokens, |t| t.in_title = false);

    let mut out = IndexDoc::new();
    out.insert(fields.id, OwnedValue::Str(doc.id.clone()));
    out.insert(fields.title, OwnedValue::Str(doc.title.clone()));
    out.insert(fields.body, OwnedValue::Str(doc.body.clone()));
    out.insert(
        fields.lang,
        OwnedValue::Str(Language::code_or_und(lang).to_string()),
    );
    if let Some(secs) = doc.published {
        out.insert(
            fields.published,
            OwnedValue::Date(DateTime::from_timestamp_secs(secs)),
        );
    }
    if let Some(source) = doc.normalized_source() {
        out.insert(fields.source, OwnedValue::Str(source));
    }
    if let Some(url) = &doc.url {
        out.insert(fields.url, OwnedValue::Str(url.clone()));
    }
    let text_field = lang.map_or(fields.text_und, |l| fields.text_of(l));
    add_tokens(&mut out, text_field, tokens.text);
    add_tokens(&mut out, fields.folded, tokens.folded);
    add_tokens(&mut out, fields.entity, tokens.entity);
    if let Some(field) = fields.title_terms {
        add_tokens(&mut out, field, tokens.title);
    }
    AnalyzedDocument {
        id: doc.id.clone(),
        doc: out,
    }
}

fn add_tokens(doc: &mut IndexDoc, field: Field, tokens: TokenRecording) {
    // The field's tokenizer plays the recording back; the originals are stored in `title` and
    // `body`, these fields are not.
    if let Some(recording) = tokens.finish() {
        doc.insert(field, OwnedValue::Str(recording));
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
