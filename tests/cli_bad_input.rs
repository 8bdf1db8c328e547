//! Bad input through the example indexer (`index --index DIR PATH...`), one test per class: the
//! run exits 0, its last stdout line is the JSON report naming each bad file and line (also shown
//! on stderr), nothing panics, and every good document of the run is searchable afterwards.
//!
//! The 50 MB document is `#[ignore]`d (slow in a debug build); run it with
//! `cargo test --release --test cli_bad_input -- --ignored`.

mod common;

use std::path::Path;

use common::{ids, index, index_failing, search};

const GOOD_JSONL: &str = concat!(
    r#"{"id":"good-en","body":"Kremlin spokesman Dmitry Peskov said the summit needs careful preparation.","lang":"en"}"#,
    "\n",
    r#"{"id":"good-ro","title":"Kremlinul","body":"Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a declarat că întâlnirea este necesară."}"#,
    "\n",
);
const GOOD_TXT: &str = "Axolotl sighting\nA rare axolotl was seen near the old lake on Tuesday.\n";

/// A temporary folder with `input/` (the good documents) and `index/`.
struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("input")).unwrap();
        let case = Case { dir };
        case.write("good.jsonl", GOOD_JSONL);
        case.write("good.txt", GOOD_TXT);
        case
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) {
        std::fs::write(self.input().join(name), bytes).unwrap();
    }

    fn input(&self) -> std::path::PathBuf {
        self.dir.path().join("input")
    }

    fn index_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("index")
    }

    fn run(&self) -> common::IndexRun {
        index(&self.index_dir(), &[&self.input()])
    }

    fn ids(&self, query: &str) -> Vec<String> {
        ids(&self.index_dir(), query)
    }

    fn assert_good_documents_searchable(&self) {
        let peskov = self.ids("Peskov");
        assert!(
            peskov.contains(&"good-en".to_string()) && peskov.contains(&"good-ro".to_string()),
            "Peskov finds {peskov:?}"
        );
        assert!(self.ids("axolotl").contains(&"good".to_string()));
    }
}

