//! Helpers shared by the integration tests.

use rosetta_index::input::{read_inputs, InputItem};
use rosetta_index::NewsDocument;

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
