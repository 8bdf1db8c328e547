//! Cyrillic names to phone strings, and the Russian case endings names take.
//!
//! Transliteration is letter by letter (Russian, plus the letters of Ukrainian, Belarusian,
//! Serbian and Macedonian), into the phone alphabet of [`super::phonetic`]: `е ё ю я` give a
//! glide only at the start of a word or after a vowel, `ь ъ` give nothing, `дз` is one phone
//! (Japanese `z` as Russian writes it). The precise key then merges what Latin spellings blur,
//! so `Дмитрий`, `Dmitri`, `Dmitry` and `Dmitriy` all give `dmitri`.
//!
//! Russian declines foreign names: `Песков`, `Пескова`, `Пескову`, `Песковым`, `Пескове`.
//! [`case_variants`] lists the nominative candidates of a word form; the resolver keys each (the
//! form itself is always one), so the declined forms meet the nominative without a stemmer.

/// Russian function and question words (normalized: `ё` = `е`), sorted for binary search.
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "а",
    "без",
    "более",
    "бы",
    "был",
    "был-ли",
    "была",
    "были",
    "было",
    "быть",
    "в",
    "вам",
    "вас",
    "ваш",
    "ваша",
    "ваше",
    "ваши",
    "весь",
    "вместе",
    "вне",
    "внутри",
    "во",
    "во-вторых",
    "во-первых",
    "вокруг",
    "все",
    "всего",
    "всех",
    "вся",
    "вы",
    "где",
    "где-то",
    "год",
    "года",
    "году",
    "да",
    "даже",
    "два",
    "две",
    "для",
    "до",
    "его",
    "ее",
    "ей",
    "ему",
    "если",
    "есть",
    "еще",
    "же",
    "за",
    "затем",
    "зачем",
    "здесь",
    "и",
    "из",
    "или",
    "им",
    "ими",
    "итак",
    "их",
    "к",
    "каждая",
    "каждый",
    "как",
    "какая",
    "какие",
    "каким",
    "какими",
    "каких",
    "каков",
    "какова",
    "каково",
    "каковы",
    "какого",
    "какое",
    "какой",
    "какой-то",
    "каком",
    "какому",
    "какую",
    "ко",
    "когда",
    "кого",
    "кому",
    "которая",
    "которого",
    "которое",
    "которой",
    "котором",
    "которые",
    "который",
    "которых",
    "кроме",
    "кроме-того",
    "кто",
    "куда",
    "лет",
    "ли",
    "либо",
    "между",
    "менее",
    "мое",
    "можно",
    "мои",
    "мой",
    "моя",
    "мы",
    "на",
    "над",
    "надо",
    "нам",
    "например",
    "нас",
    "наш",
    "наша",
    "наше",
    "наши",
    "не",
    "ней",
    "нем",
    "нет",
    "ни",
    "них",
    "но",
    "нужно",
    "о",
    "об",
    "обо",
    "один",
    "одна",
    "однако",
    "одно",
    "одного",
    "около",
    "он",
    "она",
    "они",
    "оно",
    "от",
    "откуда",
    "очень",
    "первая",
    "первое",
    "первый",
    "перед",
    "по",
    "под",
    "после",
    "потом",
    "почему",
    "почти",
    "поэтому",
    "при",
    "про",
    "против",
    "с",
    "сам",
    "сама",
    "сами",
    "само",
    "свое",
    "свои",
    "свой",
    "своя",
    "сейчас",
    "сколько",
    "со",
    "согласно",
    "среди",
    "та",
    "так",
    "также",
    "там",
    "те",
    "тех",
    "то",
    "тогда",
    "того",
    "той",
    "только",
    "том",
    "тот",
    "три",
    "тут",
    "ты",
    "уже",
    "хотя",
    "чего",
    "чей",
    "чем",
    "чему",
    "через",
    "что",
    "чтобы",
    "чье",
    "чьи",
    "чья",
    "эта",
    "эти",
    "этих",
    "это",
    "этого",
    "этой",
    "этом",
    "этот",
    "я",
    "является",
    "являются",
];

/// Whether `c` is a Cyrillic letter.
#[inline]
pub(crate) fn is_cyrillic(c: char) -> bool {
    crate::Script::of(c) == crate::Script::Cyrillic
}

#[inline]
fn is_cyr_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'і' | 'ї' | 'є'
    )
}

