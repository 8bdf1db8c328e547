use proptest::prelude::*;

use super::*;
use crate::normalize::normalize_word;

/// Normalizes each space-separated token as the analyzer does: normalized, tone-canonical text
/// and whether it was capitalized.
fn syllables(text: &str) -> Vec<(String, bool)> {
    let (mut normalized, mut toned) = (String::new(), String::new());
    text.split_whitespace()
        .map(|raw| {
            normalize_word(raw, &mut normalized);
            let text = if canonicalize_tone(&normalized, &mut toned) {
                toned.clone()
            } else {
                normalized.clone()
            };
            (text, raw.chars().next().is_some_and(char::is_uppercase))
        })
        .collect()
}

/// Segments a run of syllables and writes words with `_` between their syllables.
fn seg(text: &str) -> String {
    let owned = syllables(text);
    let run: Vec<Syllable<'_>> = owned
        .iter()
        .map(|(t, c)| Syllable {
            text: t,
            capitalized: *c,
        })
        .collect();
    let lengths = segment(&run);
    assert_eq!(lengths.iter().sum::<usize>(), run.len());
    let mut words = Vec::new();
    let mut i = 0;
    for len in lengths {
        let word: Vec<&str> = run[i..i + len].iter().map(|s| s.text).collect();
        words.push(word.join("_"));
        i += len;
    }
    words.join(" ")
}

fn canon(s: &str) -> String {
    let mut out = String::new();
    if canonicalize_tone(s, &mut out) {
        out
    } else {
        assert!(out.is_empty(), "{s}: out must stay empty when unchanged");
        s.to_string()
    }
}

#[test]
fn tone_variants_meet_in_the_new_style() {
    for (old, new) in [
        ("hòa", "hoà"),
        ("hóa", "hoá"),
        ("thúy", "thuý"),
        ("thủy", "thuỷ"),
        ("khỏe", "khoẻ"),
        ("tòa", "toà"),
        ("ủy", "uỷ"),
        ("nhòa", "nhoà"),
        ("ngụy", "nguỵ"),
        ("lũy", "luỹ"),
        ("òa", "oà"),
    ] {
        assert_eq!(canon(old), new, "{old}");
        assert_eq!(canon(new), new, "{new} is canonical");
    }
}

#[test]
fn misplaced_tones_move_to_the_main_vowel() {
    assert_eq!(canon("qùy"), "quỳ"); // `qu` is the initial
    assert_eq!(canon("qúa"), "quá");
    assert_eq!(canon("gìa"), "già"); // `gi` is the initial
    assert_eq!(canon("gịa"), "giạ");
    assert_eq!(canon("nguời"), "nguời"); // `uơi` is no Vietnamese rhyme: left alone
    assert_eq!(canon("ngừơi"), "người"); // shape-marked vowel: the last of `ươ`
    assert_eq!(canon("hòang"), "hoàng"); // closed syllable: second vowel
    assert_eq!(canon("húynh"), "huýnh");
    assert_eq!(canon("tùyêt"), "tuyềt");
    assert_eq!(canon("òai"), "oài"); // three vowels: the middle one
    assert_eq!(canon("mìa"), "mìa");
    assert_eq!(canon("miá"), "mía"); // falling diphthong: the first vowel
    assert_eq!(canon("muà"), "mùa");
    assert_eq!(canon("haì"), "hài");
}

#[test]
fn canonical_syllables_stay_unchanged() {
    let mut out = String::from("garbage");
    for s in [
        "hoàng",
        "huỳnh",
        "tuyết",
        "người",
        "rượu",
        "khuỷu",
        "ngoẹo",
        "mía",
        "múa",
        "hài",
        "cháu",
        "quý",
        "quỳnh",
        "già",
        "giường",
        "gì",
        "thuở",
        "khuya",
        "xoáy",
        "hoài",
        "việt",
        "đắk",
        "nghiêng",
    ] {
        assert!(!canonicalize_tone(s, &mut out), "{s} -> {out}");
        assert!(out.is_empty());
    }
}

#[test]
fn non_vietnamese_words_pass_through() {
    let mut out = String::new();
    for s in [
        "",
        "kremlin",
        "putin",
        "café",
        "résumé",
        "néon",
        "naïve",
        "Hòa",
        "HOÀ",
        "hòà",
        "2025",
        "-",
        "hoà-bình",
        "nguời",
        "москва",
        "بوتين",
        "ḿ",
        "aàaàaàaàaàaàaàaàaà",
    ] {
        assert!(!canonicalize_tone(s, &mut out), "{s} -> {out}");
        assert!(out.is_empty());
    }
}

/// The syllable without tone marks, and its tone marks in order (NFD).
fn letters_and_tones(s: &str) -> (String, String) {
    use unicode_normalization::UnicodeNormalization;
    let is_tone = |c: &char| matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
    let letters = s.nfd().filter(|c| !is_tone(c)).nfc().collect();
    (letters, s.nfd().filter(is_tone).collect())
}

