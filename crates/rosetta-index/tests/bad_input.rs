//! Bad input through the library API (`input::read_inputs` + `NewsWriter`), one test per class:
//! each bad file or line is reported with its path and line and skipped (or, where it is still a
//! document, indexed), nothing panics, and every good document of the same run is indexed and
//! searchable afterwards.
//!
//! The 50 MB document is `#[ignore]`d (slow in debug builds); run it with
//! `cargo test --release -p rosetta-index --test bad_input -- --ignored`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rosetta_index::input::{read_inputs, InputError, InputItem};
use rosetta_index::{AddOutcome, Error, NewsDocument, NewsIndex, SearchRequest};

/// Good documents every test's run includes; [`assert_good_documents_searchable`] checks them.
const GOOD_JSONL: &str = concat!(
    r#"{"id":"good-en","body":"Kremlin spokesman Dmitry Peskov said the summit needs careful preparation.","lang":"en","published":"2025-06-01"}"#,
    "\n",
    r#"{"id":"good-ro","title":"Kremlinul","body":"Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a declarat că întâlnirea este necesară."}"#,
    "\n",
);
const GOOD_TXT: &str = "Axolotl sighting\nA rare axolotl was seen near the old lake on Tuesday.\n";

/// What a run did, as the CLI reports it.
struct Run {
    index: NewsIndex,
    outcome: AddOutcome,
    errors: Vec<InputError>,
    /// Documents kept with repairs.
    warnings: Vec<InputError>,
}

/// A folder with the good documents; tests add their bad files to it.
fn input_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.jsonl"), GOOD_JSONL).unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD_TXT).unwrap();
    dir
}

/// Reads and indexes `paths` as the `index` command does: batches, one commit at the end.
fn ingest(index: &NewsIndex, paths: &[PathBuf]) -> (AddOutcome, Vec<InputError>, Vec<InputError>) {
    let mut writer = index.writer().unwrap();
    let mut outcome = AddOutcome::default();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut batch = Vec::new();
    let mut flush = |batch: &mut Vec<NewsDocument>, outcome: &mut AddOutcome| {
        let o = writer
            .add_documents(batch)
            .expect("valid documents are accepted");
        outcome.indexed += o.indexed;
        outcome.replaced += o.replaced;
        batch.clear();
    };
    for item in read_inputs(paths) {
        match item {
            InputItem::Document { doc, .. } => {
                batch.push(doc);
                if batch.len() >= 64 {
                    flush(&mut batch, &mut outcome);
                }
            }
            InputItem::Skipped(e) | InputItem::Unreadable(e) => errors.push(e),
            InputItem::Warning(w) => warnings.push(w),
        }
    }
    flush(&mut batch, &mut outcome);
    writer.commit().unwrap();
    (outcome, errors, warnings)
}

fn run(dir: &Path) -> Run {
    let index = NewsIndex::create_in_ram();
    let (outcome, errors, warnings) = ingest(&index, &[dir.to_path_buf()]);
    Run {
        warnings,
        index,
        outcome,
        errors,
    }
}

fn ids(index: &NewsIndex, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = index
        .search(&SearchRequest::new(query).limit(50))
        .unwrap_or_else(|e| panic!("search {query:?}: {e}"))
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

fn assert_good_documents_searchable(index: &NewsIndex) {
    let peskov = ids(index, "Peskov");
    assert!(
        peskov.contains(&"good-en".to_string()) && peskov.contains(&"good-ro".to_string()),
        "Peskov finds {peskov:?}"
    );
    assert!(ids(index, "axolotl").contains(&"good".to_string()));
}

/// Asserts an error for `file` (the file name) at `line` whose message contains `fragment`.
fn assert_error(errors: &[InputError], file: &str, line: Option<usize>, fragment: &str) {
    let found = errors.iter().any(|e| {
        e.path.file_name().and_then(|n| n.to_str()) == Some(file)
            && e.line == line
            && e.error.contains(fragment)
    });
    assert!(
        found,
        "no error for {file}:{line:?} containing {fragment:?} in {errors:#?}"
    );
    // The message a user sees names the file and line.
    let shown = errors
        .iter()
        .find(|e| e.path.file_name().and_then(|n| n.to_str()) == Some(file) && e.line == line)
        .unwrap()
        .to_string();
    assert!(shown.contains(file), "{shown}");
    if let Some(line) = line {
        assert!(shown.contains(&format!(":{line}:")), "{shown}");
    }
}

#[test]
fn invalid_utf8_in_a_txt_file() {
    let dir = input_dir();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Title line\nbody is fine\nbut here \xe2\x82 and \xff\xfe comes Latin-1\n",
    )
    .unwrap();
    let r = run(dir.path());
    // The article is kept, its bad bytes replaced, with a warning naming the line.
    assert_error(&r.warnings, "latin1.txt", Some(3), "invalid UTF-8");
    assert!(
        r.warnings[0].error.contains("3 in the file"),
        "{:?}",
        r.warnings
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.outcome.indexed, 4);
    assert!(ids(&r.index, "Latin").contains(&"latin1".to_string()));
    assert_good_documents_searchable(&r.index);
}

