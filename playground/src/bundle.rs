//! The workspace as one file: the bundle that holds every file at once (the
//! names it may hold are `taintlab_core::file_name`'s rules).
//!
//! The bundle is a tar archive (POSIX ustar, with a pax header for paths that do
//! not fit): `tar xf taintlab.tar` on any system gives the workspace files at the
//! top and each node's static pod manifests under
//! `nodes/NODE/etc/kubernetes/manifests/`, and uploading the archive reads it back.

use taintlab_core::cluster::STATIC_POD_PATH;
use taintlab_core::limits::{Limit, MAX_TEXT_BYTES};

/// Every file of a workspace: its own files and the nodes' static pod manifests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bundle {
    /// Workspace files: name and text.
    pub files: Vec<(String, String)>,
    /// Manifest files: node, file name and text.
    pub manifests: Vec<(String, String, String)>,
}

/// Where a node's manifests go in the archive.
fn manifest_dir(node: &str) -> String {
    format!("nodes/{node}{STATIC_POD_PATH}/")
}

const BLOCK: usize = 512;

impl Bundle {
    /// The bundle as a tar archive; `mtime` (seconds since 1970) dates every file.
    pub fn to_tar(&self, mtime: u64) -> Vec<u8> {
        let mut out = Vec::new();
        let manifests = self
            .manifests
            .iter()
            .map(|(node, file, text)| (format!("{}{file}", manifest_dir(node)), text));
        let files = self.files.iter().map(|(name, text)| (name.clone(), text));
        for (path, text) in files.chain(manifests) {
            write_entry(&mut out, &path, text.as_bytes(), mtime);
        }
        // Two zero blocks end the archive.
        out.resize(out.len() + 2 * BLOCK, 0);
        out
    }

    /// Reads a tar archive written by [`Bundle::to_tar`] (or by `tar`): files at
    /// the top are workspace files, `nodes/NODE/etc/kubernetes/manifests/FILE`
    /// are manifests; other paths are workspace files named by their last part.
    /// A file larger than [`MAX_TEXT_BYTES`] is refused with [`Limit::TextBytes`].
    pub fn from_tar(bytes: &[u8]) -> Result<Bundle, String> {
        if bytes.len() < BLOCK {
            return Err("this is not a tar archive (too short)".into());
        }
        let mut bundle = Bundle::default();
        let mut at = 0;
        let mut long_path: Option<String> = None;
        while at + BLOCK <= bytes.len() {
            let header = &bytes[at..at + BLOCK];
            if header.iter().all(|b| *b == 0) {
                break;
            }
            if !checksum_ok(header) {
                return Err("this is not a tar archive (bad header checksum)".into());
            }
            let size = octal(&header[124..136])
                .ok_or_else(|| "this tar archive has a damaged size field".to_string())?;
            let start = at + BLOCK;
            let end = start
                .checked_add(size)
                .filter(|end| *end <= bytes.len())
                .ok_or_else(|| "this tar archive is cut short".to_string())?;
            let data = &bytes[start..end];
            at = start + size.div_ceil(BLOCK) * BLOCK;
            match header[156] {
                b'x' => long_path = pax_path(data),
                b'0' | 0 => {
                    let path = long_path.take().unwrap_or_else(|| ustar_path(header));
                    if data.len() > MAX_TEXT_BYTES {
                        return Err(format!("{path}: {}", Limit::TextBytes.en()));
                    }
                    let text = String::from_utf8(data.to_vec())
                        .map_err(|_| format!("{path}: not UTF-8 text"))?;
                    bundle.add(&path, text);
                }
                // Directories, links and the rest hold no workspace text.
                _ => long_path = None,
            }
        }
        Ok(bundle)
    }

    fn add(&mut self, path: &str, text: String) {
        let path = path.trim_start_matches("./");
        if let Some(rest) = path.strip_prefix("nodes/")
            && let Some((node, file)) = rest.split_once('/').and_then(|(node, rest)| {
                rest.strip_prefix(&STATIC_POD_PATH[1..])
                    .and_then(|r| r.strip_prefix('/'))
                    .map(|file| (node, file))
            })
            && !file.is_empty()
            && !file.contains('/')
        {
            self.manifests
                .push((node.to_string(), file.to_string(), text));
            return;
        }
        if let Some(name) = path.rsplit('/').next().filter(|n| !n.is_empty()) {
            self.files.push((name.to_string(), text));
        }
    }
}

