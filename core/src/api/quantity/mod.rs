//! `resource.Quantity` (`k8s.io/apimachinery/pkg/api/resource`): `100m`, `1Gi`, `2`.
//!
//! Upstream holds a quantity as an `int64` scaled by a power of ten while it
//! fits (`int64Amount`) and as an arbitrary-precision decimal otherwise
//! (`infDecAmount`), so `1e40` parses and compares exactly. taintlab holds the
//! same decimal as a sign, a coefficient of at most 38 digits and a power of ten:
//! every quantity a person writes is exact, nothing overflows, and the `int64`
//! accessors ([`Quantity::milli_value`], [`Quantity::value`]) saturate where
//! upstream's wrap. The one difference: a number written with more than 38
//! significant digits is rounded away from zero at the 38th (upstream keeps every
//! digit), and so is a sum that needs more.

mod canonical;
mod parse;
#[cfg(test)]
mod tests;
mod wide;

pub use parse::{ERR_FORMAT_WRONG, ERR_SUFFIX};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// How a quantity is written back (`resource.Format`): the kind of suffix it
/// was written with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// `12M`, `500m`: powers of 1000.
    #[default]
    DecimalSI,
    /// `12Mi`: powers of 1024.
    BinarySI,
    /// `12e6`.
    DecimalExponent,
}

/// Significant digits a coefficient keeps: `10^38 - 1` fits `u128` with room
/// for a carry.
const DIGITS: u32 = 38;
const MAX_COEFFICIENT: u128 = 10u128.pow(DIGITS) - 1;
/// The smallest power of ten a quantity keeps (`resource.Nano`).
const NANO: i64 = -9;

/// A quantity: `±coefficient × 10^exponent`, with the format it prints in.
///
/// Two quantities are `==` when they have the same value and format, that is when
/// they print the same; [`Quantity::cmp_value`] compares values alone, as
/// upstream's `Cmp` does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Quantity {
    negative: bool,
    /// No trailing zeros (zero is `0 × 10^0`), at most [`DIGITS`] digits.
    coefficient: u128,
    /// At least [`NANO`].
    exponent: i64,
    format: Format,
}

/// `10^n` when it fits a `u128` (`n <= 38`).
fn pow10(n: i64) -> Option<u128> {
    u32::try_from(n).ok().and_then(|n| 10u128.checked_pow(n))
}

/// Decimal digits of `n > 0`.
fn digit_count(n: u128) -> u32 {
    n.checked_ilog10().map_or(1, |d| d + 1)
}

impl Quantity {
    /// The quantity `±coefficient × 10^exponent`, rounded away from zero to 38
    /// digits and to a nano (as `ParseQuantity` rounds with `inf.RoundUp`).
    fn new(negative: bool, coefficient: u128, exponent: i64, format: Format) -> Quantity {
        let (mut c, mut e) = (coefficient, exponent);
        let mut inexact = false;
        while c > MAX_COEFFICIENT {
            inexact |= c % 10 != 0;
            c /= 10;
            e = e.saturating_add(1);
        }
        // At most 10^38: no overflow.
        c += u128::from(inexact);
        if e < NANO {
            c = match pow10(NANO.saturating_sub(e)) {
                Some(d) => c.div_ceil(d),
                // Shifted past every digit: anything left is less than a nano.
                None => u128::from(c != 0),
            };
            e = NANO;
        }
        if c == 0 {
            return Quantity {
                format,
                ..Quantity::default()
            };
        }
        // Division of a u128 is a library call; most coefficients fit in 64 bits
        // (every quantity applied in bulk does), where it is one instruction.
        if let Ok(mut small) = u64::try_from(c) {
            while small % 10 == 0 {
                small /= 10;
                e = e.saturating_add(1);
            }
            c = u128::from(small);
        }
        while c % 10 == 0 {
            c /= 10;
            e = e.saturating_add(1);
        }
        Quantity {
            negative,
            coefficient: c,
            exponent: e,
            format,
        }
    }

    /// `n` whole units (`resource.NewQuantity(n, DecimalSI)`).
    pub fn from_units(n: i64) -> Quantity {
        Quantity::new(n < 0, u128::from(n.unsigned_abs()), 0, Format::DecimalSI)
    }

    /// `n` thousandths of a unit, millicores for CPU (`NewMilliQuantity(n, DecimalSI)`).
    pub fn from_milli(n: i64) -> Quantity {
        Quantity::new(n < 0, u128::from(n.unsigned_abs()), -3, Format::DecimalSI)
    }

    /// Models `resource.ParseQuantity`: a decimal number, then an optional binary
    /// (`Ki`..`Ei`) or decimal (`n`, `u`, `m`, `k`, `M`..`E`) suffix or an
    /// exponent. The error is upstream's (`ErrFormatWrong` or `ErrSuffix`).
    /// Like upstream, no surrounding space is allowed (decoding trims it first).
    pub fn parse(text: &str) -> Result<Quantity, String> {
        parse::parse(text).map_err(str::to_string)
    }

    /// The format it prints in.
    pub fn format(self) -> Format {
        self.format
    }

    /// The same value, printed in `format`.
    pub fn with_format(self, format: Format) -> Quantity {
        Quantity { format, ..self }
    }

    /// Models `Quantity.IsZero`.
    pub fn is_zero(self) -> bool {
        self.coefficient == 0
    }

    /// Models `Quantity.Sign() < 0`.
    pub fn is_negative(self) -> bool {
        self.negative
    }

