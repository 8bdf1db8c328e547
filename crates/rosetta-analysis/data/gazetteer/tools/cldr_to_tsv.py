#!/usr/bin/env python3
"""Regenerates countries.tsv and cities.tsv from CLDR JSON (npm packages cldr-localenames-full
and cldr-dates-full, Unicode License v3).

  npm pack cldr-localenames-full cldr-dates-full   # then untar both into DIR/ln and DIR/dt
  python3 cldr_to_tsv.py DIR ..                      # writes ../countries.tsv, ../cities.tsv

Countries: every two-letter territory of `territories.json` except groupings and
pseudo-territories; the `-alt-short` and `-alt-variant` names are aliases. Cities: the exemplar
city names of `timeZoneNames.json` for the zones listed below; where a locale has no name of its
own, CLDR inheritance gives the root name (the zone's city), used as is. A few news-frequent
aliases CLDR does not have are added from EXTRA (written by hand).
"""
import json, re, sys, unicodedata

LANGS = ["en", "ro", "ar", "vi", "ru"]
SKIP = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}

# Hand-written aliases (names CLDR lacks that news uses), by territory code or zone.
EXTRA = {
    "US": ["America", "USA", "U.S.A.", "SUA", "Statele Unite", "أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية", "Mỹ", "Hoa Kỳ", "Соединённые Штаты Америки", "Америка"],
    "GB": ["Britain", "Great Britain", "Marea Britanie", "بريطانيا", "Anh", "Британия"],
    "SA": ["السعودية", "Ả Rập Saudi", "Саудовская Аравия"],
    "AE": ["UAE", "Emirates", "EAU", "الإمارات", "UAE", "Эмираты", "Объединённые Арабские Эмираты"],
    "KP": ["DPRK", "Северная Корея", "Bắc Triều Tiên"],
    "KR": ["Южная Корея", "Nam Triều Tiên"],
    "RU": ["Russian Federation", "Federația Rusă", "روسيا الاتحادية", "Liên bang Nga", "Российская Федерация"],
    "CN": ["PRC", "Trung Hoa", "КНР"],
    "CZ": ["Czech Republic"],
    "TR": ["Turkey", "Thổ Nhĩ Kỳ"],
    "IR": ["Persia", "Persia"],
    "SY": ["سورية"],
    # "White Russia": the longer name wins over `روسيا` (Russia) inside it.
    "BY": ["روسيا البيضاء", "Bê-la-rút", "Bạch Nga", "Белоруссия"],
    "NL": ["Holland", "Olanda", "هولندا", "Hà Lan", "Голландия"],
    "MD": ["Republica Moldova"],
    "VA": ["Vatican", "Vatican", "Vatican", "Ватикан"],
    "PS": ["Palestine", "Palestina", "فلسطين", "Palestine", "Палестина"],
}

# Arabic country names that are also ordinary words (`مالي` "financial", `بنين` "sons"):
# matched only in their long form (hand-written).
AR_OVERRIDE = {"ML": "جمهورية مالي", "BJ": "جمهورية بنين"}

