//! The resolver's per-thread working memory: reused buffers, and per word the keys and gazetteer
//! forms computed once (memos), found again through hints kept in the word lexicon.

use super::*;

/// Reused buffers: one set per `resolve` call, so no allocation per word once warm.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) letters: Vec<u8>,
    pub(super) phones: Vec<u8>,
    pub(super) key: String,
    pub(super) lower: String,
    pub(super) variant: String,
    /// A recall key with a vowel put in (see `phonetic::every_slot_vowel`).
    pub(super) slot: String,
    pub(super) bytes: Vec<u8>,
    /// A word form (Cyrillic case variant).
    pub(super) forms: String,
    /// Keys emitted for the current word (for de-duplication): ranges into `emitted`.
    pub(super) emitted: String,
    pub(super) spans: Vec<(usize, usize)>,
    /// Gazetteer search buffers.
    pub(super) gaz: GazScratch,
    /// What was derived from each word (normalized) so far, across texts (bounded; see
    /// `resolve`): news repeats its names (`Peskov` six times in a seed article), and five
    /// readings of a word cost more than one lookup. Valid for the gazetteer `memo_owner` only.
    pub(super) memo_index: crate::word_ids::WordIds,
    pub(super) memos: Vec<WordMemo>,
    /// The memos' forms and keys, one a line.
    pub(super) memo_text: String,
    pub(super) memo_owner: Option<gazetteer::GazetteerId>,
    /// Counts how often the memos were emptied (never 0 once in use): see [`MemoHint`].
    pub(super) memo_generation: u32,
    /// The memo of the word being resolved.
    pub(super) word_memo: usize,
    /// Phone strings already keyed for the current word (ranges into `seen_phones`).
    pub(super) seen_phones: Vec<u8>,
    pub(super) seen_spans: Vec<(usize, usize)>,
}

/// What the resolver derived from one word: ranges into `Scratch::memo_text`, unset until
/// needed. One cache line: memos are looked up for every capitalized word, at random.
#[derive(Clone, Copy, Default)]
pub(super) struct WordMemo {
    /// Its distinct forms as a later word of a name (`[0]`), and those that are gazetteer keys
    /// as the first word (`[1]`); each without and with Romanian endings undone.
    pub(super) forms: [[MemoRange; 2]; 2],
    /// Its own keys, by [`KeyKind`].
    pub(super) keys: [MemoRange; 4],
}

/// A range of `Scratch::memo_text`, or unset.
#[derive(Clone, Copy)]
pub(super) struct MemoRange {
    pub(super) start: u32,
    pub(super) end: u32,
}

impl Default for MemoRange {
    fn default() -> Self {
        MemoRange {
            start: u32::MAX,
            end: u32::MAX,
        }
    }
}

impl MemoRange {
    /// The range, or unset (not memoized) past 4 GiB: the bound on the memo text is checked
    /// between texts, and one giant text could pass it.
    pub(super) fn new(start: usize, end: usize) -> Self {
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(start), Ok(end)) if end != u32::MAX => MemoRange { start, end },
            _ => MemoRange::default(),
        }
    }

    pub(super) fn get(self) -> Option<(usize, usize)> {
        (self.start != u32::MAX).then_some((self.start as usize, self.end as usize))
    }
}

/// Which computation of a word's own keys a memo holds.
#[derive(Clone, Copy)]
pub(super) enum KeyKind {
    /// Latin, every tier.
    LatinAll = 0,
    /// Latin, precise tier only.
    LatinPrecise = 1,
    /// Arabic.
    Arabic = 2,
    /// Arabic ending as written in `ى` or `ة` (one slot serves both: a normalized word ends in
    /// `ي` or in `ه`, not both).
    ArabicWrittenEnding = 3,
}

/// Buffers of the gazetteer search.
#[derive(Default)]
pub(super) struct GazScratch {
    /// Keys of words `i..=i+depth` that begin a longer name, one a line.
    pub(super) frontier: String,
    /// The frontier one word deeper, being built.
    pub(super) next: String,
    /// The key being tried.
    pub(super) key: String,
    /// The longest matching key so far.
    pub(super) best: String,
    pub(super) bufs: gazetteer::FormBufs,
}