#[test]
fn invalid_utf8() {
    let case = Case::new();
    case.write(
        "latin1.txt",
        b"Title line\nbody is fine\nbut here \xff\xfe comes Latin-1\n",
    );
    let mut jsonl = Vec::new();
    jsonl.extend_from_slice(br#"{"id":"u1","body":"first line is fine: Zanzibar"}"#);
    jsonl.extend_from_slice(b"\n{\"id\":\"u2\",\"body\":\"caf\xe9 au lait\"}\n");
    jsonl.extend_from_slice(br#"{"id":"u3","body":"third line is fine: Quagga"}"#);
    case.write("mixed.jsonl", jsonl);
    let r = case.run();
    // A text file keeps its article, the bad bytes replaced, with a warning naming the line; a
    // JSON line must be valid UTF-8 and is skipped.
    let warning = &r.report["warnings"][0];
    assert!(
        warning["path"].as_str().unwrap().ends_with("latin1.txt"),
        "{}",
        r.report
    );
    assert_eq!(warning["line"], 3);
    assert!(
        r.stderr.contains("latin1.txt:3: invalid UTF-8"),
        "{}",
        r.stderr
    );
    r.assert_error("mixed.jsonl", Some(2), "invalid UTF-8");
    assert_eq!(r.errors().len(), 1);
    assert_eq!(r.indexed(), 6);
    assert_eq!(case.ids("Zanzibar"), ["u1"]);
    assert_eq!(case.ids("Quagga"), ["u3"]);
    case.assert_good_documents_searchable();
}

#[test]
fn malformed_json() {
    let case = Case::new();
    let lines = [
        r#"{"id":"m1","body":"unterminated"#,
        "not json at all",
        "[1, 2, 3]",
        r#"{"id":"m4","body":"fine Okapi"}"#,
        r#"{"id":"m5","body":"trailing"} garbage"#,
    ];
    case.write("malformed.jsonl", lines.join("\n"));
    let r = case.run();
    r.assert_error("malformed.jsonl", Some(1), "malformed JSON");
    r.assert_error("malformed.jsonl", Some(2), "malformed JSON");
    r.assert_error("malformed.jsonl", Some(3), "JSON object");
    r.assert_error("malformed.jsonl", Some(5), "malformed JSON");
    assert_eq!(r.errors().len(), 4);
    assert_eq!(case.ids("Okapi"), ["m4"]);
    case.assert_good_documents_searchable();
}

#[test]
fn missing_fields_and_wrong_types() {
    let case = Case::new();
    let lines = [
        r#"{"body":"no id"}"#,
        r#"{"id":"f2","title":"no body"}"#,
        r#"{"id":5,"body":"numeric id"}"#,
        r#"{"id":"f4","body":{"text":"object"}}"#,
        r#"{"id":"f5","body":"fine Narwhal","lang":null}"#,
    ];
    case.write("fields.jsonl", lines.join("\n"));
    let r = case.run();
    r.assert_error("fields.jsonl", Some(1), "missing \"id\"");
    r.assert_error("fields.jsonl", Some(2), "missing \"body\"");
    r.assert_error("fields.jsonl", Some(3), "\"id\" must be a string");
    r.assert_error("fields.jsonl", Some(4), "\"body\" must be a string");
    assert_eq!(r.errors().len(), 4);
    assert_eq!(case.ids("Narwhal"), ["f5"]);
    case.assert_good_documents_searchable();
}

#[test]
fn unknown_language() {
    let case = Case::new();
    let lines = [
        r#"{"id":"l1","body":"x","lang":"uk"}"#,
        r#"{"id":"l2","body":"fine Wombat","lang":"RO"}"#,
        r#"{"id":"l3","body":"x","lang":""}"#,
        r#"{"id":"l4","body":"переговоры продолжатся","lang":"ru"}"#,
    ];
    case.write("langs.jsonl", lines.join("\n"));
    let r = case.run();
    r.assert_error("langs.jsonl", Some(1), "unknown language");
    r.assert_error("langs.jsonl", Some(3), "unknown language");
    assert_eq!(r.errors().len(), 2);
    assert_eq!(case.ids("Wombat"), ["l2"]);
    assert_eq!(case.ids("lang:ru переговорах"), ["l4"]);
    case.assert_good_documents_searchable();
}

#[test]
fn unparsable_published() {
    let case = Case::new();
    let lines = [
        r#"{"id":"d1","body":"x","published":"yesterday"}"#,
        r#"{"id":"d2","body":"x","published":"2025-02-30"}"#,
        r#"{"id":"d3","body":"fine Tapir","published":"2025-12-23T10:00:00+02:00"}"#,
    ];
    case.write("dates.jsonl", lines.join("\n"));
    let r = case.run();
    r.assert_error("dates.jsonl", Some(1), "unparsable \"published\"");
    r.assert_error("dates.jsonl", Some(2), "unparsable \"published\"");
    assert_eq!(r.errors().len(), 2);
    assert_eq!(case.ids("Tapir"), ["d3"]);
    assert_eq!(case.ids("Tapir date:2025-12-23"), ["d3"]);
    case.assert_good_documents_searchable();
}

/// (Was a panic in debug builds: `DateTime::from_timestamp_secs` overflowed.)
#[test]
fn published_outside_the_tantivy_date_range() {
    let case = Case::new();
    let lines = [
        r#"{"id":"e1","body":"year one: Dugong","published":"0001-01-01"}"#,
        r#"{"id":"e2","body":"fine Manatee"}"#,
    ];
    case.write("extreme.jsonl", lines.join("\n"));
    let r = case.run();
    if !r.errors().is_empty() {
        r.assert_error("extreme.jsonl", Some(1), "published");
    }
    assert_eq!(case.ids("Manatee"), ["e2"]);
    case.assert_good_documents_searchable();
}

#[test]
fn empty_files() {
    let case = Case::new();
    case.write("empty.txt", "");
    case.write("blank.txt", " \n\t\n");
    case.write("empty.jsonl", "");
    case.write("blank.jsonl", "\n\n");
    let r = case.run();
    r.assert_error("empty.txt", None, "empty file");
    r.assert_error("blank.txt", None, "empty file");
    assert_eq!(r.errors().len(), 2);
    assert_eq!(r.indexed(), 3);
    case.assert_good_documents_searchable();
}

#[test]
fn binary_files() {
    let case = Case::new();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    case.write("photo.png", png);
    case.write("photo.txt", png);
    case.write("photo.jsonl", png);
    case.write("nul.txt", "Title\nvalid UTF-8 \0 with a NUL byte");
    let r = case.run();
    r.assert_error("photo.png", None, "not a .txt or .jsonl file");
    r.assert_error("photo.txt", None, "binary file");
    r.assert_error("photo.jsonl", Some(1), "invalid UTF-8");
    // A stray NUL in text is dropped, with a warning; the article is kept.
    assert_eq!(r.report["warnings"][0]["line"], 2, "{}", r.report);
    assert_eq!(r.indexed(), 4);
    case.assert_good_documents_searchable();
}

fn big_document(bytes: usize) {
    use std::io::Write;
    let case = Case::new();
    let sentence = "The delegations met again in Istanbul on Friday and agreed to exchange prisoners before the summit. ";
    let path = case.input().join("big.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(f, "A very long report").unwrap();
    for _ in 0..bytes / sentence.len() {
        f.write_all(sentence.as_bytes()).unwrap();
    }
    writeln!(f, "\nAt the very end, a Capybara appeared.").unwrap();
    drop(f);
    let started = std::time::Instant::now();
    let r = case.run();
    eprintln!(
        "{} MB document: indexed in {:.1}s",
        bytes >> 20,
        started.elapsed().as_secs_f64()
    );
    assert!(r.errors().is_empty(), "{:?}", r.errors());
    assert_eq!(r.indexed(), 4);
    let started = std::time::Instant::now();
    let found = search(&case.index_dir(), "Capybara");
    eprintln!("searched in {:.1}s", started.elapsed().as_secs_f64());
    assert_eq!(found["total"], 1);
    assert_eq!(found["hits"][0]["id"], "big");
    case.assert_good_documents_searchable();
}

#[test]
fn large_single_document_1mb() {
    big_document(1 << 20);
}

#[test]
#[ignore = "slow in a debug build: run with --release"]
fn large_single_document_50mb() {
    big_document(50 << 20);
}

#[test]
fn one_megabyte_single_word() {
    let case = Case::new();
    case.write(
        "word.txt",
        format!("Huge word: Chinchilla\n{}\n", "x".repeat(1 << 20)),
    );
    case.write(
        "word.jsonl",
        format!(
            r#"{{"id":"w2","title":"Marmoset","body":"{}"}}"#,
            "ơ".repeat(1 << 19)
        ),
    );
    let r = case.run();
    assert!(r.errors().is_empty(), "{:?}", r.errors());
    assert_eq!(case.ids("Chinchilla"), ["word"]);
    assert_eq!(case.ids("Marmoset"), ["w2"]);
    case.assert_good_documents_searchable();
}

#[test]
fn nul_control_zero_width_and_bidi_characters() {
    let case = Case::new();
    let lines = [
        r#"{"id":"c1","body":"NUL\u0000inside and Zanzibar\u0000 after"}"#,
        r#"{"id":"c2","body":"bell \u0007 escape \u001b[31m Quagga \u007f"}"#,
        r#"{"id":"c3","body":"Ar\u00admadillo and Ta\u200dpir"}"#,
        r#"{"id":"c4","body":"bidi \u202eNarwhal\u202c and \u2066Pangolin\u2069"}"#,
    ];
    case.write("controls.jsonl", lines.join("\n"));
    case.write(
        "controls.txt",
        "Controls\u{7}\u{1b}\nDugong \u{200b}\u{202e}\u{2069} body\u{c}form feed\n",
    );
    let r = case.run();
    assert!(r.errors().is_empty(), "{:?}", r.errors());
    assert_eq!(case.ids("Zanzibar"), ["c1"]);
    assert_eq!(case.ids("Quagga"), ["c2"]);
    assert_eq!(case.ids("Armadillo"), ["c3"]);
    assert_eq!(case.ids("Tapir"), ["c3"]);
    assert_eq!(case.ids("Narwhal"), ["c4"]);
    assert_eq!(case.ids("Pangolin"), ["c4"]);
    assert_eq!(case.ids("Dugong"), ["controls"]);
    // JSON output stays valid JSON with control characters in titles and snippets.
    let found = search(&case.index_dir(), "Zanzibar");
    assert!(found["hits"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("Zanzibar"));
    case.assert_good_documents_searchable();
}

#[test]
fn byte_order_mark() {
    let case = Case::new();
    case.write(
        "bom.txt",
        "\u{FEFF}Title after a BOM\nBody about a Serval.\n",
    );
    case.write(
        "bom.jsonl",
        "\u{FEFF}{\"id\":\"b1\",\"title\":\"First line\",\"body\":\"Caracal\"}\n{\"id\":\"b2\",\"body\":\"Margay\"}\n",
    );
    let r = case.run();
    assert!(r.errors().is_empty(), "{:?}", r.errors());
    let found = search(&case.index_dir(), "Serval");
    assert_eq!(found["hits"][0]["id"], "bom");
    assert_eq!(found["hits"][0]["title"], "Title after a BOM");
    assert_eq!(case.ids("Caracal"), ["b1"]);
    assert_eq!(case.ids("Margay"), ["b2"]);
    case.assert_good_documents_searchable();
}

#[test]
fn crlf_line_ends() {
    let case = Case::new();
    case.write(
        "crlf.txt",
        "\r\nWindows title\r\nFirst body line about a Jerboa.\r\nSecond line.\r\n",
    );
    case.write(
        "crlf.jsonl",
        "{\"id\":\"r1\",\"title\":\"T1\",\"body\":\"Gerenuk\"}\r\n\r\n{\"id\":\"r2\",\"body\":\"Saiga\"}\r\n",
    );
    let r = case.run();
    assert!(r.errors().is_empty(), "{:?}", r.errors());
    let found = search(&case.index_dir(), "Jerboa");
    assert_eq!(found["hits"][0]["id"], "crlf");
    assert_eq!(found["hits"][0]["title"], "Windows title");
    assert_eq!(case.ids("Gerenuk"), ["r1"]);
    assert_eq!(case.ids("Saiga"), ["r2"]);
    case.assert_good_documents_searchable();
}

#[test]
fn files_given_directly_and_missing_paths() {
    let case = Case::new();
    let missing = case.dir.path().join("missing.jsonl");
    let good = case.input().join("good.jsonl");
    // Missing paths fail the run, after everything else was indexed.
    let r = index_failing(
        &case.index_dir(),
        &[&good, &missing, Path::new("/nonexistent/dir")],
    );
    assert!(
        r.stderr.contains("2 input paths could not be read"),
        "{}",
        r.stderr
    );
    r.assert_error("missing.jsonl", None, "cannot read");
    r.assert_error("dir", None, "cannot read");
    assert_eq!(r.indexed(), 2);
    // Indexing the same file again replaces, and the report says so.
    let again = index(&case.index_dir(), &[&good]);
    assert_eq!((again.indexed(), again.replaced()), (0, 2));
    assert_eq!(case.ids("Peskov"), ["good-en", "good-ro"]);
}
