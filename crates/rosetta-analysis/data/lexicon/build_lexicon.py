#!/usr/bin/env python3
"""Builds `lexicon-<lang>.tsv`, Rosetta's translation lexicon (one file per source language),
from Wiktionary translation tables.

Usage (from the repository root, after `cargo build --release --example indexer`):

    python3 crates/rosetta-analysis/data/lexicon/build_lexicon.py SOURCE_DIR \
        crates/rosetta-analysis/data/lexicon

SOURCE_DIR holds the English Wiktionary extractions `wiktionary-en-{ro,arb,vi}.txt` and
`wiktionary-en-ru.dsl.gz` (Matthias Buchmeier's 2015-01-02 tables, as published by the Open DSL
Dictionary project) and `wechsel-{romanian,arabic,vietnamese,russian}.txt` (English-to-X pairs
from a 2021 Wiktionary dump, as published with CPJKU/wechsel). See README.md for the sources.

Every entry is normalized exactly as the index normalizes text, by piping it through the
example indexer's `analyze --json --lang L` (one entry per line), so each side becomes the terms
the index holds: stems for Romanian, English and Arabic, words and compounds for Vietnamese,
lower-cased words for Russian as a source (which the loader then stems) and Snowball stems
for Russian as a target. English is the pivot: the file holds
English -> X and X -> English pairs only, and the loader reaches from a Romanian, Arabic,
Vietnamese or Russian word to the other languages through its English translations.

Output, one line per source term (tab-separated), sorted by `SRC_LANG<TAB>SRC_TERMS` as bytes:

    SRC_LANG  SRC_TERMS  TGT_LANG:TGT_TERMS:WEIGHT  ...

TERMS are index terms separated by spaces; `*` stands for a position a stopword took (so
`purtat * cuvânt` is a phrase with a gap). WEIGHT is in 1..=100 (hundredths): how reliable the pair is.
Standard library only; deterministic.
"""

import argparse
import collections
import gzip
import json
import math
import os
import re
import subprocess
import sys
import unicodedata

TARGETS = ["en", "ro", "ar", "vi", "ru"]
SOURCES = ["en", "ro", "ar", "vi", "ru"]
FILES = {
    "ro": ("wiktionary-en-ro.txt", "wechsel-romanian.txt"),
    "ar": ("wiktionary-en-arb.txt", "wechsel-arabic.txt"),
    "vi": ("wiktionary-en-vi.txt", "wechsel-vietnamese.txt"),
    "ru": ("wiktionary-en-ru.dsl.gz", "wechsel-russian.txt"),
}
# Longest entry kept, in words: longer ones are definitions, not translations.
MAX_WORDS = 4
# An English word with more translations than this into one language is too polysemous to
# translate word by word (`get`, `set`, `run`); only its translations attested twice are kept.
MAX_FANOUT = 12
# Longest source key, in terms (a query looks up each word and each pair of adjacent words).
MAX_KEY_TERMS = 2
# Translations kept per source term and target language, and the least weight kept.
KEEP_PER_TARGET = 3
MIN_WEIGHT = 0.12
# Weight of a wechsel (2021) attestation against one Wiktionary (2015) sense.
WECHSEL_EVIDENCE = 1.0

SCRIPT_OK = {
    "ro": re.compile(r"^[a-zA-ZăâîșțşţĂÂÎȘȚŞŢáéíóúàèìòùäöüçñ' .-]+$"),
    "en": re.compile(r"^[a-zA-Z' .-]+$"),
    "ar": re.compile(r"^[\u0600-\u06FF\u0750-\u077F ]+$"),
    "ru": re.compile(r"^[\u0400-\u04FF' -]+$"),
}


def vi_ok(text):
    # Latin letters with Vietnamese diacritics only: no Chữ Nôm/Han characters.
    for ch in text:
        if ch in " -'":
            continue
        if not ch.isalpha():
            return False
        name = unicodedata.name(ch, "")
        if not name.startswith("LATIN"):
            return False
    return True


def clean(text):
    """A translation without gender marks, transcriptions, qualifiers and brackets."""
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"/[^/]*/", " ", text)
    return " ".join(text.split()).strip(" .;:!?")


def split_top(text, seps=",;"):
    """Splits on separators outside brackets."""
    out, depth, cur = [], 0, []
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def acceptable(lang, text):
    if not text or len(text.split()) > MAX_WORDS:
        return False
    if lang == "vi":
        return vi_ok(text)
    return bool(SCRIPT_OK[lang].match(text))


