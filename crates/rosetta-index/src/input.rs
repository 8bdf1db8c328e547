//! Reading documents from files: directories (recursively), `.txt` and `.jsonl`.
//!
//! A `.txt` file is one document: its first non-empty line is the title, the rest the body, and
//! its id is the file stem. A `.jsonl` file holds one JSON object per line with `id` and `body`
//! (strings) required and `title`, `lang` (`ro`/`en`/`ar`/`vi`/`ru`), `published` (`YYYY-MM-DD` or
//! RFC 3339), `source`, `url` optional. The path `-` is standard input, read as JSON Lines.
//!
//! Anything wrong with a file or a line becomes an [`InputError`] naming the path and line;
//! reading goes on with the next line or file. A `.txt` file with a few bad bytes (invalid UTF-8,
//! stray NUL bytes) is kept, with the bad bytes replaced by U+FFFD (NUL bytes dropped) and a
//! warning; a file that is mostly such bytes is binary and skipped.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rosetta_analysis::Language;
use serde_json::Value;

use crate::NewsDocument;

/// A file or line that could not be read as a document.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InputError {
    /// The file.
    pub path: PathBuf,
    /// The 1-based line (`.jsonl`, or where invalid UTF-8 starts in a `.txt`); `None` for the file
    /// as a whole.
    pub line: Option<usize>,
    /// What was wrong.
    pub error: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.error),
            None => write!(f, "{}: {}", self.path.display(), self.error),
        }
    }
}

/// One item read from the inputs.
#[derive(Clone, Debug)]
pub enum InputItem {
    /// A document, with where it came from.
    Document {
        /// The document.
        doc: NewsDocument,
        /// Its file.
        path: PathBuf,
        /// Its line (`.jsonl`).
        line: Option<usize>,
    },
    /// A file or line that was skipped.
    Skipped(InputError),
    /// A path that does not exist or cannot be read: skipped, but the run should fail.
    Unreadable(InputError),
    /// A document was read, but something in it was repaired (reported before the document).
    Warning(InputError),
}

/// The path that stands for standard input.
pub const STDIN_PATH: &str = "-";

/// Reads every document under `paths`, lazily (a `.jsonl` file is streamed line by line).
///
/// Directories are walked recursively in name order; in them only `.txt` and `.jsonl` files are
/// read, and any other file is reported as skipped (a stray PNG is worth a message, not a crash).
pub fn read_inputs(paths: &[PathBuf]) -> impl Iterator<Item = InputItem> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut visited = std::collections::HashSet::new();
    for path in paths {
        collect_files(path, &mut files, &mut errors, &mut visited);
    }
    errors
        .into_iter()
        .chain(files.into_iter().flat_map(read_file))
}

fn collect_files(
    path: &Path,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<InputItem>,
    visited: &mut std::collections::HashSet<PathBuf>,
) {
    if path == Path::new(STDIN_PATH) {
        files.push(path.to_path_buf());
        return;
    }
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            errors.push(InputItem::Unreadable(file_error(
                path,
                format!("cannot read: {e}"),
            )));
            return;
        }
    };
    if meta.is_dir() {
        // Each directory once, however many symlinks lead to it (a link to a parent would
        // otherwise be followed until the OS gives up).
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !visited.insert(canonical) {
            return;
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                errors.push(InputItem::Unreadable(file_error(
                    path,
                    format!("cannot list directory: {e}"),
                )));
                return;
            }
        };
        entries.sort();
        for entry in entries {
            collect_files(&entry, files, errors, visited);
        }
    } else if matches!(extension(path).as_deref(), Some("txt" | "jsonl")) {
        files.push(path.to_path_buf());
    } else {
        errors.push(InputItem::Skipped(file_error(
            path,
            "not a .txt or .jsonl file: ignored".to_string(),
        )));
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

fn file_error(path: &Path, error: String) -> InputError {
    InputError {
        path: path.to_path_buf(),
        line: None,
        error,
    }
}

fn read_file(path: PathBuf) -> Box<dyn Iterator<Item = InputItem>> {
    if path == Path::new(STDIN_PATH) {
        return Box::new(JsonlReader {
            lines: Some(
                BufReader::with_capacity(1 << 16, Box::new(std::io::stdin()) as Box<dyn Read>)
                    .split(b'\n'),
            ),
            path,
            line: 0,
        });
    }
    if extension(&path).as_deref() == Some("jsonl") {
        match File::open(&path) {
            Ok(f) => Box::new(JsonlReader {
                lines: Some(
                    BufReader::with_capacity(1 << 16, Box::new(f) as Box<dyn Read>).split(b'\n'),
                ),
                path,
                line: 0,
            }),
            Err(e) => Box::new(std::iter::once(InputItem::Unreadable(file_error(
                &path,
                format!("cannot open: {e}"),
            )))),
        }
    } else {
        Box::new(read_txt(path).into_iter())
    }
}

/// How much of a file is looked at to tell text from binary.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Whether `bytes` look like a binary file (an image, an archive) rather than text with a few
/// bad bytes: more than one in ten of the first bytes are NUL, other control characters or
/// invalid UTF-8.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    let invalid = String::from_utf8_lossy(head)
        .chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER)
        .count();
    let suspicious = controls + invalid;
    suspicious > 1 && suspicious * 10 > head.len()
}

