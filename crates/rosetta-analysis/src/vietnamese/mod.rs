//! Vietnamese: tone-mark placement and word segmentation.
//!
//! Vietnamese separates syllables, not words, by spaces: `hội nghị thượng đỉnh` is two words of
//! two syllables. [`segment`] groups a run of syllables into words with pyvi's word list and a
//! boundary model learned from the training file of the Vietnamese UD treebank (VTB). On the runs
//! of the VTB dev file it scores word F1 0.964, against 0.927 for forward longest matching with
//! the same list and 0.67 for one word per syllable (see `segment.rs`); through the whole
//! analyzer, where numbers and abbreviations count too, 0.959.
//! [`canonicalize_tone`] makes the two tone-placement conventions (`hòa`/`hoà`) one spelling
//! (see `tone.rs`). Data and licences: `data/vi/README.md`.

mod segment;
mod tone;

pub(crate) use segment::{SegmentBuffers, SyllableInfo};

#[cfg(test)]
mod tests;

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
///
/// The canonical form is the "new style" (`hoà`, `thuý`, `khoẻ`, `quỳ`, `già`): the tone sits
/// on the main vowel of the nucleus. Words that do not parse as a Vietnamese syllable (ASCII,
/// foreign words, several tone marks, upper case) are left alone (`false`). Never panics.
pub fn canonicalize_tone(syllable: &str, out: &mut String) -> bool {
    tone::canonicalize(syllable, out)
}

/// Whether `word` (lower case) is spelled like a Vietnamese syllable.
pub(crate) fn is_syllable(word: &str) -> bool {
    tone::is_vietnamese(word)
}

/// Groups a run of syllables (separated only by spaces in the text) into words; returns the
/// length in syllables of each word, in order, summing to `syllables.len()`.
///
/// Expects the syllables normalized as [`Syllable::text`] says, with the run split at
/// punctuation and numbers. The dictionary and model are parsed on the first call.
pub fn segment(syllables: &[Syllable<'_>]) -> Vec<usize> {
    let model = segment::model();
    let infos: Vec<SyllableInfo> = syllables
        .iter()
        .map(|s| model.info(s.text, s.capitalized))
        .collect();
    model.segment(&infos)
}

/// [`segment`] with what it needs of each syllable already found (the analyzer's lexicon keeps
/// it per word), into `lengths`, reusing `buffers`.
pub(crate) fn segment_syllables(
    syllables: &[SyllableInfo],
    buffers: &mut SegmentBuffers,
    lengths: &mut Vec<usize>,
) {
    segment::model().segment_into(syllables, buffers, lengths)
}

/// What the segmenter needs of a syllable normalized as [`Syllable::text`] says.
pub(crate) fn syllable_info(syllable: &str, capitalized: bool) -> SyllableInfo {
    segment::model().info(syllable, capitalized)
}
