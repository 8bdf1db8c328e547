//! Tests of the resolver on real cases: the seed articles' names, name pairs from Wikidata
//! (excerpts of `NETransliteration-COLING2018` data, CC0), and the gazetteer.

mod gazetteer;

use std::collections::BTreeSet;

use super::*;
use crate::normalize::normalize_word;

/// The words of `text` and their normalized forms, as the pipeline makes them (UAX #29 words).
fn segmented(text: &str) -> (Vec<crate::segment::RawWord<'_>>, Vec<String>) {
    let raw: Vec<_> = crate::segment::words(text).collect();
    let norms = raw
        .iter()
        .map(|w| {
            let mut n = String::new();
            normalize_word(w.text, &mut n);
            n.retain(|c| c != '.');
            n
        })
        .collect();
    (raw, norms)
}

/// The resolver's view of [`segmented`] words.
fn entity_words<'a>(
    raw: &'a [crate::segment::RawWord<'a>],
    norms: &'a [String],
) -> Vec<EntityWord<'a>> {
    raw.iter()
        .zip(norms)
        .map(|(w, n)| EntityWord {
            surface: w.text,
            normalized: n,
            // As the analyzer passes them: a hyphen joins (`Xê-út`, `Mát-xcơ-va`).
            after_break: w.after_break && !w.hyphenated,
            hyphenated: w.hyphenated,
        })
        .collect()
}

/// Keys of `text` analyzed as the pipeline does.
fn keys_of(text: &str, lang: Option<Language>, query: bool) -> BTreeSet<String> {
    let (raw, norms) = segmented(text);
    let words = entity_words(&raw, &norms);
    let mut out = BTreeSet::new();
    EntityResolver::builtin().resolve(&words, lang, query, &mut |first, last, k| {
        assert!(first <= last && last < words.len());
        out.insert(k.to_string());
    });
    out
}

fn doc(text: &str) -> BTreeSet<String> {
    keys_of(text, None, false)
}

/// Asserts that all `spellings` (each analyzed alone) share at least one key.
fn meet(spellings: &[&str]) {
    let sets: Vec<_> = spellings.iter().map(|s| doc(s)).collect();
    let common = sets.iter().skip(1).fold(sets[0].clone(), |acc, s| {
        acc.intersection(s).cloned().collect()
    });
    assert!(
        !common.is_empty(),
        "no common key for {spellings:?}: {:?}",
        spellings.iter().zip(&sets).collect::<Vec<_>>()
    );
}

fn share(a: &str, b: &str) -> BTreeSet<String> {
    doc(a).intersection(&doc(b)).cloned().collect()
}

#[test]
fn seed_names_meet_across_scripts() {
    meet(&["Peskov", "Песков", "Пескова", "بيسكوف"]);
    meet(&["Trump", "Трамп", "ترامب", "ترمب"]);
    meet(&["Putin", "Путин", "بوتين"]);
    meet(&["Kremlin", "Kremlinului", "Кремль", "الكرملين"]);
    meet(&[
        "Kremlin",
        "Kremlinul",
        "Кремля",
        "Кремле",
        "والكرملين",
        "بالكرملين",
    ]);
}

#[test]
fn seed_names_meet_inside_running_text() {
    let ro = doc("Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a afirmat că Putin și Trump");
    let ar = doc("كشف المتحدث باسم الكرملين دميتري بيسكوف أن بوتين وترامب");
    let ru = doc("Пресс-секретарь Кремля Дмитрий Песков заявил, что Путин и Трамп");
    let en = doc("Dmitry Peskov, spokesman for Kremlin leader Vladimir Putin, said Trump");
    let vi = keys_of(
        "Người phát ngôn Điện Kremlin Dmitry Peskov nói rằng Tổng thống Nga Vladimir Putin",
        Some(Language::Vietnamese),
        false,
    );
    for k in ["g:kremlin", "g:dmitry_peskov", "g:vladimir_putin"] {
        for (name, set) in [
            ("ro", &ro),
            ("ar", &ar),
            ("ru", &ru),
            ("en", &en),
            ("vi", &vi),
        ] {
            assert!(set.contains(k), "{k} missing in {name}: {set:?}");
        }
    }
    assert!(vi.contains("g:russia"), "{vi:?}");
    for set in [&ro, &ar, &ru, &en] {
        assert!(set.contains("g:donald_trump"), "{set:?}");
    }
}

#[test]
fn lone_query_words_resolve() {
    let ru = keys_of("Песков", None, true);
    let ar = keys_of("بيسكوف", None, true);
    let lower = keys_of("peskov", None, true);
    assert!(ru.intersection(&ar).next().is_some());
    assert!(ru.intersection(&lower).next().is_some());
    // Lower-case query words get precise and gazetteer keys only.
    assert!(
        lower.iter().all(|k| !k.starts_with(RECALL_PREFIX)),
        "{lower:?}"
    );
    // Lower-case words of documents get none.
    assert!(doc("the spokesman said").is_empty());
}

#[test]
fn first_name_spellings_meet_precisely() {
    for s in [
        "Dmitri",
        "Dmitry",
        "Dmitriy",
        "Dmitrii",
        "Дмитрий",
        "Дмитрия",
    ] {
        assert!(doc(s).contains("p:dmitri"), "{s}: {:?}", doc(s));
    }
    assert!(share("Dmitry", "دميتري")
        .iter()
        .any(|k| k.starts_with("r:")));
}

#[test]
fn short_names_still_work() {
    meet(&["Rubio", "Рубио", "روبيو"]);
    meet(&["Kyiv", "Kiev", "Киев", "كييف", "Kievul"]);
    meet(&["Putin", "Путина", "لبوتين"]);
}

