//! How kubectl prints ages and times.

use taintlab_core::clock::Time;

/// Models `k8s.io/apimachinery/pkg/util/duration.HumanDuration`: `45s`, `3m12s`,
/// `2h5m`, `4d3h`, `1y12d`; more precise when short, coarser when long.
pub fn human_duration(millis: i64) -> String {
    let seconds = millis.div_euclid(1000);
    if seconds < -1 {
        return "<invalid>".to_string();
    }
    if seconds < 0 {
        return "0s".to_string();
    }
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let days = (hours / 24) % 365;
        return if days == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{days}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

/// Models `translateTimestampSince`: the age of something created at `then`, or
/// `<unknown>` when there is no time.
pub fn age(now: Time, then: Option<Time>) -> String {
    match then {
        None => "<unknown>".to_string(),
        Some(then) => human_duration(now.0 as i64 - then.0 as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Upstream's own table (`duration_test.go: TestHumanDuration`).
    #[test]
    fn human_durations_match_upstream() {
        let s = 1000i64;
        let m = 60 * s;
        let h = 60 * m;
        let d = 24 * h;
        let y = 365 * d;
        for (millis, want) in [
            (s, "1s"),
            (70 * s, "70s"),
            (190 * s, "3m10s"),
            (70 * m, "70m"),
            (47 * h, "47h"),
            (49 * h, "2d1h"),
            (8 * d + 2 * h, "8d"),
            (2 * y, "2y"),
            (2 * y + 10 * d, "2y10d"),
            (8 * y + 10 * d, "8y"),
            (-2 * s, "<invalid>"),
            (-s, "0s"),
            (2 * m, "2m"),
            (3 * h + 30 * m, "3h30m"),
            (5 * h, "5h"),
        ] {
            assert_eq!(human_duration(millis), want, "{millis} ms");
        }
    }
}
