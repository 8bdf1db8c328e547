//! The trigram tie-breaker of language detection: whatlang, with its figures computed directly
//! for ASCII samples.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// whatlang's guess among English, Romanian and Vietnamese, with its confidence.
pub(super) fn trigram_guess(sample: &str) -> Option<(whatlang::Lang, f64)> {
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
pub(super) fn ascii_trigram_guess(sample: &str) -> Option<(whatlang::Lang, f64)> {
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
pub(super) const PROFILE_LANGS: [whatlang::Lang; 3] = [
    whatlang::Lang::Eng,
    whatlang::Lang::Vie,
    whatlang::Lang::Ron,
];

/// Three characters as one key (21 bits each would fit any; these are ASCII).
pub(super) fn pack_trigram(t: [char; 3]) -> u32 {
    (u32::from(t[0]) << 16) | (u32::from(t[1]) << 8) | u32::from(t[2])
}

/// The rank of each ASCII trigram in whatlang's profile of each of [`PROFILE_LANGS`]
/// (`u16::MAX` when absent).
pub(super) fn trigram_profiles() -> &'static FxHashMap<u32, [u16; 3]> {
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
pub(super) const ENGLISH_TRIGRAMS: &str = include_str!("../../data/trigrams/en.txt");
pub(super) const ROMANIAN_TRIGRAMS: &str = include_str!("../../data/trigrams/ro.txt");
pub(super) const VIETNAMESE_TRIGRAMS: &str = include_str!("../../data/trigrams/vi.txt");

pub(super) fn trigram_detector() -> &'static whatlang::Detector {
    static D: OnceLock<whatlang::Detector> = OnceLock::new();
    D.get_or_init(|| {
        whatlang::Detector::with_allowlist(vec![
            whatlang::Lang::Eng,
            whatlang::Lang::Ron,
            whatlang::Lang::Vie,
        ])
    })
}
