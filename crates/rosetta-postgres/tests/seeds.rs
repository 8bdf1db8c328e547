//! The seed-article tests and the README's cross-script examples, run against the tantivy index
//! and against PostgreSQL with the same bodies. One throwaway cluster serves the whole binary.

mod common;

use common::{for_both, seed_documents, seed_ids, Backend};
use rosetta_analysis::Language;
use rosetta_index::{NewsDocument, SearchRequest};

const ALL: [&str; 5] = ["000", "001", "002", "003", "004"];

fn peskov_in_three_scripts_finds_all_five(index: &mut dyn Backend) {
    for query in ["Peskov", "Песков", "بيسكوف"] {
        assert_eq!(
            seed_ids(index, query),
            ALL,
            "{}: query {query}",
            index.name()
        );
    }
}

fn kremlin_in_four_forms_finds_all_five(index: &mut dyn Backend) {
    for query in ["Kremlin", "Kremlinul", "الكرملين", "Кремль"] {
        assert_eq!(
            seed_ids(index, query),
            ALL,
            "{}: query {query}",
            index.name()
        );
    }
}

fn folded_queries_find_the_accented_text(index: &mut dyn Backend) {
    // 000 says `întâlnire`, 003 says `întâlnirea`.
    assert_eq!(
        seed_ids(index, "intalnire"),
        ["000", "003"],
        "{}",
        index.name()
    );
    assert_eq!(
        seed_ids(index, "hoi nghi thuong dinh"),
        ["004"],
        "{}",
        index.name()
    );
}

fn filters_keep_only_what_they_name(index: &mut dyn Backend) {
    assert_eq!(
        seed_ids(index, "lang:ro Peskov"),
        ["000", "003"],
        "{}",
        index.name()
    );
    let results = index.search(&SearchRequest::new("Peskov").lang(Language::English));
    assert_eq!(results.hits.len(), 1, "{}", index.name());
    assert_eq!(results.hits[0].lang, "en");
    assert!(seed_ids(index, "Peskov before:1990-01-01").is_empty());
}

fn phrases_exclusions_and_snippets(index: &mut dyn Backend) {
    let name = index.name();
    assert_eq!(
        seed_ids(index, "\"hội nghị thượng đỉnh\""),
        ["004"],
        "{name}"
    );
    // The phrase is a gazetteer name: its spellings in every language match (003 says Miami).
    assert_eq!(
        seed_ids(index, "\"Statele Unite\" -Miami"),
        ["000", "001", "002", "004"],
        "{name}"
    );
    let hits = index.search(&SearchRequest::new("Rubio")).hits;
    assert!(
        hits[0].snippet.contains("Rubio</b>"),
        "{name}: {}",
        hits[0].snippet
    );
}

fn snippets_mark_names_written_in_another_script(index: &mut dyn Backend) {
    let name = index.name();
    let hits = index.search(&SearchRequest::new("Песков")).hits;
    assert_eq!(hits.len(), 5, "{name}");
    for hit in &hits {
        assert!(
            hit.snippet.contains("</b>"),
            "{name} {}: {}",
            hit.id,
            hit.snippet
        );
    }
    let arabic = hits.iter().find(|h| h.lang == "ar").unwrap();
    assert!(
        arabic.snippet.contains("بيسكوف</b>"),
        "{name}: {}",
        arabic.snippet
    );
}

fn replacing_and_deleting_by_id(index: &mut dyn Backend) {
    let name = index.name();
    index.add(&[NewsDocument::new(
        "001_44610d290e9c4598",
        "Nothing about the spokesman any more.",
    )]);
    index.delete(&["002_f19602772c35515f"]);
    assert_eq!(seed_ids(index, "Peskov"), ["000", "003", "004"], "{name}");
    assert_eq!(index.documents(), 4, "{name}");
}

