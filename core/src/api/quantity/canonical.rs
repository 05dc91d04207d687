//! Models `Quantity.CanonicalizeBytes`: how a quantity prints.

use super::{Format, Quantity, pow10};

/// Binary suffixes by power of 1024.
const BINARY: [&str; 7] = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

/// The canonical form of `q` in its format: no fraction digits, the largest
/// suffix that keeps every digit.
pub(super) fn string(q: &Quantity) -> String {
    if q.is_zero() {
        return "0".to_string();
    }
    let sign = if q.negative { "-" } else { "" };
    match q.format {
        Format::BinarySI => match whole_units(q).filter(|u| *u >= 1024) {
            Some(units) => binary(sign, units),
            // Below 1024, a fraction, or too large for this form: DecimalSI
            // (upstream: "This avoids rounding and hopefully confusion, too").
            None => decimal(sign, q, Format::DecimalSI),
        },
        format => decimal(sign, q, format),
    }
}

/// The magnitude as a whole number of units, when it is one and fits a `u128`.
fn whole_units(q: &Quantity) -> Option<u128> {
    pow10(q.exponent).and_then(|p| q.coefficient.checked_mul(p))
}

/// Models `AsCanonicalBase1024Bytes` with its suffix: factors of 1024 into the
/// suffix, up to `Ei` (upstream goes on past `Ei` and then prints no suffix at
/// all, dropping those factors; only a sum beyond `2^70` bytes gets there).
fn binary(sign: &str, mut units: u128) -> String {
    let mut power = 0;
    while power + 1 < BINARY.len() && units.is_multiple_of(1024) {
        units /= 1024;
        power += 1;
    }
    format!("{sign}{units}{}", BINARY[power])
}

/// Models `AsCanonicalBytes` with its suffix: the exponent lowered to a multiple
/// of three (`1.5` is `1500m`), then a decimal suffix, or `e` and the exponent
/// where there is none (`DecimalExponent`, or beyond `E`).
fn decimal(sign: &str, q: &Quantity, format: Format) -> String {
    let zeros = q.exponent.rem_euclid(3);
    let exponent = q.exponent - zeros;
    let padding = "0".repeat(usize::try_from(zeros).unwrap_or(0));
    let suffix = match (format, exponent) {
        (Format::DecimalSI, -9) => "n".to_string(),
        (Format::DecimalSI, -6) => "u".to_string(),
        (Format::DecimalSI, -3) => "m".to_string(),
        (_, 0) => String::new(),
        (Format::DecimalSI, 3) => "k".to_string(),
        (Format::DecimalSI, 6) => "M".to_string(),
        (Format::DecimalSI, 9) => "G".to_string(),
        (Format::DecimalSI, 12) => "T".to_string(),
        (Format::DecimalSI, 15) => "P".to_string(),
        (Format::DecimalSI, 18) => "E".to_string(),
        (_, exponent) => format!("e{exponent}"),
    };
    format!("{sign}{}{padding}{suffix}", q.coefficient)
}