/// Writes the phones of a lower-case Cyrillic word into `out`. Returns `false` when the word has
/// a character that is not a Cyrillic letter.
pub(crate) fn phones(word: &str, out: &mut Vec<u8>) -> bool {
    out.clear();
    let mut prev: char = '\0';
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        // A glide before `е ё ю я є ї` at the start, after a vowel or after `ь ъ`.
        let glide = prev == '\0' || is_cyr_vowel(prev) || prev == 'ь' || prev == 'ъ';
        let mapped: &[u8] = match c {
            'а' => b"a",
            'б' => b"b",
            'в' => b"v",
            'г' | 'ґ' | 'ѓ' => b"g",
            'д' => match chars.peek() {
                Some('ж') => {
                    chars.next();
                    b"J"
                }
                Some('з') => {
                    chars.next();
                    b"dz"
                }
                _ => b"d",
            },
            'е' if prev == '\0' => b"e",
            'е' | 'є' => {
                if glide {
                    b"ye"
                } else {
                    b"e"
                }
            }
            'ё' => {
                if glide {
                    b"yo"
                } else {
                    b"o"
                }
            }
            'ж' => b"Z",
            'з' | 'ѕ' => b"z",
            'и' | 'і' => b"i",
            'ї' => b"yi",
            'й' | 'ј' => b"y",
            'к' | 'ќ' => b"k",
            'л' => b"l",
            'љ' => b"ly",
            'м' => b"m",
            'н' => b"n",
            'њ' => b"ny",
            'о' => b"o",
            'п' => b"p",
            'р' => b"r",
            'с' => b"s",
            'т' => b"t",
            'у' | 'ў' => b"u",
            'ф' => b"f",
            'х' => b"h",
            'ц' => b"c",
            'ч' | 'ћ' => b"C",
            'ш' => b"S",
            'щ' => b"S",
            'ъ' | 'ь' => b"",
            'ы' => b"i",
            'э' => b"e",
            'ю' => {
                if glide {
                    b"yu"
                } else {
                    b"u"
                }
            }
            'я' => {
                if glide {
                    b"ya"
                } else {
                    b"a"
                }
            }
            'ђ' | 'џ' => b"J",
            // `Д’Альто`, `Н’Джи`: apostrophes and hyphens inside a name.
            '\'' | '’' | 'ʼ' | '-' => b"",
            _ => return false,
        };
        out.extend_from_slice(mapped);
        prev = c;
    }
    !out.is_empty()
}

/// Calls `f` with the other phone strings a Russian spelling of a foreign name may stand for
/// (`phones` from [`phones`]; `out` is a buffer): an initial `у` before a vowel is English `w`
/// (`Уолтер` Walter, `Уонамейкер` Wanamaker); an initial `ё`, `ю` is German `ö`, `ü` or French
/// `u` (`Ёзгентюрк` Özgentürk, `Юланд` Ueland); `в` between a vowel and a consonant is the `u`
/// of Greek and Latin `au`, `eu` (`Авлий` Aulius, `Евпатий` Eupaty).
pub(crate) fn alternatives(phones: &[u8], out: &mut Vec<u8>, f: &mut dyn FnMut(&[u8])) {
    let is_v = super::phonetic::is_vowel;
    if phones.len() > 2 && phones[0] == b'u' && is_v(phones[1]) {
        out.clear();
        out.push(b'w');
        out.extend_from_slice(&phones[1..]);
        f(out);
    }
    if phones.len() > 2 && phones[0] == b'y' && matches!(phones[1], b'o' | b'u') {
        f(&phones[1..]);
    }
    // Dutch `sch` is `сх` (`Схепмакер` Scheepmaker); Czech and Greek initial `ch` before `l`,
    // `r` is `х` (`Хлум` Chlum, `Христофи` Christofi), which Latin readings give as `k`.
    if let Some(at) = phones.windows(2).position(|w| w == b"sh") {
        out.clear();
        out.extend_from_slice(&phones[..at]);
        out.push(b'S');
        out.extend_from_slice(&phones[at + 2..]);
        f(out);
    }
    if phones.len() > 3 && phones[0] == b'h' && matches!(phones[1], b'l' | b'r') {
        out.clear();
        out.push(b'k');
        out.extend_from_slice(&phones[1..]);
        f(out);
    }
    // Latin and Greek names lose or change their ending in Russian: `Цицерон` Cicero,
    // `Домнион` Domnio; `Луций` Lucio, `Поссидоний` Possidonio.
    if phones.len() > 4 && phones.ends_with(b"on") {
        f(&phones[..phones.len() - 1]);
    }
    if phones.len() > 4 && phones.ends_with(b"iy") {
        out.clear();
        out.extend_from_slice(&phones[..phones.len() - 1]);
        out.push(b'o');
        f(out);
    }
    let au = |i: usize| {
        phones[i] == b'v'
            && i > 0
            && matches!(phones[i - 1], b'a' | b'e')
            && phones.get(i + 1).is_some_and(|&p| !is_v(p) && p != b'y')
    };
    if (0..phones.len()).any(au) {
        out.clear();
        out.extend((0..phones.len()).map(|i| if au(i) { b'u' } else { phones[i] }));
        f(out);
    }
}

