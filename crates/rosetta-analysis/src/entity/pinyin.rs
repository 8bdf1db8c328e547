//! Chinese names in Hanyu Pinyin, read as Russian writes them (the Palladius system):
//! `Xiaolei` = `Сяолэй`, `Zhongjian` = `Чжунцзянь`, `Qishan` = `Цишань`.
//!
//! A word is read this way only when it parses completely into Pinyin syllables that respect
//! which finals each initial takes (so `Peskov`, `Kazuyoshi` or `Tokyo` do not), and the result
//! only adds a precise key: Arabic follows other conventions for Chinese names.

/// Initial classes, by which finals they combine with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Labial,
    F,
    Dental,
    NasalLateral,
    Velar,
    Palatal,
    Sibilant,
    Retroflex,
    Y,
    W,
    Zero,
}

/// Initials, longest first, with their phones (see [`super::phonetic`]) and class.
const INITIALS: &[(&str, &str, Class)] = &[
    ("zh", "CZ", Class::Retroflex),
    ("ch", "C", Class::Retroflex),
    ("sh", "S", Class::Retroflex),
    ("b", "b", Class::Labial),
    ("p", "p", Class::Labial),
    ("m", "m", Class::Labial),
    ("f", "f", Class::F),
    ("d", "d", Class::Dental),
    ("t", "t", Class::Dental),
    ("n", "n", Class::NasalLateral),
    ("l", "l", Class::NasalLateral),
    ("g", "g", Class::Velar),
    ("k", "k", Class::Velar),
    ("h", "h", Class::Velar),
    ("j", "cz", Class::Palatal),
    ("q", "c", Class::Palatal),
    ("x", "s", Class::Palatal),
    ("r", "Z", Class::Retroflex),
    ("z", "cz", Class::Sibilant),
    ("c", "c", Class::Sibilant),
    ("s", "s", Class::Sibilant),
    ("y", "y", Class::Y),
    ("w", "v", Class::W),
];

/// Finals, longest first: spelling, phones after a consonant (Russian `я ю е` after a
/// consonant lose their glide), and the classes that take the final.
const FINALS: &[(&str, &str, &[Class])] = {
    use Class::*;
    &[
        ("iang", "an", &[NasalLateral, Palatal]),
        ("iong", "un", &[Palatal]),
        ("uang", "uan", &[Velar, Retroflex]),
        (
            "ang",
            "an",
            &[
                Labial,
                F,
                Dental,
                NasalLateral,
                Velar,
                Sibilant,
                Retroflex,
                Y,
                W,
                Zero,
            ],
        ),
        (
            "eng",
            "en",
            &[
                Labial,
                F,
                Dental,
                NasalLateral,
                Velar,
                Sibilant,
                Retroflex,
                W,
                Zero,
            ],
        ),
        ("ing", "in", &[Labial, Dental, NasalLateral, Palatal, Y]),
        (
            "ong",
            "un",
            &[Dental, NasalLateral, Velar, Sibilant, Retroflex, Y],
        ),
        ("iao", "ao", &[Labial, Dental, NasalLateral, Palatal]),
        ("ian", "an", &[Labial, Dental, NasalLateral, Palatal]),
        ("uai", "uay", &[Velar, Retroflex]),
        (
            "uan",
            "uan",
            &[Dental, NasalLateral, Velar, Palatal, Sibilant, Retroflex, Y],
        ),
        (
            "ai",
            "ay",
            &[
                Labial,
                Dental,
                NasalLateral,
                Velar,
                Sibilant,
                Retroflex,
                W,
                Zero,
            ],
        ),
        (
            "ei",
            "ey",
            &[
                Labial,
                F,
                Dental,
                NasalLateral,
                Velar,
                Sibilant,
                Retroflex,
                W,
                Zero,
            ],
        ),
        (
            "ao",
            "ao",
            &[
                Labial,
                Dental,
                NasalLateral,
                Velar,
                Sibilant,
                Retroflex,
                Y,
                Zero,
            ],
        ),
        (
            "ou",
            "ou",
            &[F, Dental, NasalLateral, Velar, Sibilant, Retroflex, Y, Zero],
        ),
        (
            "an",
            "an",
            &[
                Labial,
                F,
                Dental,
                NasalLateral,
                Velar,
                Sibilant,
                Retroflex,
                Y,
                W,
                Zero,
            ],
        ),
        (
            "en",
            "en",
            &[Labial, F, NasalLateral, Velar, Sibilant, Retroflex, W, Zero],
        ),
        ("er", "er", &[Zero]),
        ("ia", "a", &[NasalLateral, Palatal]),
        ("ie", "e", &[Labial, Dental, NasalLateral, Palatal]),
        ("iu", "u", &[Dental, NasalLateral, Palatal]),
        ("in", "in", &[Labial, NasalLateral, Palatal, Y]),
        ("ua", "ua", &[Velar, Retroflex]),
        (
            "uo",
            "o",
            &[Dental, NasalLateral, Velar, Sibilant, Retroflex],
        ),
        ("ui", "uy", &[Dental, Velar, Sibilant, Retroflex]),
        (
            "un",
            "un",
            &[Dental, NasalLateral, Velar, Palatal, Sibilant, Retroflex, Y],
        ),
        ("ue", "ue", &[NasalLateral, Palatal, Y]),
        (
            "a",
            "a",
            &[
                Labial,
                F,
                Dental,
                NasalLateral,
                Velar,
                Sibilant,
                Retroflex,
                Y,
                W,
                Zero,
            ],
        ),
        ("o", "o", &[Labial, F, W, Zero]),
        (
            "e",
            "e",
            &[Dental, NasalLateral, Velar, Sibilant, Retroflex, Y, Zero],
        ),
        (
            "i",
            "i",
            &[
                Labial,
                Dental,
                NasalLateral,
                Palatal,
                Sibilant,
                Retroflex,
                Y,
            ],
        ),
        (
            "u",
            "u",
            &[
                Labial,
                F,
                Dental,
                NasalLateral,
                Velar,
                Palatal,
                Sibilant,
                Retroflex,
                Y,
                W,
            ],
        ),
        ("v", "uy", &[NasalLateral]),
    ]
};

