#!/usr/bin/env python3
"""Measures `indexer similar` on aligned translations: for each text in language X, is its
translation in language Y the first hit of `similar --lang Y`? Prints P@1 and MRR@10 per pair,
for Rosetta and, in the same run, for tantivy's More Like This on the same index
(`similar --engine mlt`, the baseline).

    python3 scripts/similar_eval.py xquad XQUAD_DIR [--part dev]   # xquad.{ar,en,ro,vi}.PART.json
    python3 scripts/similar_eval.py pud UD_DIR [--part dev]        # {ar,en,ru}_pud-PART.conllu
    ... --engine rosetta                                           # one engine only

XQuAD paragraphs of ar/en/ro/vi are indexed together and each paragraph is looked up by id; PUD
sentences of ar and en are indexed, and en, ar and ru sentences are given as text.
Needs `cargo build --release --example indexer`.
"""
import argparse, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "examples", "indexer")


def run(*args, stdin=None):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, input=stdin)
    if p.returncode != 0:
        sys.exit(f"indexer {' '.join(args[:2])}: {p.stderr.strip()[-300:]}")
    return p.stdout


def index(docs, tmp):
    path = os.path.join(tmp, "docs.jsonl")
    with open(path, "w") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    idx = os.path.join(tmp, "index")
    run("index", "--index", idx, path)
    return idx


def score(ranked, wanted):
    for i, hit in enumerate(ranked[:10]):
        if hit == wanted:
            return (1.0 if i == 0 else 0.0), 1.0 / (i + 1)
    return 0.0, 0.0


def report(engine, results):
    print(f"{engine}:")
    p1s, mrrs = [], []
    for (x, y), rows in sorted(results.items()):
        p1 = sum(r[0] for r in rows) / len(rows)
        mrr = sum(r[1] for r in rows) / len(rows)
        p1s.append(p1)
        mrrs.append(mrr)
        print(f"  {x}->{y}: P@1 {p1:.3f} MRR@10 {mrr:.3f} ({len(rows)})")
    print(f"  mean: P@1 {sum(p1s) / len(p1s):.3f} MRR@10 {sum(mrrs) / len(mrrs):.3f}, lowest P@1 {min(p1s):.3f}")


def xquad(data_dir, part, engines):
    langs = ["ar", "en", "ro", "vi"]
    docs = []
    for lang in langs:
        data = json.load(open(os.path.join(data_dir, f"xquad.{lang}.{part}.json")))
        n = 0
        for article in data["data"]:
            for p in article["paragraphs"]:
                docs.append({"id": f"{lang}-{n}", "lang": lang, "body": p["context"]})
                n += 1
    with tempfile.TemporaryDirectory() as tmp:
        idx = index(docs, tmp)
        for engine in engines:
            results = {}
            for d in docs:
                x, n = d["id"].split("-")
                for y in langs:
                    if y == x:
                        continue
                    out = json.loads(run("similar", "--index", idx, "--json", "--engine", engine, "--lang", y, d["id"]))
                    ranked = [h["id"] for h in out["hits"]]
                    results.setdefault((x, y), []).append(score(ranked, f"{y}-{n}"))
            report(engine, results)


def conllu_texts(path):
    texts, sent = {}, None
    for line in open(path, encoding="utf-8"):
        if line.startswith("# sent_id"):
            sent = line.split("=", 1)[1].strip()
        elif line.startswith("# text =") and sent:
            texts[sent] = line.split("=", 1)[1].strip()
    return texts


def pud(ud_dir, part, engines):
    texts = {l: conllu_texts(os.path.join(ud_dir, f"{l}_pud-{part}.conllu")) for l in ["ar", "en", "ru"]}
    shared = sorted(set(texts["ar"]) & set(texts["en"]) & set(texts["ru"]))
    docs = [{"id": f"{l}-{s}", "lang": l, "body": texts[l][s]} for l in ["ar", "en"] for s in shared]
    with tempfile.TemporaryDirectory() as tmp:
        idx = index(docs, tmp)
        for engine in engines:
            results = {}
            for x, y in [("en", "ar"), ("ar", "en"), ("ru", "en"), ("ru", "ar")]:
                for s in shared:
                    if x == "ru":
                        path = os.path.join(tmp, "given.txt")
                        with open(path, "w") as f:
                            f.write("\n" + texts["ru"][s])
                        args = ["--text", path]
                    else:
                        args = [f"{x}-{s}"]
                    out = json.loads(run("similar", "--index", idx, "--json", "--engine", engine, "--lang", y, *args))
                    ranked = [h["id"] for h in out["hits"]]
                    results.setdefault((x, y), []).append(score(ranked, f"{y}-{s}"))
            report(engine, results)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["xquad", "pud"])
    ap.add_argument("dir")
    ap.add_argument("--part", default="dev")
    ap.add_argument("--engine", choices=["rosetta", "mlt"], action="append",
                    help="engines to measure (repeatable; default: rosetta and mlt)")
    a = ap.parse_args()
    (xquad if a.what == "xquad" else pud)(a.dir, a.part, a.engine or ["rosetta", "mlt"])
