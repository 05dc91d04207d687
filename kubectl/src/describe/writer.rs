//! The pieces every describer shares (`kubectl/pkg/describe/describe.go`):
//! `PrefixWriter` over `tabbedString`'s tabwriter, the multi-line label,
//! annotation, taint and toleration printers, the Events table and the time format.

use super::gosort::sort_slice;
use crate::age::human_duration;
use crate::tabwriter::TabWriter;
use std::collections::BTreeMap;
use taintlab_core::api::{Taint, Toleration};
use taintlab_core::clock::Time;
use taintlab_core::events::Event;

/// `corev1.LastAppliedConfigAnnotation`, which describe never prints.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";
/// `maxAnnotationLen`.
const MAX_ANNOTATION_LEN: usize = 140;

/// Models `PrefixWriter` (two spaces a level) writing into `tabbedString`'s
/// tabwriter (`tabwriter.Init(buf, 0, 8, 2, ' ', 0)`).
#[derive(Debug)]
pub struct PrefixWriter {
    out: TabWriter,
}

impl Default for PrefixWriter {
    fn default() -> Self {
        PrefixWriter {
            out: TabWriter::new(0, 2),
        }
    }
}

impl PrefixWriter {
    /// Models `prefixWriter.Write(level, ...)`.
    pub fn write(&mut self, level: usize, text: &str) {
        // Written piece by piece rather than joined first: `describe nodes` on a
        // big cluster writes hundreds of thousands of these.
        for _ in 0..level {
            self.out.write("  ");
        }
        self.write_escaped(text);
    }

    /// Models `prefixWriter.WriteLine(text)`.
    pub fn line(&mut self, text: &str) {
        self.write_escaped(text);
        self.out.write("\n");
    }

    /// `text` through [`escape_terminal`], copied only when there is something to
    /// escape.
    fn write_escaped(&mut self, text: &str) {
        if text.contains(['\u{1b}', '\r']) {
            self.out.write(&escape_terminal(text));
        } else {
            self.out.write(text);
        }
    }

    /// Models `prefixWriter.Flush`.
    pub fn flush(&mut self) {
        self.out.flush();
    }

    /// The laid-out text (`tabbedString`'s final `Flush`).
    pub fn finish(self) -> String {
        self.out.finish()
    }
}

/// Models `cli-runtime/pkg/printers.EscapeTerminal`.
fn escape_terminal(text: &str) -> String {
    text.replace('\u{1b}', "^[").replace('\r', "\\r")
}

/// Models `printLabelsMultiline` (and `printLabelsMultilineWithIndent` with an
/// empty initial indent): `title:\t` then one `k=v` a line, sorted.
pub fn labels(w: &mut PrefixWriter, title: &str, labels: &BTreeMap<String, String>) {
    w.write(0, &format!("{title}:\t"));
    if labels.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{k}={v}\n"));
    }
}

/// Models `printAnnotationsMultiline`: long or multi-line values go below their key,
/// shortened to 138 characters a line; the last-applied configuration is skipped.
pub fn annotations(w: &mut PrefixWriter, title: &str, annotations: &BTreeMap<String, String>) {
    w.write(0, &format!("{title}:\t"));
    let keys: Vec<&String> = annotations.keys().filter(|k| *k != LAST_APPLIED).collect();
    if keys.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, key) in keys.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let value = annotations
            .get(key)
            .map(|v| v.strip_suffix('\n').unwrap_or(v))
            .unwrap_or_default();
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.write(0, &format!("{key}:\n"));
            for part in value.split('\n') {
                w.write(
                    0,
                    &format!("\t  {}\n", shorten(part, MAX_ANNOTATION_LEN - 2)),
                );
            }
        } else {
            w.write(0, &format!("{key}: {value}\n"));
        }
    }
}

/// Models `shorten`: at most `max` bytes (on a character boundary), then `...`.
fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &text[..end])
}

/// Models `printNodeTaintsMultiline`: sorted by `effect + "," + key`.
pub fn taints(w: &mut PrefixWriter, title: &str, taints: &[Taint]) {
    w.write(0, &format!("{title}:\t"));
    if taints.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Taint> = taints.iter().collect();
    let key = |t: &Taint| format!("{},{}", t.effect, t.key);
    sort_slice(&mut sorted, |a, b| key(a) < key(b));
    for (i, taint) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{taint}\n"));
    }
}

/// Models `printPodTolerationsMultiline`: sorted by key, `key[=value][:effect]`,
/// then ` op=Exists` and ` for Ns` (see `Toleration`'s `Display`).
pub fn tolerations(w: &mut PrefixWriter, title: &str, tolerations: &[Toleration]) {
    w.write(0, &format!("{title}:\t"));
    if tolerations.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Toleration> = tolerations.iter().collect();
    sort_slice(&mut sorted, |a, b| a.key < b.key);
    for (i, toleration) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{toleration}\n"));
    }
}

/// An event's timestamps as the API stores them: whole seconds.
fn seconds(t: Time) -> Time {
    Time::from_secs(t.as_secs())
}

/// Models `translateTimestampSince` for an event time.
fn since(now: Time, then: Time) -> String {
    human_duration(now.0 as i64 - seconds(then).0 as i64)
}

