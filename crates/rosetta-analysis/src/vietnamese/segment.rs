//! Word segmentation: a dictionary plus a learned word-boundary model.
//!
//! For each gap between two adjacent syllables the model adds up integer weights of features
//! and joins the syllables into one word when the sum is positive. The features (mirrored by
//! `data/vi/train_segmenter.py`, which made the weights; change both together) are:
//! - the syllables themselves: the pair, each one, and the triples with a neighbour (they learn
//!   the treebank's conventions, such as `cô gái` being two words);
//! - the dictionary: which dictionary words cover the gap (offset and length), the longest one,
//!   whether the pair is a word, and whether forward and backward maximum matching join there;
//! - capitalization of the two syllables and their neighbours (names such as `Hà Nội`,
//!   `Nguyễn Văn An` are one word) and, at the start of a run, whether the first syllable is
//!   usually written in lower case (`Ông Nguyễn`: a capitalized common word, not a name).
//!
//! One rule overrides the model: a capitalized syllable spelled like Vietnamese before a
//! capitalized one that is not (`Nga | Vladimir Putin`) ends a word.
//!
//! Words are looked up by syllable ids in a trie, so matching builds no strings.

use std::sync::OnceLock;

use crate::normalize::normalize_word;
use rustc_hash::FxHashMap;

mod parse;

/// pyvi's word list (MIT), one word a line, syllables separated by spaces.
const WORDS: &str = include_str!("../../data/vi/words.txt");
/// The boundary model made by `train_segmenter.py`.
const MODEL: &str = include_str!("../../data/vi/segmenter.tsv");

/// Longest dictionary word kept, in syllables (the list's longest has 9); bounds the bit masks.
const MAX_WORD: usize = 16;
/// Id of a syllable that neither the dictionary nor the model knows.
pub(crate) const UNKNOWN: u32 = u32::MAX;
/// No trie node: no dictionary word starts with the syllables.
pub(crate) const NO_NODE: u32 = u32::MAX;
/// Casing buckets of `train_segmenter.py`: never seen, then mostly lower-case, mixed, mostly
/// capitalized; with `1` when seen fewer than three times.
const BUCKETS: [&str; 7] = ["u", "L", "M", "C", "L1", "M1", "C1"];

/// Weights tied to one syllable.
#[derive(Clone, Copy, Debug, Default)]
struct SyllableWeights {
    /// As the left syllable of a gap (`l:`).
    left: i32,
    /// As the right syllable of a gap (`r:`).
    right: i32,
    /// As the left syllable before a capitalized one, by its own capitalization (`capl:`).
    before_capital: [i32; 2],
    /// As a capitalized first syllable of a run, by the second one's capitalization (`st:`).
    start: [i32; 2],
    /// Index into [`BUCKETS`].
    bucket: u8,
}

/// Weights tied to a pair of syllables, and its place in the dictionary trie.
#[derive(Clone, Copy)]
struct PairWeights {
    /// The pair itself (`b:`).
    weight: i32,
    /// Whether a `tl:` triple ends with the pair.
    left_triple: bool,
    /// Whether a `tr:` triple starts with the pair.
    right_triple: bool,
    /// The trie node of the dictionary words the pair starts, or [`NO_NODE`].
    node: u32,
}

impl Default for PairWeights {
    fn default() -> Self {
        PairWeights {
            weight: 0,
            left_triple: false,
            right_triple: false,
            node: NO_NODE,
        }
    }
}

/// What the segmenter needs of a syllable.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SyllableInfo {
    /// Its id ([`Model::id`]).
    pub id: u32,
    /// Whether it was capitalized in the text.
    pub capitalized: bool,
    /// Whether it is spelled like a Vietnamese syllable (`Nga`, not `Vladimir`).
    pub vietnamese: bool,
    /// Its weights, copied here: the caller keeps infos in cache, the model's table is large.
    weights: SyllableWeights,
}

impl SyllableInfo {
    /// A syllable neither the dictionary nor the model knows.
    pub(crate) fn unknown(capitalized: bool) -> SyllableInfo {
        SyllableInfo {
            id: UNKNOWN,
            capitalized,
            vietnamese: false,
            weights: SyllableWeights::default(),
        }
    }
}

/// Slots of [`SegmentBuffers::pair_cache`] (a power of two).
const PAIR_CACHE_SLOTS: usize = 4096;
/// Shift taking a 64-bit hash to a slot of the pair cache.
const PAIR_CACHE_SHIFT: u32 = 64 - PAIR_CACHE_SLOTS.trailing_zeros();