fn write_entry(out: &mut Vec<u8>, path: &str, data: &[u8], mtime: u64) {
    let split = ustar_split(path);
    if split.is_none() {
        // A pax extended header carries the whole path.
        let record = pax_record("path", path);
        let name = format!("PaxHeader/{}", tail(path, 80));
        out.extend_from_slice(&header(&name, "", record.len(), mtime, b'x'));
        pad(out, record.as_bytes());
    }
    let (prefix, name) = split.unwrap_or(("", tail(path, 100)));
    out.extend_from_slice(&header(name, prefix, data.len(), mtime, b'0'));
    pad(out, data);
}

/// At most the last `max` bytes of `text`, cut on a character boundary.
fn tail(text: &str, max: usize) -> &str {
    let mut start = text.len().saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// `path` as ustar's prefix (up to 155 bytes) and name (up to 100 bytes), split
/// at a slash; `None` if it does not fit.
fn ustar_split(path: &str) -> Option<(&str, &str)> {
    if path.len() <= 100 {
        return Some(("", path));
    }
    path.match_indices('/')
        .map(|(i, _)| (&path[..i], &path[i + 1..]))
        .find(|(prefix, name)| prefix.len() <= 155 && name.len() <= 100 && !name.is_empty())
}

/// A pax record: `LEN key=value\n`, where LEN counts the whole record.
fn pax_record(key: &str, value: &str) -> String {
    let body = format!(" {key}={value}\n");
    let mut len = body.len() + 1;
    while len.to_string().len() + body.len() != len {
        len += 1;
    }
    format!("{len}{body}")
}

fn pax_path(data: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(data).ok()?;
    text.lines().find_map(|record| {
        let (_, kv) = record.split_once(' ')?;
        kv.strip_prefix("path=").map(str::to_string)
    })
}

fn header(name: &str, prefix: &str, size: usize, mtime: u64, kind: u8) -> [u8; BLOCK] {
    let mut h = [0u8; BLOCK];
    let mut put = |at: usize, bytes: &[u8]| h[at..at + bytes.len()].copy_from_slice(bytes);
    put(0, name.as_bytes());
    put(100, b"0000644\0");
    put(108, b"0000000\0");
    put(116, b"0000000\0");
    put(124, format!("{size:011o}\0").as_bytes());
    put(
        136,
        format!("{:011o}\0", mtime.min(0o77777777777)).as_bytes(),
    );
    put(156, &[kind]);
    put(257, b"ustar\0");
    put(263, b"00");
    put(345, prefix.as_bytes());
    let sum = checksum(&h);
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    h
}

/// The header's checksum: every byte summed, the checksum field counted as spaces.
fn checksum(header: &[u8]) -> u32 {
    header
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if (148..156).contains(&i) {
                32
            } else {
                u32::from(*b)
            }
        })
        .sum()
}

fn checksum_ok(header: &[u8]) -> bool {
    octal(&header[148..156]).is_some_and(|stored| stored == checksum(header) as usize)
}

/// An octal number field: digits, padded with spaces or NULs.
fn octal(field: &[u8]) -> Option<usize> {
    let digits = std::str::from_utf8(field)
        .ok()?
        .trim_matches(|c: char| c == ' ' || c == '\0');
    usize::from_str_radix(digits, 8).ok()
}

/// `prefix/name` from a ustar header.
fn ustar_path(header: &[u8]) -> String {
    let field = |range: std::ops::Range<usize>| {
        let bytes = &header[range];
        let end = bytes.iter().position(|b| *b == 0).unwrap_or(bytes.len());
        String::from_utf8_lossy(&bytes[..end]).into_owned()
    };
    let (prefix, name) = (field(345..500), field(0..100));
    if prefix.is_empty() {
        name
    } else {
        format!("{prefix}/{name}")
    }
}