ZONES = """
Europe/Moscow Europe/Kiev Europe/London Europe/Paris Europe/Berlin Europe/Rome Europe/Madrid
Europe/Lisbon Europe/Warsaw Europe/Prague Europe/Vienna Europe/Budapest Europe/Bucharest
Europe/Chisinau Europe/Minsk Europe/Vilnius Europe/Riga Europe/Tallinn Europe/Helsinki
Europe/Stockholm Europe/Oslo Europe/Copenhagen Europe/Amsterdam Europe/Brussels Europe/Athens
Europe/Istanbul Europe/Belgrade Europe/Sofia Europe/Zagreb Europe/Sarajevo Europe/Skopje
Europe/Tirane Europe/Podgorica Europe/Ljubljana Europe/Bratislava Europe/Dublin Europe/Zurich
Europe/Luxembourg Europe/Monaco Europe/Vatican Europe/Simferopol Europe/Volgograd
Europe/Kaliningrad Europe/Samara Europe/Astrakhan
Asia/Tbilisi Asia/Yerevan Asia/Baku Asia/Tashkent Asia/Almaty Asia/Bishkek Asia/Dushanbe
Asia/Ashgabat Asia/Kabul Asia/Karachi Asia/Calcutta Asia/Dhaka Asia/Katmandu Asia/Colombo
Asia/Tehran Asia/Baghdad Asia/Damascus Asia/Beirut Asia/Amman Asia/Jerusalem
Asia/Riyadh Asia/Kuwait Asia/Qatar Asia/Bahrain Asia/Dubai Asia/Muscat Asia/Aden
Asia/Tokyo Asia/Seoul Asia/Pyongyang Asia/Shanghai Asia/Hong_Kong Asia/Macau Asia/Taipei
Asia/Ulaanbaatar Asia/Saigon Asia/Bangkok Asia/Phnom_Penh Asia/Vientiane Asia/Rangoon
Asia/Kuala_Lumpur Asia/Singapore Asia/Jakarta Asia/Manila Asia/Vladivostok Asia/Novosibirsk
Asia/Yekaterinburg Asia/Irkutsk
Africa/Cairo Africa/Tripoli Africa/Tunis Africa/Algiers Africa/Casablanca Africa/Khartoum
Africa/Addis_Ababa Africa/Nairobi Africa/Lagos Africa/Johannesburg Africa/Kinshasa
Africa/Dakar Africa/Accra Africa/Mogadishu Africa/Bamako Africa/Niamey Africa/Juba
America/New_York America/Chicago America/Los_Angeles America/Anchorage America/Toronto
America/Vancouver America/Mexico_City America/Havana America/Caracas America/Bogota
America/Lima America/Santiago America/Buenos_Aires America/Sao_Paulo America/Montevideo
America/La_Paz America/Panama America/Denver America/Phoenix Pacific/Honolulu
Australia/Sydney Australia/Melbourne Pacific/Auckland
""".split()

# The other exemplar cities with Arabic and Russian names are taken too (`ALL_ZONES`), except
# Antarctic stations and those whose name is a given name, a surname or an ordinary word
# (`Regina`, `Darwin`, `Mendoza`, `Oral`, `Chihuahua`), names two places share (`Córdoba`,
# `Mérida`, `San Juan`) and small US and Canadian places (hand-written list).
SKIP_ZONES = set("""
America/Regina America/Dawson America/Creston Atlantic/Stanley Australia/Darwin Australia/Hobart
Australia/Lindeman Australia/Eucla America/Boise America/Nome America/Sitka America/Adak
America/North_Dakota/Beulah America/North_Dakota/Center America/North_Dakota/New_Salem
America/Indiana/Knox America/Indiana/Marengo America/Indiana/Vevay America/Indiana/Tell_City
America/Indiana/Petersburg America/Indiana/Vincennes America/Indiana/Winamac
America/Kentucky/Monticello America/Menominee America/Metlakatla America/Yakutat America/Thule
America/Resolute Asia/Oral Asia/Chita Europe/Kirov Pacific/Enderbury Indian/Christmas
Pacific/Midway Pacific/Wake America/Marigot America/Mendoza America/Cordoba America/Merida
America/Argentina/San_Juan America/Argentina/San_Luis America/Argentina/La_Rioja
America/Argentina/Salta America/Chihuahua America/Bahia America/Miquelon America/Swift_Current
America/Cambridge_Bay America/Goose_Bay America/Glace_Bay America/Coral_Harbour
America/Fort_Nelson America/Dawson_Creek America/Rankin_Inlet America/Blanc-Sablon
America/Lower_Princes America/Grand_Turk America/Danmarkshavn America/Scoresbysund
America/Ojinaga America/Matamoros America/Bahia_Banderas America/Eirunepe America/Araguaina
America/Santarem America/Kralendijk America/Coyhaique America/Noronha Australia/Broken_Hill
Australia/Lord_Howe Asia/Khandyga Asia/Ust-Nera Asia/Srednekolymsk Europe/Busingen
Pacific/Gambier Pacific/Fakaofo Pacific/Efate Pacific/Kwajalein Pacific/Niue Indian/Kerguelen
Indian/Chagos Indian/Cocos Atlantic/South_Georgia Pacific/Easter Pacific/Chatham
Pacific/Marquesas Pacific/Bougainville America/Inuvik America/Whitehorse
""".split())