/// Models `DescribeEvents`: `<none>`, or a flush and then the table sorted by
/// last timestamp (`event.SortableEvents`, Go's unstable sort).
pub fn events(w: &mut PrefixWriter, events: &[&Event], now: Time) {
    if events.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    w.flush();
    let mut sorted: Vec<&Event> = events.to_vec();
    sort_slice(&mut sorted, |a, b| {
        seconds(a.last_timestamp) < seconds(b.last_timestamp)
    });
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for e in sorted {
        let first = since(now, e.first_timestamp);
        let interval = if e.count > 1 {
            format!(
                "{} (x{} over {first})",
                since(now, e.last_timestamp),
                e.count
            )
        } else {
            first
        };
        w.write(
            1,
            &format!(
                "{}\t{}\t{interval}\t{}\t{}\n",
                e.type_.as_str(),
                e.reason,
                e.source,
                e.message.trim()
            ),
        );
    }
}

/// Days from 1970-01-01 to the given civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Go's `time.RFC1123Z` layout in UTC: `Thu, 01 Jan 2026 00:00:05 +0000`.
pub fn rfc1123z(t: Time) -> String {
    // `Time::rfc3339` is the one calendar conversion in core: reuse its fields.
    let text = t.rfc3339();
    let field = |range: std::ops::Range<usize>| -> i64 {
        text.get(range).and_then(|s| s.parse().ok()).unwrap_or(0)
    };
    let (year, month, day) = (field(0..4), field(5..7), field(8..10));
    let weekday = (days_from_civil(year, month, day) + 4).rem_euclid(7) as usize;
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month_name = MONTHS
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("Jan");
    format!(
        "{}, {day:02} {month_name} {year:04} {} +0000",
        DAYS[weekday],
        text.get(11..19).unwrap_or("00:00:00")
    )
}

/// Go's zero `time.Time` in `time.RFC1123Z`, what describe prints for an unset time.
pub const ZERO_TIME: &str = "Mon, 01 Jan 0001 00:00:00 +0000";

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::api::TaintEffect;

    fn text(f: impl FnOnce(&mut PrefixWriter)) -> String {
        let mut w = PrefixWriter::default();
        f(&mut w);
        w.finish()
    }

    #[test]
    fn rfc1123z_matches_go() {
        assert_eq!(rfc1123z(Time::ZERO), "Thu, 01 Jan 2026 00:00:00 +0000");
        assert_eq!(
            rfc1123z(Time::from_secs(86_400 * 31 + 3661)),
            "Sun, 01 Feb 2026 01:01:01 +0000"
        );
        assert_eq!(
            rfc1123z(Time::from_secs(86_400 * 59)),
            "Sun, 01 Mar 2026 00:00:00 +0000"
        );
    }

    #[test]
    fn taints_sort_by_effect_then_key_and_align_at_column_20() {
        let taints_list = vec![
            Taint::new(
                "node.kubernetes.io/unreachable",
                "",
                TaintEffect::NoSchedule,
            ),
            Taint::new("node.kubernetes.io/unreachable", "", TaintEffect::NoExecute),
        ];
        let out = text(|w| {
            w.write(0, "CreationTimestamp:\tx\n");
            taints(w, "Taints", &taints_list);
            w.write(0, "Unschedulable:\tfalse\n");
        });
        assert_eq!(
            out,
            "CreationTimestamp:  x\nTaints:             node.kubernetes.io/unreachable:NoExecute\n                    node.kubernetes.io/unreachable:NoSchedule\nUnschedulable:      false\n"
        );
    }

    #[test]
    fn long_annotations_go_below_their_key() {
        let mut map = BTreeMap::new();
        map.insert("a".to_string(), "x".repeat(200));
        map.insert("b".to_string(), "one\ntwo\n".to_string());
        map.insert(LAST_APPLIED.to_string(), "{}".to_string());
        let out = text(|w| annotations(w, "Annotations", &map));
        let want = format!(
            "Annotations:  a:\n                {}...\n              b:\n                one\n                two\n",
            "x".repeat(138)
        );
        assert_eq!(out, want);
        let none = text(|w| annotations(w, "Annotations", &BTreeMap::new()));
        assert_eq!(none, "Annotations:  <none>\n");
    }

    #[test]
    fn events_show_repeats_and_sort_by_last_time() {
        use taintlab_core::events::{EventLog, EventType, ObjectRef};
        let mut log = EventLog::default();
        let pod = || ObjectRef::new("Pod", "default", "web");
        let record = |log: &mut EventLog, at: u64, reason: &'static str, message: &str| {
            log.record(
                Time::from_secs(at),
                EventType::Warning,
                pod(),
                "default-scheduler",
                reason,
                message.to_string(),
            );
        };
        record(&mut log, 0, "FailedScheduling", "0/2 nodes are available.");
        record(&mut log, 5, "Other", "  padded message  ");
        record(&mut log, 30, "FailedScheduling", "0/2 nodes are available.");
        record(&mut log, 70, "FailedScheduling", "0/2 nodes are available.");
        let list: Vec<&Event> = log.all().iter().collect();
        let out = text(|w| events(w, &list, Time::from_secs(190)));
        assert_eq!(
            out,
            "Events:\n  Type     Reason            Age                 From               Message\n  ----     ------            ----                ----               -------\n  Warning  Other             3m5s                default-scheduler  padded message\n  Warning  FailedScheduling  2m (x3 over 3m10s)  default-scheduler  0/2 nodes are available.\n"
        );
        assert_eq!(text(|w| events(w, &[], Time::ZERO)), "Events:  <none>\n");
    }

    #[test]
    fn terminal_escapes_are_neutralised() {
        let out = text(|w| w.write(0, "Name:\ta\u{1b}[31m\r\n"));
        assert_eq!(out, "Name:  a^[[31m\\r\n");
    }
}
