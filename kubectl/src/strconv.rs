//! Go's `strconv.ParseInt`, as pflag's integer flags call it (base 0: `0x1f`,
//! `0o17`, `0b101`, a leading `0` for octal, `_` between digits), with its
//! `*NumError` wording.

use std::fmt;

/// Models `*strconv.NumError` from `ParseInt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumError {
    /// The text as given.
    num: String,
    /// `ErrRange` rather than `ErrSyntax`.
    out_of_range: bool,
}

impl fmt::Display for NumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = if self.out_of_range {
            "value out of range"
        } else {
            "invalid syntax"
        };
        write!(
            f,
            "strconv.ParseInt: parsing {}: {why}",
            taintlab_core::api::field_value::go_quote(&self.num)
        )
    }
}

/// Models `strconv.ParseInt(s, 0, bits)`: an integer that fits `bits` bits
/// (32 or 64) with an optional sign and base prefix.
pub fn parse_int(s: &str, bits: u32) -> Result<i64, NumError> {
    let error = |out_of_range| NumError {
        num: s.to_string(),
        out_of_range,
    };
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let bits = bits.clamp(1, 64);
    let magnitude = parse_uint(digits, bits).map_err(error)?;
    // `1 << (bits - 1)`: one more than the largest positive value.
    let cutoff = 1u64 << (bits - 1);
    match (negative, magnitude) {
        (false, m) if m >= cutoff => Err(error(true)),
        (true, m) if m > cutoff => Err(error(true)),
        // At most 2^63 in magnitude: the conversion through i128 is exact.
        (true, m) => i64::try_from(-i128::from(m)).map_err(|_| error(true)),
        (false, m) => i64::try_from(m).map_err(|_| error(true)),
    }
}

/// Models `strconv.ParseUint(s, 0, bits)`; the error says whether the value is
/// out of range (`true`) rather than malformed. As in Go, a value that
/// overflows is reported as out of range even if a bad character follows.
fn parse_uint(s0: &str, bits: u32) -> Result<u64, bool> {
    let max = u64::MAX >> (64 - bits.clamp(1, 64));
    if s0.is_empty() {
        return Err(false);
    }
    let lower = |b: u8| b.to_ascii_lowercase();
    let b = s0.as_bytes();
    let (base, body): (u64, &[u8]) = match b {
        [b'0', p, ..] if b.len() >= 3 && lower(*p) == b'b' => (2, &b[2..]),
        [b'0', p, ..] if b.len() >= 3 && lower(*p) == b'o' => (8, &b[2..]),
        [b'0', p, ..] if b.len() >= 3 && lower(*p) == b'x' => (16, &b[2..]),
        [b'0', ..] => (8, &b[1..]),
        _ => (10, b),
    };
    let mut n: u64 = 0;
    let mut underscores = false;
    for &c in body {
        let digit = match c {
            b'_' => {
                underscores = true;
                continue;
            }
            b'0'..=b'9' => u64::from(c - b'0'),
            c if lower(c).is_ascii_lowercase() => u64::from(lower(c) - b'a') + 10,
            _ => return Err(false),
        };
        if digit >= base {
            return Err(false);
        }
        n = n
            .checked_mul(base)
            .and_then(|n| n.checked_add(digit))
            .filter(|n| *n <= max)
            .ok_or(true)?;
    }
    if underscores && !underscore_ok(s0) {
        return Err(false);
    }
    Ok(n)
}

/// Models `underscoreOK`: underscores only between digits, or between a base
/// prefix and a digit.
fn underscore_ok(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s).as_bytes();
    // What came last: '^' the start, '0' a digit or prefix, '_', or '!' other.
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if s.len() >= 2 && s[0] == b'0' && matches!(s[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = s[1].eq_ignore_ascii_case(&b'x');
    }
    for &c in &s[i..] {
        if c.is_ascii_digit() || (hex && c.is_ascii_hexdigit()) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
    }
    saw != b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_as_go() {
        // Cases from Go's strconv atoi_test.go (parseInt64BaseTests, base 0).
        for (text, bits, want) in [
            ("0", 64, Ok(0)),
            ("-0", 64, Ok(0)),
            ("+3", 64, Ok(3)),
            ("12345", 64, Ok(12345)),
            ("-12345", 64, Ok(-12345)),
            ("012345", 64, Ok(0o12345)),
            ("0x1f", 64, Ok(31)),
            ("0X1F", 64, Ok(31)),
            ("0b101", 64, Ok(5)),
            ("0o17", 64, Ok(15)),
            ("1_000", 64, Ok(1000)),
            ("0x_1f", 64, Ok(31)),
            ("9223372036854775807", 64, Ok(i64::MAX)),
            ("-9223372036854775808", 64, Ok(i64::MIN)),
            ("2147483647", 32, Ok(2_147_483_647)),
            ("-2147483648", 32, Ok(-2_147_483_648)),
            ("", 64, Err(false)),
            ("-", 64, Err(false)),
            ("abc", 64, Err(false)),
            ("08", 64, Err(false)),
            ("0x", 64, Err(false)),
            ("1__0", 64, Err(false)),
            ("_10", 64, Err(false)),
            ("10_", 64, Err(false)),
            ("1.5", 64, Err(false)),
            (" 1", 64, Err(false)),
            ("9223372036854775808", 64, Err(true)),
            ("-9223372036854775809", 64, Err(true)),
            ("99999999999999999999999", 64, Err(true)),
            ("99999999999999999999999x", 64, Err(true)),
            ("2147483648", 32, Err(true)),
            ("99999999999", 32, Err(true)),
            ("99999999999x", 32, Err(true)),
        ] {
            let got = parse_int(text, bits).map_err(|e| e.out_of_range);
            assert_eq!(got, want, "{text:?} ({bits} bits)");
        }
    }

    #[test]
    fn errors_read_as_go() {
        let message = |text| parse_int(text, 64).err().map(|e| e.to_string());
        assert_eq!(
            message("abc"),
            Some("strconv.ParseInt: parsing \"abc\": invalid syntax".to_string())
        );
        assert_eq!(
            message("99999999999999999999"),
            Some(
                "strconv.ParseInt: parsing \"99999999999999999999\": value out of range"
                    .to_string()
            )
        );
    }
}
