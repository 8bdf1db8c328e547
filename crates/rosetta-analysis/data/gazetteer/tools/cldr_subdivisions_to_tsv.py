#!/usr/bin/env python3
"""Regenerates subdivisions.tsv from CLDR's subdivision names (Unicode License v3).

  apt-get download unicode-cldr-core && dpkg -x unicode-cldr-core_*.deb DIR
  python3 cldr_subdivisions_to_tsv.py DIR/usr/share/unicode/cldr/common ..

Writes ../subdivisions.tsv: the first-level subdivisions of every country (states, provinces,
regions, governorates, oblasts: `supplemental/subdivisions.xml` says which level a code is) that
CLDR names in all of en, ro, ar, vi and ru (`subdivisions/{lang}.xml`). Left out, so that a
name means one entity and is no ordinary word:
- countries whose first level is municipalities or districts (listed in SMALL_UNITS);
- a name that another subdivision of the list also has (`Central`, `Eastern Province`);
- a name the other gazetteer files already give (`Dubai` the city, `Gaza`, `Washington`);
- one-word names that are generic words in some language (GENERIC: `Centre`, `الوسطى`);
- names of at most two letters.
An entity keeps the names that remain; one left without an English and a Russian name, or
without an Arabic one, is dropped.
"""
import os, re, sys, unicodedata
import xml.etree.ElementTree as ET

LANGS = ["en", "ro", "ar", "vi", "ru"]
# First-level units that are municipalities, parishes or small districts, seldom in
# international news (hand-written).
SMALL_UNITS = {"si", "mk", "lv", "mt", "ad", "ag", "dm", "gd", "kn", "lc", "vc", "sc", "mv", "tv", "nr", "pw", "fm", "mh", "ki", "to", "ws", "sb", "li", "sm", "lu", "bb", "tt", "mu", "st", "cv", "km", "bh"}
# One-word names that are ordinary words (directions, "capital", "coast", ...), any language
# (hand-written; compared after normalization).
GENERIC = {
    "central", "centre", "center", "centrală", "centru", "north", "south", "east", "west",
    "northern", "southern", "eastern", "western", "capital", "coast", "coastal", "upper",
    "lower", "north-east", "north-west", "south-east", "south-west", "northeast", "northwest",
    "southeast", "southwest", "nord", "sud", "est", "vest", "lakes", "islands", "plateau",
    "mountain", "mountains", "highlands", "lagoons", "savanes", "plateaux", "littoral",
    "interior", "frontier", "valley", "delta", "border", "capitala", "coasta", "insulele",
    "الوسطى", "الشرقية", "الغربية", "الشمالية", "الجنوبية", "العاصمة", "الساحلية", "الداخلية",
    "الوسط", "الشمال", "الجنوب", "الشرق", "الغرب", "الجزر", "البحيرات", "الهضبة", "الحدود",
    "центральная", "центральный", "северная", "южная", "восточная", "западная", "столичный",
    "центр", "север", "юг", "восток", "запад", "острова", "озёрная", "прибрежная",
    "trung", "bắc", "nam", "đông", "tây", "miền", "thủ",
}


# Words naming the kind of unit that CLDR puts before some names (`محافظة ميدلاندز`,
# `Provincia Midlands`, `Tỉnh Midlands`); news often writes the name without them, so the name
# without the word is added too (hand-written).
KIND_WORDS = {
    "ro": ["Provincia", "Regiunea", "Districtul", "Departamentul", "Județul", "Guvernoratul",
           "raionul", "Raionul", "Statul", "Prefectura", "Comitatul", "Voievodatul", "Cantonul",
           "Municipiul", "Ținutul", "Emiratul", "Diviziunea", "Divizia", "Oblastul", "Regiunea autonomă"],
    "ar": ["محافظة", "ولاية", "مقاطعة", "منطقة", "إقليم", "اقليم", "إمارة", "امارة", "شعبية", "إدارة",
           "جهة", "قسم", "مديرية", "بلدية", "دائرة", "ناحية", "أوبلاست", "أوبلاستا"],
    "vi": ["Tỉnh", "tỉnh", "Quận", "Vùng", "Khu vực", "Phân Vùng", "Bang", "Huyện", "Miền", "Khu"],
}


def stripped(lang, name):
    """`name` without a leading kind word, or None. An Arabic remainder of one short word is
    often a given name or an ordinary word (`ولاية بشار`: `بشار`), so it needs five letters."""
    for w in sorted(KIND_WORDS.get(lang, []), key=len, reverse=True):
        if name.startswith(w + " "):
            rest = name[len(w) + 1:].strip()
            if lang == "ar" and " " not in rest and len(rest) < 5:
                return None
            return rest or None
    return None


