//! Writing documents: upserts in batches, one transaction each; deletes; statistics.

use std::collections::HashMap;

use rosetta_index::NewsDocument;

use crate::document::{analyze_document, unstorable, DocumentRow};
use crate::tsvector::Truncation;
use crate::{Error, PgIndex, Result};

/// What a batch upsert did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpsertOutcome {
    /// Documents new to the table.
    pub indexed: usize,
    /// Documents that replaced one with the same id (or an earlier one of the same batch).
    pub replaced: usize,
    /// Documents not written, with why (an invalid document).
    pub skipped: Vec<(String, String)>,
    /// Documents written whose terms did not all fit in a `tsvector`, with what was left out.
    pub truncated: Vec<(String, Truncation)>,
}

/// Table figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct PgStats {
    /// Documents in the table.
    pub documents: i64,
    /// Bytes of the table with its TOAST data (the text and the `tsvector`s).
    pub table_bytes: i64,
    /// Bytes of its indexes.
    pub index_bytes: i64,
    /// Bytes of the ranking statistics (document frequencies and totals, with their indexes).
    pub statistics_bytes: i64,
}

impl PgIndex {
    /// Writes `docs` in one transaction: each replaces the document with its id, if any; a
    /// later document of the batch with the same id wins. Invalid documents are skipped and
    /// reported. When the transaction fails, nothing of the batch is written, and the error says
    /// how many documents earlier batches committed.
    pub fn upsert(&mut self, docs: &[NewsDocument]) -> Result<UpsertOutcome> {
        let mut outcome = UpsertOutcome::default();
        let mut latest: HashMap<&str, usize> = HashMap::with_capacity(docs.len());
        for (i, doc) in docs.iter().enumerate() {
            let problem = doc
                .validate()
                .err()
                .map(|e| e.to_string())
                .or_else(|| unstorable(doc));
            match problem {
                Some(e) => outcome.skipped.push((doc.id.clone(), e)),
                None => {
                    if latest.insert(&doc.id, i).is_some() {
                        outcome.replaced += 1;
                    }
                }
            }
        }
        let mut order: Vec<usize> = latest.into_values().collect();
        order.sort_unstable();
        let rows: Vec<DocumentRow> = {
            use rayon::prelude::*;
            let analyzer = &self.analyzer;
            order
                .par_iter()
                .map(|&i| analyze_document(&docs[i], analyzer))
                .collect()
        };
        for row in &rows {
            if !row.truncation.is_empty() {
                outcome
                    .truncated
                    .push((row.id.clone(), row.truncation.clone()));
            }
        }
        if rows.is_empty() {
            return Ok(outcome);
        }
        let inserted = self
            .write_rows(&rows)
            .map_err(|source| Error::BatchNotWritten {
                batch: rows.len(),
                committed: self.committed,
                source,
            })?;
        self.committed += rows.len() as u64;
        outcome.indexed += inserted;
        outcome.replaced += rows.len() - inserted;
        Ok(outcome)
    }

