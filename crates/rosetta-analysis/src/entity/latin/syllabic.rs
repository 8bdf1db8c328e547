//! The readings of syllabic spellings: Hungarian digraphs, Japanese Hepburn as written and as
//! Russian transliterates it (Polivanov).

/// Hungarian spelling; other letters as in English.
pub(super) fn hungarian(letters: &[u8], out: &mut Vec<u8>) {
    let at = |k: usize| letters.get(k).copied().unwrap_or(0);
    let mut i = 0;
    while i < letters.len() {
        let pair = [at(i), at(i + 1)];
        let (step, phones): (usize, &[u8]) = match &pair {
            b"sz" => (2, b"s"),
            b"cs" => (2, b"C"),
            b"zs" => (2, b"Z"),
            b"gy" => (2, b"dy"),
            b"ny" => (2, b"ny"),
            b"ly" => (2, b"y"),
            [b's', _] => (1, b"S"),
            [b'c', _] => (1, b"c"),
            [b'j', _] => (1, b"y"),
            [b'y', _] => (1, b"i"),
            [b'w', _] => (1, b"v"),
            [b'z', _] => (1, b"z"),
            [c, _] => (1, std::slice::from_ref(c)),
        };
        out.extend_from_slice(phones);
        i += step;
    }
}

/// Hepburn as written: `sh` = `ш`, `ch` = `ч`, `j` = `дж`, `ts` = `ц`, `w` = `w`, every vowel
/// heard (`ou`, `oo` = `o`).
pub(super) fn hepburn(letters: &[u8], out: &mut Vec<u8>) {
    let at = |k: usize| letters.get(k).copied().unwrap_or(0);
    let mut i = 0;
    while i < letters.len() {
        let (step, phones): (usize, &[u8]) = match [at(i), at(i + 1)] {
            [b's', b'h'] => (2, b"S"),
            [b'c', b'h'] => (2, b"C"),
            [b't', b's'] => (2, b"c"),
            [b'j', _] => (1, b"J"),
            [b'o', b'u' | b'o'] => (2, b"o"),
            [b'u', b'u'] => (2, b"u"),
            [b'e', b'i'] => (2, b"ey"),
            _ => (1, std::slice::from_ref(&letters[i])),
        };
        out.extend_from_slice(phones);
        i += step;
    }
}

/// Hepburn as Russian transliterates it (Polivanov): `shi` = `си`, `chi` = `ти`, `ji` = `дзи`,
/// `tsu` = `цу`, `e` = `э`.
pub(super) fn japanese(letters: &[u8], out: &mut Vec<u8>) {
    let n = letters.len();
    let at = |k: usize| letters.get(k).copied().unwrap_or(0);
    let mut i = 0;
    while i < n {
        let c = letters[i];
        let n1 = at(i + 1);
        let mut step = 1;
        match (c, n1) {
            (b's', b'h') => {
                step = 2;
                out.push(b's');
                if at(i + 2) != b'i' {
                    out.push(b'y');
                }
            }
            (b'c', b'h') => {
                step = 2;
                out.push(b't');
                if at(i + 2) != b'i' {
                    out.push(b'y');
                }
            }
            (b't', b's') => {
                step = 2;
                out.push(b'c');
            }
            (b'j', _) => {
                out.extend_from_slice(b"dz");
                if n1 != b'i' {
                    out.push(b'y');
                }
            }
            // `z` is `дз` too (`Keizo` = `Кэйдзо`).
            (b'z', _) => out.extend_from_slice(b"dz"),
            (b'o', b'u') | (b'o', b'o') => {
                step = 2;
                out.push(b'o');
            }
            (b'u', b'u') => {
                step = 2;
                out.push(b'u');
            }
            (b'e', b'i') => {
                step = 2;
                out.extend_from_slice(b"ey");
            }
            (b'w', _) => out.push(b'v'),
            (b'n', b'b' | b'm' | b'p') => out.push(b'm'),
            _ => out.push(c),
        }
        i += step;
    }
}
