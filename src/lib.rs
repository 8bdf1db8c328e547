//! Rosetta: full-text search for multilingual news. One query, typed in Romanian, English, Arabic
//! or Vietnamese, in Latin, Cyrillic or Arabic script, finds one story in all four languages.
//!
//! This crate re-exports the two halves: [`analysis`] (text to terms, no tantivy dependency) and
//! [`index`] (the tantivy index, indexer and search).

pub use rosetta_analysis as analysis;
pub use rosetta_index as index;
