//! Adding, replacing and deleting documents: parallel analysis, one tantivy writer.

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use tantivy::{DocSet, IndexWriter, Term, TERMINATED};

use crate::document::{analyze_document, AnalyzedDocument, IndexDoc};
use crate::{Error, NewsDocument, NewsIndex, Result};

/// Whether a live (not deleted) document holds `term`: `doc_freq` also counts deleted documents
/// until their segment is merged.
fn is_live(searcher: &tantivy::Searcher, term: &Term) -> tantivy::Result<bool> {
    for segment in searcher.segment_readers() {
        let postings = segment
            .inverted_index(term.field())?
            .read_postings(term, tantivy::schema::IndexRecordOption::Basic)?;
        let Some(mut postings) = postings else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if segment.is_deleted(doc) {
                doc = postings.advance();
                continue;
            }
            return Ok(true);
        }
    }
    Ok(false)
}

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
        // Files no commit references (a run killed mid-commit, a merge cut short) are removed now,
        // before they can fill the disk again.
        writer.garbage_collect_files().wait()?;
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
            let exists = self.pending_ids.contains(&id) || is_live(&searcher, &term)?;
            if exists {
                self.writer.delete_term(term);
                outcome.replaced += 1;
            } else {
                outcome.indexed += 1;
            }
            if let Err(e) = self.writer.add_document(doc) {
                return Err(self.recover(e));
            }
            self.pending_ids.insert(id);
        }
        Ok(outcome)
    }

    /// Adds one document; see [`NewsWriter::add_documents`].
    pub fn add(&mut self, doc: &NewsDocument) -> Result<AddOutcome> {
        self.add_documents(std::slice::from_ref(doc))
    }

    /// Deletes the document with `id` at the next commit; `Ok(false)` if there is none (in the
    /// index or added since the last commit).
    pub fn delete(&mut self, id: &str) -> Result<bool> {
        let term = Term::from_field_text(self.index.fields.id, id);
        let existed = self.pending_ids.remove(id) || is_live(&self.index.reader.searcher(), &term)?;
        if existed {
            self.writer.delete_term(term);
        }
        Ok(existed)
    }

    /// Makes every change so far durable and visible to searches of this [`NewsIndex`].
    ///
    /// If the commit fails (a full disk, say), every change since the last commit is dropped
    /// and the files written for it are removed, so the index stays as it was committed and
    /// the writer can go on.
    pub fn commit(&mut self) -> Result<()> {
        if let Err(e) = self.writer.commit() {
            return Err(self.recover(e));
        }
        self.pending_ids.clear();
        self.index.reader.reload()?;
        Ok(())
    }

    /// Commits, then waits for the merges the commit started and removes the files they made
    /// obsolete: an index left by `finish` has few segments and no stray files.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        let NewsWriter { index, writer, .. } = self;
        writer.wait_merging_threads()?;
        // Merges end with a collection of their own, but one that ended while a reader of this
        // process still held the old segments keeps their files: collect once more.
        let writer: tantivy::IndexWriter<IndexDoc> =
            index.index.writer_with_num_threads(1, 15_000_000)?;
        writer.garbage_collect_files().wait()?;
        index.reader.reload()?;
        Ok(())
    }

    /// After a failed write: the error that caused it, with the writer rolled back to the last
    /// commit and the failed commit's files removed.
    fn recover(&mut self, error: tantivy::TantivyError) -> Error {
        // A worker that failed (e.g. on a full disk) only says "killed" to `add_document`; its
        // own error comes back when the workers are joined, before anything is committed.
        let error = match &error {
            tantivy::TantivyError::ErrorInThread(_) => match self.writer.prepare_commit() {
                Err(cause) => cause,
                Ok(prepared) => {
                    let _ = prepared.abort();
                    error
                }
            },
            _ => error,
        };
        let _ = self.writer.rollback();
        self.pending_ids.clear();
        let _ = self.writer.garbage_collect_files().wait();
        Error::from(error)
    }

    /// Drops every change since the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        self.writer.rollback()?;
        self.pending_ids.clear();
        Ok(())
    }
}
