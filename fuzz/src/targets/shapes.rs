//! The inputs the fuzzer leaves alone because they only meet problems already
//! reported in issue 11 and being fixed by others (each with its own bound in
//! `core/src/limits.rs`). Without this, the fuzzer would spend its time
//! rediscovering them. Delete a rule once its fix has landed, so the fuzzer checks
//! the fix.

/// Why `text` is left out, if it is.
pub fn known_shape(text: &str) -> Option<&'static str> {
    if nesting_depth(text) > 200 {
        return Some("flow nesting over 200 (quadratic scanner before MAX_DEPTH)");
    }
    None
}

/// The same for a terminal script or a session holding command lines.
pub fn known_shell_shape(text: &str) -> Option<&'static str> {
    if let Some(why) = known_shape(text) {
        return Some(why);
    }
    if text.matches('!').count() > 8 {
        return Some("history expansion blow-up (`!! !!`, MAX_LINE_BYTES)");
    }
    for line in text.lines() {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || matches!(c, ';' | '&' | '|' | '\'' | '"'))
            .filter(|w| !w.is_empty())
            .collect();
        if words.iter().any(|w| matches!(*w, "mv" | "cp")) && copies_into_itself(&words) {
            return Some("mv/cp of a directory into itself (terminal/mv_cp.rs)");
        }
        if let Some(at) = words.iter().position(|w| *w == "sleep")
            && words
                .get(at + 1)
                .is_some_and(|arg| sleep_seconds(arg) > 86_400.0)
        {
            return Some("sleep over 24h (MAX_STEP_SECONDS)");
        }
    }
    None
}

/// The deepest nesting of `{` and `[` (quotes not understood: an upper bound).
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for c in text.bytes() {
        match c {
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Whether the arguments of a `mv` or `cp` name a directory and a place inside it
/// (or a path that may be one: the root, `.`, `..`, a glob).
fn copies_into_itself(words: &[&str]) -> bool {
    let args: Vec<&str> = words
        .iter()
        .skip_while(|w| !matches!(**w, "mv" | "cp"))
        .skip(1)
        .filter(|w| !w.starts_with('-'))
        .copied()
        .collect();
    let risky = |a: &str| {
        a.contains("..")
            || a.contains('*')
            || a.contains('?')
            || a.contains('$')
            || a.contains('`')
            || matches!(a.trim_end_matches('/'), "" | "." | "~" | "/")
    };
    if args.iter().any(|a| risky(a)) {
        return true;
    }
    let home = |a: &str| match a.strip_prefix('~') {
        Some(rest) => format!("/root{rest}"),
        None => a.to_string(),
    };
    let args: Vec<String> = args
        .iter()
        .map(|a| home(a).trim_end_matches('/').to_string())
        .collect();
    args.iter().enumerate().any(|(i, a)| {
        args.iter().enumerate().any(|(j, b)| {
            // `b` is inside `a`; or `a` is relative and `b` names it somewhere
            // (the working directory is not known here).
            i != j
                && (b.starts_with(&format!("{a}/"))
                    || (!a.starts_with('/') && b.split('/').any(|part| part == a.as_str())))
        })
    })
}

/// `sleep`'s argument in seconds, as `sleep` reads it (infinite when unreadable
/// but long, so that it is left out).
fn sleep_seconds(arg: &str) -> f64 {
    let (number, scale) = match arg.chars().last() {
        Some('m') => (&arg[..arg.len() - 1], 60.0),
        Some('h') => (&arg[..arg.len() - 1], 3600.0),
        Some('d') => (&arg[..arg.len() - 1], 86400.0),
        Some('s') => (&arg[..arg.len() - 1], 1.0),
        _ => (arg, 1.0),
    };
    match number.parse::<f64>() {
        Ok(n) if n.is_nan() => 0.0,
        Ok(n) => n * scale,
        Err(_) => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_problems_are_recognised() {
        assert!(known_shape(&"{[".repeat(150)).is_some());
        for text in [
            "ssh worker\nmv / /x\n",
            "cp -r / /x",
            "cp -r /etc /etc/kubernetes/x",
            "cp -r etc /etc/x",
            "cp -r /root ~/x",
            "!! !!\n!! !!\n!! !!\n!! !!\n!! !!\n",
            "sleep 1e99",
            "sleep 2d",
        ] {
            assert!(known_shell_shape(text).is_some(), "{text:?}");
        }
    }

    #[test]
    fn ordinary_inputs_are_fuzzed() {
        for text in [
            "spec:\n  replicas: 3\n",
            "kubectl scale deploy x --replicas=10",
            "spec:\n  replicas: 100\n",
            // Big replica counts are fuzzed again: pending pods no longer cost
            // every simulated second (issue 13's scheduling queue).
            "spec:\n  replicas: 2147483647\n",
            "kubectl scale deploy x --replicas=1000000",
            "kubectl get pods | grep web",
            "cp /etc/kubernetes/manifests/a.yaml /tmp/a.yaml",
            "sleep 5m",
            "mv a b",
            "ssh worker\nmv /etc/kubernetes/manifests/a.yaml /tmp/",
            "history\n!!\n",
            "replicas",
        ] {
            assert_eq!(known_shell_shape(text), None, "{text:?}");
        }
        assert_eq!(nesting_depth("{[]}[[[]]]"), 3);
    }
}
