//! Models `resource.ParseQuantity` and its scanner, `parseQuantityString`.

use super::wide::Wide;
use super::{DIGITS, Format, NANO, Quantity};

/// Upstream's message for a malformed quantity (`ErrFormatWrong`).
pub const ERR_FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/// Upstream's message for a well-formed number with an unknown suffix (`ErrSuffix`).
pub const ERR_SUFFIX: &str = "unable to parse quantity's suffix";

/// The largest binary quantity: `ParseQuantity` caps `BinarySI` at `2^63 - 1`.
const MAX_BINARY: u128 = i64::MAX as u128;

/// A quantity's text, split as `parseQuantityString` splits it.
struct Parts<'a> {
    negative: bool,
    /// Integer digits without leading zeros (`"0"` when there are none).
    num: &'a str,
    /// Fraction digits.
    denom: &'a str,
    suffix: &'a str,
}

/// Models `parseQuantityString`, a scanner more permissive than its error's
/// regular expression (`.` and `-` are zero, `1.G` is `1G`).
fn split(s: &str) -> Result<Parts<'_>, &'static str> {
    let b = s.as_bytes();
    let mut parts = Parts {
        negative: false,
        num: "0",
        denom: "",
        suffix: "",
    };
    let mut pos = 0;
    match b.first() {
        Some(b'-') => {
            parts.negative = true;
            pos = 1;
        }
        Some(b'+') => pos = 1,
        _ => {}
    }
    let digits = |pos: &mut usize| {
        let start = *pos;
        while b.get(*pos).is_some_and(u8::is_ascii_digit) {
            *pos += 1;
        }
        start
    };
    while b.get(pos) == Some(&b'0') {
        pos += 1;
    }
    if pos == b.len() {
        return Ok(parts);
    }
    let start = digits(&mut pos);
    if pos > start {
        parts.num = &s[start..pos];
    }
    if b.get(pos) == Some(&b'.') {
        pos += 1;
        let start = digits(&mut pos);
        parts.denom = &s[start..pos];
    }
    let suffix_start = pos;
    while b.get(pos).is_some_and(|c| b"eEinumkKMGTP".contains(c)) {
        pos += 1;
    }
    if matches!(b.get(pos), Some(b'-' | b'+')) {
        pos += 1;
    }
    digits(&mut pos);
    if pos < b.len() {
        return Err(ERR_FORMAT_WRONG);
    }
    parts.suffix = &s[suffix_start..];
    Ok(parts)
}

/// Models `quantitySuffixer.interpret`: (base, exponent, format).
fn interpret(suffix: &str) -> Option<(u32, i64, Format)> {
    let decimal = |exponent| Some((10, exponent, Format::DecimalSI));
    let binary = |exponent| Some((2, exponent, Format::BinarySI));
    match suffix {
        "" => decimal(0),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        "Ki" => binary(10),
        "Mi" => binary(20),
        "Gi" => binary(30),
        "Ti" => binary(40),
        "Pi" => binary(50),
        "Ei" => binary(60),
        _ => {
            let digits = suffix
                .strip_prefix('e')
                .or_else(|| suffix.strip_prefix('E'))
                .filter(|d| !d.is_empty())?;
            // `strconv.ParseInt(…, 10, 64)`, then `int32(parsed)`: Go keeps the
            // low 32 bits, as `as` does.
            let parsed: i64 = digits.parse().ok()?;
            Some((10, i64::from(parsed as i32), Format::DecimalExponent))
        }
    }
}

/// The digits of `num` and `denom` as `(coefficient, exponent)`: the first 38
/// significant digits, rounded away from zero when more follow.
fn coefficient(num: &str, denom: &str) -> (u128, i64) {
    const FULL: u128 = 10u128.pow(DIGITS - 1);
    let (mut c, mut dropped, mut rest) = (0u128, 0i64, false);
    for d in num.bytes().chain(denom.bytes()) {
        // The scanner let only ASCII digits through.
        let d = u128::from(d.wrapping_sub(b'0') % 10);
        if c < FULL {
            // Fewer than 38 digits so far: stays below 10^38.
            c = c * 10 + d;
        } else {
            dropped += 1;
            rest |= d != 0;
        }
    }
    // At most 10^38; `Quantity::new` strips the zero that may bring.
    c += u128::from(rest);
    let places = i64::try_from(denom.len()).unwrap_or(i64::MAX);
    (c, dropped.saturating_sub(places))
}

/// Models `ParseQuantity`.
pub(super) fn parse(text: &str) -> Result<Quantity, &'static str> {
    if text.is_empty() {
        return Err(ERR_FORMAT_WRONG);
    }
    let parts = split(text)?;
    let (base, exponent, format) = interpret(parts.suffix).ok_or(ERR_SUFFIX)?;
    let (c, e) = coefficient(parts.num, parts.denom);
    if base == 10 {
        return Ok(Quantity::new(
            parts.negative,
            c,
            e.saturating_add(exponent),
            format,
        ));
    }
    Ok(binary(parts.negative, c, e, exponent))
}

/// `±c × 10^e × 2^shift`, rounded away from zero to a nano and capped at
/// `2^63 - 1`, as the `inf.Dec` path of `ParseQuantity` does for `BinarySI`.
fn binary(negative: bool, c: u128, e: i64, shift: i64) -> Quantity {
    let cap = Quantity::new(negative, MAX_BINARY, 0, Format::BinarySI);
    // `shift` is at most 60 and `c` below 2^127: the product fits 256 bits.
    let Some(mut nanos) = Wide::from_u128(c).checked_mul(1 << shift.clamp(0, 60)) else {
        return cap;
    };
    let cap_nanos = Wide::from_u128(MAX_BINARY * 1_000_000_000);
    let scale = e.saturating_sub(NANO);
    if scale >= 0 {
        // Multiply up to nanos; past the cap the exact value no longer matters,
        // which ends the loop within 30 steps whatever `scale` is.
        for _ in 0..scale {
            if nanos > cap_nanos {
                return cap;
            }
            match nanos.checked_mul(10) {
                Some(n) => nanos = n,
                None => return cap,
            }
        }
    } else {
        // Divide down to nanos, rounding away from zero; zero ends the loop
        // within 78 steps.
        let mut rest = false;
        for _ in 0..scale.unsigned_abs() {
            let (q, r) = nanos.div_rem(10);
            nanos = q;
            rest |= r != 0;
            if nanos.is_zero() {
                break;
            }
        }
        if rest {
            nanos = Wide::from_u128(nanos.to_u128().map_or(u128::MAX, |n| n.saturating_add(1)));
        }
    }
    match nanos.to_u128().filter(|_| nanos <= cap_nanos) {
        // Between zero and one the format becomes DecimalSI ("avoids rounding").
        Some(n) if n > 0 && n < 1_000_000_000 => {
            Quantity::new(negative, n, NANO, Format::DecimalSI)
        }
        Some(n) => Quantity::new(negative, n, NANO, Format::BinarySI),
        None => cap,
    }
}
