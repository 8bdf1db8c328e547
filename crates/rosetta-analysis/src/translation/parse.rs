//! Reading lexicon files: the compiled one (index terms already) and users' (text, analyzed).

use std::fmt;

use rustc_hash::FxHashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::{Cell, Layer};

/// A user file's entries by key.
pub(crate) type UserEntries = FxHashMap<String, Vec<(Language, f32, String)>>;
use crate::{Analyzer, Language, TermKind};

/// An error in a lexicon file: the 1-based line and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    /// The source the line came from (a file path, or the name given).
    pub source: String,
    /// 1-based line number (0 when the file could not be read at all).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.source, self.message)
        } else {
            write!(f, "{}: line {}: {}", self.source, self.line, self.message)
        }
    }
}

impl std::error::Error for LexiconError {}

/// Language-neutral words with each Cyrillic word replaced by its Russian Snowball stem.
pub(crate) fn russian_key(words: &str) -> String {
    let stemmer = Stemmer::create(Algorithm::Russian);
    let mut key = String::with_capacity(words.len());
    for (i, w) in words.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            key.push(' ');
        }
        if w.chars()
            .any(|c| crate::Script::of(c) == crate::Script::Cyrillic)
        {
            key.push_str(&stemmer.stem(w));
        } else {
            key.push_str(w);
        }
    }
    key
}

/// The compiled file as a layer: its entry lines, which the script sorted by key, follow a header
/// of `#` comments.
pub(super) fn compiled(text: &'static str) -> Layer {
    let mut first = 0;
    for line in text.split_inclusive('\n') {
        if !line.starts_with('#') && line.contains('\t') {
            break;
        }
        first += line.len();
    }
    // The first entry's language and tab; a file of no entries matches no key.
    let source = text[first..]
        .find('\t')
        .map_or("\n", |tab| &text[first..first + tab + 1]);
    Layer::Compiled {
        text,
        first,
        source,
    }
}

/// The start of the line after the one holding byte `at` (`text.len()` at the end).
fn next_line(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .map_or(text.len(), |i| at + i + 1)
}

/// The start of the first line at or after byte `at`, which may be a line's start.
fn line_start_from(text: &str, first: usize, at: usize) -> usize {
    if at <= first {
        first
    } else {
        next_line(text, at - 1)
    }
}

/// The start of the first entry line (from `first`) whose key is not below `key`: a binary
/// search over the text's bytes, each probe moved to the next line start, so that no table of
/// line offsets is built (making one was a fifth of a one-word search's process time).
fn lower_bound(text: &str, first: usize, key: &str) -> usize {
    // Every line starting before `lo` has a smaller key; every line starting at or after `hi`
    // has a key not below `key`; `lo` is a line start.
    let (mut lo, mut hi) = (first, text.len());
    while lo < hi {
        let probe = line_start_from(text, first, lo + (hi - lo) / 2);
        let at = if probe < hi { probe } else { lo };
        if key_at(text, at as u32) < key {
            lo = next_line(text, at);
        } else {
            hi = at;
        }
    }
    lo
}

/// The entry lines from `at` on, with their starts.
pub(super) fn entry_lines(text: &str, at: usize) -> impl Iterator<Item = u32> + '_ {
    let mut at = at;
    std::iter::from_fn(move || {
        while at < text.len() {
            let line = at;
            at = next_line(text, at);
            if text[line..at].contains('\t') {
                return Some(line as u32);
            }
        }
        None
    })
}

/// The key of the compiled line at `at`: its first two fields (`SRC<TAB>TERMS`). Read without
/// scanning the rest of the line, which can be long: lookups compare keys a dozen times each.
fn key_at(text: &str, at: u32) -> &str {
    let rest = text.get(at as usize..).unwrap_or_default();
    let mut tabs = 0;
    for (i, &b) in rest.as_bytes().iter().enumerate() {
        if b == b'\n' || (b == b'\t' && tabs == 1) {
            return &rest[..i];
        }
        if b == b'\t' {
            tabs += 1;
        }
    }
    rest
}

