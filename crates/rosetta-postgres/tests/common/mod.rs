//! Test bodies shared by the tantivy and PostgreSQL backends: each runs against a small
//! [`Backend`] trait, so both are held to the same assertions.

#![allow(dead_code)]

use rosetta_index::input::{read_inputs, InputItem};
use rosetta_index::{NewsDocument, NewsIndex, SearchRequest, SearchResults};
use rosetta_postgres::cluster::TempCluster;
use rosetta_postgres::PgIndex;

/// What the shared test bodies need of an index.
pub trait Backend {
    /// Adds (or replaces) documents, visible to the next search.
    fn add(&mut self, docs: &[NewsDocument]);
    /// Deletes documents by id.
    fn delete(&mut self, ids: &[&str]);
    /// Runs a search.
    fn search(&mut self, request: &SearchRequest) -> SearchResults;
    /// Documents in the index.
    fn documents(&mut self) -> u64;
    /// A name for messages.
    fn name(&self) -> &'static str;
}

impl Backend for NewsIndex {
    fn add(&mut self, docs: &[NewsDocument]) {
        let mut writer = self.writer().unwrap();
        writer.add_documents(docs).unwrap();
        writer.commit().unwrap();
        self.reload().unwrap();
    }

    fn delete(&mut self, ids: &[&str]) {
        let mut writer = self.writer().unwrap();
        for id in ids {
            writer.delete(id).unwrap();
        }
        writer.commit().unwrap();
        self.reload().unwrap();
    }

    fn search(&mut self, request: &SearchRequest) -> SearchResults {
        NewsIndex::search(self, request).unwrap()
    }

    fn documents(&mut self) -> u64 {
        self.stats().unwrap().documents
    }

    fn name(&self) -> &'static str {
        "tantivy"
    }
}

impl Backend for PgIndex {
    fn add(&mut self, docs: &[NewsDocument]) {
        let outcome = self.upsert(docs).unwrap();
        assert!(outcome.skipped.is_empty(), "{:?}", outcome.skipped);
    }

    fn delete(&mut self, ids: &[&str]) {
        PgIndex::delete(self, ids).unwrap();
    }

    fn search(&mut self, request: &SearchRequest) -> SearchResults {
        PgIndex::search(self, request).unwrap()
    }

    fn documents(&mut self) -> u64 {
        self.stats().unwrap().documents as u64
    }

    fn name(&self) -> &'static str {
        "postgres"
    }
}

/// The five seed articles of `testdata/seeds`, read as the indexer reads them.
pub fn seed_documents() -> Vec<NewsDocument> {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/seeds");
    read_inputs(&[seeds.into()])
        .map(|item| match item {
            InputItem::Document { doc, .. } => doc,
            InputItem::Skipped(e) | InputItem::Unreadable(e) | InputItem::Warning(e) => {
                panic!("seed not read cleanly: {e}")
            }
        })
        .collect()
}

/// A throwaway cluster for this test binary. With fsync off (and synchronous commit on), a commit
/// still reaches the operating system before it returns, so it survives the server being killed
/// (a test counts what survived), though not the machine.
pub fn cluster() -> TempCluster {
    TempCluster::start(&["fsync=off"])
        .unwrap_or_else(|e| panic!("cannot start a PostgreSQL test cluster: {e}"))
}

/// Runs `body` against a fresh in-RAM tantivy index and a fresh table in `cluster`'s database
/// `db` (created on first use), both holding `docs`.
pub fn for_both(
    cluster: &TempCluster,
    table: &str,
    docs: &[NewsDocument],
    body: impl Fn(&mut dyn Backend),
) {
    let mut tantivy = NewsIndex::create_in_ram();
    tantivy.add(docs);
    body(&mut tantivy);
    let url = cluster.url("postgres");
    let mut pg = PgIndex::connect_with(&url, table, rosetta_analysis::Analyzer::new()).unwrap();
    pg.clear().unwrap();
    pg.add(docs);
    body(&mut pg);
}

/// The ids' first three characters (the seed number), sorted, of the top 20 hits of `query`.
pub fn seed_ids(index: &mut dyn Backend, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = index
        .search(&SearchRequest::new(query).limit(20))
        .hits
        .into_iter()
        .map(|h| h.id[..3].to_string())
        .collect();
    ids.sort();
    ids
}
