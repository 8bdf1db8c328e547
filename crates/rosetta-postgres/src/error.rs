//! Errors of the PostgreSQL backend.

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server refused a statement or could not be reached.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    /// A batch could not be written (nothing of it was: each batch is one transaction).
    #[error(
        "PostgreSQL: a batch of {batch} documents was not written; {committed} documents were \
         committed by this connection before it: {source}"
    )]
    BatchNotWritten {
        /// Documents in the failed batch.
        batch: usize,
        /// Documents committed by earlier batches of this connection.
        committed: u64,
        /// The server's error.
        source: postgres::Error,
    },
    /// The query could not be understood (a bad filter value).
    #[error(transparent)]
    Query(#[from] rosetta_index::Error),
    /// A query or request option this backend does not answer (it says which).
    #[error("not supported by the PostgreSQL backend: {0}")]
    Unsupported(&'static str),
    /// A table name that is not a plain SQL identifier.
    #[error("table name {0:?}: use lower-case ASCII letters, digits and _ (at most 48), starting with a letter")]
    InvalidTableName(String),
}

/// This crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
