//! Romanian stemming: Snowball through the cedilla letters, plus four suffix rules it lacks.
//!
//! rust-stemmers 1.2's Romanian stemmer only knows the cedilla letters `ş ţ` (`știință -> științ`
//! but `ştiinţă -> ştiinţ`), so [`stem`] maps the comma-below letters the text is normalized to
//! onto the cedilla ones before it and back after: both spellings give one comma-below stem.
//!
//! Four rules run before Snowball, for endings its region rules leave or treat unlike the base:
//! - long-infinitive nouns: `-iri -irii -irile -irilor` -> `-ire` (`întâlnirii` meets
//!   `întâlnire`: Snowball gives `întâlnir` and `întâln`);
//! - the masculine genitive `-elui` -> `-e` (`președintelui` meets `președinte`);
//! - the genitive-dative feminine article `-ei` (`camerei`, `incintei`, `prezentei`: Snowball
//!   gives `camere`, while `camera`, `camere` give `camer`): `-ei` -> `-e` when the word has at
//!   least 6 letters;
//! - the gerund `-ând -ind -ându -indu` (`intrând`, `punând`, `solicitând`: too short for
//!   Snowball's RV region) when at least 3 letters remain.
//!
//! Lemma conflation on UD Romanian-RRT dev, computed as follows (forms
//! normalized, stopwords dropped, then stemmed; "+ fold" also counts the stem without diacritics,
//! as the analyzer indexes it):
//!
//! | stemmer | recall | precision |
//! | --- | --- | --- |
//! | Snowball on the raw word, no cedilla mapping or stopwords (the tantivy baseline) | 0.449 | 0.599 |
//! | Snowball without the cedilla mapping | 0.557 | 0.656 |
//! | Snowball | 0.583 | 0.615 |
//! | Snowball + fold | 0.617 | 0.584 |
//! | Snowball + fold, dropping any final `e` of stems of 5+ letters | 0.631 | 0.585 |
//! | Snowball + fold, dropping any final vowel of stems of 5+ letters | 0.645 | 0.574 |
//! | Snowball + fold + `-ei` rule | 0.632 | 0.585 |
//! | Snowball + fold + gerund rule | 0.626 | 0.586 |
//! | Snowball + fold + `-ei` and gerund rules | 0.641 | 0.587 |
//! | Snowball + fold + `-ire` rule for `-iri -ări -eri` alike (`țări` -> `țare`) | 0.656 | 0.569 |
//! | [`stem`] (all four rules), no fold | 0.609 | 0.618 |
//! | **[`stem`] + fold** (what the analyzer indexes) | **0.645** | **0.585** |
//!
//! Most of the gain over the baseline comes from the stopword list (forms such as `el`, `lui`,
//! `ei`, `a`, `au`, `fost`, which share lemmas but no stem, leave the measure) and from the
//! cedilla mapping. A lemma table (simplemma 2.0.0's Romanian dictionary is 1.9 MB unpacked) was
//! not needed for the target (recall 0.50, precision 0.56).

use rust_stemmers::{Algorithm, Stemmer};

/// Writes the stem of `word` (normalized, see [`crate::normalize::normalize_word`]: lower case,
/// comma-below `ș ț`) into `out` (cleared first), with comma-below letters:
/// `kremlinului` -> `kremlin`, `întâlnirea` -> `întâlnir`, `științei` -> `științ`.
pub fn stem(word: &str, out: &mut String) {
    out.clear();
    let mut buf = String::new();
    let word = match long_infinitive_or_elui(word) {
        Some((base, ending)) => {
            buf.push_str(base);
            buf.push_str(ending);
            buf.as_str()
        }
        None => strip_gerund(strip_genitive_i(word)),
    };
    let stemmer = Stemmer::create(Algorithm::Romanian);
    let stemmed = if word.contains(['ș', 'ț']) {
        let cedilla: String = word.chars().map(to_cedilla).collect();
        stemmer.stem(&cedilla).into_owned()
    } else {
        stemmer.stem(word).into_owned()
    };
    out.extend(stemmed.chars().map(from_cedilla));
}

