//! The translation lexicon: ordinary words across languages (`summit` / `întâlnire la nivel
//! înalt` / `قمة` / `hội nghị thượng đỉnh`), so that one query finds a story in every language.
//!
//! Entries map index terms to index terms: the stems of Romanian, English and Arabic, the words
//! and compounds of Vietnamese, as the [`Analyzer`] produces them, so a lookup needs no analysis.
//! English is the pivot: the built-in file holds English -> X and X -> English pairs, and a
//! Romanian, Arabic, Vietnamese or Russian word reaches the two other languages through its
//! English translations, with a lower weight (two hops, two chances of a wrong sense).
//!
//! Russian words of a query are looked up as written, from the language-neutral analysis of a
//! query, and matched to entries by their Snowball stem; translations into Russian are Snowball
//! stems, as Russian documents are indexed.
//!
//! ```
//! use rosetta_analysis::translation::TranslationLexicon;
//! use rosetta_analysis::Language;
//!
//! let lexicon = TranslationLexicon::builtin();
//! let found = lexicon.translations(Some(Language::English), "negoti");
//! assert!(found.iter().any(|t| t.lang == Language::Romanian && t.terms == "negoc"));
//! assert!(found.iter().any(|t| t.lang == Language::Russian && t.terms == "переговор"));
//! // Pivoted through English: Romanian to Arabic.
//! let found = lexicon.translations(Some(Language::Romanian), "negocier");
//! assert!(found.iter().any(|t| t.lang == Language::Arabic));
//! ```
//!
//! # User files
//!
//! [`TranslationLexicon::with_lexicon_file`] adds pairs written as text, one a line,
//! tab-separated: `SRC_LANG  SOURCE TEXT  TARGET_LANG  TARGET TEXT  [WEIGHT]`, languages as
//! codes (`ro`, `en`, `ar`, `vi`, `ru`), the weight between 0 and 1 (default
//! 1). Both sides are analyzed by the analyzer given, as a document in that language would be.
//! Blank lines and lines starting with `#` are skipped. Errors name the file and line.
//!
//! # Built-in data
//!
//! `data/lexicon/lexicon-<lang>.tsv` (one file per source language), built by `data/lexicon/build_lexicon.py` from English Wiktionary
//! translation tables (CC BY-SA 3.0; sources and attribution in `data/lexicon/README.md`), plus
//! `data/lexicon/news.tsv`, a short list of news words in the user format (compiled in as
//! `news.analyzed.tsv`, its entries as the analyzer reads them; a test checks the two agree).

mod parse;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

use crate::{Analyzer, Language};
pub use parse::LexiconError;

/// The built-in lexicon, one file per source language (each sorted by key).
const BUILTIN: [&str; 5] = [
    include_str!("../../data/lexicon/lexicon-ar.tsv"),
    include_str!("../../data/lexicon/lexicon-en.tsv"),
    include_str!("../../data/lexicon/lexicon-ro.tsv"),
    include_str!("../../data/lexicon/lexicon-ru.tsv"),
    include_str!("../../data/lexicon/lexicon-vi.tsv"),
];
/// `news.tsv` as the analyzer reads it (see [`parse::user_entries_text`]): loading it analyzes
/// nothing. Building the analysis of its Vietnamese phrases was half of a one-word search's
/// process time (the segmenter's model).
const BUILTIN_NEWS_ANALYZED: &str = include_str!("../../data/lexicon/news.analyzed.tsv");

/// Weight of a pivoted pair relative to the product of its two hops' weights.
const PIVOT_FACTOR: f32 = 0.7;
/// Translations returned per target language (the best).
const PER_LANGUAGE: usize = 3;

