//! Phone strings and the two phonetic key tiers built from them.
//!
//! Every script is first turned into a *phone string*: one ASCII byte per sound, from a small
//! alphabet shared by the Latin, Cyrillic and Arabic readers (`latin/`, `cyrillic.rs`,
//! `arabic.rs`):
//!
//! | phones | sound |
//! | --- | --- |
//! | `a e i o u` | vowels |
//! | `y` | the glide of `й`, English `y`, German `j` |
//! | `w` | English `w` (a consonant only at the start of a word) |
//! | `b p f v m n l r d t k g h s z` | as in English (`h` also stands for `х`, `kh`, German `ch`) |
//! | `c` | `ц` (`ts`, `tz`, German `z`) |
//! | `S Z C J` | `ш`, `ж`, `ч`, `дж` |
//!
//! From a phone string come two keys (see the module docs of [`super`] for how ranking uses
//! them):
//! - the **precise** key keeps the vowels and merges only what transliteration conventions
//!   blur: `s z c` (`с з ц`), double letters, a glide next to `i` (`Dmitriy`, `Дмитрий` ->
//!   `dmitri`), a glide after a consonant (the softness of `ю я ё`);
//! - the **recall** key is a consonant skeleton in the classes Arabic script can tell apart
//!   (`p`=`b`, `v`=`f`, `s`=`z`, `ш`=`ч`, `ж`=`дж`), plus the evidence the skeleton alone
//!   lacks: whether the word starts with a vowel (`.`), a glide (`y`) or `w` (`w`), and the
//!   class of its final vowel (`a`, `i` for `e i y`, `u` for `o u`), which Arabic writes almost
//!   always (measured on the name pairs: final `o` -> `و` 97%, `i` -> `ي` 97%, `a` -> `ا`/`ة` 95%);
//!   a short skeleton also keeps one vowel, in its *slot* (see [`super`], "Method").

/// Prefix of gazetteer entity-id keys: `g:kremlin`.
pub const GAZETTEER_PREFIX: &str = "g:";
/// Prefix of precise (canonical transliteration) keys: `p:peskov`.
pub const PRECISE_PREFIX: &str = "p:";
/// Prefix of recall (consonant skeleton) keys: `r:bskf`.
pub const RECALL_PREFIX: &str = "r:";

/// How much an entity key says: the tier is written as the key's prefix, and read back here
/// only.
///
/// ```
/// use rosetta_analysis::entity::EntityTier;
/// assert_eq!(EntityTier::of("g:kremlin"), Some(EntityTier::Gazetteer));
/// assert_eq!(EntityTier::of("r:bskf"), Some(EntityTier::Recall));
/// assert_eq!(EntityTier::of("kremlin"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityTier {
    /// An entity of the gazetteer (`g:`): the same entity whatever the spelling.
    Gazetteer,
    /// A canonical transliteration (`p:`): the same name, give or take a spelling convention.
    Precise,
    /// A consonant skeleton (`r:`): the name, or another one with the same consonants.
    Recall,
}

impl EntityTier {
    /// The tier of `key`, an entity key as the analyzer emits it; `None` for any other term.
    pub fn of(key: &str) -> Option<EntityTier> {
        match key.get(..2)? {
            GAZETTEER_PREFIX => Some(EntityTier::Gazetteer),
            PRECISE_PREFIX => Some(EntityTier::Precise),
            RECALL_PREFIX => Some(EntityTier::Recall),
            _ => None,
        }
    }

    /// The prefix keys of this tier start with.
    pub fn prefix(self) -> &'static str {
        match self {
            EntityTier::Gazetteer => GAZETTEER_PREFIX,
            EntityTier::Precise => PRECISE_PREFIX,
            EntityTier::Recall => RECALL_PREFIX,
        }
    }
}