def read_wiktionary(path, lang):
    """(english, translation, sense id) triples of a `head {pos} (sense) :: t, t` file."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if line.startswith("#") or " :: " not in line:
                continue
            left, right = line.rstrip("\n").split(" :: ", 1)
            head = left.split(" {", 1)[0].strip()
            for t in split_top(right):
                t = clean(t)
                if acceptable(lang, t) and acceptable("en", head):
                    yield head, t, ("w", n)


def read_dsl(path):
    """The same triples from the gzipped DSL English-Russian dictionary."""
    head, sense = None, 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if not line.strip() or line.startswith("#"):
                continue
            if not line.startswith(("\t", " ")):
                head = line.strip()
                continue
            line = line.strip()
            if line.startswith("[b]"):
                sense = n
                continue
            if not line.startswith("[m1]") or head is None:
                continue
            body = re.sub(r"\\\[[^\]]*\\\]", " ", line)
            body = re.sub(r"\[c gray\].*?\[/c\]", " ", body)
            body = re.sub(r"\[p\].*?\[/p\]", " ", body)
            body = re.sub(r"\[/?[a-z0-9 ]+\]", " ", body)
            body = body.replace("\\", "")
            for t in split_top(body):
                t = clean(t)
                if acceptable("ru", t) and acceptable("en", head):
                    yield head, t, ("w", sense)


def read_wechsel(path, lang):
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            head, t = parts[0].strip(), clean(parts[1])
            if acceptable(lang, t) and acceptable("en", head):
                yield head, t, ("x", 0)


def analyze(indexer, lang, texts):
    """Each text's normalized forms: `(key, target)` or None when nothing is left (stopwords).

    `key` is how a query word (or run of words) of that language looks it up: its stems, or for
    Vietnamese its words (a compound `hội_nghị` or a syllable); `target` is what a document must
    contain, as terms with `*` for skipped positions: stems, or for Vietnamese the compound when
    the entry is one word, else its syllables as a phrase.
    """
    args = [indexer, "analyze", "--json", "--lang", lang]
    text = "".join(t.replace("\n", " ") + "\n" for t in texts)
    out = subprocess.run(args, input=text, capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert len(lines) == len(texts), (lang, len(lines), len(texts))
    result = {}
    for src, line in zip(texts, lines):
        a = json.loads(line)
        if lang == "vi":
            words = [t for t in a["terms"] if t["kind"] == "word"]
            compounds = [t for t in a["terms"] if t["kind"] == "compound"]
            if not words:
                result[src] = None
                continue
            # A query word is a compound or a lone syllable: the key is those, one per word.
            key = []
            for w in a["words"]:
                c = [t["term"] for t in compounds if t["start"] == w["start"] and t["end"] == w["end"]]
                s = [t["term"] for t in words if t["start"] == w["start"] and t["end"] == w["end"]]
                if c:
                    key.append(c[0])
                elif s:
                    key.append(s[0])
            if len(a["words"]) == 1 and compounds:
                target = [(0, compounds[0]["term"])]
            else:
                target = [(t["position"], t["term"]) for t in words]
            result[src] = (" ".join(key), with_gaps(target)) if key else None
        elif lang == "ru":
            # A Russian query word is looked up as written (lower case, ё as е: the loader stems
            # the key itself), stopwords included; a Russian document holds Snowball stems.
            words = [w["text"].lower().replace("ё", "е") for w in a["words"]]
            stems = [(t["position"], t["term"]) for t in a["terms"] if t["kind"] == "stem"]
            if not words:
                result[src] = None
                continue
            target = with_gaps(stems) if stems and len(stems) * 2 >= len(words) else None
            result[src] = (" ".join(words), target)
        else:
            terms = [(t["position"], t["term"]) for t in a["terms"] if t["kind"] == "stem"]
            # A word that is a stopword has no stem; an entry that lost its content is dropped.
            if not terms or len(terms) * 2 < len(a["words"]):
                result[src] = None
                continue
            g = with_gaps(terms)
            result[src] = (g.replace(" *", ""), g)
    return result


def arabic_letters(text):
    """Arabic letter forms as the analyzer normalizes them (for comparing with stopwords)."""
    text = re.sub("[\u064B-\u0652\u0670\u0640]", "", text)
    return re.sub("[\u0622\u0623\u0625\u0671]", "\u0627", text).replace("\u0649", "\u064A")


def stopwords(lang):
    """The analyzer's stopwords of `lang`, letters normalized: a stopword written in another
    letter form (`فى` for `في`) escapes the analyzer's list but is still a stopword."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "stopwords", lang + ".txt")
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8") as f:
        words = {w.strip().lower() for w in f if w.strip() and not w.startswith("#")}
    return {arabic_letters(w) for w in words} | words


