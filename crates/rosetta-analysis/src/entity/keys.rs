//! The keys of one word by script: phone strings made into precise and recall keys.

use super::*;

/// Emits the precise (and with [`Tiers::All`] the recall) key of a phone string; `any_slot`
/// for Cyrillic, whose vowels do not tell which Latin vowel a name has (see
/// [`phonetic::every_slot_vowel`]).
pub(super) fn phone_keys(
    s: &mut Scratch,
    phones: &[u8],
    i: usize,
    tiers: Tiers,
    any_slot: bool,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut variant = std::mem::take(&mut s.variant);
    variant.clear();
    if phonetic::precise_key(phones, &mut variant) {
        s.emit(i, i, PRECISE_PREFIX, &variant, emit);
    }
    if tiers == Tiers::All {
        variant.clear();
        if phonetic::recall_key(phones, &mut variant, !any_slot) {
            if any_slot {
                let mut buf = std::mem::take(&mut s.slot);
                phonetic::every_slot_vowel(&variant, &mut buf, &mut |k| {
                    s.emit(i, i, RECALL_PREFIX, k, emit)
                });
                s.slot = buf;
            } else {
                s.emit(i, i, RECALL_PREFIX, &variant, emit);
            }
        }
    }
    s.variant = variant;
}

pub(super) fn latin_keys(
    s: &mut Scratch,
    norm: &str,
    i: usize,
    tiers: Tiers,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut letters = std::mem::take(&mut s.letters);
    let mut phones = std::mem::take(&mut s.phones);
    if latin::prepare(norm, &mut letters) {
        let japanese = latin::is_japanese(&letters);
        if japanese || latin::is_ambiguous(&letters) {
            // `ő`, `ű` and the endings `-nyi`, `-lyi` are Hungarian too (`Harsányi` = `Харшаньи`).
            let hungarian = latin::is_hungarian(&letters)
                || norm.contains(['ő', 'ű'])
                || letters.ends_with(b"nyi")
                || letters.ends_with(b"lyi");
            let readings = latin::READINGS
                .iter()
                .copied()
                .chain(japanese.then_some(latin::Reading::Japanese))
                .chain(japanese.then_some(latin::Reading::Hepburn))
                .chain(hungarian.then_some(latin::Reading::Hungarian))
                .chain(latin::has_aspirate(&letters).then_some(latin::Reading::Aspirated))
                .chain(latin::is_slavic(&letters).then_some(latin::Reading::Slavic));
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
                phone_keys(s, &phones, i, tiers, false, emit);
            }
            s.seen_phones = seen;
            s.seen_spans = seen_spans;
        } else {
            // Every reading gives the same phones (`Peskov`, `Putin`, `Trump`).
            latin::phones(&letters, latin::Reading::English, &mut phones);
            phone_keys(s, &phones, i, tiers, false, emit);
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
            phone_keys(s, &phones, i, tiers, false, emit);
            s.bytes = plain;
        }
        // Chinese names in Pinyin, as Russian writes them (`Xiaolei` = `Сяолэй`).
        if pinyin::phones(&letters, &mut phones) {
            phone_keys(s, &phones, i, Tiers::Precise, false, emit);
        }
        // Latin `-us`, `-ius` names lose the ending in Russian (`Mamilianus` = `Мамилиан`,
        // `Caninius` = `Каниний`) and often in Arabic.
        let n = letters.len();
        // Latvian `-s` after `ij`, `v`: `Vitalijs` = `Виталий`, `Gabovs` = `Габов`.
        if n >= 5 && (letters.ends_with(b"ijs") || letters.ends_with(b"vs")) {
            latin::phones(&letters[..n - 1], latin::Reading::English, &mut phones);
            phone_keys(s, &phones, i, tiers, false, emit);
        }
        if n >= 5 && letters.ends_with(b"us") {
            latin::phones(&letters[..n - 2], latin::Reading::English, &mut phones);
            phone_keys(s, &phones, i, tiers, false, emit);
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
    case_variants: bool,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut lower = std::mem::take(&mut s.lower);
    let mut buf = std::mem::take(&mut s.forms);
    let mut phones = std::mem::take(&mut s.phones);
    lower.clear();
    lower.extend(surface.chars().flat_map(char::to_lowercase));
    if cyrillic::phones(&lower, &mut phones) {
        phone_keys(s, &phones, i, tiers, true, emit);
        // Russian writes a Latin `h` as `г` (`Гертерих` Herterich, `Генрикас` Henrikas).
        if phones.contains(&b'g') {
            let mut h = std::mem::take(&mut s.bytes);
            h.clear();
            h.extend(phones.iter().map(|&p| if p == b'g' { b'h' } else { p }));
            phone_keys(s, &h, i, tiers, true, emit);
            s.bytes = h;
        }
        let mut alt = std::mem::take(&mut s.bytes);
        cyrillic::alternatives(&phones, &mut alt, &mut |p| {
            phone_keys(s, p, i, tiers, true, emit)
        });
        s.bytes = alt;
        if case_variants {
            cyrillic::case_variants(&lower, 4, &mut buf, &mut |form| {
                if cyrillic::phones(form, &mut phones) {
                    phone_keys(s, &phones, i, tiers, true, emit);
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
    i: usize,
    emit: &mut dyn FnMut(usize, usize, &str),
) {
    let mut bytes = std::mem::take(&mut s.bytes);
    arabic::recall_keys(norm, ending, &mut bytes, &mut |k| {
        s.emit(i, i, RECALL_PREFIX, k, emit)
    });
    arabic::clitic_variants(norm, proclitics, &mut |form| {
        arabic::recall_keys(form, ending, &mut bytes, &mut |k| {
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
        if phonetic::recall_key(p, &mut variant, true) {
            s.emit(first, last, RECALL_PREFIX, &variant, emit);
        }
    });
    s.variant = variant;
    s.phones = phones;
    s.lower = text;
}