/// Work buffers of [`Model::segment_into`], kept between runs and texts.
#[derive(Default)]
pub(crate) struct SegmentBuffers {
    /// Recently seen syllable pairs, direct-mapped by key: the pair table is large and cold,
    /// while the pairs of a text are Zipfian. Empty until first used.
    pair_cache: Vec<(u64, PairWeights)>,
    ids: Vec<u32>,
    caps: Vec<usize>,
    pairs: Vec<PairWeights>,
    starts: Vec<u32>,
    forward: Vec<bool>,
    backward: Vec<bool>,
}

/// Weights of the features that take few values.
#[derive(Default)]
struct Dense {
    bias: i32,
    /// By forward and backward maximum matching joining the gap: `fb:{f}{b}`.
    fb: [i32; 4],
    /// By a covering dictionary word's offset and length: `cov:{o}:{l}`.
    cover: [[i32; MAX_WORD + 1]; MAX_WORD],
    /// By the longest covering word: `covmax:{l}`.
    cover_max: [i32; MAX_WORD + 1],
    /// By the pair being a dictionary word: `d2:{d}`.
    pair: [i32; 2],
    /// By capitalization of the left and right syllables and the gap being the run's first:
    /// `c:{l}{r}{first}`, alone and with `d2`, `fb` and the neighbours' capitalization.
    caps: [i32; 8],
    caps_pair: [[i32; 2]; 8],
    caps_fb: [[i32; 4]; 8],
    /// Neighbours: capitalized, not, or absent (2).
    caps_context: [[[i32; 3]; 3]; 8],
    /// By the second syllable's capitalization and the first one's casing bucket: `stb:`.
    start_bucket: [[i32; BUCKETS.len()]; 2],
}

/// The dictionary trie and the boundary model, parsed once.
pub(super) struct Model {
    ids: FxHashMap<Box<str>, u32>,
    syllables: Vec<SyllableWeights>,
    /// Trie edges: `(node << 32) | syllable id` -> child node; node 0 is the root.
    children: FxHashMap<u64, u32>,
    /// Whether a dictionary word (of two syllables or more) ends at a node.
    terminal: Vec<bool>,
    /// Whether a node has children.
    extends: Vec<bool>,
    max_len: usize,
    /// Weights of syllable pairs, and whether any triple holds the pair (most pairs are in no
    /// table: one lookup answers all three).
    pairs: FxHashMap<u64, PairWeights>,
    trigram_left: FxHashMap<(u32, u32, u32), i32>,
    trigram_right: FxHashMap<(u32, u32, u32), i32>,
    dense: Dense,
    /// Model lines that did not parse (a test keeps this at zero).
    pub(super) unparsed: usize,
}

/// The shared model, parsed on first use (a few milliseconds).
pub(super) fn model() -> &'static Model {
    static MODEL_CELL: OnceLock<Model> = OnceLock::new();
    MODEL_CELL.get_or_init(|| Model::parse(WORDS, MODEL))
}

fn pair_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

impl Model {
    pub(super) fn id(&self, syllable: &str) -> u32 {
        self.ids.get(syllable).copied().unwrap_or(UNKNOWN)
    }

    /// What [`Model::segment`] needs of a syllable (normalized as [`super::Syllable::text`]
    /// says).
    pub(crate) fn info(&self, syllable: &str, capitalized: bool) -> SyllableInfo {
        let id = self.id(syllable);
        SyllableInfo {
            id,
            weights: self.weights(id),
            capitalized,
            vietnamese: super::tone::is_vietnamese(syllable),
        }
    }

    fn weights(&self, id: u32) -> SyllableWeights {
        self.syllables.get(id as usize).copied().unwrap_or_default()
    }

    /// Groups a run of syllables into words; see the module doc. Returns word lengths.
    pub(crate) fn segment(&self, syllables: &[SyllableInfo]) -> Vec<usize> {
        let mut lengths = Vec::new();
        self.segment_into(syllables, &mut SegmentBuffers::default(), &mut lengths);
        lengths
    }