#[test]
fn invalid_utf8_in_a_jsonl_line() {
    let dir = input_dir();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(br#"{"id":"u1","body":"first line is fine: Zanzibar"}"#);
    bytes.extend_from_slice(b"\n{\"id\":\"u2\",\"body\":\"caf\xe9 au lait\"}\n");
    bytes.extend_from_slice(br#"{"id":"u3","body":"third line is fine: Quagga"}"#);
    bytes.push(b'\n');
    std::fs::write(dir.path().join("mixed.jsonl"), bytes).unwrap();
    let r = run(dir.path());
    assert_error(&r.errors, "mixed.jsonl", Some(2), "invalid UTF-8");
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(r.outcome.indexed, 5);
    assert_eq!(ids(&r.index, "Zanzibar"), ["u1"]);
    assert_eq!(ids(&r.index, "Quagga"), ["u3"]);
    assert_good_documents_searchable(&r.index);
}

#[test]
fn malformed_json_lines() {
    let dir = input_dir();
    let lines = [
        r#"{"id":"m1","body":"unterminated"#,
        "not json at all",
        "[1, 2, 3]",
        r#""just a string""#,
        r#"{"id":"m5","body":"trailing garbage"} x"#,
        r#"{"id":"m6","body":"fine Okapi"}"#,
        "{",
        "}",
        "null",
    ];
    std::fs::write(dir.path().join("malformed.jsonl"), lines.join("\n")).unwrap();
    let r = run(dir.path());
    for line in [1, 2, 5, 7, 8] {
        assert_error(&r.errors, "malformed.jsonl", Some(line), "malformed JSON");
    }
    for line in [3, 4, 9] {
        assert_error(&r.errors, "malformed.jsonl", Some(line), "JSON object");
    }
    assert_eq!(r.errors.len(), 8, "{:?}", r.errors);
    assert_eq!(ids(&r.index, "Okapi"), ["m6"]);
    assert_good_documents_searchable(&r.index);
}

#[test]
fn missing_fields_and_wrong_types() {
    let dir = input_dir();
    let lines = [
        r#"{"body":"no id"}"#,
        r#"{"id":"f2"}"#,
        r#"{"id":5,"body":"numeric id"}"#,
        r#"{"id":"f4","body":["an","array"]}"#,
        r#"{"id":"f5","body":"x","title":7}"#,
        r#"{"id":"","body":"empty id"}"#,
        r#"{"id":"f7","body":"   "}"#,
        r#"{"id":"f8","body":"x","published":20250101}"#,
        r#"{"id":"f9","body":"x","source":{"name":"Reuters"}}"#,
        r#"{"id":null,"body":"null id"}"#,
        r#"{"id":"f11","body":"null optional fields are fine: Narwhal","lang":null,"title":null,"published":null}"#,
        r#"{"id":"f12","body":"unknown fields are ignored: Pangolin","extra":[1,{"a":2}]}"#,
    ];
    std::fs::write(dir.path().join("fields.jsonl"), lines.join("\n")).unwrap();
    let r = run(dir.path());
    let e = &r.errors;
    assert_error(e, "fields.jsonl", Some(1), "missing \"id\"");
    assert_error(e, "fields.jsonl", Some(2), "missing \"body\"");
    assert_error(e, "fields.jsonl", Some(3), "\"id\" must be a string");
    assert_error(e, "fields.jsonl", Some(4), "\"body\" must be a string");
    assert_error(e, "fields.jsonl", Some(5), "\"title\" must be a string");
    assert_error(e, "fields.jsonl", Some(6), "empty id");
    assert_error(e, "fields.jsonl", Some(7), "no text");
    assert_error(e, "fields.jsonl", Some(8), "\"published\" must be a string");
    assert_error(e, "fields.jsonl", Some(9), "\"source\" must be a string");
    assert_error(e, "fields.jsonl", Some(10), "missing \"id\"");
    assert_eq!(e.len(), 10, "{e:?}");
    assert_eq!(ids(&r.index, "Narwhal"), ["f11"]);
    assert_eq!(ids(&r.index, "Pangolin"), ["f12"]);
    assert_good_documents_searchable(&r.index);
}

#[test]
fn unknown_language_values() {
    let dir = input_dir();
    let lines = [
        r#"{"id":"l1","body":"Ukrainian is not indexed by its own rules","lang":"uk"}"#,
        r#"{"id":"l2","body":"x","lang":"xx"}"#,
        r#"{"id":"l3","body":"x","lang":""}"#,
        r#"{"id":"l4","body":"x","lang":"english"}"#,
        r#"{"id":"l5","body":"upper-case code is fine: Wombat","lang":"EN"}"#,
        r#"{"id":"l6","body":"x","lang":5}"#,
    ];
    std::fs::write(dir.path().join("langs.jsonl"), lines.join("\n")).unwrap();
    let r = run(dir.path());
    for line in 1..=4 {
        assert_error(&r.errors, "langs.jsonl", Some(line), "unknown language");
    }
    assert_error(
        &r.errors,
        "langs.jsonl",
        Some(6),
        "\"lang\" must be a string",
    );
    assert_eq!(r.errors.len(), 5, "{:?}", r.errors);
    assert_eq!(ids(&r.index, "Wombat"), ["l5"]);
    // Russian is.
    let line = r#"{"id":"r1","body":"переговоры продолжатся","lang":"ru"}"#;
    std::fs::write(dir.path().join("langs.jsonl"), line).unwrap();
    let r = run(dir.path());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(ids(&r.index, "lang:ru переговорах"), ["r1"]);
    assert_good_documents_searchable(&r.index);
}

#[test]
fn unparsable_published_dates() {
    let dir = input_dir();
    let lines = [
        r#"{"id":"d1","body":"x","published":"yesterday"}"#,
        r#"{"id":"d2","body":"x","published":"2025-13-01"}"#,
        r#"{"id":"d3","body":"x","published":"2025-02-30"}"#,
        r#"{"id":"d4","body":"x","published":""}"#,
        r#"{"id":"d5","body":"x","published":"23/12/2025"}"#,
        r#"{"id":"d6","body":"x","published":"2025-12-23T25:00:00Z"}"#,
        r#"{"id":"d7","body":"RFC 3339 with offset: Tapir","published":"2025-12-23T10:00:00+02:00"}"#,
        r#"{"id":"d8","body":"far past: Dugong","published":"1700-01-01"}"#,
        r#"{"id":"d9","body":"far future: Manatee","published":"2250-12-31T23:59:59Z"}"#,
    ];
    std::fs::write(dir.path().join("dates.jsonl"), lines.join("\n")).unwrap();
    let r = run(dir.path());
    for line in 1..=6 {
        assert_error(
            &r.errors,
            "dates.jsonl",
            Some(line),
            "unparsable \"published\"",
        );
    }
    assert_eq!(r.errors.len(), 6, "{:?}", r.errors);
    assert_eq!(ids(&r.index, "Tapir"), ["d7"]);
    assert_eq!(ids(&r.index, "Dugong"), ["d8"]);
    assert_eq!(ids(&r.index, "Manatee"), ["d9"]);
    // The extreme dates survive the round trip and the filters.
    assert_eq!(ids(&r.index, "Dugong before:1800-01-01"), ["d8"]);
    assert_eq!(ids(&r.index, "Manatee after:2200-01-01"), ["d9"]);
    assert_good_documents_searchable(&r.index);
}

/// tantivy stores dates as i64 nanoseconds (1677-09-21 to 2262-04-11); `parse_date` accepts years
/// 0000 to 9999.
#[test]
fn published_dates_outside_the_tantivy_range() {
    let dir = input_dir();
    let lines = [
        r#"{"id":"e1","body":"year one: Dugong","published":"0001-01-01"}"#,
        r#"{"id":"e2","body":"year 9999: Manatee","published":"9999-12-31T23:59:59Z"}"#,
    ];
    std::fs::write(dir.path().join("extreme.jsonl"), lines.join("\n")).unwrap();
    let r = run(dir.path());
    if r.errors.is_empty() {
        // Accepted: then the dates must survive and filter correctly.
        assert_eq!(ids(&r.index, "Dugong before:1000-01-01"), ["e1"]);
        assert_eq!(ids(&r.index, "Manatee after:9000-01-01"), ["e2"]);
    } else {
        assert_error(&r.errors, "extreme.jsonl", Some(1), "published");
        assert_error(&r.errors, "extreme.jsonl", Some(2), "published");
    }
    assert_good_documents_searchable(&r.index);
}

#[test]
fn empty_files() {
    let dir = input_dir();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("blank.txt"), "\n  \n\t\r\n").unwrap();
    std::fs::write(dir.path().join("empty.jsonl"), "").unwrap();
    std::fs::write(dir.path().join("blank.jsonl"), "\n\n   \n\r\n").unwrap();
    std::fs::write(dir.path().join("title-only.txt"), "Only a title: Ocelot\n").unwrap();
    std::fs::create_dir(dir.path().join("empty-dir")).unwrap();
    let r = run(dir.path());
    assert_error(&r.errors, "empty.txt", None, "empty file");
    assert_error(&r.errors, "blank.txt", None, "empty file");
    // Empty .jsonl files hold no documents and no errors.
    assert_eq!(r.errors.len(), 2, "{:?}", r.errors);
    assert_eq!(ids(&r.index, "Ocelot"), ["title-only"]);
    assert_good_documents_searchable(&r.index);
}

/// The first bytes of a PNG file.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\nIDATx\x9cc\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xaeB`\x82";

#[test]
fn binary_files_in_the_input_folder() {
    let dir = input_dir();
    std::fs::write(dir.path().join("photo.png"), PNG).unwrap();
    std::fs::write(dir.path().join("photo-named.txt"), PNG).unwrap();
    std::fs::write(dir.path().join("photo-named.jsonl"), PNG).unwrap();
    std::fs::write(
        dir.path().join("nul.txt"),
        "Title\nvalid UTF-8 \0 with NUL bytes\0",
    )
    .unwrap();
    std::fs::write(dir.path().join("no-extension"), b"\x7fELF\x02\x01\x01\0").unwrap();
    let r = run(dir.path());
    assert_error(&r.errors, "photo.png", None, "not a .txt or .jsonl file");
    assert_error(&r.errors, "no-extension", None, "not a .txt or .jsonl file");
    assert_error(&r.errors, "photo-named.txt", None, "binary file");
    assert_error(&r.errors, "photo-named.jsonl", Some(1), "invalid UTF-8");
    // Text with stray NUL bytes is kept without them.
    assert_error(&r.warnings, "nul.txt", Some(2), "2 NUL bytes removed");
    for e in &r.errors {
        assert!(e.path.starts_with(dir.path()), "{e}");
    }
    assert_eq!(r.outcome.indexed, 4);
    assert_good_documents_searchable(&r.index);
}

/// Writes a document of about `bytes` bytes: English sentences, a marker word near the end.
fn write_big_document(path: &Path, bytes: usize) {
    use std::io::Write;
    let sentence = "The delegations met again in Istanbul on Friday and agreed to exchange prisoners before the summit. ";
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(f, "A very long report").unwrap();
    let mut written = 0;
    while written + sentence.len() < bytes {
        f.write_all(sentence.as_bytes()).unwrap();
        written += sentence.len();
    }
    writeln!(f, "\nAt the very end, a Capybara appeared.").unwrap();
}

fn big_document(bytes: usize) {
    let dir = input_dir();
    write_big_document(&dir.path().join("big.txt"), bytes);
    let started = Instant::now();
    let r = run(dir.path());
    eprintln!(
        "{} MB document indexed in {:.1}s",
        bytes >> 20,
        started.elapsed().as_secs_f64()
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.outcome.indexed, 4);
    let started = Instant::now();
    let results = r.index.search(&SearchRequest::new("Capybara")).unwrap();
    eprintln!("searched in {:.1}s", started.elapsed().as_secs_f64());
    assert_eq!(results.hits.len(), 1);
    assert_eq!(results.hits[0].id, "big");
    assert!(results.hits[0].snippet.len() < 4096);
    assert!(ids(&r.index, "Istanbul prisoners").contains(&"big".to_string()));
    assert_good_documents_searchable(&r.index);
}

#[test]
fn large_single_document_1mb() {
    // 1 MB takes about 4 s in a debug build; the 50 MB one below runs with --release.
    big_document(1 << 20);
}

#[test]
#[ignore = "slow in debug builds: run with --release"]
fn large_single_document_50mb() {
    big_document(50 << 20);
}

#[test]
fn one_megabyte_single_word() {
    let dir = input_dir();
    let word = "x".repeat(1 << 20);
    std::fs::write(
        dir.path().join("word.txt"),
        format!("Huge word: Chinchilla\n{word}\n"),
    )
    .unwrap();
    let vi = "ơ".repeat(1 << 19);
    let ar = "ب".repeat(1 << 19);
    let digits = "7".repeat(1 << 20);
    let json = |id: &str, body: &str| {
        format!(r#"{{"id":"{id}","title":"Huge {id} Marmoset","body":"{body}"}}"#)
    };
    std::fs::write(
        dir.path().join("words.jsonl"),
        [json("vi", &vi), json("ar", &ar), json("digits", &digits)].join("\n"),
    )
    .unwrap();
    let r = run(dir.path());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.outcome.indexed, 7);
    assert_eq!(ids(&r.index, "Chinchilla"), ["word"]);
    assert_eq!(ids(&r.index, "Marmoset"), ["ar", "digits", "vi"]);
    // The word itself is too long to be a term: searching it finds nothing and does not fail.
    assert!(ids(&r.index, &word[..1000]).is_empty());
    assert_good_documents_searchable(&r.index);
}

#[test]
fn nul_control_zero_width_and_bidi_characters() {
    let dir = input_dir();
    let lines = [
        r#"{"id":"c1","body":"NUL\u0000inside and Zanzibar\u0000 after"}"#,
        r#"{"id":"c2","body":"bell \u0007 escape \u001b[31m Quagga \u007f delete"}"#,
        r#"{"id":"c3","body":"zero\u200bwidth Okapi\u200d joiner \u2060 word joiner \ufeff"}"#,
        r#"{"id":"c4","body":"bidi \u202eNarwhal\u202c and \u2066Pangolin\u2069 isolate"}"#,
        r#"{"id":"c5\u0000","title":"NUL in id and \u0000 title","body":"Wombat \ud83d\ude00 emoji"}"#,
        r#"{"id":"c6","body":"lone surrogate escape \ud800 Tapir"}"#,
    ];
    std::fs::write(dir.path().join("controls.jsonl"), lines.join("\n")).unwrap();
    // A .txt file with control characters but no NUL is text.
    std::fs::write(
        dir.path().join("controls.txt"),
        "Controls\u{7}\u{1b}\nDugong \u{200b}\u{202e}\u{2069} body\u{c}form feed\n",
    )
    .unwrap();
    let r = run(dir.path());
    // serde_json refuses a lone surrogate escape: a clear per-line error.
    assert_error(&r.errors, "controls.jsonl", Some(6), "malformed JSON");
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(ids(&r.index, "Zanzibar"), ["c1"]);
    assert_eq!(ids(&r.index, "Quagga"), ["c2"]);
    assert_eq!(ids(&r.index, "Okapi"), ["c3"]);
    assert_eq!(ids(&r.index, "Narwhal"), ["c4"]);
    assert_eq!(ids(&r.index, "Pangolin"), ["c4"]);
    assert_eq!(ids(&r.index, "Wombat"), ["c5\u{0}"]);
    assert_eq!(ids(&r.index, "Dugong"), ["controls"]);
    assert_good_documents_searchable(&r.index);
}

#[test]
fn zero_width_and_bidi_characters_inside_a_word_are_invisible() {
    let dir = input_dir();
    let lines = [
        r#"{"id":"z1","body":"the Quetz\u200dal bird, the Ta\u200cpir and the Wo\u2060mbat","lang":"en"}"#,
        r#"{"id":"z2","body":"the Ar\u00admadillo","lang":"en"}"#,
        r#"{"id":"z3","body":"the \u202eTama\u202cndua","lang":"en"}"#,
    ];
    std::fs::write(dir.path().join("invisible.jsonl"), lines.join("\n")).unwrap();
    let r = run(dir.path());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // (U+200B ZERO WIDTH SPACE is a word boundary by UAX #29, as a space would be.)
    assert_eq!(ids(&r.index, "Quetzal"), ["z1"]);
    assert_eq!(ids(&r.index, "Tapir"), ["z1"]);
    assert_eq!(ids(&r.index, "Wombat"), ["z1"]);
    assert_eq!(ids(&r.index, "Armadillo"), ["z2"]);
    assert_eq!(ids(&r.index, "Tamandua"), ["z3"]);
    // And a query with them finds the plain word.
    assert_eq!(ids(&r.index, "Arma\u{ad}di\u{200d}llo"), ["z2"]);
}

#[test]
fn byte_order_marks() {
    let dir = input_dir();
    std::fs::write(
        dir.path().join("bom.txt"),
        "\u{FEFF}Title after a BOM\nBody about a Serval.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bom.jsonl"),
        "\u{FEFF}{\"id\":\"b1\",\"title\":\"First line\",\"body\":\"Caracal\"}\n{\"id\":\"b2\",\"body\":\"Margay\"}\n\u{FEFF}{\"id\":\"b3\",\"body\":\"mid-file BOM (concatenated files)\"}\n",
    )
    .unwrap();
    let r = run(dir.path());
    assert_eq!(ids(&r.index, "Serval"), ["bom"]);
    assert_eq!(ids(&r.index, "Caracal"), ["b1"]);
    assert_eq!(ids(&r.index, "Margay"), ["b2"]);
    let hit = &r.index.search(&SearchRequest::new("Serval")).unwrap().hits[0];
    assert_eq!(hit.title, "Title after a BOM");
    let hit = &r.index.search(&SearchRequest::new("Caracal")).unwrap().hits[0];
    assert_eq!(hit.title, "First line");
    // A BOM at the start of a later line is not JSON: reported, not fatal.
    assert!(
        r.errors.is_empty() || r.errors.iter().all(|e| e.line == Some(3)),
        "{:?}",
        r.errors
    );
    assert_good_documents_searchable(&r.index);
}

