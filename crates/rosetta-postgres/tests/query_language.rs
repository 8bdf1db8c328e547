//! The query language through PostgreSQL: operators, phrases with a slop, prefixes and filters
//! match the documents the tantivy backend matches; dates sort, pages skip, relaxed hits say so,
//! and what the table cannot answer is an error rather than ignored.

mod common;

use common::{seed_documents, Backend};
use rosetta_analysis::{Analyzer, Language};
use rosetta_index::{Facet, NewsDocument, NewsIndex, SearchRequest, Sort};
use rosetta_postgres::{Error, PgIndex};

/// The sorted seed numbers of the hits of `request`.
fn seeds_of(index: &mut dyn Backend, request: &SearchRequest) -> Vec<String> {
    let mut ids: Vec<String> = index
        .search(request)
        .hits
        .into_iter()
        .map(|h| h.id[..3].to_string())
        .collect();
    ids.sort();
    ids
}

fn dated(id: &str, lang: Language, source: &str, day: i64, body: &str) -> NewsDocument {
    let mut doc = NewsDocument::new(id, body).with_lang(lang);
    doc.published = Some(1_735_689_600 + day * 86_400);
    doc.source = Some(source.into());
    doc
}

#[test]
fn the_query_language_on_both_backends() {
    let cluster = common::cluster();
    let seeds = seed_documents();
    let mut tantivy = NewsIndex::create_in_ram();
    tantivy.add(&seeds);
    let mut pg =
        PgIndex::connect_with(&cluster.url("postgres"), "language", Analyzer::new()).unwrap();
    pg.clear().unwrap();
    pg.add(&seeds);

    // Every seed names Peskov; these queries keep some of them, differently.
    let mut distinct = std::collections::BTreeSet::new();
    for query in [
        "Peskov AND NOT Miami",
        "Peskov -lang:ro",
        "lang:ro OR Miami",
        "(intalnire OR Miami) AND Peskov",
        "Peskov NOT (Miami OR intalnire)",
        "Kreml*",
        "\"Putin Trump\"~3",
        "Peskov lang:ro lang:en",
        "NOT Miami",
    ] {
        let request = SearchRequest::new(query).limit(20);
        let t = seeds_of(&mut tantivy, &request);
        let p = seeds_of(&mut pg, &request);
        assert_eq!(t, p, "query {query}");
        distinct.insert(p);
    }
    // The queries are not all answered alike (a translation ignoring operators would be).
    assert!(distinct.len() >= 4, "{distinct:?}");

    for query in ["title:Peskov", "Peskov title:(Kremlin OR Miami)"] {
        let error = pg.search(&SearchRequest::new(query)).unwrap_err();
        assert!(matches!(error, Error::Unsupported(_)), "{query}: {error}");
        assert!(error.to_string().contains("title"), "{error}");
    }
    let mut with_cursor = SearchRequest::new("Peskov");
    with_cursor.after = Some("1.0:0:0".into());
    assert!(matches!(
        pg.search(&with_cursor),
        Err(Error::Unsupported(_))
    ));
    assert!(matches!(
        pg.search(&SearchRequest::new("Peskov").facets(&[Facet::Lang])),
        Err(Error::Unsupported(_))
    ));
}

#[test]
fn sources_dates_pages_and_relaxed_hits() {
    let cluster = common::cluster();
    let docs = [
        dated(
            "a",
            Language::English,
            "Reuters",
            3,
            "Peskov spoke about the summit in Miami.",
        ),
        dated(
            "b",
            Language::English,
            "AP",
            1,
            "Peskov spoke to reporters.",
        ),
        dated(
            "c",
            Language::Romanian,
            "Agerpres",
            2,
            "Peskov a vorbit despre summit.",
        ),
        NewsDocument::new("d", "The summit ended without Peskov.").with_lang(Language::English),
    ];
    let mut tantivy = NewsIndex::create_in_ram();
    tantivy.add(&docs);
    let mut pg = PgIndex::connect_with(&cluster.url("postgres"), "dated", Analyzer::new()).unwrap();
    pg.clear().unwrap();
    pg.add(&docs);
    for index in [&mut tantivy as &mut dyn Backend, &mut pg] {
        let name = index.name();
        let ids = |index: &mut dyn Backend, request: &SearchRequest| -> Vec<String> {
            index
                .search(request)
                .hits
                .into_iter()
                .map(|h| h.id)
                .collect()
        };
        let newest = SearchRequest::new("Peskov").sort(Sort::Newest);
        assert_eq!(ids(index, &newest), ["a", "c", "b", "d"], "{name}");
        let oldest = SearchRequest::new("Peskov").sort(Sort::Oldest);
        assert_eq!(ids(index, &oldest), ["b", "c", "a", "d"], "{name}");
        assert_eq!(
            ids(index, &oldest.clone().offset(1).limit(2)),
            ["c", "a"],
            "{name}"
        );
        let mut sources = ids(
            index,
            &SearchRequest::new("Peskov source:reuters source:AP"),
        );
        sources.sort();
        assert_eq!(sources, ["a", "b"], "{name}");
        let mut others = ids(index, &SearchRequest::new("Peskov -source:reuters"));
        others.sort();
        assert_eq!(others, ["b", "c", "d"], "{name}");

        // `Miami` is only in `a`: the others follow as relaxed hits, not counted in the total.
        let results = index.search(&SearchRequest::new("summit Miami"));
        assert_eq!(results.total, 1, "{name}");
        assert_eq!(results.hits[0].id, "a", "{name}");
        assert!(results.hits[0].full_match, "{name}");
        assert!(results.hits.len() > 1, "{name}");
        assert!(results.hits[1..].iter().all(|h| !h.full_match), "{name}");
        // With an operator, no relaxed hits.
        let strict = index.search(&SearchRequest::new("summit AND Miami"));
        assert_eq!(strict.hits.len(), 1, "{name}");

        // Snippets: escaped HTML with the request's tags, and the plain passage.
        let hit = &index
            .search(&SearchRequest::new("Miami").highlight_tags("<mark>", "</mark>"))
            .hits[0];
        assert!(
            hit.snippet.contains("<mark>Miami</mark>"),
            "{name}: {}",
            hit.snippet
        );
        let (start, end) = hit.passage.highlights[0];
        assert_eq!(&hit.passage.text[start..end], "Miami", "{name}");
    }
}
