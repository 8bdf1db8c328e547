//! The benchmark corpus, shared by the bench targets: real text in the four languages
//! (`testdata/bench/*.txt`, one paragraph per line; sources and licences in its README) plus the
//! seed articles (`testdata/seeds`), and synthetic news documents sampled from it.

// Each bench target uses a part of this module.
#![allow(dead_code)]

use std::path::Path;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::Criterion;

use rosetta::analysis::Language;
use rosetta::index::{NewsDocument, NewsIndex, WriterOptions};
use tantivy::schema::{Field, Schema, STORED, TEXT};
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

/// The benchmark languages: code (as in the bench ids) and language.
pub const LANGS: [(&str, Language); 4] = [
    ("ro", Language::Romanian),
    ("en", Language::English),
    ("ar", Language::Arabic),
    ("vi", Language::Vietnamese),
];

/// The shipped corpus of one language: paragraphs, one per line.
pub fn corpus(lang: Language) -> &'static str {
    match lang {
        Language::Romanian => include_str!("../../testdata/bench/ro.txt"),
        Language::English => include_str!("../../testdata/bench/en.txt"),
        Language::Arabic => include_str!("../../testdata/bench/ar.txt"),
        Language::Vietnamese => include_str!("../../testdata/bench/vi.txt"),
        // Not in `LANGS`: the bench corpus has no Russian text yet.
        Language::Russian => "",
    }
}

/// The paragraphs of a language's corpus.
pub fn paragraphs(lang: Language) -> Vec<&'static str> {
    corpus(lang)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The seed articles (`testdata/seeds/*.txt`) with their language (detected), as paragraphs.
pub fn seed_paragraphs() -> Vec<(Option<Language>, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let lang = rosetta::analysis::detect_language(&text);
        out.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| (lang, l.to_string())),
        );
    }
    out
}

