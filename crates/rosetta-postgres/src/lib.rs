//! Rosetta's multilingual analysis inside PostgreSQL: the route from one machine to a cluster
//! (streaming replicas, Citus).
//!
//! Documents are analyzed by [`rosetta_analysis`] exactly as for the tantivy backend, and their
//! terms (stems per language, folded forms, cross-script entity keys) are stored with their
//! positions in one `tsvector` column under a GIN index (RUM when the extension is installed);
//! see [`tsvector`] for the lexemes and weights. A query is parsed by [`rosetta_index::query`]
//! and translated to `tsquery` ([`plan`]); filters and sorting by date run in SQL; snippets are
//! made by Rosetta from the returned text. The document, request and result types are those of
//! [`rosetta_index`]. `title:`, cursors, facets and histograms are refused with
//! [`Error::Unsupported`]; query words match as typed and by their entity keys, not through the
//! translation lexicon ([`rosetta_index::SearchRequest::lexicon`] is ignored).
//!
//! Ranking has two stages: the first [`DEFAULT_RESCORE_CANDIDATES`] matches by `ts_rank_cd`
//! (over the tier weights) are re-scored with BM25 as the tantivy backend scores them, from
//! statistics kept in two side tables in the same transactions as the documents ([`rank`] has
//! the details). `tsvector` limits (16,383 positions, 2,047-byte lexemes, 1 MB) truncate a
//! document, and [`UpsertOutcome::truncated`] says what was left out; each batch is one
//! transaction, so a failure leaves no half-written batch ([`Error::BatchNotWritten`]).
//! [`cluster::TempCluster`] starts a throwaway local server for tests and trials.
//!
//! ```no_run
//! use rosetta_index::{NewsDocument, SearchRequest};
//! use rosetta_postgres::PgIndex;
//!
//! let mut index = PgIndex::connect("host=/tmp user=postgres dbname=news")?;
//! index.upsert(&[NewsDocument::new("en-1", "Kremlin spokesman Dmitry Peskov said a meeting was necessary.")])?;
//! for hit in index.search(&SearchRequest::new("Песков"))?.hits {
//!     println!("{} {}", hit.id, hit.snippet);
//! }
//! # Ok::<(), rosetta_postgres::Error>(())
//! ```

pub mod cluster;
mod document;
mod error;
pub mod plan;
pub mod rank;
mod schema;
mod search;
pub mod tsvector;
mod writer;

use postgres::{Client, NoTls};
use rosetta_analysis::Analyzer;

pub use error::{Error, Result};
pub use schema::TermsIndex;
pub use writer::{PgStats, UpsertOutcome};

/// The table used when none is named.
pub const DEFAULT_TABLE: &str = "rosetta_news";

/// A Rosetta index in one PostgreSQL table.
pub struct PgIndex {
    client: Client,
    table: String,
    analyzer: Analyzer,
    terms_index: TermsIndex,
    /// Documents committed through this connection (reported when a batch fails).
    committed: u64,
    /// How many of the documents `ts_rank_cd` ranks first are re-scored with BM25.
    rescore_candidates: usize,
}

/// Candidates re-scored with BM25 by default (see [`PgIndex::set_rescore_candidates`]).
pub const DEFAULT_RESCORE_CANDIDATES: usize = 200;

impl PgIndex {
    /// Connects to `url` (a libpq connection string or `postgresql://` URL; no TLS) and creates
    /// the default table if missing.
    pub fn connect(url: &str) -> Result<PgIndex> {
        Self::connect_with(url, DEFAULT_TABLE, Analyzer::new())
    }

    /// As [`PgIndex::connect`], with a table name and an analyzer (e.g. one with a user
    /// gazetteer; use the same one every time).
    pub fn connect_with(url: &str, table: &str, analyzer: Analyzer) -> Result<PgIndex> {
        schema::check_table_name(table)?;
        let client = Client::connect(url, NoTls)?;
        Self::with_client(client, table, analyzer)
    }

    /// Uses an open connection.
    pub fn with_client(mut client: Client, table: &str, analyzer: Analyzer) -> Result<PgIndex> {
        schema::check_table_name(table)?;
        let terms_index = schema::create(&mut client, table)?;
        Ok(PgIndex {
            client,
            table: table.to_string(),
            analyzer,
            terms_index,
            committed: 0,
            rescore_candidates: DEFAULT_RESCORE_CANDIDATES,
        })
    }

    /// Sets how many of the documents `ts_rank_cd` ranks first are re-scored with BM25 (at least
    /// the hits asked for): more is closer to the tantivy backend's order and slower.
    pub fn set_rescore_candidates(&mut self, candidates: usize) {
        self.rescore_candidates = candidates;
    }

    /// The index on the terms (GIN or RUM).
    pub fn terms_index(&self) -> TermsIndex {
        self.terms_index
    }

    /// The table's name.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// Removes every document (the table stays).
    pub fn clear(&mut self) -> Result<()> {
        let table = &self.table;
        self.client.batch_execute(&format!(
            "TRUNCATE {table}, {table}_lexemes, {table}_totals"
        ))?;
        Ok(())
    }

    /// The connection, for statements of your own.
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }
}
