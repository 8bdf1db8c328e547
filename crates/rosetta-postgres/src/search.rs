//! Search: the plan's `tsquery` with filters in SQL; the candidates `ts_rank_cd` ranks first
//! (over the tier weights) re-scored with BM25 ([`crate::rank`]); hits with snippets made by
//! Rosetta from the returned text.

use std::collections::{HashMap, HashSet};

use postgres::types::ToSql;
use rosetta_analysis::Language;
use rosetta_index::query::{parse_query, ParsedQuery};
use rosetta_index::{Hit, SearchRequest, SearchResults, Snippet, Sort};

use crate::plan::{plan, QueryPlan};
use crate::rank::{Candidate, LanguageTotals, Statistics};
use crate::{Error, PgIndex, Result};

/// `ts_rank_cd` weights of the labels D, C, B, A (see [`crate::tsvector`]): recall entity keys,
/// folded forms, gazetteer and precise entity keys, stems and words; as the tantivy backend's
/// boosts.
const RANK_WEIGHTS: &str = "{0.4, 0.3, 0.9, 1.0}";
/// `ts_rank_cd` normalization: rank divided by 1 + the logarithm of the document's length.
const RANK_NORMALIZATION: i32 = 1;

/// A row as the search reads it.
struct Row {
    id: String,
    title: String,
    body: String,
    lang: String,
    source: Option<String>,
    url: Option<String>,
    published: Option<i64>,
    score: f32,
    /// Whether it matches the whole query (not only some of its words).
    full_match: bool,
}

/// A statement being built: SQL text and its parameters.
#[derive(Default)]
struct Statement {
    conditions: Vec<String>,
    params: Vec<Box<dyn ToSql + Sync>>,
}

impl Statement {
    /// Adds a parameter; its placeholder.
    fn param(&mut self, value: impl ToSql + Sync + 'static) -> String {
        self.params.push(Box::new(value));
        format!("${}", self.params.len())
    }

    fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.params.iter().map(|p| p.as_ref()).collect()
    }
}

impl PgIndex {
    /// Runs `request`; as [`rosetta_index::NewsIndex::search`]. Sorting by relevance, newest or
    /// oldest, `offset` and `relaxed` are supported; cursors (`after`), facets and histograms are
    /// an [`Error::Unsupported`], as are `title:` queries.
    pub fn search(&mut self, request: &SearchRequest) -> Result<SearchResults> {
        let mut parsed = parse_query(&request.query)?;
        if let Some(lang) = request.lang {
            parsed.filters.langs = vec![Some(lang)];
        }
        let mut results = self.search_parsed(&parsed, request)?;
        results.truncated = parsed.truncated;
        Ok(results)
    }

    /// Runs an already parsed query with the options of `request` (its query text is ignored).
    pub fn search_parsed(
        &mut self,
        parsed: &ParsedQuery,
        request: &SearchRequest,
    ) -> Result<SearchResults> {
        if request.after.is_some() {
            return Err(Error::Unsupported("cursors (after)"));
        }
        if !request.facets.is_empty() || request.histogram.is_some() {
            return Err(Error::Unsupported("facets and histograms"));
        }
        let limit = request.limit.min(10_000);
        let offset = request.offset.min(100_000);
        // Rows up to the end of the page are ranked; the first `offset` are dropped.
        let wanted = limit.saturating_add(offset);
        let plan = plan(&self.analyzer, parsed)?;
        if plan.strict.is_none() && parsed.filters == Default::default() {
            return Ok(SearchResults::default());
        }
        let sort = request.sort;
        let (total, mut rows) = self.run(&plan, parsed, plan.strict.as_deref(), wanted, sort)?;
        let relaxed = request
            .relaxed
            .unwrap_or(!parsed.uses_operators && sort == Sort::Relevance);
        if relaxed && rows.len() < wanted {
            if let Some(query) = plan.relaxed.as_deref() {
                let (_, more) = self.run(&plan, parsed, Some(query), wanted, sort)?;
                let seen: HashSet<String> = rows.iter().map(|r| r.id.clone()).collect();
                rows.extend(
                    more.into_iter()
                        .filter(|r| !seen.contains(&r.id))
                        .map(|r| Row {
                            full_match: false,
                            ..r
                        }),
                );
                rows.truncate(wanted);
            }
        }
        let hits = rows
            .into_iter()
            .skip(offset)
            .map(|row| self.hit(row, &plan, request))
            .collect();
        Ok(SearchResults {
            total,
            hits,
            ..SearchResults::default()
        })
    }

