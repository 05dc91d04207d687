//! Simulated moments written the ways node tools write them: klog headers, systemd
//! timestamps, journal lines, `ls -l` dates. The node's clock is UTC, as in a kind
//! node container.

use taintlab_core::clock::Time;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Calendar fields of a moment: (year, month 1-12, day, hour, minute, second).
fn fields(t: Time) -> (u32, usize, u32, u32, u32, u32) {
    // RFC 3339 is `YYYY-MM-DDTHH:MM:SSZ`; read the numbers back out of it.
    let text = t.rfc3339();
    let num = |range: std::ops::Range<usize>| -> u32 {
        text.get(range)
            .and_then(|s| s.parse().ok())
            .unwrap_or_default()
    };
    let month = (num(5..7) as usize).clamp(1, 12);
    (
        num(0..4),
        month,
        num(8..10),
        num(11..13),
        num(14..16),
        num(17..19),
    )
}

/// The month's abbreviation.
fn month(t: Time) -> &'static str {
    MONTHS[fields(t).1 - 1]
}

/// The weekday: the simulated clock starts on Thursday, 2026-01-01.
fn weekday(t: Time) -> &'static str {
    WEEKDAYS[((t.as_secs() / 86_400 + 4) % 7) as usize]
}

/// klog's `MMDD hh:mm:ss` (the caller adds microseconds).
pub fn klog_stamp(t: Time) -> String {
    let (_, m, d, hh, mm, ss) = fields(t);
    format!("{m:02}{d:02} {hh:02}:{mm:02}:{ss:02}")
}

/// systemd's `FORMAT_TIMESTAMP`: `Thu 2026-01-01 00:00:00 UTC`.
pub fn systemd_timestamp(t: Time) -> String {
    let (y, m, d, hh, mm, ss) = fields(t);
    format!(
        "{} {y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02} UTC",
        weekday(t)
    )
}

/// journalctl's short format prefix: `Jan 01 00:00:00`.
pub fn journal_stamp(t: Time) -> String {
    let (_, _, d, hh, mm, ss) = fields(t);
    format!("{} {d:02} {hh:02}:{mm:02}:{ss:02}", month(t))
}

/// `ls -l`'s date of a recent file: `Jan  1 00:00` (`%b %e %H:%M`).
pub fn ls_date(t: Time) -> String {
    let (_, _, d, hh, mm, _) = fields(t);
    format!("{} {d:>2} {hh:02}:{mm:02}", month(t))
}

/// systemd's `FORMAT_TIMESTAMP_RELATIVE` (`format_timestamp_relative_full`):
/// `5s ago`, `1min 5s ago`, `2h 3min ago`, `1 day 2h ago`.
pub fn systemd_relative(millis: u64) -> String {
    const SEC: u64 = 1000;
    const MIN: u64 = 60 * SEC;
    const HOUR: u64 = 60 * MIN;
    const DAY: u64 = 24 * HOUR;
    const WEEK: u64 = 7 * DAY;
    const MONTH: u64 = 2_629_800 * SEC;
    const YEAR: u64 = 31_557_600 * SEC;
    let d = millis;
    let plural = |n: u64, one: &str, many: &str| {
        if n == 1 {
            one.to_string()
        } else {
            many.to_string()
        }
    };
    let text = if d >= YEAR {
        let (y, mo) = (d / YEAR, d % YEAR / MONTH);
        format!(
            "{y} {} {mo} {}",
            plural(y, "year", "years"),
            plural(mo, "month", "months")
        )
    } else if d >= MONTH {
        let (mo, days) = (d / MONTH, d % MONTH / DAY);
        format!(
            "{mo} {} {days} {}",
            plural(mo, "month", "months"),
            plural(days, "day", "days")
        )
    } else if d >= WEEK {
        let (w, days) = (d / WEEK, d % WEEK / DAY);
        format!(
            "{w} {} {days} {}",
            plural(w, "week", "weeks"),
            plural(days, "day", "days")
        )
    } else if d >= 2 * DAY {
        format!("{} days", d / DAY)
    } else if d >= 25 * HOUR {
        format!("1 day {}h", (d - DAY) / HOUR)
    } else if d >= 6 * HOUR {
        format!("{}h", d / HOUR)
    } else if d >= HOUR {
        format!("{}h {}min", d / HOUR, d % HOUR / MIN)
    } else if d >= 5 * MIN {
        format!("{}min", d / MIN)
    } else if d >= MIN {
        format!("{}min {}s", d / MIN, d % MIN / SEC)
    } else if d >= SEC {
        format!("{}s", d / SEC)
    } else if d > 0 {
        format!("{d}ms")
    } else {
        return "now".to_string();
    };
    format!("{text} ago")
}

