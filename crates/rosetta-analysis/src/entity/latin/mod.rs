//! Latin-script names to phone strings (see [`super::phonetic`]).
//!
//! A Latin spelling does not say how to pronounce it: `j` is `дж` in `John`, `й` in `Jahn`, `х`
//! in `Jiménez`, `ж` in `Jacques`; `ch` is `ч`, `х`, `ш` or `к`. Russian and Arabic writers
//! transliterate by the name's origin, so the reader here produces one phone string per
//! *reading* (English, German, French, Italian, Spanish, and Japanese Hepburn when the word is
//! made of Japanese syllables); the resolver keys every distinct result. Most names read the same
//! in every reading, so most get one key per tier.

mod french;
mod phones;
mod syllabic;

pub(crate) use phones::phones;

/// How to read an ambiguous Latin spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// English (also the default for letters no other reading claims).
    English,
    /// German, Dutch, Scandinavian, West Slavic (`j` = `й`, `ch` = `х`, `ei` = `ай`).
    German,
    /// French and Portuguese (`j` = `ж`, `ch` = `ш`, `ou` = `у`, silent final `e`).
    French,
    /// Italian (`ci` = `чи`, `ch` = `к`, `gi` = `джи`, `z` = `ц`).
    Italian,
    /// Spanish (`j` = `х`, `ll` = `ль`).
    Spanish,
    /// Japanese Hepburn romanization read as Russian does (Polivanov: `shi` = `си`).
    Japanese,
    /// Hungarian (`sz` = `с`, `s` = `ш`, `cs` = `ч`, `zs` = `ж`, `gy` = `дь`), tried only for
    /// words with those digraphs (see [`is_hungarian`]).
    Hungarian,
    /// Japanese Hepburn read as English and Arabic writers do (`shi` = `شي`, `w` = `و`, a final
    /// `e` heard: `Kawatake` = `كاواتاكي`), tried with [`Reading::Japanese`].
    Hepburn,
    /// English with the `h` of `th`, `dh`, `gh`, `kh`, `ph` heard apart, as in names from
    /// Arabic (`Fethi` = `فتحي`), Indian and Thai names (`Sudheer` = `Судхир`,
    /// `Thongsing` = `Тхонгсинг`), and English compounds (`Rockingham`); see [`has_aspirate`].
    Aspirated,
    /// West and South Slavic (German letters, but `c` = `ц` everywhere, `z` = `з`, `cz` = `ч`,
    /// `sz` = `ш`): `Belec` = `Белец`, `Nejc` = `Нейц`; see [`is_slavic`].
    Slavic,
    /// Turkish (English letters, but `c` = `дж`, `j` = `ж`): `Demirci` = `Демирджи`,
    /// `Damgacı` = `دامجاجي`; tried for words with Turkish letters or suffixes (see `keys.rs`).
    Turkish,
    /// Portuguese (French letters without French silent endings, and a final `s` = `ш`):
    /// `Meireles` = `Мейрелиш`; tried for words ending in `-es`, `-as`, `-os` (see `keys.rs`).
    Portuguese,
}

/// The readings tried for every word (Japanese only when [`is_japanese`] says so).
pub(crate) const READINGS: [Reading; 5] = [
    Reading::English,
    Reading::German,
    Reading::French,
    Reading::Italian,
    Reading::Spanish,
];