/// The 1-based line of byte `at` in `bytes`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Decodes a text file's bytes, replacing invalid UTF-8 with U+FFFD and dropping NUL bytes; each
/// repair is a warning naming its line.
fn decode_text(path: &Path, bytes: &[u8], warnings: &mut Vec<InputItem>) -> String {
    let warn = |line: usize, error: String| {
        InputItem::Warning(InputError {
            path: path.to_path_buf(),
            line: Some(line),
            error,
        })
    };
    let mut text = String::with_capacity(bytes.len());
    let mut rest = bytes;
    let mut offset = 0;
    // (byte of the first bad sequence, number of bad sequences)
    let mut invalid: Option<(usize, usize)> = None;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                text.push(char::REPLACEMENT_CHARACTER);
                let at = offset + valid.len();
                let first = invalid.map_or(at, |(first, _)| first);
                invalid = Some((first, invalid.map_or(0, |(_, n)| n) + 1));
                let bad = e.error_len().unwrap_or(after.len());
                rest = &after[bad..];
                offset = at + bad;
            }
        }
    }
    if let Some((at, count)) = invalid {
        warnings.push(warn(
            line_of(bytes, at),
            format!("invalid UTF-8 at byte {at} ({count} in the file): replaced with U+FFFD"),
        ));
    }
    if let Some(at) = text.find('\0') {
        let count = text.matches('\0').count();
        warnings.push(warn(
            line_of(text.as_bytes(), at),
            format!("{count} NUL bytes removed"),
        ));
        text.retain(|c| c != '\0');
    }
    text
}

fn read_txt(path: PathBuf) -> Vec<InputItem> {
    let mut bytes = Vec::new();
    if let Err(e) = File::open(&path).and_then(|mut f| f.read_to_end(&mut bytes)) {
        return vec![InputItem::Unreadable(file_error(
            &path,
            format!("cannot read: {e}"),
        ))];
    }
    if looks_binary(&bytes) {
        return vec![InputItem::Skipped(file_error(
            &path,
            "binary file: ignored".into(),
        ))];
    }
    let mut items = Vec::new();
    let text = decode_text(&path, &bytes, &mut items);
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let mut lines = text.lines();
    let title = lines
        .by_ref()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let body: String = lines.collect::<Vec<_>>().join("\n").trim().to_string();
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc = NewsDocument {
        id,
        title: title.to_string(),
        body,
        ..NewsDocument::default()
    };
    let item = match doc.validate() {
        Ok(()) => InputItem::Document {
            doc,
            path,
            line: None,
        },
        Err(_) if title.is_empty() => InputItem::Skipped(file_error(&path, "empty file".into())),
        Err(e) => InputItem::Skipped(file_error(&path, e.to_string())),
    };
    if !matches!(item, InputItem::Document { .. }) {
        items.clear();
    }
    items.push(item);
    items
}

struct JsonlReader {
    /// `None` once a read error ended the file.
    lines: Option<std::io::Split<BufReader<Box<dyn Read>>>>,
    path: PathBuf,
    line: usize,
}

impl Iterator for JsonlReader {
    type Item = InputItem;

