#!/usr/bin/env python3
"""Builds the benchmark corpus excerpts (testdata/bench/{ro,en,ar,vi}.txt) from the project's
development data (XQuAD paragraphs and Universal Dependencies sentences).

Usage: python3 testdata/bench/make_corpus.py /path/to/shared/data

Deterministic: a fixed sample of the source lines (not the whole files), one paragraph per line.
XQuAD paragraphs are kept whole (4 in 5 of them); UD sentences (7 in 10) are grouped four to a
line in their original order. See README.md here for sources and licences.
"""
import json
import re
import sys
from pathlib import Path

SOURCES = {
    "ro": ["ud/ro_rrt-ud-dev.conllu"],
    "en": ["ud/en_ewt-ud-dev.conllu", "ud/en_pud-dev.conllu"],
    "ar": ["ud/ar_pud-dev.conllu"],
    "vi": ["ud/vi_vtb-ud-dev.conllu", "ud/vi_vtb-ud-train.conllu"],
}
TEXT = re.compile(r"^# text ?= ?(.*)$")


def xquad_paragraphs(data: Path, lang: str):
    d = json.loads((data / "xquad" / f"xquad.{lang}.dev.json").read_text(encoding="utf-8"))
    paras = [p["context"] for a in d["data"] for p in a["paragraphs"]]
    return [" ".join(p.split()) for i, p in enumerate(paras) if i % 5 != 4]


def ud_paragraphs(data: Path, rel: str, budget: int):
    sents = []
    for line in (data / rel).read_text(encoding="utf-8").splitlines():
        m = TEXT.match(line)
        if m and m.group(1).strip():
            sents.append(" ".join(m.group(1).split()))
    kept = [s for i, s in enumerate(sents) if i % 10 < 7]
    out, size = [], 0
    for i in range(0, len(kept), 4):
        para = " ".join(kept[i : i + 4])
        if size + len(para.encode()) > budget:
            break
        out.append(para)
        size += len(para.encode()) + 1
    return out


def main():
    data = Path(sys.argv[1])
    here = Path(__file__).resolve().parent
    for lang, uds in SOURCES.items():
        lines = xquad_paragraphs(data, lang)
        budget = 110_000 // len(uds)
        for rel in uds:
            lines += ud_paragraphs(data, rel, budget)
        text = "\n".join(lines) + "\n"
        (here / f"{lang}.txt").write_text(text, encoding="utf-8")
        print(lang, len(lines), "lines", len(text.encode()), "bytes")


if __name__ == "__main__":
    main()
