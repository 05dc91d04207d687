//! `cargo xtask dist`: the static site, with its size against the first-load budget.

use crate::process;
use crate::tools::{self, Toolbox};
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// The first load (wasm + JS + CSS, gzipped) must stay at or under this many bytes.
///
/// It was 250 KB until issue 11: the first-load module applies YAML, so what
/// keeps untrusted input harmless must be in it (exact quantity arithmetic and
/// upstream's resource and port validation, the input limits and the linear
/// nesting check, the panic hook that keeps the work). That cost 7.6 KB gzipped
/// with the module already at 249.8 KB. It was 260 KB until issue 13: the
/// first-load module runs the same engine as the rest, and an engine whose
/// changes cost what they touch carries its indexes, the scheduler's cache and
/// queue, the controllers' stamps, the undo notes and the decoder's fast paths
/// (about 79 KB of code, 29 KB gzipped, with the module at 257.5 KB). It was
/// 290 KB until issue 14: the engine gained PriorityClasses with the Priority
/// admission plugin and PodDisruptionBudgets with the disruption controller
/// (about 28 KB of code, 12.8 KB gzipped, with the first load at 286.3 KB).
/// It was 300 KB until the rest of issue 14: PodTopologySpread and
/// InterPodAffinity with their tallies, DefaultPreemption, kubelet resource
/// admission, node-affinity parsing and validation, and scheduler profiles
/// (the `KubeSchedulerConfiguration` decoder and validation) are engine code,
/// and took the first load from about 299 KB to 377.0 KB.
/// README.md ("Release profile") has the figures.
pub const FIRST_LOAD_BUDGET: u64 = 380 * 1000;

/// One file of the site and its sizes.
pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub gzipped: u64,
}

fn gzipped_len(bytes: &[u8]) -> Result<u64, String> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    let compressed = encoder.finish().map_err(|e| e.to_string())?;
    Ok(compressed.len() as u64)
}

/// Builds the release site into `out_dir` with `public_url`, its page guarded
/// by a Content-Security-Policy ([`crate::csp`]).
pub fn build(toolbox: &Toolbox, out_dir: &Path, public_url: &str) -> Result<(), String> {
    process::run(toolbox.command("trunk").args([
        "build",
        "--release",
        "--public-url",
        public_url,
        "--dist",
        &out_dir.to_string_lossy(),
    ]))?;
    let page = out_dir.join("index.html");
    let html = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
    let guarded = crate::csp::apply(&html, public_url)?;
    std::fs::write(&page, guarded).map_err(|e| format!("{}: {e}", page.display()))?;
    // Last: the release is every other file as it ends up.
    write_release(out_dir)
}

/// The service worker, as trunk copies it from `static/sw.js`.
pub(crate) const WORKER: &str = "sw.js";
/// The line of `static/sw.js` that [`write_release`] replaces.
const RELEASE_PLACEHOLDER: &str = "const RELEASE = null;";

/// Writes the release into the service worker (`static/sw.js`, which explains
/// what it does with it): an id that changes with any byte of any file, and
/// each file with its SHA-256 (checked when the worker caches it) and whether
/// its name carries its hash (then it never changes under that name, and the
/// worker serves it from the cache first).
fn write_release(out_dir: &Path) -> Result<(), String> {
    let worker = out_dir.join(WORKER);
    let source =
        std::fs::read_to_string(&worker).map_err(|e| format!("{}: {e}", worker.display()))?;
    let mut files = Vec::new();
    contents(out_dir, "", &mut files)?;
    files.retain(|(name, _)| name != WORKER);
    files.sort();
    let release = release(&files)?;
    let written = with_release(&source, &release)?;
    std::fs::write(&worker, written).map_err(|e| format!("{}: {e}", worker.display()))
}

/// `source` with its placeholder line replaced by `release`; an error unless
/// the placeholder is there exactly once.
fn with_release(source: &str, release: &str) -> Result<String, String> {
    if source.matches(RELEASE_PLACEHOLDER).count() != 1 {
        return Err(format!(
            "{WORKER} must hold `{RELEASE_PLACEHOLDER}` exactly once (static/sw.js)"
        ));
    }
    Ok(source.replace(RELEASE_PLACEHOLDER, &format!("const RELEASE = {release};")))
}