/// systemd's `format_timespan` at millisecond accuracy: `1min 5.25s`, `2h 3min`.
pub fn systemd_timespan(millis: u64) -> String {
    if millis == 0 {
        return "0".to_string();
    }
    let units: [(&str, u64); 6] = [
        ("y", 31_557_600_000),
        ("month", 2_629_800_000),
        ("w", 604_800_000),
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("min", 60_000),
    ];
    let mut parts = Vec::new();
    let mut t = millis;
    for (name, unit) in units {
        if t >= unit {
            parts.push(format!("{}{name}", t / unit));
            t %= unit;
        }
    }
    if t >= 1000 {
        let (s, ms) = (t / 1000, t % 1000);
        if ms == 0 {
            parts.push(format!("{s}s"));
        } else {
            let frac = format!("{ms:03}");
            parts.push(format!("{s}.{}s", frac.trim_end_matches('0')));
        }
    } else if t > 0 {
        parts.push(format!("{t}ms"));
    }
    parts.join(" ")
}

/// `units.HumanDuration` from docker/go-units, as crictl's CREATED column uses it.
pub fn go_units_human_duration(millis: u64) -> String {
    let seconds = millis / 1000;
    let minutes = seconds / 60;
    // go-units rounds hours half up: int(d.Hours() + 0.5).
    let hours = (millis + 1_800_000) / 3_600_000;
    if seconds < 1 {
        "Less than a second".to_string()
    } else if seconds == 1 {
        "1 second".to_string()
    } else if seconds < 60 {
        format!("{seconds} seconds")
    } else if minutes == 1 {
        "About a minute".to_string()
    } else if minutes < 60 {
        format!("{minutes} minutes")
    } else if hours == 1 {
        "About an hour".to_string()
    } else if hours < 48 {
        format!("{hours} hours")
    } else if hours < 24 * 7 * 2 {
        format!("{} days", hours / 24)
    } else if hours < 24 * 30 * 2 {
        format!("{} weeks", hours / 24 / 7)
    } else if hours < 24 * 365 * 2 {
        format!("{} months", hours / 24 / 30)
    } else {
        format!("{} years", millis / 3_600_000 / 24 / 365)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_the_tools_do() {
        let t = Time::from_secs(65);
        assert_eq!(systemd_timestamp(t), "Thu 2026-01-01 00:01:05 UTC");
        assert_eq!(journal_stamp(t), "Jan 01 00:01:05");
        assert_eq!(ls_date(t), "Jan  1 00:01");
        assert_eq!(klog_stamp(t), "0101 00:01:05");
        assert_eq!(
            systemd_timestamp(Time::from_secs(3 * 86_400)),
            "Sun 2026-01-04 00:00:00 UTC"
        );
        let cases = [
            (0, "now"),
            (500, "500ms ago"),
            (5_000, "5s ago"),
            (65_000, "1min 5s ago"),
            (600_000, "10min ago"),
            (3_900_000, "1h 5min ago"),
            (7 * 3_600_000, "7h ago"),
            (26 * 3_600_000, "1 day 2h ago"),
            (3 * 86_400_000, "3 days ago"),
        ];
        for (ms, want) in cases {
            assert_eq!(systemd_relative(ms), want, "{ms}");
        }
        assert_eq!(systemd_timespan(65_250), "1min 5.25s");
        assert_eq!(systemd_timespan(7_200_000), "2h");
        for (ms, want) in [
            (0, "Less than a second"),
            (1_500, "1 second"),
            (30_000, "30 seconds"),
            (90_000, "About a minute"),
            (600_000, "10 minutes"),
            (3_600_000, "About an hour"),
            (5 * 3_600_000, "5 hours"),
        ] {
            assert_eq!(go_units_human_duration(ms), want, "{ms}");
        }
    }
}
