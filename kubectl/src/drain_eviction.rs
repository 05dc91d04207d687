//! How `kubectl drain` evicts pods (`staging/src/k8s.io/kubectl/pkg/drain/drain.go:
//! evictPods`): each pod through the eviction subresource, a pod that a
//! PodDisruptionBudget protects tried again every 5 seconds (the simulated
//! clock moves, so its replacements can start and the budget can allow one
//! more), until every pod is gone or `--timeout` passes.

use taintlab_core::Cluster;
use taintlab_core::cluster::Eviction;

/// Seconds `evictPods` sleeps after a 429.
const RETRY_SECONDS: u64 = 5;

/// Upstream retries forever without `--timeout`; taintlab stops after this
/// much simulated waiting, so a budget that can never be met ends the command.
const MAX_WAIT_SECONDS: u64 = 300;

/// Models `time.ParseDuration` for whole seconds: `90s`, `5m`, `1h30m`, `0`.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let invalid = || {
        format!("invalid argument {text:?} for \"--timeout\" flag: time: invalid duration {text:?}")
    };
    if text == "0" {
        return Ok(0);
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    let mut chars = text.chars().peekable();
    if chars.peek().is_none() {
        return Err(invalid());
    }
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                0
            }
            'm' => 60,
            's' => 1,
            _ => return Err(invalid()),
        };
        let n: u64 = number.parse().map_err(|_| invalid())?;
        number.clear();
        total = total.saturating_add(n.saturating_mul(unit));
    }
    if number.is_empty() {
        Ok(total)
    } else {
        // A number without a unit (other than a bare 0) is missing its unit.
        Err(format!(
            "invalid argument {text:?} for \"--timeout\" flag: time: missing unit in duration {text:?}"
        ))
    }
}

/// Models `time.Duration.String` for whole seconds: `1m0s`, `45s`, `1h0m0s`.
fn go_duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}h{m}m{s}s")
    } else if m > 0 {
        format!("{m}m{s}s")
    } else {
        format!("{s}s")
    }
}

/// Models `evictPods`: every pod's attempt prints `evicting pod`, a refusal by
/// a budget prints the retry line, and the pods evicted in a round print
/// `pod/NAME evicted` before the next round (they are gone within a second,
/// the retries wait five). Errors other than a budget's end the pod's attempts
/// and fail the node.
pub fn evict_pods(
    cluster: &mut Cluster,
    pods: Vec<(String, String)>,
    timeout: Option<u64>,
    text: &mut String,
) -> Result<(), Vec<String>> {
    let mut waiting = pods;
    let mut waited: u64 = 0;
    let mut errors = Vec::new();
    loop {
        let mut retry = Vec::new();
        let mut evicted = Vec::new();
        for (ns, name) in waiting {
            text.push_str(&format!("evicting pod {ns}/{name}\n"));
            if let Some(limit) = timeout
                && waited >= limit
            {
                errors.push(format!(
                    "error when evicting pods/{name:?} -n {ns:?}: global timeout reached: {}",
                    go_duration(limit)
                ));
                continue;
            }
            match cluster.evict_pod(&ns, &name) {
                Eviction::Evicted => evicted.push(name),
                Eviction::NotFound => {}
                Eviction::TooManyRequests(message) => {
                    text.push_str(&format!(
                        "error when evicting pods/{name:?} -n {ns:?} (will retry after {RETRY_SECONDS}s): {message}\n"
                    ));
                    retry.push((ns, name));
                }
                Eviction::Refused(message) => {
                    errors.push(format!(
                        "error when evicting pods/{name:?} -n {ns:?}: {message}"
                    ));
                }
            }
        }
        for name in evicted {
            text.push_str(&format!("pod/{name} evicted\n"));
        }
        if retry.is_empty() {
            break;
        }
        if timeout.is_none() && waited >= MAX_WAIT_SECONDS {
            for (ns, name) in retry {
                errors.push(format!(
                    "error when evicting pods/{name:?} -n {ns:?}: taintlab stopped retrying after {}: a real kubectl drain retries until --timeout passes (by default, forever)",
                    go_duration(MAX_WAIT_SECONDS)
                ));
            }
            break;
        }
        cluster.advance(RETRY_SECONDS);
        waited += RETRY_SECONDS;
        waiting = retry;
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_and_print_as_go_does() {
        assert_eq!(parse_duration("90s"), Ok(90));
        assert_eq!(parse_duration("1m30s"), Ok(90));
        assert_eq!(parse_duration("2h"), Ok(7200));
        assert_eq!(parse_duration("0"), Ok(0));
        assert!(parse_duration("5").is_err_and(|e| e.contains("missing unit")));
        assert!(parse_duration("x").is_err_and(|e| e.contains("invalid duration \"x\"")));
        assert_eq!(go_duration(60), "1m0s");
        assert_eq!(go_duration(45), "45s");
        assert_eq!(go_duration(3600), "1h0m0s");
    }
}
