use super::*;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, QueryClone, TermQuery};
use tantivy::schema::{Field, Schema, TEXT};
use tantivy::{doc, DocAddress, Index, IndexWriter, Searcher};

const WORDS: [&str; 5] = ["kremlin", "peskov", "moscow", "talks", "the"];

/// An index of three text fields whose documents hold pseudo-random mixes of [`WORDS`], in
/// two segments (so that scorers restart per segment).
fn index() -> (Searcher, [Field; 3]) {
    let mut schema = Schema::builder();
    let fields = ["a", "b", "e"].map(|name| schema.add_text_field(name, TEXT));
    let index = Index::create_in_ram(schema.build());
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let mut state = 7u64;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    for i in 0..600 {
        let mut texts = [String::new(), String::new(), String::new()];
        for (f, text) in texts.iter_mut().enumerate() {
            for _ in 0..next(9) {
                let word = WORDS[next(5) as usize];
                text.push_str(word);
                text.push(' ');
                if f == 2 {
                    // A twin of each entity key, with the same postings (as the variant
                    // keys of an ambiguous spelling); a key on every other `kremlin`
                    // (fewer documents, never more often); one twice per `talks` (the same
                    // documents, more often).
                    text.push_str(word);
                    text.push_str("twin ");
                    if word == "kremlin" && next(2) == 0 {
                        text.push_str("kremlinhalf ");
                    }
                    if word == "talks" {
                        text.push_str("talksdouble talksdouble ");
                    }
                }
            }
        }
        let [a, b, e] = texts;
        writer
            .add_document(doc!(fields[0] => a, fields[1] => b, fields[2] => e))
            .unwrap();
        if i == 300 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    (index.reader().unwrap().searcher(), fields)
}

fn alternative(field: Field, word: &str, boost: f32) -> Alternative {
    Alternative {
        term: Term::from_field_text(field, word),
        boost,
        locations: None,
    }
}

/// The same group as tantivy's own queries: what `WordGroupQuery` replaced.
fn nested(group: &WordGroupQuery) -> Box<dyn Query> {
    let term = |a: &Alternative| -> Box<dyn Query> {
        let q = Box::new(TermQuery::new(a.term.clone(), IndexRecordOption::WithFreqs));
        if a.boost == 1.0 {
            q
        } else {
            Box::new(BoostQuery::new(q, a.boost))
        }
    };
    let mut alternatives: Vec<Box<dyn Query>> = group.alternatives.iter().map(term).collect();
    if !group.entity_keys.is_empty() {
        let keys = group.entity_keys.iter().map(term).collect();
        alternatives.push(Box::new(DisjunctionMaxQuery::new(keys)));
    }
    Box::new(DisjunctionMaxQuery::with_tie_breaker(
        alternatives,
        group.tie_breaker,
    ))
}

fn top(searcher: &Searcher, query: &dyn Query) -> (usize, Vec<(Score, DocAddress)>) {
    let collector = (Count, TopDocs::with_limit(1000).order_by_score());
    searcher.search(query, &collector).unwrap()
}

fn groups(fields: [Field; 3]) -> Vec<WordGroupQuery> {
    let [a, b, e] = fields;
    vec![
        WordGroupQuery::new(
            vec![
                alternative(a, "kremlin", 1.0),
                alternative(b, "kremlin", 0.3),
            ],
            vec![
                alternative(e, "kremlin", 1.0),
                alternative(e, "moscow", 0.4),
            ],
            0.1,
            Arc::default(),
        ),
        WordGroupQuery::new(
            vec![alternative(b, "peskov", 0.5)],
            Vec::new(),
            0.1,
            Arc::default(),
        ),
        WordGroupQuery::new(
            Vec::new(),
            vec![alternative(e, "peskov", 0.9), alternative(e, "talks", 1.0)],
            0.1,
            Arc::default(),
        ),
        WordGroupQuery::new(
            vec![alternative(a, "the", 1.0), alternative(a, "absent", 1.0)],
            vec![alternative(e, "the", 0.4)],
            0.1,
            Arc::default(),
        ),
        // `kremlinhalf` is dominated by `kremlin`; `talksdouble` is lighter than `talks`
        // but more frequent, so it stays.
        WordGroupQuery::new(
            vec![alternative(a, "kremlin", 1.0)],
            vec![
                alternative(e, "kremlin", 1.0),
                alternative(e, "kremlinhalf", 0.3),
                alternative(e, "talks", 0.4),
                alternative(e, "talksdouble", 0.3),
            ],
            0.1,
            Arc::default(),
        ),
        // Twins: the lighter of each pair never decides a score.
        WordGroupQuery::new(
            vec![alternative(a, "peskov", 1.0)],
            vec![
                alternative(e, "peskov", 0.9),
                alternative(e, "peskovtwin", 1.0),
                alternative(e, "talks", 0.4),
                alternative(e, "talkstwin", 0.4),
            ],
            0.1,
            Arc::default(),
        ),
    ]
}

#[test]
fn keys_a_heavier_key_dominates_are_left_out() {
    let (searcher, fields) = index();
    let mut groups = groups(fields);
    let twins = groups.pop().unwrap();
    let subsets = groups.pop().unwrap();
    // Twins: `a:peskov`, `e:peskovtwin` and one of the `talks` twins. Subsets: all but
    // `e:kremlinhalf`.
    for (group, kept) in [(twins, 3), (subsets, 4)] {
        let weight = group
            .group_weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        // The second time round, from the remembered comparisons.
        for round in 0..2 {
            for segment in searcher.segment_readers() {
                let scorer = weight.group_scorer(segment, 1.0).unwrap();
                assert_eq!(scorer.cursors.len(), kept, "round {round}: {group:?}");
            }
            let remembered = group.dominance.0.lock().unwrap().count;
            assert!(remembered >= 2, "{remembered} comparisons remembered");
        }
    }
}

#[test]
fn scores_as_tantivys_disjunction_max() {
    let (searcher, fields) = index();
    for group in groups(fields) {
        let (count, hits) = top(&searcher, &group);
        assert!(count > 20, "{group:?} matches {count}");
        assert_eq!((count, hits), top(&searcher, &*nested(&group)), "{group:?}");
        // Where the terms are, as the search looks them up first: the same.
        let located = |list: &[Alternative]| -> Vec<Alternative> {
            list.iter()
                .map(|a| Alternative {
                    locations: Some(locate(&searcher, &a.term).unwrap().1),
                    ..a.clone()
                })
                .collect()
        };
        let group = WordGroupQuery::new(
            located(&group.alternatives),
            located(&group.entity_keys),
            group.tie_breaker,
            Arc::default(),
        );
        assert_eq!(top(&searcher, &group), top(&searcher, &*nested(&group)));
    }
}

#[test]
fn seeks_and_scores_within_boolean_queries() {
    let (searcher, fields) = index();
    let groups = groups(fields);
    for (first, second) in [(0, 1), (0, 2), (1, 3), (2, 3)] {
        let boosted = |q: Box<dyn Query>| -> Box<dyn Query> { Box::new(BoostQuery::new(q, 0.5)) };
        let ours = BooleanQuery::new(vec![
            (Occur::Must, groups[first].box_clone()),
            (Occur::Must, boosted(groups[second].box_clone())),
        ]);
        let theirs = BooleanQuery::new(vec![
            (Occur::Must, nested(&groups[first])),
            (Occur::Must, boosted(nested(&groups[second]))),
        ]);
        let (count, hits) = top(&searcher, &ours);
        assert!(count > 0, "groups {first} and {second} match nothing");
        assert_eq!((count, hits), top(&searcher, &theirs));
        let excluded = BooleanQuery::new(vec![
            (Occur::Must, groups[first].box_clone()),
            (Occur::MustNot, groups[second].box_clone()),
        ]);
        let theirs = BooleanQuery::new(vec![
            (Occur::Must, nested(&groups[first])),
            (Occur::MustNot, nested(&groups[second])),
        ]);
        assert_eq!(top(&searcher, &excluded), top(&searcher, &theirs));
    }
}

#[test]
fn forgets_the_segments_no_longer_searched() {
    let (searcher, fields) = index();
    let group = groups(fields).pop().unwrap();
    let weight = group
        .group_weight(EnableScoring::enabled_from_searcher(&searcher))
        .unwrap();
    let segments: Vec<SegmentId> = searcher
        .segment_readers()
        .iter()
        .map(|s| {
            weight.group_scorer(s, 1.0).unwrap();
            s.segment_id()
        })
        .collect();
    assert_eq!(segments.len(), 2);
    let both = group.dominance.0.lock().unwrap().count;
    group.dominance.retain_segments(&segments[..1]);
    let cache = group.dominance.0.lock().unwrap();
    assert!(
        cache.count > 0 && cache.count < both,
        "{} of {both}",
        cache.count
    );
    assert!(cache.by_segment.contains_key(&segments[0]));
    assert!(!cache.by_segment.contains_key(&segments[1]));
}

#[test]
fn counts_without_scoring_and_explains() {
    let (searcher, fields) = index();
    for group in groups(fields) {
        assert_eq!(
            group.count(&searcher).unwrap(),
            nested(&group).count(&searcher).unwrap()
        );
        let (_, hits) = top(&searcher, &group);
        let (score, addr) = hits[0];
        let explanation = group.explain(&searcher, addr).unwrap();
        assert_eq!(explanation.value(), score);
    }
}