impl Scratch {
    /// Starts on a word whose memo is `memo`.
    pub(super) fn begin_word(&mut self, memo: usize) {
        self.word_memo = memo;
        self.emitted.clear();
        self.spans.clear();
    }

    /// Emits `prefix` + `body` unless the current word already emitted it.
    pub(super) fn emit(
        &mut self,
        first: usize,
        last: usize,
        prefix: &str,
        body: &str,
        emit: &mut dyn FnMut(usize, usize, &str),
    ) {
        self.key.clear();
        self.key.push_str(prefix);
        self.key.push_str(body);
        let key = self.key.as_str();
        if self.spans.iter().any(|&(s, e)| &self.emitted[s..e] == key) {
            return;
        }
        let s = self.emitted.len();
        self.emitted.push_str(key);
        self.spans.push((s, self.emitted.len()));
        emit(first, last, key);
    }
}

impl Scratch {
    /// The index of `norm`'s memo, made empty on first sight; `hint` remembers it for next time
    /// (see [`MemoHint`]).
    pub(super) fn memo(&mut self, norm: &str, hint: Option<&MemoHint>) -> usize {
        let generation = u64::from(self.memo_generation);
        if let Some(h) = hint {
            let v = h.get();
            if v >> 32 == generation && generation != 0 {
                return (v & u64::from(u32::MAX)) as usize;
            }
        }
        let m = match self.memo_index.get(norm) {
            Some(m) => m,
            None => {
                let m = self.memos.len() as u32;
                self.memos.push(WordMemo::default());
                self.memo_index.insert(norm, m);
                m
            }
        };
        if let Some(h) = hint {
            h.set(generation << 32 | u64::from(m));
        }
        m as usize
    }
}

/// The distinct forms of word `norm` (memo `memo`) as the `first` word of a name (then only
/// those that are keys of `g`) or a later one: a range of `s.memo_text`, one form a line.
pub(super) fn memo_forms(
    s: &mut Scratch,
    g: &Gazetteer,
    memo: usize,
    norm: &str,
    first: bool,
    romanian: bool,
    bufs: &mut gazetteer::FormBufs,
) -> (usize, usize) {
    let (position, slot) = (usize::from(first), usize::from(romanian));
    if let Some(range) = s.memos[memo].forms[position][slot].get() {
        return range;
    }
    let text = &mut s.memo_text;
    let start = text.len();
    gazetteer::word_forms(norm, first, romanian, bufs, &mut |f| {
        let wanted = !first || g.lookup(f).is_some();
        if wanted && !lines(&text[start..]).any(|k| k == f) {
            text.push_str(f);
            text.push('\n');
        }
    });
    let range = (start, text.len());
    s.memos[memo].forms[position][slot] = MemoRange::new(range.0, range.1);
    range
}

/// The lines of a memo text or key list (each ends with `\n`): `split_terminator('\n')` without
/// the generic character searcher, which cost more than the short lines it splits.
pub(super) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.bytes().position(|b| b == b'\n').unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        Some(line)
    })
}

/// The keys `compute` emits for word `i` (memo `memo`), remembered as `kind`.
pub(super) fn cached_keys(
    s: &mut Scratch,
    memo: usize,
    kind: KeyKind,
    i: usize,
    emit: &mut dyn FnMut(usize, usize, &str),
    compute: impl FnOnce(&mut Scratch, &mut dyn FnMut(usize, usize, &str)),
) {
    if let Some((a, b)) = s.memos[memo].keys[kind as usize].get() {
        for key in lines(&s.memo_text[a..b]) {
            emit(i, i, key);
        }
        return;
    }
    let mut text = std::mem::take(&mut s.memo_text);
    let start = text.len();
    compute(s, &mut |a, b, key| {
        text.push_str(key);
        text.push('\n');
        emit(a, b, key);
    });
    s.memos[memo].keys[kind as usize] = MemoRange::new(start, text.len());
    s.memo_text = text;
}