/// The release as a JavaScript object: `{"id":…,"files":[{"name":…,"integrity":
/// "sha256-…","hashed":…},…]}` for `files` (name, bytes), sorted by name.
fn release(files: &[(String, Vec<u8>)]) -> Result<String, String> {
    let mut all = Sha256::new();
    let mut entries = Vec::new();
    for (name, bytes) in files {
        if name
            .chars()
            .any(|c| c == '"' || c == '\\' || c.is_control())
        {
            return Err(format!(
                "{name}: a file name the service worker cannot list"
            ));
        }
        all.update((name.len() as u64).to_le_bytes());
        all.update(name.as_bytes());
        all.update((bytes.len() as u64).to_le_bytes());
        all.update(bytes);
        let integrity = crate::csp::base64(&Sha256::digest(bytes));
        entries.push(format!(
            r#"{{"name":"{name}","integrity":"sha256-{integrity}","hashed":{}}}"#,
            has_hashed_name(name)
        ));
    }
    let id: String = all.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(format!(
        r#"{{"id":"{id}","files":[{}]}}"#,
        entries.join(",")
    ))
}

/// Whether trunk put a hash of the content in the file's name
/// (`taintlab-web-4735bd57c34aa761_bg.wasm`, `style-1fb3a5c654547340.css`).
/// The folders of wasm-bindgen's snippets carry a hash of the crate, not of the
/// content, and the full module's files are named for the first-load module to
/// find them: those are cached per release only.
fn has_hashed_name(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.match_indices('-').any(|(at, _)| {
        let hash = &base[at + 1..];
        hash.len() > 16
            && hash[..16].bytes().all(|b| b.is_ascii_hexdigit())
            && matches!(hash.as_bytes()[16], b'.' | b'_')
    })
}

/// Every file under `dir` with its bytes, named by its path from `dir`.
fn contents(dir: &Path, prefix: &str, files: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if path.is_dir() {
            contents(&path, &format!("{name}/"), files)?;
        } else {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            files.push((name, bytes));
        }
    }
    Ok(())
}