/// Whether a phone is a vowel.
#[inline]
pub(crate) fn is_vowel(p: u8) -> bool {
    matches!(p, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether phone `p` followed by `next` is absorbed into `next`: the `t` of `тч`/`tch`, the `d`
/// of `дж`/`dge`, the `k` of `кх`, a repeated phone.
#[inline]
fn absorbed(p: u8, next: u8) -> bool {
    p == next
        || matches!(
            (p, next),
            (b't', b'C' | b'c') | (b'd', b'J' | b'Z') | (b'k', b'C')
        )
}

/// Appends the precise key of `phones` to `out` (without prefix). Returns `false` (and appends
/// nothing) when the key would be empty.
pub(crate) fn precise_key(phones: &[u8], out: &mut String) -> bool {
    let start = out.len();
    let mut last: u8 = 0;
    let n = phones.len();
    for i in 0..n {
        let p = phones[i];
        let prev = if i > 0 { phones[i - 1] } else { 0 };
        let next = phones.get(i + 1).copied().unwrap_or(0);
        if absorbed(p, next) || (p == b'k' && next == b'h') || (p == b'd' && next == b'z') {
            continue;
        }
        let q = match p {
            b'z' | b'c' => b's',
            b'J' => b'Z',
            b'H' => continue,
            b'w' => b'u',
            b'L' => {
                out.push('l');
                last = b'l';
                b'y'
            }
            // `Ionica` = `Ионика` = `yonika`, as `Iouri` = `Юрий`.
            b'i' if i == 0 && is_vowel(next) => b'y',
            // `Yelena` = `Елена`, `Jedinak` = `Единак`.
            b'y' if i == 0 && next == b'e' => continue,
            b'y' => {
                // A glide survives only at the start of a word and after a vowel other than
                // `i`: `Yuri` = `Юрий`, `Maya`; `Dmitriy` = `Dmitri`; `Schübler` = `Шюблер`.
                let keep = (i == 0 && is_vowel(next)) || (is_vowel(prev) && prev != b'i');
                if !keep || next == b'i' {
                    continue;
                }
                b'y'
            }
            // `ай` and `ей` both render Latin `ei`, `ai`, `ay`: one vowel before a glide.
            b'a' if next == b'y' && i > 0 => b'e',
            _ => p,
        };
        if q == last {
            continue;
        }
        out.push(q as char);
        last = q;
    }
    out.len() > start
}

/// Maps a phone to its recall class, or `0` when the phone carries no consonant.
#[inline]
fn recall_class(p: u8) -> u8 {
    match p {
        b'b' | b'p' => b'b',
        b'f' | b'v' => b'f',
        b's' | b'z' => b's',
        b'S' | b'C' => b'S',
        b'Z' | b'J' => b'J',
        b'm' | b'n' | b'l' | b'r' | b'd' | b't' | b'k' | b'g' | b'h' => p,
        b'H' => b'h',
        _ => 0,
    }
}

/// The class of a final vowel phone in the recall key.
#[inline]
pub(crate) fn final_vowel_class(p: u8) -> u8 {
    match p {
        b'a' => b'a',
        b'e' | b'i' | b'y' => b'i',
        b'o' | b'u' | b'w' => b'u',
        _ => 0,
    }
}

/// Recall keys whose plain form has at most this many characters also get their vowels: a short
/// skeleton alone ties too many names (`r:bt`: `Batty`, `Patti`, `Pouillet`, `Babette`).
pub(crate) const SHORT_RECALL: usize = 1;

/// The class of a vowel phone inside a vowelled recall key.
#[inline]
pub(crate) fn vowel_class(p: u8) -> u8 {
    match p {
        b'a' => b'a',
        b'e' | b'i' => b'i',
        b'o' | b'u' => b'u',
        _ => 0,
    }
}

/// Appends the recall key of `phones` to `out` (without prefix). Returns `false` (and appends
/// nothing) when the word has no consonant.
///
/// A key of at most [`SHORT_RECALL`] characters is replaced by its vowelled form: the vowel
/// classes between the consonants (a run of vowels counts as its first), as Arabic writes the
/// long vowels of short foreign names (`Putin` `r:butin` = `بوتين`; `Bettina` `r:bitina`).
///
/// With `slot` false, a two-consonant key is left without its vowel, for
/// [`every_slot_vowel`].
pub(crate) fn recall_key(phones: &[u8], out: &mut String, slot: bool) -> bool {
    let start = out.len();
    if !recall_key_with(phones, out, false) {
        return false;
    }
    let consonants = out[start..]
        .bytes()
        .filter(|&b| !matches!(b, b'a' | b'i' | b'u' | b'.'))
        .count();
    if consonants <= SHORT_RECALL {
        out.truncate(start);
        recall_key_with(phones, out, true);
    } else if let Some(at) = two_consonant_slot(&out[start..]).filter(|_| slot) {
        if let Some(v) = slot_vowel(phones) {
            out.insert(start + at, v as char);
        }
    }
    if slot && out[start..].starts_with('.') {
        if let Some(VowelSlot::Initial) = vowel_slot(&out[start..]) {
            if let Some(v) = own_slot_vowel(phones, VowelSlot::Initial) {
                out.replace_range(start..start + 1, char::from(v).encode_utf8(&mut [0; 4]));
            }
        }
    }
    true
}

/// Where a recall key of exactly two consonant classes (an initial glide marker not counted)
/// takes the vowel between them: the index after the first consonant. Such a skeleton alone
/// ties too many names (`r:bt`: `Batty`, `Patti`, `Pouillet`, `Babette`; `r:kr`: `Quiller`,
/// `Cauer`), so the vowel class after the first consonant comes along (`r:bati`, `r:kir`,
/// `r:kar`). Arabic, which leaves short vowels out, keys every vowel there
/// (`arabic::recall_keys`).
pub(crate) fn two_consonant_slot(key: &str) -> Option<usize> {
    // Longer skeletons are rarer; measured on the Latin-Arabic name pairs, three consonants still
    // tie unrelated names often enough to need the vowel (`Muhtar`, `Matter`).
    const SLOT_CONSONANTS: usize = 3;
    let b = key.as_bytes();
    let is_cons = |c: u8| !matches!(c, b'a' | b'i' | b'u' | b'.' | b'y' | b'w');
    let from = usize::from(matches!(b.first(), Some(b'.' | b'y' | b'w')));
    let body = &b[from..b.len().saturating_sub(1).max(from)];
    // A vowelled key (one consonant: `r:kuk`) already has its vowels.
    let n = b[from..].iter().filter(|&&c| is_cons(c)).count();
    if !(2..=SLOT_CONSONANTS).contains(&n) || body.iter().any(|&c| !is_cons(c)) {
        return None;
    }
    b[from..]
        .iter()
        .position(|&c| is_cons(c))
        .map(|i| from + i + 1)
}

/// Calls `f` with `key` (a recall key without its vowel, see [`two_consonant_slot`]) and with
/// each vowel class between its two consonants: for scripts whose vowels do not say which
/// Latin vowel was written (Arabic leaves short ones out, writes `باك` for Buck and `ريك` for
/// Rake; Russian writes `Нэнси` Nancy, `Бэйч` Bache).
pub(crate) fn every_slot_vowel(key: &str, buf: &mut String, f: &mut dyn FnMut(&str)) {
    f(key);
    let Some(slot) = vowel_slot(key) else {
        return;
    };
    for v in [b'a', b'e', b'i', b'u'] {
        slot.put(key, v, buf);
        f(buf);
    }
}

/// Where a short recall key takes a vowel that tells Latin spellings apart.
#[derive(Clone, Copy)]
pub(crate) enum VowelSlot {
    /// After the first consonant, at this index (two or three consonants).
    After(usize),
    /// In place of the initial-vowel mark `.` (one consonant: `Addy` `r:adi`, `Eady` `r:idi`).
    Initial,
}

impl VowelSlot {
    /// Writes `key` with vowel class `v` in this slot into `out`.
    pub(crate) fn put(self, key: &str, v: u8, out: &mut String) {
        out.clear();
        match self {
            VowelSlot::After(at) => {
                out.push_str(&key[..at]);
                out.push(v as char);
                out.push_str(&key[at..]);
            }
            VowelSlot::Initial => {
                out.push(v as char);
                out.push_str(&key[1..]);
            }
        }
    }
}

/// The vowel slot of a recall key, if it has one (see [`two_consonant_slot`]).
pub(crate) fn vowel_slot(key: &str) -> Option<VowelSlot> {
    if let Some(at) = two_consonant_slot(key) {
        return Some(VowelSlot::After(at));
    }
    let is_cons = |c: &u8| !matches!(c, b'a' | b'i' | b'u' | b'.' | b'y' | b'w');
    (key.starts_with('.') && key.as_bytes()[1..].iter().filter(|c| is_cons(c)).count() == 1)
        .then_some(VowelSlot::Initial)
}

/// The class of the vowel a Latin spelling puts in the slot of its recall key: its first
/// vowel after the first consonant, or its initial vowel (see [`vowel_slot`]).
pub(crate) fn own_slot_vowel(phones: &[u8], slot: VowelSlot) -> Option<u8> {
    match slot {
        VowelSlot::After(_) => slot_vowel(phones),
        VowelSlot::Initial => match phones {
            [b'y', b'e', ..] => Some(b'e'),
            [p, ..] if is_vowel(*p) => Some(slot_class(*p)),
            _ => None,
        },
    }
}

/// The class of a vowel in a slot: `e` apart from `i` (`Chilly` `r:hili`, `Hélé` `r:heli`), `o`
/// with `u`, as transliterations mix them (`Omar`, `Umar`).
fn slot_class(p: u8) -> u8 {
    if p == b'e' {
        b'e'
    } else {
        vowel_class(p)
    }
}

/// The class of the first vowel after the first consonant of `phones`, before the next
/// consonant of another class; `None` when two consonants meet (`Brno`) or in `ц` (`t` `s`).
fn slot_vowel(phones: &[u8]) -> Option<u8> {
    let mut first = 0u8;
    for (i, &p) in phones.iter().enumerate() {
        if absorbed(p, phones.get(i + 1).copied().unwrap_or(0)) {
            continue;
        }
        if first == 0 {
            if p == b'c' {
                return None;
            }
            first = recall_class(p);
            continue;
        }
        if is_vowel(p) {
            // `e` apart from `i` here (`Chilly` `r:hili`, `Hélé` `r:heli`); `o` and `u` alike,
            // as transliterations mix them (`Omar`, `Umar`).
            return Some(slot_class(p));
        }
        let class = recall_class(p);
        if class != 0 && class != first || p == b'c' {
            return None;
        }
    }
    None
}

fn recall_key_with(phones: &[u8], out: &mut String, vowelled: bool) -> bool {
    let start = out.len();
    let Some(&first) = phones.first() else {
        return false;
    };
    let second = phones.get(1).copied().unwrap_or(0);
    match first {
        b'y' if second == b'e' => out.push('.'),
        // `Iuliu` = `يوليو` = `Юлиу`.
        b'i' if is_vowel(second) => out.push('y'),
        b'y' => out.push('y'),
        b'w' => out.push('w'),
        p if is_vowel(p) => out.push('.'),
        _ => {}
    }
    let mut consonants = 0;
    let mut last: u8 = 0;
    for (i, &p) in phones.iter().enumerate() {
        if absorbed(p, phones.get(i + 1).copied().unwrap_or(0)) {
            continue;
        }
        if vowelled && is_vowel(p) {
            // Vowels after the first consonant; a run of vowels counts once.
            if consonants > 0 && !is_vowel_class(last) {
                last = vowel_class(p);
                out.push(last as char);
            }
            continue;
        }
        let class = if p == b'c' {
            // `ц` is written `تس` in Arabic: two classes.
            if last != b't' {
                out.push('t');
                consonants += 1;
            }
            last = b't';
            b's'
        } else {
            recall_class(p)
        };
        if class == 0 || class == last {
            continue;
        }
        out.push(class as char);
        last = class;
        consonants += 1;
    }
    if consonants == 0 && !matches!(first, b'y' | b'w') {
        out.truncate(start);
        return false;
    }
    let end = *phones.last().unwrap_or(&0);
    let v = if is_vowel(end) || end == b'y' {
        final_vowel_class(end)
    } else {
        0
    };
    if v != 0 && !(vowelled && is_vowel_class(last)) {
        out.push(v as char);
    }
    true
}

/// Whether a byte of a recall key is a vowel class.
#[inline]
pub(crate) fn is_vowel_class(b: u8) -> bool {
    matches!(b, b'a' | b'i' | b'u')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(phones: &str) -> String {
        let mut s = String::new();
        precise_key(phones.as_bytes(), &mut s);
        s
    }

    fn r(phones: &str) -> String {
        let mut s = String::new();
        recall_key(phones.as_bytes(), &mut s, true);
        s
    }

    #[test]
    fn precise_key_merges_glides_and_doubles() {
        assert_eq!(p("dmitriy"), "dmitri");
        assert_eq!(p("dmitri"), "dmitri");
        assert_eq!(p("yuriy"), "yuri");
        assert_eq!(p("luccatti"), "lusati");
        assert_eq!(p("Syubler"), "Subler");
    }

    #[test]
    fn recall_key_is_a_skeleton_with_edges() {
        assert_eq!(r("peskov"), "bskf");
        assert_eq!(r("putin"), "butn");
        assert_eq!(r("bettina"), "betna");
        assert_eq!(r("rubio"), "rubu");
        assert_eq!(r("elena"), ".lena");
        assert_eq!(r("elenov"), ".lenf");
        assert_eq!(r("elizarov"), ".lsrf");
        assert_eq!(r("tsar"), "tsr");
        assert_eq!(r("aeiou"), "");
    }

    #[test]
    fn two_consonant_keys_keep_the_vowel_between() {
        // `r:bt` alone ties `Batty`, `Babette`, `Pouillet`; `r:kr` `Quiller` and `Cauer`.
        assert_eq!(r("bati"), "bati");
        assert_eq!(r("babet"), "bat");
        assert_eq!(r("kiler"), "kilr");
        assert_eq!(r("kilmer"), "klmr");
        assert_eq!(r("kir"), "kir");
        assert_eq!(r("kauer"), "kar");
        // A doubled consonant is one; a cluster has no vowel to add; `ц` is two.
        assert_eq!(r("titima"), "tima");
        assert_eq!(r("sto"), "stu");
        assert_eq!(r("cai"), "tsi");
        // Scripts that do not say the Latin vowel get every one.
        let mut keys = Vec::new();
        every_slot_vowel("bti", &mut String::new(), &mut |k| keys.push(k.to_string()));
        assert_eq!(keys, ["bti", "bati", "beti", "biti", "buti"]);
        keys.clear();
        every_slot_vowel(".di", &mut String::new(), &mut |k| keys.push(k.to_string()));
        assert_eq!(keys, [".di", "adi", "edi", "idi", "udi"]);
    }

    #[test]
    fn one_consonant_keys_keep_their_vowels() {
        // `Chick` and `Kuk` would both be `r:k`.
        assert_eq!(r("kik"), "kik");
        assert_eq!(r("kuk"), "kuk");
        assert_eq!(r("li"), "li");
        // With an initial vowel, its class replaces the mark (`Addy`, `Eady`).
        assert_eq!(r("adi"), "adi");
        assert_eq!(r("idi"), "idi");
        assert_eq!(r("edi"), "edi");
    }
}
