//! Vietnamese: tone-mark placement and dictionary word segmentation.
//! (Stub: to be replaced by the dictionary segmenter.)

/// A syllable as the segmenter sees it.
#[derive(Clone, Copy, Debug)]
pub struct Syllable<'a> {
    /// Normalized, lower-cased, tone-canonical syllable.
    pub text: &'a str,
    /// Whether the syllable was capitalized in the original text.
    pub capitalized: bool,
}

/// Rewrites a normalized (NFC, lower-case) Vietnamese syllable with its tone mark on the
/// canonical vowel into `out` (cleared first), so `hoà`/`hòa`, `thuý`/`thúy`, `khoẻ`/`khỏe` give one
/// form. Returns `false` (and leaves `out` empty) when the syllable is already canonical.
pub fn canonicalize_tone(_syllable: &str, out: &mut String) -> bool {
    out.clear();
    false
}

/// Groups a run of syllables (separated only by spaces in the text) into words; returns the
/// length in syllables of each word, in order, summing to `syllables.len()`.
pub fn segment(syllables: &[Syllable<'_>]) -> Vec<usize> {
    vec![1; syllables.len()]
}
