#!/usr/bin/env bash
# Builds the starting corpora fuzz/corpus/<target>/ from the seed articles in testdata/seeds and a
# few queries and JSON lines. libFuzzer adds what it finds to the same folders.
set -euo pipefail
cd "$(dirname "$0")"
seeds=../testdata/seeds
mkdir -p corpus/analyze corpus/query_search corpus/index_document

byte() { printf "\\$(printf '%03o' "$1")"; }

for f in "$seeds"/*.txt; do
  name=$(basename "$f" .txt)
  # analyze: selector byte (language/detection; +128 = query mode), then a cut of the article.
  for sel in 0 1 2 3 4 128 130 132; do
    { byte "$sel"; head -c 1500 "$f"; } > "corpus/analyze/$name-$sel"
  done
  # index_document: selector byte (language), then title line and body.
  for sel in 0 1; do
    { byte "$sel"; head -c 3000 "$f"; } > "corpus/index_document/$name-$sel"
  done
done

i=0
while IFS= read -r query; do
  for sel in 9 42 105; do
    { byte "$sel"; printf '%s' "$query"; } > "corpus/query_search/q$i-$sel"
  done
  i=$((i + 1))
done <<'QUERIES'
Peskov
Песков
بيسكوف
Kremlin
intalnire
hoi nghi thuong dinh
"hội nghị thượng đỉnh"
"Statele Unite" -Trump
lang:ro Peskov
source:reuters after:2025-01-01 summit
date:2025-01-01..2025-12-31 Putin
Trump's U.S. Kremlin-aligned
والكرملين لبوتين
the of and
((("unbalanced
QUERIES

i=0
while IFS= read -r line; do
  printf '%s' "$line" > "corpus/index_document/json$i"
  i=$((i + 1))
done <<'LINES'
{"id":"a1","body":"Peskov a declarat că întâlnirea este necesară.","lang":"ro","published":"2025-12-23","source":"Digi24"}
{"id":"a2","title":"Kremlin","body":"Kremlin spokesman Dmitry Peskov said","lang":"en","published":"2025-12-23T10:00:00+02:00"}
{"id":"a3","body":"قال المتحدث باسم الكرملين ديمتري بيسكوف","url":"https://example.com/a3"}
{"id":"a4","body":"Người phát ngôn Điện Kremlin Dmitry Peskov nói hội nghị thượng đỉnh","lang":"vi"}
{"id":"a5","body":"NUL\u0000 bidi \u202e zero\u200bwidth \ud83d\ude00"}
LINES
echo "corpus ready: $(ls corpus/analyze | wc -l) + $(ls corpus/query_search | wc -l) + $(ls corpus/index_document | wc -l) inputs"