#[test]
fn crlf_line_ends() {
    let dir = input_dir();
    std::fs::write(
        dir.path().join("crlf.txt"),
        "\r\n\r\nWindows title\r\nFirst body line about a Jerboa.\r\nSecond line.\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("crlf.jsonl"),
        "{\"id\":\"r1\",\"title\":\"T1\",\"body\":\"Gerenuk\"}\r\n\r\n{\"id\":\"r2\",\"body\":\"Saiga\"}\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("cr-only.txt"),
        "Old Mac title\rBody Kinkajou\r",
    )
    .unwrap();
    let r = run(dir.path());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let hit = &r.index.search(&SearchRequest::new("Jerboa")).unwrap().hits[0];
    assert_eq!(hit.id, "crlf");
    assert_eq!(hit.title, "Windows title");
    assert!(!hit.snippet.contains('\r') || hit.snippet.contains("Second"));
    assert_eq!(ids(&r.index, "Gerenuk"), ["r1"]);
    assert_eq!(ids(&r.index, "Saiga"), ["r2"]);
    assert_eq!(
        r.index.search(&SearchRequest::new("Gerenuk")).unwrap().hits[0].title,
        "T1"
    );
    assert_eq!(ids(&r.index, "Kinkajou"), ["cr-only"]);
    assert_good_documents_searchable(&r.index);
}