    /// One `INSERT … ON CONFLICT (id) DO UPDATE` of every row, in a transaction with the
    /// statistics' update; how many were new.
    fn write_rows(&mut self, rows: &[DocumentRow]) -> std::result::Result<usize, postgres::Error> {
        let column = |f: fn(&DocumentRow) -> &str| rows.iter().map(f).collect::<Vec<&str>>();
        let optional =
            |f: fn(&DocumentRow) -> Option<&str>| rows.iter().map(f).collect::<Vec<Option<&str>>>();
        let ids = column(|r| &r.id);
        let titles = column(|r| &r.title);
        let bodies = column(|r| &r.body);
        let langs = column(|r| &r.lang);
        let terms = column(|r| &r.terms);
        let sources = optional(|r| r.source.as_deref());
        let urls = optional(|r| r.url.as_deref());
        let published: Vec<Option<f64>> =
            rows.iter().map(|r| r.published.map(|s| s as f64)).collect();
        let length = |family: usize| rows.iter().map(|r| r.lengths[family]).collect::<Vec<i32>>();
        let (text, folded, entity) = (length(0), length(1), length(2));
        let table = &self.table;
        let statement = format!(
            "INSERT INTO {table} AS t (id, title, body, lang, source, url, published,
                                      text_terms, folded_terms, entity_terms, terms)
             SELECT id, title, body, lang, source, url, to_timestamp(published),
                    text_terms, folded_terms, entity_terms, terms::tsvector
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                         $7::float8[], $8::int4[], $9::int4[], $10::int4[], $11::text[])
                  AS u(id, title, body, lang, source, url, published,
                       text_terms, folded_terms, entity_terms, terms)
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body,
                 lang = excluded.lang, source = excluded.source, url = excluded.url,
                 published = excluded.published, text_terms = excluded.text_terms,
                 folded_terms = excluded.folded_terms, entity_terms = excluded.entity_terms,
                 terms = excluded.terms
             RETURNING (xmax = 0)"
        );
        let mut tx = self.client.transaction()?;
        tx.execute(&statistics_update(table, "-"), &[&ids])?;
        let returned = tx.query(
            &statement,
            &[
                &ids, &titles, &bodies, &langs, &sources, &urls, &published, &text, &folded,
                &entity, &terms,
            ],
        )?;
        // The new rows' lexemes are counted here rather than read back from their tsvectors.
        let mut counts: HashMap<&str, i64> = HashMap::new();
        for lexeme in rows.iter().flat_map(|r| &r.lexemes) {
            *counts.entry(lexeme).or_default() += 1;
        }
        let mut counts: Vec<(&str, i64)> = counts.into_iter().collect();
        counts.sort_unstable();
        let (lexemes, docs): (Vec<&str>, Vec<i64>) = counts.into_iter().unzip();
        tx.execute(&statistics_addition(table), &[&ids, &lexemes, &docs])?;
        tx.commit()?;
        Ok(returned.iter().filter(|r| r.get::<_, bool>(0)).count())
    }

    /// Deletes the documents with these ids; how many there were.
    pub fn delete(&mut self, ids: &[&str]) -> Result<u64> {
        let table = &self.table;
        let mut tx = self.client.transaction()?;
        tx.execute(&statistics_update(table, "-"), &[&ids])?;
        let deleted = tx.execute(
            &format!("DELETE FROM {table} WHERE id = ANY($1::text[])"),
            &[&ids],
        )?;
        tx.commit()?;
        Ok(deleted)
    }

    /// Documents, table and index sizes.
    pub fn stats(&mut self) -> Result<PgStats> {
        let table = &self.table;
        let row = self.client.query_one(
            &format!(
                "SELECT (SELECT count(*) FROM {table}), pg_table_size('{table}'), \
                 pg_indexes_size('{table}'), pg_total_relation_size('{table}_lexemes') \
                 + pg_total_relation_size('{table}_totals')"
            ),
            &[],
        )?;
        Ok(PgStats {
            documents: row.get(0),
            table_bytes: row.get(1),
            index_bytes: row.get(2),
            statistics_bytes: row.get(3),
        })
    }
}

/// Adds (`sign` empty) or subtracts (`sign` `-`) the contribution of the documents whose ids are
/// `$1` (as stored) to the ranking statistics: each lexeme's document frequency, and the documents and term
/// counts of each language. Two writers replacing documents at once may deadlock on these rows;
/// PostgreSQL then aborts one transaction, whose batch is reported as not written.
fn statistics_update(table: &str, sign: &str) -> String {
    let lock = if sign == "-" { "FOR UPDATE" } else { "" };
    format!(
        "WITH d AS (SELECT lang, text_terms, folded_terms, entity_terms, terms FROM {table}
                    WHERE id = ANY($1::text[]) {lock}),
         l AS (INSERT INTO {table}_lexemes AS x (lexeme, docs)
               SELECT u.lexeme, {sign}count(*) FROM d, unnest(d.terms) u
               GROUP BY u.lexeme ORDER BY u.lexeme
               ON CONFLICT (lexeme) DO UPDATE SET docs = x.docs + excluded.docs)
         INSERT INTO {table}_totals AS x (lang, docs, text_terms, folded_terms, entity_terms)
         SELECT lang, {sign}count(*), {sign}sum(text_terms), {sign}sum(folded_terms),
                {sign}sum(entity_terms)
         FROM d GROUP BY lang ORDER BY lang
         ON CONFLICT (lang) DO UPDATE SET docs = x.docs + excluded.docs,
             text_terms = x.text_terms + excluded.text_terms,
             folded_terms = x.folded_terms + excluded.folded_terms,
             entity_terms = x.entity_terms + excluded.entity_terms"
    )
}

/// Adds the contribution of the documents whose ids are `$1`, whose lexemes `$2` occur in `$3`
/// documents each, to the ranking statistics.
fn statistics_addition(table: &str) -> String {
    format!(
        "WITH l AS (INSERT INTO {table}_lexemes AS x (lexeme, docs)
                    SELECT * FROM unnest($2::text[], $3::int8[])
                    ON CONFLICT (lexeme) DO UPDATE SET docs = x.docs + excluded.docs)
         INSERT INTO {table}_totals AS x (lang, docs, text_terms, folded_terms, entity_terms)
         SELECT lang, count(*), sum(text_terms), sum(folded_terms), sum(entity_terms)
         FROM {table} WHERE id = ANY($1::text[]) GROUP BY lang ORDER BY lang
         ON CONFLICT (lang) DO UPDATE SET docs = x.docs + excluded.docs,
             text_terms = x.text_terms + excluded.text_terms,
             folded_terms = x.folded_terms + excluded.folded_terms,
             entity_terms = x.entity_terms + excluded.entity_terms"
    )
}
