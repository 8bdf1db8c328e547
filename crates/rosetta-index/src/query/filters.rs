//! Filters: which documents a query may match at all, whatever its words.

use rosetta_analysis::{Language, UNDETERMINED};

use crate::input::parse_date;
use crate::{Error, Result};

/// The `key:` of every filter.
pub(crate) const FILTER_KEYS: [&str; 7] = [
    "lang", "source", "after", "since", "before", "until", "date",
];

/// Restrictions on which documents can match. Repeated values of one kind combine as OR.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only documents in one of these languages (`None`: in none of the supported ones, `und`);
    /// empty: any.
    pub langs: Vec<Option<Language>>,
    /// Never documents in these languages.
    pub excluded_langs: Vec<Option<Language>>,
    /// Only documents from one of these sources (lower-cased); empty: any.
    pub sources: Vec<String>,
    /// Never documents from these sources (lower-cased).
    pub excluded_sources: Vec<String>,
    /// Only documents published at or after this time (seconds since the epoch).
    pub published_from: Option<i64>,
    /// Only documents published before this time (seconds since the epoch).
    pub published_until: Option<i64>,
}

impl Filters {
    /// Applies `key:value` (`-key:value` when `negated`), found at `position` of the query.
    pub(crate) fn apply(
        &mut self,
        key: &str,
        value: &str,
        negated: bool,
        position: usize,
    ) -> Result<()> {
        let invalid = |why: String| {
            Error::InvalidQuery(format!("{key}:{value} at position {position}: {why}"))
        };
        let date = |v: &str| {
            parse_date(v).ok_or_else(|| invalid("expected a date as YYYY-MM-DD or RFC 3339".into()))
        };
        if value.is_empty() {
            return Err(invalid("a filter needs a value".into()));
        }
        match key {
            "lang" => {
                let lang = if value.eq_ignore_ascii_case(UNDETERMINED) {
                    None
                } else {
                    Some(
                        value
                            .parse::<Language>()
                            .map_err(|e| invalid(format!("{e} (or und)")))?,
                    )
                };
                let list = if negated {
                    &mut self.excluded_langs
                } else {
                    &mut self.langs
                };
                if !list.contains(&lang) {
                    list.push(lang);
                }
            }
            "source" => {
                let list = if negated {
                    &mut self.excluded_sources
                } else {
                    &mut self.sources
                };
                let source = value.to_lowercase();
                if !list.contains(&source) {
                    list.push(source);
                }
            }
            _ if negated => {
                return Err(invalid(
                    "a date range cannot be negated; use before: or after:".into(),
                ))
            }
            "after" | "since" => self.published_from = Some(date(value)?),
            "before" | "until" => self.published_until = Some(date(value)?),
            "date" => {
                let (from, to) = value.split_once("..").unwrap_or((value, value));
                if !from.is_empty() {
                    self.published_from = Some(date(from)?);
                }
                if !to.is_empty() {
                    // A bare day includes the whole day.
                    let end = date(to)?;
                    self.published_until = Some(if to.len() == 10 { end + 86_400 } else { end });
                }
            }
            _ => return Err(invalid("unknown filter".into())),
        }
        Ok(())
    }
}
