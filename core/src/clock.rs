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
        assert_eq!(Time::from_secs(5).millis_since(Time::from_secs(7)), 0);
    }
}
