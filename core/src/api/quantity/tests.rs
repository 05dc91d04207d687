//! Cases from upstream's `quantity_test.go` (a representative subset of each
//! table), then the inputs that used to overflow.

use super::*;
use std::cmp::Ordering;

/// Upstream's `decQuantity(i, exponent, format)`.
fn dec(i: i64, exponent: i64, format: Format) -> Quantity {
    Quantity::new(i < 0, u128::from(i.unsigned_abs()), exponent, format)
}

fn parse(text: &str) -> Quantity {
    Quantity::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

use Format::{BinarySI as Bin, DecimalExponent as Exp, DecimalSI as Dec};

#[test]
fn parses_as_upstream() {
    // TestQuantityParse.
    let table = [
        ("0", dec(0, 0, Dec)),
        ("0Ki", dec(0, 0, Bin)),
        ("0M", dec(0, 0, Dec)),
        ("1", dec(1, 0, Dec)),
        ("1Ki", dec(1024, 0, Bin)),
        ("7Mi", dec(7 << 20, 0, Bin)),
        ("5Ti", dec(5 << 40, 0, Bin)),
        ("3Ei", dec(3 << 60, 0, Bin)),
        ("5n", dec(5, -9, Dec)),
        ("4u", dec(4, -6, Dec)),
        ("3m", dec(3, -3, Dec)),
        ("50k", dec(5, 4, Dec)),
        ("300T", dec(3, 14, Dec)),
        ("1E", dec(1, 18, Dec)),
        ("1E-3", dec(1, -3, Exp)),
        ("1e9", dec(1, 9, Exp)),
        ("1e13", dec(1, 13, Exp)),
        ("100.035k", dec(100035, 0, Dec)),
        ("0.001", dec(1, -3, Dec)),
        ("0.0005k", dec(5, -1, Dec)),
        ("0.00500", dec(5, -3, Dec)),
        ("0.5e-2", dec(5, -3, Exp)),
        ("10.035M", dec(10035, 3, Dec)),
        ("1.3E+6", dec(13, 5, Exp)),
        ("1.7E18", dec(17, 17, Exp)),
        ("7.123456M", dec(7123456, 0, Dec)),
        ("1.01E", dec(101, 16, Dec)),
        // Things that saturate/round.
        ("3.001n", dec(4, -9, Dec)),
        ("1.1E-9", dec(2, -9, Exp)),
        ("0.0000000001", dec(1, -9, Dec)),
        ("0.00000000050", dec(1, -9, Dec)),
        ("0.9n", dec(1, -9, Dec)),
        ("0.00000012345", dec(124, -9, Dec)),
        ("9Ei", dec(i64::MAX, 0, Bin)),
        ("9223372036854775807Ki", dec(i64::MAX, 0, Bin)),
        ("12E", dec(12, 18, Dec)),
        // Fractional binary.
        ("100.035Ki", dec(10243584, -2, Bin)),
        ("0.5Mi", dec(1 << 19, 0, Bin)),
        ("0.025Ti", dec(274877906944, -1, Bin)),
        // Things written by trolls.
        ("0.000000000001Ki", dec(2, -9, Dec)),
        (".001", dec(1, -3, Dec)),
        (".0001k", dec(100, -3, Dec)),
        ("1.", dec(1, 0, Dec)),
        ("1.G", dec(1, 9, Dec)),
    ];
    for (text, want) in table {
        let got = parse(text);
        assert_eq!(got.cmp_value(&want), Ordering::Equal, "{text}: {got}");
        assert_eq!(got.format(), want.format(), "{text}");
        // The negative and explicitly positive forms.
        let negative = parse(&format!("-{text}"));
        assert_eq!(
            negative.cmp_value(&(dec(0, 0, Dec) + want)),
            ordering_of_negated(&want),
            "-{text}"
        );
        assert_eq!(negative.format(), want.format(), "-{text}");
        assert_eq!(parse(&format!("+{text}")), got, "+{text}");
    }
}

/// How `-want` compares with `want`.
fn ordering_of_negated(want: &Quantity) -> Ordering {
    if want.is_zero() {
        Ordering::Equal
    } else {
        Ordering::Less
    }
}

#[test]
fn refuses_as_upstream() {
    // TestQuantityParse's invalid list, with the error ParseQuantity returns.
    for (text, error) in [
        ("", ERR_FORMAT_WRONG),
        ("1.1.M", ERR_FORMAT_WRONG),
        ("1+1.0M", ERR_FORMAT_WRONG),
        ("0.1mi", ERR_SUFFIX),
        ("0.1am", ERR_FORMAT_WRONG),
        ("aoeu", ERR_FORMAT_WRONG),
        (".5i", ERR_SUFFIX),
        ("1i", ERR_SUFFIX),
        ("-3.01i", ERR_SUFFIX),
        ("-3.01e-", ERR_SUFFIX),
        (" 1", ERR_FORMAT_WRONG),
        ("1 ", ERR_FORMAT_WRONG),
        ("1Gb", ERR_FORMAT_WRONG),
        ("1e", ERR_SUFFIX),
        ("1e99999999999999999999", ERR_SUFFIX),
        ("1é", ERR_FORMAT_WRONG),
    ] {
        assert_eq!(Quantity::parse(text), Err(error.to_string()), "{text:?}");
    }
}

#[test]
fn prints_canonically() {
    // TestQuantityString: (quantity, canonical, another spelling of it).
    let table = [
        (dec(1 << 30, 0, Bin), "1Gi", "1024Mi"),
        (dec(300 << 20, 0, Bin), "300Mi", "307200Ki"),
        (dec(1001 << 30, 0, Bin), "1001Gi", "1025024Mi"),
        (dec(5, 0, Bin), "5", "5000m"),
        (dec(500, -3, Bin), "500m", "0.5"),
        (dec(1, 9, Dec), "1G", "1000M"),
        (dec(1000, 6, Dec), "1G", "0.001T"),
        (dec(1, -3, Dec), "1m", "1000u"),
        (dec(1080, -3, Dec), "1080m", "1.08"),
        (dec(108, -2, Dec), "1080m", "1080000000n"),
        (dec(1234567, -3, Bin), "1234567m", ""),
        (dec(1025, 0, Bin), "1025", ""),
        (dec(0, 0, Bin), "0", ""),
        (dec(1, 9, Exp), "1e9", ".001e12"),
        (dec(1, -3, Exp), "1e-3", "0.001e0"),
        (dec(1, -9, Exp), "1e-9", "1000e-12"),
        (dec(80, -3, Exp), "80e-3", ""),
        (dec(0, 0, Exp), "0", "00"),
        (dec(1080, -6, Dec), "1080u", ""),
    ];
    for (q, canonical, alternate) in table {
        assert_eq!(q.to_string(), canonical, "{q:?}");
        if !q.is_zero() {
            let negative = Quantity {
                negative: true,
                ..q
            };
            assert_eq!(negative.to_string(), format!("-{canonical}"));
        }
        assert_eq!(parse(canonical).to_string(), canonical);
        if !alternate.is_empty() {
            assert_eq!(parse(alternate).to_string(), canonical, "{alternate}");
        }
    }
    // TestQuantityParseEmit.
    for (text, canonical) in [
        ("1024Mi", "1Gi"),
        ("1000M", "1G"),
        (".001Ki", "1024m"),
        (".000001Ki", "1024u"),
        (".000000001Ki", "1024n"),
        (".000000000001Ki", "2n"),
    ] {
        assert_eq!(parse(text).to_string(), canonical, "{text}");
        assert_eq!(
            parse(&format!("-{text}")).to_string(),
            format!("-{canonical}")
        );
    }
}

#[test]
fn keeps_values_past_the_int64_range() {
    // TestParseQuantity: (input, canonical form, or the input itself).
    for (text, canonical) in [
        ("999999999999999999.1", "999999999999999999100m"),
        ("-9999999999999999999", "-9999999999999999999"),
        ("-1.0000000000000000001E", "-1000000000000000000100m"),
        ("1.000000000000000001E", "1000000000000000001"),
        ("10000000000000000000", "10E"),
        ("10000000000000000000000m", "10E"),
        ("10.0000000000000000001E", "10000000000000000000100m"),
        ("-9223372036854775809000m", "-9223372036854775809"),
        ("9223372036854775808.1", "9223372036854775808100m"),
        // Beyond `E` a DecimalSI quantity falls back to an exponent.
        ("1e40", "10e39"),
        ("1000E", "1e21"),
    ] {
        assert_eq!(parse(text).to_string(), canonical, "{text}");
    }
}

#[test]
fn compares_as_upstream() {
    // TestQuantityCmp and TestQuantityCmpInt64AndDec.
    for (a, b, want) in [
        (parse("100m"), parse("50m"), Ordering::Greater),
        (parse("10000T"), parse("100Gi"), Ordering::Greater),
        (dec(90, -1, Dec), dec(901, -2, Dec), Ordering::Less),
        (dec(0, 1, Dec), dec(0, -1, Dec), Ordering::Equal),
        (dec(800, -3, Dec), dec(79, -2, Dec), Ordering::Greater),
        (dec(i64::MAX, 1, Dec), dec(1, 1, Dec), Ordering::Greater),
        (dec(i64::MAX, -16, Dec), dec(1, 3, Dec), Ordering::Less),
        (dec(i64::MIN, -18, Dec), dec(-1, 0, Dec), Ordering::Less),
        (dec(i64::MIN, -19, Dec), dec(-1, 0, Dec), Ordering::Greater),
        (
            dec(1_000_000_000_000_000_000, -17, Dec),
            dec(1, 1, Dec),
            Ordering::Equal,
        ),
        (
            dec(-1_000_000_000_000_000_000, -17, Dec),
            dec(-10, 0, Dec),
            Ordering::Equal,
        ),
        (
            dec(1_000_000_000_000_000_001, -17, Dec),
            dec(1, 1, Dec),
            Ordering::Greater,
        ),
        (parse("1e40"), parse("9Ei"), Ordering::Greater),
        (parse("-1e40"), parse("-1e39"), Ordering::Less),
        (parse("1Ki"), parse("1024"), Ordering::Equal),
    ] {
        assert_eq!(a.cmp_value(&b), want, "{a} vs {b}");
        assert_eq!(b.cmp_value(&a), want.reverse(), "{b} vs {a}");
    }
    // Same value, other format: equal values, different quantities.
    assert_ne!(parse("1Ki"), parse("1024"));
}

#[test]
fn adds_as_upstream() {
    // TestAdd: the first operand's format, unless it is zero.
    for (a, b, want) in [
        (dec(10, 0, Dec), dec(1, 1, Dec), dec(20, 0, Dec)),
        (dec(10, 0, Dec), dec(1, 0, Bin), dec(11, 0, Dec)),
        (dec(10, 0, Bin), dec(1, 0, Dec), dec(11, 0, Bin)),
        (Quantity::default(), dec(50, 0, Bin), dec(50, 0, Bin)),
        (dec(50, 0, Dec), Quantity::default(), dec(50, 0, Dec)),
        (parse("100m"), parse("-250m"), parse("-150m")),
    ] {
        assert_eq!(a + b, want, "{a} + {b}");
    }
    // Sums past the int64 range stay exact while 38 digits hold them, and
    // round away from zero beyond.
    let big = parse("9Ei");
    assert_eq!((big + big).to_string(), "18446744073709551614");
    assert_eq!(
        (parse("1e40") + parse("1n")).to_string(),
        "10000000000000000000000000000000000001e3"
    );
    assert_eq!((parse("1e40") + parse("-1n")).to_string(), "10e39");
    assert_eq!(
        (parse("-1e40") + parse("-1")).to_string(),
        "-10000000000000000000000000000000000001e3"
    );
}

#[test]
fn int64_accessors_round_away_from_zero_and_saturate() {
    // TestScaledValue and the doc comments of Value and MilliValue.
    for (text, milli, units) in [
        ("1n", 1, 1),
        ("1m", 1, 1),
        ("1.5", 1500, 2),
        ("-1.5", -1500, -2),
        ("100Mi", 104_857_600_000, 104_857_600),
        ("9Ei", i64::MAX, i64::MAX),
        ("1e40", i64::MAX, i64::MAX),
        ("-1e40", i64::MIN, i64::MIN),
        (
            "9223372036854775",
            9_223_372_036_854_775_000,
            9_223_372_036_854_775,
        ),
        ("9223372036854776", i64::MAX, 9_223_372_036_854_776),
    ] {
        let q = parse(text);
        assert_eq!((q.milli_value(), q.value()), (milli, units), "{text}");
    }
    assert_eq!(Quantity::from_milli(250).to_string(), "250m");
    assert_eq!(Quantity::from_units(2).to_string(), "2");
    assert_eq!(Quantity::from_units(i64::MIN).value(), i64::MIN);
}

#[test]
fn attacker_inputs_parse_without_overflow() {
    // Issue 11: these wrapped to negative requests (and panicked in debug builds).
    let memory = parse("100000000000000000000Ei");
    assert_eq!(
        memory,
        dec(i64::MAX, 0, Bin),
        "BinarySI is capped at 2^63-1"
    );
    assert_eq!(memory.value(), i64::MAX);
    let cpu = parse("170141183460469231731687303715884105727n");
    assert!(!cpu.is_negative());
    assert_eq!((cpu.milli_value(), cpu.value()), (i64::MAX, i64::MAX));
    // 39 significant digits: rounded away from zero at the 38th.
    assert_eq!(cpu.to_string(), "170141183460469231731687303715884105730n");
    // More than 38 significant digits round away from zero at the 38th.
    let long = format!("{}1", "9".repeat(60));
    assert_eq!(parse(&long).to_string(), "10e60");
    // `int32(exponent)` keeps the low 32 bits, as upstream does.
    assert_eq!(parse("1e4294967296"), dec(1, 0, Exp));
    assert_eq!(parse("1e2147483647").to_string(), "10e2147483646");
    // A million digits: linear work, a sane value.
    let digits = "7".repeat(1_000_000);
    assert_eq!(parse(&digits).value(), i64::MAX);
    // 7/9 × 2^60 = 896716725805325425.78, rounded up.
    assert_eq!(
        parse(&format!("0.{digits}Ei")).value(),
        896_716_725_805_325_426
    );
}