# One-word names that are also given names, ordinary words or parts of other names in the
# languages of the analyzer (`Vladimir` the region would take `Vladimir` the given name; Dutch
# `Van`; `Pool`, `Federal`, `Jewish`), hand-written.
NOT_NAMES = {
    "bar", "batman", "bor", "chin", "federal", "flemish", "jewish", "lac", "lori", "nan", "napo",
    "pool", "van", "vas", "trat", "victoria", "vladimir", "perm", "surin", "tula", "ruse",
    "mascara", "oriental", "alba", "edo", "komi", "orange", "sakha", "amur", "salt", "mar",
    "capital", "distrito", "central", "centre", "bay", "sud", "nord", "unity", "maritime",
    "بورصه", "عمران", "فرانسيس",
}


def generic_norm():
    return {norm(w) for w in GENERIC}


def norm(s):
    """Roughly the analyzer's normalization, for comparing names: lower case, no marks, Arabic
    letter variants merged, hyphens as spaces."""
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c) and c not in "\u0640")
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ة", "ه"), ("ى", "ي")):
        s = s.replace(a, b)
    s = re.sub(r"[-‐‑–—'’.]", " ", s)
    return " ".join(s.split())


def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def gazetteer_names(dest, skip):
    """Normalized names and ids of the other gazetteer files."""
    names, ids = set(), set()
    for f in sorted(os.listdir(dest)):
        if not f.endswith(".tsv") or f == skip:
            continue
        for line in open(os.path.join(dest, f), encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            ids.add(cols[0])
            for c in cols[2:]:
                names.update(norm(n) for n in c.split("|") if n.strip())
    return names, ids


def main():
    src, dest = sys.argv[1], sys.argv[2]
    first = {}
    for g in ET.parse(f"{src}/supplemental/subdivisions.xml").iter("subgroup"):
        t = g.get("type")
        if t.isupper():
            for c in g.get("contains").split():
                first[c] = t
    names = {
        l: {e.get("type"): e.text.strip() for e in ET.parse(f"{src}/subdivisions/{l}.xml").iter("subdivision") if e.text}
        for l in LANGS
    }
    global GENERIC_NORM
    GENERIC_NORM = generic_norm()
    codes = [c for c in sorted(first) if c[:2] not in SMALL_UNITS and all(c in names[l] for l in LANGS)]
    taken, ids = gazetteer_names(dest, "subdivisions.tsv")
    # Names shared by two subdivisions of the list mean neither.
    variants = {c: {l: [names[l][c]] + [x for x in [stripped(l, names[l][c])] if x] for l in LANGS} for c in codes}
    count = {}
    for c in codes:
        for n in {norm(x) for l in LANGS for x in variants[c][l]}:
            count[n] = count.get(n, 0) + 1

    def usable(n):
        k = norm(n)
        letters = sum(ch.isalpha() for ch in k)
        # A one-word Arabic name is often an ordinary word (there is no capital to tell): short
        # ones, ones with the article (`الغربية` "the western", `الوحدة` "the unity", `الزاوية`
        # "the corner"; the name with its kind word stays: `محافظة الغربية`) and nisba
        # adjectives (`مركزي` "central").
        arabic_short = " " not in k and any("\u0600" <= ch <= "\u06ff" for ch in k) and (
            letters < 5 or k.startswith("ال") or k.endswith(("يه", "ي"))
        )
        # The gazetteer finds Arabic names with or without the article (`اليونان` Greece is
        # `يونان`, which CLDR's `مقاطعة يونان` Yunnan would become without its kind word).
        forms = {k, k[2:] if k.startswith("ال") else "ال" + k}
        return (letters > 2 and not arabic_short and count.get(k, 0) == 1
                and not forms & taken and k not in GENERIC_NORM and k not in NOT_NAMES)

    rows, dropped = [], 0
    for c in codes:
        cells = {l: " | ".join(x for x in variants[c][l] if usable(x)) for l in LANGS}
        if not (cells["en"] and cells["ru"] and cells["ar"]):
            dropped += 1
            continue
        i = slug(names["en"][c])
        if not i or i in ids:
            i = f"{i}_{c[:2]}"
        if i in ids:
            dropped += 1
            continue
        ids.add(i)
        rows.append([i, "subdivision_" + first[c].lower()] + [cells[l] for l in LANGS] + [""])
    with open(f"{dest}/subdivisions.tsv", "w", encoding="utf-8") as f:
        f.write("# First-level subdivisions: CLDR 41 subdivisions/{en,ro,ar,vi,ru}.xml (Debian unicode-cldr-core 41-0.1, Unicode License v3), made by tools/cldr_subdivisions_to_tsv.py.\n")
        f.write("# id\tkind\ten\tro\tar\tvi\tru\taliases\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(len(rows), "subdivisions,", dropped, "dropped", file=sys.stderr)


main()