#[test]
fn canonicalization_is_idempotent_on_every_toned_vowel_pair() {
    // Every syllable of an initial, one or two vowels (each with any tone) and a final:
    // whatever the input, the output is canonical (a second pass changes nothing) and keeps the
    // letters and the tone.
    let vowels: Vec<char> =
        "aăâeêioôơuưyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
            .chars()
            .collect();
    let mut checked = 0;
    for initial in ["", "h", "ng", "qu", "gi", "th"] {
        for &v1 in &vowels {
            for v2 in std::iter::once(None).chain(vowels.iter().copied().map(Some)) {
                for fin in ["", "n", "ng", "ch"] {
                    let s: String = format!(
                        "{initial}{v1}{}{fin}",
                        v2.map(String::from).unwrap_or_default()
                    );
                    let once = canon(&s);
                    assert_eq!(canon(&once), once, "{s}");
                    assert_eq!(
                        letters_and_tones(&once),
                        letters_and_tones(&s),
                        "{s} -> {once}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 10_000);
}

#[test]
fn summit_is_two_words() {
    assert_eq!(seg("hội nghị thượng đỉnh"), "hội_nghị thượng_đỉnh");
    assert_eq!(seg("Hội nghị thượng đỉnh"), "hội_nghị thượng_đỉnh");
}

#[test]
fn empty_and_single_runs() {
    assert!(segment(&[]).is_empty());
    let one = [Syllable {
        text: "nga",
        capitalized: true,
    }];
    assert_eq!(segment(&one), vec![1]);
}

#[test]
fn both_tone_styles_segment_alike() {
    assert_eq!(seg("mang lại hòa bình"), "mang lại hoà_bình");
    assert_eq!(seg("mang lại hoà bình"), "mang lại hoà_bình");
    assert_eq!(seg("sức khỏe cộng đồng"), seg("sức khoẻ cộng đồng"));
}

#[test]
fn seed_article_sentences() {
    // testdata/seeds/004: runs between punctuation marks, as the analyzer passes them.
    assert_eq!(
        seg("Người phát ngôn Điện Kremlin Dmitry Peskov nói rằng Tổng thống Nga Vladimir Putin và Tổng thống Mỹ Donald Trump đã chỉ đạo các trợ lý chuẩn bị cho hội nghị thượng đỉnh song phương"),
        "người phát_ngôn điện kremlin_dmitry_peskov nói rằng tổng_thống nga vladimir_putin và \
         tổng_thống mỹ donald_trump đã chỉ_đạo các trợ_lý chuẩn_bị cho hội_nghị thượng_đỉnh song_phương"
    );
    assert_eq!(
        seg("Ông Peskov cho biết các nhà lãnh đạo sẽ tiếp tục trao đổi về hội nghị thượng đỉnh"),
        "ông peskov cho biết các nhà lãnh_đạo sẽ tiếp_tục trao_đổi về hội_nghị thượng_đỉnh"
    );
    assert_eq!(
        seg("phải làm mọi thứ để chấm dứt chiến tranh và mang lại hòa bình"),
        "phải làm mọi thứ để chấm_dứt chiến_tranh và mang lại hoà_bình"
    );
    assert_eq!(
        seg("đánh dấu lần liên lạc đầu tiên được biết đến giữa lãnh đạo Mỹ và Nga kể từ khi xung đột Ukraine bùng phát vào tháng"),
        "đánh_dấu lần liên_lạc đầu_tiên được biết đến giữa lãnh_đạo mỹ và nga kể từ khi xung_đột ukraine bùng_phát vào tháng"
    );
}

#[test]
fn names_are_one_word_and_common_words_before_them_are_not() {
    assert_eq!(
        seg("Hà Nội là thủ đô của Việt Nam"),
        "hà_nội là thủ_đô của việt_nam"
    );
    assert_eq!(seg("anh Nguyễn Văn An về quê"), "anh nguyễn_văn_an về quê");
    assert_eq!(seg("Ông Nguyễn Văn An về quê"), "ông nguyễn_văn_an về quê");
}

/// Sentences of the UD_Vietnamese-VTB dev file (sent_id dev-202 to dev-215; CC BY-SA 4.0,
/// https://github.com/UniversalDependencies/UD_Vietnamese-VTB), gold words joined by `_`.
/// Runs are split at punctuation and numbers as the analyzer splits them.
const VTB_DEV_EXCERPT: &str = "\
Các anh biết không , lúc đó tôi thấy mình có lỗi vô_cùng .
Người sĩ_quan tham_mưu nhắc ; - đồng_chí Thanh bình_tĩnh nói đi .
Một lần nọ , biết chị một_mực đòi quay về quê_hương , giáo_sư Glen_White liền bày_tỏ ý_định xin nhận chị làm con_nuôi và giúp chị ở lại Mỹ .
Tôi cầm cây bút , đứng sững trước tấm bản_đồ rất lâu .
Đại_tướng đưa cho tôi một cây bút_chì vót nhọn : - Đây , đồng_chí báo_cáo đi , chỉ rõ từng chỗ trên bản_đồ ...
Người sĩ_quan tham_mưu dẹp mấy cái cốc và trải ra trên mặt bàn một tấm bản_đồ lớn .
Nhất_là nói kỹ tình_hình ven biển từ Khánh_Hòa vào tới Mũi_Đèn .
Bây_giờ đồng_chí Thanh kể chuyện cho chúng_tôi nghe đã .
Cha_mẹ của Mai đều là thanh_niên xung_phong từng tham_gia chiến_đấu chống Mỹ tại chiến_trường đường 9 nam lào ( Quảng_Bình , Quảng_Trị ) những năm_tháng ác_liệt , gian_khổ nhất ( 1971 - 1973 ) , cả hai đều cùng đơn_vị , gặp nhau , cưới nhau năm 1974 .
Vừa nói_chuyện với chúng_tôi , vợ Mười vừa cân mấy con thú của một người đàn_ông bẫy được mang đến bán .
Vợ Mười bảo nên lấy mấy con này về nuôi làm cảnh cho sinh_động .";

#[test]
fn vtb_dev_excerpt_word_f1() {
    let (mut tp, mut predicted, mut gold) = (0usize, 0usize, 0usize);
    for line in VTB_DEV_EXCERPT.lines() {
        // Runs of letter words; gold word spans in syllables.
        let mut runs: Vec<Vec<&str>> = vec![Vec::new()];
        for w in line.split(' ') {
            if w.chars().all(|c| c.is_alphabetic() || c == '_') {
                runs.last_mut().unwrap().push(w);
            } else {
                runs.push(Vec::new());
            }
        }
        for run in runs.into_iter().filter(|r| !r.is_empty()) {
            let text = run.join(" ").replace('_', " ");
            let spans = |words: &mut dyn Iterator<Item = usize>| {
                let mut at = 0;
                words
                    .map(|len| {
                        at += len;
                        (at - len, at)
                    })
                    .collect::<std::collections::HashSet<_>>()
            };
            let want = spans(&mut run.iter().map(|w| w.split('_').count()));
            let got = spans(&mut seg(&text).split(' ').map(|w| w.split('_').count()));
            tp += want.intersection(&got).count();
            predicted += got.len();
            gold += want.len();
        }
    }
    let (p, r) = (tp as f64 / predicted as f64, tp as f64 / gold as f64);
    let f1 = 2.0 * p * r / (p + r);
    // Every-syllable-a-word scores 0.73 here; the segmenter gets most of these right.
    assert!(f1 >= 0.95, "F1 {f1:.3} (P {p:.3} R {r:.3})");
}

#[test]
fn shipped_model_parses_completely() {
    let m = segment::model();
    assert_eq!(m.unparsed, 0);
}

proptest! {
    #[test]
    fn canonicalize_never_panics(s in "\\PC{0,12}") {
        let mut out = String::new();
        let changed = canonicalize_tone(&s, &mut out);
        prop_assert_eq!(changed, !out.is_empty());
        if changed {
            let mut again = String::new();
            prop_assert!(!canonicalize_tone(&out, &mut again), "{} -> {} -> {}", s, out, again);
        }
    }

    #[test]
    fn canonicalize_never_panics_on_vietnamese_letters(s in "[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]{0,9}") {
        let mut out = String::new();
        if canonicalize_tone(&s, &mut out) {
            let mut again = String::new();
            prop_assert!(!canonicalize_tone(&out, &mut again), "{} -> {} -> {}", s, out, again);
            prop_assert_eq!(out.chars().count(), s.chars().count());
        }
    }

    #[test]
    fn segment_lengths_cover_the_run(
        words in prop::collection::vec(
            (prop::sample::select(vec![
                "hội", "nghị", "thượng", "đỉnh", "hà", "nội", "việt", "nam", "ông", "nga",
                "vladimir", "tổng", "thống", "", "x", "a b", "🙂", "người", "phát", "ngôn",
            ]), any::<bool>()),
            0..40,
        )
    ) {
        let run: Vec<Syllable<'_>> = words
            .iter()
            .map(|&(text, capitalized)| Syllable { text, capitalized })
            .collect();
        let lengths = segment(&run);
        prop_assert_eq!(lengths.iter().sum::<usize>(), run.len());
        prop_assert!(lengths.iter().all(|&l| l >= 1));
    }

    #[test]
    fn segment_never_panics_on_any_text(
        words in prop::collection::vec(("\\PC{0,6}", any::<bool>()), 0..30)
    ) {
        let run: Vec<Syllable<'_>> = words
            .iter()
            .map(|(text, capitalized)| Syllable { text, capitalized: *capitalized })
            .collect();
        let lengths = segment(&run);
        prop_assert_eq!(lengths.iter().sum::<usize>(), run.len());
        prop_assert!(lengths.iter().all(|&l| l >= 1));
    }
}
