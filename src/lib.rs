//! Rosetta: full-text search for multilingual news in Romanian, English, Arabic, Vietnamese and
//! Russian. One query, in Latin, Cyrillic or Arabic script, finds one story across them.
//!
//! This crate re-exports the two halves: [`analysis`] (text to terms, no tantivy dependency) and
//! [`index`] (the tantivy index, indexer and search).

pub use rosetta_analysis as analysis;
pub use rosetta_index as index;
