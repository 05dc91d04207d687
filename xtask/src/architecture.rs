//! The architecture's rules, checked against the workspace as it is
//! (`ARCHITECTURE.md` states them; this module keeps them true).
//!
//! Cargo already refuses a cycle between crates. What it cannot know is which
//! way the arrows are meant to point: that the engine never learns of kubectl,
//! that the first-load app stays clear of everything its size budget cannot
//! carry, that the product's crates stay free of the browser. Each rule here
//! reads the crates' manifests and sources, so a change that breaks one fails
//! `cargo xtask test` with the rule's reason.

use std::path::{Path, PathBuf};

/// One crate of the product: its folder and the taintlab crates it may use.
struct Layer {
    /// The folder, from the workspace root.
    dir: &'static str,
    /// The taintlab crates (folders) it may depend on.
    may_use: &'static [&'static str],
    /// Whether it runs in the browser (may use yew, web-sys and friends).
    web: bool,
}

/// The layers, bottom up: core ← kubectl ← shell ← playground ← web/cli.
const LAYERS: &[Layer] = &[
    Layer {
        dir: "core",
        may_use: &[],
        web: false,
    },
    Layer {
        dir: "kubectl",
        may_use: &["core"],
        web: false,
    },
    Layer {
        dir: "shell",
        may_use: &["core", "kubectl"],
        web: false,
    },
    Layer {
        dir: "playground",
        may_use: &["core", "kubectl", "shell"],
        web: false,
    },
    Layer {
        dir: "web/ui",
        may_use: &["core"],
        web: true,
    },
    // The first-load app: its size budget holds because Cargo keeps kubectl,
    // the shell and the playground out of it.
    Layer {
        dir: "web/lite",
        may_use: &["core", "web/ui"],
        web: true,
    },
    Layer {
        dir: "web/full",
        may_use: &["core", "kubectl", "shell", "playground", "web/ui"],
        web: true,
    },
    Layer {
        dir: "cli",
        may_use: &["core", "kubectl", "shell", "playground"],
        web: false,
    },
];

/// Crates that only a browser uses.
const BROWSER_CRATES: [&str; 6] = [
    "yew",
    "web-sys",
    "wasm-bindgen",
    "js-sys",
    "gloo",
    "wasm-bindgen-futures",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The dependencies a manifest names, with the section they are in
/// (`dependencies`, `dev-dependencies`, `target.'cfg(…)'.dependencies`, …).
fn dependencies(manifest: &str) -> Vec<(String, String)> {
    let mut section = String::new();
    let mut out = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_string();
        } else if section.ends_with("dependencies")
            && let Some((key, _)) = line.split_once('=')
        {
            let key = key.trim();
            let name = key.strip_suffix(".workspace").unwrap_or(key);
            if !name.is_empty() && !name.starts_with('#') {
                out.push((section.clone(), name.to_string()));
            }
        }
    }
    out
}

/// The package name in a manifest.
fn package_name(manifest: &str) -> Option<String> {
    manifest
        .lines()
        .find_map(|l| l.trim().strip_prefix("name = "))
        .map(|n| n.trim_matches('"').to_string())
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The package name of each layer's folder.
    fn names() -> Vec<(&'static str, String)> {
        LAYERS
            .iter()
            .map(|l| {
                let manifest = read(&root().join(l.dir).join("Cargo.toml"));
                (l.dir, package_name(&manifest).unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn dependencies_point_one_way() {
        let names = names();
        for layer in LAYERS {
            let manifest = read(&root().join(layer.dir).join("Cargo.toml"));
            for (section, dep) in dependencies(&manifest) {
                let Some((dir, _)) = names.iter().find(|(_, name)| *name == dep) else {
                    continue;
                };
                assert!(
                    layer.may_use.contains(dir),
                    "{} may not depend on {dep} ({dir}), in [{section}]: see ARCHITECTURE.md",
                    layer.dir
                );
            }
        }
    }

    #[test]
    fn only_the_web_crates_know_the_browser() {
        for layer in LAYERS.iter().filter(|l| !l.web) {
            let manifest = read(&root().join(layer.dir).join("Cargo.toml"));
            for (section, dep) in dependencies(&manifest) {
                assert!(
                    !BROWSER_CRATES.contains(&dep.as_str()),
                    "{} depends on {dep} in [{section}]: the engine and the crates over it are pure Rust",
                    layer.dir
                );
            }
        }
    }

    #[test]
    fn web_code_has_no_feature_switches() {
        let mut files = Vec::new();
        rust_files(&root().join("web"), &mut files);
        assert!(!files.is_empty(), "no web code found");
        for file in files {
            let text = read(&file);
            assert!(
                !text.contains("cfg(feature"),
                "{}: the two apps are two crates, not one crate built twice",
                file.display()
            );
        }
    }

    #[test]
    fn the_manifest_reader_reads_our_manifests() {
        let manifest = "[package]\nname = \"x\"\n\n[dependencies]\ntaintlab-core.workspace = true\nyew = { workspace = true }\n# a comment\n\n[target.'cfg(target_arch = \"wasm32\")'.dev-dependencies]\ntaintlab-ui = { path = \"../ui\" }\n\n[features]\nfull = []\n";
        assert_eq!(package_name(manifest).as_deref(), Some("x"));
        let deps: Vec<String> = dependencies(manifest).into_iter().map(|(_, d)| d).collect();
        assert_eq!(deps, ["taintlab-core", "yew", "taintlab-ui"]);
    }
}
