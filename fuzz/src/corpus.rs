//! The corpus kept in the repository: `fuzz/corpus/TARGET/`, one file per input,
//! read in name order so a run is the same on every machine.

use std::path::{Path, PathBuf};

/// The fuzz crate's folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus folder of `target`.
pub fn dir(target: &str) -> PathBuf {
    root().join("corpus").join(target)
}

/// Where findings are written (git-ignored).
pub fn crash_dir() -> PathBuf {
    root().join("crashes")
}

/// The inputs in `dir`, in file-name order (none if it does not exist).
pub fn load(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            std::fs::read(e.path()).ok().map(|bytes| (name, bytes))
        })
        .collect();
    files.sort();
    files
}