    /// Models `Quantity.Sign() > 0`.
    pub fn is_positive(self) -> bool {
        !self.negative && !self.is_zero()
    }

    /// Models `Quantity.AsScale(0)` being exact: a whole number of units.
    pub fn is_integer(self) -> bool {
        self.exponent >= 0
    }

    /// Models `Quantity.Cmp`: compares values, whatever their formats.
    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        let sign = |q: &Quantity| match (q.is_zero(), q.negative) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        };
        match sign(self).cmp(&sign(other)) {
            Ordering::Equal if self.is_zero() => Ordering::Equal,
            Ordering::Equal if self.negative => other.cmp_magnitude(self),
            Ordering::Equal => self.cmp_magnitude(other),
            unequal => unequal,
        }
    }

    /// Compares absolute values of two non-zero quantities.
    fn cmp_magnitude(&self, other: &Quantity) -> Ordering {
        // The position of the leading digit decides, unless it is the same.
        let lead = |q: &Quantity| {
            q.exponent
                .saturating_add(i64::from(digit_count(q.coefficient)))
        };
        lead(self).cmp(&lead(other)).then_with(|| {
            // Same leading position: aligning the one with the larger exponent
            // gives it the other's digit count, at most 38.
            let aligned = |q: &Quantity, to: i64| {
                pow10(q.exponent.saturating_sub(to)).map_or(u128::MAX, |p| q.coefficient * p)
            };
            let low = self.exponent.min(other.exponent);
            aligned(self, low).cmp(&aligned(other, low))
        })
    }

    /// Models `Quantity.ScaledValue(scale)`: the value in units of `10^scale`,
    /// rounded away from zero, saturated at the `int64` range (upstream's
    /// overflows silently there).
    fn scaled_value(self, scale: i64) -> i64 {
        let wide = self.scaled_i128(scale);
        i64::try_from(wide).unwrap_or(if wide < 0 { i64::MIN } else { i64::MAX })
    }

    /// The value in units of `10^scale`, rounded away from zero, saturated at
    /// the `i128` range.
    fn scaled_i128(self, scale: i64) -> i128 {
        if self.is_zero() {
            return 0;
        }
        let shift = self.exponent.saturating_sub(scale);
        let magnitude = if shift >= 0 {
            pow10(shift).and_then(|p| self.coefficient.checked_mul(p))
        } else {
            Some(pow10(shift.saturating_neg()).map_or(1, |d| self.coefficient.div_ceil(d)))
        };
        match magnitude.and_then(|m| i128::try_from(m).ok()) {
            // Positive and at most i128::MAX: negating cannot overflow.
            Some(m) if self.negative => -m,
            Some(m) => m,
            None if self.negative => i128::MIN,
            None => i128::MAX,
        }
    }

    /// Models `Quantity.MilliValue`: thousandths of a unit (millicores), rounded
    /// away from zero, saturated at the `int64` range.
    pub fn milli_value(self) -> i64 {
        self.scaled_value(-3)
    }

    /// Models `Quantity.Value`: whole units (bytes), rounded away from zero,
    /// saturated at the `int64` range.
    pub fn value(self) -> i64 {
        self.scaled_value(0)
    }
}

/// Hashes the value in thousandths, as taintlab always has: pod-template hashes,
/// and the names of the pods built from them, stay what they were. Quantities
/// that are `==` have the same value, so the same hash.
impl Hash for Quantity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.scaled_i128(-3).hash(state);
    }
}

/// Models `Quantity.Add`: a zero takes the other's format. Exact up to 38
/// significant digits; beyond, rounded away from zero.
impl std::ops::Add for Quantity {
    type Output = Quantity;

    fn add(self, other: Quantity) -> Quantity {
        if other.is_zero() {
            return self;
        }
        if self.is_zero() {
            return other;
        }
        let format = self.format;
        let (big, small) = if self.exponent >= other.exponent {
            (self, other)
        } else {
            (other, self)
        };
        let room = i64::from(DIGITS - digit_count(big.coefficient));
        let shift = big.exponent.saturating_sub(small.exponent);
        // Both coefficients at one exponent, each below 10^38, so the sum fits;
        // `rest` says whether `small` lost non-zero digits on the way.
        let (a, b, exponent, rest) = match pow10(shift).filter(|_| shift <= room) {
            Some(p) => (
                big.coefficient * p,
                small.coefficient,
                small.exponent,
                false,
            ),
            None => {
                // `big` outweighs `small` by more than 38 digits' worth: widen
                // `big` to 38 digits and round `small` to that exponent.
                let exponent = big.exponent.saturating_sub(room);
                let a = pow10(room).map_or(big.coefficient, |p| big.coefficient * p);
                let (b, rest) = match pow10(exponent.saturating_sub(small.exponent)) {
                    Some(d) => (small.coefficient / d, small.coefficient % d != 0),
                    None => (0, true),
                };
                (a, b, exponent, rest)
            }
        };
        let (negative, magnitude) = if big.negative == small.negative {
            // Lost digits of a like-signed addend round the sum away from zero.
            (big.negative, a + b + u128::from(rest))
        } else if a >= b {
            // Lost digits of the subtrahend only make the result smaller, so
            // the truncated difference is already rounded away from zero.
            (big.negative, a - b)
        } else {
            (small.negative, b - a)
        };
        Quantity::new(negative, magnitude, exponent, format)
    }
}

/// Models `Quantity.String()`: the canonical form in the quantity's format
/// (`1.5` → `1500m`, `1024Mi` → `1Gi`, `1000m` → `1`).
impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&canonical::string(self))
    }
}
