//! The query language: words (all must match), `"phrases"`, `-excluded` words and phrases, and
//! filters `lang:ro`, `source:reuters`, `after:2025-01-01`, `before:2025-12-31`,
//! `date:2025-01-01..2025-12-31`.
//!
//! Parsing never fails on text: an unbalanced quote runs to the end of the query, brackets and
//! other punctuation are ignored by analysis, and an unknown `field:` prefix is searched as words.
//! Only a filter value that cannot be understood (an unknown language, a bad date) is an error.

use rosetta_analysis::Language;

use crate::input::parse_date;
use crate::{Error, Result};

/// Queries longer than this (in bytes) are cut, and the results say so
/// ([`crate::SearchResults::truncated`]): nobody types more, and analysis of each query word is
/// repeated per language.
pub const MAX_QUERY_BYTES: usize = 4096;

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Free words, in order (joined with spaces), each of which must match.
    pub words: String,
    /// Phrases that must match.
    pub phrases: Vec<String>,
    /// Words and phrases that must not match.
    pub excluded: Vec<String>,
    /// Filters.
    pub filters: Filters,
    /// Whether the query was longer than [`MAX_QUERY_BYTES`] and only its start was parsed.
    pub truncated: bool,
}

/// Restrictions on which documents can match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only documents in this language.
    pub lang: Option<Language>,
    /// Only documents from this source (case-insensitive).
    pub source: Option<String>,
    /// Only documents published at or after this time (seconds since the epoch).
    pub published_from: Option<i64>,
    /// Only documents published before this time (seconds since the epoch).
    pub published_until: Option<i64>,
}

impl ParsedQuery {
    /// Whether the query has nothing to match on (no words, phrases or filters).
    pub fn is_empty(&self) -> bool {
        self.words.trim().is_empty()
            && self.phrases.is_empty()
            && self.filters == Filters::default()
    }
}

/// Parses a query string; see the module docs for the syntax.
pub fn parse_query(query: &str) -> Result<ParsedQuery> {
    let cut = crate::document::truncate(query, MAX_QUERY_BYTES);
    let mut parsed = ParsedQuery {
        truncated: cut.len() < query.len(),
        ..ParsedQuery::default()
    };
    let query = cut;
    let mut rest = query;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let negated = rest.starts_with('-') && rest.len() > 1;
        let body = if negated { &rest[1..] } else { rest };
        if let Some(inner) = body.strip_prefix('"') {
            let (phrase, after) = match inner.find('"') {
                Some(end) => (&inner[..end], &inner[end + 1..]),
                None => (inner, ""),
            };
            if !phrase.trim().is_empty() {
                if negated {
                    parsed.excluded.push(phrase.to_string());
                } else {
                    parsed.phrases.push(phrase.to_string());
                }
            }
            rest = after;
            continue;
        }
        let end = body.find(char::is_whitespace).unwrap_or(body.len());
        let word = &body[..end];
        rest = &body[end..];
        if negated {
            parsed.excluded.push(word.to_string());
        } else if !apply_filter(word, &mut parsed.filters)? {
            if !parsed.words.is_empty() {
                parsed.words.push(' ');
            }
            parsed.words.push_str(&unknown_field_as_words(word));
        }
    }
    Ok(parsed)
}

/// `title:Kremlin` (a field Rosetta does not have) is searched as its words: UAX #29 would keep
/// it one word, since `:` joins letters.
fn unknown_field_as_words(word: &str) -> std::borrow::Cow<'_, str> {
    match word.split_once(':') {
        Some((key, _)) if !key.is_empty() && key.chars().all(char::is_alphabetic) => {
            word.replacen(':', " ", 1).into()
        }
        _ => word.into(),
    }
}

/// Applies `key:value` if `word` is a known filter; `Ok(false)` if it is not a filter at all.
fn apply_filter(word: &str, filters: &mut Filters) -> Result<bool> {
    let Some((key, value)) = word.split_once(':') else {
        return Ok(false);
    };
    let date = |v: &str| {
        parse_date(v).ok_or_else(|| {
            Error::InvalidQuery(format!(
                "{key}:{v}: expected a date as YYYY-MM-DD or RFC 3339"
            ))
        })
    };
    match key.to_ascii_lowercase().as_str() {
        "lang" => {
            filters.lang = Some(
                value
                    .parse()
                    .map_err(|e: rosetta_analysis::UnknownLanguage| {
                        Error::InvalidQuery(e.to_string())
                    })?,
            )
        }
        "source" if !value.is_empty() => filters.source = Some(value.to_lowercase()),
        "after" | "since" => filters.published_from = Some(date(value)?),
        "before" | "until" => filters.published_until = Some(date(value)?),
        "date" => {
            let (from, to) = value.split_once("..").unwrap_or((value, value));
            if !from.is_empty() {
                filters.published_from = Some(date(from)?);
            }
            if !to.is_empty() {
                // A bare day includes the whole day.
                let end = date(to)?;
                filters.published_until = Some(if to.len() == 10 { end + 86_400 } else { end });
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_exclusions_and_filters() {
        let q =
            parse_query(r#"Peskov "hội nghị" -Zelensky lang:ro source:Reuters after:2025-01-01"#)
                .unwrap();
        assert_eq!(q.words, "Peskov");
        assert_eq!(q.phrases, ["hội nghị"]);
        assert_eq!(q.excluded, ["Zelensky"]);
        assert_eq!(q.filters.lang, Some(Language::Romanian));
        assert_eq!(q.filters.source.as_deref(), Some("reuters"));
        assert_eq!(q.filters.published_from, Some(1_735_689_600));
    }

    #[test]
    fn hostile_input_parses_or_fails_clearly() {
        assert!(parse_query("").unwrap().is_empty());
        assert_eq!(
            parse_query(r#""unbalanced phrase"#).unwrap().phrases,
            ["unbalanced phrase"]
        );
        assert_eq!(parse_query("((((a))))").unwrap().words, "((((a))))");
        assert_eq!(parse_query("title:Kremlin").unwrap().words, "title Kremlin");
        assert!(matches!(
            parse_query("after:yesterday"),
            Err(Error::InvalidQuery(_))
        ));
        assert!(matches!(
            parse_query("lang:xx"),
            Err(Error::InvalidQuery(_))
        ));
        assert_eq!(
            parse_query("date:2025-01-01..")
                .unwrap()
                .filters
                .published_until,
            None
        );
        let long = "Peskov ".repeat(20_000);
        let parsed = parse_query(&long).unwrap();
        assert!(parsed.words.len() <= MAX_QUERY_BYTES);
        assert!(parsed.truncated);
        assert!(!parse_query("Peskov").unwrap().truncated);
    }
}