/// Sizes of every file under `dir` (named by their path from `dir`), sorted by name.
pub fn sizes(dir: &Path) -> Result<Vec<FileSize>, String> {
    let mut files = Vec::new();
    collect(dir, "", &mut files)?;
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

fn collect(dir: &Path, prefix: &str, files: &mut Vec<FileSize>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if path.is_dir() {
            collect(&path, &format!("{name}/"), files)?;
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        files.push(FileSize {
            name,
            raw: bytes.len() as u64,
            gzipped: gzipped_len(&bytes)?,
        });
    }
    Ok(())
}

/// The full module's files: the page fetches them only when the user opens the
/// terminal, an explanation or a lesson (`web/lite/src/loader.js`).
pub const FULL_MODULE: [&str; 3] = ["taintlab-full.js", "taintlab-full_bg.wasm", "full.css"];

/// Whether a file is a JS snippet of the full module: the full module's crate
/// (`web/full`, `taintlab-full`) brings its JS as file modules
/// (`#[wasm_bindgen(module = "/src/….js")]`), which wasm-bindgen copies to
/// `snippets/taintlab-full-<hash>/`. The first-load module's (`web/lite`) go to
/// `snippets/taintlab-lite-<hash>/`.
fn is_full_snippet(name: &str) -> bool {
    name.starts_with("snippets/taintlab-full-")
}

/// What the browser must fetch before the app runs: the wasm, JS and CSS that
/// `index.html` references, and the JS snippets its glue imports.
pub fn is_first_load(name: &str, index: &str) -> bool {
    let code = name.ends_with(".wasm") || name.ends_with(".js") || name.ends_with(".css");
    code && !FULL_MODULE.contains(&name)
        && name != WORKER
        && !is_full_snippet(name)
        && (index.contains(name) || name.starts_with("snippets/"))
}

/// Prints the size table; returns the first-load total (gzipped).
pub fn report(files: &[FileSize], index: &str) -> u64 {
    println!("{:<48} {:>10} {:>10}", "file", "raw", "gzipped");
    for f in files {
        let when = if is_first_load(&f.name, index) {
            ""
        } else if FULL_MODULE.contains(&f.name.as_str()) || is_full_snippet(&f.name) {
            "  (after first paint)"
        } else if f.name == WORKER {
            "  (service worker, after the page has loaded)"
        } else {
            ""
        };
        println!("{:<48} {:>10} {:>10}{when}", f.name, f.raw, f.gzipped);
    }
    let after_paint: u64 = files
        .iter()
        .filter(|f| FULL_MODULE.contains(&f.name.as_str()) || is_full_snippet(&f.name))
        .map(|f| f.gzipped)
        .sum();
    println!(
        "full module, fetched after the first paint (gzipped): {after_paint} bytes ({:.1} KB)",
        after_paint as f64 / 1000.0
    );
    let first_load: u64 = files
        .iter()
        .filter(|f| is_first_load(&f.name, index))
        .map(|f| f.gzipped)
        .sum();
    println!(
        "first load (wasm + js + css, gzipped): {first_load} bytes ({:.1} KB of a {} KB budget)",
        first_load as f64 / 1000.0,
        FIRST_LOAD_BUDGET / 1000
    );
    first_load
}

/// `cargo xtask dist [--public-url URL]`.
pub fn run(args: &[String]) -> Result<(), String> {
    crate::check_flags(args, &["--public-url"])?;
    let public_url = crate::flag(args, "--public-url")?.unwrap_or_else(|| "./".to_string());
    let toolbox = tools::ensure_web_tools()?;
    let out = tools::root().join("dist");
    build(&toolbox, &out, &public_url)?;
    let index = std::fs::read_to_string(out.join("index.html")).map_err(|e| e.to_string())?;
    let first_load = report(&sizes(&out)?, &index);
    println!("xtask: the site is in {}", out.display());
    if first_load > FIRST_LOAD_BUDGET {
        println!("xtask: warning: the first load is over budget");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_trunks() {
        for (name, hashed) in [
            ("taintlab-web-4735bd57c34aa761.js", true),
            ("taintlab-web-4735bd57c34aa761_bg.wasm", true),
            ("style-1fb3a5c654547340.css", true),
            ("favicon-190bcc5d29862b3a.svg", true),
            ("favicon.svg", false),
            ("taintlab-full_bg.wasm", false),
            ("index.html", false),
            (
                "snippets/taintlab-full-2550ef4fe3fb193d/src/sharing.js",
                false,
            ),
            ("style-1fb3a5c65454734.css", false),
            ("style-1fb3a5c654547340", false),
        ] {
            assert_eq!(has_hashed_name(name), hashed, "{name}");
        }
    }

    #[test]
    fn the_release_changes_with_any_byte_and_goes_in_once() {
        let files = |css: &[u8]| {
            vec![
                ("full.css".to_string(), css.to_vec()),
                ("index.html".to_string(), b"<p>".to_vec()),
            ]
        };
        let one = release(&files(b"a{}")).unwrap();
        let two = release(&files(b"b{}")).unwrap();
        assert_ne!(one[..30], two[..30], "the id");
        let integrity = crate::csp::base64(&Sha256::digest(b"a{}"));
        assert!(
            one.contains(&format!(
                r#"{{"name":"full.css","integrity":"sha256-{integrity}","hashed":false}}"#
            )),
            "{one}"
        );
        let worker = "// x\nconst RELEASE = null;\nconst cache = 1;\n";
        let written = with_release(worker, &one).unwrap();
        assert_eq!(
            written,
            format!("// x\nconst RELEASE = {one};\nconst cache = 1;\n")
        );
        assert!(with_release(&written, &two).is_err(), "written twice");
        assert!(release(&[("a\"b".to_string(), vec![])]).is_err());
    }

    #[test]
    fn the_full_modules_snippets_are_not_part_of_the_first_load() {
        let index = r#"<link rel="modulepreload" href="./taintlab-web-1.js">"#;
        for (name, first) in [
            ("taintlab-web-1.js", true),
            ("snippets/taintlab-lite-2/src/loader.js", true),
            ("snippets/taintlab-ui-3/inline0.js", true),
            ("snippets/taintlab-full-4/src/sharing.js", false),
            ("taintlab-full_bg.wasm", false),
            ("favicon.svg", false),
            ("sw.js", false),
        ] {
            let index = &format!("{index}<script>register('sw.js')</script>");
            assert_eq!(is_first_load(name, index), first, "{name}");
        }
    }
}
