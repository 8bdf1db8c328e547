//! The keys of one word by script: phone strings made into precise and recall keys.

use super::*;

/// Which vowel a recall key of two consonants gets between them (see
/// [`phonetic::two_consonant_slot`]). Latin text gets its own vowel; Arabic and Cyrillic do not
/// say which Latin vowel a name has, so their queries (and short texts) look for every one. A
/// document of those scripts stores the key without the vowel, and a Latin query looks for that
/// too: the index holds one key per spelling, and each query meets all of them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    /// The vowel of the spelling (Latin documents).
    Own,
    /// The vowel of the spelling, and none (Latin queries).
    OwnAndNone,
    /// No vowel (Arabic and Cyrillic documents).
    None,
    /// No vowel, and each vowel class (Arabic and Cyrillic queries and short texts).
    Every,
}

/// Emits the precise (and with [`Tiers::All`] the recall) key of a phone string.
pub(super) fn phone_keys(
    s: &mut Scratch,
    phones: &[u8],
    i: usize,
    tiers: Tiers,
    slot: Slot,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut variant = std::mem::take(&mut s.variant);
    variant.clear();
    if phonetic::precise_key(phones, &mut variant) {
        s.emit(i, i, PRECISE_PREFIX, &variant, emit);
    }
    if tiers == Tiers::All {
        variant.clear();
        if phonetic::recall_key(phones, &mut variant, false) {
            let mut buf = std::mem::take(&mut s.slot);
            slot_keys(phones, &variant, slot, &mut buf, &mut |k| {
                s.emit(i, i, RECALL_PREFIX, k, emit)
            });
            s.slot = buf;
        }
    }
    s.variant = variant;
}

/// Calls `f` with the recall keys `slot` asks for, from `key`, the recall key of `phones`
/// without a vowel between two consonants.
pub(super) fn slot_keys(
    phones: &[u8],
    key: &str,
    slot: Slot,
    buf: &mut String,
    f: &mut dyn FnMut(&str),
) {
    let Some(at) = phonetic::vowel_slot(key) else {
        f(key);
        return;
    };
    match slot {
        Slot::None => f(key),
        Slot::Every => phonetic::every_slot_vowel(key, buf, f),
        Slot::Own | Slot::OwnAndNone => {
            if slot == Slot::OwnAndNone {
                f(key);
            }
            match phonetic::own_slot_vowel(phones, at) {
                Some(v) => {
                    at.put(key, v, buf);
                    f(buf);
                }
                None if slot == Slot::Own => f(key),
                None => {}
            }
        }
    }
}

