//! French spelling's silent final consonants, which the phone reader leaves out of French
//! names.

use super::*;

/// French final consonants that are not pronounced: `Giard` = `Жиар`, `Truffaut` = `Трюффо`,
/// `Pelletier` = `Пелетье`.
///
/// Returns the letters without them, and whether an `e` before them is heard (`-et`, `-er`,
/// `-ez`: yes; `-es`: no, `Chabannes` = `Шабанн`).
pub(super) fn french_end(letters: &[u8], long: bool) -> (&[u8], bool) {
    // Only endings typical of French spelling: elsewhere the rule makes short keys out of
    // `Bauer` or `Beard` that tie them to other names.
    const ENDINGS: [&[u8]; 24] = [
        b"eau", b"eaux", b"ault", b"aux", b"eux", b"oux", b"ois", b"ais", b"ait", b"ier", b"iers",
        b"et", b"ets", b"ot", b"ots", b"aud", b"aut", b"ard", b"art", b"ez", b"oit", b"ert",
        b"ger", b"yer",
    ];
    // Endings French shares with other languages (`Grant`, `Kent`, `Holland`): silent in
    // longer words only (`Passerat` = `Пассера`, `Glissant` = `Глиссан`, `Argand` = `Арган`).
    const LONG_ENDINGS: [&[u8]; 9] = [
        b"at", b"ats", b"ant", b"ent", b"and", b"ond", b"ont", b"it", b"its",
    ];
    let nasal = long && LONG_ENDINGS.iter().any(|e| letters.ends_with(e));
    if !nasal && !ENDINGS.iter().any(|e| letters.ends_with(e)) {
        return (letters, false);
    }
    let mut n = letters.len();
    let mut heard = false;
    if letters.ends_with(b"ault") {
        // `Arnault` = `Арно`, `Quinault` = `Кино`.
        return (&letters[..n - 2], false);
    }
    if n > 3 && matches!(letters[n - 1], b's' | b'x') && letters[n - 2] != b's' {
        n -= 1;
    }
    if n > 3
        && matches!(letters[n - 1], b't' | b'd' | b'z')
        && (is_v(letters[n - 2]) || letters[n - 2] == b'r')
    {
        n -= 1;
        heard = true;
    } else if nasal
        && n > 3
        && matches!(letters[n - 1], b't' | b'd')
        && matches!(letters[n - 2], b'n' | b'i')
    {
        n -= 1;
    }
    if n == letters.len() && n > 4 && letters[n - 1] == b'r' && letters[n - 2] == b'e' {
        n -= 1;
        heard = true;
    }
    (&letters[..n], heard)
}
