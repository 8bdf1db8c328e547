//! Which words are candidates for entity keys: script, capitalization, function words, and the
//! guards a gazetteer alias may carry.

use super::*;

pub(super) use crate::Script;

/// The script of a word, from its first letter. Arabic only for the letters names are made of;
/// other letters below U+0370 (`ª`, IPA) count as Latin.
pub(super) fn script_of(norm: &str) -> Script {
    let Some(c) = norm.chars().next() else {
        return Script::Other;
    };
    match Script::of(c) {
        Script::Arabic if !arabic::is_arabic_letter(c) => Script::Other,
        // `is_alphabetic` is a table search: only for what the blocks above leave.
        Script::Other if (c as u32) < 0x0370 && c.is_alphabetic() => Script::Latin,
        script => script,
    }
}

pub(super) fn is_capitalized(surface: &str) -> bool {
    surface.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn is_all_caps(surface: &str) -> bool {
    let mut any = false;
    for c in surface.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        any = true;
    }
    any
}

/// Whether an alias with `guard` may match words `first..=last`.
pub(super) fn guard_ok(
    guard: Guard,
    words: &[EntityWord<'_>],
    first: usize,
    last: usize,
    query: bool,
) -> bool {
    let span = &words[first..=last];
    let cased = span
        .iter()
        .any(|w| matches!(script_of(w.normalized), Script::Latin | Script::Cyrillic));
    match guard {
        Guard::Capitals => span.iter().all(|w| is_all_caps(w.surface)),
        Guard::AfterLowercase if !query => {
            first > 0
                && !words[first].after_break
                && words[first - 1]
                    .surface
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
                && is_capitalized(words[first].surface)
        }
        _ => query || !cased || span.iter().any(|w| is_capitalized(w.surface)),
    }
}

/// Whether an Arabic word of a document is too common to be a name.
pub(super) fn arabic_common(norm: &str) -> bool {
    norm.chars().count() < 3 || crate::stopwords::is_stopword(Language::Arabic, norm)
}

/// Whether a capitalized Latin word is a function word (`The`, `De`, `Într`): no name keys.
pub(super) fn latin_function_word(norm: &str, lang: Option<Language>) -> bool {
    use crate::stopwords::is_stopword;
    match lang {
        Some(l) if is_stopword(l, norm) => true,
        _ => {
            is_stopword(Language::English, norm)
                || is_stopword(Language::Romanian, norm)
                || is_stopword(Language::Vietnamese, norm)
        }
    }
}

/// Whether a word has a letter only Vietnamese uses (`ư ơ`, a vowel with two marks such as
/// `ế ộ ạ`; `đ` in Vietnamese text, since Serbian and Croatian names have it too), or in
/// Vietnamese text is a syllable with a diacritic (`Công`; ASCII ones such as `Kim`, `Long` may
/// be foreign names).
pub(super) fn is_vietnamese_syllable(norm: &str, lang: Option<Language>) -> bool {
    norm.chars().any(|c| match c {
        'ư' | 'ơ' | '\u{1EA0}'..='\u{1EF9}' => true,
        'đ' => lang == Some(Language::Vietnamese),
        _ => false,
    }) || lang == Some(Language::Vietnamese)
        && !norm.is_ascii()
        && crate::vietnamese::is_syllable(norm)
}

/// Whether a Cyrillic word is a Russian function or question word (`Как`, `В`, `Какой`): the
/// first word of a sentence is capitalized but names nothing.
pub(super) fn is_russian_function_word(norm: &str) -> bool {
    cyrillic::FUNCTION_WORDS.binary_search(&norm).is_ok()
}

/// Whether the word after word `i` continues a name begun there: capitalized, in the same
/// script and sentence, and no function word (`Vladimir Putin`, not `Puține state`, `The
/// Guardian` is `The` skipped anyway).
pub(super) fn next_is_name_part(
    words: &[EntityWord<'_>],
    i: usize,
    script: Script,
    lang: Option<Language>,
) -> bool {
    let Some(next) = words.get(i + 1) else {
        return false;
    };
    !next.after_break
        && is_capitalized(next.surface)
        && script_of(next.normalized) == script
        && match script {
            Script::Cyrillic => !is_russian_function_word(next.normalized),
            _ => !latin_function_word(next.normalized, lang),
        }
}

/// Whether a word has a letter only Vietnamese writes (`ư ơ`, a vowel with two marks or a dot
/// below; not `ă â ê ô`, which Romanian and French have too).
fn has_vietnamese_only_letter(norm: &str) -> bool {
    norm.chars()
        .any(|c| matches!(c, 'ư' | 'ơ' | '\u{1EA0}'..='\u{1EF9}'))
}

/// The last word of a Vietnamese transliteration beginning at word `i` (capitalized): syllables
/// joined by hyphens, the first capitalized and the others not (`Mát-xcơ-va`, `Oa-sinh-tơn`,
/// in Vietnamese text also `Pa-ri`), or one solid word with a letter only Vietnamese writes that
/// is no Vietnamese syllable (`Matxcơva`).
pub(super) fn vietnamese_run(
    words: &[EntityWord<'_>],
    i: usize,
    lang: Option<Language>,
) -> Option<usize> {
    let mut last = i;
    while words
        .get(last + 1)
        .is_some_and(|w| w.hyphenated && !is_capitalized(w.surface))
    {
        last += 1;
    }
    let run = &words[i..=last];
    if last == i {
        let norm = words[i].normalized;
        return (has_vietnamese_only_letter(norm) && !crate::vietnamese::is_syllable(norm))
            .then_some(i);
    }
    // Syllables are short; longer parts are words of another language (`Jean-Pierre` is kept
    // out by its capital).
    let syllables = run.iter().all(|w| w.normalized.chars().count() <= 7);
    (syllables
        && (lang == Some(Language::Vietnamese)
            || run.iter().any(|w| has_vietnamese_only_letter(w.normalized))))
    .then_some(last)
}