pub(super) fn latin_keys(
    s: &mut Scratch,
    norm: &str,
    i: usize,
    tiers: Tiers,
    slot: Slot,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut letters = std::mem::take(&mut s.letters);
    let mut phones = std::mem::take(&mut s.phones);
    if latin::prepare(norm, &mut letters) {
        let japanese = latin::is_japanese(&letters);
        if japanese || latin::is_ambiguous(&letters) {
            // `ő`, `ű`, `á` before an `s`, and the endings `-nyi`, `-lyi` are Hungarian too
            // (`Harsányi` = `Харшаньи`, `Kamarás` = `Камараш`).
            let hungarian = latin::is_hungarian(&letters)
                || norm.contains(['ő', 'ű'])
                || norm.contains("ás")
                || letters.ends_with(b"nyi")
                || letters.ends_with(b"lyi");
            // Turkish letters (`ı`, `ğ`) and the suffixes `-ci`, `-cı`, `-oğlu`.
            let turkish = norm.contains(['ı', 'ğ'])
                || ["ci", "cı", "cu", "cü", "çi", "oglu"]
                    .iter()
                    .any(|e| norm.ends_with(e));
            let portuguese = letters.len() >= 5
                && [&b"es"[..], b"as", b"os"]
                    .iter()
                    .any(|e| letters.ends_with(e))
                && !letters.ends_with(b"ss");
            let readings = latin::READINGS
                .iter()
                .copied()
                .chain(japanese.then_some(latin::Reading::Japanese))
                .chain(japanese.then_some(latin::Reading::Hepburn))
                .chain(hungarian.then_some(latin::Reading::Hungarian))
                .chain(latin::has_aspirate(&letters).then_some(latin::Reading::Aspirated))
                .chain(
                    // Letters of Czech, Polish and Baltic spelling mark a Slavic `c`.
                    latin::is_slavic(
                        &letters,
                        norm.contains(['ě', 'ů', 'ł', 'ą', 'ę', 'ā', 'ē', 'ī', 'ū', 'ņ', 'ļ', 'ķ']),
                    )
                    .then_some(latin::Reading::Slavic),
                )
                .chain(turkish.then_some(latin::Reading::Turkish))
                .chain(portuguese.then_some(latin::Reading::Portuguese));
            // Readings often agree: key each distinct phone string once.
            let mut seen = std::mem::take(&mut s.seen_phones);
            let mut seen_spans = std::mem::take(&mut s.seen_spans);
            seen.clear();
            seen_spans.clear();
            for r in readings {
                latin::phones(&letters, r, &mut phones);
                if seen_spans.iter().any(|&(a, b)| seen[a..b] == phones[..]) {
                    continue;
                }
                seen_spans.push((seen.len(), seen.len() + phones.len()));
                seen.extend_from_slice(&phones);
                phone_keys(s, &phones, i, tiers, slot, emit);
            }
            s.seen_phones = seen;
            s.seen_spans = seen_spans;
        } else {
            // Every reading gives the same phones (`Peskov`, `Putin`, `Trump`).
            latin::phones(&letters, latin::Reading::English, &mut phones);
            phone_keys(s, &phones, i, tiers, slot, emit);
        }
        // Letters with a diacritic read without it, as Arabic writers often do
        // (`Maršíková` = `مارسيكوفا`, `Mureșan` = `موريسان`).
        if letters
            .iter()
            .any(|&b| matches!(b, b'S' | b'C' | b'Z' | b'T' | b'R' | b'Q'))
        {
            let mut plain = std::mem::take(&mut s.bytes);
            plain.clear();
            plain.extend(letters.iter().map(|&b| match b {
                b'S' => b's',
                b'C' | b'Q' => b'c',
                b'Z' => b'z',
                b'T' => b't',
                b'R' => b'r',
                b => b,
            }));
            latin::phones(&plain, latin::Reading::English, &mut phones);
            phone_keys(s, &phones, i, tiers, slot, emit);
            s.bytes = plain;
        }
        // Chinese names in Pinyin, as Russian writes them (`Xiaolei` = `Сяолэй`).
        if pinyin::phones(&letters, &mut phones) {
            phone_keys(s, &phones, i, Tiers::Precise, slot, emit);
        }
        // Latin `-us`, `-ius` names lose the ending in Russian (`Mamilianus` = `Мамилиан`,
        // `Caninius` = `Каниний`) and often in Arabic.
        let n = letters.len();
        // Latvian `-s` after `ij`, `v`: `Vitalijs` = `Виталий`, `Gabovs` = `Габов`.
        if n >= 5 && (letters.ends_with(b"ijs") || letters.ends_with(b"vs")) {
            latin::phones(&letters[..n - 1], latin::Reading::English, &mut phones);
            phone_keys(s, &phones, i, tiers, slot, emit);
        }
        // Latvian and Lithuanian `-s` after a consonant, which Russian drops (`Rihards` =
        // `Рихард`, `Zigfrīds` = `Зигфрид`): long names only, where the shorter key still ties
        // few names (`Richards` and `Richard` are apart in English).
        if n >= 7
            && letters[n - 1] == b's'
            && matches!(
                letters[n - 2],
                b'd' | b'f' | b'g' | b'n' | b'r' | b't' | b'm' | b'l'
            )
        {
            latin::phones(&letters[..n - 1], latin::Reading::German, &mut phones);
            phone_keys(s, &phones, i, tiers, slot, emit);
        }
        // Greek `-ias`, `-ios` are `-ий` in Russian: `Critias` = `Критий`.
        if n >= 7 && (letters.ends_with(b"ias") || letters.ends_with(b"ios")) {
            latin::phones(&letters[..n - 2], latin::Reading::English, &mut phones);
            phone_keys(s, &phones, i, tiers, slot, emit);
        }
        if n >= 5 && letters.ends_with(b"us") {
            latin::phones(&letters[..n - 2], latin::Reading::English, &mut phones);
            phone_keys(s, &phones, i, tiers, slot, emit);
        }
    }
    s.phones = phones;
    s.letters = letters;
}

