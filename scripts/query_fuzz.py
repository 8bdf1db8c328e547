#!/usr/bin/env python3
"""Random hostile queries (random Unicode, bidi controls, nested brackets, long OR lists, odd
filters and fields) against an index, through the example indexer: counts panics and outputs
that are not JSON.

    python3 scripts/query_fuzz.py target/release/examples/indexer INDEX_DIR WORDS_FILE [N]

WORDS_FILE is any text whose words seed the queries (e.g. the paragraphs the index holds);
N defaults to 20,000.
"""
import json, random, subprocess, sys
B = sys.argv[1]; IDX = sys.argv[2]; N = int(sys.argv[4]) if len(sys.argv) > 4 else 20000
random.seed(13)
words = open(sys.argv[3], encoding="utf-8", errors="replace").read().split()
spaces = ['\u00a0', '\u202f', '\u2009', '\u3000', '\u200b', '\u2028', ' ', '\t']
bidi = ['\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']
ops = ['AND', 'OR', 'NOT', '-', '"', '(', ')', '*', '~3', '^2', ':', 'lang:ro', 'lang:xx', 'lang:', 'source:ap', 'source:',
       'after:2025-01-01', 'before:1', 'date:..', 'date:2025-01-01..2024-01-01', 'title:', 'foo:bar', '\\', '\0', '\ufffd']
def rnd_unicode():
    return ''.join(chr(random.choice([random.randint(0x20, 0x7e), random.randint(0xa0, 0x2fff), random.randint(0x600, 0x6ff),
                                       random.randint(0x400, 0x4ff), random.randint(0x1f300, 0x1f6ff), random.randint(0x300, 0x36f)]))
                   for _ in range(random.randint(1, 12)))
def query():
    parts = []
    for _ in range(random.randint(1, 14)):
        r = random.random()
        if r < 0.45: parts.append(random.choice(words))
        elif r < 0.65: parts.append(random.choice(ops))
        elif r < 0.75: parts.append(rnd_unicode())
        elif r < 0.85: parts.append(random.choice(bidi) + random.choice(words))
        elif r < 0.92: parts.append('(' * random.randint(1, 300) + random.choice(words) + ')' * random.randint(0, 300))
        else: parts.append(' OR '.join(random.choice(words) for _ in range(random.randint(2, 200))))
        parts.append(random.choice(spaces))
    return ''.join(parts)
panics = nonjson = errors = 0
examples = []
for i in range(N):
    q = query().replace('\0', '')
    args = [B, 'search', '--index', IDX, '--json', '--limit', str(random.choice([0, 1, 10, 100]))]
    if random.random() < 0.2: args += ['--lang', random.choice(['ro', 'en', 'ar', 'vi'])]
    p = subprocess.run(args + ['--', q], capture_output=True)
    err = p.stderr.decode('utf-8', 'replace')
    if 'panicked' in err or p.returncode not in (0, 1):
        panics += 1; examples.append(('panic', q, err[-300:]))
        continue
    if p.returncode == 0:
        try: json.loads(p.stdout)
        except Exception: nonjson += 1; examples.append(('nonjson', q, p.stdout[:200]))
    else:
        errors += 1
print(json.dumps({'queries': N, 'panics': panics, 'non_json': nonjson, 'clear_errors': errors}))
for e in examples[:10]: print(repr(e))
