#!/usr/bin/env python3
"""Dump the analyzer's output on a fixed set of texts, to prove a refactoring changes nothing.

Runs `target/release/examples/indexer analyze --json` (build it first with
`cargo build --release --example indexer`) over:
- the bench corpus `testdata/bench/{ro,en,ar,vi}.txt` and `testdata/seeds/*.txt`, each with its
  language given and detected;
- when DATA is given (a folder with `ud/*.conllu`, `xquad/xquad.*.dev.json` and `names/`): the
  UD dev sentences, the lower-cased UD word forms (given language), the XQuAD dev paragraphs
  and questions (detected), and capitalized names (detected).

Each input goes to `OUT/<name>.jsonl`, one JSON object per input line; the last line printed is
one SHA-256 over every file, so two runs compare with `diff` or by that line:

    python3 scripts/analysis_dump.py OUT [DATA]
"""
import glob, hashlib, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "examples", "indexer")
LANGS = ["ro", "en", "ar", "vi", "ru"]


def analyze(lines, lang):
    args = [BIN, "analyze", "--json"] + (["--lang", lang] if lang else [])
    lines = [" ".join(l.split()) for l in lines]
    r = subprocess.run(args, input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    return r.stdout


def ud(data, lang):
    name = {"ro": "ro_rrt-ud-dev", "en": "en_ewt-ud-dev", "ar": "ar_pud-dev", "vi": "vi_vtb-ud-dev",
            "ru": "ru_pud-dev"}[lang]
    texts, forms = [], set()
    with open(os.path.join(data, "ud", name + ".conllu"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("# text = "):
                texts.append(line[9:].rstrip("\n"))
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 3 and cols[0].isdigit():
                forms.add(cols[1].lower())
    return texts, sorted(forms)


def xquad(data, lang):
    d = json.load(open(os.path.join(data, "xquad", f"xquad.{lang}.dev.json"), encoding="utf-8"))
    out = []
    for art in d["data"]:
        for para in art["paragraphs"]:
            out.append(para["context"])
            out.extend(q["question"] for q in para["qas"])
    return out


def names(data, file, limit=5000):
    out = set()
    with open(os.path.join(data, "names", file), encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= limit:
                break
            for cell in line.rstrip("\n").split("\t")[:2]:
                if cell:
                    out.add(cell[:1].upper() + cell[1:])
    return sorted(out)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    data = sys.argv[2] if len(sys.argv) > 2 else None
    os.makedirs(out_dir, exist_ok=True)
    jobs = []
    for lang in ["ro", "en", "ar", "vi"]:
        lines = open(os.path.join(ROOT, "testdata", "bench", f"{lang}.txt"), encoding="utf-8").read().splitlines()
        jobs.append((f"bench-{lang}-given", lines, lang))
        jobs.append((f"bench-{lang}-detected", lines, None))
    seeds = []
    for path in sorted(glob.glob(os.path.join(ROOT, "testdata", "seeds", "*.txt"))):
        seeds.extend(open(path, encoding="utf-8").read().splitlines())
    jobs.append(("seeds-detected", seeds, None))
    if data:
        for lang in LANGS:
            texts, forms = ud(data, lang)
            jobs.append((f"ud-{lang}-sentences-detected", texts, None))
            if lang != "ru":
                jobs.append((f"ud-{lang}-sentences-given", texts, lang))
                jobs.append((f"ud-{lang}-forms-given", forms, lang))
            jobs.append((f"xquad-{lang}-detected", xquad(data, lang), None))
        jobs.append(("names-ru-detected", names(data, "wd_russian_80"), None))
        jobs.append(("names-ar-detected", names(data, "wd_arabic_80"), None))
    total = hashlib.sha256()
    for name, lines, lang in jobs:
        text = analyze(lines, lang)
        with open(os.path.join(out_dir, name + ".jsonl"), "w", encoding="utf-8") as f:
            f.write(text)
        digest = hashlib.sha256(text.encode()).hexdigest()
        total.update(f"{name} {digest}\n".encode())
        print(f"{digest[:16]}  {name} ({len(lines)} texts)")
    print(f"all {total.hexdigest()}")


if __name__ == "__main__":
    main()