pub(super) fn cyrillic_keys(
    s: &mut Scratch,
    surface: &str,
    i: usize,
    tiers: Tiers,
    slot: Slot,
    case_variants: bool,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut lower = std::mem::take(&mut s.lower);
    let mut buf = std::mem::take(&mut s.forms);
    let mut phones = std::mem::take(&mut s.phones);
    lower.clear();
    lower.extend(surface.chars().flat_map(char::to_lowercase));
    if cyrillic::phones(&lower, &mut phones) {
        phone_keys(s, &phones, i, tiers, slot, emit);
        // Russian writes a Latin `h` as `г` (`Гертерих` Herterich, `Генрикас` Henrikas).
        if phones.contains(&b'g') {
            let mut h = std::mem::take(&mut s.bytes);
            h.clear();
            h.extend(phones.iter().map(|&p| if p == b'g' { b'h' } else { p }));
            phone_keys(s, &h, i, tiers, slot, emit);
            s.bytes = h;
        }
        let mut alt = std::mem::take(&mut s.bytes);
        cyrillic::alternatives(&phones, &mut alt, &mut |p| {
            phone_keys(s, p, i, tiers, slot, emit)
        });
        // `ё` writes the `ö` and `eu` that Latin spellings fold to `e` (`Ниинистё` Niinistö,
        // `Монтё` Monteux).
        if lower.contains('ё') {
            buf.clear();
            buf.extend(lower.chars().map(|c| if c == 'ё' { 'е' } else { c }));
            if cyrillic::phones(&buf, &mut alt) {
                phone_keys(s, &alt, i, tiers, slot, emit);
            }
        }
        s.bytes = alt;
        if case_variants {
            cyrillic::case_variants(&lower, 4, &mut buf, &mut |form| {
                if cyrillic::phones(form, &mut phones) {
                    phone_keys(s, &phones, i, tiers, slot, emit);
                }
            });
        }
    }
    s.phones = phones;
    s.forms = buf;
    s.lower = lower;
}

pub(super) fn arabic_keys(
    s: &mut Scratch,
    norm: &str,
    ending: arabic::Ending,
    proclitics: arabic::Proclitics,
    every: bool,
    i: usize,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut bytes = std::mem::take(&mut s.bytes);
    // `every`: a query or short text, which looks for every vowel of a short key; documents
    // store the key without it (see [`Slot`]).
    arabic::recall_keys(norm, ending, every, &mut bytes, &mut |k| {
        s.emit(i, i, RECALL_PREFIX, k, emit)
    });
    arabic::clitic_variants(norm, proclitics, &mut |form| {
        arabic::recall_keys(form, ending, every, &mut bytes, &mut |k| {
            s.emit(i, i, RECALL_PREFIX, k, emit)
        });
    });
    s.bytes = bytes;
}

/// The keys of a Vietnamese transliteration, words `first..=last` (see `vietnamese.rs`).
pub(super) fn vietnamese_keys(
    s: &mut Scratch,
    words: &[EntityWord<'_>],
    first: usize,
    last: usize,
    query: bool,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut text = std::mem::take(&mut s.lower);
    let mut phones = std::mem::take(&mut s.phones);
    let mut variant = std::mem::take(&mut s.variant);
    text.clear();
    for (k, w) in words[first..=last].iter().enumerate() {
        if k > 0 {
            text.push('-');
        }
        text.push_str(w.normalized);
    }
    vietnamese::readings(&text, &mut phones, &mut |p| {
        variant.clear();
        if phonetic::precise_key(p, &mut variant) {
            s.emit(first, last, PRECISE_PREFIX, &variant, emit);
        }
        variant.clear();
        if phonetic::recall_key(p, &mut variant, !query) {
            if query && phonetic::two_consonant_slot(&variant).is_some() {
                s.emit(first, last, RECALL_PREFIX, &variant, emit);
                variant.clear();
                phonetic::recall_key(p, &mut variant, true);
            }
            s.emit(first, last, RECALL_PREFIX, &variant, emit);
        }
    });
    s.variant = variant;
    s.phones = phones;
    s.lower = text;
}
