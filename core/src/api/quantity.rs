//! `resource.Quantity` (`k8s.io/apimachinery/pkg/api/resource`): `100m`, `1Gi`, `2`.

use std::fmt;

/// Upstream's message for a malformed quantity (`ErrFormatWrong`).
pub const ERR_FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/// A quantity, held in thousandths of a unit so `100m` CPU and `1Gi` bytes are exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity {
    milli: i128,
}

impl Quantity {
    /// `n` whole units.
    pub const fn from_units(n: i64) -> Quantity {
        Quantity {
            milli: n as i128 * 1000,
        }
    }

    /// `n` thousandths of a unit (millicores for CPU).
    pub const fn from_milli(n: i64) -> Quantity {
        Quantity { milli: n as i128 }
    }

    /// Thousandths of a unit.
    pub fn milli(self) -> i128 {
        self.milli
    }

    /// Models `Quantity.MilliValue`: thousandths of a unit as an `int64`
    /// (saturating; no real quantity comes close).
    pub fn milli_value(self) -> i64 {
        i64::try_from(self.milli).unwrap_or(if self.milli < 0 { i64::MIN } else { i64::MAX })
    }

    /// Models `Quantity.Value`: whole units, rounded up, as an `int64` (saturating).
    pub fn value(self) -> i64 {
        // i64 arithmetic when it fits: 128-bit division is a library call.
        if let Ok(milli) = i64::try_from(self.milli) {
            return milli.div_euclid(1000) + i64::from(milli.rem_euclid(1000) != 0);
        }
        let units = self.milli.div_euclid(1000) + i128::from(self.milli.rem_euclid(1000) != 0);
        i64::try_from(units).unwrap_or(if units < 0 { i64::MIN } else { i64::MAX })
    }

    /// Models `resource.ParseQuantity`: a decimal number, then an optional binary
    /// (`Ki`..`Ei`) or decimal (`n`, `u`, `m`, `k`, `M`..`E`) suffix or an exponent.
    pub fn parse(text: &str) -> Result<Quantity, String> {
        let err = || ERR_FORMAT_WRONG.to_string();
        let s = text.trim();
        let split = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
            .unwrap_or(s.len());
        let (number, suffix) = s.split_at(split);
        let (negative, digits) = match number.as_bytes().first() {
            Some(b'-') => (true, &number[1..]),
            Some(b'+') => (false, &number[1..]),
            _ => (false, number),
        };
        if digits.is_empty() || digits.matches('.').count() > 1 || digits == "." {
            return Err(err());
        }
        let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
        if !int_part
            .bytes()
            .chain(frac_part.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        // value = mantissa / 10^frac_len, scaled by the suffix, in thousandths.
        let mantissa: i128 = format!("{int_part}{frac_part}")
            .parse()
            .map_err(|_| err())?;
        let (base, exponent): (i128, i32) = match suffix {
            "" => (10, 0),
            "n" => (10, -9),
            "u" => (10, -6),
            "m" => (10, -3),
            "k" => (10, 3),
            "M" => (10, 6),
            "G" => (10, 9),
            "T" => (10, 12),
            "P" => (10, 15),
            "E" => (10, 18),
            "Ki" => (2, 10),
            "Mi" => (2, 20),
            "Gi" => (2, 30),
            "Ti" => (2, 40),
            "Pi" => (2, 50),
            "Ei" => (2, 60),
            other => {
                let exp = other
                    .strip_prefix('e')
                    .or_else(|| other.strip_prefix('E'))
                    .ok_or_else(err)?;
                (10, exp.parse::<i32>().map_err(|_| err())?)
            }
        };
        let frac_len = frac_part.len() as u32;
        let scaled = if base == 2 {
            mantissa.checked_mul(1i128.checked_shl(exponent as u32).ok_or_else(err)?)
        } else {
            let power = exponent + 3;
            if power >= 0 {
                10i128
                    .checked_pow(power as u32)
                    .and_then(|p| mantissa.checked_mul(p))
            } else {
                // Below a thousandth: round up, as upstream rounds toward the next milli.
                let div = 10i128.checked_pow((-power) as u32).ok_or_else(err)?;
                Some((mantissa + div - 1) / div)
            }
        }
        .ok_or_else(err)?;
        let divisor = 10i128.checked_pow(frac_len).ok_or_else(err)?;
        let base_milli = if base == 2 { scaled * 1000 } else { scaled };
        let milli = (base_milli + divisor - 1) / divisor;
        Ok(Quantity {
            milli: if negative { -milli } else { milli },
        })
    }
}

impl std::ops::Add for Quantity {
    type Output = Quantity;

    fn add(self, other: Quantity) -> Quantity {
        Quantity {
            milli: self.milli.saturating_add(other.milli),
        }
    }
}

/// A compact form: `250m`, `2`, or bytes with a binary suffix when exact.
impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.milli % 1000 != 0 {
            return write!(f, "{}m", self.milli);
        }
        let units = self.milli / 1000;
        for (suffix, shift) in [
            ("Ei", 60),
            ("Pi", 50),
            ("Ti", 40),
            ("Gi", 30),
            ("Mi", 20),
            ("Ki", 10),
        ] {
            let unit = 1i128 << shift;
            if units != 0 && units % unit == 0 {
                return write!(f, "{}{suffix}", units / unit);
            }
        }
        write!(f, "{units}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_upstream_forms() {
        let cases = [
            ("100m", 100),
            ("1", 1000),
            ("1.5", 1500),
            ("0.1", 100),
            ("1Ki", 1024 * 1000),
            ("1Gi", (1i128 << 30) * 1000),
            ("500Mi", 500 * (1i128 << 20) * 1000),
            ("1k", 1_000_000),
            ("1M", 1_000_000_000),
            ("1e3", 1_000_000),
            ("+2", 2000),
            ("-1", -1000),
            ("1n", 1),
        ];
        for (text, milli) in cases {
            assert_eq!(
                Quantity::parse(text).map(|q| q.milli()),
                Ok(milli),
                "{text}"
            );
        }
        for bad in ["", "abc", "1.2.3", "1Gb", "m", "1 Gi", "."] {
            assert_eq!(
                Quantity::parse(bad),
                Err(ERR_FORMAT_WRONG.to_string()),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn displays_compactly() {
        assert_eq!(Quantity::from_milli(250).to_string(), "250m");
        assert_eq!(Quantity::from_units(2).to_string(), "2");
        assert_eq!(
            Quantity::parse("8Gi").map(|q| q.to_string()),
            Ok("8Gi".to_string())
        );
    }
}