#[test]
fn different_names_do_not_share_a_precise_key() {
    let k = share("Putin", "Bettina");
    assert!(k.is_empty(), "{k:?}");
    assert!(share("Putin", "Botin").iter().all(|k| !k.starts_with("p:")));
    assert!(share("Peskov", "Pascal").is_empty());
}

#[test]
fn wikidata_name_pairs_meet() {
    // From names/wd_russian_80 and wd_arabic_80 (NETransliteration-COLING2018, CC0).
    for (latin, other) in [
        ("Muñoz", "Муньос"),
        ("Zehrfuss", "Зерфюсс"),
        ("Kazuyoshi", "Кадзуёси"),
        ("Schübler", "Шюблер"),
        ("Gaudenzio", "Гауденцио"),
        ("Chervenkov", "Червенков"),
        ("Sobczak", "Собчак"),
        ("Jeavons", "Дживонс"),
        ("Mizushima", "ميزوشيما"),
        ("Shiratori", "شيراتوري"),
        ("Zlateva", "زلاتيفا"),
        ("Rubens", "روبنز"),
        ("Monroy", "مونروي"),
        ("Erickson", "إريكسون"),
        ("Festinger", "فستنغر"),
        ("Kistler", "كيستلر"),
    ] {
        assert!(
            !share(latin, other).is_empty(),
            "{latin} / {other}: {:?} {:?}",
            doc(latin),
            doc(other)
        );
    }
}

#[test]
fn memo_hints_give_the_same_keys_and_go_stale_with_the_memos() {
    let text = "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a vorbit despre Rosetta";
    let (raw, norms) = segmented(text);
    let words = entity_words(&raw, &norms);
    let cells: Vec<MemoHint> = words.iter().map(|_| MemoHint::default()).collect();
    let hints: Vec<&MemoHint> = cells.iter().collect();
    let keys = |r: &EntityResolver, hints: &[&MemoHint]| {
        let mut keys = BTreeSet::new();
        r.resolve_hinted(
            &words,
            hints,
            Some(Language::Romanian),
            false,
            &mut |_, _, k| {
                keys.insert(k.to_string());
            },
        );
        keys
    };
    let builtin = EntityResolver::builtin();
    let user = builtin
        .with_gazetteer("user.tsv", "rosetta_inc\torg\tRosetta\t\t\t\t\t\n")
        .unwrap();
    let plain = keys(&builtin, &[]);
    assert!(plain.contains("g:dmitry_peskov"), "{plain:?}");
    // The first pass fills the hints, the second reads them.
    assert_eq!(keys(&builtin, &hints), plain);
    assert!(cells.iter().any(|c| c.get() != 0));
    assert_eq!(keys(&builtin, &hints), plain);
    // Another gazetteer empties this thread's memos: the hints must not answer for it.
    let with_user = keys(&user, &hints);
    assert!(with_user.contains("g:rosetta_inc"), "{with_user:?}");
    assert_eq!(keys(&user, &hints), with_user);
    assert_eq!(keys(&builtin, &hints), plain);
}

#[test]
fn resolver_is_cheap_to_clone_and_shareable() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<EntityResolver>();
    let a = EntityResolver::builtin();
    let b = a.clone();
    assert!(Arc::ptr_eq(&a.gazetteer, &b.gazetteer));
}

#[test]
fn capitalized_vietnamese_syllables_are_not_transliterated() {
    // `Công`, `Liên` are Vietnamese words (with no letter only Vietnamese has, but spelled as its
    // syllables are); `Michigan` is a name. Words of a gazetteer name (`Điện Kremlin`) are keyed
    // whatever they are.
    let vi = keys_of(
        "Công ty Liên doanh mở văn phòng ở Michigan, gần Điện Kremlin",
        Some(Language::Vietnamese),
        false,
    );
    let phonetic: Vec<&String> = vi.iter().filter(|k| !k.starts_with("g:")).collect();
    assert!(vi.contains("g:kremlin"), "{vi:?}");
    assert!(phonetic.iter().any(|k| k.starts_with("p:mi")), "{vi:?}");
    assert!(
        !phonetic
            .iter()
            .any(|k| k.contains("kon") || k.contains("lien")),
        "{vi:?}"
    );
    // Outside Vietnamese text, and alone, such a word is still keyed (`Liên` may be a name).
    assert!(
        doc("Liên").iter().any(|k| k.starts_with("p:")),
        "{:?}",
        doc("Liên")
    );
}

#[test]
fn russian_question_words_get_no_keys() {
    let k = doc("Какой город является столицей Франции?");
    assert!(k.iter().all(|k| !k.contains("kak")), "{k:?}");
    assert!(k.contains("g:france"), "{k:?}");
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn resolve_never_panics(words in proptest::collection::vec("\\PC{0,12}", 0..12), query: bool) {
            let mut norms = Vec::new();
            let mut n = String::new();
            for w in &words {
                normalize_word(w, &mut n);
                norms.push(n.clone());
            }
            let ew: Vec<EntityWord<'_>> = words
                .iter()
                .zip(&norms)
                .enumerate()
                .map(|(i, (w, n))| EntityWord { surface: w, normalized: n, after_break: i % 3 == 0, hyphenated: false })
                .collect();
            let len = ew.len();
            EntityResolver::builtin().resolve(&ew, None, query, &mut |a, b, k| {
                assert!(a <= b && b < len);
                assert!(k.len() > 2);
            });
        }

        #[test]
        fn resolve_never_panics_on_name_like_words(
            words in proptest::collection::vec("[A-ZА-Яa-zа-яءاب-يёçșțăîâüöéñ']{1,10}", 0..8),
        ) {
            let text = words.join(" ");
            let _ = doc(&text);
            let _ = keys_of(&text, None, true);
        }
    }
}
