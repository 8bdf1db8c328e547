//! Sets of strings made at build time (build.rs writes them from the data files): one static
//! text, the end of each string in it, and an open-addressing hash table of their numbers.
//! Nothing is parsed, normalized or allocated when a process starts, and no table of
//! pointers is relocated when the binary loads (a `&[&str]` of ten thousand keys was).

/// Strings in one static text, numbered in order, found by hash.
#[derive(Debug)]
pub(crate) struct StaticStrings {
    /// Every string, one after another.
    pub text: &'static str,
    /// `ends[i]`: where string `i` ends in `text` (it starts where string `i - 1` ends).
    pub ends: &'static [u32],
    /// The hash table (linear probing, at most half full): 0 (empty), or 1 + a string's number
    /// in the low [`NUMBER_BITS`] bits and the top byte of its hash above them, which turns
    /// most strings away before their text is read.
    pub slots: &'static [u32],
}

impl StaticStrings {
    /// No strings (what build.rs's own copy of the library's files sees).
    #[allow(dead_code)] // Used by build.rs.
    pub const EMPTY: StaticStrings = StaticStrings {
        text: "",
        ends: &[],
        slots: &[],
    };

    /// The number of `s`, if it is one of the strings.
    #[inline]
    pub fn get(&self, s: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let h = slot_hash(s);
        let (mut i, tag) = (h as usize & mask, tag(h));
        // At most half the slots are full: an empty one ends every probe.
        loop {
            let slot = *self.slots.get(i)?;
            if slot == 0 {
                return None;
            }
            if slot >> NUMBER_BITS == tag {
                let n = (slot & NUMBER_MASK) as usize - 1;
                if self.bytes_at(n) == Some(s.as_bytes()) {
                    return Some(n);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether `s` is one of the strings.
    #[inline]
    pub fn contains(&self, s: &str) -> bool {
        self.get(s).is_some()
    }

    /// How many strings there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// String number `n` (empty past the end).
    #[inline]
    pub fn at(&self, n: usize) -> &'static str {
        self.text.get(self.range(n)).unwrap_or_default()
    }

    /// The bytes of string number `n` (`None` past the end).
    #[inline]
    fn bytes_at(&self, n: usize) -> Option<&'static [u8]> {
        self.text.as_bytes().get(self.range(n))
    }

    /// Where string number `n` is in `text` (an empty range past the end).
    #[inline]
    fn range(&self, n: usize) -> std::ops::Range<usize> {
        let start = match n.checked_sub(1) {
            Some(p) => self.ends.get(p).map_or(usize::MAX, |&e| e as usize),
            None => 0,
        };
        start..self.ends.get(n).map_or(0, |&e| e as usize)
    }

    /// The strings in their order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..self.len()).map(|n| self.at(n))
    }
}

/// The bits of a slot that hold 1 + a string's number; the hash's top byte is above them.
const NUMBER_BITS: u32 = 24;
const NUMBER_MASK: u32 = (1 << NUMBER_BITS) - 1;

/// The hash's top byte, as a slot keeps it.
#[inline]
fn tag(h: u64) -> u32 {
    (h >> 56) as u32
}

/// The hash of a string for the slot table (the same code hashes at build time and lookup):
/// FxHash's mixing, eight bytes at a time, then four, two and one (no copy of the tail).
#[inline]
fn slot_hash(s: &str) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut h = s.len() as u64;
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap_or_default()));
    }
    let mut rest = chunks.remainder();
    if let Some((four, tail)) = rest.split_first_chunk::<4>() {
        h = mix(h, u64::from(u32::from_le_bytes(*four)));
        rest = tail;
    }
    if let Some((two, tail)) = rest.split_first_chunk::<2>() {
        h = mix(h, u64::from(u16::from_le_bytes(*two)));
        rest = tail;
    }
    if let Some(&one) = rest.first() {
        h = mix(h, u64::from(one));
    }
    h ^ h >> 32
}

/// The Rust expression of a [`StaticStrings`] holding `strings` (distinct), numbered in their
/// order, for build.rs.
#[allow(dead_code)] // Used by build.rs.
pub(crate) fn rust_source(strings: &[&str]) -> String {
    let (text, ends, slots) = layout(strings);
    format!(
        "crate::static_strings::StaticStrings {{ text: {text:?}, ends: &{ends:?}, slots: &{slots:?} }}"
    )
}

/// The fields of a [`StaticStrings`] of `strings`: text, ends, slots.
#[allow(dead_code)] // Used by build.rs.
fn layout(strings: &[&str]) -> (String, Vec<u32>, Vec<u32>) {
    let size = (strings.len() * 2).next_power_of_two().max(2);
    let mut slots = vec![0u32; size];
    let (mut text, mut ends) = (String::new(), Vec::with_capacity(strings.len()));
    assert!(
        strings.len() < NUMBER_MASK as usize,
        "too many strings for a slot"
    );
    for (n, s) in strings.iter().enumerate() {
        text.push_str(s);
        ends.push(text.len() as u32);
        let h = slot_hash(s);
        let mut i = h as usize & (size - 1);
        while slots[i] != 0 {
            i = (i + 1) & (size - 1);
        }
        slots[i] = tag(h) << NUMBER_BITS | (n as u32 + 1);
    }
    (text, ends, slots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_found_by_its_number_and_no_other() {
        let words = [
            "",
            "și",
            "kremlin",
            "hội nghị",
            "a longer key of many words",
            "ان",
        ];
        let (text, ends, slots) = layout(&words);
        let table = StaticStrings {
            text: Box::leak(text.into_boxed_str()),
            ends: Box::leak(ends.into_boxed_slice()),
            slots: Box::leak(slots.into_boxed_slice()),
        };
        for (n, w) in words.iter().enumerate() {
            assert_eq!(table.get(w), Some(n), "{w}");
            assert_eq!(table.at(n), *w);
        }
        assert_eq!(table.iter().collect::<Vec<_>>(), words);
        for absent in ["si", "kremli", "kremlinx", "hội", "ا"] {
            assert_eq!(table.get(absent), None, "{absent}");
        }
        assert_eq!(table.at(99), "");
        assert!(!StaticStrings::EMPTY.contains(""));
        assert!(rust_source(&words).contains(r#"text: "șikremlinhội nghị"#));
    }
}
