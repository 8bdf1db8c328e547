//! Text analysis for multilingual news search: Romanian, English, Arabic, Vietnamese and Russian,
//! with names that meet across Latin, Cyrillic and Arabic script.
//!
//! ```
//! use rosetta_analysis::{Analyzer, Language, TermKind};
//!
//! let analyzer = Analyzer::new();
//! let analysis = analyzer.analyze("Purtătorul de cuvânt al Kremlinului, Dmitri Peskov", None);
//! assert_eq!(analysis.language, Some(Language::Romanian));
//! let stems: Vec<&str> = analysis
//!     .tokens
//!     .iter()
//!     .filter(|t| t.kind == TermKind::Stem)
//!     .map(|t| t.term.as_str())
//!     .collect();
//! assert!(stems.contains(&"kremlin"));
//! // Offsets point into the original text, whatever normalization did.
//! let first = &analysis.tokens[0];
//! assert_eq!(&"Purtătorul de cuvânt al Kremlinului, Dmitri Peskov"[first.start..first.end], "Purtătorul");
//! ```
//!
//! # Stages
//!
//! One pass produces every term the index needs, in this order:
//!
//! 1. **Language** ([`detect_language`]) when the caller does not give it.
//! 2. **Segmentation** ([`segment`]) of the original text by UAX #29 word boundaries, so every
//!    token keeps byte offsets into the original text (for snippets) whatever normalization does
//!    to it. Apostrophes (`Trump's`), abbreviations (`U.S.`) and decimals stay whole; hyphenated
//!    words give their parts plus a compound term.
//! 3. **Normalization** ([`normalize`]) per word: NFC, case (`İ` -> `i`), Romanian `ş ţ` = `ș ț`,
//!    Arabic letter forms, harakat, tatweel and digits as Lucene's Arabic normalizer does,
//!    invisible controls removed, and Vietnamese tone placement canonicalized ([`vietnamese`]).
//! 4. **Vietnamese words** ([`vietnamese::segment`]): syllable runs are grouped into dictionary
//!    words; both the word (a compound term) and its syllables are indexed, so phrase search by
//!    syllables keeps working.
//! 5. **Stopwords** ([`stopwords`]) are dropped from documents (their positions are kept, so
//!    phrases still line up); a query made only of stopwords keeps them.
//! 6. **Stems**: Snowball for Romanian (through the cedilla letters its stemmer knows) and English
//!    (possessives removed), the stemmer [`arabic`] documents for Arabic, Snowball for Russian
//!    with `ё` read as `е` ([`russian`]); none for Vietnamese.
//! 7. **Folded forms** ([`normalize::fold_diacritics`]): the word without diacritics or tones,
//!    stemmed (`întâlnirea` -> `intalnir`; Vietnamese `hội` -> `hoi`), emitted only where it
//!    differs from the stem, so an exact match can rank higher. Folding before stemming makes the
//!    folded term exactly the stem of the same word typed without diacritics.
//! 8. **Entity keys** ([`entity`]): cross-script keys of names, computed from the unstemmed word.
//!
//! Beside the analysis, [`translation`] holds the translation lexicon: ordinary words of each
//! language mapped to the other languages' index terms, for queries that cross languages.
//!
//! Text in none of the five languages (say Ukrainian or Greek, or a bare list of numbers) gets the
//! language-neutral path: normalized words (kind [`TermKind::Word`]), folded forms and entity
//! keys, but no stems and no stopwords.
//!
//! # Speed
//!
//! Word frequencies are Zipfian, so each thread remembers what the stages derive from a word as
//! written (normalized form, stopword test, stem, folded form, Vietnamese segmenter features:
//! at most 100,000 words, about 25 MB, then emptied), and the entity resolver what it derives
//! from a normalized word (gazetteer forms, keys). Segmentation cuts the common chunks (Latin and
//! Arabic words with their punctuation) directly and leaves the rest to unicode-segmentation.
//! Single-threaded throughput on the bench corpus (`cargo bench --bench analyze`, figures in the
//! README) is 1.6 to 2.9 times that of tantivy's stemming analyzer for ro, en and ar, and 3.9 to
//! 5.8 times charabia's; Vietnamese, with its word segmentation, runs at about half the speed of
//! tantivy's plain analyzer (0.48 to 0.55 over recent runs).
//!
//! # Measured
//!
//! On the development splits of the Universal Dependencies treebanks, XQuAD and Wikidata name
//! pairs, through the indexer's `analyze --json` command (the baseline is
//! `analyze --engine plain`: UAX #29 words, lower-cased, rust-stemmers, measured in the same run):
//!
//! | measure | Rosetta | baseline |
//! |---|---|---|
//! | Vietnamese word F1, VTB dev | 0.959 (P 0.953, R 0.966) | 0.66 (one word per syllable) |
//! | conflation ro, RRT dev, recall / precision | 0.656 / 0.587 | 0.429 / 0.648 |
//! | conflation en, EWT dev | 0.692 / 0.620 | 0.577 / 0.621 |
//! | conflation ar, PUD dev | 0.546 / 0.663 | 0.396 / 0.660 |
//! | conflation ru, PUD dev | 0.826 / 0.751 | 0.763 / 0.731 |
//! | language, XQuAD dev paragraphs / questions | 1.000 / 1.000 | |
//! | Romanian forms whose folded term equals their diacritic-free spelling's | 99.4% | |
//! | names ru / ar: pairs sharing an entity term | 0.888 / 0.901 | |
//! | names ru / ar: random pairs of different names sharing one | 0.005% / 0.045% | |
//!
//! Plain tantivy with its stemmers scores ro 0.45 / 0.58, en 0.58 / 0.55, ar 0.40 / 0.66 on the
//! same conflation measure.

#![forbid(unsafe_code)]

mod analyzer;
pub mod arabic;
pub mod detect;
pub mod entity;
mod language;
mod lexicon;
pub mod normalize;
pub mod romanian;
pub mod russian;
mod script;
pub mod segment;
mod static_strings;
mod stem;
pub mod stopwords;
mod term;
pub mod translation;
pub mod vietnamese;
mod word_ids;

/// The stopword lists as build.rs normalized them (see [`stopwords`]).
mod compiled_stopwords {
    include!(concat!(env!("OUT_DIR"), "/stopwords.rs"));
}

pub use analyzer::{Analyzer, Mode, MAX_TERM_BYTES};
pub use detect::detect_language;
pub use entity::EntityResolver;
pub use language::{Language, UnknownLanguage, UNDETERMINED};
pub use script::Script;
pub use stem::stem_into;
pub use term::{Analysis, Family, TermKind, Token, TokenRef, TokenSink, WordSpan};