/// Letters after [`prepare`]: ASCII lower-case letters still to be read, and upper-case bytes
/// for letters whose diacritic already decided the sound (`š` -> `S`).
#[inline]
fn is_v(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

#[inline]
fn is_vy(b: u8) -> bool {
    is_v(b) || b == b'y'
}

#[inline]
fn is_cons(b: u8) -> bool {
    b != 0 && !is_vy(b)
}

/// Turns a normalized (lower-case, NFC) Latin word into letters for [`phones`]: diacritics are
/// folded, except those that decide a sound (`č š ž ñ ł ř`), which become phone bytes. Returns
/// `false` when the word is not a Latin-letter word (digits, other scripts).
pub(crate) fn prepare(word: &str, out: &mut Vec<u8>) -> bool {
    out.clear();
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word);
    for c in word.chars() {
        let mapped: &[u8] = match c {
            'a'..='z' => {
                out.push(c as u8);
                continue;
            }
            '\'' | '-' | '.' => continue,
            'á' | 'à' | 'â' | 'ã' | 'ā' | 'ă' | 'ą' | 'å' => b"a",
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ě' | 'ę' | 'ė' | 'ä' | 'æ' | 'ö' | 'ø' | 'œ' | 'ő' => {
                b"e"
            }
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => b"i",
            'ó' | 'ò' | 'ô' | 'õ' | 'ō' => b"o",
            'ú' | 'ù' | 'û' | 'ū' | 'ů' | 'ű' | 'ü' | 'ų' => b"u",
            'ý' | 'ÿ' => b"y",
            'ç' => b"Q",
            'č' | 'ć' => b"C",
            'š' | 'ș' | 'ş' => b"S",
            'ž' | 'ż' => b"Z",
            // Polish soft `ś ź` are `сь зь` in Russian (`Oleśnicki` = `Олесницкий`).
            'ś' => b"s",
            'ź' => b"z",
            'ț' | 'ţ' => b"T",
            'ř' => b"R",
            'ñ' | 'ń' | 'ň' => b"N",
            'ł' | 'ľ' | 'ĺ' => b"l",
            'đ' => b"J",
            'ð' | 'ď' => b"d",
            'þ' | 'ť' => b"t",
            'ŕ' => b"r",
            'ß' => b"ss",
            'ğ' => b"g",
            'ħ' => b"h",
            'ġ' => b"g",
            'ċ' => b"C",
            _ => {
                // Other letters with marks (`ļ ķ ņ ģ` of Latvian, ...): the base letter.
                let mut base = None;
                unicode_normalization::char::decompose_canonical(c, |d| {
                    if base.is_none() {
                        base = Some(d);
                    }
                });
                match base {
                    Some(b) if b.is_ascii_lowercase() => {
                        out.push(b as u8);
                        continue;
                    }
                    _ => return false,
                }
            }
        };
        out.extend_from_slice(mapped);
    }
    // Slavic patronymic and surname endings: `-vić`, `-vic`, `-vich`, `-wicz` = `-вич`.
    for (ending, keep) in [(&b"vich"[..], 2), (b"vych", 2), (b"wicz", 2), (b"ic", 1)] {
        let n = out.len();
        if n > ending.len() + 1 && out.ends_with(ending) {
            if keep == 1
                && !matches!(
                    out[n - 3],
                    b'n' | b'v' | b't' | b'l' | b'j' | b's' | b'd' | b'k'
                )
            {
                continue;
            }
            out.truncate(n - ending.len() + keep);
            out.push(b'C');
            break;
        }
    }
    !out.is_empty()
}

/// Whether the readings may differ on these letters: a letter or digraph some reading treats
/// its own way (`j c g h q w z ç`, vowel pairs, `ll`, `st`, a final `e` or French silent final
/// consonant). Most names have none and are read once.
pub(crate) fn is_ambiguous(letters: &[u8]) -> bool {
    if let Some(&last) = letters.last() {
        if matches!(last, b'e' | b's' | b'x' | b't' | b'd' | b'r') {
            return true;
        }
    }
    letters.windows(2).any(|w| {
        matches!(
            w,
            [b'j' | b'c' | b'g' | b'h' | b'q' | b'w' | b'z' | b'Q', _]
                | [_, b'j' | b'c' | b'g' | b'h' | b'q' | b'w' | b'z' | b'Q']
                | b"ai"
                | b"ay"
                | b"au"
                | b"ae"
                | b"ee"
                | b"ea"
                | b"ei"
                | b"ey"
                | b"eu"
                | b"ie"
                | b"oo"
                | b"ou"
                | b"oe"
                | b"oi"
                | b"ue"
                | b"ll"
                | b"st"
                | b"sp"
        )
    }) || matches!(
        letters,
        [b'j' | b'c' | b'g' | b'h' | b'q' | b'w' | b'z' | b'Q']
    )
}

/// Whether a consonant and `h` before a vowel may be two sounds (`Fethi`, `Sudheer`): `th`, `dh`,
/// `gh`, `kh`, `ph`.
pub(crate) fn has_aspirate(letters: &[u8]) -> bool {
    letters
        .windows(3)
        .any(|w| matches!(w[0], b't' | b'd' | b'g' | b'k' | b'p') && w[1] == b'h' && is_vy(w[2]))
        && !letters.windows(3).any(|w| w == b"sch")
}

/// Whether a `c` may be the `ц` of West and South Slavic spelling: at the end of the word or
/// before a consonant (`Belec`, `Václavík`, Polish `-cki`), or anywhere in a word with a Slavic
/// letter (`Švorcová`); not in `ch`, `ck`, `cz`, `cs`, `sc` or `Mc`.
pub(crate) fn is_slavic(letters: &[u8], marked: bool) -> bool {
    let marked = marked
        || letters
            .iter()
            .any(|&b| matches!(b, b'S' | b'Z' | b'C' | b'R'));
    let n = letters.len();
    (0..n).any(|i| {
        let next = letters.get(i + 1).copied().unwrap_or(0);
        let prev = if i > 0 { letters[i - 1] } else { 0 };
        letters[i] == b'c'
            && !matches!(next, b'h' | b'c' | b'q' | b'z' | b's')
            && prev != b's'
            && !(i == 1 && prev == b'm')
            && (marked
                || next == 0
                || (next == b'k' && i + 3 == n && matches!(letters[n - 1], b'i' | b'a' | b'y'))
                || (next != b'k' && is_cons(next)))
    })
}

