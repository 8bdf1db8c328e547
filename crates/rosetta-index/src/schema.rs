//! The index schema: one analyzed field per language, plus language-independent fields for folded
//! forms and entity keys, plus stored originals for display and snippets.

use rosetta_analysis::Language;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

use crate::tokenizer::{TOKENIZER_ENTITY, TOKENIZER_FOLDED, TOKENIZER_NEUTRAL};

/// Handles on every field of a Rosetta index.
///
/// | field | holds |
/// |---|---|
/// | `id` | the document id (unique key, exact) |
/// | `title`, `body`, `url` | the original text, stored only (display, snippets) |
/// | `lang` | `ro`, `en`, `ar`, `vi`, `ru`, or `und` (exact, fast field) |
/// | `source` | the source, lower-cased (exact, stored) |
/// | `published` | publication date (range filters) |
/// | `text_ro`, `text_en`, `text_ar`, `text_vi`, `text_ru` | title + body terms of documents in that language: stems (ro, en, ar, ru), syllables and multi-syllable words (vi); each with its own term statistics |
/// | `text_und` | words of documents in none of the languages |
/// | `folded` | diacritic- and tone-free forms, all languages |
/// | `entity` | cross-script entity keys, all languages |
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Document id.
    pub id: Field,
    /// Original title (stored).
    pub title: Field,
    /// Original body (stored).
    pub body: Field,
    /// Language code.
    pub lang: Field,
    /// Publication date.
    pub published: Field,
    /// Source name, lower-cased.
    pub source: Field,
    /// URL (stored).
    pub url: Field,
    /// Per-language analyzed text, in [`Language::ALL`] order.
    pub text: [Field; Language::ALL.len()],
    /// Words of documents in no supported language.
    pub text_und: Field,
    /// Folded forms.
    pub folded: Field,
    /// Entity keys.
    pub entity: Field,
    /// Every term of the title (stems or words, folded forms, entity keys), for `title:`
    /// queries; `None` in indexes made before it existed.
    pub title_terms: Option<Field>,
}

impl Fields {
    /// The analyzed-text field of `lang`.
    pub fn text_of(&self, lang: Language) -> Field {
        self.text[lang.index()]
    }

    /// Whether documents in `lang` have a field of their own; `false` only for Russian in an
    /// index made before Russian was a language, whose Russian documents are then indexed as in
    /// no language (`und`).
    pub fn indexes(&self, lang: Language) -> bool {
        self.text_of(lang) != self.text_und
    }

    /// Looks the fields up in `schema`; `None` if it is not a Rosetta schema.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            id: f("id")?,
            title: f("title")?,
            body: f("body")?,
            lang: f("lang")?,
            published: f("published")?,
            source: f("source")?,
            url: f("url")?,
            text: {
                let text_und = f("text_und")?;
                let mut text = [text_und; Language::ALL.len()];
                for lang in Language::ALL {
                    text[lang.index()] = match f(&format!("text_{}", lang.code())) {
                        Some(field) => field,
                        // Indexes made before Russian was a language keep its text as `und`.
                        None if lang == Language::Russian => text_und,
                        None => return None,
                    };
                }
                text
            },
            text_und: f("text_und")?,
            folded: f("folded")?,
            entity: f("entity")?,
            title_terms: f("title_terms"),
        })
    }
}

fn analyzed(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

/// Builds the Rosetta schema and its field handles.
pub fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let positions = IndexRecordOption::WithFreqsAndPositions;
    // Fast: the tie-breaker of sorted results and their cursors.
    let id = b.add_text_field("id", STRING | STORED | FAST);
    let title = b.add_text_field("title", STORED);
    let body = b.add_text_field("body", STORED);
    // Not stored: hits read it from the fast field (a stored value fewer to read per hit).
    let lang = b.add_text_field("lang", STRING | FAST);
    let published = b.add_date_field("published", INDEXED | STORED | FAST);
    // Fast: counts by source.
    let source = b.add_text_field("source", STRING | STORED | FAST);
    let url = b.add_text_field("url", STORED);
    let text = Language::ALL.map(|l| {
        b.add_text_field(
            &format!("text_{}", l.code()),
            analyzed(&crate::tokenizer::tokenizer_name(l), positions),
        )
    });
    let text_und = b.add_text_field("text_und", analyzed(TOKENIZER_NEUTRAL, positions));
    // Phrases are matched on the language fields only: folded forms and entity keys need no
    // positions, and a third of all terms are entity keys (positions cost indexing time).
    let frequencies = IndexRecordOption::WithFreqs;
    let folded = b.add_text_field("folded", analyzed(TOKENIZER_FOLDED, frequencies));
    let entity = b.add_text_field("entity", analyzed(TOKENIZER_ENTITY, frequencies));
    let title_terms = b.add_text_field("title_terms", analyzed(TOKENIZER_ENTITY, frequencies));
    let fields = Fields {
        id,
        title,
        body,
        lang,
        published,
        source,
        url,
        text,
        text_und,
        folded,
        entity,
        title_terms: Some(title_terms),
    };
    (b.build(), fields)
}
