//! The Latin cues of language detection: letters only one language has, and short lists of
//! very frequent words.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::Script;

pub(super) fn is_arabic_letter(c: char) -> bool {
    Script::of(c) == Script::Arabic
}

pub(super) fn is_latin_letter(c: char) -> bool {
    Script::of(c) == Script::Latin
}

/// Whether `c` belongs inside a word (letters, digits, combining marks), with fast paths for the
/// scripts of the four languages.
pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if is_latin_letter(c)
        || matches!(c, '\u{0610}'..='\u{061A}' | '\u{0620}'..='\u{0669}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}'..='\u{06FF}')
    {
        true
    } else {
        c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036F}')
    }
}

/// Scripts written without spaces between words (CJK, kana, Hangul, Thai, Lao, Khmer, ...).
pub(super) fn is_unspaced(c: char) -> bool {
    matches!(c, '\u{0E00}'..='\u{0EFF}' | '\u{1780}'..='\u{17FF}' | '\u{2E80}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Letters Romanian has and Vietnamese and English lack.
pub(super) fn is_ro_letter(c: char) -> bool {
    matches!(c, 'î' | 'ș' | 'ț' | 'ş' | 'ţ' | 'Î' | 'Ș' | 'Ț' | 'Ş' | 'Ţ')
}

/// Letters Vietnamese has and Romanian and English lack.
pub(super) fn is_vi_letter(c: char) -> bool {
    matches!(
        c,
        'ư' | 'ơ'
            | 'đ'
            | 'ê'
            | 'ô'
            | 'Ư'
            | 'Ơ'
            | 'Đ'
            | 'Ê'
            | 'Ô'
            | 'ĩ'
            | 'ũ'
            | 'Ĩ'
            | 'Ũ'
            | 'ã'
            | 'õ'
            | 'Ã'
            | 'Õ'
            | '\u{1EA0}'..='\u{1EF9}'
    )
}

/// Vowels with a grave or acute tone: Vietnamese uses them and Romanian does not, but they are
/// also found in French or Spanish names quoted in English. Weak Vietnamese evidence.
pub(super) fn is_vi_weak_letter(c: char) -> bool {
    matches!(
        c,
        'à' | 'á'
            | 'è'
            | 'é'
            | 'ì'
            | 'í'
            | 'ò'
            | 'ó'
            | 'ù'
            | 'ú'
            | 'ý'
            | 'À'
            | 'Á'
            | 'È'
            | 'É'
            | 'Ì'
            | 'Í'
            | 'Ò'
            | 'Ó'
            | 'Ù'
            | 'Ú'
            | 'Ý'
    )
}

/// Very frequent English words that are not also frequent Romanian words (`a`, `in`, `are` are
/// left out for that reason).
pub(super) const EN_WORDS: &[&str] = &[
    "the", "of", "and", "to", "is", "was", "what", "who", "which", "when", "where", "how", "why",
    "did", "does", "that", "for", "with", "on", "as", "by", "from", "at", "were", "be", "been",
    "has", "have", "had", "his", "her", "their", "its", "it", "this", "these", "those", "an", "or",
    "not", "but", "can", "would", "could", "will", "after", "than", "they", "he", "she", "many",
    "much", "into", "during", "about", "also", "between", "there", "other", "some", "such", "more",
    "most", "only", "used", "name", "year", "first", "you", "we", "my", "your", "our", "me",
];

/// Very frequent Romanian words, with and without diacritics.
pub(super) const RO_WORDS: &[&str] = &[
    "de", "si", "și", "în", "cu", "pe", "la", "un", "o", "din", "care", "este", "sunt", "fost",
    "pentru", "ce", "cine", "cum", "unde", "cand", "când", "cât", "câte", "cate", "cati", "câți",
    "se", "sa", "să", "lui", "al", "ale", "ai", "ca", "că", "dar", "iar", "sau", "nu", "fi",
    "acest", "aceasta", "această", "acesta", "prin", "despre", "dupa", "după", "intre", "între",
    "asupra", "catre", "către", "avea", "avut", "anul", "fiind", "cele", "cel", "cea", "cei",
    "unei", "unui", "lor", "doar", "foarte", "mai", "multe", "ei", "el", "ea", "au", "fie",
    "numele", "aceste", "acestei", "acestui", "altor", "alte", "precum", "pana", "până",
];

/// Very frequent Vietnamese syllables written without tones (Vietnamese text normally has tones;
/// these catch text typed without them).
pub(super) const VI_WORDS: &[&str] = &[
    "cua", "cac", "nhung", "trong", "duoc", "nguoi", "khong", "mot", "voi", "nhu", "nhieu", "cung",
    "dang", "nhat", "nuoc", "theo", "thanh", "phai", "chinh", "nhan", "nhiem", "cho", "nay", "gi",
    "ai", "nao", "bao", "tai", "viec", "chung", "toi", "ong", "ngay", "nha", "thi", "den", "tu",
    "ve", "lam", "hai", "roi", "hon", "chi", "dau", "moi", "cuoc",
];

/// Whether a lower-case ASCII word has a shape only Vietnamese syllables have: onset `ng`, `ngh`,
/// `nh` or `kh` before a vowel, or a final `nh` after a vowel (`nguoi`, `nhung`, `khong`, `thanh`).
pub(super) fn vietnamese_shape(word: &str) -> bool {
    let b = word.as_bytes();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let onset = ["ngh", "ng", "nh", "kh"]
        .iter()
        .any(|p| word.starts_with(p) && b.get(p.len()).copied().is_some_and(vowel));
    let coda = b.len() >= 3 && word.ends_with("nh") && vowel(b[b.len() - 3]);
    b.len() <= 7 && (onset || coda)
}

pub(super) struct WordLists {
    pub(super) en: FxHashSet<&'static str>,
    pub(super) ro: FxHashSet<&'static str>,
    pub(super) vi: FxHashSet<&'static str>,
}

pub(super) fn word_lists() -> &'static WordLists {
    static LISTS: OnceLock<WordLists> = OnceLock::new();
    LISTS.get_or_init(|| WordLists {
        en: EN_WORDS.iter().copied().collect(),
        ro: RO_WORDS.iter().copied().collect(),
        vi: VI_WORDS.iter().copied().collect(),
    })
}