    /// The count and the top `limit` rows matching `tsquery` (all, when `None`) and the filters.
    fn run(
        &mut self,
        plan: &QueryPlan,
        parsed: &ParsedQuery,
        tsquery: Option<&str>,
        limit: usize,
        sort: Sort,
    ) -> Result<(usize, Vec<Row>)> {
        let mut s = Statement::default();
        let rank = match tsquery {
            Some(q) => {
                let q = s.param(q.to_string());
                s.conditions.push(format!("terms @@ {q}::text::tsquery"));
                format!(
                    "ts_rank_cd('{RANK_WEIGHTS}', terms, {q}::text::tsquery, {RANK_NORMALIZATION})"
                )
            }
            None => "0::real".to_string(),
        };
        let f = &parsed.filters;
        let codes = |langs: &[Option<Language>]| -> Vec<String> {
            langs
                .iter()
                .map(|l| Language::code_or_und(*l).to_string())
                .collect()
        };
        if !f.langs.is_empty() {
            let p = s.param(codes(&f.langs));
            s.conditions.push(format!("lang = ANY({p}::text[])"));
        }
        if !f.excluded_langs.is_empty() {
            let p = s.param(codes(&f.excluded_langs));
            s.conditions.push(format!("lang <> ALL({p}::text[])"));
        }
        // Sources are stored and parsed lower-cased.
        if !f.sources.is_empty() {
            let p = s.param(f.sources.clone());
            s.conditions.push(format!("source = ANY({p}::text[])"));
        }
        if !f.excluded_sources.is_empty() {
            let p = s.param(f.excluded_sources.clone());
            s.conditions
                .push(format!("(source IS NULL OR source <> ALL({p}::text[]))"));
        }
        if let Some(from) = f.published_from {
            let p = s.param(from as f64);
            s.conditions.push(format!("published >= to_timestamp({p})"));
        }
        if let Some(until) = f.published_until {
            let p = s.param(until as f64);
            s.conditions.push(format!("published < to_timestamp({p})"));
        }
        let table = self.table.clone();
        let filter = if s.conditions.is_empty() {
            "true".to_string()
        } else {
            s.conditions.join(" AND ")
        };
        if limit > 0 && tsquery.is_some() && !plan.scored.is_empty() && sort == Sort::Relevance {
            // The count comes with the candidates: one scan of the matches, not two.
            let (total, order) = self.rescored(plan, &mut s, &rank, &filter, limit)?;
            return Ok((total, self.rows(order)?));
        }
        let count_sql = format!("SELECT count(*) FROM {table} WHERE {filter}");
        let total: i64 = self.client.query_one(&count_sql, &s.params())?.get(0);
        if limit == 0 || total == 0 {
            return Ok((total as usize, Vec::new()));
        }
        let order = {
            // By date, or phrases, prefixes or filters only: `ts_rank_cd` alone.
            let limit_param = s.param(limit as i64);
            let order_by = match sort {
                Sort::Relevance => "score DESC, id",
                Sort::Newest => "published DESC NULLS LAST, id",
                Sort::Oldest => "published ASC NULLS LAST, id",
            };
            let sql = format!(
                "SELECT id, {rank}::real AS score FROM {table} WHERE {filter}
                 ORDER BY {order_by} LIMIT {limit_param}"
            );
            self.client
                .query(&sql, &s.params())?
                .into_iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect()
        };
        Ok((total as usize, self.rows(order)?))
    }

