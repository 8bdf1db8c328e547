//! The phone readers of the alphabetic readings (English, German, French, Italian, Spanish and
//! their variants): one rule table over the letters, each rule saying which readings it is for.

use super::french::french_end;
use super::syllabic::{hepburn, hungarian, japanese};
use super::*;

/// Writes the phone string of `letters` (from [`prepare`]) under `reading` into `out`.
pub(crate) fn phones(letters: &[u8], reading: Reading, out: &mut Vec<u8>) {
    out.clear();
    if reading == Reading::Japanese {
        japanese(letters, out);
        return;
    }
    if reading == Reading::Hungarian {
        hungarian(letters, out);
        return;
    }
    if reading == Reading::Hepburn {
        hepburn(letters, out);
        return;
    }
    use Reading::*;
    // The reading the variants start from; `variant` says what they change.
    let variant = reading;
    let reading = match reading {
        Aspirated | Turkish => English,
        Slavic => German,
        Portuguese => French,
        r => r,
    };
    let long = letters.len() >= 6;
    // `-et`, `-er` of French: the `e` before the silent consonant is heard (`Bourget` = `بورجيه`).
    let (letters, final_e_heard) = if variant == French {
        french_end(letters, long)
    } else {
        (letters, false)
    };
    let n = letters.len();
    let at = |k: usize| letters.get(k).copied().unwrap_or(0);
    let mut i = 0;
    while i < n {
        let c = letters[i];
        let n1 = at(i + 1);
        let n2 = at(i + 2);
        let prev = if i > 0 { letters[i - 1] } else { 0 };
        // Letters consumed by this step.
        let mut step = 1;
        match c {
            b'a' => match n1 {
                b'i' if reading == French && n2 == b'l' && at(i + 3) == b'l' => {
                    step = 4;
                    out.extend_from_slice(b"ay");
                }
                // English `Walter`, `Warner` = `Уолтер`, `Уорнер`.
                b'l' | b'r' if reading == English && i == 1 && prev == b'w' => out.push(b'o'),
                // English `aw`: `Renshaw` = `Реншоу`, `رينشو`; `Lawley` = `Лоули`.
                b'w' if reading == English && !is_vy(n2) => {
                    step = 2;
                    out.push(b'o');
                }
                b'i' | b'y' if !is_v(n2) => {
                    step = 2;
                    match reading {
                        French => out.push(b'e'),
                        English => out.extend_from_slice(b"ey"),
                        _ => out.extend_from_slice(b"ay"),
                    }
                }
                b'u' => {
                    step = 2;
                    match reading {
                        French | English => out.push(b'o'),
                        _ => out.extend_from_slice(b"au"),
                    }
                }
                b'a' => {
                    step = 2;
                    out.push(b'a');
                }
                b'e' if reading == German => {
                    step = 2;
                    out.push(b'e');
                }
                _ => out.push(b'a'),
            },
            b'e' => match n1 {
                b'i' if reading == French && n2 == b'l' && at(i + 3) == b'l' => {
                    step = 4;
                    out.extend_from_slice(b"ey");
                }
                b'a' if n2 == b'u' => {
                    step = 3;
                    out.push(b'o');
                }
                b'e' => {
                    step = 2;
                    out.push(if reading == English { b'i' } else { b'e' });
                }
                b'a' if reading == English => {
                    step = 2;
                    out.push(b'i');
                }
                b'i' | b'y' if !is_v(n2) => {
                    step = 2;
                    match reading {
                        German => out.extend_from_slice(b"ay"),
                        French => out.push(b'e'),
                        English if n1 == b'y' && i + 2 == n => out.push(b'i'),
                        _ => out.extend_from_slice(b"ey"),
                    }
                }
                b'u' => {
                    step = 2;
                    match reading {
                        German => out.extend_from_slice(b"oy"),
                        French => out.push(b'e'),
                        _ => out.extend_from_slice(b"eu"),
                    }
                }
                b'w' if !is_vy(n2) => {
                    step = 2;
                    if reading == English {
                        out.extend_from_slice(b"yu");
                    } else {
                        out.extend_from_slice(b"ev");
                    }
                }
                b'h' if i + 2 == n && reading != German => {
                    // Final `eh` is the `ة` of Arabic and Persian names: `Barakeh` = `بركة`.
                    step = 2;
                    out.push(b'a');
                }
                0 if i > 0 && is_cons(prev) => {
                    // A final `e` after a consonant is silent in English and French.
                    if !matches!(reading, English | French)
                        || final_e_heard
                        || variant == Portuguese
                    {
                        out.push(b'e');
                    }
                }
                b's' if i + 2 == n && variant == French && i > 0 => {
                    step = 2;
                }
                _ => out.push(b'e'),
            },
            // French `ill` after a vowel is `й`: `Fouilloux` = `Фуийу`, `Baillot` = `Байо`.
            b'i' if reading == French && i > 0 && is_v(prev) && n1 == b'l' && n2 == b'l' => {
                step = 3;
                out.push(b'y');
            }
            b'i' => {
                // `ie` of German (`Kieseler` = `Кизелер`) and final English `ie`; `ii`.
                if (n1 == b'e' && (reading == German || (i + 2 == n && reading == English)))
                    || n1 == b'i'
                {
                    step = 2;
                }
                out.push(b'i');
            }
            b'o' => match n1 {
                // Final English `-owe`, `-oe`: `Marlowe` = `مارلو`, `Roscoe` = `Роско`.
                b'w' if reading == English && n2 == b'e' && i + 3 == n => {
                    step = 3;
                    out.push(b'o');
                }
                b'e' if reading == English && i + 2 == n && n >= 5 => {
                    step = 2;
                    out.push(b'o');
                }
                b'o' => {
                    step = 2;
                    out.push(if reading == English { b'u' } else { b'o' });
                }
                b'u' => {
                    step = 2;
                    if matches!(reading, English | French) {
                        out.push(b'u');
                    } else {
                        out.extend_from_slice(b"ou");
                    }
                }
                b'e' if reading == German => {
                    step = 2;
                    out.push(b'e');
                }
                b'i' if !is_v(n2) => {
                    step = 2;
                    if reading == French {
                        out.extend_from_slice(b"ua");
                    } else {
                        out.extend_from_slice(b"oy");
                    }
                }
                b'w' if !is_vy(n2) => {
                    step = 2;
                    if reading == English {
                        out.extend_from_slice(b"ou");
                    } else {
                        out.extend_from_slice(b"ov");
                    }
                }
                _ => out.push(b'o'),
            },
            b'u' => match n1 {
                b'u' => {
                    step = 2;
                    out.push(b'u');
                }
                b'e' if reading == German => {
                    step = 2;
                    out.push(b'u');
                }
                _ => out.push(b'u'),
            },
            b'y' => {
                if (i == 0 || is_v(prev)) && is_v(n1) {
                    out.push(b'y');
                } else {
                    out.push(b'i');
                }
            }
            b'b' | b'f' | b'm' | b'v' | b'r' => {
                if n1 == b'h' && variant == English && (c == b'b' || (c == b'r' && i == 0)) {
                    // English readers drop the `h` of Indian `bh` (`Pratibha` = `براتيبا`) and
                    // of Greek `rh` (`Rhode` = `رود`).
                    step = 2;
                    out.push(c);
                } else if c == b'r' && n1 == b'z' && i > 0 && is_cons(prev) && is_v(n2) {
                    // Polish `rz` after a consonant: `Brzeziński` = `Бжезинский`.
                    step = 2;
                    out.push(b'Z');
                } else {
                    out.push(c);
                }
            }
            b'c' => match n1 {
                // `Mc` is `Mac`: `McEwen` = `ماكوين`, `McElwee` = `Макэлви`.
                _ if i == 1 && prev == b'm' && n > 3 && n1 != b'h' => {
                    out.extend_from_slice(b"ak");
                }
                b'z' if variant == Slavic => {
                    step = 2;
                    out.push(b'C');
                }
                b'k' if variant == Slavic && matches!(n2, b'i' | b'a' | b'y') && i + 3 == n => {
                    // Polish `-cki`: `Płotnicki` = `Плотницкий`.
                    out.push(b'c');
                }
                b'h' => {
                    step = 2;
                    if (i == 0 && matches!(n2, b'r' | b'l')) || (reading == Italian && n2 != 0) {
                        out.push(b'k');
                    } else {
                        match reading {
                            English | Spanish => out.push(b'C'),
                            German => out.push(b'h'),
                            French => out.push(b'S'),
                            _ => out.push(b'k'),
                        }
                    }
                }
                b'k' | b'q' => {
                    step = 2;
                    out.push(b'k');
                }
                b'c' if n2 == b'h' => {
                    // Italian `cch` is the `ch` of its reading.
                }
                b'z' => {
                    step = 2;
                    // Polish `cz` = `ч`, Hungarian `cz` = `ц`.
                    out.push(if reading == German { b'c' } else { b'C' });
                }
                b'c' if matches!(n2, b'e' | b'i' | b'y') => {
                    step = 2;
                    match reading {
                        Italian => out.push(b'C'),
                        _ => out.extend_from_slice(b"ks"),
                    }
                    if reading == Italian && n2 == b'i' && is_v(at(i + 3)) {
                        step = 3;
                    }
                }
                b'e' | b'i' | b'y' if variant == Turkish => out.push(b'J'),
                b'e' | b'i' | b'y' => match reading {
                    German => out.push(b'c'),
                    Italian => {
                        out.push(b'C');
                        if n1 == b'i' && is_v(n2) {
                            step = 2;
                        }
                    }
                    _ => out.push(b's'),
                },
                _ if variant == Slavic && n1 != b's' => out.push(b'c'),
                _ if variant == Turkish && is_v(n1) => out.push(b'J'),
                _ => out.push(b'k'),
            },
            b'd' => match n1 {
                b'z' if n2 == b'h' => {
                    step = 3;
                    out.push(b'J');
                }
                b'j' => {
                    step = 2;
                    out.push(b'J');
                }
                b'h' => {
                    step = 2;
                    out.push(b'd');
                    if variant == Aspirated && is_vy(n2) {
                        out.push(b'h');
                    }
                }
                _ => out.push(b'd'),
            },
            b'g' => match n1 {
                // `ng` before `k` is one nasal: `Mengke` = `مينك`, `Langkamp` = `لانكامب`.
                b'k' if prev == b'n' && reading == English => {}
                b'h' => {
                    step = 2;
                    if reading != English || is_v(n2) {
                        out.push(b'g');
                    }
                    if variant == Aspirated && is_vy(n2) {
                        out.push(b'h');
                    }
                }
                // Italian `gg` before `e`, `i` is one `дж` (`Foggia` = `Фоджа`).
                b'g' if matches!(n2, b'e' | b'i') && matches!(reading, English | Italian) => {}
                // Final `-gue`: `Pogue` = `بوج`, `Bogue` = `Бог`.
                b'u' if n2 == b'e'
                    && i + 3 == n
                    && !final_e_heard
                    && matches!(reading, English | French) =>
                {
                    step = 3;
                    out.push(b'g');
                }
                b'n' if i > 0 && matches!(reading, French | Italian) => {
                    step = 2;
                    out.extend_from_slice(b"ny");
                }
                b'l' if n2 == b'i' && is_v(at(i + 3)) && reading == Italian => {
                    step = 3;
                    out.extend_from_slice(b"ly");
                }
                // Italian `gu` before a vowel: `Guinizelli` = `Гвиницелли`.
                b'u' if reading == Italian && is_v(n2) => {
                    step = 2;
                    out.extend_from_slice(b"gv");
                }
                b'u' if matches!(n2, b'e' | b'i') => {
                    step = 2;
                    out.push(b'g');
                }
                b'e' | b'i' | b'y' => match reading {
                    English | Italian => {
                        out.push(b'J');
                        if reading == Italian && n1 == b'i' && is_v(n2) {
                            step = 2;
                        }
                    }
                    French => out.push(b'Z'),
                    Spanish => out.push(b'h'),
                    _ => out.push(b'g'),
                },
                _ => out.push(b'g'),
            },
            b'h' => {
                if i > 0 && is_v(prev) && !is_vy(n1) {
                    // After a vowel: silent at the end in English and French (`Sarah` = `Сара`,
                    // elsewhere `Allah` = `Аллах`), and before a consonant in German (`Jahn` =
                    // `Ян`; `Ahmed` = `Ахмед`). Arabic writes it as often as not (`بروهن`
                    // for `Bruhn`, `رود` for `Rohde`): the other readings keep it.
                    if (n1 == 0 && matches!(reading, English | French))
                        || matches!(reading, German | English | Spanish)
                    {
                    } else {
                        out.push(b'h');
                    }
                } else if i == 0 && reading == French {
                } else if reading == Spanish && (i == 0 || is_v(prev)) {
                    // Spanish `h` is silent: `Hernanes` = `Эрнанес`, `Naharro` = `Наарро`.
                } else {
                    out.push(b'h');
                }
            }
            b'j' => match reading {
                English if variant == Turkish => out.push(b'Z'),
                English => out.push(b'J'),
                German | Italian => out.push(b'y'),
                French => out.push(b'Z'),
                Spanish => out.push(b'h'),
                Japanese | Hungarian | Hepburn | Aspirated | Slavic | Turkish | Portuguese => {
                    out.push(b'J')
                }
            },
            b'k' => {
                if n1 == b'h' {
                    step = 2;
                    if variant == Aspirated && is_vy(n2) {
                        out.push(b'k');
                    }
                    out.push(b'h');
                } else if i == 0 && n1 == b'n' && reading == English {
                } else {
                    out.push(b'k');
                }
            }
            b'l' => {
                if i == 0 && n1 == b'h' && variant == English {
                    // `Lhermitte` = `Лермитт`, `ليرميت`.
                    step = 2;
                    out.push(b'l');
                } else if n1 == b'l' && reading == Spanish && is_v(n2) {
                    step = 2;
                    out.push(b'L');
                } else if n1 == b'j' {
                    // South Slavic `lj` = `ль`; English-style readers (and Arabic) say `l-j`.
                    step = 2;
                    if reading == English {
                        out.extend_from_slice(b"lJ");
                    } else {
                        out.extend_from_slice(b"ly");
                    }
                } else {
                    out.push(b'l');
                }
            }
            b'n' => {
                if n1 == b'j' && reading == English {
                    step = 2;
                    out.extend_from_slice(b"nJ");
                } else if n1 == b'j' || (n1 == b'h' && i > 0 && is_v(n2) && reading == French) {
                    // `nj`; Portuguese `nh` (`Saldanha` = `Салданья`).
                    step = 2;
                    out.extend_from_slice(b"ny");
                } else {
                    out.push(b'n');
                }
            }
            b'p' => {
                if n1 == b'h' && variant == Aspirated && is_vy(n2) {
                    step = 2;
                    out.extend_from_slice(b"ph");
                } else if n1 == b'h' {
                    step = 2;
                    out.push(b'f');
                } else {
                    out.push(b'p');
                }
            }
            b'q' => {
                if n1 == b'u'
                    && n2 == b'e'
                    && i + 3 == n
                    && !final_e_heard
                    && matches!(reading, English | French)
                {
                    // Final `-que`: `Lamarque` = `لامارك`, `Remarque` = `Ремарк`.
                    step = 3;
                    out.push(b'k');
                } else if n1 == b'u' {
                    step = 2;
                    if matches!(reading, English | German | Italian) {
                        out.extend_from_slice(b"kv");
                    } else {
                        out.push(b'k');
                    }
                } else {
                    out.push(b'k');
                }
            }
            b's' => {
                if variant == Portuguese && i + 1 == n && is_v(prev) {
                    out.push(b'S');
                } else if n1 == b'j' && reading == German && is_v(n2) {
                    // Scandinavian and Dutch `sj` = `ш`: `Sjökvist` = `Шёквист`.
                    step = 2;
                    out.push(b'S');
                } else if n1 == b'c' && n2 == b'h' && reading == Italian {
                    // `Zareschi` = `Зарески`.
                    step = 3;
                    out.extend_from_slice(b"sk");
                } else if n1 == b'c' && n2 == b'h' {
                    step = 3;
                    out.push(b'S');
                } else if n1 == b'h'
                    || n1 == b'z'
                    || (n1 == b'c' && matches!(n2, b'e' | b'i') && reading == Italian)
                {
                    step = 2;
                    out.push(b'S');
                } else if matches!(n1, b't' | b'p')
                    && reading == German
                    && (i == 0 || (is_v(n2) && is_cons(prev)))
                {
                    // `Stein` = `Штайн`, `Wittgenstein` = `Витгенштейн`.
                    out.push(b'S');
                } else {
                    out.push(b's');
                }
            }
            b't' => {
                if n1 == b's' && n2 == b'c' && at(i + 3) == b'h' {
                    step = 4;
                    out.push(b'C');
                } else if n1 == b'c' && n2 == b'h' {
                    step = 3;
                    out.push(b'C');
                } else if n1 == b'h' {
                    step = 2;
                    out.push(b't');
                    if variant == Aspirated && is_vy(n2) {
                        out.push(b'h');
                    }
                } else if n1 == b's' || n1 == b'z' {
                    step = 2;
                    out.push(b'c');
                } else {
                    out.push(b't');
                }
            }
            b'w' => {
                if n1 == b'h' {
                    step = 2;
                }
                if reading == English || reading == French {
                    out.push(b'w');
                } else {
                    out.push(b'v');
                }
            }
            b'x' => out.extend_from_slice(b"ks"),
            b'z' => match n1 {
                b'h' => {
                    step = 2;
                    out.push(b'Z');
                }
                b's' => {
                    step = 2;
                    out.push(b'Z');
                }
                _ => match reading {
                    German | Italian if variant != Slavic => out.push(b'c'),
                    _ => out.push(b'z'),
                },
            },
            b'N' => out.extend_from_slice(b"ny"),
            // `ç`: French and Portuguese `с`; Turkish `ч`, which Arabic writes `ج` as often as `تش`.
            b'Q' => out.push(match reading {
                French | Spanish => b's',
                Italian => b'J',
                _ => b'C',
            }),
            b'T' => out.push(b'c'),
            b'R' => out.extend_from_slice(b"rZ"),
            b'S' | b'Z' | b'C' | b'J' => out.push(c),
            _ => out.push(c),
        }
        i += step;
    }
}
