//! Reading the dictionary and the boundary model of `train_segmenter.py` into a [`Model`].

use super::*;

impl Model {
    pub(super) fn parse(words: &str, model: &str) -> Model {
        let mut m = Model {
            ids: FxHashMap::default(),
            syllables: Vec::new(),
            children: FxHashMap::default(),
            terminal: vec![false],
            extends: Vec::new(),
            max_len: 0,
            pairs: FxHashMap::default(),
            trigram_left: FxHashMap::default(),
            trigram_right: FxHashMap::default(),
            dense: Dense::default(),
            unparsed: 0,
        };
        let (mut normalized, mut toned) = (String::new(), String::new());
        let mut path: Vec<u32> = Vec::with_capacity(MAX_WORD);
        for line in words.lines() {
            path.clear();
            for syllable in line.split_whitespace() {
                // The list mixes cases (`Bắc Cực`) and may use either tone style: bring its
                // entries to the form the analyzer gives text.
                normalize_word(syllable, &mut normalized);
                let text = if crate::vietnamese::canonicalize_tone(&normalized, &mut toned) {
                    &toned
                } else {
                    &normalized
                };
                path.push(m.intern(text));
            }
            if (2..=MAX_WORD).contains(&path.len()) {
                m.insert_word(&path);
            }
        }
        for line in model.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if m.parse_line(line).is_none() {
                m.unparsed += 1;
            }
        }
        m.link_pairs();
        m
    }

    /// Records in each syllable pair the trie node of the dictionary words it starts, and marks
    /// the nodes that have children, so matching takes one lookup per gap for two-syllable words
    /// (most of them) and goes on in the trie only where a longer word may follow.
    fn link_pairs(&mut self) {
        let mut first_syllable = FxHashMap::default();
        for (&key, &child) in &self.children {
            if key >> 32 == 0 {
                first_syllable.insert(child, key as u32);
            }
        }
        self.extends = vec![false; self.terminal.len()];
        let edges: Vec<(u64, u32)> = self.children.iter().map(|(&k, &c)| (k, c)).collect();
        for (key, child) in edges {
            let parent = (key >> 32) as u32;
            self.extends[parent as usize] = true;
            if let Some(&x) = first_syllable.get(&parent) {
                self.pairs.entry(pair_key(x, key as u32)).or_default().node = child;
            }
        }
    }

    fn intern(&mut self, syllable: &str) -> u32 {
        if let Some(&id) = self.ids.get(syllable) {
            return id;
        }
        let id = self.syllables.len() as u32;
        self.ids.insert(syllable.into(), id);
        self.syllables.push(SyllableWeights::default());
        id
    }

    fn insert_word(&mut self, path: &[u32]) {
        let mut node = 0u32;
        for &id in path {
            let next = self.terminal.len() as u32;
            node = *self.children.entry(pair_key(node, id)).or_insert(next);
            if node == next {
                self.terminal.push(false);
            }
        }
        self.terminal[node as usize] = true;
        self.max_len = self.max_len.max(path.len());
    }

    /// Parses one `w<TAB>feature<TAB>weight` or `k<TAB>syllable<TAB>bucket` line.
    fn parse_line(&mut self, line: &str) -> Option<()> {
        let mut cols = line.split('\t');
        let (kind, name, value) = (cols.next()?, cols.next()?, cols.next()?);
        if kind == "k" {
            let bucket = BUCKETS.iter().position(|&b| b == value)? as u8;
            let id = self.intern(name);
            self.syllables[id as usize].bucket = bucket;
            return Some(());
        }
        if kind != "w" {
            return None;
        }
        let w: i32 = value.parse().ok()?;
        if name == "bias" {
            self.dense.bias = w;
            return Some(());
        }
        let (feature, arg) = name.split_once(':')?;
        let digit = |s: &str, i: usize, max: u8| -> Option<usize> {
            let d = s.as_bytes().get(i)?.checked_sub(b'0')?;
            (d <= max).then_some(d as usize)
        };
        match feature {
            "b" => {
                let (x, y) = arg.split_once(' ')?;
                let key = pair_key(self.intern(x), self.intern(y));
                self.pairs.entry(key).or_default().weight = w;
            }
            "l" => {
                let id = self.intern(arg);
                self.syllables[id as usize].left = w;
            }
            "r" => {
                let id = self.intern(arg);
                self.syllables[id as usize].right = w;
            }
            "tl" | "tr" => {
                let mut parts = arg.split(' ');
                let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
                let key = (self.intern(a), self.intern(b), self.intern(c));
                // The gap is between the two syllables after `a` (`tl`) or before `c` (`tr`).
                if feature == "tl" {
                    self.pairs
                        .entry(pair_key(key.1, key.2))
                        .or_default()
                        .left_triple = true;
                    self.trigram_left.insert(key, w);
                } else {
                    self.pairs
                        .entry(pair_key(key.0, key.1))
                        .or_default()
                        .right_triple = true;
                    self.trigram_right.insert(key, w);
                }
            }
            "fb" => self.dense.fb[digit(arg, 0, 1)? * 2 + digit(arg, 1, 1)?] = w,
            "cov" => {
                let (o, l) = arg.split_once(':')?;
                let (o, l): (usize, usize) = (o.parse().ok()?, l.parse().ok()?);
                *self.dense.cover.get_mut(o)?.get_mut(l)? = w;
            }
            "covmax" => *self.dense.cover_max.get_mut(arg.parse::<usize>().ok()?)? = w,
            "d2" => self.dense.pair[digit(arg, 0, 1)?] = w,
            "c" => {
                let caps = digit(arg, 0, 1)? * 4 + digit(arg, 1, 1)? * 2 + digit(arg, 2, 1)?;
                match arg.get(3..)? {
                    "" => self.dense.caps[caps] = w,
                    rest => {
                        if let Some(d) = rest.strip_prefix("|d2:") {
                            self.dense.caps_pair[caps][digit(d, 0, 1)?] = w;
                        } else if let Some(fb) = rest.strip_prefix("|fb:") {
                            let i = digit(fb, 0, 1)? * 2 + digit(fb, 1, 1)?;
                            self.dense.caps_fb[caps][i] = w;
                        } else {
                            let (l, r) = rest.strip_prefix("|cl:")?.split_once("|cr:")?;
                            let (l, r) = (digit(l, 0, 2)?, digit(r, 0, 2)?);
                            self.dense.caps_context[caps][l][r] = w;
                        }
                    }
                }
            }
            "capl" | "st" | "stb" => {
                let (cap, rest) = arg.split_once(':')?;
                let cap = digit(cap, 0, 1)?;
                if feature == "stb" {
                    let bucket = BUCKETS.iter().position(|&b| b == rest)?;
                    self.dense.start_bucket[cap][bucket] = w;
                } else {
                    let id = self.intern(rest) as usize;
                    let s = &mut self.syllables[id];
                    if feature == "st" {
                        s.start[cap] = w;
                    } else {
                        s.before_capital[cap] = w;
                    }
                }
            }
            _ => return None,
        }
        Some(())
    }
}
