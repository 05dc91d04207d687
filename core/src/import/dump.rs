//! What `kubectl cluster-info dump` writes, read as documents.
//!
//! Models the output of `staging/src/k8s.io/kubectl/pkg/cmd/clusterinfo/
//! clusterinfo_dump.go` (`ClusterInfoDumpOptions.Run`): the NodeList, then per
//! namespace its EventList, ReplicationControllerList, ServiceList,
//! DaemonSetList, DeploymentList, ReplicaSetList and PodList, each printed by
//! the JSON printer (indented, one after another: not one JSON document), and
//! after each namespace's pods their containers' logs between `==== START logs
//! for container C of pod NS/P ====` and `==== END logs for container C of pod
//! NS/P ====` lines. With `--output-directory DIR` the same lists go to
//! `DIR/nodes.json` and `DIR/NS/{events,replication-controllers,services,
//! daemonsets,deployments,replicasets,pods}.json`, and the logs to
//! `DIR/NS/POD/logs.txt` (`.yaml` files with `-o yaml`).

use std::ops::Range;

/// The line that opens a container's logs (`printContainer`).
const START: &str = "==== START logs for container ";
/// The line that closes them.
const END: &str = "==== END logs for container ";

/// The text with the dump's log blocks blanked out (every byte but the line
/// breaks made a space, so lines, columns and offsets stay those of the text),
/// or `None` when it holds no log block. A block runs from its START line to
/// the END line of the same container and pod; a block left open (a dump cut
/// short) runs to the end.
pub(super) fn without_logs(text: &str) -> Option<String> {
    let first = line_starting(text, 0, START)?;
    let mut bytes = text.as_bytes().to_vec();
    let mut from = first;
    loop {
        let line_end = text[from..].find('\n').map_or(text.len(), |n| from + n);
        // ` C of pod NS/P ====`: the END line names the same container and pod.
        let what = &text[from + START.len()..line_end];
        let close = format!("{END}{what}");
        let end = match line_starting(text, line_end, &close) {
            Some(at) => text[at..].find('\n').map_or(text.len(), |n| at + n),
            None => text.len(),
        };
        for b in &mut bytes[from..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        match line_starting(text, end, START) {
            Some(next) => from = next,
            None => break,
        }
    }
    // Only whole UTF-8 characters were replaced, by ASCII spaces.
    String::from_utf8(bytes).ok()
}

/// The offset of the first line at or after `from` that starts with `prefix`.
fn line_starting(text: &str, from: usize, prefix: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let rest = text.get(at..)?;
        let found = rest.find(prefix)?;
        let start = at + found;
        if start == 0 || text.as_bytes()[start - 1] == b'\n' {
            return Some(start);
        }
        at = start + prefix.len();
    }
}

/// One document of a text: its bytes, its first line, and whether it is one of
/// several JSON values printed one after another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Document {
    pub range: Range<usize>,
    pub first_line: usize,
    pub json: bool,
}

/// The documents of a text: its top-level JSON values one after another (as
/// `kubectl cluster-info dump` prints its lists) when it starts with one, else
/// its `---`-separated YAML documents. Errors are (line, column, message).
pub(super) fn documents(text: &str) -> Result<Vec<Document>, (usize, usize, String)> {
    let start = text.len() - text.trim_start().len();
    if !matches!(text.as_bytes().get(start), Some(b'{' | b'[')) {
        let base = text.as_ptr() as usize;
        return Ok(crate::decode::regions(text)
            .into_iter()
            .map(|r| {
                let at = r.text.as_ptr() as usize - base;
                Document {
                    range: at..at + r.text.len(),
                    first_line: r.first_line,
                    json: false,
                }
            })
            .collect());
    }
    json_values(text)
}

/// The top-level JSON values of a text, one after another, separated by
/// white space. A value left open runs to the end (the parser then says what
/// is wrong with it); anything else between values is an error.
fn json_values(text: &str) -> Result<Vec<Document>, (usize, usize, String)> {
    let bytes = text.as_bytes();
    let mut values = Vec::new();
    let (mut at, mut line, mut line_start) = (0, 1, 0);
    loop {
        while let Some(&b) = bytes.get(at) {
            match b {
                b'\n' => {
                    line += 1;
                    line_start = at + 1;
                }
                b' ' | b'\t' | b'\r' => {}
                _ => break,
            }
            at += 1;
        }
        let Some(&first) = bytes.get(at) else {
            return Ok(values);
        };
        if first != b'{' && first != b'[' {
            return Err((
                line,
                at - line_start + 1,
                "expected the next JSON object, as kubectl cluster-info dump prints its lists one after another".to_string(),
            ));
        }
        let (start, first_line) = (at, line);
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        while let Some(&b) = bytes.get(at) {
            at += 1;
            if b == b'\n' {
                line += 1;
                line_start = at;
            }
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        values.push(Document {
            range: start..at,
            first_line,
            json: true,
        });
    }
}

/// Whether a file of a dump's directory, by its path relative to the
/// directory (`/`-separated), holds lists to import: `nodes.json` at the top
/// and each namespace's lists one level down (`default/pods.json`), as
/// `.json`, or `.yaml` when the dump was made with `-o yaml`. The pods' logs
/// (`NS/POD/logs.txt`) and anything else are not.
pub fn is_dump_file(path: &str) -> bool {
    let depth = path.split('/').count();
    let listed = [".json", ".yaml", ".yml"]
        .iter()
        .any(|ext| path.len() > ext.len() && path.ends_with(ext));
    listed
        && depth <= 2
        && path
            .split('/')
            .all(|part| !part.is_empty() && !part.starts_with('.'))
}

/// The files of a dump's directory to import, from its paths relative to the
/// directory: [`is_dump_file`]'s, in one order wherever the listing came from
/// (the command line's directory walk, a browser's folder upload), so the same
/// dump imports the same: `nodes.json` and the other top-level files first,
/// then each namespace's files, both by name.
pub fn dump_files<I>(paths: I) -> Vec<String>
where
    I: IntoIterator,
    I::Item: Into<String>,
{
    let mut files: Vec<String> = paths
        .into_iter()
        .map(Into::into)
        .filter(|p| is_dump_file(p))
        .collect();
    files.sort_by(|a, b| {
        let depth = |p: &str| p.matches('/').count();
        depth(a).cmp(&depth(b)).then_with(|| a.cmp(b))
    });
    files
}