#[test]
fn missing_paths_and_symlink_loops() {
    let dir = input_dir();
    let missing = dir.path().join("does-not-exist");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let index = NewsIndex::create_in_ram();
    let (outcome, errors, _) = ingest(&index, &[missing.clone(), dir.path().to_path_buf()]);
    assert!(
        errors
            .iter()
            .any(|e| e.path == missing && e.error.contains("cannot read")),
        "{errors:?}"
    );
    eprintln!(
        "symlink loop: {outcome:?}, {} errors, first: {:?}",
        errors.len(),
        errors.iter().take(3).collect::<Vec<_>>()
    );
    // Whatever the walk does with the loop, every document is in the index once.
    assert_eq!(index.stats().unwrap().documents, 3);
    assert_good_documents_searchable(&index);
}

#[test]
#[cfg(unix)]
fn a_symlink_loop_reads_each_file_once() {
    let dir = input_dir();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let index = NewsIndex::create_in_ram();
    let (outcome, _, _) = ingest(&index, &[dir.path().to_path_buf()]);
    assert_eq!(
        outcome,
        AddOutcome {
            indexed: 3,
            replaced: 0
        }
    );
}

#[test]
fn duplicate_ids_in_one_run_replace() {
    let dir = input_dir();
    std::fs::write(
        dir.path().join("dups.jsonl"),
        "{\"id\":\"dup\",\"body\":\"first Bonobo\"}\n{\"id\":\"dup\",\"body\":\"second Bonobo\"}\n{\"id\":\"dup\",\"body\":\"third Bonobo\"}\n",
    )
    .unwrap();
    let r = run(dir.path());
    assert_eq!(r.outcome.replaced, 2);
    let results = r.index.search(&SearchRequest::new("Bonobo")).unwrap();
    assert_eq!(results.total, 1);
    assert!(results.hits[0].snippet.contains("third"));
    // The same run again replaces everything.
    let (again, errors, _) = ingest(&r.index, &[dir.path().to_path_buf()]);
    assert!(errors.is_empty());
    assert_eq!(again.indexed, 0);
    assert_eq!(r.index.stats().unwrap().documents, 4);
}

