//! `--postgres URL` (or `ROSETTA_POSTGRES`): the `index`, `search`, `delete` and `stats`
//! commands against a PostgreSQL table (see the `rosetta-postgres` crate) instead of an index
//! directory. When both are given, PostgreSQL is used.

use std::path::PathBuf;
use std::time::Instant;

use rosetta::analysis::Analyzer;
use rosetta::index::input::{read_inputs, InputItem};
use rosetta::index::{NewsDocument, SearchRequest};
use rosetta_postgres::PgIndex;

use super::{emit, progress_bar, show_results, AnyResult, IndexReport, ReportedError};

/// Where the index is: a directory, or a PostgreSQL table.
#[derive(clap::Args)]
pub struct Target {
    /// The index directory.
    #[arg(long, required_unless_present = "postgres")]
    index: Option<PathBuf>,
    /// A PostgreSQL connection (`postgresql://…` URL or `host=… dbname=…`) to use instead of an
    /// index directory.
    #[arg(long, env = "ROSETTA_POSTGRES", hide_env_values = true)]
    postgres: Option<String>,
    /// The PostgreSQL table (created if missing).
    #[arg(long, env = "ROSETTA_POSTGRES_TABLE", default_value = rosetta_postgres::DEFAULT_TABLE)]
    table: String,
}

impl Target {
    /// The PostgreSQL table, when one was given.
    pub fn postgres(&self) -> AnyResult<Option<PgIndex>> {
        match &self.postgres {
            Some(url) => Ok(Some(PgIndex::connect_with(
                url,
                &self.table,
                Analyzer::new(),
            )?)),
            None => Ok(None),
        }
    }

    /// The index directory (clap requires it when there is no PostgreSQL connection).
    pub fn dir(&self) -> AnyResult<&PathBuf> {
        self.index
            .as_ref()
            .ok_or_else(|| "--index DIR or --postgres URL is required".into())
    }
}

/// Documents per transaction: big enough that a round trip is cheap beside the batch.
const BATCH: usize = 1024;

#[derive(serde::Serialize)]
struct Truncated {
    id: String,
    note: String,
}

pub fn index_command(mut index: PgIndex, paths: &[PathBuf]) -> AnyResult {
    let started = Instant::now();
    let progress = progress_bar();
    let mut report = IndexReport::default();
    let mut truncated: Vec<Truncated> = Vec::new();
    let mut batch: Vec<NewsDocument> = Vec::with_capacity(BATCH);
    let mut unreadable = 0usize;
    let mut flush = |batch: &mut Vec<NewsDocument>, report: &mut IndexReport| -> AnyResult {
        if batch.is_empty() {
            return Ok(());
        }
        let outcome = index.upsert(batch)?;
        report.indexed += outcome.indexed;
        report.replaced += outcome.replaced;
        report.skipped += outcome.skipped.len();
        for (id, error) in outcome.skipped {
            progress.suspend(|| eprintln!("skipped {id}: {error}"));
            report.errors.push(ReportedError {
                path: id,
                line: None,
                error,
            });
        }
        for (id, t) in outcome.truncated {
            progress.suspend(|| eprintln!("{id}: {t}"));
            truncated.push(Truncated {
                id,
                note: t.to_string(),
            });
        }
        progress.inc(batch.len() as u64);
        batch.clear();
        Ok(())
    };
    for item in read_inputs(paths) {
        match item {
            InputItem::Document { doc, .. } => {
                batch.push(doc);
                if batch.len() >= BATCH {
                    flush(&mut batch, &mut report)?;
                }
            }
            other => unreadable += usize::from(report.record_problem(other, &progress)),
        }
    }
    flush(&mut batch, &mut report)?;
    progress.finish_and_clear();
    eprintln!(
        "indexed {} documents into PostgreSQL ({} replaced, {} skipped, {} truncated) in {:.1}s",
        report.indexed + report.replaced,
        report.replaced,
        report.skipped,
        truncated.len(),
        started.elapsed().as_secs_f64()
    );
    let mut summary = serde_json::to_value(&report)?;
    if !truncated.is_empty() {
        summary["truncated"] = serde_json::to_value(&truncated)?;
    }
    emit(summary)?;
    if unreadable > 0 {
        return Err(format!("{unreadable} input paths could not be read").into());
    }
    Ok(())
}

pub fn search_command(mut index: PgIndex, request: &SearchRequest, json: bool) -> AnyResult {
    let query = request.query.as_str();
    let results = index.search(request)?;
    show_results(query, &results, json)
}

pub fn delete_command(mut index: PgIndex, ids: &[String]) -> AnyResult {
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let deleted = index.delete(&refs)?;
    emit(serde_json::json!({"deleted": ids, "found": deleted}))?;
    Ok(())
}

pub fn stats_command(mut index: PgIndex) -> AnyResult {
    emit(serde_json::to_string(&index.stats()?)?)?;
    Ok(())
}