# Capitals and news places that are not time-zone exemplar cities (hand-written):
# id, en, ro, ar, vi, ru, aliases
EXTRA_CITIES = [
    ("washington", "Washington", "Washington", "واشنطن", "Washington", "Вашингтон", ["Oa-sinh-tơn"]),
    ("beijing", "Beijing", "Beijing", "بكين", "Bắc Kinh", "Пекин", ["Peking", "Pekin", "Beijingul"]),
    ("new_delhi", "New Delhi", "New Delhi", "نيودلهي", "New Delhi", "Нью-Дели", ["نيو دلهي", "Niu Đê-li"]),
    ("ankara", "Ankara", "Ankara", "أنقرة", "Ankara", "Анкара", []),
    ("ottawa", "Ottawa", "Ottawa", "أوتاوا", "Ottawa", "Оттава", []),
    ("canberra", "Canberra", "Canberra", "كانبرا", "Canberra", "Канберра", []),
    ("brasilia", "Brasília", "Brasília", "برازيليا", "Brasília", "Бразилиа", []),
    ("abu_dhabi", "Abu Dhabi", "Abu Dhabi", "أبوظبي", "Abu Dhabi", "Абу-Даби", ["أبو ظبي"]),
    ("islamabad", "Islamabad", "Islamabad", "إسلام آباد", "Islamabad", "Исламабад", []),
    ("hanoi", "Hanoi", "Hanoi", "هانوي", "Hà Nội", "Ханой", ["Ha Noi"]),
    ("geneva", "Geneva", "Geneva", "جنيف", "Geneva", "Женева", ["Genève", "Genf", "Giơ-ne-vơ"]),
    ("the_hague", "The Hague", "Haga", "لاهاي", "The Hague", "Гаага", ["La Haye", "Den Haag", "Lahay"]),
    ("mecca", "Mecca", "Mecca", "مكة", "Mecca", "Мекка", ["Makkah", "مكة المكرمة", "Thánh địa Mecca"]),
    ("doha", "Doha", "Doha", "الدوحة", "Doha", "Доха", []),
    ("sanaa", "Sanaa", "Sanaa", "صنعاء", "Sanaa", "Сана", ["Sana'a"]),
    ("manama", "Manama", "Manama", "المنامة", "Manama", "Манама", []),
    ("strasbourg", "Strasbourg", "Strasbourg", "ستراسبورغ", "Strasbourg", "Страсбург", []),
    ("davos", "Davos", "Davos", "دافوس", "Davos", "Давос", []),
    ("kharkiv", "Kharkiv", "Harkov", "خاركيف", "Kharkiv", "Харьков", ["Kharkov", "Harkiv", "Khác-cốp"]),
    ("odesa", "Odesa", "Odesa", "أوديسا", "Odessa", "Одесса", ["Odessa"]),
    ("mariupol", "Mariupol", "Mariupol", "ماريوبول", "Mariupol", "Мариуполь", []),
    ("donetsk", "Donetsk", "Donețk", "دونيتسك", "Donetsk", "Донецк", []),
    ("luhansk", "Luhansk", "Luhansk", "لوغانسك", "Lugansk", "Луганск", ["Lugansk"]),
    ("zaporizhzhia", "Zaporizhzhia", "Zaporojie", "زابوريجيا", "Zaporizhzhia", "Запорожье", ["Zaporozhye"]),
    ("kherson", "Kherson", "Herson", "خيرسون", "Kherson", "Херсон", []),
    ("crimea", "Crimea", "Crimeea", "القرم", "Crimea", "Крым", ["شبه جزيرة القرم", "Bán đảo Crimea"]),
    ("donbas", "Donbas", "Donbas", "دونباس", "Donbass", "Донбасс", ["Donbass"]),
    ("gaza", "Gaza", "Gaza", "غزة", "Gaza", "Газа", ["Gaza Strip", "Fâșia Gaza", "قطاع غزة", "Dải Gaza", "сектор Газа"]),
    ("west_bank", "West Bank", "Cisiordania", "الضفة الغربية", "Bờ Tây", "Западный берег", ["Западный берег реки Иордан"]),
    ("golan_heights", "Golan Heights", "Înălțimile Golan", "هضبة الجولان", "Cao nguyên Golan", "Голанские высоты", ["الجولان"]),
    ("ramallah", "Ramallah", "Ramallah", "رام الله", "Ramallah", "Рамалла", []),
    ("aleppo", "Aleppo", "Alep", "حلب", "Aleppo", "Алеппо", []),
    ("mosul", "Mosul", "Mosul", "الموصل", "Mosul", "Мосул", []),
    ("benghazi", "Benghazi", "Benghazi", "بنغازي", "Benghazi", "Бенгази", []),
    ("alexandria", "Alexandria", "Alexandria", "الإسكندرية", "Alexandria", "Александрия", []),
    ("st_petersburg", "Saint Petersburg", "Sankt Petersburg", "سانت بطرسبرغ", "Saint Petersburg", "Санкт-Петербург", ["St. Petersburg", "Petersburg", "Петербург", "Xanh Pê-téc-bua"]),
    ("sochi", "Sochi", "Soci", "سوتشي", "Sochi", "Сочи", []),
    ("miami", "Miami", "Miami", "ميامي", "Miami", "Майами", []),
    ("san_francisco", "San Francisco", "San Francisco", "سان فرانسيسكو", "San Francisco", "Сан-Франциско", []),
    ("alaska", "Alaska", "Alaska", "ألاسكا", "Alaska", "Аляска", []),
    ("mumbai", "Mumbai", "Mumbai", "مومباي", "Mumbai", "Мумбаи", ["Bombay"]),
    ("da_nang", "Da Nang", "Da Nang", "دا نانغ", "Đà Nẵng", "Дананг", []),
    ("hai_phong", "Haiphong", "Haiphong", "هايفونغ", "Hải Phòng", "Хайфон", ["Hai Phong"]),
]

