//! Tests of the gazetteer as the resolver uses it: multi-word names, guards, user files, shared
//! aliases, the CLDR subdivisions.

use super::*;

#[test]
fn gazetteer_matches_multi_word_names() {
    for text in [
        "Statele Unite",
        "Statelor Unite",
        "United States",
        "الولايات المتحدة",
        "والولايات المتحدة",
        "Mỹ",
        "США",
        "Соединённых Штатов",
        "SUA",
        "S.U.A.",
    ] {
        assert!(
            doc(text).contains("g:united_states"),
            "{text}: {:?}",
            doc(text)
        );
    }
    for text in [
        "Saudi Arabia",
        "Ả Rập Xê Út",
        "Ả Rập Xê-út",
        "السعودية",
        "Arabia Saudită",
    ] {
        assert!(
            doc(text).contains("g:saudi_arabia"),
            "{text}: {:?}",
            doc(text)
        );
    }
    for text in ["NATO", "НАТО", "حلف شمال الأطلسي", "NATO-ului"] {
        assert!(doc(text).contains("g:nato"), "{text}: {:?}", doc(text));
    }
    for text in ["Rusia", "Rusiei", "Россия", "России", "روسيا", "Nga"] {
        assert!(doc(text).contains("g:russia"), "{text}: {:?}", doc(text));
    }
    // A name does not cross punctuation.
    assert!(!doc("Statele, Unite").contains("g:united_states"));
    // The longest name wins, and its words keep their own keys.
    let d = doc("Donald Trump");
    assert!(d.contains("g:donald_trump"));
    assert!(d.iter().any(|k| k.starts_with("p:")));
}

#[test]
fn gazetteer_guards_keep_precision() {
    // The pronoun `us` and the Vietnamese pronoun `anh` are not countries.
    assert!(!keys_of("they told us", Some(Language::English), true).contains("g:united_states"));
    assert!(!doc("Họ nói với anh ấy").contains("g:united_kingdom"));
    // `Nga` ending a Vietnamese personal name is not Russia; after a lower-case word it is.
    assert!(
        !keys_of("bà Nguyễn Thị Nga nói", Some(Language::Vietnamese), false).contains("g:russia")
    );
    assert!(keys_of("Tổng thống Nga nói", Some(Language::Vietnamese), false).contains("g:russia"));
}

#[test]
fn user_gazetteer_extends_and_reports_errors() {
    let r = EntityResolver::builtin();
    let n = r.entity_count();
    assert!(n >= 2_000, "{n}");
    let user = r
        .with_gazetteer(
            "user.tsv",
            "# mine\nrosetta_inc\torg\tRosetta Inc\tRosetta\tروزيتا\tRosetta\tРозетта\t\n\
             kremlin\torg\t\t\t\t\t\tKremlinul de la Moscova\n",
        )
        .unwrap();
    assert_eq!(user.entity_count(), n + 1);
    let words = [EntityWord {
        surface: "Розетта",
        normalized: "розетта",
        after_break: false,
        hyphenated: false,
    }];
    // The built-in resolver first, on this thread: its caches must not answer for the user's.
    let mut keys = Vec::new();
    r.resolve(&words, None, false, &mut |_, _, k| keys.push(k.to_string()));
    assert!(!keys.contains(&"g:rosetta_inc".to_string()), "{keys:?}");
    keys.clear();
    user.resolve(&words, None, false, &mut |_, _, k| keys.push(k.to_string()));
    assert!(keys.contains(&"g:rosetta_inc".to_string()), "{keys:?}");
    keys.clear();
    r.resolve(&words, None, false, &mut |_, _, k| keys.push(k.to_string()));
    assert!(!keys.contains(&"g:rosetta_inc".to_string()), "{keys:?}");
    let err = r
        .with_gazetteer("user.tsv", "ok\tx\tA\tB\tC\tD\tE\n\nbroken\tline\n")
        .unwrap_err();
    assert_eq!(err.line, 3);
    assert!(err.to_string().contains("user.tsv: line 3"), "{err}");
    let err = r
        .with_gazetteer_file("/nonexistent/gazetteer.tsv")
        .unwrap_err();
    assert_eq!(err.line, 0);
}

