//! Vietnamese transliterations of foreign names, read as one name.
//!
//! Vietnamese writes many foreign names syllable by syllable, in its own spelling: `Mát-xcơ-va`
//! (Moskva), `Oa-sinh-tơn` (Washington), `Ăng-gô-la`, `Bê-la-rút`, `Xy-ri`, sometimes solid
//! (`Matxcơva`). Each syllable alone is a Vietnamese syllable, which the resolver leaves alone;
//! joined and read with Vietnamese sound values, they give a phone string (see
//! [`super::phonetic`]) whose recall key meets the name's other spellings:
//! - letters by their Vietnamese value: `x` = `s`, `s` = `ш` (as in `Oa-sinh-tơn`), `d` and
//!   `gi` = `z`/`dж`, `đ` = `d`, `ph` = `f`, `th` = `t`, `kh` = `х`, `c k q` = `k`, `nh` at the
//!   end of a syllable = `ng` (`sinh` = "shing"), `oa`/`oe`/`uy` at the start = `w`;
//! - a syllable cannot end in `s`, `l` or a cluster, so Vietnamese closes it with a stop that the
//!   name does not have (`Mát-xcơ-va`, `Lít-va`) or renders a final `s` as `t` (`Bê-la-rút`,
//!   `I-li-át`): each stop ending a syllable inside the name (`t`, `c`, `ch`, `p`) is read with
//!   and without it, and a final `t` also as `s`;
//! - no syllable ends in `l` either: a closing `n` is also read `l` (`Bun-ga-ri`, `Nê-pan`);
//! - French `-ie`, `-ée` come out as `-i`, `-ê` (`Xy-ri`, `Ghi-nê`): a final `i`, `e` is also
//!   read `ia`, `ea`.
//!
//! That gives up to [`MAX_READINGS`] phone strings, the plainest first.

/// At most this many phone strings per name.
pub(crate) const MAX_READINGS: usize = 8;

/// Folds tone marks, keeping the letters Vietnamese tells apart by shape (`ă â ê ô ơ ư đ`), and
/// returns the base letter, or `None` for a character that is not a Latin letter.
fn base(c: char) -> Option<char> {
    Some(match c {
        'a'..='z' | 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư' | 'đ' => c,
        'á' | 'à' | 'ả' | 'ã' | 'ạ' => 'a',
        'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' => 'ă',
        'ấ' | 'ầ' | 'ẩ' | 'ẫ' | 'ậ' => 'â',
        'é' | 'è' | 'ẻ' | 'ẽ' | 'ẹ' => 'e',
        'ế' | 'ề' | 'ể' | 'ễ' | 'ệ' => 'ê',
        'í' | 'ì' | 'ỉ' | 'ĩ' | 'ị' => 'i',
        'ó' | 'ò' | 'ỏ' | 'õ' | 'ọ' => 'o',
        'ố' | 'ồ' | 'ổ' | 'ỗ' | 'ộ' => 'ô',
        'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' => 'ơ',
        'ú' | 'ù' | 'ủ' | 'ũ' | 'ụ' => 'u',
        'ứ' | 'ừ' | 'ử' | 'ữ' | 'ự' => 'ư',
        'ý' | 'ỳ' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'y' | 'o' | 'ô' | 'ơ' | 'u' | 'ư'
    )
}

/// One sound of the name, and what else Vietnamese spelling may have made of it.
#[derive(Clone, Copy)]
struct Sound {
    phones: &'static [u8],
    /// Other readings (an empty one: the sound may be absent from the name).
    alts: &'static [&'static [u8]],
}

