//! Arabic names: proclitics and the recall key.
//!
//! Arabic script writes long vowels (`ا و ي`) and mostly leaves short ones out, so an Arabic
//! spelling meets Latin and Cyrillic ones only through the recall key of
//! [`super::phonetic`]: a consonant skeleton in classes Arabic can tell apart, with the initial
//! and final vowel. `و ي` count as vowels (consonants at the start of a word: `w`, `y`). Letters
//! that stand for two Latin sounds give one key per reading, at most [`MAX_VARIANTS`]: `ج` is `j`
//! or `g` (`جورج`, `غوغل`/`جوجل`), `ق` is `k` or `g`, `ث` `s` or `t`, `ذ ظ` `z` or `d`.
//!
//! The word is never stemmed (Snowball turns `بيسكوف` into `يسكوف`): only the proclitics
//! `و ف` (and), `ب ك ل` (prepositions) and the article `ال` are removed, giving
//! [`clitic_variants`].

/// At most this many recall keys per Arabic word form.
pub(crate) const MAX_VARIANTS: usize = 6;

/// Whether `c` is an Arabic letter (the letters of names; not digits or punctuation).
#[inline]
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// Which proclitics [`clitic_variants`] removes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Proclitics {
    /// All of them: a name alone (a title, a list).
    All,
    /// Only where the article is among them (`الكرملين`, `والكرملين`, `بالكرملين`): a name
    /// typed as a query seldom carries a one-letter proclitic, and many begin with its letter
    /// (`بوتين` is no `ب` + `وتين`, whose key `كوتون` = `ك` + `وتون` shares).
    WithArticle,
    /// Only where the article is not among them: in running text the article marks a common
    /// noun or adjective (`العليا` "the highest", `الثاني` "the second"), whose form without it
    /// meets foreign names (`Elway`, `Tyne`); names of people and most foreign places take none,
    /// and the gazetteer knows the places that do (`الكرملين`).
    WithoutArticle,
}

/// Calls `f` with every form of `word` (normalized) with proclitics removed, least stripped first
/// (the word itself is not included): `والكرملين` -> `الكرملين`, `كرملين`; `لبوتين` -> `بوتين`.
/// The remainder keeps at least two letters.
pub(crate) fn clitic_variants(word: &str, which: Proclitics, f: &mut dyn FnMut(&str)) {
    let article_ok = which != Proclitics::WithoutArticle;
    let plain_ok = which != Proclitics::WithArticle;
    let mut rest = word;
    // Conjunction.
    if let Some(r) = rest.strip_prefix(['و', 'ف']) {
        if r.chars().count() >= 2 {
            if plain_ok && (article_ok || !r.starts_with("ال")) {
                f(r);
            }
            rest = r;
        }
    }
    let article = |s: &str, f: &mut dyn FnMut(&str)| {
        if let Some(r) = s.strip_prefix("ال") {
            if article_ok && r.chars().count() >= 2 {
                f(r);
            }
        }
    };
    // `لل` is `ل` + `ال` with the alef dropped: `للكرملين`.
    if let Some(r) = rest.strip_prefix("لل") {
        if article_ok && r.chars().count() >= 2 {
            f(r);
        }
    }
    article(rest, f);
    if let Some(r) = rest.strip_prefix(['ب', 'ك', 'ل']) {
        if r.chars().count() >= 2 {
            if plain_ok && !r.starts_with("ال") {
                f(r);
            }
            article(r, f);
        }
    }
}

/// One Arabic letter as the recall key sees it.
#[derive(Clone, Copy)]
enum Letter {
    /// A vowel letter (`ا`, internal `و ي`, `ع`, hamza): no consonant.
    Vowel(u8),
    /// A consonant class.
    Cons(u8),
    /// A letter with two readings.
    Either(u8, u8),
}

