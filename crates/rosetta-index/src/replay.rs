//! Analyzed tokens recorded as one string, which Rosetta's tokenizers play back to tantivy.
//!
//! The writer analyzes a document once, on rayon, into the tokens of three fields. Handed over as
//! `PreTokenizedString`s, every token is a `String` of its own, and tantivy 0.27 clones each such
//! value twice more while indexing it (`OwnedValue::as_value`, then the indexer): allocation and
//! copying took about a fifth of the indexing CPU. Recorded instead as one string per field, the
//! tokens cost one buffer per field, and the field's tokenizer (see [`crate::tokenizer`]) decodes
//! them into a single reused [`Token`]: no allocation per token on either side.
//!
//! A recording starts with [`MARK`] (two Unicode noncharacters around a name: never the start
//! of real text), then holds per token its position change, its term's length in bytes, and the
//! term. A number below [`ESCAPE`] is one byte (one ASCII character); any other (long terms, big
//! position jumps, and negative changes: a compound is emitted at its first word's position after
//! its words) is [`ESCAPE`] then the number in decimal then `,`. Text without the mark is
//! analyzed as usual.

use tantivy::tokenizer::Token;

/// The start of a recording.
pub(crate) const MARK: &str = "\u{FDD0}rosetta-tokens\u{FDD1}";

/// Numbers from this one up (and negative ones) are written in decimal after this byte.
const ESCAPE: u8 = 0x7F;

/// Records tokens of one field.
#[derive(Default)]
pub(crate) struct TokenRecording {
    text: String,
    last_position: i64,
    /// Bytes to reserve at the first token.
    expected_bytes: usize,
}

impl TokenRecording {
    /// An empty recording that takes room for about `bytes` of tokens when the first comes (a
    /// field that gets no token allocates nothing).
    pub(crate) fn expecting(bytes: usize) -> Self {
        TokenRecording {
            expected_bytes: bytes,
            ..TokenRecording::default()
        }
    }

    /// Appends a token.
    pub(crate) fn push(&mut self, position: u32, term: &str) {
        if self.text.is_empty() {
            self.text.reserve(MARK.len() + self.expected_bytes);
            self.text.push_str(MARK);
        }
        let change = i64::from(position) - self.last_position;
        self.last_position = i64::from(position);
        self.number(change);
        self.number(term.len() as i64);
        self.text.push_str(term);
    }

    fn number(&mut self, n: i64) {
        match u8::try_from(n) {
            Ok(byte) if byte < ESCAPE => self.text.push(char::from(byte)),
            _ => {
                use std::fmt::Write;
                self.text.push(char::from(ESCAPE));
                // Writing to a String cannot fail.
                let _ = write!(self.text, "{n},");
            }
        }
    }

    /// The recording, or `None` when no token was pushed.
    pub(crate) fn finish(self) -> Option<String> {
        (!self.text.is_empty()).then_some(self.text)
    }
}

/// Plays back a recording (the text after [`MARK`]).
pub(crate) struct Playback<'a> {
    rest: &'a str,
    position: i64,
}

impl<'a> Playback<'a> {
    /// A playback of `recording` if it is one (starts with [`MARK`]).
    pub(crate) fn of(recording: &'a str) -> Option<Self> {
        recording
            .strip_prefix(MARK)
            .map(|rest| Playback { rest, position: 0 })
    }

    /// Decodes the next token into `token`; false at the end. A malformed recording (which only
    /// a caller forging the mark can make) ends the playback rather than panicking.
    pub(crate) fn next_into(&mut self, token: &mut Token) -> bool {
        let decoded = (|| {
            let (change, at) = number(self.rest.as_bytes(), 0)?;
            let (len, at) = number(self.rest.as_bytes(), at)?;
            let end = at.checked_add(usize::try_from(len).ok()?)?;
            Some((change, self.rest.get(at..end)?, end))
        })();
        let Some((change, term, end)) = decoded else {
            self.rest = "";
            return false;
        };
        self.rest = &self.rest[end..];
        self.position = self.position.saturating_add(change).max(0);
        token.text.clear();
        token.text.push_str(term);
        token.position = usize::try_from(self.position).unwrap_or(usize::MAX);
        token.offset_from = 0;
        token.offset_to = 0;
        token.position_length = 1;
        true
    }
}

/// The number written at `bytes[at..]` and the index after it.
fn number(bytes: &[u8], at: usize) -> Option<(i64, usize)> {
    let first = *bytes.get(at)?;
    if first != ESCAPE {
        return Some((i64::from(first), at + 1));
    }
    let digits = bytes.get(at + 1..)?;
    let comma = digits.iter().position(|&b| b == b',')?;
    let n = std::str::from_utf8(&digits[..comma]).ok()?.parse().ok()?;
    Some((n, at + 2 + comma))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn play(recording: &str) -> Vec<(usize, String)> {
        let mut playback = Playback::of(recording).expect("a recording");
        let mut token = Token::default();
        let mut out = Vec::new();
        while playback.next_into(&mut token) {
            out.push((token.position, token.text.clone()));
        }
        out
    }

    #[test]
    fn tokens_come_back_with_their_positions() {
        let tokens = [
            (0, "kremlin"),
            (2, "trump"),
            (2, "trump-putin"),
            (1, "a,b,c"),
            (9, ""),
            (9, "3,5"),
            (1_000_000, "Песков"),
        ];
        let mut recording = TokenRecording::default();
        for (p, t) in tokens {
            recording.push(p, t);
        }
        let text = recording.finish().expect("tokens were pushed");
        let expected: Vec<(usize, String)> = tokens
            .iter()
            .map(|&(p, t)| (p as usize, t.to_string()))
            .collect();
        assert_eq!(play(&text), expected);
    }

    #[test]
    fn long_terms_and_big_jumps_are_escaped() {
        let long = "ș".repeat(200);
        let mut recording = TokenRecording::default();
        recording.push(5, &long);
        recording.push(4, "a");
        recording.push(u32::MAX, "b");
        let text = recording.finish().expect("tokens were pushed");
        let expected = [
            (5, long.clone()),
            (4, "a".into()),
            (u32::MAX as usize, "b".into()),
        ];
        assert_eq!(play(&text), expected);
    }

    #[test]
    fn an_empty_recording_is_none_and_plain_text_is_no_recording() {
        assert!(TokenRecording::default().finish().is_none());
        assert!(Playback::of("Kremlin says").is_none());
    }

    #[test]
    fn forged_recordings_end_without_panicking() {
        for forged in [
            "",
            "\u{1}",
            "\u{1}\u{7f}",
            "\u{7f}x,\u{3}abc",
            "\u{1}\u{7f}99,abc",
            "\u{1}\u{1}é",
            "\u{7f}-5,\u{1}a",
            "\u{7f}99999999999999999999,\u{1}a",
        ] {
            let text = format!("{MARK}{forged}");
            let tokens = play(&text);
            assert!(tokens.len() <= 1, "{forged:?}: {tokens:?}");
        }
    }

    proptest! {
        #[test]
        fn any_tokens_round_trip(tokens in proptest::collection::vec((0u32..5_000_000, "\\PC{0,12}"), 0..40)) {
            let mut recording = TokenRecording::default();
            for (p, t) in &tokens {
                recording.push(*p, t);
            }
            let played = recording.finish().map(|r| play(&r)).unwrap_or_default();
            let expected: Vec<(usize, String)> =
                tokens.iter().map(|(p, t)| (*p as usize, t.clone())).collect();
            prop_assert_eq!(played, expected);
        }
    }
}