/// A translation of a term: its language, its terms and how reliable it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Translation<'a> {
    /// The language of the translation.
    pub lang: Language,
    /// Its index terms separated by spaces, `*` for a stopword's position (`purtat * cuvânt`):
    /// one term is a word; several are a phrase.
    pub terms: &'a str,
    /// Reliability in (0, 1]: senses agreeing, both dumps attesting it, direct or pivoted.
    pub weight: f32,
    /// Whether it was reached through English rather than given directly.
    pub pivoted: bool,
}

impl Translation<'_> {
    /// The terms with their positions relative to the first (gaps skipped).
    pub fn positioned_terms(&self) -> impl Iterator<Item = (usize, &str)> {
        self.terms
            .split(' ')
            .enumerate()
            .filter(|(_, t)| *t != "*" && !t.is_empty())
    }
}

/// One stored translation.
#[derive(Clone, Debug)]
struct Cell<'a> {
    lang: Language,
    weight: f32,
    terms: &'a str,
}

/// One source of entries, looked up by key (`SRC<TAB>TERMS`: the source language's code, then
/// its terms).
#[derive(Debug)]
enum Layer {
    /// The compiled file, its lines sorted by key: a lookup is a binary search over its bytes
    /// (see `parse::compiled_cells`), and loading reads only its header (no entry is copied).
    Compiled {
        text: &'static str,
        /// Where its entry lines start (after the header's comments).
        first: usize,
        /// What every key of the file starts with: its source language's code and a tab (each
        /// built-in file holds one source language), so other languages' keys are not searched.
        source: &'static str,
    },
    /// A user file's entries.
    User(FxHashMap<String, Vec<(Language, f32, String)>>),
}

impl Layer {
    /// The entries of `key` (Russian keys also by stem, see [`parse::russian_candidates`]).
    fn cells<'a>(&'a self, key: &str, out: &mut Vec<Cell<'a>>) {
        match self {
            Layer::Compiled {
                text,
                first,
                source,
            } => {
                if key.starts_with(source) {
                    parse::compiled_cells(text, *first, key, out)
                }
            }
            Layer::User(entries) => {
                let mut keys = vec![key.to_string()];
                if let Some(words) = key.strip_prefix("ru\t") {
                    // Entries are stored by their words and their stems (`parse::add_text`).
                    keys.push(format!("ru\t{}", parse::russian_key(words)));
                    keys.dedup();
                }
                for cells in keys.iter().filter_map(|k| entries.get(k.as_str())) {
                    out.extend(cells.iter().map(|(lang, weight, terms)| Cell {
                        lang: *lang,
                        weight: *weight,
                        terms,
                    }));
                }
            }
        }
    }
}

/// Translations of index terms into the other languages' index terms. Cheap to clone.
#[derive(Clone, Debug)]
pub struct TranslationLexicon {
    /// The built-in layer first, then each user file's.
    layers: Vec<Arc<Layer>>,
}

impl Default for TranslationLexicon {
    fn default() -> Self {
        TranslationLexicon::builtin()
    }
}

fn builtin_layers() -> &'static [Arc<Layer>] {
    static LAYERS: OnceLock<Vec<Arc<Layer>>> = OnceLock::new();
    LAYERS.get_or_init(|| {
        let mut layers: Vec<Arc<Layer>> = BUILTIN
            .iter()
            .map(|text| Arc::new(parse::compiled(text)))
            .collect();
        layers.push(Arc::new(Layer::User(parse::user_entries_from_text(
            BUILTIN_NEWS_ANALYZED,
        ))));
        layers
    })
}

impl TranslationLexicon {
    /// The built-in lexicon (its files are searched where they are compiled in: loading reads
    /// only their headers).
    pub fn builtin() -> Self {
        TranslationLexicon {
            layers: builtin_layers().to_vec(),
        }
    }

    /// A lexicon with no entries (translation off).
    pub fn empty() -> Self {
        TranslationLexicon { layers: Vec::new() }
    }