fn letter(c: char, first: bool, last: bool) -> Option<Letter> {
    use Letter::*;
    Some(match c {
        'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' => Vowel(b'a'),
        'ى' => Vowel(b'a'),
        'ع' | 'ء' | 'ئ' | 'ؤ' => Vowel(0),
        'و' if first => Cons(b'w'),
        'و' => Vowel(b'u'),
        'ي' | 'ی' if first => Cons(b'y'),
        'ي' | 'ی' => Vowel(b'i'),
        'ب' | 'پ' => Cons(b'b'),
        'ت' | 'ط' => Cons(b't'),
        'ث' => Either(b's', b't'),
        'ج' => Either(b'J', b'g'),
        'ح' | 'خ' => Cons(b'h'),
        'ه' | 'ة' if last => Vowel(b'a'),
        'ه' => Cons(b'h'),
        'ة' => Vowel(b'a'),
        'د' | 'ض' => Cons(b'd'),
        'ذ' | 'ظ' => Either(b's', b'd'),
        'ر' => Cons(b'r'),
        // `ز` also writes `ж`, `zh`, `ž` (`زيفكو` = `Živko`).
        'ز' => Either(b's', b'J'),
        'س' | 'ص' => Cons(b's'),
        'ش' | 'چ' => Cons(b'S'),
        'ژ' => Cons(b'J'),
        'غ' | 'گ' => Cons(b'g'),
        'ف' | 'ڤ' => Cons(b'f'),
        'ق' => Either(b'k', b'g'),
        'ك' | 'ک' => Cons(b'k'),
        'ل' => Cons(b'l'),
        'م' => Cons(b'm'),
        'ن' => Cons(b'n'),
        _ => return None,
    })
}

/// How an Arabic word ends as written, where normalization merges its last letter with another.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Ending {
    /// Any other ending: the normalized word says it all.
    Plain,
    /// `ى` (normalized to `ي`): `a` in names (`مرتضى`, `موسى`) as often as `i`.
    AlefMaksura,
    /// `ة` (normalized to `ه`): read `a` only. A written `ه` is also `e` (`غوته`), and so is `ة` in
    /// Turkish and Levantine spellings (`Ayşe`, `Rahmé`); but `ة` ends most Arabic nouns, which
    /// would each get a second key for those few names (measured: a sixth of the Arabic keys of
    /// the bench text, for 26 of 20,000 Wikidata name pairs).
    TaMarbuta,
}

impl Ending {
    /// The ending of `surface`, a word as written (its last Arabic letter: marks may follow).
    pub(crate) fn of(surface: &str) -> Ending {
        match surface.chars().rev().find(|&c| is_arabic_letter(c)) {
            Some('ى') => Ending::AlefMaksura,
            Some('ة') => Ending::TaMarbuta,
            _ => Ending::Plain,
        }
    }
}

