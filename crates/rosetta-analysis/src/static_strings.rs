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
    /// The hash table (linear probing, at most half full): 0 (empty) or 1 + a string's number.
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
        let mut i = slot_hash(s) as usize & mask;
        // At most half the slots are full: an empty one ends every probe.
        loop {
            let n = (*self.slots.get(i)? as usize).checked_sub(1)?;
            if self.at(n) == s {
                return Some(n);
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
        let start = match n.checked_sub(1) {
            Some(p) => self.ends.get(p).map_or(usize::MAX, |&e| e as usize),
            None => 0,
        };
        let end = self.ends.get(n).map_or(0, |&e| e as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    /// The strings in their order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..self.len()).map(|n| self.at(n))
    }
}

/// The hash of a string for the slot table (the same code hashes at build time and lookup).
#[inline]
fn slot_hash(s: &str) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = s.len() as u64;
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
    }
    let mut b = [0u8; 8];
    b[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
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
    for (n, s) in strings.iter().enumerate() {
        text.push_str(s);
        ends.push(text.len() as u32);
        let mut i = slot_hash(s) as usize & (size - 1);
        while slots[i] != 0 {
            i = (i + 1) & (size - 1);
        }
        slots[i] = n as u32 + 1;
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