    /// This lexicon plus the pairs of `text` (the [user format](self#user-files)), analyzed by
    /// `analyzer`; `source` names the text in errors.
    pub fn with_lexicon(
        &self,
        analyzer: &Analyzer,
        source: &str,
        text: &str,
    ) -> Result<Self, LexiconError> {
        let mut entries = FxHashMap::default();
        parse::add_text(&mut entries, analyzer, source, text)?;
        let mut layers = self.layers.clone();
        layers.push(Arc::new(Layer::User(entries)));
        Ok(TranslationLexicon { layers })
    }

    /// Like [`with_lexicon`](Self::with_lexicon), reading the pairs from a file.
    pub fn with_lexicon_file(
        &self,
        analyzer: &Analyzer,
        path: impl AsRef<Path>,
    ) -> Result<Self, LexiconError> {
        let path = path.as_ref();
        let source = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| LexiconError {
            source: source.clone(),
            line: 0,
            message: e.to_string(),
        })?;
        self.with_lexicon(analyzer, &source, &text)
    }

    /// Number of source entries (a key in several layers counts once per layer).
    pub fn len(&self) -> usize {
        self.layers
            .iter()
            .map(|l| match &**l {
                Layer::Compiled { text, first, .. } => parse::entry_lines(text, *first).count(),
                Layer::User(entries) => entries.len(),
            })
            .sum()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The translations of `terms` (one index term, or two adjacent ones separated by a space)
    /// of language `lang` (`None`: a language-neutral word, looked up as Russian, as is a Russian
    /// word, given as written) into the other
    /// languages, best first within each language, at most three per language.
    pub fn translations(&self, lang: Option<Language>, terms: &str) -> Vec<Translation<'_>> {
        let mut out: Vec<Translation<'_>> = Vec::new();
        let key = match lang {
            Some(l) => format!("{}\t{}", l.code(), terms),
            None => format!("ru\t{terms}"),
        };
        let mut direct: Vec<Translation<'_>> = Vec::new();
        for cell in self.cells(&key) {
            add(
                Translation {
                    lang: cell.lang,
                    terms: cell.terms,
                    weight: cell.weight,
                    pivoted: false,
                },
                lang,
                &mut direct,
            );
        }
        for d in &direct {
            if d.lang != Language::English || lang == Some(Language::English) {
                continue;
            }
            let english_key = format!("en\t{}", d.terms.replace(" *", ""));
            for cell in self.cells(&english_key) {
                add(
                    Translation {
                        lang: cell.lang,
                        terms: cell.terms,
                        weight: PIVOT_FACTOR * d.weight * cell.weight,
                        pivoted: true,
                    },
                    lang,
                    &mut out,
                );
            }
        }
        for d in direct {
            add(d, lang, &mut out);
        }
        out.sort_by(|a, b| {
            (a.lang as u8)
                .cmp(&(b.lang as u8))
                .then(b.weight.total_cmp(&a.weight))
                .then(a.terms.cmp(b.terms))
        });
        let mut kept = 0;
        let mut previous = None;
        out.retain(|t| {
            if previous != Some(t.lang) {
                previous = Some(t.lang);
                kept = 0;
            }
            kept += 1;
            kept <= PER_LANGUAGE
        });
        out
    }

    fn cells(&self, key: &str) -> Vec<Cell<'_>> {
        let mut out = Vec::new();
        for layer in &self.layers {
            layer.cells(key, &mut out);
        }
        out
    }
}

/// Adds `t` to `out` unless it is in the source language `lang`; of two equal translations the
/// heavier stays.
fn add<'a>(t: Translation<'a>, lang: Option<Language>, out: &mut Vec<Translation<'a>>) {
    if Some(t.lang) == lang {
        return;
    }
    match out
        .iter_mut()
        .find(|o| o.lang == t.lang && o.terms == t.terms)
    {
        Some(o) if o.weight < t.weight => *o = t,
        Some(_) => {}
        None => out.push(t),
    }
}

#[cfg(test)]
mod tests;
