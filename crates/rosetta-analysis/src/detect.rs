//! Language detection restricted to Romanian, English, Arabic, Vietnamese and Russian.
//!
//! Runs once per document that comes without a `lang`, and on queries, so it must be cheap and
//! hold up on short texts. It looks at the first [`SAMPLE_BYTES`] bytes only, in three steps:
//!
//! 1. **Script, by words.** Each word counts for the script most of its letters are in. Latin
//!    names and terms turn up in text of every script, so a word in another script counts twice:
//!    `أين يقع Energiprojekt AB؟` is Arabic, `Что делала компания Tesla Electric Light?` is
//!    Russian. Text whose words are mostly Cyrillic is Russian unless a word has a letter Russian
//!    lacks (`і ї є ў ј љ њ ...`: Ukrainian, Belarusian, Serbian, Macedonian) or, when no word has
//!    `ы э ё` and there are at least 12 Cyrillic words, whatlang's trigrams restricted to the
//!    Cyrillic languages reliably say another one (Bulgarian). Text mostly in other scripts (Greek, Chinese, ...) gives `None`, as does text
//!    without letters (digits, punctuation). Any text in Arabic script gives Arabic (so Persian
//!    and Urdu do too).
//! 2. **Latin cues, by words.** A word with a letter only Romanian has (`î ș ț ş ţ`) votes
//!    Romanian; one with a letter only Vietnamese has (`ư ơ đ ê ô ĩ ũ`, the tone-marked vowels
//!    U+1EA0-U+1EF9) votes Vietnamese; `ă â` (both languages) go to whichever of the two leads; a
//!    grave or acute vowel (`à é`: Vietnamese tones, but also French names in English) is half a
//!    Vietnamese vote. Words without such letters are looked up in short lists of very frequent
//!    function words per language (`the, of, what, who, ...`; `de, și/si, în, care, este, cine,
//!    ...`; toneless `cua, cac, nhung, duoc, ...`), which settles English against Romanian written
//!    without diacritics and short questions. Weak cues: `w y k q th` (English), the syllable
//!    shapes `ng- nh- kh- -nh` (toneless Vietnamese).
//! 3. **Trigrams as tie-breaker.** whatlang restricted to the three Latin languages adds at most
//!    0.9 of a vote, only when its confidence is at least 0.3 and never for Vietnamese without a
//!    single Vietnamese cue. Latin text with no cue at all is English.
//!
//! Measured on the XQuAD dev texts (whitespace collapsed; > 200 chars counts as a paragraph):
//! paragraphs 585/585 (100%), questions 3175/3175 (100%); a plain letter-based guess scores
//! 99.6% / 97.5%. Not tuned on, as a check of generality: the `# text`
//! sentences of the UD dev treebanks (ro RRT, en EWT, ar PUD, vi VTB, ru PUD as `None`): > 200
//! chars 245/245, short 99.2% (misses are e-mail signatures such as `Take care.` and
//! `Debra Perlingiere`); the Romanian ones with diacritics removed: 99.1% short; the Vietnamese
//! ones with tones removed: 97.4% short, 86/86 long. Cost (release build): about 10 µs for a
//! question, 90 µs for a 3-4 KB article.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::{Language, Script};

/// At most this many bytes from the start of a text are looked at (cut at a character boundary).
pub const SAMPLE_BYTES: usize = 4096;

/// Guesses which of the languages `text` is written in, from its first [`SAMPLE_BYTES`]
/// bytes (see the module docs for the rules).
///
/// Returns `None` when the text is in none of them: mostly in another script (Greek, Chinese,
/// ...) or another Cyrillic language, or without letters (empty, digits or punctuation only). Text in Arabic script
/// is always [`Language::Arabic`], and Latin-script text without any cue is
/// [`Language::English`]. Never panics.
pub fn detect_language(text: &str) -> Option<Language> {
    let sample = sample(text);
    let nfc;
    let sample = if is_nfc_quick(sample.chars()) == IsNormalized::Yes {
        sample
    } else {
        nfc = sample.nfc().collect::<String>();
        nfc.as_str()
    };
    Stats::of(sample).decide(sample)
}

