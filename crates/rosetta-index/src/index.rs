//! Opening and creating a Rosetta index, on disk or in RAM.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rosetta_analysis::translation::TranslationLexicon;
use rosetta_analysis::Analyzer;
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, ReloadPolicy};

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
    pub fn open_or_create_with(dir: impl AsRef<Path>, analyzer: Analyzer) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let directory = MmapDirectory::open(dir).map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let (schema, _) = build_schema();
        let index = if index_exists(&directory, dir)? {
            Index::open(directory)?
        } else {
            Index::create(directory, schema, tantivy::IndexSettings::default())?
        };
        Self::from_index(index, analyzer, Some(dir.to_path_buf()))
    }

    /// Opens an existing index in `dir`; an error if there is none.
    pub fn open(dir: impl AsRef<Path>) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        let directory = MmapDirectory::open(dir).map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        if !index_exists(&directory, dir)? {
            return Err(Error::NotARosettaIndex {
                path: dir.to_path_buf(),
                reason: "no index there".into(),
            });
        }
        Self::from_index(
            Index::open(directory)?,
            Analyzer::new(),
            Some(dir.to_path_buf()),
        )
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

    /// Counts of what the index holds.
    pub fn stats(&self) -> Result<IndexStats> {
        let searcher = self.reader.searcher();
        let mut by_lang = std::collections::BTreeMap::new();
        for code in ["ro", "en", "ar", "vi", "und"] {
            let term = tantivy::Term::from_field_text(self.fields.lang, code);
            let n: u64 = searcher
                .segment_readers()
                .iter()
                .map(|s| {
                    s.inverted_index(self.fields.lang)
                        .ok()
                        .and_then(|ii| ii.doc_freq(&term).ok())
                        .unwrap_or(0) as u64
                })
                .sum();
            if n > 0 {
                by_lang.insert(code.to_string(), n);
            }
        }
        Ok(IndexStats {
            documents: searcher.num_docs(),
            segments: searcher.segment_readers().len(),
            by_language: by_lang,
        })
    }
}

fn index_exists(directory: &MmapDirectory, dir: &Path) -> Result<bool> {
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
