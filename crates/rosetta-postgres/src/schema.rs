//! The table, its indexes, and the statements that read and write it.

use postgres::Client;

use crate::{Error, Result};

/// Which index answers text queries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermsIndex {
    /// A GIN index on `terms` (always available).
    Gin,
    /// A RUM index on `terms` (the `rum` extension, when installed): it stores positions, so
    /// phrases and ranking need no heap visit.
    Rum,
}

/// Checks that `table` is a plain identifier, safe to write into SQL.
pub(crate) fn check_table_name(table: &str) -> Result<()> {
    // Room for the side tables' suffixes within PostgreSQL's 63 bytes.
    let ok = table.len() <= 48
        && table.starts_with(|c: char| c.is_ascii_lowercase())
        && table
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidTableName(table.to_string()))
    }
}

/// Creates the tables and indexes if missing; RUM when the extension can be created.
///
/// Beside the documents, `<table>_lexemes` holds each lexeme's document frequency and
/// `<table>_totals` the documents and term counts per language: the BM25 statistics ranking
/// needs, kept up to date in each write's transaction. Every batch updates thousands of lexeme
/// rows: pages left half empty let an update stay on its page without touching the index (a
/// HOT update).
pub(crate) fn create(client: &mut Client, table: &str) -> Result<TermsIndex> {
    let exists: bool = client
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&table])?
        .get(0);
    let rum_available: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum')",
            &[],
        )?
        .get(0);
    let kind = if rum_available {
        client.batch_execute("CREATE EXTENSION IF NOT EXISTS rum")?;
        TermsIndex::Rum
    } else {
        TermsIndex::Gin
    };
    if exists {
        let rum: bool = client
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE tablename = $1 \
                 AND indexname = $2 AND indexdef ILIKE '%USING rum%')",
                &[&table, &format!("{table}_terms")],
            )?
            .get(0);
        return Ok(if rum {
            TermsIndex::Rum
        } else {
            TermsIndex::Gin
        });
    }
    let using = match kind {
        TermsIndex::Gin => "gin (terms)",
        TermsIndex::Rum => "rum (terms rum_tsvector_ops)",
    };
    client.batch_execute(&format!(
        "CREATE TABLE IF NOT EXISTS {table} (
            id text PRIMARY KEY,
            title text NOT NULL,
            body text NOT NULL,
            lang text NOT NULL,
            source text,
            url text,
            published timestamptz,
            text_terms integer NOT NULL,
            folded_terms integer NOT NULL,
            entity_terms integer NOT NULL,
            terms tsvector NOT NULL
        );
        CREATE TABLE IF NOT EXISTS {table}_lexemes (
            lexeme text PRIMARY KEY,
            docs bigint NOT NULL
        ) WITH (fillfactor = 50);
        CREATE TABLE IF NOT EXISTS {table}_totals (
            lang text PRIMARY KEY,
            docs bigint NOT NULL,
            text_terms bigint NOT NULL,
            folded_terms bigint NOT NULL,
            entity_terms bigint NOT NULL
        );
        CREATE INDEX IF NOT EXISTS {table}_terms ON {table} USING {using};
        CREATE INDEX IF NOT EXISTS {table}_lang ON {table} (lang);
        CREATE INDEX IF NOT EXISTS {table}_published ON {table} (published);
        CREATE INDEX IF NOT EXISTS {table}_source ON {table} (source);"
    ))?;
    Ok(kind)
}
