//! The writing system of a character, as the stages that care about scripts see it.

/// The scripts Rosetta's languages and names are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    /// ASCII letters, Latin-1 and Latin Extended A/B letters (not `×`, `÷`), Latin Extended
    /// Additional (Vietnamese).
    Latin,
    /// Cyrillic and Cyrillic Supplement.
    Cyrillic,
    /// Arabic letters (base, Supplement, Extended-A and presentation forms; not the harakat,
    /// punctuation or Arabic-Indic digits).
    Arabic,
    /// Anything else: digits, punctuation, marks, other scripts.
    Other,
}

impl Script {
    /// The script of `c`. Only the blocks of the languages' letters are tested, so this is a few
    /// comparisons (no Unicode table search).
    #[inline]
    pub fn of(c: char) -> Script {
        if c.is_ascii() {
            return if c.is_ascii_alphabetic() {
                Script::Latin
            } else {
                Script::Other
            };
        }
        match c {
            '×' | '÷' => Script::Other,
            '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
            '\u{0400}'..='\u{052F}' => Script::Cyrillic,
            '\u{0620}'..='\u{064A}'
            | '\u{066E}'..='\u{06D3}'
            | '\u{06D5}'
            | '\u{06EE}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}' => Script::Arabic,
            _ => Script::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_of_each_language_have_their_script() {
        for (text, script) in [
            ("Kremlinul știință întâlnire", Script::Latin),
            ("hội nghị thượng đỉnh Nguyễn", Script::Latin),
            ("Песков Кремль ёлка", Script::Cyrillic),
            ("الكرملين بيسكوف پیام", Script::Arabic),
        ] {
            for c in text.chars().filter(|c| !c.is_whitespace()) {
                assert_eq!(Script::of(c), script, "{c:?} in {text}");
            }
        }
        for c in ['1', '٣', '-', '×', '÷', '\u{064E}', '中', 'α', '\u{0301}'] {
            assert_eq!(Script::of(c), Script::Other, "{c:?}");
        }
    }
}
