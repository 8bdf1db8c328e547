//! Counts over every matching document: by language, by source, per day, week or month, with
//! tantivy's aggregations on the fast fields.

use std::collections::BTreeMap;
use std::sync::Mutex;

use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::{AggregationResult, AggregationResults, BucketResult};
use tantivy::aggregation::{AggContextParams, AggregationCollector, Key};

use super::request::{Bucket, Facet, Facets, Interval, SearchRequest};
use crate::{Error, Result};

const DAY_MS: i64 = 86_400_000;

/// The aggregations `request` asks for, as a collector; `None` if it asks for none. Each shape of
/// request is parsed once (tantivy takes aggregations as JSON, and parsing cost a tenth of a
/// faceted search).
pub(crate) fn request(request: &SearchRequest) -> Result<Option<AggregationCollector>> {
    if request.facets.is_empty() && request.histogram.is_none() {
        return Ok(None);
    }
    type Shape = (Vec<Facet>, usize, bool);
    static PARSED: Mutex<Vec<(Shape, Aggregations)>> = Mutex::new(Vec::new());
    let shape: Shape = (
        request.facets.clone(),
        request.facet_size,
        request.histogram.is_some(),
    );
    let mut parsed = PARSED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, aggs)) = parsed.iter().find(|(s, _)| *s == shape) {
        return Ok(Some(AggregationCollector::from_aggs(
            aggs.clone(),
            AggContextParams::default(),
        )));
    }
    let aggs = parse_aggregations(request)?;
    if parsed.len() < 64 {
        parsed.push((shape, aggs.clone()));
    }
    Ok(Some(AggregationCollector::from_aggs(
        aggs,
        AggContextParams::default(),
    )))
}

/// The aggregations of `request` in tantivy's form.
fn parse_aggregations(request: &SearchRequest) -> Result<Aggregations> {
    let mut aggs = serde_json::Map::new();
    for facet in &request.facets {
        let (name, size) = match facet {
            Facet::Lang => ("lang", 16),
            Facet::Source => ("source", request.facet_size.clamp(1, 10_000)),
        };
        aggs.insert(
            name.into(),
            serde_json::json!({"terms": {"field": name, "size": size}}),
        );
    }
    if request.histogram.is_some() {
        // Days, grouped into weeks and months here: tantivy has no calendar intervals.
        aggs.insert(
            "histogram".into(),
            serde_json::json!({"date_histogram": {"field": "published", "fixed_interval": "1d", "min_doc_count": 1}}),
        );
    }
    serde_json::from_value(serde_json::Value::Object(aggs))
        .map_err(|e| Error::InvalidQuery(format!("aggregations: {e}")))
}

/// The counts of `results` in the shape of [`Facets`].
pub(crate) fn facets(
    results: Option<AggregationResults>,
    request: &SearchRequest,
) -> Result<Facets> {
    let Some(results) = results else {
        return Ok(Facets::default());
    };
    let buckets = |name: &str| -> Vec<(Key, u64)> {
        match results.0.get(name) {
            Some(AggregationResult::BucketResult(BucketResult::Terms { buckets, .. })) => buckets
                .iter()
                .map(|b| (b.key.clone(), b.doc_count))
                .collect(),
            Some(AggregationResult::BucketResult(BucketResult::Histogram { buckets })) => {
                match buckets {
                    tantivy::aggregation::agg_result::BucketEntries::Vec(v) => {
                        v.iter().map(|b| (b.key.clone(), b.doc_count)).collect()
                    }
                    tantivy::aggregation::agg_result::BucketEntries::HashMap(m) => {
                        m.values().map(|b| (b.key.clone(), b.doc_count)).collect()
                    }
                }
            }
            _ => Vec::new(),
        }
    };
    let terms = |name: &str| -> Vec<Bucket> {
        buckets(name)
            .into_iter()
            .map(|(key, count)| Bucket {
                key: match key {
                    Key::Str(s) => s,
                    other => format!("{other:?}"),
                },
                count,
            })
            .collect()
    };
    let mut facets = Facets {
        lang: terms("lang"),
        source: terms("source"),
        histogram: Vec::new(),
    };
    if let Some(interval) = request.histogram {
        // Keyed by the period's first day: each period's name is written once.
        let mut periods: BTreeMap<i64, u64> = BTreeMap::new();
        for (key, count) in buckets("histogram") {
            let ms = match key {
                Key::F64(ms) => ms as i64,
                Key::I64(ms) => ms,
                Key::U64(ms) => ms as i64,
                Key::Str(_) => continue,
            };
            *periods.entry(period_start(ms, interval)).or_default() += count;
        }
        facets.histogram = periods
            .into_iter()
            .map(|(day, count)| Bucket {
                key: period_name(day, interval),
                count,
            })
            .collect();
    }
    Ok(facets)
}

