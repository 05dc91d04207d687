//! Installs the tools the build needs, each checked by version and installed once.
//!
//! - the `wasm32-unknown-unknown` target (rustup);
//! - trunk 0.21.14 (`cargo install --locked`; 0.22 needs a newer rustc);
//! - wasm-bindgen-cli at exactly the `wasm-bindgen` version in `Cargo.lock`;
//! - wasm-opt from the npm package `binaryen`, pinned, in `.tools/` (git-ignored);
//! - terser from npm, pinned, in `.tools/` (minifies the release JS glue);
//! - for `screenshots` and the site check of `test`: playwright-core from npm,
//!   pinned, in `.tools/`; for the site check, axe-core likewise;
//! - for browser tests: Debian's `chromium` and `chromium-driver`.

use crate::process::{output, run};
use std::path::{Path, PathBuf};
use std::process::Command;

const TRUNK_VERSION: &str = "0.21.14";
const BINARYEN_VERSION: &str = "132.0.0";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Where cargo installs binaries (`$CARGO_HOME/bin`).
fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

fn binaryen_dir() -> PathBuf {
    root().join(".tools").join("binaryen")
}

/// A PATH with the project's tools first, so trunk (in offline mode) finds them.
#[derive(Debug, Clone)]
pub struct Toolbox {
    path: std::ffi::OsString,
}

impl Toolbox {
    fn new() -> Toolbox {
        let mut dirs = vec![
            binaryen_dir().join("node_modules").join(".bin"),
            cargo_bin(),
        ];
        if let Some(path) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&path));
        }
        let path = std::env::join_paths(dirs).unwrap_or_default();
        Toolbox { path }
    }

    /// A command for `program` with the toolbox PATH, run from the workspace root.
    /// WebAssembly builds get their crates' source paths remapped, so the page's
    /// size does not depend on where this machine keeps its cargo registry.
    pub fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("PATH", &self.path).current_dir(root());
        const WASM_RUSTFLAGS: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";
        if std::env::var_os(WASM_RUSTFLAGS).is_none() {
            let flags: Vec<String> = registry_sources()
                .into_iter()
                .map(|dir| format!("--remap-path-prefix={}/=", dir.display()))
                .collect();
            if !flags.is_empty() {
                cmd.env(WASM_RUSTFLAGS, flags.join(" "));
            }
        }
        cmd
    }

    /// The first line `program --version` prints, if it runs.
    fn version_of(&self, program: &str) -> Option<String> {
        let out = output(self.command(program).arg("--version"))?;
        if !out.status.success() {
            return None;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        text.lines().next().map(|l| l.trim().to_string())
    }
}

/// Where cargo unpacks registry crates: `$CARGO_HOME/registry/src/`, and the
/// crates.io folder inside it (its name is the same on every machine). They are
/// known before anything is downloaded, so a first build and a later one remap alike.
fn registry_sources() -> Vec<std::path::PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cargo")));
    let Some(home) = home else {
        return Vec::new();
    };
    let src = home.join("registry").join("src");
    if src.to_string_lossy().contains(' ') {
        return Vec::new();
    }
    // The more specific prefix last: rustc applies the last one that matches.
    vec![src.clone(), src.join("index.crates.io-1949cf8c6b5b557f")]
}

/// The `wasm-bindgen` version pinned in `Cargo.lock`.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
        {
            return Ok(version.to_string());
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".to_string())
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == WASM_TARGET)
        })
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    println!("xtask: installing the {WASM_TARGET} target");
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

fn ensure_trunk(toolbox: &Toolbox) -> Result<(), String> {
    let want = format!("trunk {TRUNK_VERSION}");
    if toolbox.version_of("trunk").as_deref() == Some(want.as_str()) {
        return Ok(());
    }
    println!("xtask: installing {want} (a first build takes several minutes)");
    run(toolbox
        .command("cargo")
        .args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

fn ensure_wasm_bindgen(toolbox: &Toolbox) -> Result<(), String> {
    let version = locked_wasm_bindgen_version()?;
    let want = format!("wasm-bindgen {version}");
    let runner_ok = toolbox
        .version_of("wasm-bindgen-test-runner")
        .is_some_and(|v| v.ends_with(&version));
    if toolbox.version_of("wasm-bindgen").as_deref() == Some(want.as_str()) && runner_ok {
        return Ok(());
    }
    println!("xtask: installing wasm-bindgen-cli {version} (matches Cargo.lock)");
    let install = |locked: bool| {
        let mut cmd = toolbox.command("cargo");
        cmd.args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--force",
        ]);
        if locked {
            cmd.arg("--locked");
        }
        run(&mut cmd)
    };
    // Its lock file can pin a dependency that is no longer published; then resolve anew.
    install(true).or_else(|_| {
        println!("xtask: --locked install failed; retrying without --locked");
        install(false)
    })
}

