//! Typed errors of the index crate.

use std::path::PathBuf;

/// Everything that can go wrong opening, writing or searching an index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Another writer holds the index (one writer per index at a time).
    #[error("index is locked by another writer: {0}")]
    Locked(String),
    /// The index directory could not be created or read.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The directory holds something that is not a Rosetta index (or an index of another schema).
    #[error("{path}: not a Rosetta index ({reason})")]
    NotARosettaIndex {
        /// The index directory.
        path: PathBuf,
        /// Why it was refused.
        reason: String,
    },
    /// A document was refused (missing id, empty body, ...).
    #[error("invalid document: {0}")]
    InvalidDocument(String),
    /// A query could not be understood (e.g. an unparsable date filter).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// An error from tantivy.
    #[error("tantivy: {0}")]
    Tantivy(tantivy::TantivyError),
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        match e {
            tantivy::TantivyError::LockFailure(lock, detail) => {
                Error::Locked(detail.unwrap_or_else(|| lock.to_string()))
            }
            other => Error::Tantivy(other),
        }
    }
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
