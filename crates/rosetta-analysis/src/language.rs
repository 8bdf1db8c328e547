//! The indexed languages and their codes: the one list every per-language table follows.

use std::fmt;
use std::str::FromStr;

/// The code stored for text in none of the languages (ISO 639-2 `und`, undetermined).
pub const UNDETERMINED: &str = "und";

/// A language Rosetta analyzes with its own rules (stemming, stopwords, segmentation).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Language {
    /// Romanian (`ro`).
    #[serde(rename = "ro")]
    Romanian,
    /// English (`en`).
    #[serde(rename = "en")]
    English,
    /// Arabic (`ar`).
    #[serde(rename = "ar")]
    Arabic,
    /// Vietnamese (`vi`).
    #[serde(rename = "vi")]
    Vietnamese,
    /// Russian (`ru`).
    #[serde(rename = "ru")]
    Russian,
}

impl Language {
    /// Every supported language, in a fixed order (also the order of per-language index fields).
    pub const ALL: [Language; 5] = [
        Language::Romanian,
        Language::English,
        Language::Arabic,
        Language::Vietnamese,
        Language::Russian,
    ];

    /// Where the language sits in [`Language::ALL`]: the slot of its per-language tables (index
    /// fields, caches, word lists), so each table needs no `match` of its own.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The code of `lang`, or [`UNDETERMINED`] for text in none of the languages.
    pub const fn code_or_und(lang: Option<Language>) -> &'static str {
        match lang {
            Some(l) => l.code(),
            None => UNDETERMINED,
        }
    }

    /// The ISO 639-1 code (`ro`, `en`, `ar`, `vi`, `ru`).
    pub const fn code(self) -> &'static str {
        match self {
            Language::Romanian => "ro",
            Language::English => "en",
            Language::Arabic => "ar",
            Language::Vietnamese => "vi",
            Language::Russian => "ru",
        }
    }

    /// Parses an ISO 639-1 code, case-insensitively; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error for a language code that is not one of `ro`, `en`, `ar`, `vi`, `ru`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLanguage(pub String);

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown language {:?}: expected one of ro, en, ar, vi, ru",
            self.0
        )
    }
}

impl std::error::Error for UnknownLanguage {}

impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::from_code(s).ok_or_else(|| UnknownLanguage(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in Language::ALL {
            assert_eq!(Language::from_code(lang.code()), Some(lang));
            assert_eq!(Language::ALL[lang.index()], lang);
        }
        assert_eq!("RO".parse::<Language>(), Ok(Language::Romanian));
        assert_eq!("ru".parse::<Language>(), Ok(Language::Russian));
        assert!("uk".parse::<Language>().is_err());
        assert!("und".parse::<Language>().is_err());
    }
}