/// tantivy drops terms longer than 65530 bytes (`MAX_TOKEN_LEN`), so a longer id is stored but
/// not indexed: the document can be neither replaced nor deleted.
#[test]
fn a_huge_id_is_rejected_or_stays_unique() {
    let dir = input_dir();
    let id = "i".repeat(100_000);
    std::fs::write(
        dir.path().join("huge-id.jsonl"),
        format!("{{\"id\":\"{id}\",\"body\":\"Huge id Mongoose\"}}\n"),
    )
    .unwrap();
    let r = run(dir.path());
    if r.errors.is_empty() {
        // Indexed: then indexing it again must replace it, not duplicate it.
        assert_eq!(ids(&r.index, "Mongoose").len(), 1);
        let (again, _, _) = ingest(&r.index, &[dir.path().join("huge-id.jsonl")]);
        assert_eq!(
            again.replaced, 1,
            "a 100 KB id is not found again: {again:?}"
        );
        assert_eq!(ids(&r.index, "Mongoose").len(), 1);
    } else {
        assert_error(&r.errors, "huge-id.jsonl", Some(1), "id");
    }
    assert_good_documents_searchable(&r.index);
}

#[test]
fn invalid_documents_through_the_api_are_refused_whole() {
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer().unwrap();
    let docs = [
        NewsDocument::new("ok", "Peskov said"),
        NewsDocument::new("", "no id"),
    ];
    assert!(matches!(
        writer.add_documents(&docs),
        Err(Error::InvalidDocument(_))
    ));
    assert!(matches!(
        writer.add(&NewsDocument::new("blank", " \n\t")),
        Err(Error::InvalidDocument(_))
    ));
    // NUL, controls and invisible characters are fine through the API too.
    writer
        .add(&NewsDocument::new(
            "ctl",
            "\0\u{7}\u{202e}Peskov\u{202c}\u{200b}\u{feff}",
        ))
        .unwrap();
    writer.commit().unwrap();
    assert_eq!(ids(&index, "Peskov"), ["ctl"]);
}
