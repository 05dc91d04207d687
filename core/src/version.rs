//! The simulated Kubernetes version, which decides wording and defaults that
//! changed across releases.

use std::fmt;

/// A Kubernetes minor version such as 1.36.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct KubeVersion {
    /// Always 1 for the releases simulated.
    pub major: u32,
    /// The minor release.
    pub minor: u32,
}

impl KubeVersion {
    /// The newest version the reference describes, and the default.
    pub const NEWEST: KubeVersion = KubeVersion {
        major: 1,
        minor: 36,
    };

    /// `1.<minor>`.
    pub const fn v1(minor: u32) -> KubeVersion {
        KubeVersion { major: 1, minor }
    }
}

impl KubeVersion {
    /// Parses `v1.24.7`, `1.24` or a kind image such as `kindest/node:v1.24.7@sha256:…`.
    pub fn parse(text: &str) -> Option<KubeVersion> {
        let image = text.split('@').next().unwrap_or(text);
        let tag = image.rsplit_once(':').map_or(image, |(_, t)| t);
        let tag = tag.strip_prefix('v').unwrap_or(tag);
        let mut parts = tag.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next()?.parse().ok()?;
        Some(KubeVersion { major, minor })
    }
}

impl KubeVersion {
    /// The release's `gitVersion` as components report it: `v1.36.0` (taintlab
    /// simulates each minor release's first patch).
    pub fn git_version(&self) -> String {
        format!("v{}.{}.0", self.major, self.minor)
    }
}

impl Default for KubeVersion {
    fn default() -> Self {
        KubeVersion::NEWEST
    }
}

impl fmt::Display for KubeVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}.{}", self.major, self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_and_images() {
        assert_eq!(KubeVersion::parse("v1.24.7"), Some(KubeVersion::v1(24)));
        assert_eq!(
            KubeVersion::parse("kindest/node:v1.25.3"),
            Some(KubeVersion::v1(25))
        );
        assert_eq!(
            KubeVersion::parse(
                "kindest/node:v1.30.0@sha256:047357ac0cfea04663786a612ba1eaba9702bef25227a794b52890dd8bcd692e"
            ),
            Some(KubeVersion::v1(30))
        );
        assert_eq!(KubeVersion::parse("1.33"), Some(KubeVersion::v1(33)));
        assert_eq!(KubeVersion::parse("kindest/node:latest"), None);
        assert_eq!(KubeVersion::v1(24).to_string(), "v1.24");
    }
}