fn to_cedilla(c: char) -> char {
    match c {
        'ș' => 'ş',
        'ț' => 'ţ',
        c => c,
    }
}

fn from_cedilla(c: char) -> char {
    match c {
        'ş' => 'ș',
        'ţ' => 'ț',
        c => c,
    }
}

/// Inflections Snowball stems differently from their base form, as (base, new ending):
/// long-infinitive nouns in `-ire` (`întâlnire -> întâln` but `întâlnirii, întâlniri ->
/// întâlnir`): `-iri -irii -irile -irilor` -> `-ire`; masculine `-e` nouns in the genitive
/// (`președinte -> președint` but `președintelui -> președintel`): `-elui` -> `-e`.
fn long_infinitive_or_elui(word: &str) -> Option<(&str, &'static str)> {
    const ENDINGS: [(&str, &str, usize); 5] = [
        ("irilor", "ire", 3),
        ("irile", "ire", 3),
        ("irii", "ire", 3),
        ("iri", "ire", 3),
        ("elui", "e", 4),
    ];
    ENDINGS.iter().find_map(|&(suffix, ending, min_left)| {
        word.strip_suffix(suffix)
            .filter(|base| base.chars().count() >= min_left)
            .map(|base| (base, ending))
    })
}

/// `camerei` -> `camere` (words of at least 6 letters ending in `ei`).
fn strip_genitive_i(word: &str) -> &str {
    if word.ends_with("ei") && word.chars().count() >= 6 {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// `intrând` -> `intr`, `punându` -> `pun` (at least 3 letters must remain).
fn strip_gerund(word: &str) -> &str {
    for ending in ["ându", "indu", "ând", "ind"] {
        if let Some(rest) = word.strip_suffix(ending) {
            if rest.chars().count() >= 3 {
                return rest;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(word: &str) -> String {
        let mut out = String::new();
        stem(word, &mut out);
        out
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_gives_comma_below(word in "[a-zăâîșțşţ]{0,16}") {
            let mut out = String::new();
            stem(&word, &mut out);
            proptest::prop_assert!(!out.contains(['ş', 'ţ']));
        }
    }

    #[test]
    fn enclitic_articles_meet_the_bare_noun() {
        assert_eq!(s("kremlinul"), s("kremlin"));
        assert_eq!(s("kremlinului"), s("kremlin"));
        assert_eq!(s("întâlnirea"), s("întâlnire"));
        assert_eq!(s("întâlnirii"), s("întâlnire"));
        assert_eq!(s("întâlnirilor"), s("întâlnire"));
        assert_eq!(s("președintelui"), s("președinte"));
        assert_eq!(s("președintele"), "președint");
    }

    #[test]
    fn comma_below_and_cedilla_give_one_comma_below_stem() {
        let comma = s("științei");
        let mut out = String::new();
        // The stemmer itself is given cedilla text here, as unnormalized input would be.
        stem("ştiinţei", &mut out);
        assert_eq!(comma, out);
        assert_eq!(comma, "științ");
        assert!(!s("forțele").contains(['ş', 'ţ']));
    }

    #[test]
    fn genitive_ei_meets_nominative() {
        // Pairs from UD Romanian-RRT dev (CC BY-SA 4.0) that plain Snowball keeps apart.
        for (a, b) in [
            ("camerei", "camere"),
            ("incintei", "incinte"),
            ("prezentei", "prezenta"),
        ] {
            assert_eq!(s(a), s(b), "{a} {b}");
        }
        // Short words keep their `i`.
        assert_eq!(strip_genitive_i("lei"), "lei");
    }

    #[test]
    fn gerunds_meet_their_verb() {
        for (a, b) in [
            ("solicitând", "solicita"),
            ("punând", "pune"),
            ("intrând", "intr"),
        ] {
            assert_eq!(s(a), s(b), "{a} {b}");
        }
        assert_eq!(s("când"), "când");
        assert_eq!(strip_gerund("vând"), "vând");
    }
}
