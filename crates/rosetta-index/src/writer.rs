//! Adding, replacing and deleting documents: parallel analysis, one tantivy writer.

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use tantivy::{IndexWriter, Term};

use crate::document::{analyze_document, AnalyzedDocument, IndexDoc};
use crate::{NewsDocument, NewsIndex, Result};

/// Options of a [`NewsWriter`].
#[derive(Clone, Copy, Debug)]
pub struct WriterOptions {
    /// tantivy's indexing memory budget, in bytes, shared by its indexing threads. The writer's
    /// peak memory stays within this plus the batch being analyzed.
    pub memory_budget: usize,
    /// tantivy indexing threads (analysis runs on rayon's pool besides).
    pub threads: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            memory_budget: 200_000_000,
            threads: std::thread::available_parallelism().map_or(2, |n| n.get().min(4)),
        }
    }
}

/// What adding documents did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct AddOutcome {
    /// Documents whose id was new.
    pub indexed: usize,
    /// Documents that replaced one with the same id.
    pub replaced: usize,
}

/// Writes to a [`NewsIndex`]. Changes become durable and visible at [`NewsWriter::commit`].
pub struct NewsWriter {
    index: NewsIndex,
    writer: IndexWriter<IndexDoc>,
    /// Ids added since the last commit (the reader cannot see them yet).
    pending_ids: FxHashSet<String>,
}

impl NewsWriter {
    pub(crate) fn new(index: &NewsIndex, options: WriterOptions) -> Result<Self> {
        let threads = options.threads.max(1);
        // tantivy wants at least 15 MB per thread.
        let budget = options.memory_budget.max(15_000_000 * threads);
        let writer = index.index.writer_with_num_threads(threads, budget)?;
        Ok(NewsWriter {
            index: index.clone(),
            writer,
            pending_ids: FxHashSet::default(),
        })
    }

    /// Adds documents (analysis runs in parallel); a document with an id already in the index (or
    /// added since the last commit) replaces it. Documents must be valid
    /// ([`NewsDocument::validate`]); invalid ones are rejected before anything is written.
    pub fn add_documents(&mut self, docs: &[NewsDocument]) -> Result<AddOutcome> {
        for doc in docs {
            doc.validate()?;
        }
        let fields = self.index.fields;
        let analyzer = &self.index.analyzer;
        let analyzed: Vec<AnalyzedDocument> = docs
            .par_iter()
            .map(|d| analyze_document(d, &fields, analyzer))
            .collect();
        let searcher = self.index.reader.searcher();
        let mut outcome = AddOutcome::default();
        for AnalyzedDocument { id, doc } in analyzed {
            let term = Term::from_field_text(fields.id, &id);
            let exists = self.pending_ids.contains(&id) || searcher.doc_freq(&term)? > 0;
            if exists {
                self.writer.delete_term(term);
                outcome.replaced += 1;
            } else {
                outcome.indexed += 1;
            }
            self.writer.add_document(doc)?;
            self.pending_ids.insert(id);
        }
        Ok(outcome)
    }

    /// Adds one document; see [`NewsWriter::add_documents`].
    pub fn add(&mut self, doc: &NewsDocument) -> Result<AddOutcome> {
        self.add_documents(std::slice::from_ref(doc))
    }

    /// Deletes the document with `id` (if any) at the next commit.
    pub fn delete(&mut self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.index.fields.id, id));
        self.pending_ids.remove(id);
    }

    /// Makes every change so far durable and visible to searches of this [`NewsIndex`].
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.pending_ids.clear();
        self.index.reader.reload()?;
        Ok(())
    }

    /// Drops every change since the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        self.writer.rollback()?;
        self.pending_ids.clear();
        Ok(())
    }
}
