//! What the commands print: hits as text (highlighted on a terminal) or JSON, analyses.

use super::*;

/// Prints `results` (as JSON with `json`), with a warning first if the query was cut.
pub(crate) fn show_results(query: &str, results: &SearchResults, json: bool) -> AnyResult {
    if results.truncated {
        eprintln!(
            "warning: the query is longer than {} bytes; only its start was searched",
            rosetta::index::query::MAX_QUERY_BYTES
        );
    }
    if json {
        emit(search_json(query, results))?;
    } else {
        print_results(query, results, Highlight::for_stdout())?;
    }
    Ok(())
}

pub(crate) fn search_json(query: &str, results: &SearchResults) -> serde_json::Value {
    let mut json =
        serde_json::json!({"query": query, "total": results.total, "hits": results.hits});
    if results.truncated {
        json["truncated"] = true.into();
    }
    json
}

/// How matches are shown in text output.
#[derive(Clone, Copy)]
pub(crate) enum Highlight {
    /// Bold, on a terminal.
    Bold,
    /// Nothing: piped, or `NO_COLOR` is set.
    Plain,
}

impl Highlight {
    pub(crate) fn for_stdout() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if io::stdout().is_terminal() && !no_color {
            Highlight::Bold
        } else {
            Highlight::Plain
        }
    }

    pub(crate) fn render(self, snippet: &Snippet) -> String {
        match self {
            Highlight::Plain => snippet.text.clone(),
            Highlight::Bold => {
                let mut out =
                    String::with_capacity(snippet.text.len() + 8 * snippet.highlights.len());
                let mut cursor = 0;
                for &(start, end) in &snippet.highlights {
                    out.push_str(&snippet.text[cursor..start]);
                    out.push_str("\x1b[1m");
                    out.push_str(&snippet.text[start..end]);
                    out.push_str("\x1b[0m");
                    cursor = end;
                }
                out.push_str(&snippet.text[cursor..]);
                out
            }
        }
    }
}

pub(crate) fn print_results(
    query: &str,
    results: &SearchResults,
    highlight: Highlight,
) -> io::Result<()> {
    emit(format_args!("{query}: {} documents", results.total))?;
    for (i, hit) in results.hits.iter().enumerate() {
        let partial = if hit.full_match {
            ""
        } else {
            ", some words only"
        };
        let date = hit
            .published
            .as_deref()
            .map(|d| format!(" {}", &d[..d.len().min(10)]));
        emit(format_args!(
            "  {}. [{}] {}{} (score {:.2}{partial})",
            i + 1,
            hit.lang,
            hit.id,
            date.unwrap_or_default(),
            hit.score
        ))?;
        if !hit.title.is_empty() {
            emit(format_args!("     {}", hit.title))?;
        }
        emit(format_args!("     {}", highlight.render(&hit.passage)))?;
        if !hit.shared.is_empty() {
            emit(format_args!("     shares: {}", hit.shared.join(", ")))?;
        }
        if !hit.duplicates.is_empty() {
            emit(format_args!(
                "     and {} near-duplicates: {}",
                hit.duplicates.len(),
                hit.duplicates.join(", ")
            ))?;
        }
    }
    let facets = &results.facets;
    for (name, buckets) in [
        ("languages", &facets.lang),
        ("sources", &facets.source),
        ("periods", &facets.histogram),
    ] {
        if !buckets.is_empty() {
            let counts: Vec<String> = buckets
                .iter()
                .map(|b| format!("{} {}", b.key, b.count))
                .collect();
            emit(format_args!("  {name}: {}", counts.join(", ")))?;
        }
    }
    if let Some(cursor) = &results.next_cursor {
        emit(format_args!("  next page: --after '{cursor}'"))?;
    }
    Ok(())
}

pub(crate) fn analysis_json(text: &str, analysis: &Analysis) -> serde_json::Value {
    let words: Vec<_> = analysis
        .words
        .iter()
        .map(|w| serde_json::json!({"text": &text[w.start..w.end], "start": w.start, "end": w.end}))
        .collect();
    let terms: Vec<_> = analysis
        .tokens
        .iter()
        .map(|t| {
            serde_json::json!({"term": t.term, "kind": t.kind.as_str(), "position": t.position, "start": t.start, "end": t.end})
        })
        .collect();
    serde_json::json!({
        "lang": Language::code_or_und(analysis.language),
        "words": words,
        "terms": terms,
    })
}

pub(crate) fn print_analysis(
    text: &str,
    analysis: &Analysis,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "lang: {}", Language::code_or_und(analysis.language))?;
    for t in &analysis.tokens {
        writeln!(
            out,
            "{:>4} {:<9} {:<24} {}",
            t.position,
            t.kind.as_str(),
            t.term,
            &text[t.start..t.end]
        )?;
    }
    Ok(())
}

/// The baseline: UAX #29 words, lower-cased, stemmed by rust-stemmers (Snowball) for ro, en, ar,
/// ru (tantivy's stemmers).
pub(crate) fn plain_analysis(text: &str, lang: Option<Language>) -> Analysis {
    use rosetta::analysis::{TermKind, Token, WordSpan};
    use rust_stemmers::{Algorithm, Stemmer};
    use unicode_segmentation::UnicodeSegmentation;
    let lang = lang.or_else(|| rosetta::analysis::detect_language(text));
    let stemmer = match lang {
        Some(Language::Romanian) => Some(Stemmer::create(Algorithm::Romanian)),
        Some(Language::English) => Some(Stemmer::create(Algorithm::English)),
        Some(Language::Arabic) => Some(Stemmer::create(Algorithm::Arabic)),
        Some(Language::Russian) => Some(Stemmer::create(Algorithm::Russian)),
        _ => None,
    };
    let mut analysis = Analysis {
        language: lang,
        ..Analysis::default()
    };
    for (position, (start, word)) in text.unicode_word_indices().enumerate() {
        let end = start + word.len();
        analysis.words.push(WordSpan { start, end });
        let lower = word.to_lowercase();
        let term = match &stemmer {
            Some(s) => s.stem(&lower).into_owned(),
            None => lower,
        };
        analysis.tokens.push(Token {
            term,
            kind: TermKind::Stem,
            position: position as u32,
            start,
            end,
        });
    }
    analysis
}