/// The key of the compiled line at `at` (see [`key_at`]) and the rest of the line.
fn line_at(text: &str, at: u32) -> (&str, &str) {
    let key = key_at(text, at);
    let rest = &text[at as usize + key.len()..];
    let cells = rest
        .strip_prefix('\t')
        .map_or("", |cells| cells.split('\n').next().unwrap_or_default());
    (key, cells)
}

/// Adds the cells of the compiled lines for `key`. A Russian word is found by its form as given
/// and, since Snowball does not stem a word and its inflections alike (`саммит` -> `самм`,
/// `саммита` -> `саммит`), by any entry sharing its stem or equal to it.
pub(super) fn compiled_cells<'a>(text: &'a str, first: usize, key: &str, out: &mut Vec<Cell<'a>>) {
    let mut matched: Vec<u32> = entry_lines(text, lower_bound(text, first, key))
        .take_while(|&at| key_at(text, at) == key)
        .collect();
    if let Some(words) = key.strip_prefix("ru\t").filter(|w| !w.contains(' ')) {
        let stem = russian_key(words);
        let prefix = format!("ru\t{stem}");
        let from = lower_bound(text, first, &prefix);
        for at in entry_lines(text, from)
            .take_while(|&at| key_at(text, at).starts_with(prefix.as_str()))
            .take(64)
        {
            let entry = &key_at(text, at)[3..];
            if !matched.contains(&at) && (entry == stem || russian_key(entry) == stem) {
                matched.push(at);
            }
        }
    }
    for at in matched {
        for cell in line_at(text, at).1.split('\t') {
            let Some((lang, rest)) = cell.split_once(':') else {
                continue;
            };
            let Some((terms, weight)) = rest.rsplit_once(':') else {
                continue;
            };
            let (Some(lang), Ok(weight)) = (Language::from_code(lang), weight.parse::<u8>()) else {
                continue;
            };
            out.push(Cell {
                lang,
                weight: f32::from(weight.min(100)) / 100.0,
                terms,
            });
        }
    }
}

/// The forms of `text` in `lang`: how a query looks it up (its terms, one per word) and what a
/// document must hold (terms with `*` for stopwords' positions); `None` when nothing is left.
/// The same rules as `build_lexicon.py`'s `analyze`.
pub(crate) fn forms(
    analyzer: &Analyzer,
    text: &str,
    lang: Option<Language>,
) -> Option<(String, String)> {
    let Some(l) = lang else {
        let a = analyzer.analyze_query(text, None);
        let words: Vec<&str> = a
            .tokens
            .iter()
            .filter(|t| t.kind == TermKind::Word)
            .map(|t| t.term.as_str())
            .collect();
        return (!words.is_empty()).then(|| (words.join(" "), words.join(" ")));
    };
    let a = analyzer.analyze(text, Some(l));
    if l == Language::Vietnamese {
        let of_kind = |kind: TermKind, w: &crate::WordSpan| {
            a.tokens
                .iter()
                .find(|t| t.kind == kind && t.start == w.start && t.end == w.end)
        };
        let key: Vec<&str> = a
            .words
            .iter()
            .filter_map(|w| of_kind(TermKind::Compound, w).or_else(|| of_kind(TermKind::Word, w)))
            .map(|t| t.term.as_str())
            .collect();
        if key.is_empty() {
            return None;
        }
        let compounds: Vec<_> = a
            .tokens
            .iter()
            .filter(|t| t.kind == TermKind::Compound)
            .collect();
        let target = if a.words.len() == 1 && compounds.len() == 1 {
            compounds[0].term.clone()
        } else {
            with_gaps(a.tokens.iter().filter(|t| t.kind == TermKind::Word))
        };
        return Some((key.join(" "), target));
    }
    let stems: Vec<_> = a
        .tokens
        .iter()
        .filter(|t| t.kind == TermKind::Stem)
        .collect();
    if stems.is_empty() || stems.len() * 2 < a.words.len() {
        return None;
    }
    let target = with_gaps(stems.iter().copied());
    Some((target.replace(" *", ""), target))
}

