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

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::{Language, Script};

mod cues;
#[cfg(test)]
mod tests;
mod trigrams;

use cues::*;
use trigrams::trigram_guess;

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
