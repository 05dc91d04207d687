//! Turns the user's YAML (several documents separated by `---`) into typed objects,
//! or into diagnostics with document, line, column and field path.

use crate::api::{DaemonSet, Node, Pod};
use crate::diagnostic::{Diagnostic, Severity};
use crate::locate::locate;
use crate::validate;
use serde::de::DeserializeOwned;
use serde_yaml::Value;

/// An object taintlab simulates.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    /// `v1` Node.
    Node(Node),
    /// `v1` Pod.
    Pod(Pod),
    /// `apps/v1` DaemonSet.
    DaemonSet(DaemonSet),
}

impl Object {
    /// The kind, as in `kind:`.
    pub fn kind(&self) -> &'static str {
        match self {
            Object::Node(_) => "Node",
            Object::Pod(_) => "Pod",
            Object::DaemonSet(_) => "DaemonSet",
        }
    }

    /// `metadata.name`.
    pub fn name(&self) -> &str {
        match self {
            Object::Node(n) => &n.metadata.name,
            Object::Pod(p) => &p.metadata.name,
            Object::DaemonSet(d) => &d.metadata.name,
        }
    }
}

/// An object and where its document starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// The decoded object.
    pub object: Object,
    /// 1-based document number.
    pub document: usize,
    /// 1-based line of the document's first line.
    pub line: usize,
}

/// What a text decoded to: the objects, plus warnings (errors mean no objects).
#[derive(Debug, Default)]
pub struct Decoded {
    /// The objects, in document order.
    pub objects: Vec<Located>,
    /// Non-fatal notes, e.g. a kind that is accepted but not simulated.
    pub warnings: Vec<Diagnostic>,
}

/// One `---`-separated region of the text.
struct Region<'a> {
    /// 1-based line of the region's first line in the whole text.
    first_line: usize,
    text: &'a str,
}

/// Splits at `---` lines. Splitting ourselves (rather than letting the YAML parser
/// iterate documents) keeps positions exact and stops one broken document from
/// hiding the others.
fn regions(text: &str) -> Vec<Region<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut first_line = 1;
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        let is_separator = bare == "---"
            || bare.starts_with("--- ")
            || bare.starts_with("---\t")
            || bare.starts_with("--- #");
        if is_separator {
            out.push(Region {
                first_line,
                text: &text[start..offset],
            });
            start = offset + line.len();
            first_line = i + 2;
        }
        offset += line.len();
    }
    out.push(Region {
        first_line,
        text: &text[start..],
    });
    out.retain(|r| {
        r.text
            .lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    });
    out
}

/// Removes yaml_serde's own ` at line L column C` suffix and `path: ` prefix,
/// which we report in structured form instead.
fn bare_message(err: &serde_yaml::Error, path: &str) -> String {
    let text = err.to_string();
    let text = match text.rfind(" at line ") {
        Some(at) if text[at..].contains(" column ") => text[..at].to_string(),
        _ => text,
    };
    // yaml_serde's own path may stop short of ours (it names the sequence, not the item).
    let own_path_end = text
        .match_indices(": ")
        .map(|(pos, _)| pos)
        .find(|&pos| pos > 0 && path.starts_with(&text[..pos]));
    match own_path_end {
        Some(pos) => text[pos + 2..].to_string(),
        None => text,
    }
}

/// Decodes every document. Any error means `Err` with all errors found; the
/// caller's state must then stay as it was.
pub fn decode(text: &str) -> Result<Decoded, Vec<Diagnostic>> {
    let mut decoded = Decoded::default();
    let mut errors = Vec::new();
    for (index, region) in regions(text).iter().enumerate() {
        let document = index + 1;
        match decode_region(region, document) {
            Ok((Some(object), warnings)) => {
                decoded.objects.push(Located {
                    object,
                    document,
                    line: region.first_line,
                });
                decoded.warnings.extend(warnings);
            }
            Ok((None, warnings)) => decoded.warnings.extend(warnings),
            Err(errs) => errors.extend(errs),
        }
    }
    if errors.is_empty() {
        Ok(decoded)
    } else {
        Err(errors)
    }
}

