//! Search: the plan's `tsquery` with filters in SQL; the candidates `ts_rank_cd` ranks first
//! (over the tier weights) re-scored with BM25 ([`crate::rank`]); hits with snippets made by
//! Rosetta from the returned text.

use std::collections::{HashMap, HashSet};

use postgres::types::ToSql;
use rosetta_analysis::Language;
use rosetta_index::query::{parse_query, ParsedQuery};
use rosetta_index::{Hit, SearchRequest, SearchResults};

use crate::plan::{plan, QueryPlan};
use crate::rank::{Candidate, LanguageTotals, Statistics};
use crate::{PgIndex, Result};

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
    /// Runs `request`; as [`rosetta_index::NewsIndex::search`].
    pub fn search(&mut self, request: &SearchRequest) -> Result<SearchResults> {
        let mut parsed = parse_query(&request.query)?;
        if request.lang.is_some() {
            parsed.filters.lang = request.lang;
        }
        self.search_parsed(&parsed, request.limit, request.snippets)
    }

    /// Runs an already parsed query.
    pub fn search_parsed(
        &mut self,
        parsed: &ParsedQuery,
        limit: usize,
        snippets: bool,
    ) -> Result<SearchResults> {
        let limit = limit.min(10_000);
        let plan = plan(&self.analyzer, parsed);
        if plan.strict.is_none() && parsed.filters == Default::default() {
            return Ok(SearchResults::default());
        }
        let (mut total, mut rows) = self.run(&plan, parsed, plan.strict.as_deref(), limit)?;
        if rows.len() < limit {
            if let Some(relaxed) = plan.relaxed.as_deref() {
                let (relaxed_total, more) = self.run(&plan, parsed, Some(relaxed), limit)?;
                let seen: HashSet<String> = rows.iter().map(|r| r.id.clone()).collect();
                rows.extend(more.into_iter().filter(|r| !seen.contains(&r.id)));
                rows.truncate(limit);
                total = relaxed_total;
            }
        }
        let hits = rows
            .into_iter()
            .map(|row| self.hit(row, &plan, snippets))
            .collect();
        Ok(SearchResults { total, hits })
    }

    /// The count and the top `limit` rows matching `tsquery` (all, when `None`) and the filters.
    fn run(
        &mut self,
        plan: &QueryPlan,
        parsed: &ParsedQuery,
        tsquery: Option<&str>,
        limit: usize,
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
        if let Some(excluded) = &plan.excluded {
            let q = s.param(excluded.clone());
            s.conditions
                .push(format!("NOT (terms @@ {q}::text::tsquery)"));
        }
        let f = &parsed.filters;
        if let Some(lang) = f.lang {
            let p = s.param(lang.code().to_string());
            s.conditions.push(format!("lang = {p}"));
        }
        if let Some(source) = &f.source {
            let p = s.param(source.clone());
            s.conditions.push(format!("source = {p}"));
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
        if limit > 0 && tsquery.is_some() && !plan.scored.is_empty() {
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
            // Phrases or filters only: `ts_rank_cd` alone.
            let limit_param = s.param(limit as i64);
            let sql = format!(
                "SELECT id, {rank}::real AS score FROM {table} WHERE {filter}
                 ORDER BY score DESC, id LIMIT {limit_param}"
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

    fn hit(&self, row: Row, plan: &QueryPlan, snippets: bool) -> Hit {
        let snippet = if snippets {
            let text = if row.body.is_empty() {
                &row.title
            } else {
                &row.body
            };
            plan.snippet_terms
                .snippet(&self.analyzer, text, Language::from_code(&row.lang))
        } else {
            String::new()
        };
        let published = row.published.and_then(|secs| {
            time::OffsetDateTime::from_unix_timestamp(secs)
                .ok()?
                .format(&time::format_description::well_known::Rfc3339)
                .ok()
        });
        Hit {
            id: row.id,
            score: row.score,
            lang: row.lang,
            title: row.title,
            snippet,
            published,
            source: row.source,
            url: row.url,
        }
    }
}
