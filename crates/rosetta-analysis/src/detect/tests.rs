use super::cues::*;
use super::trigrams::*;
use super::*;

fn detect(text: &str) -> Option<&'static str> {
    detect_language(text).map(Language::code)
}

#[test]
fn seed_articles() {
    let seeds = [
        (
            include_str!("../../../../testdata/seeds/000_8f2fc13ca7d6a654.txt"),
            "ro",
        ),
        (
            include_str!("../../../../testdata/seeds/001_44610d290e9c4598.txt"),
            "en",
        ),
        (
            include_str!("../../../../testdata/seeds/002_f19602772c35515f.txt"),
            "ar",
        ),
        (
            include_str!("../../../../testdata/seeds/003_5d0934976991920c.txt"),
            "ro",
        ),
        (
            include_str!("../../../../testdata/seeds/004_53fd72eb26a31149.txt"),
            "vi",
        ),
    ];
    for (text, lang) in seeds {
        assert_eq!(detect(text), Some(lang), "{}", &text[..80]);
        // The title alone, too.
        assert_eq!(detect(text.trim().lines().next().unwrap()), Some(lang));
    }
}

// Questions from XQuAD (google-deepmind/xquad, CC BY-SA 4.0): the same question in the four
// languages, and questions that a letter-based guess gets wrong.
#[test]
fn short_questions() {
    let cases = [
        ("Who won Super Bowl XLIX?", "en"),
        ("Cine a câștigat Super Bowl XLIX?", "ro"),
        ("Ai đã giành chiến thắng trong Super Bowl XLIX?", "vi"),
        ("من فاز بـ Super Bowl XLIX؟", "ar"),
        ("What are clades?", "en"),
        ("Who do gurus control?", "en"),
        ("أين يقع Energiprojekt AB؟", "ar"),
        ("Các nhánh là gì?", "vi"),
        ("DECnet là gì", "vi"),
        ("Care este numele lui Tesla?", "ro"),
        ("Pe cine au învins Broncos?", "ro"),
    ];
    for (text, lang) in cases {
        assert_eq!(detect(text), Some(lang), "{text}");
    }
}

#[test]
fn romanian_without_diacritics() {
    for text in [
        "Cine a castigat Super Bowl 50?",
        "Kremlinul considera ca o intalnire intre Putin si Trump este esentiala",
        "Cum puteai sa comunici cu viitorul?",
        "Deci, in aceasta perioada, ziua se mareste cu 8 minute.",
    ] {
        assert_eq!(detect(text), Some("ro"), "{text}");
    }
    for text in [
        "Who won the Super Bowl?",
        "Peskov said the meeting was important",
    ] {
        assert_eq!(detect(text), Some("en"), "{text}");
    }
}

#[test]
fn vietnamese_without_tones() {
    assert_eq!(
        detect("Nguoi phat ngon Dien Kremlin noi rang hoi nghi thuong dinh"),
        Some("vi")
    );
    assert_eq!(
        detect("Hoi nghi thuong dinh giua ong Trump va ong Putin"),
        Some("vi")
    );
}

#[test]
fn decomposed_vietnamese() {
    let nfd: String = "Người phát ngôn Điện Kremlin".nfd().collect();
    assert_eq!(detect(&nfd), Some("vi"));
}

#[test]
fn russian_is_cyrillic_text_with_russian_letters() {
    assert_eq!(
        detect("Кремль заявил, что встреча Путина и Трампа важна"),
        Some("ru")
    );
    assert_eq!(
        detect("Что делала компания Tesla Electric Light & Manufacturing?"),
        Some("ru")
    );
    assert_eq!(detect("Где живёт Песков?"), Some("ru"));
    // Ukrainian and Serbian letters; Bulgarian by its trigrams.
    assert_eq!(
        detect("Київ заявив, що зустріч президентів відбудеться наступного тижня"),
        None
    );
    assert_eq!(detect("Београд је главни град Србије и највећи град"), None);
    assert_eq!(
        detect(
            "Министър-председателят заяви, че правителството ще подкрепи \
             предложението на министерството за промени в бюджета през следващата година"
        ),
        None
    );
    // Mostly Latin: a Russian name in English text.
    assert_eq!(
        detect("Kremlin spokesman Dmitry Peskov (Дмитрий Песков) said the talks would go on"),
        Some("en")
    );
}

