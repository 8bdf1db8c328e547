//! The command line: commands and their options (`--help` is made from these).

use super::*;

#[derive(Parser)]
#[command(about = "Rosetta: index and search multilingual news")]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Index directories, .txt and .jsonl files (creates the index if missing).
    Index {
        #[command(flatten)]
        index: postgres::Target,
        /// Indexing memory budget in MB (tantivy's writer; peak memory stays near it).
        #[arg(long, default_value_t = 200)]
        memory_mb: usize,
        /// Commit every this many documents, so a crash loses at most that much.
        #[arg(long, default_value_t = 10_000)]
        commit_every: usize,
        /// Exit without waiting for background merges (the index then has more segments, and
        /// files of unfinished merges are removed by the next run).
        #[arg(long)]
        no_wait_merges: bool,
        /// Files and directories to index; `-` reads JSON Lines from standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Search the index.
    Search {
        #[command(flatten)]
        index: postgres::Target,
        /// Number of hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Hits to skip (paging; `--after` is faster for deep pages).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Only hits after this cursor (the `next_cursor` of the previous page).
        #[arg(long)]
        after: Option<String>,
        /// Order: relevance, newest or oldest.
        #[arg(long, default_value = "relevance")]
        sort: Sort,
        /// Only documents in this language (ro, en, ar, vi, ru).
        #[arg(long)]
        lang: Option<Language>,
        /// Count all matching documents by `lang` and/or `source` (comma-separated).
        #[arg(long, value_delimiter = ',')]
        facets: Vec<Facet>,
        /// How many sources `--facets source` lists.
        #[arg(long, default_value_t = 10)]
        facet_size: usize,
        /// Count all matching documents per day, week or month of publication.
        #[arg(long)]
        histogram: Option<Interval>,
        /// Whether documents matching only some words follow the full matches (default: when
        /// the query has no operators).
        #[arg(long)]
        relaxed: Option<bool>,
        /// Match the query words only as typed, not also their translations in the other
        /// languages.
        #[arg(long)]
        no_lexicon: bool,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// The query: words (all must match), AND, OR, NOT, -excluded, (groups), "phrases"~N,
        /// prefix*, title:, lang:/source:/after:/before:/date:
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
    },
    /// Documents like one of the index (by id) or like a text file, in every language.
    Similar {
        /// The index directory.
        #[arg(long)]
        index: PathBuf,
        /// Number of hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Only documents in these languages (repeat, or comma-separated).
        #[arg(long, value_delimiter = ',')]
        lang: Vec<Language>,
        /// Like this file's text (first line the title) instead of a document of the index.
        #[arg(long, conflicts_with = "id")]
        text: Option<PathBuf>,
        /// One hit per story in each language: near-duplicates (the same story republished) fold
        /// into the earliest, listed in its `duplicates`.
        #[arg(long)]
        collapse: bool,
        /// `rosetta`, or `mlt`: tantivy's More Like This on the same index (a baseline; it finds
        /// few documents in other languages).
        #[arg(long, default_value = "rosetta", value_parser = ["rosetta", "mlt"])]
        engine: String,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// The id of a document of the index.
        #[arg(required_unless_present = "text")]
        id: Option<String>,
    },
    /// Analyze TEXT (or each line of standard input) and print its words and terms.
    Analyze {
        /// Language of the text (ro, en, ar, vi, ru); detected when absent.
        #[arg(long)]
        lang: Option<Language>,
        /// One JSON object per text.
        #[arg(long)]
        json: bool,
        /// `rosetta` (the analysis the index uses) or `plain` (the baseline: unicode_words +
        /// lowercase + rust-stemmers, for comparisons). Also read from `ROSETTA_ENGINE`.
        #[arg(long, env = "ROSETTA_ENGINE", default_value = "rosetta")]
        engine: Engine,
        /// The text; without it, every line of standard input is a text of its own.
        text: Option<String>,
    },
    /// Delete documents by id.
    Delete {
        #[command(flatten)]
        index: postgres::Target,
        /// Ids to delete.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Print what the index holds, as JSON.
    Stats {
        #[command(flatten)]
        index: postgres::Target,
    },
    /// Check every file of the index against its checksum; exits non-zero, naming the damaged
    /// segments, if any is damaged.
    Check {
        /// The index directory.
        #[arg(long)]
        index: PathBuf,
    },
}

/// Which analysis `analyze` runs.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Engine {
    /// Rosetta's analysis, as indexed.
    Rosetta,
    /// unicode_words + lowercase + rust-stemmers: the baseline Rosetta is compared against.
    Plain,
}