/// Calls `f` with each recall key (without prefix) of the Arabic word `word` (normalized, no
/// proclitics removed), at most [`MAX_VARIANTS`]; `ending` is how the word ends as written.
/// Returns `false` when the word has a character that is not an Arabic letter.
pub(crate) fn recall_keys(
    word: &str,
    ending: Ending,
    every_slot: bool,
    buf: &mut Vec<u8>,
    f: &mut dyn FnMut(&str),
) -> bool {
    let n = word.chars().count();
    let mut chars = word.chars().enumerate().peekable();
    let mut letters: [Letter; 32] = [Letter::Vowel(0); 32];
    let mut len = 0;
    let mut initial = 0u8;
    let mut last_letter = '\0';
    while let Some((i, c)) = chars.next() {
        let mut l = match letter(c, i == 0, i + 1 == n) {
            Some(l) => l,
            None => return false,
        };
        // A query also reads `ك` as the `g` of Persian and Turkish names (`Bazargan` = `بازركان`)
        // and `ب` as the `v` of Spanish ones (`Treviño` = `تريبينيو`).
        if every_slot {
            l = match l {
                Letter::Cons(b'k') => Letter::Either(b'k', b'g'),
                Letter::Cons(b'b') if i > 0 => Letter::Either(b'b', b'f'),
                l => l,
            };
        }
        // `تش` is `ch`, `دج` is `j`.
        if c == 'ت' && matches!(chars.peek(), Some((_, 'ش'))) {
            chars.next();
            l = Letter::Cons(b'S');
        } else if c == 'د' && matches!(chars.peek(), Some((_, 'ج'))) {
            chars.next();
            l = Letter::Cons(b'J');
        } else if c == 'و' && i > 0 && matches!(chars.peek(), Some((_, 'ا' | 'ي'))) {
            // Before a long vowel `و` is also the `v` of Persian and Turkish names
            // (`Daneshvar` = `دانشوار`, `Badavi` = `بداوي`).
            l = Letter::Either(0, b'f');
        } else if c == 'د' && i + 1 == n && i > 1 {
            // Turkish and Central Asian spellings end Arabic names in `t` (`Mehmet` = `محمد`,
            // `Ferit` = `فريد`, `Akhmetov`).
            l = Letter::Either(b'd', b't');
        }
        if i == 0 && matches!(l, Letter::Vowel(_)) {
            initial = b'.';
        }
        last_letter = c;
        if len < letters.len() {
            letters[len] = l;
            len += 1;
        }
    }
    let letters = &letters[..len];
    // Final vowel classes: a written `ه` is `a` or `e` (`غوته`, `إيشيغه`), a written `ة` only `a`.
    let finals: &[u8] = match letters.last() {
        Some(Letter::Vowel(b'a')) if last_letter == 'ه' && ending != Ending::TaMarbuta => b"ai",
        // A query or short text also reads a final `ة` or `ا` as `e`, as Turkish, Levantine and
        // French names have it (`Bahriye` = `بحرية`, `Rahmé` = `رحمة`, `Régine` = `رجينا`);
        // documents keep `a` only (see `Ending`).
        Some(Letter::Vowel(b'a')) if every_slot => b"ai",
        Some(Letter::Vowel(b'a')) => b"a",
        Some(Letter::Vowel(b'i')) if ending == Ending::AlefMaksura => b"ia",
        Some(Letter::Vowel(b'i')) => b"i",
        Some(Letter::Vowel(b'u')) => b"u",
        Some(Letter::Vowel(0)) if word.ends_with("اء") => b"a",
        _ => b"\0",
    };
    // A prothetic alef before a consonant cluster (`استوبايوس` for `Stobaeus`) may have no vowel
    // in the Latin spelling. The article `ال` is none: Latin names seldom begin with `l` and a
    // consonant, and the form without the article is keyed too.
    let is_cons = |l: Option<&Letter>| matches!(l, Some(Letter::Cons(_) | Letter::Either(..)));
    let lead = letters
        .iter()
        .take_while(|l| matches!(l, Letter::Vowel(_)))
        .count();
    let prothetic = initial == b'.'
        && !word.starts_with("ال")
        && lead <= 2
        && is_cons(letters.get(lead))
        && is_cons(letters.get(lead + 1));
    // An initial `ي` or `و` before a consonant is a vowel (`يرسن` = `Yersin`, `يمبي` = `Impe`,
    // `ورونو` = `Uruno`), and so is `ي` before a long vowel (`يوكي` = `Uki`, `يومينس` = `Eumenes`).
    let glide_vowel = match letters.first() {
        Some(Letter::Cons(b'y')) => {
            is_cons(letters.get(1)) || matches!(letters.get(1), Some(Letter::Vowel(b'u' | b'i')))
        }
        Some(Letter::Cons(b'w')) => is_cons(letters.get(1)),
        _ => false,
    };
    let initials: &[u8] = if prothetic {
        b".\0"
    } else if glide_vowel {
        b"\0."
    } else {
        std::slice::from_ref(&initial)
    };
    // The article as Latin spellings of Maghrebi names write it: its `l` alone before a vowel
    // (`Lasri` = `العسري`, `Lounès` = `الوناس`), assimilated to a sun letter (`Eddin` =
    // `الدين`, `Acherif` = `الشريف`). Forms with the article dropped are keyed apart. Only in
    // queries and short texts: in running text the article marks common nouns (`الدوري` "the
    // league" would be `Audrey`).
    let mut rest = word
        .strip_prefix("ال")
        .filter(|_| every_slot)
        .map(|r| r.chars());
    let article = match rest.as_mut().and_then(|r| r.next()) {
        Some('ا' | 'أ' | 'إ' | 'ع' | 'و' | 'ي' | 'ء') if len > 3 => Some((0u8, 1usize)),
        Some('ت' | 'ث' | 'د' | 'ذ' | 'ر' | 'ز' | 'س' | 'ش' | 'ص' | 'ض' | 'ط' | 'ظ' | 'ن')
            if len > 3 =>
        {
            Some((b'.', 2usize))
        }
        _ => None,
    };
    let either = letters
        .iter()
        .filter(|l| matches!(l, Letter::Either(..)))
        .count()
        .min(if every_slot { 3 } else { 2 });
    let mut emitted = 0;
    let mut slot_buf = String::new();
    let ends_in_vowel = matches!(letters.last(), Some(Letter::Vowel(_)));
    let starts = initials
        .iter()
        .map(|&init| (init, usize::from(glide_vowel && init == b'.')))
        .chain(article);
    for &fin in finals {
        for (init, skip) in starts.clone() {
            for v in 0..(1usize << either) {
                if !build(letters, skip, init, v, fin, false, buf) {
                    continue;
                }
                let consonants = buf
                    .iter()
                    .filter(|&&b| !matches!(b, b'a' | b'i' | b'u' | b'.'))
                    .count();
                if consonants <= super::phonetic::SHORT_RECALL {
                    // Short: the written vowels are the evidence (see `phonetic::recall_key`).
                    let end = if ends_in_vowel {
                        letters.len() - 1
                    } else {
                        letters.len()
                    };
                    build(&letters[..end], skip, init, v, fin, true, buf);
                }
                if let Ok(s) = std::str::from_utf8(buf) {
                    // Arabic leaves the short vowel between two consonants out, or writes a
                    // long one for it: a query looks for every vowel class, or none.
                    if every_slot {
                        super::phonetic::every_slot_vowel(s, &mut slot_buf, f);
                    } else {
                        f(s);
                    }
                }
                emitted += 1;
                if emitted
                    >= if every_slot {
                        2 * MAX_VARIANTS
                    } else {
                        MAX_VARIANTS
                    }
                {
                    return true;
                }
            }
        }
    }
    true
}