/// Writes the Palladius phones of `letters` (see [`super::latin::prepare`]) into `out` and
/// returns `true` when the whole word is Pinyin; otherwise returns `false` (`out` undefined).
pub(crate) fn phones(letters: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    if letters.len() < 3 || letters.len() > 24 || !plausible(letters) {
        return false;
    }
    syllables(letters, out, 0)
}

/// A cheap test most non-Pinyin words fail: only `n`, `g` (of `ng`) or `r` (of `er`) end a
/// syllable, so consonants meet only in `zh ch sh` or after such an ending.
fn plausible(letters: &[u8]) -> bool {
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'v');
    let Some(&last) = letters.last() else {
        return false;
    };
    if !(vowel(last) || matches!(last, b'n' | b'g' | b'r')) {
        return false;
    }
    letters.iter().enumerate().all(|(k, &b)| {
        if !b.is_ascii_lowercase() {
            return false;
        }
        let next = letters.get(k + 1).copied().unwrap_or(b'a');
        vowel(b)
            || vowel(next)
            || (matches!(b, b'z' | b'c' | b's') && next == b'h')
            || b == b'n'
            || b == b'r'
            || (b == b'g' && k > 0 && letters[k - 1] == b'n')
    })
}

fn syllables(rest: &[u8], out: &mut Vec<u8>, depth: usize) -> bool {
    if rest.is_empty() {
        return depth > 0;
    }
    if depth >= 8 {
        return false;
    }
    let mark = out.len();
    let (ilen, iph, class) = INITIALS
        .iter()
        .find(|(s, _, _)| rest.starts_with(s.as_bytes()))
        .map_or((0, "", Class::Zero), |&(s, ph, c)| (s.len(), ph, c));
    if class == Class::Zero && depth > 0 {
        // A syllable without initial inside a word is written after an apostrophe (`Xi'an`).
        return false;
    }
    let after = &rest[ilen..];
    for &(fin, fph, classes) in FINALS {
        if !after.starts_with(fin.as_bytes()) || !classes.contains(&class) {
            continue;
        }
        out.truncate(mark);
        out.extend_from_slice(iph.as_bytes());
        push_final(out, class, fin, fph);
        if syllables(&after[fin.len()..], out, depth + 1) {
            return true;
        }
    }
    out.truncate(mark);
    false
}

/// The phones of a final after an initial of `class`.
fn push_final(out: &mut Vec<u8>, class: Class, fin: &str, ph: &str) {
    let ph: &str = match (class, fin) {
        // `ju` = `цзюй`, `xue` = `сюэ`, `quan` = `цюань`, `jun` = `цзюнь`.
        (Class::Palatal, "u") => "uy",
        // `y` finals keep the glide: `ya` = `я`, `you` = `ю`, `yi` = `и`, `yu` = `юй`.
        (Class::Y, "i") | (Class::Y, "in") | (Class::Y, "ing") => {
            out.pop();
            ph
        }
        (Class::Y, "ou") => "u",
        (Class::Y, "u") => "uy",
        (Class::Y, "ong") => "un",
        // `wu` = `у`.
        (Class::W, "u") => {
            out.pop();
            "u"
        }
        // `hui` = `хуэй`.
        (Class::Velar, "ui") => "uey",
        _ => ph,
    };
    out.extend_from_slice(ph.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ph(w: &str) -> Option<String> {
        let mut out = Vec::new();
        phones(w.as_bytes(), &mut out).then(|| String::from_utf8(out).unwrap())
    }

    fn cyr(w: &str) -> String {
        let mut out = Vec::new();
        assert!(super::super::cyrillic::phones(w, &mut out));
        let mut s = String::new();
        super::super::phonetic::precise_key(&out, &mut s);
        s
    }

    fn lat(w: &str) -> String {
        let mut s = String::new();
        super::super::phonetic::precise_key(ph(w).unwrap().as_bytes(), &mut s);
        s
    }

    #[test]
    fn pinyin_meets_palladius() {
        // Pairs from names/wd_russian_80 (NETransliteration-COLING2018, CC0).
        for (latin, russian) in [
            ("xiaolei", "сяолэй"),
            ("zhongjian", "чжунцзянь"),
            ("qishan", "цишань"),
            ("jingchu", "цзинчу"),
            ("shijing", "шицзин"),
            ("xiaoxuan", "сяосюань"),
            ("zhengsheng", "чжэншэн"),
            ("jian", "цзянь"),
        ] {
            assert_eq!(lat(latin), cyr(russian), "{latin}");
        }
    }

    #[test]
    fn other_names_are_not_pinyin() {
        for w in [
            "peskov",
            "kazuyoshi",
            "tokyo",
            "trump",
            "dmitri",
            "kremlin",
            "rubio",
        ] {
            assert!(ph(w).is_none(), "{w}");
        }
    }
}
