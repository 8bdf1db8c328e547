//! A tantivy index for multilingual news, built on [`rosetta_analysis`]: schema, tokenizers,
//! parallel indexer and cross-language search with snippets and filters.
//!
//! ```
//! use rosetta_index::{NewsDocument, NewsIndex, SearchRequest};
//! use rosetta_analysis::Language;
//!
//! let index = NewsIndex::create_in_ram();
//! let mut writer = index.writer()?;
//! writer.add_documents(&[
//!     NewsDocument::new("ro-1", "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a declarat că întâlnirea este necesară.")
//!         .with_lang(Language::Romanian),
//!     NewsDocument::new("en-1", "Kremlin spokesman Dmitry Peskov said a meeting was necessary.")
//!         .with_lang(Language::English),
//! ])?;
//! writer.commit()?;
//! // A Cyrillic query finds both, through the entity keys.
//! let results = index.search(&SearchRequest::new("Песков"))?;
//! assert_eq!(results.total, 2);
//! // Without diacritics, a folded form matches.
//! let results = index.search(&SearchRequest::new("intalnirea"))?;
//! assert_eq!(results.hits[0].id, "ro-1");
//! # Ok::<(), rosetta_index::Error>(())
//! ```

#![forbid(unsafe_code)]

mod bridge;
mod directory;
mod document;
mod error;
pub mod field_query;
pub mod highlight;
mod index;
pub mod input;
mod lazy_union;
pub mod query;
mod query_analysis;
mod replay;
mod schema;
mod search;
mod snippet;
pub mod tokenizer;
mod word_group;
mod writer;

pub use bridge::Matched;
pub use document::{NewsDocument, MAX_DATE_SECS, MAX_ID_BYTES, MAX_INDEXED_BYTES, MIN_DATE_SECS};
pub use error::{Error, Result};
pub use index::{IndexStats, NewsIndex, VerifyReport};
pub use schema::{build_schema, Fields};
pub use search::{
    Bucket, Facet, Facets, Hit, Interval, SearchRequest, SearchResults, SimilarTo, Sort,
};
pub use snippet::{Snippet, SNIPPET_BYTES, SNIPPET_SCAN_BYTES};
pub use tokenizer::{register_tokenizers, register_tokenizers_on, RosettaTokenizer};
pub use writer::{AddOutcome, NewsWriter, WriterOptions};
