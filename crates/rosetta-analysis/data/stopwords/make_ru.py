#!/usr/bin/env python3
"""Writes ru.txt from Snowball's Russian stop list.

usage: python3 make_ru.py STOP_TXT > ru.txt

STOP_TXT is https://snowballstem.org/algorithms/russian/stop.txt (the same 159 words are in
tantivy 0.27's src/tokenizer/stop_word_filter/stopwords.rs, constant RUSSIAN). Text after `|` is
a comment. Numerals and the content words below are left out (see README.md).
"""
import sys

CONTENT_WORDS = {"один", "два", "три", "человек", "жизнь"}

words = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        for word in line.split("|", 1)[0].split():
            if word not in CONTENT_WORDS and word not in words:
                words.append(word)
sys.stdout.write("\n".join(words) + "\n")