fn sample(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Evidence gathered from one sample.
#[derive(Default, Debug)]
struct Stats {
    /// Words written mostly in Arabic letters.
    arabic: usize,
    /// Words written mostly in Latin letters.
    latin: usize,
    /// Words written mostly in letters of other scripts (two characters of an unspaced script
    /// such as Chinese count as one word).
    other: usize,
    en: f32,
    ro: f32,
    vi: f32,
    /// Words whose only cue is `ă` or `â` (Romanian and Vietnamese letters both).
    ro_or_vi: f32,
    /// Of the `other` words, those written mostly in Cyrillic letters.
    cyrillic: usize,
    /// Cyrillic words with a letter Russian does not use (`і ї є ґ ў ј љ њ ђ ћ џ ѓ ќ ѕ`, and
    /// the Cyrillic Supplement): Ukrainian, Belarusian, Serbian, Macedonian and others.
    not_russian: usize,
    /// Whether a Cyrillic word has `ы`, `э` or `ё`: Russian (and Belarusian `ы э`), never
    /// Bulgarian, Serbian or Macedonian.
    russian_cue: bool,
}

fn is_arabic_letter(c: char) -> bool {
    Script::of(c) == Script::Arabic
}

fn is_latin_letter(c: char) -> bool {
    Script::of(c) == Script::Latin
}

/// Whether `c` belongs inside a word (letters, digits, combining marks), with fast paths for the
/// scripts of the four languages.
fn is_word_char(c: char) -> bool {
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
fn is_unspaced(c: char) -> bool {
    matches!(c, '\u{0E00}'..='\u{0EFF}' | '\u{1780}'..='\u{17FF}' | '\u{2E80}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Letters Romanian has and Vietnamese and English lack.
fn is_ro_letter(c: char) -> bool {
    matches!(c, 'î' | 'ș' | 'ț' | 'ş' | 'ţ' | 'Î' | 'Ș' | 'Ț' | 'Ş' | 'Ţ')
}

/// Letters Vietnamese has and Romanian and English lack.
fn is_vi_letter(c: char) -> bool {
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
fn is_vi_weak_letter(c: char) -> bool {
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
const EN_WORDS: &[&str] = &[
    "the", "of", "and", "to", "is", "was", "what", "who", "which", "when", "where", "how", "why",
    "did", "does", "that", "for", "with", "on", "as", "by", "from", "at", "were", "be", "been",
    "has", "have", "had", "his", "her", "their", "its", "it", "this", "these", "those", "an", "or",
    "not", "but", "can", "would", "could", "will", "after", "than", "they", "he", "she", "many",
    "much", "into", "during", "about", "also", "between", "there", "other", "some", "such", "more",
    "most", "only", "used", "name", "year", "first", "you", "we", "my", "your", "our", "me",
];

/// Very frequent Romanian words, with and without diacritics.
const RO_WORDS: &[&str] = &[
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
const VI_WORDS: &[&str] = &[
    "cua", "cac", "nhung", "trong", "duoc", "nguoi", "khong", "mot", "voi", "nhu", "nhieu", "cung",
    "dang", "nhat", "nuoc", "theo", "thanh", "phai", "chinh", "nhan", "nhiem", "cho", "nay", "gi",
    "ai", "nao", "bao", "tai", "viec", "chung", "toi", "ong", "ngay", "nha", "thi", "den", "tu",
    "ve", "lam", "hai", "roi", "hon", "chi", "dau", "moi", "cuoc",
];

/// Whether a lower-case ASCII word has a shape only Vietnamese syllables have: onset `ng`, `ngh`,
/// `nh` or `kh` before a vowel, or a final `nh` after a vowel (`nguoi`, `nhung`, `khong`, `thanh`).
fn vietnamese_shape(word: &str) -> bool {
    let b = word.as_bytes();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let onset = ["ngh", "ng", "nh", "kh"]
        .iter()
        .any(|p| word.starts_with(p) && b.get(p.len()).copied().is_some_and(vowel));
    let coda = b.len() >= 3 && word.ends_with("nh") && vowel(b[b.len() - 3]);
    b.len() <= 7 && (onset || coda)
}

struct WordLists {
    en: FxHashSet<&'static str>,
    ro: FxHashSet<&'static str>,
    vi: FxHashSet<&'static str>,
}

fn word_lists() -> &'static WordLists {
    static LISTS: OnceLock<WordLists> = OnceLock::new();
    LISTS.get_or_init(|| WordLists {
        en: EN_WORDS.iter().copied().collect(),
        ro: RO_WORDS.iter().copied().collect(),
        vi: VI_WORDS.iter().copied().collect(),
    })
}

impl Stats {
    fn of(sample: &str) -> Stats {
        let mut s = Stats::default();
        let lists = word_lists();
        let mut lower = String::new();
        for word in sample.split(|c: char| !is_word_char(c)) {
            if word.is_empty() {
                continue;
            }
            let (mut ro_l, mut vi_l, mut vi_weak, mut ambiguous) = (0, 0, 0, 0);
            let (mut latin, mut arabic, mut other, mut unspaced) = (0, 0, 0, 0);
            let (mut cyrillic, mut not_russian) = (0, 0);
            for c in word.chars() {
                if is_arabic_letter(c) {
                    arabic += 1;
                } else if is_latin_letter(c) {
                    latin += 1;
                    if is_ro_letter(c) {
                        ro_l += 1;
                    } else if is_vi_letter(c) {
                        vi_l += 1;
                    } else if matches!(c, 'ă' | 'â' | 'Ă' | 'Â') {
                        ambiguous += 1;
                    } else if is_vi_weak_letter(c) {
                        vi_weak += 1;
                    }
                } else if !c.is_ascii()
                    && !('\u{0600}'..='\u{06FF}').contains(&c)
                    && c.is_alphabetic()
                {
                    other += 1;
                    unspaced += usize::from(is_unspaced(c));
                    if Script::of(c) == Script::Cyrillic {
                        cyrillic += 1;
                        not_russian += usize::from(!is_russian_letter(c));
                        s.russian_cue |= matches!(c, 'ы' | 'э' | 'ё' | 'Ы' | 'Э' | 'Ё');
                    }
                }
            }
            // A word counts for the script most of its letters are in.
            if arabic > latin && arabic >= other {
                s.arabic += 1;
                continue;
            } else if other > latin {
                s.other += (unspaced / 2).max(1);
                if 2 * cyrillic > other {
                    s.cyrillic += 1;
                    s.not_russian += usize::from(not_russian > 0);
                }
                continue;
            } else if latin == 0 {
                continue;
            }
            s.latin += 1;
            if vi_l > 0 {
                s.vi += 1.0;
                continue;
            }
            if ro_l > 0 {
                s.ro += 1.0;
                continue;
            }
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            let l = lower.as_str();
            if lists.ro.contains(l) {
                s.ro += 1.0;
            } else if ambiguous > 0 {
                s.ro_or_vi += 1.0;
            } else if vi_weak > 0 {
                s.vi += 0.5;
            }
            if lists.en.contains(l) {
                s.en += 1.0;
            } else if l.contains(['w', 'y', 'k', 'q']) || l.contains("th") {
                // Letters that native Romanian and Vietnamese words lack.
                s.en += 0.25;
            }
            if lists.vi.contains(l) {
                s.vi += 1.0;
            } else if vietnamese_shape(l) {
                s.vi += 0.5;
            }
        }
        s
    }

    fn decide(&self, sample: &str) -> Option<Language> {
        if self.arabic + self.latin + self.other == 0 {
            return None;
        }
        // Latin-script names and terms are common in text of every script; a word in another
        // script is much stronger evidence, so it counts twice.
        if self.arabic >= self.other && 2 * self.arabic >= self.latin {
            return Some(Language::Arabic);
        }
        if 2 * self.other >= self.latin {
            return self.russian(sample);
        }
        let (mut ro, mut vi) = (self.ro, self.vi);
        if vi > ro {
            vi += self.ro_or_vi;
        } else {
            ro += self.ro_or_vi;
        }
        // English first: it wins ties, so Latin text without any cue is English.
        let mut scores = [
            (Language::English, self.en),
            (Language::Romanian, ro),
            (Language::Vietnamese, vi),
        ];
        let (best, second) = top_two(&scores);
        if best - second <= TRIGRAM_WEIGHT {
            // Close call: let trigram statistics break the tie. They never outweigh a cue word or
            // letter, and never make Vietnamese out of text without a single Vietnamese cue.
            if let Some((lang, confidence)) = trigram_guess(sample) {
                let i = match lang {
                    whatlang::Lang::Eng => 0,
                    whatlang::Lang::Ron => 1,
                    _ => 2,
                };
                let confidence = confidence as f32;
                if confidence >= 0.3 && (i != 2 || vi > 0.0) {
                    scores[i].1 += TRIGRAM_WEIGHT * confidence;
                }
            }
        }
        let mut winner = scores[0];
        for s in &scores[1..] {
            if s.1 > winner.1 {
                winner = *s;
            }
        }
        Some(winner.0)
    }
}

impl Stats {
    /// Text mostly in another script than Latin or Arabic: Russian if most of its words are
    /// Cyrillic, none has a letter Russian lacks, and either one has a letter Bulgarian lacks
    /// (`ы э ё`) or trigrams do not reliably say another Cyrillic language (Bulgarian has no
    /// letters of its own; asked from [`RUSSIAN_CHECK_WORDS`] words on); else `None`.
    fn russian(&self, sample: &str) -> Option<Language> {
        if 2 * self.cyrillic <= self.other || self.not_russian > 0 {
            return None;
        }
        if self.cyrillic >= RUSSIAN_CHECK_WORDS && !self.russian_cue {
            if let Some(info) = cyrillic_detector().detect(sample) {
                if info.lang() != whatlang::Lang::Rus && info.is_reliable() {
                    return None;
                }
            }
        }
        Some(Language::Russian)
    }
}

/// Cyrillic words from which trigrams may overrule the letters (fewer are too few for them).
const RUSSIAN_CHECK_WORDS: usize = 12;

/// Whether a Cyrillic letter is one of the 33 of the Russian alphabet (either case).
fn is_russian_letter(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

/// whatlang restricted to the Cyrillic-script languages it knows.
fn cyrillic_detector() -> &'static whatlang::Detector {
    static D: OnceLock<whatlang::Detector> = OnceLock::new();
    D.get_or_init(|| {
        use whatlang::Lang;
        whatlang::Detector::with_allowlist(vec![
            Lang::Rus,
            Lang::Ukr,
            Lang::Bel,
            Lang::Bul,
            Lang::Mkd,
            Lang::Srp,
        ])
    })
}

/// The most a trigram guess can add to a language's score (less than one cue word).
const TRIGRAM_WEIGHT: f32 = 0.9;

fn top_two(scores: &[(Language, f32); 3]) -> (f32, f32) {
    let mut v = [scores[0].1, scores[1].1, scores[2].1];
    v.sort_by(|a, b| b.total_cmp(a));
    (v[0], v[1])
}

/// whatlang's guess among English, Romanian and Vietnamese, with its confidence.
fn trigram_guess(sample: &str) -> Option<(whatlang::Lang, f64)> {
    ascii_trigram_guess(sample).or_else(|| {
        let info = trigram_detector().detect(sample)?;
        Some((info.lang(), info.confidence()))
    })
}

/// whatlang 0.18's guess (`Detector::detect`, combined method, restricted to English, Romanian
/// and Vietnamese) for a sample of ASCII characters with at least one letter, computed the same
/// way with the same figures; `None` for any other sample.
///
/// whatlang measures the distance of the sample's trigrams to each of its 37 Latin-script
/// language profiles (300 trigrams each) by looking up every profile trigram in a hash map of the
/// sample's, even for one word: about 6 µs per query, where this takes a fraction of it. On ASCII
/// text the three alphabet scores are equal, the script is Latin, and only the profiles' ASCII
/// trigrams can match, so the distance can be summed over the sample's trigrams instead. The
/// test `ascii_guess_is_whatlangs` checks it against whatlang.
fn ascii_trigram_guess(sample: &str) -> Option<(whatlang::Lang, f64)> {
    use std::cmp::{Ordering, Reverse};
    /// whatlang's `MAX_TRIGRAM_DISTANCE` and `TEXT_TRIGRAMS_SIZE`.
    const MAX_DISTANCE: i64 = 300;
    const TEXT_TRIGRAMS: usize = 600;
    let bytes = sample.as_bytes();
    // DEL (0x7F) is neither a letter nor one of whatlang's stop characters.
    if bytes.iter().any(|&b| b >= 0x7F) {
        return None;
    }
    let letter = |b: u8| b.to_ascii_lowercase().is_ascii_lowercase();
    let letters = bytes.iter().filter(|&&b| letter(b)).count();
    if letters == 0 {
        return None;
    }
    // Trigrams of the lower-cased text, other characters read as spaces, as whatlang counts them.
    let mut trigrams: Vec<u32> = Vec::with_capacity(bytes.len() + 1);
    let mut chars = bytes
        .iter()
        .map(|&b| {
            if letter(b) {
                b.to_ascii_lowercase()
            } else {
                b' '
            }
        })
        .chain(std::iter::once(b' '));
    let (mut c1, mut c2) = (b' ', chars.next().unwrap_or(b' '));
    for c3 in chars {
        if !(c2 == b' ' && (c1 == b' ' || c3 == b' ')) {
            trigrams.push(pack_trigram([c1, c2, c3].map(char::from)));
        }
        c1 = c2;
        c2 = c3;
    }
    trigrams.sort_unstable();
    let mut counted: Vec<(u32, u32)> = Vec::with_capacity(trigrams.len());
    for t in trigrams {
        match counted.last_mut() {
            Some((n, last)) if *last == t => *n += 1,
            _ => counted.push((1, t)),
        }
    }
    // Most frequent first, ties by trigram, descending (whatlang's order).
    counted.sort_unstable_by(|a, b| b.cmp(a));
    counted.truncate(TEXT_TRIGRAMS);
    let unique = counted.len() as i64;
    let profiles = trigram_profiles();
    let mut distances = [MAX_DISTANCE * MAX_DISTANCE; 3];
    for (position, (_, t)) in counted.iter().enumerate() {
        if let Some(ranks) = profiles.get(t) {
            for (d, &rank) in distances.iter_mut().zip(ranks) {
                if rank != u16::MAX {
                    *d -= MAX_DISTANCE - (position as i64 - i64::from(rank)).abs();
                }
            }
        }
    }
    let max_distance = unique * MAX_DISTANCE;
    let trigram_score = |i: usize| {
        let mut d = distances[i];
        if MAX_DISTANCE > unique {
            d -= (MAX_DISTANCE - unique) * MAX_DISTANCE;
        }
        let d = d.clamp(0, MAX_DISTANCE * MAX_DISTANCE);
        (max_distance - d) as f64 / max_distance as f64
    };
    // The alphabet scores, all 1 (each letter is in the three alphabets), in whatlang's order.
    let mut alphabet: Vec<(whatlang::Lang, usize)> =
        PROFILE_LANGS.iter().map(|&l| (l, letters)).collect();
    alphabet.sort_unstable_by_key(|(_, score)| Reverse(*score));
    let alphabet_weight = (-(letters as f64 / 300.0) + 2.0 / 3.0).clamp(1.0 / 3.0, 2.0 / 3.0);
    let trigram_weight = 1.0 - alphabet_weight;
    let mut scores: Vec<(whatlang::Lang, f64)> = alphabet
        .iter()
        .map(|&(lang, raw)| {
            let a = raw as f64 / letters as f64;
            let i = PROFILE_LANGS.iter().position(|&l| l == lang).unwrap_or(0);
            (
                lang,
                a * alphabet_weight + trigram_score(i) * trigram_weight,
            )
        })
        .collect();
    scores.sort_unstable_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(Ordering::Less));
    let (lang, best) = scores[0];
    let second = scores[1].1;
    // whatlang's `calculate_confidence`.
    let confidence = if best == 0.0 {
        0.0
    } else if second == 0.0 {
        best
    } else {
        let confident_rate = (3.0 / unique as f64) + 0.015;
        let rate = (best - second) / second;
        if rate > confident_rate {
            1.0
        } else {
            rate / confident_rate
        }
    };
    Some((lang, confidence))
}

/// The languages of [`trigram_profiles`], in whatlang's order.
const PROFILE_LANGS: [whatlang::Lang; 3] = [
    whatlang::Lang::Eng,
    whatlang::Lang::Vie,
    whatlang::Lang::Ron,
];

/// Three characters as one key (21 bits each would fit any; these are ASCII).
fn pack_trigram(t: [char; 3]) -> u32 {
    (u32::from(t[0]) << 16) | (u32::from(t[1]) << 8) | u32::from(t[2])
}

/// The rank of each ASCII trigram in whatlang's profile of each of [`PROFILE_LANGS`]
/// (`u16::MAX` when absent).
fn trigram_profiles() -> &'static FxHashMap<u32, [u16; 3]> {
    static PROFILES: OnceLock<FxHashMap<u32, [u16; 3]>> = OnceLock::new();
    PROFILES.get_or_init(|| {
        let mut map: FxHashMap<u32, [u16; 3]> = FxHashMap::default();
        for (i, profile) in [ENGLISH_TRIGRAMS, VIETNAMESE_TRIGRAMS, ROMANIAN_TRIGRAMS]
            .iter()
            .enumerate()
        {
            let chars: Vec<char> = profile.chars().filter(|&c| c != '\n').collect();
            for (rank, t) in chars.chunks(3).enumerate() {
                if t.iter().all(char::is_ascii) {
                    let ranks = map
                        .entry(pack_trigram([t[0], t[1], t[2]]))
                        .or_insert([u16::MAX; 3]);
                    ranks[i] = rank as u16;
                }
            }
        }
        map
    })
}

// whatlang 0.18's trigram profiles of the three languages (source and licence in
// `data/trigrams/README.md`): most frequent first, three characters per trigram, 20 trigrams a
// line.
const ENGLISH_TRIGRAMS: &str = include_str!("../data/trigrams/en.txt");
const ROMANIAN_TRIGRAMS: &str = include_str!("../data/trigrams/ro.txt");
const VIETNAMESE_TRIGRAMS: &str = include_str!("../data/trigrams/vi.txt");

fn trigram_detector() -> &'static whatlang::Detector {
    static D: OnceLock<whatlang::Detector> = OnceLock::new();
    D.get_or_init(|| {
        whatlang::Detector::with_allowlist(vec![
            whatlang::Lang::Eng,
            whatlang::Lang::Ron,
            whatlang::Lang::Vie,
        ])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(text: &str) -> Option<&'static str> {
        detect_language(text).map(Language::code)
    }

    #[test]
    fn seed_articles() {
        let seeds = [
            (
                include_str!("../../../testdata/seeds/000_8f2fc13ca7d6a654.txt"),
                "ro",
            ),
            (
                include_str!("../../../testdata/seeds/001_44610d290e9c4598.txt"),
                "en",
            ),
            (
                include_str!("../../../testdata/seeds/002_f19602772c35515f.txt"),
                "ar",
            ),
            (
                include_str!("../../../testdata/seeds/003_5d0934976991920c.txt"),
                "ro",
            ),
            (
                include_str!("../../../testdata/seeds/004_53fd72eb26a31149.txt"),
                "vi",
            ),
        ];
        for (text, lang) in seeds {
            assert_eq!(detect(text), Some(lang), "{}", &text[..80]);
            // The title alone, too.
            assert_eq!(detect(text.trim().lines().next().unwrap()), Some(lang));
        }
    }

    // Questions from XQuAD (google-deepmind/xquad, CC BY-SA 4.0): the same question in the four
    // languages, and questions that a letter-based guess gets wrong.
    #[test]
    fn short_questions() {
        let cases = [
            ("Who won Super Bowl XLIX?", "en"),
            ("Cine a câștigat Super Bowl XLIX?", "ro"),
            ("Ai đã giành chiến thắng trong Super Bowl XLIX?", "vi"),
            ("من فاز بـ Super Bowl XLIX؟", "ar"),
            ("What are clades?", "en"),
            ("Who do gurus control?", "en"),
            ("أين يقع Energiprojekt AB؟", "ar"),
            ("Các nhánh là gì?", "vi"),
            ("DECnet là gì", "vi"),
            ("Care este numele lui Tesla?", "ro"),
            ("Pe cine au învins Broncos?", "ro"),
        ];
        for (text, lang) in cases {
            assert_eq!(detect(text), Some(lang), "{text}");
        }
    }

    #[test]
    fn romanian_without_diacritics() {
        for text in [
            "Cine a castigat Super Bowl 50?",
            "Kremlinul considera ca o intalnire intre Putin si Trump este esentiala",
            "Cum puteai sa comunici cu viitorul?",
            "Deci, in aceasta perioada, ziua se mareste cu 8 minute.",
        ] {
            assert_eq!(detect(text), Some("ro"), "{text}");
        }
        for text in [
            "Who won the Super Bowl?",
            "Peskov said the meeting was important",
        ] {
            assert_eq!(detect(text), Some("en"), "{text}");
        }
    }

    #[test]
    fn vietnamese_without_tones() {
        assert_eq!(
            detect("Nguoi phat ngon Dien Kremlin noi rang hoi nghi thuong dinh"),
            Some("vi")
        );
        assert_eq!(
            detect("Hoi nghi thuong dinh giua ong Trump va ong Putin"),
            Some("vi")
        );
    }

    #[test]
    fn decomposed_vietnamese() {
        let nfd: String = "Người phát ngôn Điện Kremlin".nfd().collect();
        assert_eq!(detect(&nfd), Some("vi"));
    }

    #[test]
    fn russian_is_cyrillic_text_with_russian_letters() {
        assert_eq!(
            detect("Кремль заявил, что встреча Путина и Трампа важна"),
            Some("ru")
        );
        assert_eq!(
            detect("Что делала компания Tesla Electric Light & Manufacturing?"),
            Some("ru")
        );
        assert_eq!(detect("Где живёт Песков?"), Some("ru"));
        // Ukrainian and Serbian letters; Bulgarian by its trigrams.
        assert_eq!(
            detect("Київ заявив, що зустріч президентів відбудеться наступного тижня"),
            None
        );
        assert_eq!(detect("Београд је главни град Србије и највећи град"), None);
        assert_eq!(
            detect(
                "Министър-председателят заяви, че правителството ще подкрепи \
                 предложението на министерството за промени в бюджета през следващата година"
            ),
            None
        );
        // Mostly Latin: a Russian name in English text.
        assert_eq!(
            detect("Kremlin spokesman Dmitry Peskov (Дмитрий Песков) said the talks would go on"),
            Some("en")
        );
    }

    #[test]
    fn other_scripts_and_no_letters_give_none() {
        assert_eq!(detect("克里姆林宫表示普京与特朗普会晤 Trump"), None);
        assert_eq!(detect("Η συνάντηση είναι σημαντική"), None);
        assert_eq!(detect("2025-12-23 12:00"), None);
        assert_eq!(detect(""), None);
        assert_eq!(detect("?!… —"), None);
    }

    /// The ASCII shortcut gives whatlang's own guess and confidence.
    fn check_ascii_guess(text: &str) {
        let ours = ascii_trigram_guess(text);
        let theirs = trigram_detector()
            .detect(text)
            .map(|i| (i.lang(), i.confidence()));
        if ours.is_some() || text.bytes().any(|b| b.is_ascii_alphabetic()) {
            assert_eq!(
                ours.map(|(l, c)| (l, c.to_bits())),
                theirs.map(|(l, c)| (l, c.to_bits())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn trigram_profiles_have_300_trigrams_each() {
        for profile in [ENGLISH_TRIGRAMS, ROMANIAN_TRIGRAMS, VIETNAMESE_TRIGRAMS] {
            assert_eq!(profile.chars().filter(|&c| c != '\n').count(), 900);
            assert!(profile.lines().all(|l| l.chars().count() == 60));
        }
    }

    #[test]
    fn ascii_guess_is_whatlangs() {
        let words: Vec<&str> = EN_WORDS
            .iter()
            .chain(RO_WORDS)
            .chain(VI_WORDS)
            .copied()
            .filter(|w| w.is_ascii())
            .collect();
        for w in &words {
            check_ascii_guess(w);
            for v in &words {
                check_ascii_guess(&format!("{w} {v}"));
            }
        }
        for text in [
            "oxygen",
            "steam engine",
            "Super Bowl",
            "Peskov",
            "Who won Super Bowl XLIX?",
            "Cine a castigat Super Bowl 50?",
            "Nguoi phat ngon Dien Kremlin noi rang hoi nghi thuong dinh",
            "Kremlinul considera ca o intalnire intre Putin si Trump este esentiala",
            "What is the name of the 2015-16 Denver Broncos' head coach (in full)?",
            "a",
            "x y z",
            "qqqq zzzz",
            "  ,,  ",
            "DECnet",
        ] {
            check_ascii_guess(text);
        }
        let long = include_str!("../../../testdata/seeds/001_44610d290e9c4598.txt");
        for line in long.lines().filter(|l| l.is_ascii()) {
            check_ascii_guess(sample(line));
        }
    }

    #[test]
    fn latin_without_cues_is_english() {
        assert_eq!(detect("Debra Perlingiere"), Some("en"));
        assert_eq!(detect("Peskov"), Some("en"));
    }

    #[test]
    fn mixed_script_documents_follow_the_majority() {
        let en = "The Kremlin spokesman said in Moscow that the meeting (بيسكوف) was important.";
        assert_eq!(detect(en), Some("en"));
        let ar = "قال المتحدث باسم الكرملين Dmitry Peskov إن الاجتماع مهم";
        assert_eq!(detect(ar), Some("ar"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,300}") {
            let _ = detect_language(&text);
        }

        #[test]
        fn ascii_guess_is_whatlangs_on_any_ascii(text in "[a-zA-Z ,.?'0-9-]{0,80}") {
            check_ascii_guess(&text);
        }

        #[test]
        fn mixed_scripts_never_panic(text in "[a-zăâîșțşţđươ\u{0600}-\u{06FF}\u{0400}-\u{04FF}\u{4E00}-\u{4E20} ,.?!0-9\u{0300}-\u{0309}]{0,200}") {
            let _ = detect_language(&text);
        }
    }

    #[test]
    fn long_text_is_sampled_and_cut_on_a_char_boundary() {
        let mut text = "Ông Putin và ông Trump đã gặp nhau. ".repeat(200);
        text.push_str(&"The meeting was important. ".repeat(1000));
        assert_eq!(detect(&text), Some("vi"));
        for n in 0..8 {
            let s = format!("{}{}", "a".repeat(SAMPLE_BYTES - n), "ță".repeat(4));
            assert!(sample(&s).len() <= SAMPLE_BYTES);
            let _ = detect_language(&s);
        }
    }
}
