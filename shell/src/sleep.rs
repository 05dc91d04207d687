//! `sleep`, on the host and on the nodes: simulated time passes for the whole
//! cluster. Models GNU coreutils' `sleep`: each operand is a number of seconds
//! with an optional `s`, `m`, `h` or `d`, and the operands add up. taintlab lets
//! at most [`limits::MAX_STEP_SECONDS`] pass in one command.

use taintlab_core::Cluster;
use taintlab_core::limits::{self, Limit};

/// Runs `sleep ARGS` on `cluster`: what it prints and its status.
pub(crate) fn run(cluster: &mut Cluster, args: &[String]) -> (String, i32) {
    const TRY_HELP: &str = "Try 'sleep --help' for more information.\n";
    if args.is_empty() {
        return (format!("sleep: missing operand\n{TRY_HELP}"), 1);
    }
    let mut invalid = String::new();
    let mut total = 0.0;
    for arg in args {
        match seconds(arg) {
            Some(s) => total += s,
            None => invalid.push_str(&format!("sleep: invalid time interval '{arg}'\n")),
        }
    }
    if !invalid.is_empty() {
        return (format!("{invalid}{TRY_HELP}"), 1);
    }
    // Checked as a float, before any conversion: a huge operand neither wraps
    // nor saturates into a step the clock cannot take.
    let total = f64::round(total);
    if total > limits::MAX_STEP_SECONDS as f64 {
        return (format!("sleep: {}\n", Limit::StepSeconds.en()), 1);
    }
    cluster.advance(total as u64);
    (String::new(), 0)
}

/// One operand in seconds: a non-negative number (as `strtod` reads it, so
/// `1e3` and `inf` too) and an optional unit. Models coreutils `sleep.c`:
/// `apply_suffix`.
fn seconds(arg: &str) -> Option<f64> {
    let non_negative = |text: &str| text.parse().ok().filter(|v: &f64| *v >= 0.0);
    if let Some(value) = non_negative(arg) {
        return Some(value);
    }
    let (at, unit) = arg.char_indices().last()?;
    let scale = match unit {
        's' => 1.0,
        'm' => 60.0,
        'h' => 3600.0,
        'd' => 86400.0,
        _ => return None,
    };
    non_negative(&arg[..at]).map(|value| value * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operands_add_up_with_their_units() {
        assert_eq!(seconds("90"), Some(90.0));
        assert_eq!(seconds("1.5m"), Some(90.0));
        assert_eq!(seconds("2h"), Some(7200.0));
        assert_eq!(seconds("1d"), Some(86400.0));
        assert_eq!(seconds("inf"), Some(f64::INFINITY));
        for bad in ["", "soon", "-1", "nan", "5x", "1mm", "h"] {
            assert_eq!(seconds(bad), None, "{bad}");
        }
        let mut cluster = Cluster::tutorial();
        assert_eq!(
            run(&mut cluster, &["1m".into(), "30".into()]),
            (String::new(), 0)
        );
        assert_eq!(cluster.now().as_secs(), 90);
    }

    #[test]
    fn more_than_a_step_is_refused_and_the_clock_stays() {
        let mut cluster = Cluster::tutorial();
        let too_much = format!("sleep: {}\n", Limit::StepSeconds.en());
        for arg in ["99999999999999999999h", "1e300", "inf", "86401", "24h 1s"] {
            let args: Vec<String> = arg.split(' ').map(String::from).collect();
            assert_eq!(run(&mut cluster, &args), (too_much.clone(), 1), "{arg}");
        }
        assert_eq!(cluster.now().as_secs(), 0);
        assert_eq!(run(&mut cluster, &["24h".into()]), (String::new(), 0));
        assert_eq!(cluster.now().as_secs(), 86_400);
        assert_eq!(
            run(&mut cluster, &["1e999x".into()]),
            (
                "sleep: invalid time interval '1e999x'\nTry 'sleep --help' for more information.\n"
                    .into(),
                1
            )
        );
    }
}