/// Writes one recall key into `buf`: initial marker `init`, the consonant classes of `letters`
/// (from `skip`) with the `v`-th choice of two-reading letters, the final vowel class `fin`;
/// `vowelled` adds the written vowels between consonants. `false` when there is no consonant.
fn build(
    letters: &[Letter],
    skip: usize,
    init: u8,
    v: usize,
    fin: u8,
    vowelled: bool,
    buf: &mut Vec<u8>,
) -> bool {
    use super::phonetic::is_vowel_class;
    buf.clear();
    if init != 0 {
        buf.push(init);
    }
    let mut k = 0;
    let mut last = 0u8;
    let mut consonants = 0;
    for l in &letters[skip.min(letters.len())..] {
        let class = match *l {
            Letter::Vowel(c) => {
                if vowelled && consonants > 0 && c != 0 && !is_vowel_class(last) {
                    buf.push(c);
                    last = c;
                }
                continue;
            }
            Letter::Cons(c) => c,
            Letter::Either(a, b) => {
                let pick = if k < 3 && (v >> k) & 1 == 1 { b } else { a };
                k += 1;
                if pick == 0 {
                    // Read as a vowel (`و` as `u`).
                    if vowelled && consonants > 0 && !is_vowel_class(last) {
                        buf.push(b'u');
                        last = b'u';
                    }
                    continue;
                }
                pick
            }
        };
        if class == last {
            continue;
        }
        buf.push(class);
        last = class;
        consonants += 1;
    }
    if consonants == 0 {
        return false;
    }
    if fin != 0 && !(vowelled && is_vowel_class(last)) {
        buf.push(fin);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(w: &str) -> Vec<String> {
        let mut v = Vec::new();
        let mut buf = Vec::new();
        assert!(recall_keys(w, Ending::Plain, false, &mut buf, &mut |k| v
            .push(k.to_string())));
        v
    }

    fn clitics(w: &str) -> Vec<String> {
        let mut v = Vec::new();
        clitic_variants(w, Proclitics::All, &mut |k| v.push(k.to_string()));
        v
    }

    #[test]
    fn skeletons_of_names() {
        assert_eq!(keys("بيسكوف"), ["bskf"]);
        assert_eq!(keys("بوتين"), ["btn"]);
        assert_eq!(keys("ترامب"), ["trmb"]);
        assert_eq!(keys("ترمب"), ["trmb"]);
        // Two consonants: every vowel between them (see `phonetic::every_slot_vowel`).
        assert_eq!(keys("روبيو"), ["rbu"]);
        // A query looks for every vowel between them (see `phonetic::every_slot_vowel`).
        let mut q = Vec::new();
        recall_keys(
            "روبيو",
            Ending::Plain,
            true,
            &mut Vec::new(),
            &mut |k| q.push(k.to_string()),
        );
        // (and `ب` also as the `v` of Spanish names).
        assert_eq!(
            q,
            ["rbu", "rabu", "rebu", "ribu", "rubu", "rfu", "rafu", "refu", "rifu", "rufu"]
        );
        assert_eq!(keys("دميتري"), ["dmtri"]);
        assert_eq!(keys("جورج"), ["JrJ", "grJ", "Jrg", "grg"]);
        // One consonant: the written vowels come along (`كوك` = `Cook`, not `Kick`).
        assert_eq!(keys("كوك"), ["kuk"]);
    }

    #[test]
    fn a_written_ta_marbuta_is_read_a_and_a_final_ha_also_e() {
        let keys_ending = |w: &str, ending: Ending| {
            let mut v = Vec::new();
            assert!(recall_keys(w, ending, false, &mut Vec::new(), &mut |k| v
                .push(k.to_string())));
            v
        };
        // `مدينة` normalizes to `مدينه`: as written it ends in `ة`, read `a` only.
        assert_eq!(Ending::of("مدينة"), Ending::TaMarbuta);
        assert_eq!(keys_ending("مدينه", Ending::TaMarbuta), ["mdna"]);
        // `غوته` (Goethe) ends in `ه`: `a` or `e`.
        assert_eq!(Ending::of("غوته"), Ending::Plain);
        assert_eq!(keys_ending("غوته", Ending::Plain), ["gta", "gti"]);
        // `موسى` ends in alef maksura (marks after the last letter do not hide it).
        assert_eq!(Ending::of("موسىٰ"), Ending::AlefMaksura);
        assert_eq!(keys_ending("موسي", Ending::AlefMaksura), ["msi", "msa"]);
    }

    #[test]
    fn a_prothetic_alef_may_be_silent_but_the_article_is_not_one() {
        // `استوبايوس` (Stobaeus): also keyed without its initial vowel.
        assert_eq!(keys("استوبايوس").len(), 2, "{:?}", keys("استوبايوس"));
        // `الكرملين`: the article's alef is not dropped (its form without `ال` is keyed apart).
        assert_eq!(keys("الكرملين"), [".lkrmln"]);
    }

    #[test]
    fn proclitics_come_off() {
        assert!(clitics("لبوتين").contains(&"بوتين".to_string()));
        assert!(clitics("والكرملين").contains(&"كرملين".to_string()));
        assert!(clitics("بالكرملين").contains(&"كرملين".to_string()));
        assert!(clitics("للكرملين").contains(&"كرملين".to_string()));
        assert!(clitics("الكرملين").contains(&"كرملين".to_string()));
    }
}