/// Terms by position, `*` where a stopword's position is skipped.
fn with_gaps<'a>(tokens: impl Iterator<Item = &'a crate::Token>) -> String {
    let mut out = String::new();
    let mut previous: Option<u32> = None;
    for t in tokens {
        match previous {
            Some(p) if t.position <= p => continue,
            Some(p) => {
                for _ in p + 1..t.position {
                    out.push_str(" *");
                }
                out.push(' ');
            }
            None => {}
        }
        out.push_str(&t.term);
        previous = Some(t.position);
    }
    out
}

/// Adds the pairs of a user file (see the module docs).
pub(super) fn add_text(
    entries: &mut UserEntries,
    analyzer: &Analyzer,
    source: &str,
    text: &str,
) -> Result<(), LexiconError> {
    for (n, line) in text.lines().enumerate() {
        let error = |message: String| LexiconError {
            source: source.to_string(),
            line: n + 1,
            message,
        };
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if !(4..=5).contains(&fields.len()) {
            return Err(error(format!(
                "expected 4 or 5 tab-separated fields (SRC_LANG, TEXT, TARGET_LANG, TEXT, \
                 optional WEIGHT), found {}",
                fields.len()
            )));
        }
        let src = match fields[0].trim() {
            "ru" => None,
            code => Some(Language::from_code(code).ok_or_else(|| {
                error(format!(
                    "unknown source language {code:?}: expected ro, en, ar, vi or ru"
                ))
            })?),
        };
        let tgt = Language::from_code(fields[2]).ok_or_else(|| {
            error(format!(
                "unknown target language {:?}: expected ro, en, ar, vi or ru",
                fields[2]
            ))
        })?;
        let weight = match fields.get(4) {
            None => 1.0,
            Some(w) => match w.trim().parse::<f32>() {
                Ok(w) if w > 0.0 && w <= 1.0 => w,
                _ => return Err(error(format!("weight {w:?} is not a number in (0, 1]"))),
            },
        };
        let (key, _) = forms(analyzer, fields[1], src).ok_or_else(|| {
            error(format!(
                "{:?} has no indexed word (only stopwords?)",
                fields[1]
            ))
        })?;
        if key.split(' ').count() > 2 {
            return Err(error(format!(
                "{:?}: a source of more than two words is never looked up",
                fields[1]
            )));
        }
        let (_, target) = forms(analyzer, fields[3], Some(tgt)).ok_or_else(|| {
            error(format!(
                "{:?} has no indexed word (only stopwords?)",
                fields[3]
            ))
        })?;
        let code = src.map_or("ru", Language::code);
        if src.is_none() {
            let stemmed = russian_key(&key);
            if stemmed != key {
                entries.entry(format!("ru\t{stemmed}")).or_default().push((
                    tgt,
                    weight,
                    target.clone(),
                ));
            }
        }
        entries
            .entry(format!("{code}\t{key}"))
            .or_default()
            .push((tgt, weight, target));
    }
    Ok(())
}

/// `entries` as text, one cell a line (`SRC<TAB>TERMS<TAB>TARGET_LANG<TAB>WEIGHT<TAB>TERMS`, keys
/// in order), for [`user_entries_from_text`]. Writes `news.analyzed.tsv` (in a test).
#[cfg(test)]
pub(super) fn user_entries_text(entries: &UserEntries) -> String {
    let mut keys: Vec<&String> = entries.keys().collect();
    keys.sort();
    let mut out = String::new();
    for key in keys {
        for (lang, weight, terms) in &entries[key] {
            out.push_str(&format!("{key}\t{lang}\t{weight}\t{terms}\n"));
        }
    }
    out
}

/// The entries written by [`user_entries_text`]; lines that do not parse (and `#` comments) are
/// skipped.
pub(super) fn user_entries_from_text(text: &str) -> UserEntries {
    let mut entries = UserEntries::default();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.splitn(5, '\t');
        let (Some(src), Some(key), Some(lang), Some(weight), Some(terms)) = (
            cols.next(),
            cols.next(),
            cols.next().and_then(Language::from_code),
            cols.next().and_then(|w| w.parse::<f32>().ok()),
            cols.next(),
        ) else {
            continue;
        };
        entries
            .entry(format!("{src}\t{key}"))
            .or_default()
            .push((lang, weight, terms.to_string()));
    }
    entries
}