/// The first day (days since the epoch) of the period of `interval` holding the day that starts
/// at `ms` (milliseconds since the epoch).
fn period_start(ms: i64, interval: Interval) -> i64 {
    let day = ms.div_euclid(DAY_MS);
    match interval {
        // 1970-01-01 was a Thursday: Monday is 3 days earlier.
        Interval::Week => day - (day + 3).rem_euclid(7),
        Interval::Day => day,
        Interval::Month => {
            let (year, month, _) = civil_date(day);
            day_of(year, month)
        }
    }
}

/// The name of the period of `interval` starting on `day`: `YYYY-MM-DD`, or `YYYY-MM` for months.
fn period_name(day: i64, interval: Interval) -> String {
    let (year, month, day_of_month) = civil_date(day);
    let mut name = String::with_capacity(10);
    push_padded(&mut name, year, 4);
    name.push('-');
    push_padded(&mut name, i64::from(month), 2);
    if interval != Interval::Month {
        name.push('-');
        push_padded(&mut name, i64::from(day_of_month), 2);
    }
    name
}

/// Writes `value` with at least `width` digits (without `format!`: a day histogram names up to
/// hundreds of periods per search).
fn push_padded(out: &mut String, value: i64, width: usize) {
    if value < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut rest = value.unsigned_abs();
    let mut len = 0;
    while (rest > 0 || len < width) && len < digits.len() {
        digits[len] = b'0' + (rest % 10) as u8;
        rest /= 10;
        len += 1;
    }
    out.extend(digits[..len].iter().rev().map(|&d| char::from(d)));
}

/// The (year, month, day) of `day` days since 1970-01-01 in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`: integer arithmetic only, for hundreds of buckets).
fn civil_date(day: i64) -> (i64, u8, u8) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day_of_month = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u8;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u8;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day_of_month)
}

/// Days since the epoch of the first day of `month` in `year` (Hinnant's `days_from_civil`).
fn day_of(year: i64, month: u8) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let shifted_month = i64::from(if month > 2 { month - 3 } else { month + 9 });
    let day_of_year = (153 * shifted_month + 2) / 5;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_agree_with_the_time_crate() {
        for day in (-800_000i64..800_000).step_by(13) {
            let date = time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(day);
            let expected = (i64::from(date.year()), u8::from(date.month()), date.day());
            assert_eq!(civil_date(day), expected, "day {day}");
            assert_eq!(
                day_of(expected.0, expected.1),
                day - i64::from(expected.2) + 1
            );
        }
    }

    #[test]
    fn periods_start_on_mondays_and_first_days() {
        // 2025-12-24 was a Wednesday.
        let ms = 1_766_534_400_000;
        let name = |ms, interval| period_name(period_start(ms, interval), interval);
        assert_eq!(name(ms, Interval::Day), "2025-12-24");
        assert_eq!(name(ms, Interval::Week), "2025-12-22");
        assert_eq!(name(ms, Interval::Month), "2025-12");
        assert_eq!(name(0, Interval::Week), "1969-12-29");
        // Days of one month are one period; the next month another.
        assert_eq!(
            period_start(ms, Interval::Month),
            period_start(ms + 7 * DAY_MS, Interval::Month)
        );
        assert_ne!(
            period_start(ms, Interval::Month),
            period_start(ms + 8 * DAY_MS, Interval::Month)
        );
    }
}