/// Calls `f` with each reading of the syllables `text` (normalized, lower-case; syllables joined
/// by `-` or written solid), at most [`MAX_READINGS`], the plainest first. Returns `false`
/// (calling nothing) when `text` has a character that is not a Latin letter or `-`.
pub(crate) fn readings(text: &str, out: &mut Vec<u8>, f: &mut dyn FnMut(&[u8])) -> bool {
    let mut letters: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c == '-' {
            letters.push('-');
            continue;
        }
        match base(c) {
            Some(b) => letters.push(b),
            None => return false,
        }
    }
    let mut sounds: Vec<Sound> = Vec::with_capacity(letters.len());
    let n = letters.len();
    let at = |i: usize| letters.get(i).copied().unwrap_or('-');
    let mut i = 0;
    while i < n {
        let c = letters[i];
        let next = at(i + 1);
        // A consonant closes its syllable when no vowel follows it.
        let coda = |len: usize| i > 0 && is_vowel(letters[i - 1]) && !is_vowel(at(i + len));
        let last = |len: usize| i + len >= n;
        const NONE: &[&[u8]] = &[];
        let (phones, len, alts): (&'static [u8], usize, &'static [&'static [u8]]) = match c {
            '-' => (b"", 1, NONE),
            'n' if next == 'g' && at(i + 2) == 'h' => (b"ng", 3, NONE),
            // `Va-ti-căng`, `Ga-bông`: a closing `ng` after a short vowel renders `n`.
            'n' if next == 'g' && coda(2) => (b"ng", 2, &[b"n"]),
            'n' if next == 'g' => (b"ng", 2, NONE),
            'n' if next == 'h' && coda(2) => (b"ng", 2, NONE),
            'n' if next == 'h' => (b"ny", 2, NONE),
            'c' if next == 'h' && coda(2) => (b"k", 2, &[b""]),
            'c' if next == 'h' => (b"C", 2, NONE),
            'g' if next == 'h' => (b"g", 2, NONE),
            'g' if next == 'i' && is_vowel(at(i + 2)) => (b"z", 2, &[b"J"]),
            'g' if next == 'i' => (b"z", 1, &[b"J"]),
            'k' if next == 'h' => (b"h", 2, NONE),
            'p' if next == 'h' => (b"f", 2, NONE),
            't' if next == 'h' => (b"t", 2, NONE),
            'q' if next == 'u' => (b"kw", 2, NONE),
            // A stop closing a syllable may be Vietnamese's, not the name's (`Mát-xcơ-va`);
            // a final `t` renders an `s` (`Bê-la-rút`), a closing `c` an `r` (`Ác-mê-ni-a`,
            // `Ca-li-phoóc-ni-a`).
            't' if coda(1) && last(1) => (b"t", 1, &[b"s"]),
            'c' | 'k' | 'q' if coda(1) && !last(1) => (b"k", 1, &[b"", b"r"]),
            't' | 'p' if coda(1) && !last(1) => (phone_of(c), 1, &[b""]),
            'c' | 'k' | 'q' | 't' | 'p' => (phone_of(c), 1, NONE),
            // No syllable ends in `l` or `nd`: `Bun-ga-ri`, `Nê-pan`, `Grơn-len` (Greenland).
            'n' if coda(1) && last(1) => (b"n", 1, &[b"l", b"nd"]),
            'n' if coda(1) => (b"n", 1, &[b"l"]),
            'x' => (b"s", 1, NONE),
            's' => (b"S", 1, NONE),
            'd' => (b"z", 1, NONE),
            'đ' => (b"d", 1, NONE),
            'b' => (b"b", 1, NONE),
            'f' => (b"f", 1, NONE),
            'g' => (b"g", 1, NONE),
            'h' => (b"h", 1, NONE),
            'j' => (b"J", 1, NONE),
            'l' => (b"l", 1, NONE),
            'm' => (b"m", 1, NONE),
            'n' => (b"n", 1, NONE),
            'r' => (b"r", 1, NONE),
            'v' => (b"v", 1, NONE),
            'w' => (b"w", 1, NONE),
            'z' => (b"z", 1, NONE),
            // `Oa-sinh-tơn`, `Xoa-di-len`, `Uy-lít-xơ`: a glide opening the word.
            'o' if i == 0 && matches!(next, 'a' | 'ă' | 'e') => (b"w", 1, NONE),
            'u' if i == 0 && next == 'y' => (b"w", 1, NONE),
            // French `-ie`, `-ée` end in `-i`, `-ê` (`Xy-ri` Syrie, `Ghi-nê` Guinée) where
            // English and Russian have `-ia`, `-ea`; a final `r` is dropped (`Ca-ta` Qatar,
            // `Ê-cu-a-đo` Ecuador), or carried by `ơ` (`Hô-me-rơ`).
            'e' | 'ê' if last(1) => (b"e", 1, &[b"ea"]),
            'i' | 'y' if last(1) => (b"i", 1, &[b"ia"]),
            'a' | 'ă' | 'â' if last(1) => (b"a", 1, &[b"ar"]),
            'o' | 'ô' if last(1) => (b"o", 1, &[b"or"]),
            'ơ' if last(1) && i > 0 && !is_vowel(letters[i - 1]) => (b"o", 1, &[b""]),
            'a' | 'ă' | 'â' => (b"a", 1, NONE),
            'e' | 'ê' => (b"e", 1, NONE),
            'i' | 'y' => (b"i", 1, NONE),
            // `ơ` mostly carries a consonant of a cluster (`xcơ` = `sk`, `tơn` = `ton`).
            'o' | 'ô' | 'ơ' => (b"o", 1, NONE),
            'u' | 'ư' => (b"u", 1, NONE),
            _ => (b"", 1, NONE),
        };
        if !phones.is_empty() {
            sounds.push(Sound { phones, alts });
        }
        i += len;
    }
    if sounds.is_empty() {
        return false;
    }
    // Choice points, at most 8; a reading takes one alternative (or none) at each.
    let choices: Vec<usize> = (0..sounds.len())
        .filter(|&k| !sounds[k].alts.is_empty())
        .take(8)
        .collect();
    let options: Vec<usize> = choices.iter().map(|&k| sounds[k].alts.len() + 1).collect();
    let combinations = options.iter().product::<usize>();
    // The plainest readings first: fewest alternatives taken.
    let mut picks: Vec<Vec<usize>> = (0..combinations)
        .map(|mut c| {
            options
                .iter()
                .map(|&o| {
                    let pick = c % o;
                    c /= o;
                    pick
                })
                .collect()
        })
        .collect();
    picks.sort_by_key(|p| p.iter().filter(|&&x| x != 0).count());
    let mut seen: Vec<Vec<u8>> = Vec::new();
    for pick in picks {
        if seen.len() == MAX_READINGS {
            break;
        }
        out.clear();
        for (k, s) in sounds.iter().enumerate() {
            match choices.iter().position(|&c| c == k).map(|bit| pick[bit]) {
                Some(p) if p > 0 => out.extend_from_slice(s.alts[p - 1]),
                _ => out.extend_from_slice(s.phones),
            }
        }
        if !seen.iter().any(|p| p == out) {
            seen.push(out.clone());
            f(out);
        }
    }
    true
}

fn phone_of(c: char) -> &'static [u8] {
    match c {
        't' => b"t",
        'p' => b"p",
        _ => b"k",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        let mut buf = Vec::new();
        readings(text, &mut buf, &mut |p| {
            v.push(String::from_utf8_lossy(p).into_owned())
        });
        v
    }

    #[test]
    fn syllables_read_as_one_name() {
        // The plainest reading first, then the stop dropped, the final `r` restored.
        assert_eq!(
            all("mát-xcơ-va"),
            ["matskova", "maskova", "matskovar", "maskovar"]
        );
        assert_eq!(all("matxcơva"), all("mát-xcơ-va"));
        assert_eq!(all("oa-sinh-tơn"), ["waSington", "waSingtol", "waSingtond"]);
        assert_eq!(
            all("ăng-gô-la"),
            ["anggola", "angola", "anggolar", "angolar"]
        );
        assert_eq!(all("bê-la-rút"), ["belarut", "belarus"]);
        assert_eq!(all("xy-ri"), ["siri", "siria"]);
        assert_eq!(
            all("ác-mê-ni-a"),
            ["akmenia", "amenia", "armenia", "akmeniar", "ameniar", "armeniar"]
        );
    }
}
