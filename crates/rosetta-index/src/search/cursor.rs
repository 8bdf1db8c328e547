//! Cursors for deep paging: where a hit stands in the sort order, as text.
//!
//! Every hit has a unique place in the order: its sort value (score or publication date), then
//! its id. A cursor names that place, so the next page starts right after it whatever was added,
//! deleted or merged meanwhile (scores can move when documents are added; dates and ids cannot).

use std::cmp::Ordering;
use std::fmt;

use super::request::Sort;
use crate::{Error, Result};

/// A hit's place in the sort order: smaller comes first.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cursor {
    sort: Sort,
    /// The sort value, arranged so that smaller comes first (see [`Cursor::rank`]).
    pub(crate) rank: f64,
    /// The document id, which breaks ties.
    pub(crate) id: String,
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

    /// The cursor of a hit sorted by relevance.
    pub(crate) fn of_score(score: f32, id: String) -> Self {
        Cursor {
            sort: Sort::Relevance,
            rank: Cursor::rank(Sort::Relevance, score, None),
            id,
        }
    }

    /// The cursor of a hit with `rank` and `id` under `sort`.
    pub(crate) fn new(sort: Sort, rank: f64, id: String) -> Self {
        Cursor { sort, rank, id }
    }

    /// Reads a cursor made by [`Cursor::to_string`] for a search sorted by `sort`.
    pub(crate) fn parse(text: &str, sort: Sort) -> Result<Self> {
        let invalid = || Error::InvalidQuery(format!("not a cursor of this search: {text:?}"));
        let mut parts = text.splitn(3, ':');
        let (Some(kind), Some(bits), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(invalid());
        };
        if kind != sort_code(sort) {
            return Err(invalid());
        }
        let rank = u64::from_str_radix(bits, 16).map_err(|_| invalid())?;
        Ok(Cursor {
            sort,
            rank: f64::from_bits(rank),
            id: id.to_string(),
        })
    }

    /// Whether a hit of `rank` comes after this cursor, given its id (asked only on a tie).
    pub(crate) fn is_before(&self, rank: f64, id: impl FnOnce() -> String) -> bool {
        match self.rank.total_cmp(&rank) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => self.id < id(),
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
        write!(
            f,
            "{}:{:x}:{}",
            sort_code(self.sort),
            self.rank.to_bits(),
            self.id
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_order() {
        let c = Cursor::new(
            Sort::Newest,
            Cursor::rank(Sort::Newest, 0.0, Some(1_700_000_000)),
            "a:b".into(),
        );
        let parsed = Cursor::parse(&c.to_string(), Sort::Newest).unwrap();
        assert_eq!(parsed, c);
        assert!(Cursor::parse(&c.to_string(), Sort::Oldest).is_err());
        assert!(Cursor::parse("garbage", Sort::Newest).is_err());
        // Newer first, then by id; undated last.
        assert!(
            !c.is_before(Cursor::rank(Sort::Newest, 0.0, Some(1_800_000_000)), || "z"
                .into())
        );
        assert!(
            c.is_before(Cursor::rank(Sort::Newest, 0.0, Some(1_600_000_000)), || "a"
                .into())
        );
        assert!(c.is_before(c.rank, || "a:c".into()));
        assert!(!c.is_before(c.rank, || "a:a".into()));
        assert!(c.is_before(Cursor::rank(Sort::Newest, 0.0, None), || "a".into()));
    }
}
