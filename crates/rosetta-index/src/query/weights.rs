//! How much each kind of match of a query word weighs, relative to its stem in the query's own
//! language (1.0). Both backends (this crate's tantivy search and `rosetta-postgres`) score with
//! these, so that one query ranks alike in either.

/// A match on a folded (diacritic-free) form.
pub const FOLDED_BOOST: f32 = 0.3;
/// A gazetteer entity key (`g:kremlin`).
pub const ENTITY_GAZETTEER_BOOST: f32 = 1.0;
/// A precise entity key (`p:peskov`).
pub const ENTITY_PRECISE_BOOST: f32 = 0.9;
/// A recall entity key (`r:bskf`), which also meets other names with the same consonants.
pub const ENTITY_RECALL_BOOST: f32 = 0.4;
/// A word read as a language other than the query's own (when that is detected): an English
/// query word that is also a Vietnamese syllable says little about a Vietnamese text.
pub const OTHER_LANGUAGE_BOOST: f32 = 0.5;
/// Entity keys when the query's language is known: the words themselves, read in that
/// language, are better evidence, and a translation of the same story (which shares the names)
/// should not outrank the text in the language the user typed.
pub const ENTITY_IN_KNOWN_LANGUAGE_BOOST: f32 = 0.5;
/// A Vietnamese syllable that continues a compound word of the query (the compound carries the
/// word); it stays required: a text with the word has each of its syllables indexed. Vietnamese
/// XQuAD dev MRR@10: 0.961 at 1.0 (no reduction), 0.966 at 0.3 and 0.7, 0.968 at 0.5.
pub const CONTINUATION_BOOST: f32 = 0.5;

/// Score added to documents in the query's own language (about one well-matched word).
pub const SAME_LANGUAGE_BONUS: f32 = 2.0;

/// Part of a word's other alternatives' scores added to its best one's (a disjunction max's tie
/// breaker): a word matched several ways counts a little more than matched once.
pub const TIE_BREAKER: f32 = 0.1;

/// A query word's score in a document from its matched alternatives: the best one plus
/// [`TIE_BREAKER`] times the others, entity keys counting as one alternative (only their best:
/// a name's keys of every tier match together).
#[derive(Clone, Copy, Debug, Default)]
pub struct WordScore {
    max: f32,
    sum: f32,
    best_entity: Option<f32>,
}

impl WordScore {
    /// Adds a matched alternative's score.
    #[inline]
    pub fn add(&mut self, score: f32, entity: bool) {
        if entity {
            self.best_entity = Some(self.best_entity.map_or(score, |best| best.max(score)));
        } else {
            self.max = self.max.max(score);
            self.sum += score;
        }
    }

    /// The word's score, with `tie_breaker` for the part of the others.
    #[inline]
    pub fn total(self, tie_breaker: f32) -> f32 {
        let (mut max, mut sum) = (self.max, self.sum);
        if let Some(score) = self.best_entity {
            max = max.max(score);
            sum += score;
        }
        max + (sum - max) * tie_breaker
    }
}