#[test]
fn names_written_with_a_lower_case_first_word_match_in_documents() {
    let vi = keys_of(
        "Các nước châu Âu lo ngại về eo biển Hormuz.",
        Some(Language::Vietnamese),
        false,
    );
    assert!(vi.contains("g:europe"), "{vi:?}");
    assert!(vi.contains("g:strait_of_hormuz"), "{vi:?}");
    let en = keys_of(
        "Officials said al-Qaeda claimed it.",
        Some(Language::English),
        false,
    );
    assert!(en.contains("g:al_qaeda"), "{en:?}");
}

/// Entities of the built-in gazetteer that share names on purpose: a city-state or country and
/// its capital of the same name (`Kuwait`, `قطر`), a territory listed both as a country and as a
/// city (`Hong Kong`), a person and the city named after him, and Arabic spellings of two
/// names (`عمان` is Amman and Oman, `تونس` Tunis and Tunisia, `الجزائر` Algiers and Algeria).
const AMBIGUOUS: &[[&str; 2]] = &[
    ["bahrain", "bahrain_city"],
    ["ho_chi_minh", "ho_chi_minh_city"],
    ["hong_kong", "hong_kong_sar_china"],
    ["kuwait", "kuwait_city"],
    ["luxembourg", "luxembourg_city"],
    ["macao", "macao_sar_china"],
    ["monaco", "monaco_city"],
    ["panama", "panama_city"],
    ["qatar", "qatar_city"],
    ["singapore", "singapore_city"],
    ["vatican", "vatican_city"],
    ["algeria", "algiers"],
    ["tunis", "tunisia"],
    ["amman", "oman"],
];

#[test]
fn no_gazetteer_alias_names_two_entities_unless_listed() {
    let shared = builtin_gazetteer().shared_aliases();
    let unlisted: Vec<_> = shared
        .iter()
        .filter(|(_, ids)| !AMBIGUOUS.iter().any(|pair| pair[..] == ids[..]))
        .collect();
    assert!(
        unlisted.is_empty(),
        "{} unlisted: {unlisted:?}",
        unlisted.len()
    );
    // `روسيا` is inside `روسيا البيضاء` (Belarus), not an alias of it.
    assert!(!shared.iter().any(|(alias, _)| alias.contains("روسيا")));
}

#[test]
fn subdivisions_are_found_in_every_language() {
    for text in [
        "Wildfires spread across California on Sunday.",
        "Incendiile s-au extins în California duminică.",
        "انتشرت الحرائق في ولاية كاليفورنيا يوم الأحد",
        "Cháy rừng lan rộng khắp bang California hôm Chủ nhật.",
        "В воскресенье пожары охватили Калифорнию.",
    ] {
        assert!(
            doc(text).contains("g:california"),
            "{text}: {:?}",
            doc(text)
        );
    }
    // Given names and ordinary words that CLDR also has as subdivisions are not entities:
    // `Vladimir` (a Russian region), Dutch `Van` (a Turkish province), `Pool` (in Congo).
    for text in [
        "Vladimir spoke on Monday.",
        "Van Gogh painted it.",
        "Pool results were published.",
    ] {
        assert!(
            !doc(text).iter().any(|k| k.starts_with("g:")),
            "{text}: {:?}",
            doc(text)
        );
    }
}

#[test]
fn white_russia_is_belarus() {
    for text in [
        "روسيا البيضاء",
        "زار روسيا البيضاء الأسبوع الماضي",
        "Bê-la-rút",
    ] {
        let k = doc(text);
        assert!(k.contains("g:belarus"), "{text}: {k:?}");
        assert!(!k.contains("g:russia"), "{text}: {k:?}");
    }
    assert!(doc("زار روسيا الأسبوع الماضي").contains("g:russia"));
}

#[test]
fn cldr_subdivision_names_match_in_documents_only() {
    // A document names the entity; a query searches the word as any name (its recall key finds
    // the news spelling `لوبلان` that CLDR's `لوبلين` would miss).
    assert!(doc("The region of Lublin voted.").contains("g:lublin"));
    let q = keys_of("Lublin", None, true);
    assert!(!q.iter().any(|k| k.starts_with("g:")), "{q:?}");
    assert!(q.iter().any(|k| k.starts_with("r:")), "{q:?}");
    // Hand-written and CLDR country names stay entities in queries.
    assert!(keys_of("Syria", None, true).contains("g:syria"));
}
