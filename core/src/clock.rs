//! The simulated clock. All time in core comes from here; nothing reads a wall clock.

use std::fmt;

/// Seconds from 1970-01-01 to the simulated cluster's birth, 2026-01-01T00:00:00Z.
/// A fixed epoch keeps timestamps, and so every output, deterministic.
const EPOCH_UNIX_SECONDS: u64 = 1_767_225_600;

/// A moment on the simulated clock: milliseconds since the cluster started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub u64);

impl Time {
    /// The moment the cluster started.
    pub const ZERO: Time = Time(0);

    /// `seconds` after the cluster started.
    pub const fn from_secs(seconds: u64) -> Time {
        Time(seconds * 1000)
    }

    /// Whole seconds since the cluster started.
    pub const fn as_secs(self) -> u64 {
        self.0 / 1000
    }

    /// This moment plus `seconds` (saturating).
    pub fn plus_secs(self, seconds: u64) -> Time {
        Time(self.0.saturating_add(seconds.saturating_mul(1000)))
    }

    /// This moment plus `millis` (saturating).
    pub fn plus_millis(self, millis: u64) -> Time {
        Time(self.0.saturating_add(millis))
    }

    /// Milliseconds from `earlier` to `self` (zero if `earlier` is later).
    pub fn millis_since(self, earlier: Time) -> u64 {
        self.0.saturating_sub(earlier.0)
    }

    /// RFC 3339 in UTC, as Kubernetes writes timestamps: `2026-01-01T00:00:05Z`.
    pub fn rfc3339(self) -> String {
        let total = EPOCH_UNIX_SECONDS + self.as_secs();
        let (days, secs) = (total / 86_400, total % 86_400);
        let (y, m, d) = civil_from_days(days as i64);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A moment given in milliseconds since 1970-01-01T00:00:00Z, in RFC 3339 (UTC,
/// whole seconds): `2026-12-01T09:10:00Z`.
pub fn unix_rfc3339(millis: i64) -> String {
    let seconds = millis.div_euclid(1000);
    let (days, secs) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Howard Hinnant's `days_from_civil`: (year, month, day) to days since 1970-01-01.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Milliseconds since 1970-01-01T00:00:00Z of a timestamp as the API server
/// writes them (`2026-12-01T09:05:00Z`, `2026-12-01T09:05:00.123456Z`,
/// `2026-12-01T10:05:00+01:00`): Go's `time.RFC3339` layout, which
/// `metav1.Time.UnmarshalJSON` reads (fractional seconds are accepted when
/// parsing). `None` for anything else, as Go's `time.Parse` refuses it.
pub fn unix_millis(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        part.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > month_days || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut at = 19;
    let mut millis = 0;
    if b.get(at) == Some(&b'.') {
        let start = at + 1;
        at = start;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        if at == start {
            return None;
        }
        // Milliseconds: the first three digits, padded.
        for i in 0..3 {
            millis = millis * 10
                + b.get(start + i)
                    .filter(|_| start + i < at)
                    .map_or(0, |c| i64::from(c - b'0'));
        }
    }
    let offset_minutes = match b.get(at..)? {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (digits(at + 1..at + 3)?, digits(at + 4..at + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = i64::from(h * 60 + m);
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    let days = days_from_civil(i64::from(year), month, day);
    let seconds =
        days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(Time::ZERO.rfc3339(), "2026-01-01T00:00:00Z");
        assert_eq!(Time::from_secs(3661).rfc3339(), "2026-01-01T01:01:01Z");
        assert_eq!(
            Time::from_secs(59 * 86_400).rfc3339(),
            "2026-03-01T00:00:00Z"
        );
        assert_eq!(
            Time::from_secs(365 * 86_400).rfc3339(),
            "2027-01-01T00:00:00Z"
        );
        assert_eq!(Time(1500).as_secs(), 1);
        assert_eq!(
            unix_millis("2026-01-01T00:00:00Z"),
            Some(EPOCH_UNIX_SECONDS as i64 * 1000)
        );
        assert_eq!(Time::from_secs(5).millis_since(Time::from_secs(7)), 0);
    }

    /// Every moment reads back as the time it prints, and Go's layout decides
    /// what else is a timestamp.
    #[test]
    fn timestamps_read_back() {
        for secs in [
            0,
            1,
            59,
            3661,
            59 * 86_400,
            365 * 86_400 + 7,
            4000 * 86_400 + 12_345,
        ] {
            let t = Time::from_secs(secs);
            let millis = unix_millis(&t.rfc3339()).expect("reads");
            assert_eq!(millis, (EPOCH_UNIX_SECONDS + secs) as i64 * 1000, "{t}");
        }
        let base = unix_millis("2026-12-01T09:05:00Z").expect("reads");
        assert_eq!(unix_rfc3339(base + 999), "2026-12-01T09:05:00Z");
        assert_eq!(unix_rfc3339(-1000), "1969-12-31T23:59:59Z");
        assert_eq!(unix_millis("2026-12-01T09:05:00.5Z"), Some(base + 500));
        assert_eq!(
            unix_millis("2026-12-01T09:05:00.123456789Z"),
            Some(base + 123)
        );
        assert_eq!(unix_millis("2026-12-01T10:35:00+01:30"), Some(base));
        assert_eq!(unix_millis("2026-12-01T08:05:00-01:00"), Some(base));
        assert_eq!(unix_millis("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_millis("1969-12-31T23:59:59Z"), Some(-1000));
        assert!(unix_millis("2024-02-29T00:00:00Z").is_some());
        for bad in [
            "",
            "2026-12-01",
            "2026-12-01 09:05:00Z",
            "2026-12-01T09:05:00",
            "2026-13-01T09:05:00Z",
            "2026-02-29T09:05:00Z",
            "2026-12-01T24:00:00Z",
            "2026-12-01T09:05:60Z",
            "2026-12-01T09:05:00.Z",
            "2026-12-01T09:05:00+0100",
            "2026-12-01T09:05:00Zjunk",
            "２026-12-01T09:05:00Z",
            "null",
        ] {
            assert_eq!(unix_millis(bad), None, "{bad}");
        }
    }
}
