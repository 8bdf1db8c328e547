//! Opening and creating a Rosetta index, on disk or in RAM.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rosetta_analysis::translation::TranslationLexicon;
use rosetta_analysis::{Analyzer, Language};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, IndexReader, ReloadPolicy, SegmentReader, TERMINATED};

use crate::directory::IndexDirectory;
use crate::error::catch_panic;
use crate::schema::{build_schema, Fields};
use crate::search::CorpusStatistics;
use crate::tokenizer::register_tokenizers_on;
use crate::word_group::DominanceCache;
use crate::writer::{NewsWriter, WriterOptions};
use crate::{Error, Result};

/// A Rosetta index: the tantivy index, its fields, and the analyzer its tokenizers use.
#[derive(Clone)]
pub struct NewsIndex {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) analyzer: Analyzer,
    pub(crate) reader: IndexReader,
    /// BM25 figures of the reader's latest generation (see `search::CorpusStatistics`).
    pub(crate) corpus_statistics: Arc<Mutex<Option<Arc<CorpusStatistics>>>>,
    /// Which entity keys dominate which, per segment; kept across versions for the segments
    /// they share (see `word_group::DominanceCache`).
    pub(crate) dominance: Arc<DominanceCache>,
    /// The translation lexicon queries use, the built-in one loaded on the first search that
    /// needs it (see [`NewsIndex::with_translation_lexicon`]).
    pub(crate) translations: Arc<OnceLock<TranslationLexicon>>,
}

impl NewsIndex {
    /// Opens the index in `dir`, creating it (and the directory) if there is none.
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<NewsIndex> {
        Self::open_or_create_with(dir, Analyzer::new())
    }

    /// As [`NewsIndex::open_or_create`], analyzing with `analyzer` (e.g. one with a user
    /// gazetteer; use the same one every time the index is opened).
    ///
    /// A folder that holds files but no index (no `meta.json`) is refused with
    /// [`Error::NotARosettaIndex`], never overwritten: it may be an index whose `meta.json` was
    /// lost, and creating an index there would delete its segments.
    pub fn open_or_create_with(dir: impl AsRef<Path>, analyzer: Analyzer) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let directory = open_directory(dir)?;
        if index_exists(&directory, dir)? {
            return Self::open_directory(directory, analyzer, dir);
        }
        let files = foreign_files(dir)?;
        if files > 0 {
            return Err(Error::NotARosettaIndex {
                path: dir.to_path_buf(),
                reason: format!(
                    "it has no meta.json but holds {files} other files; refusing to create an \
                     index over them (use an empty or new folder)"
                ),
            });
        }
        let (schema, _) = build_schema();
        let index = Index::create(directory, schema, tantivy::IndexSettings::default())?;
        Self::from_index(index, analyzer, Some(dir.to_path_buf()))
    }

    /// Opens an existing index in `dir`; an error if there is none. The folder may be read-only:
    /// searching takes no lock.
    pub fn open(dir: impl AsRef<Path>) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        let directory = open_directory(dir)?;
        if !index_exists(&directory, dir)? {
            return Err(Error::NotARosettaIndex {
                path: dir.to_path_buf(),
                reason: "no index there".into(),
            });
        }
        Self::open_directory(directory, Analyzer::new(), dir)
    }

    fn open_directory(directory: IndexDirectory, analyzer: Analyzer, dir: &Path) -> Result<Self> {
        catch_panic("open", || {
            let index =
                Self::from_index(Index::open(directory)?, analyzer, Some(dir.to_path_buf()))?;
            let problems = inconsistent_segments(&index.reader.searcher());
            if !problems.is_empty() {
                return Err(Error::Damaged(format!(
                    "{}: {}",
                    dir.display(),
                    problems.join("; ")
                )));
            }
            Ok(index)
        })
    }

    /// A new index in memory (tests, small tools).
    pub fn create_in_ram() -> NewsIndex {
        let (schema, _) = build_schema();
        Self::from_index(Index::create_in_ram(schema), Analyzer::new(), None)
            .expect("a fresh in-RAM index has the Rosetta schema")
    }

    fn from_index(index: Index, analyzer: Analyzer, path: Option<PathBuf>) -> Result<NewsIndex> {
        let fields =
            Fields::from_schema(&index.schema()).ok_or_else(|| Error::NotARosettaIndex {
                path: path.unwrap_or_default(),
                reason: "its schema lacks Rosetta's fields".into(),
            })?;
        register_tokenizers_on(index.tokenizers(), analyzer.clone());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(NewsIndex {
            index,
            fields,
            analyzer,
            reader,
            corpus_statistics: Arc::default(),
            dominance: Arc::default(),
            translations: Arc::default(),
        })
    }

    /// This index searching with `lexicon` instead of the built-in translation lexicon (e.g. one
    /// extended with [`TranslationLexicon::with_lexicon_file`]).
    pub fn with_translation_lexicon(mut self, lexicon: TranslationLexicon) -> Self {
        self.translations = Arc::new(OnceLock::from(lexicon));
        self
    }

    /// The translation lexicon queries use.
    pub fn translation_lexicon(&self) -> &TranslationLexicon {
        self.translations.get_or_init(TranslationLexicon::builtin)
    }

    /// A writer with default options. Only one writer may be open on an index at a time: a second
    /// one gets [`Error::Locked`].
    pub fn writer(&self) -> Result<NewsWriter> {
        self.writer_with(WriterOptions::default())
    }

    /// A writer with the given options.
    pub fn writer_with(&self, options: WriterOptions) -> Result<NewsWriter> {
        NewsWriter::new(self, options)
    }

    /// Makes the latest commit visible to searches (also done by [`NewsWriter::commit`]).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// The field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The underlying tantivy index.
    pub fn tantivy_index(&self) -> &Index {
        &self.index
    }

    /// The analyzer used for documents and queries.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Counts of what the index holds (live documents only: deleted ones are not counted, even
    /// before their segments are merged).
    pub fn stats(&self) -> Result<IndexStats> {
        catch_panic("stats", || {
            let searcher = self.reader.searcher();
            let mut by_lang = std::collections::BTreeMap::new();
            let codes = Language::ALL.iter().map(|l| l.code()).chain([UNDETERMINED]);
            for code in codes {
                let term = tantivy::Term::from_field_text(self.fields.lang, code);
                let mut n = 0u64;
                for segment in searcher.segment_readers() {
                    n += live_doc_freq(segment, &term).map_err(Error::from)?;
                }
                if n > 0 {
                    by_lang.insert(code.to_string(), n);
                }
            }
            Ok(IndexStats {
                documents: searcher.num_docs(),
                segments: searcher.segment_readers().len(),
                by_language: by_lang,
            })
        })
    }

    /// Checks every file of the index against its checksum, and each segment's document count
    /// against its files. Reads the whole index; a damaged index is reported, not an error.
    pub fn verify(&self) -> Result<VerifyReport> {
        catch_panic("verify", || {
            let searcher = self.reader.searcher();
            let mut damaged: Vec<String> = self
                .index
                .validate_checksum()?
                .into_iter()
                .map(|path| {
                    let file = path.display().to_string();
                    match path.file_stem() {
                        Some(segment) => {
                            format!("segment {}: file {file}", segment.to_string_lossy())
                        }
                        None => format!("file {file}"),
                    }
                })
                .collect();
            damaged.extend(inconsistent_segments(&searcher));
            damaged.sort();
            Ok(VerifyReport {
                segments: searcher.segment_readers().len(),
                documents: searcher.num_docs(),
                damaged,
            })
        })
    }
}

