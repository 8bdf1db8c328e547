//! A map from words to ids that keeps short words inside the table.
//!
//! The per-word caches (the lexicon, the entity resolver's memos) are looked up once or more for
//! every word of every text. Keyed by `Box<str>`, each lookup follows a pointer to the key and
//! calls `memcmp` on it: on the Vietnamese bench corpus that was half the cost of a lookup. Words
//! of at most [`INLINE_BYTES`] bytes (nearly all of them: Vietnamese syllables, most Romanian and
//! English words, Arabic words of up to seven letters) are packed with their length into one
//! `u128` instead, so a lookup is one hash and one integer compare.

use rustc_hash::FxHashMap;

/// The longest word kept inline (the 16th byte holds the length).
const INLINE_BYTES: usize = 15;

/// Words to `u32` ids.
#[derive(Default)]
pub(crate) struct WordIds {
    /// Keyed by two words rather than a `u128`, whose 16-byte alignment would pad each entry
    /// from 20 to 32 bytes.
    inline: FxHashMap<(u64, u64), u32>,
    boxed: FxHashMap<Box<str>, u32>,
}

impl WordIds {
    /// The id of `word`, if it was inserted.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<u32> {
        match pack(word.as_bytes()) {
            Some(key) => self.inline.get(&split(key)).copied(),
            None => self.boxed.get(word).copied(),
        }
    }

    /// Sets the id of `word`.
    pub(crate) fn insert(&mut self, word: &str, id: u32) {
        match pack(word.as_bytes()) {
            Some(key) => self.inline.insert(split(key), id),
            None => self.boxed.insert(word.into(), id),
        };
    }

    /// Number of words.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.inline.len() + self.boxed.len()
    }

    /// Whether there are no words.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Removes every word.
    pub(crate) fn clear(&mut self) {
        self.inline.clear();
        self.boxed.clear();
    }
}

/// `bytes` and their length as one integer, if they fit: the length byte tells apart words that
/// differ only by trailing zero bytes.
#[inline]
fn pack(bytes: &[u8]) -> Option<u128> {
    let n = bytes.len();
    if n > INLINE_BYTES {
        return None;
    }
    // Overlapping loads instead of a variable-length copy (a `memcpy` call for a few bytes).
    let (low, high) = if n >= 8 {
        (load_u64(&bytes[..8]), load_partial(&bytes[8..]))
    } else {
        (load_partial(bytes), 0)
    };
    Some(u128::from(low) | u128::from(high) << 64 | (n as u128) << 120)
}

#[inline]
fn split(key: u128) -> (u64, u64) {
    (key as u64, (key >> 64) as u64)
}

#[inline]
fn load_u64(b: &[u8]) -> u64 {
    u64::from_le_bytes(b[..8].try_into().expect("8 bytes"))
}

/// Up to 7 bytes, little-endian, zero above them.
#[inline]
fn load_partial(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 4 {
        let first = u32::from_le_bytes(b[..4].try_into().expect("4 bytes"));
        let last = u32::from_le_bytes(b[n - 4..].try_into().expect("4 bytes"));
        u64::from(first) | u64::from(last) << (8 * (n - 4))
    } else if n > 0 {
        u64::from(b[0])
            | u64::from(b[n / 2]) << (8 * (n / 2))
            | u64::from(b[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(bytes: &[u8]) -> Option<u128> {
        (bytes.len() <= INLINE_BYTES).then(|| {
            let mut key = [0u8; 16];
            key[..bytes.len()].copy_from_slice(bytes);
            key[15] = bytes.len() as u8;
            u128::from_le_bytes(key)
        })
    }

    #[test]
    fn every_length_packs_its_bytes_exactly() {
        let bytes: Vec<u8> = (1..=20).collect();
        for n in 0..=bytes.len() {
            assert_eq!(pack(&bytes[..n]), naive(&bytes[..n]), "length {n}");
        }
    }

    #[test]
    fn words_that_differ_only_in_zero_bytes_or_length_stay_apart() {
        let mut ids = WordIds::default();
        let words = [
            "",
            "\0",
            "\0\0",
            "a",
            "a\0",
            "ngày",
            "ngay",
            "Kremlinului",
            "Кремль",
        ];
        let long = "purtătorulpurtătorul";
        for (i, w) in words.iter().chain([&long]).enumerate() {
            ids.insert(w, i as u32);
        }
        for (i, w) in words.iter().chain([&long]).enumerate() {
            assert_eq!(ids.get(w), Some(i as u32), "{w:?}");
        }
        assert_eq!(ids.len(), words.len() + 1);
        assert_eq!(ids.get("purtătorulpurtătoru"), None);
        ids.clear();
        assert!(ids.is_empty() && ids.get("a").is_none());
    }

    proptest! {
        #[test]
        fn packing_matches_a_plain_copy(bytes in proptest::collection::vec(any::<u8>(), 0..20)) {
            prop_assert_eq!(pack(&bytes), naive(&bytes));
        }
    }
}