    /// [`Model::segment`] into `lengths` (cleared first), with work buffers reused from run to
    /// run.
    pub(crate) fn segment_into(
        &self,
        syllables: &[SyllableInfo],
        buffers: &mut SegmentBuffers,
        lengths: &mut Vec<usize>,
    ) {
        lengths.clear();
        let n = syllables.len();
        if n < 2 {
            lengths.resize(n, 1);
            return;
        }
        let SegmentBuffers {
            pair_cache,
            ids,
            caps,
            pairs,
            starts,
            forward,
            backward,
        } = buffers;
        ids.clear();
        ids.extend(syllables.iter().map(|s| s.id));
        caps.clear();
        caps.extend(syllables.iter().map(|s| usize::from(s.capitalized)));

        // The pair at each gap (one lookup serves the trie and the weights).
        if pair_cache.is_empty() {
            pair_cache.resize(PAIR_CACHE_SLOTS, (u64::MAX, PairWeights::default()));
        }
        pairs.clear();
        pairs.extend(ids.windows(2).map(|w| {
            if w[0] == UNKNOWN || w[1] == UNKNOWN {
                return PairWeights::default();
            }
            let key = pair_key(w[0], w[1]);
            let slot = &mut pair_cache
                [(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> PAIR_CACHE_SHIFT) as usize];
            if slot.0 != key {
                *slot = (key, self.pairs.get(&key).copied().unwrap_or_default());
            }
            slot.1
        }));
        // starts[a]: bit l set when a dictionary word of l syllables starts at syllable a.
        starts.clear();
        starts.resize(n, 0);
        for (a, mask) in starts.iter_mut().enumerate().take(n - 1) {
            let mut node = pairs[a].node;
            if node == NO_NODE {
                continue;
            }
            if self.terminal[node as usize] {
                *mask |= 1 << 2;
            }
            for (k, &id) in ids[a..].iter().enumerate().take(self.max_len).skip(2) {
                if id == UNKNOWN || !self.extends[node as usize] {
                    break;
                }
                match self.children.get(&pair_key(node, id)) {
                    Some(&child) => node = child,
                    None => break,
                }
                if self.terminal[node as usize] {
                    *mask |= 1 << (k + 1);
                }
            }
        }
        let longest = |mask: u32| {
            (32 - mask.leading_zeros() as usize)
                .saturating_sub(1)
                .max(1)
        };

        // Forward and backward maximum matching, as "is this gap inside a word" flags.
        forward.clear();
        forward.resize(n - 1, false);
        let mut i = 0;
        while i < n {
            let l = longest(starts[i]);
            forward[i..i + l - 1].fill(true);
            i += l;
        }
        backward.clear();
        backward.resize(n - 1, false);
        let mut j = n;
        while j > 0 {
            let l = (j.saturating_sub(self.max_len)..j.saturating_sub(1))
                .filter(|&a| starts[a] & (1 << (j - a)) != 0)
                .map(|a| j - a)
                .max()
                .unwrap_or(1);
            backward[j - l..j - 1].fill(true);
            j -= l;
        }

        let d = &self.dense;
        let mut current = 1;
        for g in 0..n - 1 {
            let (x, y) = (ids[g], ids[g + 1]);
            let (wx, wy) = (&syllables[g].weights, &syllables[g + 1].weights);
            let fb = usize::from(forward[g]) * 2 + usize::from(backward[g]);
            let pair = usize::from(starts[g] & 0b100 != 0);
            let first = usize::from(g == 0);
            let cp = caps[g] * 4 + caps[g + 1] * 2 + first;
            let left_cap = if g > 0 { caps[g - 1] } else { 2 };
            let right_cap = if g + 2 < n { caps[g + 2] } else { 2 };

            let mut score = d.bias + d.fb[fb] + d.pair[pair];
            score += d.caps[cp] + d.caps_pair[cp][pair] + d.caps_fb[cp][fb];
            score += d.caps_context[cp][left_cap][right_cap];
            score += wx.left + wy.right;
            let pair = &pairs[g];
            score += pair.weight;
            if g > 0 && pair.left_triple {
                let key = (ids[g - 1], x, y);
                score += self.trigram_left.get(&key).copied().unwrap_or(0);
            }
            if g + 2 < n && pair.right_triple {
                let key = (x, y, ids[g + 2]);
                score += self.trigram_right.get(&key).copied().unwrap_or(0);
            }
            // Dictionary words covering the gap: those starting at a <= g and ending after g+1.
            let mut cover_max = 0;
            let from = (g + 1).saturating_sub(self.max_len);
            for (a, &mask) in starts.iter().enumerate().take(g + 1).skip(from) {
                let mut mask = mask >> (g + 2 - a) << (g + 2 - a);
                while mask != 0 {
                    let l = mask.trailing_zeros() as usize;
                    mask &= mask - 1;
                    score += d.cover[g - a][l];
                    cover_max = cover_max.max(l);
                }
            }
            score += d.cover_max[cover_max];
            if caps[g + 1] == 1 {
                score += wx.before_capital[caps[g]];
            }
            if g == 0 && caps[0] == 1 {
                score += wx.start[caps[1]] + d.start_bucket[caps[1]][usize::from(wx.bucket)];
            }

            if score > 0
                && caps[g] == 1
                && caps[g + 1] == 1
                && syllables[g].vietnamese
                && !syllables[g + 1].vietnamese
            {
                // `Nga Vladimir Putin`, `tại Malaysia`: a Vietnamese-spelled capitalized
                // syllable before a foreign-spelled one ends a word. The treebank has few such
                // names (the rule is neutral there), news has them in every story.
                score = 0;
            }
            if score > 0 {
                current += 1;
            } else {
                lengths.push(current);
                current = 1;
            }
        }
        lengths.push(current);
    }
}
