#!/usr/bin/env python3
"""Prints the benchmark figures and the target ratios from criterion's results.

Usage: python3 benches/report.py [target/criterion]

Reads <dir>/<id>/new/{estimates,benchmark}.json for the ids of benches/README.md; ratios use
medians (analysis and indexing: throughput of rosetta over the other engine, higher is better;
queries: latency of rosetta, without snippets, over tantivy_default, lower is better; with
snippets, rosetta_snippet over tantivy_snippet for information).
"""
import json
import sys
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")


def load(bench_id):
    d = ROOT / bench_id / "new"
    try:
        est = json.loads((d / "estimates.json").read_text())
        meta = json.loads((d / "benchmark.json").read_text())
    except FileNotFoundError:
        return None
    ns = est["median"]["point_estimate"]
    tp = meta.get("throughput") or {}
    if "Bytes" in tp:
        return ns, tp["Bytes"] / (ns / 1e9) / 1e6  # MB/s (10^6 bytes)
    if "Elements" in tp:
        return ns, tp["Elements"] / (ns / 1e9)  # elements/s
    return ns, None


def check(label, ratio, op, goal):
    ok = ratio >= goal if op == ">=" else ratio <= goal
    print(f"  {label:<50} {ratio:6.2f}x  (target {op} {goal}x)  {'met' if ok else 'MISSED'}")


def main():
    print("analysis throughput, MB/s (median)")
    engines = ["rosetta", "tantivy_default", "tantivy_stem", "charabia"]
    print(f"  {'lang':<6}" + "".join(f"{e:>17}" for e in engines))
    for lang in ["ro", "en", "ar", "vi"]:
        row = [load(f"analyze/{lang}/{e}") for e in engines]
        print(f"  {lang:<6}" + "".join(f"{r[1]:17.1f}" if r else f"{'-':>17}" for r in row))
    print("index throughput, docs/s (median)")
    for e in ["rosetta", "tantivy_default"]:
        r = load(f"index/{e}")
        print(f"  {e:<17} {r[1]:10.0f}" if r else f"  {e:<17} -")
    print("query latency, µs (median)")
    engines_q = ["rosetta", "rosetta_snippet", "tantivy_default", "tantivy_snippet"]
    print(f"  {'kind':<8}" + "".join(f"{e:>19}" for e in engines_q))
    for kind in ["term", "and", "phrase", "entity"]:
        row = [load(f"query/{kind}/{e}") for e in engines_q]
        print(f"  {kind:<8}" + "".join(f"{r[0] / 1e3:19.1f}" if r else f"{'-':>19}" for r in row))

    print("targets")
    for lang in ["ro", "en", "ar", "vi"]:
        ros = load(f"analyze/{lang}/rosetta")
        if not ros:
            continue
        if lang == "vi":
            other = load("analyze/vi/tantivy_default")
            if other:
                check("analyze/vi/rosetta vs tantivy_default", ros[1] / other[1], ">=", 0.5)
        else:
            other = load(f"analyze/{lang}/tantivy_stem")
            if other:
                check(f"analyze/{lang}/rosetta vs tantivy_stem", ros[1] / other[1], ">=", 1.0)
        other = load(f"analyze/{lang}/charabia")
        if other:
            check(f"analyze/{lang}/rosetta vs charabia", ros[1] / other[1], ">=", 3.0)
    ros, other = load("index/rosetta"), load("index/tantivy_default")
    if ros and other:
        check("index/rosetta vs tantivy_default (docs/s)", ros[1] / other[1], ">=", 0.5)
    for kind in ["term", "and", "phrase", "entity"]:
        ros, other = load(f"query/{kind}/rosetta"), load(f"query/{kind}/tantivy_default")
        if ros and other:
            check(f"query/{kind}/rosetta vs tantivy_default (latency)", ros[0] / other[0], "<=", 1.5)
        ros, other = load(f"query/{kind}/rosetta_snippet"), load(f"query/{kind}/tantivy_snippet")
        if ros and other:
            print(f"  {'  (info) rosetta_snippet vs tantivy_snippet':<50} {ros[0] / other[0]:6.2f}x")


if __name__ == "__main__":
    main()
