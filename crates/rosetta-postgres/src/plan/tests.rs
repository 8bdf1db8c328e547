use super::*;
use rosetta_index::query::parse_query;

fn plan_of(query: &str) -> QueryPlan {
    plan(&Analyzer::new(), &parse_query(query).unwrap()).unwrap()
}

#[test]
fn words_are_anded_and_their_alternatives_ored() {
    let p = plan_of("Peskov Kremlin");
    let strict = p.strict.unwrap();
    assert_eq!(strict.matches(" & ").count(), 1, "{strict}");
    assert!(strict.contains("'en:peskov' | "), "{strict}");
    assert!(strict.contains("'g:"), "{strict}");
    assert!(p.relaxed.unwrap().contains(") | ("));
}

#[test]
fn phrases_are_adjacent_and_exclusions_negated() {
    let p = plan_of("\"hội nghị thượng đỉnh\" -Zelensky");
    let strict = p.strict.unwrap();
    assert!(strict.contains("'vi:hội' <-> 'vi:nghị'"), "{strict}");
    let negated = &strict[strict.find("!(").expect(&strict)..];
    assert!(negated.contains("zelensk"), "{strict}");
    // The excluded word is neither scored nor relaxed away.
    assert!(p.relaxed.is_none());
    assert!(p
        .scored
        .iter()
        .all(|g| g.alternatives.iter().all(|a| !a.lexeme.contains("zelensk"))));
}

#[test]
fn operators_become_tsquery_operators() {
    let strict = plan_of("(Peskov OR Zakharova) AND NOT sport")
        .strict
        .unwrap();
    assert!(strict.contains(") | ("), "{strict}");
    assert!(strict.contains("& !("), "{strict}");
    let strict = plan_of("Kreml*").strict.unwrap();
    assert!(strict.contains("'en:kreml':*"), "{strict}");
    assert!(strict.contains("'f:kreml':*"), "{strict}");
}

#[test]
fn a_slop_writes_out_each_gap() {
    let strict = plan_of("\"Putin Trump\"~1").strict.unwrap();
    assert!(strict.contains("'en:putin' <-> 'en:trump'"), "{strict}");
    assert!(strict.contains("'en:putin' <2> 'en:trump'"), "{strict}");
    assert!(!strict.contains("<3>"), "{strict}");
    assert!(!strict.contains("'en:trump' <-> 'en:putin'"), "{strict}");
    let strict = plan_of("\"Putin Trump\"~2").strict.unwrap();
    assert!(strict.contains("'en:trump' <-> 'en:putin'"), "{strict}");
    let long = parse_query("\"a1 b2 c3 d4 e5 f6 g7\"~5").unwrap();
    assert!(matches!(
        plan(&Analyzer::new(), &long),
        Err(Error::Unsupported(_))
    ));
}

#[test]
fn titles_are_refused() {
    let parsed = parse_query("title:Peskov").unwrap();
    assert!(matches!(
        plan(&Analyzer::new(), &parsed),
        Err(Error::Unsupported(_))
    ));
}

#[test]
fn a_query_of_stopwords_keeps_them() {
    let p = plan_of("the");
    assert!(p.strict.unwrap().contains("'en:the'"));
}
