//! What `--cluster` names when it is a real cluster: one or more files (given
//! with `--cluster` again for each), standard input (`-`), or the directory
//! `kubectl cluster-info dump --output-directory DIR` wrote, read as one import
//! (`taintlab_playground::import::files`).

use crate::render;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use taintlab_core::import::Source;
use taintlab_core::limits::{Limit, MAX_IMPORT_BYTES};
use taintlab_playground::import::{self, Import, dump_files};

/// The texts of `paths`, each with the name its errors give: a file's path, or
/// for a directory each of its dump files ([`dump_files`]) as `DIR/NS/FILE`.
/// Refused before anything is read when the files together are larger than
/// an import takes ([`MAX_IMPORT_BYTES`]).
pub(crate) fn read_sources(paths: &[String]) -> Result<Vec<(String, String)>, String> {
    let mut named = Vec::new();
    for path in paths {
        if path != "-" && Path::new(path).is_dir() {
            let listed = listing(Path::new(path))?;
            named.extend(dump_files(listed).into_iter().map(|relative| {
                Path::new(path)
                    .join(relative)
                    .to_string_lossy()
                    .into_owned()
            }));
        } else {
            named.push(path.clone());
        }
    }
    let total = named
        .iter()
        .filter(|p| *p != "-")
        .filter_map(|p| std::fs::metadata(p).ok())
        .fold(0u64, |sum, m| sum.saturating_add(m.len()));
    if total > MAX_IMPORT_BYTES as u64 {
        return Err(format!("{}: {}", paths.join(", "), Limit::ImportBytes.en()));
    }
    named
        .into_iter()
        .map(|name| {
            let text = if name == "-" {
                let mut text = String::new();
                std::io::stdin()
                    .take(MAX_IMPORT_BYTES as u64 + 1)
                    .read_to_string(&mut text)
                    .map_err(|e| format!("cannot read standard input: {e}"))?;
                if text.len() > MAX_IMPORT_BYTES {
                    return Err(format!("-: {}", Limit::ImportBytes.en()));
                }
                text
            } else {
                std::fs::read_to_string(&name).map_err(|e| format!("cannot read {name}: {e}"))?
            };
            Ok((name, text))
        })
        .collect()
}

/// The files of a dump's directory and of its namespaces' directories, as
/// paths relative to it (`nodes.json`, `shop/pods.json`); what lies deeper
/// (the pods' logs) is not read.
fn listing(dir: &Path) -> Result<Vec<String>, String> {
    let entries = |at: &Path| {
        std::fs::read_dir(at)
            .map_err(|e| format!("cannot read {}: {e}", at.display()))
            .map(|entries| entries.flatten().collect::<Vec<_>>())
    };
    let mut paths = Vec::new();
    for entry in entries(dir)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() {
            for inner in entries(&entry.path())? {
                if !inner.path().is_dir() {
                    paths.push(format!("{name}/{}", inner.file_name().to_string_lossy()));
                }
            }
        } else {
            paths.push(name);
        }
    }
    Ok(paths)
}

/// Reads `paths` as one import, printing what is wrong with them as
/// `FILE:LINE:COLUMN: error: ...`, and what the import leaves out or takes
/// twice as notes on standard error.
pub(crate) fn import(paths: &[String]) -> Result<Import, ExitCode> {
    let texts = read_sources(paths).map_err(|message| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    })?;
    let sources: Vec<Source<'_>> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let imported = import::files(&sources).map_err(|errors| {
        for e in &errors {
            eprintln!("{}", render::diagnostic(&e.source, &e.diagnostic));
        }
        ExitCode::from(2)
    })?;
    let label = match paths {
        [one] => one.as_str(),
        _ => "--cluster",
    };
    report(label, &imported);
    Ok(imported)
}

/// What an import left out and what it found twice, on standard error.
pub(crate) fn report(label: &str, imported: &Import) {
    for skipped in &imported.skipped {
        eprintln!(
            "{label}: skipped {} {}: {}",
            skipped.count,
            skipped.kind,
            skipped.reason_en()
        );
    }
    for duplicate in &imported.duplicates {
        eprintln!("{label}: warning: {}", duplicate.en());
    }
}
