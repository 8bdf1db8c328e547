//! Arabic proclitics and light stemming.
//! (Stub: to be replaced by the measured light stemmer.)

/// The word without its proclitics (`و ف ب ك ل` and the article `ال`), as a suffix slice of
/// `word` (normalized Arabic). Returns `word` when nothing can be removed safely.
pub fn strip_proclitics(word: &str) -> &str {
    for prefix in ["وال", "بال", "كال", "فال", "لل", "ال"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    word
}

/// The stem of a normalized Arabic word. (Stub: Snowball until the light stemmer is measured.)
pub fn stem(word: &str) -> std::borrow::Cow<'_, str> {
    rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Arabic)
        .stem(word)
        .into_owned()
        .into()
}