# Exonyms CLDR does not list in some locales (hand-written), by zone.
ZONE_EXTRA = {
    "Europe/London": ["Luân Đôn"],
    "Europe/Paris": ["Pa-ri"],
    "Asia/Shanghai": ["Thượng Hải"],
    "Asia/Pyongyang": ["Bình Nhưỡng"],
    "Asia/Taipei": ["Đài Bắc"],
    "Asia/Hong_Kong": ["Hồng Kông"],
    "Asia/Saigon": ["Saigon", "Sài Gòn", "Ho Chi Minh City", "Thành phố Hồ Chí Minh", "TP.HCM", "Хошимин", "هو تشي منه"],
    "Europe/Kiev": ["Kyiv", "Kiev", "Kiyv", "Kievul", "كييف", "Ki-ev", "Kyiv", "Киев", "Київ"],
    "Europe/Moscow": ["Moscow", "Moscova", "Mát-xcơ-va", "Москва", "موسكو", "Matxcơva"],
    "Asia/Jerusalem": ["Giê-ru-sa-lem"],
    "Asia/Calcutta": ["Kolkata"],
    "Asia/Rangoon": ["Yangon"],
    "Europe/Kaliningrad": ["Königsberg"],
}


def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def norm(s):
    """Roughly the analyzer's normalization, for comparing names."""
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c) and c != "\u0640")
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ة", "ه"), ("ى", "ي")):
        s = s.replace(a, b)
    return " ".join(re.sub(r"[-'’.]", " ", s).split())


def cell(names):
    seen, out = set(), []
    for n in names:
        n = n.strip()
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return " | ".join(out)