/// Writes `data` and pads it with zeros to a whole block.
fn pad(out: &mut Vec<u8>, data: &[u8]) {
    out.extend_from_slice(data);
    out.resize(out.len().div_ceil(BLOCK) * BLOCK, 0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Bundle {
        Bundle {
            files: vec![
                (
                    "redis-ds.yaml".into(),
                    taintlab_core::TUTORIAL_DAEMONSET.into(),
                ),
                ("空.yaml".into(), String::new()),
                ("x".repeat(100), "long name\n".into()),
            ],
            manifests: vec![
                ("master".into(), "web.yaml".into(), "kind: Pod\n".into()),
                ("n".repeat(200), "a.yaml".into(), "名字: 值\n".into()),
            ],
        }
    }

    #[test]
    fn a_bundle_reads_back_as_it_was_written() {
        let bundle = sample();
        let tar = bundle.to_tar(1_764_000_000);
        assert_eq!(tar.len() % BLOCK, 0);
        assert_eq!(Bundle::from_tar(&tar), Ok(bundle));
    }

    #[test]
    fn the_archive_is_what_tar_reads() {
        let tar = sample().to_tar(1_764_000_000);
        // The first header: name, size in octal, ustar magic, a checksum tar accepts.
        assert_eq!(&tar[0..13], b"redis-ds.yaml");
        let size = taintlab_core::TUTORIAL_DAEMONSET.len();
        assert_eq!(octal(&tar[124..136]), Some(size));
        assert_eq!(&tar[257..263], b"ustar\0");
        assert!(checksum_ok(&tar[..BLOCK]));
        assert_eq!(
            &tar[BLOCK..BLOCK + size],
            taintlab_core::TUTORIAL_DAEMONSET.as_bytes()
        );
        // The manifest path is split into prefix and name.
        let text = String::from_utf8_lossy(&tar);
        assert!(text.contains("nodes/master/etc/kubernetes/manifests"));
        // When the system has tar, it lists exactly our paths.
        let dir = std::env::temp_dir().join(format!("taintlab-bundle-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("b.tar");
        std::fs::write(&file, &tar).expect("written");
        if let Ok(out) = std::process::Command::new("tar")
            .arg("tf")
            .arg(&file)
            .output()
        {
            let listed = String::from_utf8_lossy(&out.stdout).into_owned();
            let expected = format!(
                "redis-ds.yaml\n空.yaml\n{}\nnodes/master/etc/kubernetes/manifests/web.yaml\nnodes/{}/etc/kubernetes/manifests/a.yaml\n",
                "x".repeat(100),
                "n".repeat(200)
            );
            assert_eq!(listed, expected, "{}", String::from_utf8_lossy(&out.stderr));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn damaged_archives_are_errors_not_panics() {
        let tar = sample().to_tar(0);
        for cut in (0..tar.len()).step_by(97) {
            let _ = Bundle::from_tar(&tar[..cut]);
        }
        let mut bad = tar.clone();
        bad[0] ^= 1;
        assert!(Bundle::from_tar(&bad).is_err());
        assert!(Bundle::from_tar(b"kind: Pod\n").is_err());
        let mut garbage = vec![7u8; BLOCK * 3];
        garbage[100] = 0;
        assert!(Bundle::from_tar(&garbage).is_err());
    }

    #[test]
    fn a_file_over_the_text_limit_is_refused() {
        let big = |len: usize| Bundle {
            files: vec![("big.yaml".into(), "#".repeat(len))],
            manifests: vec![],
        };
        let error = Bundle::from_tar(&big(MAX_TEXT_BYTES + 1).to_tar(0)).unwrap_err();
        assert_eq!(error, format!("big.yaml: {}", Limit::TextBytes.en()));
        assert_eq!(Limit::from_en(&error), Some(Limit::TextBytes));
        assert!(Bundle::from_tar(&big(MAX_TEXT_BYTES).to_tar(0)).is_ok());
    }

    #[test]
    fn other_paths_become_workspace_files() {
        let bundle = Bundle {
            files: vec![("dir/sub/app.yaml".into(), "a: 1\n".into())],
            manifests: vec![],
        };
        let read = Bundle::from_tar(&bundle.to_tar(0)).expect("reads");
        assert_eq!(
            read.files,
            vec![("app.yaml".to_string(), "a: 1\n".to_string())]
        );
    }
}
