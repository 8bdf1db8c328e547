//! What a search asks for and what it returns.

use rosetta_analysis::Language;

use crate::snippet::Snippet;

/// A search: the query string plus options.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    /// The query (see [`crate::query`] for the syntax).
    pub query: String,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip before those returned (for paging; [`SearchRequest::after`] goes deeper
    /// faster and is stable while documents are added).
    pub offset: usize,
    /// Only documents in this language (as the `lang:` filter).
    pub lang: Option<Language>,
    /// Whether to build snippets.
    pub snippets: bool,
    /// The markup put around each match in [`Hit::snippet`] (`<b>` and `</b>` by default).
    pub highlight_tags: (String, String),
    /// The order of the hits.
    pub sort: Sort,
    /// Only hits after this one in the sort order: the [`SearchResults::next_cursor`] of the
    /// previous page.
    pub after: Option<String>,
    /// Whether documents matching only some words follow the full matches when there are too few
    /// of those; `None` (the default): when the query uses no operators and is sorted by
    /// relevance.
    pub relaxed: Option<bool>,
    /// Counts over every matching document (not only the hits returned).
    pub facets: Vec<Facet>,
    /// How many sources [`Facet::Source`] counts, the largest first.
    pub facet_size: usize,
    /// Counts of matching documents per period of publication.
    pub histogram: Option<Interval>,
    /// Whether query words also match their translations (see [`SearchRequest::lexicon`]).
    pub lexicon: bool,
    /// For [`crate::NewsIndex::similar`]: whether near-duplicates in one language (the same
    /// story republished by several outlets) are one hit, the earliest, listing the others in
    /// [`Hit::duplicates`].
    pub collapse: bool,
}

impl SearchRequest {
    /// A request for the top 10 hits of `query`, with snippets.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
            lang: None,
            snippets: true,
            highlight_tags: ("<b>".into(), "</b>".into()),
            sort: Sort::Relevance,
            after: None,
            relaxed: None,
            facets: Vec::new(),
            facet_size: 10,
            histogram: None,
            lexicon: true,
            collapse: false,
        }
    }

    /// Sets the number of hits.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Skips the first `offset` hits.
    pub fn offset(mut self, offset: usize) -> Self {
        self.offset = offset;
        self
    }

    /// Restricts to documents in `lang`.
    pub fn lang(mut self, lang: Language) -> Self {
        self.lang = Some(lang);
        self
    }

    /// Sets the order of the hits.
    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort = sort;
        self
    }

    /// Continues after the hit whose cursor this is (see [`SearchResults::next_cursor`]).
    pub fn after(mut self, cursor: impl Into<String>) -> Self {
        self.after = Some(cursor.into());
        self
    }

    /// Asks for counts by language and source.
    pub fn facets(mut self, facets: &[Facet]) -> Self {
        self.facets = facets.to_vec();
        self
    }

    /// Whether query words also match their translations in the other languages, through the
    /// index's translation lexicon (on by default): `summit` then finds `întâlnire la nivel
    /// înalt`, `قمة` and `hội nghị thượng đỉnh`, ranked below documents with the words as typed.
    pub fn lexicon(mut self, on: bool) -> Self {
        self.lexicon = on;
        self
    }

    /// For [`crate::NewsIndex::similar`]: folds near-duplicates into one hit (see
    /// [`SearchRequest::collapse`]).
    pub fn collapse(mut self, on: bool) -> Self {
        self.collapse = on;
        self
    }

    /// Asks for counts per period of publication.
    pub fn histogram(mut self, interval: Interval) -> Self {
        self.histogram = Some(interval);
        self
    }

    /// Sets the markup around each match in [`Hit::snippet`], e.g. `<mark>` and `</mark>`. It is
    /// inserted as given; the text around it is always HTML-escaped.
    pub fn highlight_tags(mut self, open: impl Into<String>, close: impl Into<String>) -> Self {
        self.highlight_tags = (open.into(), close.into());
        self
    }
}

