//! Text analysis for multilingual news search (placeholder docs; filled in below).

pub mod arabic;
pub mod detect;
pub mod entity;
mod language;
pub mod normalize;
pub mod stopwords;
pub mod vietnamese;

pub use detect::detect_language;
pub use language::{Language, UnknownLanguage};