fn exact_forms_rank_above_folded_ones(index: &mut dyn Backend) {
    let name = index.name();
    let hits = index.search(&SearchRequest::new("întâlnire")).hits;
    assert_eq!(hits.len(), 2, "{name}");
    assert_eq!(hits[0].id, "exact", "{name}");
    let hits = index.search(&SearchRequest::new("intalnire")).hits;
    assert_eq!(hits[0].id, "folded", "{name}");
}

fn readme_example_finds_romanian_by_cyrillic(index: &mut dyn Backend) {
    let name = index.name();
    let results = index.search(&SearchRequest::new("Песков"));
    assert_eq!(results.total, 2, "{name}");
    assert_eq!(
        index.search(&SearchRequest::new("intalnirea")).hits[0].id,
        "ro-1",
        "{name}"
    );
}

#[test]
fn seed_tests_pass_on_both_backends() {
    let cluster = common::cluster();
    let seeds = seed_documents();
    assert_eq!(seeds.len(), 5);
    let bodies: [fn(&mut dyn Backend); 6] = [
        peskov_in_three_scripts_finds_all_five,
        kremlin_in_four_forms_finds_all_five,
        folded_queries_find_the_accented_text,
        filters_keep_only_what_they_name,
        phrases_exclusions_and_snippets,
        snippets_mark_names_written_in_another_script,
    ];
    for body in bodies {
        for_both(&cluster, "seeds", &seeds, body);
    }
    for_both(&cluster, "seeds", &seeds, replacing_and_deleting_by_id);
    let folded = [
        NewsDocument::new("folded", "O intalnire importanta la Miami.")
            .with_lang(Language::Romanian),
        NewsDocument::new("exact", "O întâlnire importantă la Miami.")
            .with_lang(Language::Romanian),
    ];
    for_both(
        &cluster,
        "ranking",
        &folded,
        exact_forms_rank_above_folded_ones,
    );
    let readme = [
        NewsDocument::new("ro-1", "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a declarat că întâlnirea este necesară.")
            .with_lang(Language::Romanian),
        NewsDocument::new("en-1", "Kremlin spokesman Dmitry Peskov said a meeting was necessary.")
            .with_lang(Language::English),
    ];
    for_both(
        &cluster,
        "readme",
        &readme,
        readme_example_finds_romanian_by_cyrillic,
    );
    both_backends_rank_the_seeds_alike(&cluster);
}

/// Both backends put the same seed first for each query of words, and rank the same documents.
/// (Phrases are ranked by their words' statistics in PostgreSQL, by phrase statistics in tantivy:
/// their order may differ. PostgreSQL does not search translations: both search the words as
/// typed.)
fn rankings_agree(tantivy: &mut dyn Backend, pg: &mut dyn Backend) {
    for query in [
        "Peskov",
        "Песков",
        "întâlnire Putin Trump",
        "Kremlin meeting prepared",
        "hội nghị thượng đỉnh",
        "\"hội nghị\" Putin",
        "مجموعة محادثات",
    ] {
        let order = |index: &mut dyn Backend| -> Vec<String> {
            index
                .search(&SearchRequest::new(query).limit(20).lexicon(false))
                .hits
                .into_iter()
                .map(|h| h.id[..3].to_string())
                .collect()
        };
        let (t, p) = (order(tantivy), order(pg));
        assert_eq!(
            t.first(),
            p.first(),
            "query {query}: tantivy {t:?}, postgres {p:?}"
        );
        let (mut t, mut p) = (t, p);
        t.sort();
        p.sort();
        assert_eq!(t, p, "query {query}");
    }
}

fn both_backends_rank_the_seeds_alike(cluster: &rosetta_postgres::cluster::TempCluster) {
    let seeds = seed_documents();
    let mut tantivy = rosetta_index::NewsIndex::create_in_ram();
    tantivy.add(&seeds);
    let mut pg = rosetta_postgres::PgIndex::connect_with(
        &cluster.url("postgres"),
        "ranking_seeds",
        rosetta_analysis::Analyzer::new(),
    )
    .unwrap();
    pg.clear().unwrap();
    pg.add(&seeds);
    rankings_agree(&mut tantivy, &mut pg);
}