    fn next(&mut self) -> Option<InputItem> {
        loop {
            let bytes = match self.lines.as_mut()?.next()? {
                Ok(b) => b,
                Err(e) => {
                    // A read error is not recoverable for the rest of the file.
                    self.lines = None;
                    self.line += 1;
                    return Some(self.error(format!("read error: {e}")));
                }
            };
            self.line += 1;
            let text = match std::str::from_utf8(&bytes) {
                Ok(t) => t,
                Err(e) => {
                    return Some(self.error(format!("invalid UTF-8 at byte {}", e.valid_up_to())))
                }
            };
            let text = if self.line == 1 {
                text.strip_prefix('\u{FEFF}').unwrap_or(text)
            } else {
                text
            };
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            return Some(match parse_json_document(text) {
                Ok(doc) => InputItem::Document {
                    doc,
                    path: self.path.clone(),
                    line: Some(self.line),
                },
                Err(e) => self.error(e),
            });
        }
    }
}

impl JsonlReader {
    fn error(&self, error: String) -> InputItem {
        InputItem::Skipped(InputError {
            path: self.path.clone(),
            line: Some(self.line),
            error,
        })
    }
}

/// Parses one JSON object of a `.jsonl` file into a document.
pub fn parse_json_document(text: &str) -> Result<NewsDocument, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err("expected a JSON object".into());
    };
    let string = |key: &str, required: bool| -> Result<Option<String>, String> {
        match obj.get(key) {
            None | Some(Value::Null) if required => Err(format!("missing \"{key}\"")),
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(format!(
                "\"{key}\" must be a string, not {}",
                json_type(other)
            )),
        }
    };
    let id = string("id", true)?.unwrap_or_default();
    let body = string("body", true)?.unwrap_or_default();
    let lang = match string("lang", false)? {
        None => None,
        Some(code) => Some(code.parse::<Language>().map_err(|e| e.to_string())?),
    };
    let published = match string("published", false)? {
        None => None,
        Some(s) => Some(parse_date(&s).ok_or_else(|| {
            format!("unparsable \"published\" {s:?}: expected YYYY-MM-DD or RFC 3339")
        })?),
    };
    let doc = NewsDocument {
        id,
        title: string("title", false)?.unwrap_or_default(),
        body,
        lang,
        published,
        source: string("source", false)?,
        url: string("url", false)?,
    };
    doc.validate().map_err(|e| e.to_string())?;
    Ok(doc)
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses `YYYY-MM-DD` (midnight UTC) or RFC 3339 into seconds since the Unix epoch.
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(t) = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
        return Some(t.unix_timestamp());
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, format)
        .ok()
        .map(|d| d.midnight().assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_documents_are_validated_field_by_field() {
        let doc = parse_json_document(
            r#"{"id":"a1","body":"Peskov a declarat","lang":"ro","published":"2025-12-23","source":"Digi24"}"#,
        )
        .unwrap();
        assert_eq!(doc.lang, Some(Language::Romanian));
        assert_eq!(doc.published, Some(1_766_448_000));
        assert!(parse_json_document(r#"{"body":"x"}"#)
            .unwrap_err()
            .contains("missing \"id\""));
        assert!(parse_json_document(r#"{"id":1,"body":"x"}"#)
            .unwrap_err()
            .contains("must be a string"));
        let doc = parse_json_document(r#"{"id":"a","body":"Песков заявил","lang":"ru"}"#).unwrap();
        assert_eq!(doc.lang, Some(Language::Russian));
        assert!(parse_json_document(r#"{"id":"a","body":"x","lang":"uk"}"#)
            .unwrap_err()
            .contains("unknown language"));
        assert!(
            parse_json_document(r#"{"id":"a","body":"x","published":"yesterday"}"#)
                .unwrap_err()
                .contains("unparsable")
        );
        assert!(parse_json_document(r#"{"id":"a","body":"#)
            .unwrap_err()
            .contains("malformed JSON"));
        assert!(parse_json_document(r#"[1,2]"#)
            .unwrap_err()
            .contains("object"));
    }

    #[test]
    fn dates_in_both_formats() {
        assert_eq!(parse_date("1970-01-02"), Some(86_400));
        assert_eq!(parse_date("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_date("2025-13-01"), None);
    }
}
