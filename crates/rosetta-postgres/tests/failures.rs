//! Bad input, `tsvector` limits, ranking statistics kept right through replacements and
//! deletions, and a server that goes away in the middle of a run. One throwaway cluster serves
//! the binary (the last body kills it).

mod common;

use rosetta_analysis::{Analyzer, Language};
use rosetta_index::{NewsDocument, SearchRequest};
use rosetta_postgres::cluster::TempCluster;
use rosetta_postgres::tsvector::MAX_POSITION;
use rosetta_postgres::{Error, PgIndex};

fn fresh(cluster: &TempCluster, table: &str) -> PgIndex {
    let mut index =
        PgIndex::connect_with(&cluster.url("postgres"), table, Analyzer::new()).unwrap();
    index.clear().unwrap();
    index
}

fn bad_documents_are_skipped_and_reported(cluster: &TempCluster) {
    let mut index = fresh(cluster, "bad_input");
    let outcome = index
        .upsert(&[
            NewsDocument::new("", "no id"),
            NewsDocument::new("nul", "a NUL \0 in the body"),
            NewsDocument::new("empty", "   "),
            NewsDocument::new("good", "Kremlin spokesman Dmitry Peskov said"),
            NewsDocument::new("quote's", r"O'Brien \ said 'hello' : \\ the end"),
        ])
        .unwrap();
    let skipped: Vec<&str> = outcome.skipped.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(skipped, ["", "nul", "empty"]);
    assert!(
        outcome.skipped[1].1.contains("NUL"),
        "{:?}",
        outcome.skipped
    );
    assert_eq!(outcome.indexed, 2);
    // Quotes and backslashes in the text reach the tsvector literal escaped.
    let hits = index.search(&SearchRequest::new("O'Brien")).unwrap().hits;
    assert_eq!(hits[0].id, "quote's");
    // A hostile query is a query, not SQL.
    for query in [
        "'; DROP TABLE bad_input; --",
        "a & b | !c <-> d",
        "\\",
        "'",
        ":*",
    ] {
        index.search(&SearchRequest::new(query)).unwrap();
    }
    assert_eq!(index.stats().unwrap().documents, 2);
}

fn long_texts_are_truncated_and_reported(cluster: &TempCluster) {
    let mut index = fresh(cluster, "limits");
    let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
    let long = format!("{} Peskov", words.join(" "));
    let huge_word = "a".repeat(3000);
    let outcome = index
        .upsert(&[
            NewsDocument::new("long", long.as_str()).with_lang(Language::English),
            NewsDocument::new("huge word", format!("{huge_word} Kremlin"))
                .with_lang(Language::English),
        ])
        .unwrap();
    assert_eq!(outcome.indexed, 2);
    let truncated: Vec<&str> = outcome
        .truncated
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    // The analyzer itself leaves out words far longer than any lexeme PostgreSQL takes.
    assert_eq!(truncated, ["long"]);
    assert!(outcome.truncated[0].1.terms_past_limit > 0);
    assert!(outcome.truncated[0]
        .1
        .to_string()
        .contains(&MAX_POSITION.to_string()));
    // What fitted is searchable; the end of the long text is not.
    assert_eq!(index.search(&SearchRequest::new("w100")).unwrap().total, 1);
    assert_eq!(
        index.search(&SearchRequest::new("Peskov")).unwrap().total,
        0
    );
    assert_eq!(
        index.search(&SearchRequest::new("Kremlin")).unwrap().total,
        1
    );
}

fn statistics_follow_replacements_and_deletions(cluster: &TempCluster) {
    let mut index = fresh(cluster, "statistics");
    let docs = common::seed_documents();
    index.upsert(&docs).unwrap();
    let replacement = NewsDocument::new(&docs[1].id, "Nothing about the spokesman any more.");
    let outcome = index.upsert(&[replacement.clone(), replacement]).unwrap();
    assert_eq!((outcome.indexed, outcome.replaced), (0, 2));
    index.delete(&[docs[2].id.as_str()]).unwrap();
    // The side tables agree with a recount from the documents.
    let recount = index
        .client()
        .query_one(
            "SELECT (SELECT count(*) FROM (SELECT u.lexeme, count(*) AS n
                     FROM statistics, unnest(terms) u GROUP BY u.lexeme) r
                     FULL JOIN statistics_lexemes l USING (lexeme)
                     WHERE coalesce(r.n, 0) <> coalesce(l.docs, 0)),
                    (SELECT sum(docs) FROM statistics_totals)::bigint,
                    (SELECT sum(text_terms) FROM statistics_totals)
                      = (SELECT sum(text_terms) FROM statistics)",
            &[],
        )
        .unwrap();
    assert_eq!(recount.get::<_, i64>(0), 0, "lexemes whose count is wrong");
    assert_eq!(recount.get::<_, i64>(1), 4);
    assert!(recount.get::<_, bool>(2));
}

fn a_server_that_goes_away_leaves_whole_batches(cluster: &TempCluster) {
    let mut index = fresh(cluster, "crash");
    let docs = common::seed_documents();
    index.upsert(&docs[..3]).unwrap();
    cluster.kill().unwrap();
    let error = index.upsert(&docs[3..]).unwrap_err();
    match &error {
        Error::BatchNotWritten {
            batch, committed, ..
        } => assert_eq!((*batch, *committed), (2, 3)),
        other => panic!("expected BatchNotWritten, got {other}"),
    }
    let message = error.to_string();
    assert!(message.contains("3 documents were committed"), "{message}");
    // After a restart: exactly the committed batch, with statistics that count it alone.
    cluster.restart().unwrap();
    let mut index =
        PgIndex::connect_with(&cluster.url("postgres"), "crash", Analyzer::new()).unwrap();
    let documents = index.stats().unwrap().documents;
    if documents != 3 {
        let log = std::fs::read_to_string(cluster.dir().join("server.log")).unwrap_or_default();
        panic!("{documents} documents after a restart; server log:\n{log}");
    }
    let totals: i64 = index
        .client()
        .query_one("SELECT sum(docs)::bigint FROM crash_totals", &[])
        .unwrap()
        .get(0);
    assert_eq!(totals, 3);
    index.upsert(&docs[3..]).unwrap();
    assert_eq!(seed_count(&mut index, "Peskov"), 5);
}

fn seed_count(index: &mut PgIndex, query: &str) -> usize {
    index.search(&SearchRequest::new(query)).unwrap().total
}

#[test]
fn failures_and_limits() {
    let cluster = common::cluster();
    bad_documents_are_skipped_and_reported(&cluster);
    long_texts_are_truncated_and_reported(&cluster);
    statistics_follow_replacements_and_deletions(&cluster);
    a_server_that_goes_away_leaves_whole_batches(&cluster);
}
