//! Cursors for deep paging: where a hit stands in the sort order, as text.
//!
//! A cursor names a hit's place: its sort value (score or publication date), then what breaks
//! ties. For dates that is the document id, which never changes, so the next page starts right
//! after the cursor whatever was added, deleted or merged meanwhile. For relevance it is the
//! document's address (as tantivy orders equal scores): scores move with every document added, so
//! a relevance cursor holds while the index stays as it was.

use std::cmp::Ordering;
use std::fmt;

use super::request::Sort;
use crate::{Error, Result};

/// What orders hits of equal sort value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TieBreak {
    /// The document id (date sorts).
    Id(String),
    /// The segment (by id) and the document in it (relevance).
    Address { segment: String, doc: u32 },
}

/// A hit's place in the sort order: smaller comes first.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cursor {
    sort: Sort,
    /// The sort value, arranged so that smaller comes first (see [`Cursor::rank`]).
    pub(crate) rank: f64,
    /// What breaks ties.
    pub(crate) tie: TieBreak,
}

impl Cursor {
    /// The rank of a hit with `score` and publication `date` (seconds) under `sort`.
    pub(crate) fn rank(sort: Sort, score: f32, date: Option<i64>) -> f64 {
        match (sort, date) {
            (Sort::Relevance, _) => -f64::from(score),
            // Dates (within ±2^53 seconds) are exact as f64; undated documents come last.
            (Sort::Newest, Some(d)) => -(d as f64),
            (Sort::Oldest, Some(d)) => d as f64,
            (_, None) => f64::INFINITY,
        }
    }

    /// The cursor of a hit with `rank` and tie-breaker `tie` under `sort`.
    pub(crate) fn new(sort: Sort, rank: f64, tie: TieBreak) -> Self {
        Cursor { sort, rank, tie }
    }

    /// Reads a cursor made by [`Cursor::to_string`] for a search sorted by `sort`.
    pub(crate) fn parse(text: &str, sort: Sort) -> Result<Self> {
        let invalid = || Error::InvalidQuery(format!("not a cursor of this search: {text:?}"));
        let mut parts = text.splitn(3, ':');
        let (Some(kind), Some(bits), Some(rest)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid());
        };
        if kind != sort_code(sort) {
            return Err(invalid());
        }
        let rank = f64::from_bits(u64::from_str_radix(bits, 16).map_err(|_| invalid())?);
        let tie = match sort {
            Sort::Relevance => {
                let (segment, doc) = rest.split_once(':').ok_or_else(invalid)?;
                TieBreak::Address {
                    segment: segment.to_string(),
                    doc: doc.parse().map_err(|_| invalid())?,
                }
            }
            _ => TieBreak::Id(rest.to_string()),
        };
        Ok(Cursor { sort, rank, tie })
    }

    /// Whether a hit of `rank` comes after this cursor; `tie` compares the hit's tie-breaker with
    /// the cursor's (asked only when the ranks are equal).
    pub(crate) fn is_before(&self, rank: f64, tie: impl FnOnce(&TieBreak) -> Ordering) -> bool {
        match self.rank.total_cmp(&rank) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => tie(&self.tie) == Ordering::Less,
        }
    }
}

fn sort_code(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "r",
        Sort::Newest => "n",
        Sort::Oldest => "o",
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{:x}:", sort_code(self.sort), self.rank.to_bits())?;
        match &self.tie {
            TieBreak::Id(id) => f.write_str(id),
            TieBreak::Address { segment, doc } => write!(f, "{segment}:{doc}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_order() {
        let rank = Cursor::rank(Sort::Newest, 0.0, Some(1_700_000_000));
        let c = Cursor::new(Sort::Newest, rank, TieBreak::Id("a:b".into()));
        assert_eq!(Cursor::parse(&c.to_string(), Sort::Newest).unwrap(), c);
        assert!(Cursor::parse(&c.to_string(), Sort::Oldest).is_err());
        assert!(Cursor::parse("garbage", Sort::Newest).is_err());
        let by_id = |id: &str| {
            let id = id.to_string();
            move |tie: &TieBreak| match tie {
                TieBreak::Id(cursor) => cursor.cmp(&id),
                TieBreak::Address { .. } => Ordering::Equal,
            }
        };
        // Newer first, then by id; undated last.
        let newer = Cursor::rank(Sort::Newest, 0.0, Some(1_800_000_000));
        assert!(!c.is_before(newer, by_id("z")));
        let older = Cursor::rank(Sort::Newest, 0.0, Some(1_600_000_000));
        assert!(c.is_before(older, by_id("a")));
        assert!(c.is_before(c.rank, by_id("a:c")));
        assert!(!c.is_before(c.rank, by_id("a:a")));
        assert!(c.is_before(Cursor::rank(Sort::Newest, 0.0, None), by_id("a")));
        let r = Cursor::new(
            Sort::Relevance,
            Cursor::rank(Sort::Relevance, 2.5, None),
            TieBreak::Address {
                segment: "abc".into(),
                doc: 7,
            },
        );
        assert_eq!(Cursor::parse(&r.to_string(), Sort::Relevance).unwrap(), r);
    }
}