type RegionResult = Result<(Option<Object>, Vec<Diagnostic>), Vec<Diagnostic>>;

fn decode_region(region: &Region<'_>, document: usize) -> RegionResult {
    let at = |severity, line: usize, column: usize, path: &str, message: String| Diagnostic {
        severity,
        document,
        line: region.first_line + line.saturating_sub(1),
        column,
        path: path.to_string(),
        message,
    };
    // Pass 1: is it YAML at all, and which kind is it?
    let value: Value = serde_yaml::from_str(region.text).map_err(|err| {
        let (line, column) = err
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        vec![at(
            Severity::Error,
            line,
            column,
            "",
            bare_message(&err, ""),
        )]
    })?;
    let Value::Mapping(map) = &value else {
        return Err(vec![at(
            Severity::Error,
            1,
            1,
            "",
            "Object 'Kind' is missing: a Kubernetes object must be a mapping with apiVersion and kind".to_string(),
        )]);
    };
    let field = |name: &str| map.get(name).and_then(Value::as_str).unwrap_or("");
    let (api_version, kind) = (field("apiVersion"), field("kind"));
    let position_of = |path: &str| locate(region.text, path).unwrap_or((1, 1));
    if kind.is_empty() || api_version.is_empty() {
        let (what, path) = if kind.is_empty() {
            ("kind", "kind")
        } else {
            ("apiVersion", "apiVersion")
        };
        let (line, column) = position_of(path);
        return Err(vec![at(
            Severity::Error,
            line,
            column,
            path,
            format!("error validating data: {what} not set"),
        )]);
    }
    // Pass 2: the typed object.
    let object = match (api_version, kind) {
        ("v1", "Node") => typed(region, &at).map(Object::Node)?,
        ("v1", "Pod") => typed(region, &at).map(Object::Pod)?,
        ("apps/v1", "DaemonSet") => typed(region, &at).map(Object::DaemonSet)?,
        (
            _,
            "Namespace" | "Service" | "ConfigMap" | "Secret" | "Deployment" | "ReplicaSet" | "Job"
            | "StatefulSet",
        ) => {
            let (line, column) = position_of("kind");
            let message = format!("{kind} is not simulated yet; this document was skipped");
            return Ok((
                None,
                vec![at(Severity::Warning, line, column, "kind", message)],
            ));
        }
        _ => {
            let (line, column) = position_of("kind");
            return Err(vec![at(
                Severity::Error,
                line,
                column,
                "kind",
                format!("no matches for kind {kind:?} in version {api_version:?}"),
            )]);
        }
    };
    // Pass 3: API validation that spans several fields.
    let errors: Vec<Diagnostic> = validate::validate(&object)
        .into_iter()
        .map(|e| {
            let (line, column) = position_of(&e.path);
            at(Severity::Error, line, column, &e.path, e.to_string())
        })
        .collect();
    if errors.is_empty() {
        Ok((Some(object), Vec::new()))
    } else {
        Err(errors)
    }
}

fn typed<T: DeserializeOwned>(
    region: &Region<'_>,
    at: &impl Fn(Severity, usize, usize, &str, String) -> Diagnostic,
) -> Result<T, Vec<Diagnostic>> {
    let deserializer = serde_yaml::Deserializer::from_str(region.text);
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let path = err.path().to_string();
        let message = bare_message(err.inner(), &path);
        // Checks done while decoding name a child field with a leading '.'.
        let (path, message) = match message.strip_prefix('.') {
            Some(rest) => match rest.split_once(": ") {
                Some((child, detail)) => (format!("{path}.{child}"), detail.to_string()),
                None => (path, rest.to_string()),
            },
            None => (path, message),
        };
        let (line, column) = locate(region.text, &path)
            .or_else(|| err.inner().location().map(|l| (l.line(), l.column())))
            .unwrap_or((1, 1));
        let message = if path == "." || path.is_empty() {
            message
        } else {
            format!("{path}: {message}")
        };
        vec![at(Severity::Error, line, column, &path, message)]
    })
}
