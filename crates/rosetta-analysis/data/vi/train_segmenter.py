#!/usr/bin/env python3
"""Trains the Vietnamese word-boundary model shipped as `segmenter.tsv`.

Usage:
    python3 train_segmenter.py WORDS.txt TRAIN.conllu OUT.tsv [--eval DEV.conllu ...]

WORDS.txt is pyvi's `pyvi/models/words.txt` (shipped here as `words.txt`); TRAIN.conllu is
UD_Vietnamese-VTB `vi_vtb-ud-train.conllu` (CC BY-SA 4.0). The model is an averaged perceptron
that decides, for each gap between two adjacent syllables of a run, whether they belong to one
word. `src/vietnamese/segment.rs` computes exactly the same features: change both together.

Everything here is deterministic (fixed shuffle seed), so rerunning reproduces the shipped file.
"""
import collections
import random
import sys
import unicodedata

# ---------------------------------------------------------------- tone placement (mirror of tone.rs)
TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
TONE_MARK = {v: k for k, v in TONES.items()}
VOWELS = set("aăâeêioôơuưy")
MODIFIED = set("ăâêôơư")
FINALS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t", "k"}
CLOSED_NUCLEI = {"oa", "oă", "oe", "oo", "uâ", "uê", "uy", "uô", "iê", "yê", "ươ", "uyê"}
OPEN_NUCLEI = {
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oa", "oe", "oi", "ôi", "ơi",
    "ua", "uê", "ui", "uơ", "uy", "ưa", "ưi", "ưu", "iêu", "yêu", "oai", "oay", "oeo", "uây",
    "uôi", "ươi", "ươu", "uya", "uyu",
}
INITIALS = {
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x",
}


def parse(s):
    """(letters without tone, tone, tone index, nucleus start, nucleus end), or None when `s`
    is not spelled like a Vietnamese syllable."""
    base, tone, tpos = [], 0, -1
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        marks = [c for c in d if c in TONES]
        b = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        if len(b) != 1 or not (b in VOWELS or "a" <= b <= "z" or b == "đ"):
            return None
        if marks:
            if b not in VOWELS or tone or len(marks) > 1:
                return None
            tone, tpos = TONES[marks[0]], len(base)
        base.append(b)
    n = len(base)
    if n > 8:
        return None
    i = 0
    while i < n and base[i] not in VOWELS:
        i += 1
    if i == n:
        return None
    start = i
    if "".join(base[:i]) == "q" and base[i] == "u":
        start = i + 1
    elif i == 1 and base[0] == "g" and base[1] == "i" and n > 2 and base[2] in VOWELS:
        start = 2
    j = start
    while j < n and base[j] in VOWELS:
        j += 1
    if j == start or j - start > 3 or "".join(base[:i]) not in INITIALS:
        return None
    if "".join(base[j:]) not in FINALS:
        return None
    nucleus = "".join(base[start:j])
    if len(nucleus) > 1 and nucleus not in (CLOSED_NUCLEI if j < n else OPEN_NUCLEI):
        return None
    return base, tone, tpos, start, j


def is_vietnamese(s):
    return parse(s) is not None


def canonical_tone(s):
    """New-style placement: `hoà`, `thuý`, `khoẻ` (see tone.rs for the rules)."""
    if s.isascii():
        return s
    parsed = parse(s)
    if parsed is None or not parsed[1]:
        return s
    base, tone, tpos, start, j = parsed
    n = len(base)
    nucleus = base[start:j]
    mods = [k for k, c in enumerate(nucleus) if c in MODIFIED]
    if mods:
        p = mods[-1]
    elif len(nucleus) == 1:
        p = 0
    elif len(nucleus) == 3:
        p = 1
    elif j < n:
        p = 1
    elif "".join(nucleus) in ("oa", "oe", "uy"):
        p = 1
    else:
        p = 0
    p += start
    if p == tpos:
        return s
    out = list(base)
    out[p] = unicodedata.normalize("NFC", out[p] + TONE_MARK[tone])
    return "".join(out)


# ---------------------------------------------------------------- data
def is_punct_word(w):
    return all(unicodedata.category(c)[0] in "PS" or c.isspace() for c in w)