def main():
    src, dest = sys.argv[1], sys.argv[2]
    T = {l: json.load(open(f"{src}/ln/package/main/{l}/territories.json"))["main"][l]["localeDisplayNames"]["territories"] for l in LANGS}
    rows, ids = [], set()
    for code in sorted(k for k in T["en"] if len(k) == 2 and k.isalpha() and k.isupper() and k not in SKIP):
        names = {l: [T[l].get(code, "")] for l in LANGS}
        for l in LANGS:
            for alt in ("-alt-short", "-alt-variant"):
                if code + alt in T[l]:
                    names[l].append(T[l][code + alt])
        if not all(names[l][0] for l in LANGS):
            continue
        if code in AR_OVERRIDE:
            names["ar"] = [AR_OVERRIDE[code]]
        i = slug(T["en"][code])
        ids.add(i)
        rows.append([i, "country"] + [cell(names[l]) for l in LANGS] + [cell(EXTRA.get(code, []))])
    with open(f"{dest}/countries.tsv", "w", encoding="utf-8") as f:
        f.write("# Countries and territories: CLDR 48.2 territories.json (Unicode License v3), aliases in the last column partly hand-written.\n")
        f.write("# id\tkind\ten\tro\tar\tvi\tru\taliases\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    Z = {l: json.load(open(f"{src}/dt/package/main/{l}/timeZoneNames.json"))["main"][l]["dates"]["timeZoneNames"]["zone"] for l in LANGS}

    def city(l, zone):
        z = Z[l]
        for part in zone.split("/"):
            z = z.get(part) if isinstance(z, dict) else None
            if z is None:
                return None
        return z.get("exemplarCity")

    def zones(z, path=()):
        for k, v in z.items():
            if isinstance(v, dict):
                if "exemplarCity" in v:
                    yield "/".join(path + (k,))
                else:
                    yield from zones(v, path + (k,))

    listed = set(ZONES)
    # Names already given by countries or listed cities: a zone that repeats one (`Malta`,
    # `Fiji`, `Gaza`) is left out.
    taken = {norm(n) for r in rows for c in r[2:] for n in c.split(" | ") if n}
    more = [z for z in zones(Z["ar"]) if z not in listed and z not in SKIP_ZONES
            and not z.startswith(("Antarctica/", "Etc/"))]
    crow = []

    def add_zone(zone):
        root = zone.split("/")[-1].replace("_", " ")
        en = city("en", zone) or root
        ar, ru = city("ar", zone), city("ru", zone)
        if not ar or not ru:
            print("skip", zone, file=sys.stderr)
            return
        ro = city("ro", zone) or en
        vi = city("vi", zone) or en
        if zone not in listed:
            if any(norm(n) in taken for n in (en, ro, ar, vi, ru)):
                return
            # A short one-word Arabic name is often an ordinary word or a given name (`ترك`
            # "left" for Chuuk, `جوني` "Johnny" for Juneau), and so is one with the article.
            if " " not in ar and (len(norm(ar)) < 5 or norm(ar).startswith("ال")):
                return
        taken.update(norm(n) for n in (en, ro, ar, vi, ru) + tuple(ZONE_EXTRA.get(zone, [])))
        i = slug(en)
        if i in ids:
            i += "_city"
        ids.add(i)
        crow.append([i, "city", cell([en]), cell([ro]), cell([ar]), cell([vi]), cell([ru]), cell(ZONE_EXTRA.get(zone, []))])

    for zone in ZONES:
        add_zone(zone)
    for i, en, ro, ar, vi, ru, extra in EXTRA_CITIES:
        assert i not in ids, i
        ids.add(i)
        taken.update(norm(n) for n in (en, ro, ar, vi, ru, *extra))
        crow.append([i, "city", en, ro, ar, vi, ru, cell(extra)])
    listed_rows = len(crow)
    for zone in more:
        add_zone(zone)
    more_rows = crow[listed_rows:]
    crow = crow[:listed_rows]
    with open(f"{dest}/cities.tsv", "w", encoding="utf-8") as f:
        f.write("# Cities and places: CLDR 48.2 timeZoneNames.json exemplar cities (Unicode License v3); rows after the zones and the last column are hand-written.\n")
        f.write("# id\tkind\ten\tro\tar\tvi\tru\taliases\n")
        for r in crow:
            f.write("\t".join(r) + "\n")
    with open(f"{dest}/cities_cldr.tsv", "w", encoding="utf-8") as f:
        f.write("# The other CLDR 48.2 exemplar cities with Arabic and Russian names (Unicode License v3), made by tools/cldr_to_tsv.py; one spelling per language, so their names match in documents only.\n")
        f.write("# id\tkind\ten\tro\tar\tvi\tru\taliases\n")
        for r in more_rows:
            f.write("\t".join(r) + "\n")
    print(len(rows), "countries,", len(crow), "cities,", len(more_rows), "more cities", file=sys.stderr)


main()
