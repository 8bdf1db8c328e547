//! A [`NewsDocument`] analyzed into the row PostgreSQL stores.

use rosetta_analysis::{Analyzer, Language, Mode, TokenRef, TokenSink};
use rosetta_index::{NewsDocument, MAX_INDEXED_BYTES};

use crate::tsvector::{lexeme, weight, Family, Truncation, TsVectorBuilder};

/// Positions between the title and the body, so a phrase cannot span the two (as in the tantivy
/// backend).
const TITLE_BODY_GAP: u32 = 8;

/// A document ready to be written.
pub(crate) struct DocumentRow {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) body: String,
    pub(crate) lang: String,
    pub(crate) source: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) published: Option<i64>,
    /// Terms per family (text, folded, entity): the lengths BM25 normalizes by.
    pub(crate) lengths: [i32; 3],
    pub(crate) terms: String,
    /// The distinct lexemes of `terms` (for the document frequencies).
    pub(crate) lexemes: Vec<String>,
    pub(crate) truncation: Truncation,
}

struct Sink<'a> {
    vector: &'a mut TsVectorBuilder,
    lang: Option<Language>,
    base: u32,
    next: u32,
}

impl TokenSink for Sink<'_> {
    fn token(&mut self, t: TokenRef<'_>) {
        let position = self.base.saturating_add(t.position);
        self.next = self.next.max(position.saturating_add(1));
        self.vector.push(
            lexeme(t.kind, self.lang, t.term),
            weight(t.kind, t.term),
            position,
            Family::of(t.kind),
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

/// Analyzes `doc` (already validated) once, as the tantivy backend does: language given or
/// detected from the title and the start of the body, title then body a gap apart.
pub(crate) fn analyze_document(doc: &NewsDocument, analyzer: &Analyzer) -> DocumentRow {
    let lang = doc.lang.or_else(|| {
        let sample = format!("{}\n{}", doc.title, truncate(&doc.body, 4096));
        rosetta_analysis::detect_language(&sample)
    });
    let mut vector = TsVectorBuilder::new();
    let mut sink = Sink {
        vector: &mut vector,
        lang,
        base: 0,
        next: 0,
    };
    analyzer.analyze_with(
        truncate(&doc.title, MAX_INDEXED_BYTES),
        lang,
        Mode::Document,
        &mut sink,
    );
    sink.base = sink.next + TITLE_BODY_GAP;
    analyzer.analyze_with(
        truncate(&doc.body, MAX_INDEXED_BYTES),
        lang,
        Mode::Document,
        &mut sink,
    );
    DocumentRow {
        id: doc.id.clone(),
        title: doc.title.clone(),
        body: doc.body.clone(),
        lang: Language::code_or_und(lang).to_string(),
        source: doc.source.as_ref().map(|s| s.trim().to_lowercase()),
        url: doc.url.clone(),
        published: doc.published,
        lengths: vector.lengths().map(|n| n as i32),
        terms: vector.literal(),
        lexemes: vector.lexemes().map(str::to_string).collect(),
        truncation: vector.truncation().clone(),
    }
}

/// Why PostgreSQL cannot store `doc` as it is, if it cannot: its text type refuses NUL.
pub(crate) fn unstorable(doc: &NewsDocument) -> Option<String> {
    let fields = [
        ("id", Some(&doc.id)),
        ("title", Some(&doc.title)),
        ("body", Some(&doc.body)),
        ("source", doc.source.as_ref()),
        ("url", doc.url.as_ref()),
    ];
    fields
        .into_iter()
        .find(|(_, v)| v.is_some_and(|v| v.contains('\0')))
        .map(|(name, _)| {
            format!(
                "document {:?}: its {name} contains a NUL character, which PostgreSQL text cannot store",
                doc.id
            )
        })
}