/// Splits a paragraph into sentences (after `. ! ? ؟ …` followed by a space).
pub fn sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in paragraph.char_indices() {
        let next = i + c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '؟' | '…') || !paragraph[next..].starts_with(' ') {
            continue;
        }
        let s = paragraph[start..next].trim();
        // Not after an initial or a short abbreviation (`J.D.`, `Dr.`).
        let last_word = s.rsplit(' ').next().unwrap_or("");
        if last_word.chars().count() <= 3 && last_word.starts_with(char::is_uppercase) {
            continue;
        }
        if !s.is_empty() {
            out.push(s);
        }
        start = next;
    }
    let s = paragraph[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// A small deterministic PRNG (SplitMix64), so runs index the same documents.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Sentence pools per language: the corpus plus the seed articles in that language.
pub struct Pools {
    pools: Vec<(Language, Vec<String>)>,
}

impl Pools {
    pub fn load() -> Self {
        let seeds = seed_paragraphs();
        let pools = LANGS
            .iter()
            .map(|&(_, lang)| {
                let mut pool: Vec<String> = paragraphs(lang)
                    .into_iter()
                    .flat_map(sentences)
                    .map(str::to_string)
                    .collect();
                for (l, p) in &seeds {
                    if *l == Some(lang) {
                        pool.extend(sentences(p).into_iter().map(str::to_string));
                    }
                }
                (lang, pool)
            })
            .collect();
        Pools { pools }
    }

    /// Total sentences.
    pub fn len(&self) -> usize {
        self.pools.iter().map(|(_, p)| p.len()).sum()
    }

    /// `n` news documents, languages in turn: a title (the first words of a sentence) and a body
    /// of 2 to 4 consecutive sentences from a random place of that language's pool.
    pub fn documents(&self, n: usize, seed: u64) -> Vec<NewsDocument> {
        let mut rng = Rng::new(seed);
        (0..n)
            .map(|i| {
                let (lang, pool) = &self.pools[i % self.pools.len()];
                let at = rng.below(pool.len());
                let title: String = pool[at]
                    .split(' ')
                    .take(6 + rng.below(8))
                    .collect::<Vec<_>>()
                    .join(" ");
                let k = 2 + rng.below(3);
                let body: Vec<&str> = (1..=k)
                    .map(|j| pool[(at + j) % pool.len()].as_str())
                    .collect();
                NewsDocument::new(format!("{}-{i:06}", lang.code()), body.join(" "))
                    .with_title(title)
                    .with_lang(*lang)
            })
            .collect()
    }
}

/// Documents per `add_documents` call, as the indexer example does.
pub const BATCH: usize = 4096;

/// Indexing threads for both engines.
pub const THREADS: usize = 2;

/// Indexes `docs` into `index` with [`THREADS`] threads and commits.
pub fn index_rosetta(index: &NewsIndex, docs: &[NewsDocument], memory_budget: usize) {
    let mut writer = index
        .writer_with(WriterOptions {
            memory_budget,
            threads: THREADS,
        })
        .expect("rosetta writer");
    for batch in docs.chunks(BATCH) {
        writer.add_documents(batch).expect("rosetta add");
    }
    writer.commit().expect("rosetta commit");
}

/// A plain tantivy index: `title` and `body` as `TEXT | STORED` with the `default` tokenizer.
pub struct Plain {
    pub index: Index,
    pub title: Field,
    pub body: Field,
}

impl Plain {
    pub fn create_in_ram() -> Plain {
        let mut builder = Schema::builder();
        let title = builder.add_text_field("title", TEXT | STORED);
        let body = builder.add_text_field("body", TEXT | STORED);
        Plain {
            index: Index::create_in_ram(builder.build()),
            title,
            body,
        }
    }

    /// Indexes `docs` with [`THREADS`] threads and commits.
    pub fn add(&self, docs: &[NewsDocument], memory_budget: usize) {
        let mut writer: IndexWriter<TantivyDocument> = self
            .index
            .writer_with_num_threads(THREADS, memory_budget)
            .expect("tantivy writer");
        for d in docs {
            writer
                .add_document(doc!(self.title => d.title.as_str(), self.body => d.body.as_str()))
                .expect("tantivy add");
        }
        writer.commit().expect("tantivy commit");
    }
}

/// Merges every segment of `index` into one (no writer may be open on it).
pub fn merge_all(index: &Index) {
    let ids = index.searchable_segment_ids().expect("segment ids");
    if ids.len() > 1 {
        let mut writer: IndexWriter<TantivyDocument> = index
            .writer_with_num_threads(1, 200_000_000)
            .expect("merge writer");
        writer.merge(&ids).wait().expect("merge");
        writer.wait_merging_threads().expect("merge threads");
    }
}

/// Thread CPU time as a criterion measurement: what a single-threaded benchmark costs, unaffected
/// by other processes taking the CPU (a shared 2-core machine). Chosen with
/// `ROSETTA_BENCH_CLOCK=cpu`; results keep the same ids and units (nanoseconds).
pub struct ThreadCpu;

static WALL: WallTime = WallTime;

impl Measurement for ThreadCpu {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_time()
    }

    fn end(&self, start: Duration) -> Duration {
        thread_cpu_time().saturating_sub(start)
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec to write to; the clock id is a constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Whether `ROSETTA_BENCH_CLOCK=cpu` asks for thread CPU time instead of wall time.
pub fn cpu_clock() -> bool {
    std::env::var("ROSETTA_BENCH_CLOCK").is_ok_and(|v| v == "cpu")
}

/// Runs `bench` with wall time, or with thread CPU time when [`cpu_clock`].
pub fn run_with_clock(bench: fn(&mut Criterion), bench_cpu: fn(&mut Criterion<ThreadCpu>)) {
    if cpu_clock() {
        bench_cpu(
            &mut Criterion::default()
                .with_measurement(ThreadCpu)
                .configure_from_args(),
        );
    } else {
        bench(&mut Criterion::default().configure_from_args());
    }
}
