//! A [`NewsDocument`] analyzed into the row PostgreSQL stores.

use rosetta_analysis::{Analyzer, Language, TokenRef, TokenSink};
use rosetta_index::NewsDocument;

use crate::tsvector::{lexeme, weight, Family, Truncation, TsVectorBuilder};

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
}

impl TokenSink for Sink<'_> {
    fn token(&mut self, t: TokenRef<'_>) {
        let position = t.position;
        self.vector.push(
            lexeme(t.kind, self.lang, t.term),
            weight(t.kind, t.term),
            position,
            Family::of(t.kind),
        );
    }
}

/// Analyzes `doc` (already validated) once, as the tantivy backend does: language given or
/// detected from the title and the start of the body, title then body a gap apart.
pub(crate) fn analyze_document(doc: &NewsDocument, analyzer: &Analyzer) -> DocumentRow {
    let lang = doc.indexed_language();
    let mut vector = TsVectorBuilder::new();
    let mut sink = Sink {
        vector: &mut vector,
        lang,
    };
    doc.analyze_title_and_body(analyzer, lang, &mut sink, |_| {});
    DocumentRow {
        id: doc.id.clone(),
        title: doc.title.clone(),
        body: doc.body.clone(),
        lang: Language::code_or_und(lang).to_string(),
        source: doc.normalized_source(),
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