def read_runs(path):
    """Yields runs of letter syllables as (syllables, capitalized flags, gold word lengths),
    split at punctuation and at words containing non-letters, as the analyzer splits them."""
    sent = []

    def flush_sentence():
        run, caps, gold = [], [], []
        for w in sent:
            if w is not None and all(x.isalpha() for x in w):
                run.extend(canonical_tone(x.lower()) for x in w)
                caps.extend(x[0].isupper() for x in w)
                gold.append(len(w))
                continue
            if run:
                yield run, caps, gold
            run, caps, gold = [], [], []
        if run:
            yield run, caps, gold

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                yield from flush_sentence()
                sent = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue
            if cols[3] == "PUNCT" or is_punct_word(cols[1]):
                sent.append(None)
            else:
                sent.append(unicodedata.normalize("NFC", cols[1]).split())
    yield from flush_sentence()


def load_dictionary(path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            syls = unicodedata.normalize("NFC", line.strip()).lower().split()
            if len(syls) >= 2:
                words.add(" ".join(canonical_tone(x) for x in syls))
    return words


# ---------------------------------------------------------------- features (mirror of segment.rs)
class Features:
    def __init__(self, dictionary, casing):
        self.d = dictionary
        self.maxl = max(len(w.split()) for w in dictionary)
        self.casing = casing  # syllable -> bucket letter

    def matches(self, t):
        """lengths[a] = sorted lengths >= 2 of dictionary words starting at syllable a."""
        n = len(t)
        return [
            [l for l in range(2, min(self.maxl, n - a) + 1) if " ".join(t[a : a + l]) in self.d]
            for a in range(n)
        ]

    @staticmethod
    def joins(lengths):
        out = []
        for l in lengths:
            out.extend([1] * (l - 1) + [0])
        return out[:-1]

    def gaps(self, t, caps):
        n = len(t)
        m = self.matches(t)
        fmm, i = [], 0
        while i < n:
            l = m[i][-1] if m[i] else 1
            fmm.append(l)
            i += l
        bmm, j = [], n
        while j > 0:
            l = max([j - a for a in range(max(0, j - self.maxl), j - 1) if (j - a) in m[a]], default=1)
            bmm.append(l)
            j -= l
        fj, bj = self.joins(fmm), self.joins(bmm[::-1])
        out = []
        for g in range(n - 1):
            x, y = t[g], t[g + 1]
            cov = [(g - a, l) for a in range(max(0, g - self.maxl + 1), g + 1) for l in m[a] if a + l >= g + 2]
            d2 = int(2 in m[g])
            fb = "fb:%d%d" % (fj[g], bj[g])
            cp = "c:%d%d%d" % (caps[g], caps[g + 1], g == 0)
            f = ["bias", "b:" + x + " " + y, "l:" + x, "r:" + y, fb]
            if g > 0:
                f.append("tl:" + t[g - 1] + " " + x + " " + y)
            if g + 2 < n:
                f.append("tr:" + x + " " + y + " " + t[g + 2])
            f += ["cov:%d:%d" % c for c in cov]
            f.append("covmax:%d" % max([l for _, l in cov], default=0))
            f.append("d2:%d" % d2)
            f += [cp, cp + "|d2:%d" % d2, cp + "|" + fb]
            cl = int(caps[g - 1]) if g > 0 else 2
            cr = int(caps[g + 2]) if g + 2 < n else 2
            f.append(cp + "|cl:%d|cr:%d" % (cl, cr))
            if caps[g + 1]:
                f.append("capl:%d:" % caps[g] + x)
            if g == 0 and caps[0]:
                f.append("st:%d:" % caps[1] + x)
                f.append("stb:%d:" % caps[1] + self.casing.get(x, "u"))
            out.append(f)
        return out


def casing_buckets(runs):
    """How a syllable is usually written when not run-initial: L(ower), M(ixed), C(apitalized),
    with a trailing 1 when seen fewer than 3 times. Tells a sentence-initial `Ông` (a common word)
    from `Thái` (usually a name)."""
    low, cap = collections.Counter(), collections.Counter()
    for t, caps, _ in runs:
        for k in range(1, len(t)):
            (cap if caps[k] else low)[t[k]] += 1
    out = {}
    for x in set(low) | set(cap):
        l, c = low[x], cap[x]
        r = l / (l + c)
        out[x] = ("L" if r > 0.8 else "M" if r > 0.3 else "C") + ("1" if l + c < 3 else "")
    return out


def train(runs, feats, epochs=10, seed=0):
    examples = []
    for t, caps, gold in runs:
        if len(t) < 2:
            continue
        for f, y in zip(feats.gaps(t, caps), Features.joins(gold)):
            examples.append((f, 1 if y else -1))
    w, u, c = collections.defaultdict(float), collections.defaultdict(float), 1
    rnd = random.Random(seed)
    order = list(range(len(examples)))
    for _ in range(epochs):
        rnd.shuffle(order)
        for k in order:
            f, y = examples[k]
            if sum(w.get(x, 0.0) for x in f) * y <= 0:
                for x in f:
                    w[x] += y
                    u[x] += c * y
            c += 1
    # Integer weights in thousandths: sums are then exact in Python and in Rust alike, so both
    # take the same decision even when a score is exactly zero.
    milli = {x: int(round((w[x] - u[x] / c) * 1000)) for x in w}
    return {x: v for x, v in milli.items() if v != 0}


def segment(weights, feats, t, caps):
    if len(t) < 2:
        return [1] * len(t)
    out, cur = [], 1
    for g, f in enumerate(feats.gaps(t, caps)):
        join = sum(weights.get(x, 0) for x in f) > 0
        if join and caps[g] and caps[g + 1] and is_vietnamese(t[g]) and not is_vietnamese(t[g + 1]):
            # `Nga Vladimir Putin`, `tại Malaysia`: a Vietnamese-spelled capitalized syllable
            # before a foreign-spelled one ends a word (measured neutral on VTB dev, and news
            # puts a country before a foreign name all the time).
            join = False
        if join:
            cur += 1
        else:
            out.append(cur)
            cur = 1
    out.append(cur)
    return out


def evaluate(weights, feats, path):
    tp = fp = fn = 0
    for t, caps, gold in read_runs(path):
        def spans(ls):
            s, p = set(), 0
            for l in ls:
                s.add((p, p + l))
                p += l
            return s
        g, p = spans(gold), spans(segment(weights, feats, t, caps))
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    prec, rec = tp / (tp + fp), tp / (tp + fn)
    return 2 * prec * rec / (prec + rec), prec, rec


def main():
    args = sys.argv[1:]
    evals = []
    if "--eval" in args:
        k = args.index("--eval")
        evals, args = args[k + 1 :], args[:k]
    words, train_path, out_path = args
    dictionary = load_dictionary(words)
    runs = list(read_runs(train_path))
    casing = casing_buckets(runs)
    feats = Features(dictionary, casing)
    weights = train(runs, feats)
    used = set()
    for x in weights:
        if ":" in x and x.split(":", 1)[0] in ("l", "r", "b", "tl", "tr"):
            used.update(x.split(":", 1)[1].split(" "))
        elif x.startswith(("capl:", "st:")):
            used.add(x.split(":", 2)[2])
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# Vietnamese word-boundary model for rosetta-analysis (averaged perceptron).\n")
        f.write("# Made by train_segmenter.py from UD_Vietnamese-VTB train (CC BY-SA 4.0) and\n")
        f.write("# pyvi words.txt (MIT). Lines: w<TAB>feature<TAB>weight/1000 | k<TAB>syllable<TAB>bucket\n")
        for x in sorted(weights):
            f.write("w\t%s\t%s\n" % (x, weights[x]))
        for x in sorted(casing):
            if "stb:0:" + casing[x] in weights or "stb:1:" + casing[x] in weights:
                f.write("k\t%s\t%s\n" % (x, casing[x]))
    print("features", len(weights), "casing", len(casing), file=sys.stderr)
    for path in [train_path] + evals:
        print("%s: F1 %.4f (P %.4f R %.4f)" % ((path,) + evaluate(weights, feats, path)), file=sys.stderr)


if __name__ == "__main__":
    main()
