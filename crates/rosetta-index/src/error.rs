//! Typed errors of the index crate.

use std::path::PathBuf;

/// Everything that can go wrong opening, writing or searching an index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Another writer holds the index (one writer per index at a time).
    #[error("index is locked by another writer: {0}")]
    Locked(String),
    /// The index folder cannot be written (permissions, a read-only mount); it can still be
    /// searched.
    #[error("cannot write to the index: {0}")]
    NotWritable(std::io::Error),
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
    /// The disk (or the user's quota) is full. Nothing of the failed commit is kept: the index
    /// holds what was committed before, and the files of the failed commit are removed.
    #[error("disk full: {0}")]
    DiskFull(String),
    /// Files of the index are damaged (see [`crate::NewsIndex::verify`]).
    #[error("damaged index: {0}")]
    Damaged(String),
    /// A bug or an inconsistent index made an operation panic; the panic was stopped at the
    /// library's boundary.
    #[error("internal error in {operation}: {message}")]
    Internal {
        /// What was being done (`search`, `commit`, ...).
        operation: &'static str,
        /// The panic's message.
        message: String,
    },
    /// An error from tantivy.
    #[error("tantivy: {0}")]
    Tantivy(tantivy::TantivyError),
}

impl Error {
    /// Whether this error means the disk or quota was full.
    pub fn is_disk_full(&self) -> bool {
        matches!(self, Error::DiskFull(_))
    }
}

/// Whether `error`, or an error it was caused by, says the disk or quota is full.
fn says_disk_full(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(error);
    while let Some(e) = next {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if matches!(
                io.kind(),
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
            ) {
                return true;
            }
        }
        next = e.source();
    }
    // tantivy flattens some io errors into strings (worker threads, merges).
    let text = error.to_string();
    text.contains("No space left on device") || text.contains("Disk quota exceeded")
}

/// Runs `operation`, turning a panic inside it into [`Error::Internal`]: a damaged or
/// inconsistent index can make tantivy panic, and a caller (a server, a CLI) must get an error.
pub(crate) fn catch_panic<T>(operation: &'static str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(Error::Internal { operation, message })
    })
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        match e {
            tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::IoError(io),
                _,
            ) => Error::NotWritable(std::io::Error::new(io.kind(), io.to_string())),
            tantivy::TantivyError::LockFailure(lock, detail) => {
                Error::Locked(detail.unwrap_or_else(|| lock.to_string()))
            }
            other if says_disk_full(&other) => Error::DiskFull(other.to_string()),
            other => Error::Tantivy(other),
        }
    }
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