/// Russian case endings of names and what the nominative may end in instead (`""`: nothing).
/// Longest first; a word may match several.
const ENDINGS: &[(&str, &[&str])] = &[
    ("ского", &["ский"]),
    ("скому", &["ский"]),
    ("ским", &["ский"]),
    ("ском", &["ский"]),
    ("ской", &["ская", "ский"]),
    ("ского", &["ский"]),
    ("ого", &["", "ий", "ой"]),
    ("его", &["ий", "ей"]),
    ("ому", &["", "ий"]),
    ("ему", &["ий"]),
    ("ией", &["ия"]),
    ("ием", &["ий"]),
    ("ым", &[""]),
    ("им", &["", "ий"]),
    ("ом", &[""]),
    ("ем", &["", "ь", "й"]),
    ("ём", &["ь"]),
    ("ой", &["", "а"]),
    ("ей", &["ь", "я"]),
    ("ою", &["а"]),
    ("ии", &["ия", "ий"]),
    ("ию", &["ия"]),
    ("ия", &["ий"]),
    ("а", &[""]),
    ("я", &["", "ь", "й"]),
    ("у", &["", "а"]),
    ("ю", &["", "ь", "я"]),
    ("е", &["", "ь", "а"]),
    ("ы", &["а"]),
    ("и", &["ь", "я"]),
];

/// Calls `f` with each nominative candidate of the Cyrillic word `word` other than the word
/// itself (`Пескова` -> `Песков`; `Кремля` -> `Кремл`, `Кремль`; `России` -> `Россия`). At most
/// `limit` candidates; stems keep at least three letters.
pub(crate) fn case_variants(word: &str, limit: usize, buf: &mut String, f: &mut dyn FnMut(&str)) {
    let mut count = 0;
    for &(ending, replacements) in ENDINGS {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        if stem.chars().count() < 3 {
            continue;
        }
        for r in replacements {
            buf.clear();
            buf.push_str(stem);
            buf.push_str(r);
            if buf == word {
                continue;
            }
            f(buf);
            count += 1;
            if count >= limit {
                return;
            }
        }
        // Only the longest matching ending of each length class: `ского` excludes `ого`.
        if ending.chars().count() >= 2 {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ph(w: &str) -> String {
        let mut out = Vec::new();
        assert!(phones(w, &mut out));
        String::from_utf8(out).unwrap()
    }

    fn variants(w: &str) -> Vec<String> {
        let mut v = Vec::new();
        let mut buf = String::new();
        case_variants(w, 6, &mut buf, &mut |s| v.push(s.to_string()));
        v
    }

    #[test]
    fn function_words_are_sorted() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn transliterates_letters_and_glides() {
        assert_eq!(ph("песков"), "peskov");
        assert_eq!(ph("дмитрий"), "dmitriy");
        assert_eq!(ph("юрий"), "yuriy");
        assert_eq!(ph("шюблер"), "Subler");
        assert_eq!(ph("кадзуёси"), "kadzuyosi");
        assert_eq!(ph("кремль"), "kreml");
        assert!(!ph("трамп").is_empty());
    }

    #[test]
    fn declined_names_give_the_nominative() {
        assert!(variants("пескова").contains(&"песков".to_string()));
        assert!(variants("пескову").contains(&"песков".to_string()));
        assert!(variants("песковым").contains(&"песков".to_string()));
        assert!(variants("кремля").contains(&"кремль".to_string()));
        assert!(variants("кремле").contains(&"кремль".to_string()));
        assert!(variants("россии").contains(&"россия".to_string()));
        assert!(variants("путиным").contains(&"путин".to_string()));
        assert!(variants("ян").is_empty());
    }
}