#[test]
fn other_scripts_and_no_letters_give_none() {
    assert_eq!(detect("克里姆林宫表示普京与特朗普会晤 Trump"), None);
    assert_eq!(detect("Η συνάντηση είναι σημαντική"), None);
    assert_eq!(detect("2025-12-23 12:00"), None);
    assert_eq!(detect(""), None);
    assert_eq!(detect("?!… —"), None);
}

/// The ASCII shortcut gives whatlang's own guess and confidence.
fn check_ascii_guess(text: &str) {
    let ours = ascii_trigram_guess(text);
    let theirs = trigram_detector()
        .detect(text)
        .map(|i| (i.lang(), i.confidence()));
    if ours.is_some() || text.bytes().any(|b| b.is_ascii_alphabetic()) {
        assert_eq!(
            ours.map(|(l, c)| (l, c.to_bits())),
            theirs.map(|(l, c)| (l, c.to_bits())),
            "{text:?}"
        );
    }
}

#[test]
fn trigram_profiles_have_300_trigrams_each() {
    for profile in [ENGLISH_TRIGRAMS, ROMANIAN_TRIGRAMS, VIETNAMESE_TRIGRAMS] {
        assert_eq!(profile.chars().filter(|&c| c != '\n').count(), 900);
        assert!(profile.lines().all(|l| l.chars().count() == 60));
    }
}

#[test]
fn ascii_guess_is_whatlangs() {
    let words: Vec<&str> = EN_WORDS
        .iter()
        .chain(RO_WORDS)
        .chain(VI_WORDS)
        .copied()
        .filter(|w| w.is_ascii())
        .collect();
    for w in &words {
        check_ascii_guess(w);
        for v in &words {
            check_ascii_guess(&format!("{w} {v}"));
        }
    }
    for text in [
        "oxygen",
        "steam engine",
        "Super Bowl",
        "Peskov",
        "Who won Super Bowl XLIX?",
        "Cine a castigat Super Bowl 50?",
        "Nguoi phat ngon Dien Kremlin noi rang hoi nghi thuong dinh",
        "Kremlinul considera ca o intalnire intre Putin si Trump este esentiala",
        "What is the name of the 2015-16 Denver Broncos' head coach (in full)?",
        "a",
        "x y z",
        "qqqq zzzz",
        "  ,,  ",
        "DECnet",
    ] {
        check_ascii_guess(text);
    }
    let long = include_str!("../../../../testdata/seeds/001_44610d290e9c4598.txt");
    for line in long.lines().filter(|l| l.is_ascii()) {
        check_ascii_guess(sample(line));
    }
}

#[test]
fn latin_without_cues_is_english() {
    assert_eq!(detect("Debra Perlingiere"), Some("en"));
    assert_eq!(detect("Peskov"), Some("en"));
}

#[test]
fn mixed_script_documents_follow_the_majority() {
    let en = "The Kremlin spokesman said in Moscow that the meeting (بيسكوف) was important.";
    assert_eq!(detect(en), Some("en"));
    let ar = "قال المتحدث باسم الكرملين Dmitry Peskov إن الاجتماع مهم";
    assert_eq!(detect(ar), Some("ar"));
}

proptest::proptest! {
    #[test]
    fn never_panics(text in "\\PC{0,300}") {
        let _ = detect_language(&text);
    }

    #[test]
    fn ascii_guess_is_whatlangs_on_any_ascii(text in "[a-zA-Z ,.?'0-9-]{0,80}") {
        check_ascii_guess(&text);
    }

    #[test]
    fn mixed_scripts_never_panic(text in "[a-zăâîșțşţđươ\u{0600}-\u{06FF}\u{0400}-\u{04FF}\u{4E00}-\u{4E20} ,.?!0-9\u{0300}-\u{0309}]{0,200}") {
        let _ = detect_language(&text);
    }
}

#[test]
fn long_text_is_sampled_and_cut_on_a_char_boundary() {
    let mut text = "Ông Putin và ông Trump đã gặp nhau. ".repeat(200);
    text.push_str(&"The meeting was important. ".repeat(1000));
    assert_eq!(detect(&text), Some("vi"));
    for n in 0..8 {
        let s = format!("{}{}", "a".repeat(SAMPLE_BYTES - n), "ță".repeat(4));
        assert!(sample(&s).len() <= SAMPLE_BYTES);
        let _ = detect_language(&s);
    }
}
