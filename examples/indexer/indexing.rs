//! `index` and `delete` on an index directory: reading inputs in batches, commits, the report.

use super::*;

/// What an `index` run did (the last line of its output). The counts are of committed documents.
#[derive(serde::Serialize, Default)]
pub(crate) struct IndexReport {
    pub(crate) indexed: usize,
    pub(crate) replaced: usize,
    pub(crate) skipped: usize,
    pub(crate) errors: Vec<ReportedError>,
    /// Documents kept with repairs (invalid UTF-8 replaced, NUL bytes dropped).
    pub(crate) warnings: Vec<ReportedError>,
    /// Why the run stopped early, if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) failed: Option<String>,
    /// Documents read but not committed because the run stopped early.
    #[serde(skip_serializing_if = "is_zero")]
    pub(crate) uncommitted: usize,
}

impl IndexReport {
    /// Records an input that is not a document to index (skipped, unreadable, or kept with
    /// repairs), also on stderr; `true` for a path that could not be read, which fails the run.
    pub(crate) fn record_problem(&mut self, item: InputItem, progress: &ProgressBar) -> bool {
        match item {
            InputItem::Document { .. } => false,
            InputItem::Skipped(e) => {
                progress.suspend(|| eprintln!("skipped {e}"));
                self.skipped += 1;
                self.errors.push(e.into());
                false
            }
            InputItem::Unreadable(e) => {
                progress.suspend(|| eprintln!("error: {e}"));
                self.skipped += 1;
                self.errors.push(e.into());
                true
            }
            InputItem::Warning(e) => {
                progress.suspend(|| eprintln!("warning: {e}"));
                self.warnings.push(e.into());
                false
            }
        }
    }
}

pub(crate) fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How `index` runs.
#[derive(Clone, Copy)]
pub(crate) struct IndexOptions {
    pub(crate) memory_mb: usize,
    pub(crate) commit_every: usize,
    pub(crate) wait_merges: bool,
}

#[derive(serde::Serialize)]
pub(crate) struct ReportedError {
    pub(crate) path: String,
    pub(crate) line: Option<usize>,
    pub(crate) error: String,
}

impl From<InputError> for ReportedError {
    fn from(e: InputError) -> Self {
        ReportedError {
            path: e.path.display().to_string(),
            line: e.line,
            error: e.error,
        }
    }
}

/// Documents analyzed in parallel per batch. Larger batches index faster: on 100,000 news
/// documents (2 cores), 4,096 a batch took 2.1 to 2.3 s against 2.4 to 2.6 s for 512, at about
/// the same peak memory. What a batch holds is analyzed at once, hence also [`BATCH_BYTES`].
pub(crate) const BATCH: usize = 4096;
/// Text (titles and bodies) per batch, at most: a batch of huge documents is sent sooner.
pub(crate) const BATCH_BYTES: usize = 16 << 20;

/// Indexes `paths`. An error when no writer could be opened; after that, a failure stops the run
/// and is in the report, with the counts of what was committed before it.
pub(crate) fn index_paths(
    index: &NewsIndex,
    paths: &[PathBuf],
    options: IndexOptions,
) -> AnyResult<IndexReport> {
    let mut report = IndexReport::default();
    let mut writer = index.writer_with(WriterOptions {
        memory_budget: options.memory_mb.max(1).saturating_mul(1_000_000),
        ..WriterOptions::default()
    })?;
    let progress = progress_bar();
    let mut batch: Vec<NewsDocument> = Vec::new();
    let mut batch_bytes = 0usize;
    // Added since the last commit: (new ids, replaced ids, documents).
    let mut pending = (0usize, 0usize, 0usize);
    let mut flush = |batch: &mut Vec<NewsDocument>,
                     report: &mut IndexReport,
                     force: bool|
     -> rosetta::index::Result<()> {
        if !batch.is_empty() {
            pending.2 += batch.len();
            let outcome = writer.add_documents(batch)?;
            pending.0 += outcome.indexed;
            pending.1 += outcome.replaced;
            progress.inc(batch.len() as u64);
            batch.clear();
        }
        if force || pending.2 >= options.commit_every {
            writer.commit()?;
            report.indexed += pending.0;
            report.replaced += pending.1;
            pending = (0, 0, 0);
        }
        Ok(())
    };
    let mut failure = None;
    let mut unreadable = 0;
    for item in read_inputs(paths) {
        match item {
            InputItem::Document { doc, .. } => {
                batch_bytes += doc.title.len() + doc.body.len();
                batch.push(doc);
                if batch.len() >= BATCH || batch_bytes >= BATCH_BYTES {
                    batch_bytes = 0;
                    if let Err(e) = flush(&mut batch, &mut report, false) {
                        failure = Some(e);
                        break;
                    }
                }
            }
            other => unreadable += usize::from(report.record_problem(other, &progress)),
        }
    }
    if failure.is_none() {
        failure = flush(&mut batch, &mut report, true).err();
    }
    let uncommitted = pending.2 + batch.len();
    progress.finish_and_clear();
    match failure {
        Some(e) => {
            report.failed = Some(e.to_string());
            report.uncommitted = uncommitted;
        }
        None if options.wait_merges => {
            if let Err(e) = writer.finish() {
                report.failed = Some(format!("merging segments: {e}"));
            }
        }
        None => {}
    }
    if report.failed.is_none() && PANICKED.load(Ordering::SeqCst) {
        report.failed = Some(
            "a background merge failed (see above); everything committed is intact, and \
             `check` tells whether the index is sound"
                .into(),
        );
    }
    if report.failed.is_none() && unreadable > 0 {
        report.failed = Some(format!("{unreadable} input paths could not be read"));
    }
    Ok(report)
}

pub(crate) fn index_command(dir: &Path, paths: &[PathBuf], options: IndexOptions) -> AnyResult {
    let started = Instant::now();
    let index = NewsIndex::open_or_create(dir)?;
    let report = index_paths(&index, paths, options)?;
    eprintln!(
        "indexed {} documents ({} replaced, {} skipped, {} with warnings) in {:.1}s",
        report.indexed + report.replaced,
        report.replaced,
        report.skipped,
        report.warnings.len(),
        started.elapsed().as_secs_f64()
    );
    emit(serde_json::to_string(&report)?)?;
    match &report.failed {
        Some(why) if report.uncommitted > 0 => Err(format!(
            "{why} ({} documents read since the last commit were not indexed)",
            report.uncommitted
        )
        .into()),
        Some(why) => Err(why.clone().into()),
        None => Ok(()),
    }
}

/// The spinner of an `index` run on stderr (hidden when stderr is not a terminal).
pub(crate) fn progress_bar() -> ProgressBar {
    let progress = ProgressBar::new_spinner();
    progress.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {pos} documents ({per_sec}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    if !io::stderr().is_terminal() {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    progress.enable_steady_tick(Duration::from_millis(200));
    progress
}

pub(crate) fn delete_command(dir: &Path, ids: &[String]) -> AnyResult {
    let index = NewsIndex::open(dir)?;
    let mut writer = index.writer()?;
    let mut deleted = Vec::new();
    let mut not_found = Vec::new();
    for id in ids {
        if writer.delete(id)? {
            deleted.push(id);
        } else {
            eprintln!("warning: no document with id {id:?}");
            not_found.push(id);
        }
    }
    writer.commit()?;
    emit(serde_json::json!({"deleted": deleted, "not_found": not_found}))?;
    Ok(())
}