/// Whether the letters have a digraph of Hungarian spelling (`sz`, `cs`, `zs`, `gy`).
pub(crate) fn is_hungarian(letters: &[u8]) -> bool {
    letters
        .windows(2)
        .any(|w| matches!(w, b"sz" | b"cs" | b"zs" | b"gy"))
}

/// Whether the letters read as Japanese Hepburn romanization: a sequence of syllables
/// `(C)(y)V(V)(n)` with Japanese consonants only, at least three syllables or 5 letters.
pub(crate) fn is_japanese(letters: &[u8]) -> bool {
    let n = letters.len();
    if n < 4 {
        return false;
    }
    let mut i = 0;
    let mut syllables = 0;
    while i < n {
        let at = |k: usize| letters.get(k).copied().unwrap_or(0);
        // Onset.
        let c = at(i);
        if !is_v(c) {
            let two = [c, at(i + 1)];
            let len = match &two {
                b"sh" | b"ch" | b"ts" => 2,
                [b'k' | b'g' | b'n' | b'h' | b'm' | b'r' | b'b' | b'p', b'y'] => 2,
                [b'k' | b's' | b't' | b'p', d] if *d == c => 1, // geminate: `tt` of `Hattori`
                _ => match c {
                    b'k' | b's' | b't' | b'n' | b'h' | b'm' | b'y' | b'r' | b'w' | b'g' | b'z'
                    | b'd' | b'b' | b'p' | b'f' | b'j' => 1,
                    _ => return false,
                },
            };
            if len == 1 && at(i + 1) == c && matches!(c, b'k' | b's' | b't' | b'p') {
                i += 1;
                continue;
            }
            i += len;
        }
        if !is_v(at(i)) {
            return false;
        }
        i += 1;
        if is_v(at(i))
            && matches!(
                (at(i - 1), at(i)),
                (b'o', b'u')
                    | (b'u', b'u')
                    | (b'e', b'i')
                    | (b'a', b'a')
                    | (b'o', b'o')
                    | (b'i', b'i')
                    | (b'a', b'i')
                    | (b'u', b'i')
                    | (b'o', b'i')
                    | (b'a', b'e')
                    | (b'a', b'o')
                    | (b'a', b'u')
                    | (b'i', b'o')
                    | (b'i', b'e')
                    | (b'e', b'o')
                    | (b'u', b'e')
                    | (b'o', b'e')
            )
        {
            // A long vowel or a vowel sequence (`Satou`, `Inoue`).
            i += 1;
        }
        if at(i) == b'n' && !is_vy(at(i + 1)) {
            i += 1;
        }
        syllables += 1;
    }
    syllables >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ph(word: &str, r: Reading) -> String {
        let mut letters = Vec::new();
        assert!(prepare(word, &mut letters));
        let mut out = Vec::new();
        phones(&letters, r, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn readings_differ_where_origin_matters() {
        assert_eq!(ph("john", Reading::English), "Jon");
        assert_eq!(ph("jahn", Reading::German), "yan");
        assert_eq!(ph("schübler", Reading::German), "Subler");
        assert_eq!(ph("peskov", Reading::English), "peskov");
        assert_eq!(ph("gillibert", Reading::French), "Zilliber");
        assert_eq!(ph("kazuyoshi", Reading::Japanese), "kadzuyosi");
    }

    #[test]
    fn unambiguous_words_read_the_same_in_every_reading() {
        let mut l = Vec::new();
        let mut first = Vec::new();
        let mut other = Vec::new();
        for w in [
            "peskov",
            "putin",
            "trump",
            "rubio",
            "dmitri",
            "kremlin",
            "bettina",
            "mamilianus",
            "aleliūnaitė",
            "muñoz",
            "sobczak",
            "idelsohn",
            "tavoularis",
            "bujnicki",
            "vitellozzo",
            "koolhoven",
            "mumtaz",
            "lebbink",
            "fanego",
            "nava",
            "imich",
            "birbilas",
            "padovese",
        ] {
            prepare(w, &mut l);
            if is_ambiguous(&l) {
                continue;
            }
            phones(&l, Reading::English, &mut first);
            for r in READINGS {
                phones(&l, r, &mut other);
                assert_eq!(first, other, "{w} {r:?}");
            }
        }
    }

    #[test]
    fn japanese_words_are_recognized() {
        let mut l = Vec::new();
        for w in ["kazuyoshi", "hishida", "morikubo", "tametsugu", "nakamura"] {
            prepare(w, &mut l);
            assert!(is_japanese(&l), "{w}");
        }
        for w in ["peskov", "schwarz", "trump", "williams"] {
            prepare(w, &mut l);
            assert!(!is_japanese(&l), "{w}");
        }
    }

    #[test]
    fn non_latin_words_are_refused() {
        let mut l = Vec::new();
        assert!(!prepare("g7", &mut l));
        assert!(!prepare("песков", &mut l));
    }
}
