//! Whether a string is an image reference, as `kubectl run` checks `--image`
//! before it builds anything: `github.com/distribution/reference` v0.6.0,
//! `ReferenceRegexp`, matched here without a regex engine.
//!
//! The expression is
//! `^((?:host(?::[0-9]+)?/)?path(?:/path)*)(?::tag)?(?:@digest)?$`, where a host
//! is a domain name or a bracketed IPv6 address. Go's `$` matches only at the very
//! end, so a trailing newline fails, as every control character does.

/// Models `reference.ReferenceRegexp.MatchString`.
pub fn is_reference(s: &str) -> bool {
    // Neither a name nor a tag holds '@', and a digest holds none.
    let (rest, digest) = match s.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (s, None),
    };
    if digest.is_some_and(|d| !is_digest(d)) {
        return false;
    }
    // A tag follows the last ':' when no '/' comes after it: a path never holds
    // ':', and a host's port or IPv6 colons always come before a '/'.
    let (name, tag) = match rest.rfind(':') {
        Some(colon) if !rest[colon..].contains('/') => (&rest[..colon], Some(&rest[colon + 1..])),
        _ => (rest, None),
    };
    if tag.is_some_and(|t| !is_tag(t)) {
        return false;
    }
    is_name(name)
}

/// `(?:domainAndPort/)?remoteName`. A host holds no '/', so when there is one it
/// is everything before the first '/'.
fn is_name(name: &str) -> bool {
    if is_remote_name(name) {
        return true;
    }
    match name.split_once('/') {
        Some((host, remote)) => is_domain_and_port(host) && is_remote_name(remote),
        None => false,
    }
}

/// `pathComponent(?:/pathComponent)*`.
fn is_remote_name(s: &str) -> bool {
    s.split('/').all(is_path_component)
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`: lower-case runs joined by one
/// `.`, one or two `_`, or any number of `-`.
fn is_path_component(s: &str) -> bool {
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let (Some(first), Some(last)) = (s.chars().next(), s.chars().last()) else {
        return false;
    };
    if !alnum(first) || !alnum(last) {
        return false;
    }
    s.split(alnum)
        .all(|sep| matches!(sep, "" | "." | "_" | "__") || sep.chars().all(|c| c == '-'))
}

/// `(?:domainName|\[[a-fA-F0-9:]+\])(?::[0-9]+)?`.
fn is_domain_and_port(s: &str) -> bool {
    let (host_ok, port) = match s.strip_prefix('[') {
        Some(inner) => match inner.split_once(']') {
            Some((address, port)) => (
                !address.is_empty() && address.chars().all(|c| c.is_ascii_hexdigit() || c == ':'),
                port,
            ),
            None => return false,
        },
        None => match s.find(':') {
            Some(colon) => (is_domain_name(&s[..colon]), &s[colon..]),
            None => (is_domain_name(s), ""),
        },
    };
    host_ok
        && (port.is_empty()
            || port
                .strip_prefix(':')
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
}

/// `component(?:\.component)*`, each component
/// `[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]`.
fn is_domain_name(s: &str) -> bool {
    s.split('.').all(|component| {
        let bytes = component.as_bytes();
        match (bytes.first(), bytes.last()) {
            (Some(first), Some(last)) => {
                first.is_ascii_alphanumeric()
                    && last.is_ascii_alphanumeric()
                    && bytes
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            }
            _ => false,
        }
    })
}

/// `[\w][\w.-]{0,127}`, with Go's ASCII `\w`.
fn is_tag(s: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = s.as_bytes();
    match bytes.first() {
        Some(&first) => {
            word(first)
                && bytes.len() <= 128
                && bytes[1..]
                    .iter()
                    .all(|&b| word(b) || b == b'.' || b == b'-')
        }
        None => false,
    }
}

/// `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[[:xdigit:]]{32,}`.
fn is_digest(s: &str) -> bool {
    let Some((algorithm, hex)) = s.split_once(':') else {
        return false;
    };
    let component_ok = |c: &str| {
        let mut chars = c.chars();
        chars.next().is_some_and(|f| f.is_ascii_alphabetic())
            && chars.all(|ch| ch.is_ascii_alphanumeric())
    };
    algorithm.split(['-', '_', '+', '.']).all(component_ok)
        && hex.len() >= 32
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_the_regexp_accepts() {
        for image in [
            "nginx",
            "nginx:1.27",
            "library/nginx",
            "docker.io/library/nginx:latest",
            "registry.k8s.io/pause:3.10",
            "localhost:5000/app",
            "localhost/app:v1",
            "10.0.0.1:5000/team/app:1.0",
            "[::1]:5000/app",
            "[fe80::1]/app",
            "my-registry.example.com/a__b/c.d/e---f:V1_2.3-x",
            "redis:5-alpine",
            "Example.COM/app",
            "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "app:1@sha256+b64u.x:0123456789abcdef0123456789abcdef",
            "a",
            "0",
        ] {
            assert!(is_reference(image), "{image}");
        }
    }

    #[test]
    fn references_the_regexp_refuses() {
        let long_tag = format!("nginx:{}", "a".repeat(129));
        for image in [
            "",
            "Nginx",
            "nginx\n",
            "nginx\n  hostNetwork: true",
            "nginx # x",
            "a: b",
            "{a: b}",
            "\"nginx\"",
            "'nginx'",
            "ngi\u{1b}nx",
            "nginx:",
            ":tag",
            "nginx::1",
            "nginx:.1",
            "a:b:c",
            "-nginx",
            "nginx-",
            "a._b",
            "a___b",
            "a/",
            "/a",
            "a//b",
            "host:port/app",
            "[::1/app",
            "[]/app",
            "[::1]x/app",
            "exa_mple.com:80/app",
            "app@sha256:abc",
            "app@1sha:0123456789abcdef0123456789abcdef",
            "app@sha256:0123456789abcdef0123456789abcdef@x",
            long_tag.as_str(),
        ] {
            assert!(!is_reference(image), "{image:?}");
        }
        assert!(is_reference(&format!("nginx:{}", "a".repeat(128))));
    }
}
