#!/usr/bin/env python3
"""Retrieval on XQuAD through the example indexer, for any of its languages.

Indexes the paragraphs of every language given (`"lang"` set, ids `<lang>-p0000`), then
searches each question of LANG with `indexer search --json --limit 10` (no language filter) and
reports MRR@10 of finding the question's own paragraph in LANG; with `--target T`, searches with
`--lang T` and expects the paragraph in T (a question in one language, its answer in another):

    cargo build --release --example indexer
    python3 scripts/xquad_mono.py XQUAD_DIR dev ru --index-langs ar,en,ro,vi,ru
    python3 scripts/xquad_mono.py XQUAD_DIR dev en --target ru

XQUAD_DIR holds `xquad.<lang>.<part>.json` (github.com/google-deepmind/xquad).
"""
import argparse, json, os, shutil, subprocess, tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "examples", "indexer")


def paragraphs(directory, lang, part):
    d = json.load(open(os.path.join(directory, f"xquad.{lang}.{part}.json"), encoding="utf-8"))
    n = 0
    for art in d["data"]:
        for para in art["paragraphs"]:
            yield f"p{n:04d}", para["context"], [q["question"] for q in para["qas"]]
            n += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("part")
    ap.add_argument("lang")
    ap.add_argument("--index-langs", default="ar,en,ro,vi,ru")
    ap.add_argument("--target", help="search with --lang TARGET, expect the paragraph in TARGET")
    ap.add_argument("--indexer", default=BIN, help="the indexer binary (default: %(default)s)")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="rosetta-xquad-mono-")
    try:
        jsonl = os.path.join(tmp, "docs.jsonl")
        with open(jsonl, "w", encoding="utf-8") as out:
            for lang in a.index_langs.split(","):
                for pid, text, _ in paragraphs(a.dir, lang, a.part):
                    out.write(json.dumps({"id": f"{lang}-{pid}", "body": text, "lang": lang},
                                         ensure_ascii=False) + "\n")
        index = os.path.join(tmp, "index")
        subprocess.run([a.indexer, "index", "--index", index, jsonl], check=True, capture_output=True)
        questions = [(q, pid) for pid, _, qs in paragraphs(a.dir, a.lang, a.part) for q in qs]

        def rr(job):
            q, pid = job
            lang = ["--lang", a.target] if a.target else []
            r = subprocess.run([a.indexer, "search", "--index", index, "--json", "--limit", "10", *lang,
                                "--", q], capture_output=True, text=True)
            if r.returncode != 0:
                return 0.0
            hits = json.loads(r.stdout.strip().splitlines()[-1])["hits"]
            for i, h in enumerate(hits[:10]):
                if h["id"] == f"{a.target or a.lang}-{pid}":
                    return 1.0 / (i + 1)
            return 0.0

        with ThreadPoolExecutor(max_workers=2) as ex:
            scores = list(ex.map(rr, questions))
        print(f"xquad {a.part} {a.lang}->{a.target or a.lang} (index {a.index_langs}): MRR@10 "
              f"{sum(scores) / len(scores):.3f} over {len(scores)} questions")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