fn ensure_wasm_opt(toolbox: &Toolbox) -> Result<(), String> {
    let want = format!(
        "version_{}",
        BINARYEN_VERSION.split('.').next().unwrap_or_default()
    );
    if toolbox
        .version_of("wasm-opt")
        .is_some_and(|v| v.contains(&want))
    {
        return Ok(());
    }
    println!("xtask: installing wasm-opt from npm binaryen@{BINARYEN_VERSION} into .tools/");
    npm_install(
        toolbox,
        &binaryen_dir(),
        &format!("binaryen@{BINARYEN_VERSION}"),
    )
}

/// `npm install SPEC` into `dir`, without touching any package.json.
fn npm_install(toolbox: &Toolbox, dir: &Path, spec: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    run(toolbox.command("npm").args([
        "install",
        "--prefix",
        &dir.to_string_lossy(),
        "--no-audit",
        "--no-fund",
        "--no-save",
        spec,
    ]))
}

/// terser, which minifies the JS glue of release builds (`xtask/minify-js.mjs`, run
/// by trunk as a post-build hook).
const TERSER_VERSION: &str = "5.51.4";

fn ensure_terser(toolbox: &Toolbox) -> Result<(), String> {
    ensure_npm_package(toolbox, "terser", "terser", TERSER_VERSION)
}

/// playwright-core, which drives Debian's Chromium for `cargo xtask screenshots`.
const PLAYWRIGHT_VERSION: &str = "1.65.1";

/// An npm package at `version` in `.tools/<dir>`, installed once.
fn ensure_npm_package(
    toolbox: &Toolbox,
    dir: &str,
    package: &str,
    version: &str,
) -> Result<(), String> {
    let dir = root().join(".tools").join(dir);
    let manifest = dir.join("node_modules").join(package).join("package.json");
    let installed = std::fs::read_to_string(&manifest).unwrap_or_default();
    if installed.contains(&format!("\"version\": \"{version}\"")) {
        return Ok(());
    }
    println!("xtask: installing npm {package}@{version} into .tools/");
    npm_install(toolbox, &dir, &format!("{package}@{version}"))
}

/// Everything `cargo xtask screenshots` needs beyond the site: playwright-core and
/// Chromium.
pub fn ensure_screenshot_tools(toolbox: &Toolbox) -> Result<(), String> {
    ensure_chromium(toolbox)?;
    ensure_npm_package(toolbox, "playwright", "playwright-core", PLAYWRIGHT_VERSION)
}

/// axe-core, the accessibility engine `xtask/site-check.mjs` runs in the page.
const AXE_VERSION: &str = "4.14.1";

/// Everything `xtask/site-check.mjs` needs beyond Chromium: playwright-core and
/// axe-core.
pub fn ensure_site_check_tools(toolbox: &Toolbox) -> Result<(), String> {
    ensure_npm_package(toolbox, "playwright", "playwright-core", PLAYWRIGHT_VERSION)?;
    ensure_npm_package(toolbox, "axe", "axe-core", AXE_VERSION)
}

/// Everything `serve` and `dist` need.
pub fn ensure_web_tools() -> Result<Toolbox, String> {
    let toolbox = Toolbox::new();
    ensure_wasm_target()?;
    ensure_wasm_bindgen(&toolbox)?;
    ensure_wasm_opt(&toolbox)?;
    ensure_terser(&toolbox)?;
    ensure_trunk(&toolbox)?;
    Ok(toolbox)
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u"))
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Chromium and chromedriver for the browser tests; returns chromedriver's path.
pub fn ensure_chromium(toolbox: &Toolbox) -> Result<PathBuf, String> {
    let driver = PathBuf::from("/usr/bin/chromedriver");
    let browser = PathBuf::from("/usr/bin/chromium");
    if driver.exists() && browser.exists() {
        return Ok(driver);
    }
    if !is_root() {
        return Err(
            "the browser tests need Debian's chromium and chromium-driver packages: \
             run `sudo apt-get install -y chromium chromium-driver`, then try again"
                .to_string(),
        );
    }
    println!("xtask: installing chromium and chromium-driver from Debian");
    run(toolbox
        .command("apt-get")
        .arg("update")
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    run(toolbox
        .command("apt-get")
        .args([
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    Ok(driver)
}
