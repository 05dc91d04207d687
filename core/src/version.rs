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