/// The code of documents in none of the supported languages.
pub(crate) use rosetta_analysis::UNDETERMINED;

/// How many live documents of `segment` hold `term`.
fn live_doc_freq(segment: &SegmentReader, term: &tantivy::Term) -> tantivy::Result<u64> {
    let inverted = segment.inverted_index(term.field())?;
    let Some(alive) = segment.alive_bitset() else {
        return Ok(u64::from(inverted.doc_freq(term)?));
    };
    let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::Basic)? else {
        return Ok(0);
    };
    let mut n = 0;
    let mut doc = postings.doc();
    while doc != TERMINATED {
        n += u64::from(alive.is_alive(doc));
        doc = postings.advance();
    }
    Ok(n)
}

/// Segments whose files disagree with `meta.json` on how many documents they hold (searching them
/// would read past their columns).
fn inconsistent_segments(searcher: &tantivy::Searcher) -> Vec<String> {
    let mut problems = Vec::new();
    for segment in searcher.segment_readers() {
        let max_doc = segment.max_doc();
        let stored = match segment.fast_fields().str("lang") {
            Ok(Some(column)) => column.ords().num_docs(),
            _ => continue,
        };
        if stored != max_doc {
            problems.push(format!(
                "segment {}: meta.json says {max_doc} documents, its files hold {stored}",
                segment.segment_id().uuid_string()
            ));
        }
    }
    problems
}

fn open_directory(dir: &Path) -> Result<IndexDirectory> {
    IndexDirectory::open(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })
}

/// Entries of `dir` other than tantivy's lock files (left by a run that stopped early).
fn foreign_files(dir: &Path) -> Result<usize> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            !(name.starts_with(".tantivy-") && name.ends_with(".lock"))
        })
        .count())
}

fn index_exists(directory: &IndexDirectory, dir: &Path) -> Result<bool> {
    Index::exists(directory).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })
}

/// What an index holds; see [`NewsIndex::stats`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct IndexStats {
    /// Live documents.
    pub documents: u64,
    /// Segments.
    pub segments: usize,
    /// Documents per language code (deleted documents may still count until segments merge).
    pub by_language: std::collections::BTreeMap<String, u64>,
}

/// What [`NewsIndex::verify`] found.
#[derive(Clone, Debug, serde::Serialize)]
pub struct VerifyReport {
    /// Segments checked.
    pub segments: usize,
    /// Live documents.
    pub documents: u64,
    /// One line per damaged file or inconsistent segment, naming the segment; empty when the
    /// index is sound.
    pub damaged: Vec<String>,
}