    /// The number of matches, and the best `limit` of the top candidates by `rank` re-scored
    /// with BM25 (see [`crate::rank`]): ids and scores, best first.
    fn rescored(
        &mut self,
        plan: &QueryPlan,
        s: &mut Statement,
        rank: &str,
        filter: &str,
        limit: usize,
    ) -> Result<(usize, Vec<(String, f32)>)> {
        let table = self.table.clone();
        let mut lexemes: Vec<String> = plan
            .scored
            .iter()
            .flat_map(|g| g.alternatives.iter().map(|a| a.lexeme.clone()))
            .collect();
        lexemes.sort_unstable();
        lexemes.dedup();
        let candidates = s.param(limit.max(self.rescore_candidates) as i64);
        let lexemes_param = s.param(lexemes.clone());
        let sql = format!(
            "SELECT c.id, c.lang, c.text_terms, c.folded_terms, c.entity_terms,
                    ARRAY(SELECT u.lexeme || ' ' || cardinality(u.positions)
                          FROM unnest(c.terms) u WHERE u.lexeme = ANY({lexemes_param}::text[])),
                    c.total
             FROM (SELECT id, lang, text_terms, folded_terms, entity_terms, terms,
                          count(*) OVER () AS total
                   FROM {table} WHERE {filter}
                   ORDER BY {rank} DESC, id LIMIT {candidates}) c"
        );
        let rows = self.client.query(&sql, &s.params())?;
        let total = rows.first().map_or(0, |r| r.get::<_, i64>(6)) as usize;
        let candidates: Vec<Candidate> = rows
            .into_iter()
            .map(|r| Candidate {
                id: r.get(0),
                lang: r.get(1),
                lengths: [r.get(2), r.get(3), r.get(4)],
                frequencies: r
                    .get::<_, Vec<String>>(5)
                    .into_iter()
                    .filter_map(|entry| {
                        let (lexeme, tf) = entry.rsplit_once(' ')?;
                        Some((lexeme.to_string(), tf.parse().ok()?))
                    })
                    .collect(),
            })
            .collect();
        let stats = self.statistics(&lexemes)?;
        let mut scored: Vec<(String, f32)> = candidates
            .iter()
            .map(|c| (c.id.clone(), stats.score(c, &plan.scored, plan.preferred)))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        scored.truncate(limit);
        Ok((total, scored))
    }

    /// The corpus figures and the document frequencies of `lexemes`.
    fn statistics(&mut self, lexemes: &[String]) -> Result<Statistics> {
        let table = &self.table;
        let mut stats = Statistics::default();
        for r in self.client.query(
            &format!(
                "SELECT lang, docs, text_terms, folded_terms, entity_terms FROM {table}_totals"
            ),
            &[],
        )? {
            stats.totals.insert(
                r.get(0),
                LanguageTotals {
                    docs: r.get(1),
                    terms: [r.get(2), r.get(3), r.get(4)],
                },
            );
        }
        for r in self.client.query(
            &format!("SELECT lexeme, docs FROM {table}_lexemes WHERE lexeme = ANY($1::text[])"),
            &[&lexemes],
        )? {
            stats.doc_freq.insert(r.get(0), r.get(1));
        }
        Ok(stats)
    }

    /// The rows of `order`'s ids, in its order, with its scores.
    fn rows(&mut self, order: Vec<(String, f32)>) -> Result<Vec<Row>> {
        let table = &self.table;
        let ids: Vec<&str> = order.iter().map(|(id, _)| id.as_str()).collect();
        let mut rows: HashMap<String, Row> = self
            .client
            .query(
                &format!(
                    "SELECT id, title, body, lang, source, url,
                            extract(epoch FROM published)::float8
                     FROM {table} WHERE id = ANY($1::text[])"
                ),
                &[&ids],
            )?
            .into_iter()
            .map(|r| {
                let row = Row {
                    id: r.get(0),
                    title: r.get(1),
                    body: r.get(2),
                    lang: r.get(3),
                    source: r.get(4),
                    url: r.get(5),
                    published: r.get::<_, Option<f64>>(6).map(|s| s as i64),
                    score: 0.0,
                    full_match: true,
                };
                (row.id.clone(), row)
            })
            .collect();
        Ok(order
            .into_iter()
            .filter_map(|(id, score)| {
                let mut row = rows.remove(&id)?;
                row.score = score;
                Some(row)
            })
            .collect())
    }

    fn hit(&self, row: Row, plan: &QueryPlan, request: &SearchRequest) -> Hit {
        let passage = if request.snippets {
            let text = if row.body.is_empty() {
                &row.title
            } else {
                &row.body
            };
            plan.snippet_terms
                .snippet(&self.analyzer, text, Language::from_code(&row.lang))
        } else {
            Snippet::default()
        };
        let (open, close) = &request.highlight_tags;
        let published = row.published.and_then(|secs| {
            time::OffsetDateTime::from_unix_timestamp(secs)
                .ok()?
                .format(&time::format_description::well_known::Rfc3339)
                .ok()
        });
        Hit {
            id: row.id,
            score: row.score,
            full_match: row.full_match,
            shared: Vec::new(),
            duplicates: Vec::new(),
            lang: row.lang,
            title: row.title,
            snippet: passage.to_html(open, close),
            passage,
            published,
            source: row.source,
            url: row.url,
            // Translations are not searched through PostgreSQL (see the crate docs).
            matched: Vec::new(),
        }
    }
}