def with_gaps(terms):
    """Terms by position, `*` where a stopword's position is skipped."""
    terms = sorted(set(terms))
    out, prev = [], None
    for pos, term in terms:
        if prev is not None:
            if pos == prev:
                continue
            out.extend(["*"] * (pos - prev - 1))
        out.append(term)
        prev = pos
    return " ".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source_dir")
    ap.add_argument("output", help="the folder the lexicon-<lang>.tsv files go to")
    ap.add_argument("--indexer", default="target/release/examples/indexer")
    args = ap.parse_args()

    # english -> translation -> set of attestations, per language
    raw = {}
    for lang, (wikt, wech) in FILES.items():
        pairs = collections.defaultdict(lambda: collections.defaultdict(set))
        wikt_path = os.path.join(args.source_dir, wikt)
        it = read_dsl(wikt_path) if wikt.endswith(".gz") else read_wiktionary(wikt_path, lang)
        for head, t, att in it:
            pairs[head][t].add(att)
        for head, t, att in read_wechsel(os.path.join(args.source_dir, wech), lang):
            pairs[head][t].add(att)
        raw[lang] = pairs
        print(f"{lang}: {len(pairs)} English headwords", file=sys.stderr)

    # Normalize every side through the analyzer.
    english = sorted({h for pairs in raw.values() for h in pairs})
    norm = {"en": analyze(args.indexer, "en", english)}
    for lang, pairs in raw.items():
        texts = sorted({t for ts in pairs.values() for t in ts})
        norm[lang] = analyze(args.indexer, lang, texts)

    # evidence[lang][(en_key, en_target)][(x_key, x_target)] = attestation weight
    evidence = {}
    for lang, pairs in raw.items():
        ev = collections.defaultdict(lambda: collections.defaultdict(float))
        for head, ts in pairs.items():
            e = norm["en"].get(head)
            if e is None:
                continue
            for t, atts in ts.items():
                x = norm[lang].get(t)
                if x is None:
                    continue
                w = sum(WECHSEL_EVIDENCE if a[0] == "x" else 1.0 for a in atts)
                ev[e][x] += w
        # Too many translations: a polysemous word, keep what is attested twice.
        for e, xs in ev.items():
            if len(xs) > MAX_FANOUT:
                for x in [x for x, w in xs.items() if w < 2]:
                    del xs[x]
        evidence[lang] = ev

    # P(x | en) and P(en | x) from the attestations.
    fwd = {}  # lang -> en -> {x: p}
    back = {}  # lang -> x -> {en: p}
    for lang, ev in evidence.items():
        f = {}
        b = collections.defaultdict(dict)
        for e, xs in ev.items():
            total = sum(xs.values())
            f[e] = {x: w / total for x, w in xs.items()}
        by_x = collections.defaultdict(dict)
        for e, xs in ev.items():
            for x, w in xs.items():
                by_x[x][e] = w
        for x, es in by_x.items():
            total = sum(es.values())
            b[x] = {e: w / total for e, w in es.items()}
        fwd[lang], back[lang] = f, b

    def reliability(p, support):
        # A share of the evidence, lifted by how many attestations agree (senses, both dumps).
        return min(1.0, math.sqrt(p) * (0.6 + 0.2 * min(support, 3)))

    # table[src_lang][src_key][tgt_lang][tgt_target] = weight
    table = collections.defaultdict(
        lambda: collections.defaultdict(lambda: collections.defaultdict(dict))
    )

    def put(sl, sk, tl, tt, w):
        if w < MIN_WEIGHT:
            return
        cur = table[sl][sk][tl]
        cur[tt] = max(cur.get(tt, 0.0), w)

    # Direct: English <-> X.
    for lang, ev in evidence.items():
        for e, xs in ev.items():
            for x, w in xs.items():
                if lang in TARGETS and x[1] is not None:
                    # english -> x: how much of the English word's evidence x has.
                    put("en", e[0], lang, x[1], reliability(fwd[lang][e][x], w))
                # x -> english
                put(lang, x[0], "en", e[1], reliability(back[lang][x][e], w))
    stop = {l: stopwords(l) for l in TARGETS}
    lines = []
    for sl in SOURCES:
        for sk in sorted(table[sl]):
            # Queries look up single words and pairs of adjacent words.
            if len(sk.split()) > MAX_KEY_TERMS or sk in stop.get(sl, ()):
                continue
            cells = []
            for tl in TARGETS:
                best = sorted(table[sl][sk][tl].items(), key=lambda kv: (-kv[1], kv[0]))
                for tt, w in best[:KEEP_PER_TARGET]:
                    # A term the same in both languages is found without the lexicon.
                    if tt == sk or tt in stop[tl]:
                        continue
                    cells.append(f"{tl}:{tt}:{round(w * 100)}")
            if cells:
                lines.append("\t".join([sl, sk] + cells))
    # Sorted by key bytes: the loader finds an entry by binary search over the lines.
    lines.sort(key=lambda line: "\t".join(line.split("\t", 2)[:2]).encode())
    # One file per source language: each is a layer of its own when loaded, and stays small.
    for sl in SOURCES:
        path = os.path.join(args.output, f"lexicon-{sl}.tsv")
        mine = [line for line in lines if line.startswith(sl + "\t")]
        with open(path, "w", encoding="utf-8") as f:
            f.write("# Rosetta translation lexicon, made by build_lexicon.py (see README.md).\n")
            f.write("# SRC_LANG<TAB>SRC_TERMS<TAB>TGT_LANG:TGT_TERMS:WEIGHT...\n")
            f.write("\n".join(mine) + "\n")
        print(f"{len(mine)} source terms -> {path}", file=sys.stderr)

if __name__ == "__main__":
    main()