/// The order of hits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Latest publication first; documents without a date last.
    Newest,
    /// Earliest publication first; documents without a date last.
    Oldest,
}

impl std::str::FromStr for Sort {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "relevance" => Ok(Sort::Relevance),
            "newest" | "date" => Ok(Sort::Newest),
            "oldest" => Ok(Sort::Oldest),
            _ => Err(format!("unknown sort {s:?}: relevance, newest or oldest")),
        }
    }
}

/// What [`SearchResults::facets`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    /// Documents per language code.
    Lang,
    /// Documents per source (the [`SearchRequest::facet_size`] largest).
    Source,
}

impl std::str::FromStr for Facet {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "lang" => Ok(Facet::Lang),
            "source" => Ok(Facet::Source),
            _ => Err(format!("unknown facet {s:?}: lang or source")),
        }
    }
}

/// The period of a date histogram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    /// Calendar days (UTC).
    Day,
    /// Weeks from Monday (UTC).
    Week,
    /// Calendar months (UTC).
    Month,
}

impl std::str::FromStr for Interval {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "day" => Ok(Interval::Day),
            "week" => Ok(Interval::Week),
            "month" => Ok(Interval::Month),
            _ => Err(format!("unknown interval {s:?}: day, week or month")),
        }
    }
}

/// One hit.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Relevance score (higher is better).
    pub score: f32,
    /// Whether the document matches the whole query; `false` for a relaxed match (some of the
    /// words only, see [`SearchRequest::relaxed`]), ranked after every full match.
    pub full_match: bool,
    /// For [`crate::NewsIndex::similar`]: the terms of the given document this one shares
    /// (entity keys such as `g:kremlin` or `p:peskov`, numbers, words or their translations
    /// into this document's language), the strongest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared: Vec<String>,
    /// For [`crate::NewsIndex::similar`] with [`SearchRequest::collapse`]: the ids of the
    /// near-duplicates of this hit (the same story republished in its language) folded into it;
    /// this hit is the earliest published of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<String>,
    /// Language code of the document (`und` when in none of the languages).
    pub lang: String,
    /// Title (plain text, not escaped).
    pub title: String,
    /// A passage of the body (or title) as HTML: the text escaped, each match between the
    /// request's [`SearchRequest::highlight_tags`] (`<b>…</b>` by default), safe to put in a page.
    pub snippet: String,
    /// The same passage as plain text with the byte ranges of its matches, for callers who
    /// render it themselves (a terminal, another markup).
    pub passage: Snippet,
    /// Publication date (RFC 3339), if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Source, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// URL, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Query words this hit matched only through a translation, with the text that matched
    /// (computed with snippets; plain text, not escaped).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<crate::Matched>,
}

/// The result of a search.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// Documents that match the query as written (relaxed matches not counted), whatever the
    /// limit.
    pub total: usize,
    /// The best of them, best first.
    pub hits: Vec<Hit>,
    /// Whether the query was longer than [`crate::query::MAX_QUERY_BYTES`] and only its start
    /// was searched.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// Pass it as [`SearchRequest::after`] for the next page; `None` when this page is the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// Counts over every matching document, as asked by [`SearchRequest::facets`] and
    /// [`SearchRequest::histogram`].
    #[serde(skip_serializing_if = "Facets::is_empty")]
    pub facets: Facets,
}

/// Counts over the matching documents.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Facets {
    /// Documents per language code, the largest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lang: Vec<Bucket>,
    /// Documents per source, the largest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<Bucket>,
    /// Documents per period (`YYYY-MM-DD` of its first day; `YYYY-MM` for months), in order;
    /// periods without documents are left out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub histogram: Vec<Bucket>,
}

impl Facets {
    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.lang.is_empty() && self.source.is_empty() && self.histogram.is_empty()
    }
}

/// A value and how many matching documents have it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Bucket {
    /// The language code, source or period.
    pub key: String,
    /// Matching documents.
    pub count: u64,
}
