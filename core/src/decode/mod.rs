//! Turns the user's YAML (several documents separated by `---`) into typed objects,
//! or into diagnostics with document, line, column and field path.

use crate::api::PodDisruptionBudget;
use crate::api::PriorityClass;
use crate::api::{DaemonSet, Deployment, Node, ObjectMeta, Pod, ReplicaSet};
use crate::diagnostic::{Diagnostic, Severity};
use crate::limits::{Limit, MAX_LOCATE_LINE_SCANS, MAX_OBJECT_BYTES};
use crate::locate::locate;
use read::Unknown;
use read::field;
use read::value_field;
use serde_yaml::Value;

mod depth;
mod fast;
mod objects;
mod policy;
mod read;
pub mod scheduler_config;
mod scheduling;
pub mod validate;
pub mod yaml;

pub use read::DecodeError;

/// An object taintlab simulates.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    /// `v1` Node.
    Node(Node),
    /// `v1` Pod.
    Pod(Pod),
    /// `apps/v1` DaemonSet.
    DaemonSet(DaemonSet),
    /// `apps/v1` Deployment.
    Deployment(Deployment),
    /// `apps/v1` ReplicaSet.
    ReplicaSet(ReplicaSet),
    /// `v1` Namespace (only its metadata matters here).
    Namespace(ObjectMeta),
    /// `scheduling.k8s.io/v1` PriorityClass.
    PriorityClass(PriorityClass),
    /// `policy/v1` PodDisruptionBudget.
    PodDisruptionBudget(PodDisruptionBudget),
    /// A well-formed object of a kind that is stored but not simulated.
    Other(OtherObject),
}

/// An object taintlab keeps and lists but does not simulate (Service, ConfigMap, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct OtherObject {
    /// e.g. `v1`.
    pub api_version: String,
    /// e.g. `Service`.
    pub kind: String,
    /// kubectl's name for the resource, e.g. `service` or `job.batch`.
    pub resource: &'static str,
    /// Its metadata.
    pub metadata: ObjectMeta,
}

/// Kinds that are stored and listed but not simulated, with kubectl's resource
/// names (`kubectl apply` prints `job.batch/x created`).
const STORED_KINDS: [(&str, &str, &str); 11] = [
    ("v1", "Service", "service"),
    ("v1", "ConfigMap", "configmap"),
    ("v1", "Secret", "secret"),
    ("v1", "ServiceAccount", "serviceaccount"),
    ("v1", "PersistentVolumeClaim", "persistentvolumeclaim"),
    ("v1", "LimitRange", "limitrange"),
    ("v1", "ResourceQuota", "resourcequota"),
    ("apps/v1", "StatefulSet", "statefulset.apps"),
    ("batch/v1", "Job", "job.batch"),
    ("batch/v1", "CronJob", "cronjob.batch"),
    (
        "networking.k8s.io/v1",
        "Ingress",
        "ingress.networking.k8s.io",
    ),
];

/// kubectl's resource name for a stored-but-not-simulated kind.
pub fn stored_resource(api_version: &str, kind: &str) -> Option<&'static str> {
    STORED_KINDS
        .iter()
        .find(|(v, k, _)| *v == api_version && *k == kind)
        .map(|(_, _, r)| *r)
}

impl Object {
    /// The kind, as in `kind:`.
    pub fn kind(&self) -> &'static str {
        match self {
            Object::Node(_) => "Node",
            Object::Pod(_) => "Pod",
            Object::DaemonSet(_) => "DaemonSet",
            Object::Deployment(_) => "Deployment",
            Object::ReplicaSet(_) => "ReplicaSet",
            Object::Namespace(_) => "Namespace",
            Object::PriorityClass(_) => "PriorityClass",
            Object::PodDisruptionBudget(_) => "PodDisruptionBudget",
            Object::Other(_) => "Other",
        }
    }

    /// `metadata.name`.
    pub fn name(&self) -> &str {
        match self {
            Object::Node(n) => &n.metadata.name,
            Object::Pod(p) => &p.metadata.name,
            Object::DaemonSet(d) => &d.metadata.name,
            Object::Deployment(d) => &d.metadata.name,
            Object::ReplicaSet(r) => &r.metadata.name,
            Object::Namespace(m) => &m.name,
            Object::PriorityClass(pc) => &pc.metadata.name,
            Object::PodDisruptionBudget(pdb) => &pdb.metadata.name,
            Object::Other(o) => &o.metadata.name,
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
    /// The object as written, for printing back fields taintlab does not model.
    pub raw: Value,
}

/// What a text decoded to: the objects, plus warnings (errors mean no objects).
#[derive(Debug, Default)]
pub struct Decoded {
    /// The objects, in document order.
    pub objects: Vec<Located>,
    /// Non-fatal notes, e.g. a kind that is accepted but not simulated.
    pub warnings: Vec<Diagnostic>,
}

/// The `---`-separated documents of a text that hold something other than
/// comments: each one's first line (1-based) and text.
pub fn documents(text: &str) -> Vec<(usize, &str)> {
    regions(text)
        .into_iter()
        .map(|r| (r.first_line, r.text))
        .collect()
}

/// One `---`-separated region of the text.
pub struct Region<'a> {
    /// 1-based line of the region's first line in the whole text.
    pub first_line: usize,
    /// The region's text.
    pub text: &'a str,
}

/// Splits at `---` lines. Splitting ourselves (rather than letting the YAML parser
/// iterate documents) keeps positions exact and stops one broken document from
/// hiding the others.
pub fn regions(text: &str) -> Vec<Region<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut first_line = 1;
    // Only a line that starts with `---` may separate, so those are found by
    // searching rather than by walking every line of a large text.
    let (mut newlines, mut counted) = (0, 0);
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find("---")) {
        let at = from + found;
        from = at + 3;
        if at > 0 && text.as_bytes()[at - 1] != b'\n' {
            continue;
        }
        let end = text[at..].find('\n').map_or(text.len(), |n| at + n + 1);
        let bare = text[at..end].trim_end_matches(['\n', '\r']);
        let is_separator = bare == "---"
            || bare.starts_with("--- ")
            || bare.starts_with("---\t")
            || bare.starts_with("--- #");
        if is_separator {
            newlines += text.as_bytes()[counted..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted = at;
            out.push(Region {
                first_line,
                text: &text[start..at],
            });
            start = end;
            // The separator is on line `newlines + 1`; its region starts after it.
            first_line = newlines + 2;
        }
        from = from.max(end);
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

/// Removes yaml_serde's own ` at line L column C` suffix, which we report in
/// structured form instead.
pub(crate) fn bare_message(err: &serde_yaml::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) if text[at..].contains(" column ") => text[..at].to_string(),
        _ => text,
    }
}

/// What the simulated API server accepts beyond the defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    /// `TaintTolerationComparisonOperators` (1.35+, alpha): `Lt`/`Gt` tolerations.
    pub comparison_operators: bool,
    /// How validation errors print bad values (JSON from v1.34).
    pub style: crate::api::field_value::ValueStyle,
    /// Before v1.33 a required node affinity's values need not be label values
    /// (`AllowInvalidLabelValueInRequiredNodeAffinity`; PR #128212 refuses them).
    pub allow_invalid_node_affinity_values: bool,
}

/// Decodes every document with the default feature gates.
pub fn decode(text: &str) -> Result<Decoded, Vec<Diagnostic>> {
    decode_with(text, DecodeOptions::default())
}

/// Decodes every document. Any error means `Err` with all errors found; the
/// caller's state must then stay as it was.
pub fn decode_with(text: &str, options: DecodeOptions) -> Result<Decoded, Vec<Diagnostic>> {
    decode_bounded(text, options, Bounds::APPLY)
}

/// [`decode_with`] for an import of a cluster's state, bounded by
/// [`Limit::ImportBytes`] and [`Limit::ImportObjects`] instead of one apply's
/// limits: an import is the one input as large as a whole cluster.
pub fn decode_import(text: &str, options: DecodeOptions) -> Result<Decoded, Vec<Diagnostic>> {
    decode_bounded(text, options, Bounds::IMPORT)
}

/// Decodes objects already read into values, as the items of one `kind: List`
/// (their diagnostics' paths are `items[N]....`): the objects of an import
/// merged from several texts ([`crate::import::Merged`]), which then need not
/// be read again from the text recorded for them. Positions are the caller's
/// to find ([`crate::import::Merged::locate`]): each diagnostic is at line 1.
pub fn decode_values(
    values: Vec<Value>,
    options: DecodeOptions,
) -> Result<Decoded, Vec<Diagnostic>> {
    let region = Region {
        first_line: 1,
        text: "",
    };
    let report = Reporter::new(&region, 1);
    if values.len() as u64 > Limit::ImportObjects.value() {
        return Err(vec![report.at(
            Severity::Error,
            "items",
            Limit::ImportObjects.en(),
        )]);
    }
    let (mut objects, mut unsimulated, mut errors) =
        (Vec::with_capacity(values.len()), Vec::new(), Vec::new());
    for (i, value) in values.into_iter().enumerate() {
        let decoded = typed(&value, Some(i), &report, options);
        keep(
            value,
            decoded,
            &report,
            &mut objects,
            &mut unsimulated,
            &mut errors,
        );
    }
    if errors.is_empty() {
        Ok(Decoded {
            objects,
            warnings: Vec::new(),
        })
    } else {
        Err(errors)
    }
}

/// The limits one decode is held to: the text's bytes and its objects.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    bytes: Limit,
    objects: Limit,
}

impl Bounds {
    /// An apply's: [`crate::limits::MAX_TEXT_BYTES`] and
    /// [`crate::limits::MAX_OBJECTS_PER_APPLY`].
    const APPLY: Bounds = Bounds {
        bytes: Limit::TextBytes,
        objects: Limit::ObjectsPerApply,
    };
    /// An import's: [`crate::limits::MAX_IMPORT_BYTES`] and
    /// [`crate::limits::MAX_IMPORT_OBJECTS`].
    const IMPORT: Bounds = Bounds {
        bytes: Limit::ImportBytes,
        objects: Limit::ImportObjects,
    };
}

fn decode_bounded(
    text: &str,
    options: DecodeOptions,
    bounds: Bounds,
) -> Result<Decoded, Vec<Diagnostic>> {
    let text = yaml::without_bom(text);
    let max_objects = bounds.objects.value() as usize;
    let limit_error = |document, line, message| Diagnostic {
        severity: Severity::Error,
        document,
        line,
        column: 1,
        path: String::new(),
        message,
    };
    if text.len() as u64 > bounds.bytes.value() {
        return Err(vec![limit_error(1, 1, bounds.bytes.en())]);
    }
    let mut decoded = Decoded::default();
    let mut errors = Vec::new();
    for (index, region) in regions(text).iter().enumerate() {
        let document = index + 1;
        if decoded.objects.len() > max_objects {
            errors.push(limit_error(
                document,
                region.first_line,
                bounds.objects.en(),
            ));
            break;
        }
        match decode_region(region, document, options, bounds) {
            Ok((objects, warnings)) => {
                // One document (a List of 10,000 pods, say) moves over whole.
                if decoded.objects.is_empty() {
                    decoded.objects = objects;
                } else {
                    decoded.objects.extend(objects);
                }
                decoded.warnings.extend(warnings);
            }
            Err(errs) => errors.extend(errs),
        }
    }
    if errors.is_empty() && decoded.objects.len() > max_objects {
        errors.push(limit_error(1, 1, bounds.objects.en()));
    }
    if errors.is_empty() {
        Ok(decoded)
    } else {
        Err(errors)
    }
}

/// Pod fields that steer the scheduler in a real cluster but that taintlab's
/// scheduler does not model (yet), as paths in `raw`.
fn unsimulated_scheduling_fields(raw: &Value) -> Vec<String> {
    const FIELDS: [(&str, Option<&str>); 2] = [("schedulingGates", None), ("resourceClaims", None)];
    let kind = value_field(raw, "kind")
        .and_then(Value::as_str)
        .unwrap_or("");
    let (spec, base) = match kind {
        "Pod" => (value_field(raw, "spec"), "spec"),
        "DaemonSet" | "Deployment" | "ReplicaSet" => (
            value_field(raw, "spec")
                .and_then(|s| value_field(s, "template"))
                .and_then(|t| value_field(t, "spec")),
            "spec.template.spec",
        ),
        _ => (None, ""),
    };
    let Some(spec) = spec else {
        return Vec::new();
    };
    FIELDS
        .iter()
        .filter_map(|(field, sub)| {
            let value = value_field(spec, field)?;
            let value = match sub {
                Some(sub) => value_field(value, sub)?,
                None => value,
            };
            let empty = matches!(value, Value::Null)
                || value.as_sequence().is_some_and(Vec::is_empty)
                || value.as_mapping().is_some_and(|m| m.is_empty());
            (!empty).then(|| match sub {
                Some(sub) => format!("{base}.{field}.{sub}"),
                None => format!("{base}.{field}"),
            })
        })
        .collect()
}

type RegionResult = Result<(Vec<Located>, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Builds diagnostics for one region: positions are found by field path.
struct Reporter<'a> {
    region: &'a Region<'a>,
    document: usize,
    /// The region's lines: what placing one diagnostic scans (counted at the
    /// first diagnostic, so a document without any costs nothing more).
    lines: std::cell::OnceCell<usize>,
    /// Lines that placing diagnostics may still scan ([`MAX_LOCATE_LINE_SCANS`]).
    scans_left: std::cell::Cell<usize>,
}

impl<'a> Reporter<'a> {
    fn new(region: &'a Region<'a>, document: usize) -> Reporter<'a> {
        Reporter {
            region,
            document,
            lines: std::cell::OnceCell::new(),
            scans_left: std::cell::Cell::new(MAX_LOCATE_LINE_SCANS),
        }
    }

    /// A diagnostic at `path`'s line. Finding a path scans the document's lines,
    /// so once [`MAX_LOCATE_LINE_SCANS`] lines have been scanned the diagnostic
    /// points at the document's start instead (its message is kept): a document
    /// with thousands of errors stays linear rather than quadratic.
    fn at(&self, severity: Severity, path: &str, message: String) -> Diagnostic {
        let lines = *self
            .lines
            .get_or_init(|| self.region.text.lines().count().max(1));
        let left = self.scans_left.get();
        let (line, column) = if left >= lines {
            self.scans_left.set(left - lines);
            locate(self.region.text, path).unwrap_or((1, 1))
        } else {
            (1, 1)
        };
        self.at_position(severity, line, column, path, message)
    }

    fn at_position(
        &self,
        severity: Severity,
        line: usize,
        column: usize,
        path: &str,
        message: String,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            document: self.document,
            line: self.region.first_line + line.saturating_sub(1),
            column,
            path: path.to_string(),
            message,
        }
    }
}

fn decode_region(
    region: &Region<'_>,
    document: usize,
    options: DecodeOptions,
    bounds: Bounds,
) -> RegionResult {
    let report = Reporter::new(region, document);
    // A List's items are decoded as the fast paths read each one, while it is
    // still in the cache: decoding them after the whole text is read means
    // fetching every item from memory again. Those results are used only if
    // the document turns out to be a List whose items they are; diagnostics are
    // placed with a reporter of their own, which is then the one that would
    // have placed them.
    let early_report = Reporter::new(region, document);
    let mut early = Early::default();
    // Is it YAML at all? (Within the limits: one linear pass before the parser.)
    let (value, fast) = yaml::parse_items(region.text, bounds.bytes, &mut |i, item| {
        let decoded = typed(item, Some(i), &early_report, options);
        // The item itself is still the parser's: it is put in place below.
        early.kept.push(decoded.is_ok());
        keep(
            Value::Null,
            decoded,
            &early_report,
            &mut early.objects,
            &mut early.unsimulated,
            &mut early.errors,
        );
    })
    .map_err(|err| {
        vec![report.at_position(Severity::Error, err.line, err.column, "", err.message)]
    })?;
    let mut objects = Vec::new();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let is_list = matches!(&value, Value::Mapping(m)
        if field(m, "kind").and_then(Value::as_str) == Some("List"));
    // kube-apiserver bounds each request, and `kubectl apply` sends a List's
    // items one by one: a List is bounded by the whole text's limit instead.
    if !is_list && region.text.len() > MAX_OBJECT_BYTES {
        return Err(vec![report.at_position(
            Severity::Error,
            1,
            1,
            "",
            Limit::ObjectBytes.en(),
        )]);
    }
    let mut unsimulated = Vec::new();
    if is_list {
        // `kind: List` (what `kubectl get -o yaml` prints): each item is an object.
        let items = match value {
            Value::Mapping(mut m) => match m.swap_remove("items") {
                Some(Value::Sequence(items)) => items,
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        if items.len() as u64 > bounds.objects.value() {
            return Err(vec![report.at(
                Severity::Error,
                "items",
                bounds.objects.en(),
            )]);
        }
        if fast && early.kept.len() == items.len() {
            let mut slots = early.objects.iter_mut();
            for (item, kept) in items.into_iter().zip(early.kept) {
                if kept && let Some(slot) = slots.next() {
                    slot.raw = item;
                }
            }
            objects = early.objects;
            unsimulated = early.unsimulated;
            errors = early.errors;
        } else {
            objects.reserve_exact(items.len());
            for (i, item) in items.into_iter().enumerate() {
                let decoded = typed(&item, Some(i), &report, options);
                keep(
                    item,
                    decoded,
                    &report,
                    &mut objects,
                    &mut unsimulated,
                    &mut errors,
                );
            }
        }
    } else {
        let decoded = typed(&value, None, &report, options);
        keep(
            value,
            decoded,
            &report,
            &mut objects,
            &mut unsimulated,
            &mut errors,
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (i, paths) in unsimulated.into_iter().enumerate() {
        if paths.is_empty() {
            continue;
        }
        let prefix = if is_list {
            format!("items[{i}].")
        } else {
            String::new()
        };
        for path in paths {
            warnings.push(report.at(
                Severity::Warning,
                &format!("{prefix}{path}"),
                format!(
                    "taintlab does not simulate {path} yet: its scheduler ignores it, so pods may land where a real cluster would not put them"
                ),
            ));
        }
    }
    Ok((objects, warnings))
}

/// What the items of a top-level `items` sequence decoded to as they were read:
/// the objects (each without its value yet), their unsimulated scheduling
/// fields, the diagnostics, and which items were kept.
#[derive(Default)]
struct Early {
    objects: Vec<Located>,
    unsimulated: Vec<Vec<String>>,
    errors: Vec<Diagnostic>,
    kept: Vec<bool>,
}

/// What one object decoded to: the object and its unsimulated scheduling
/// fields, or its diagnostics.
type Typed = Result<(Object, Vec<String>), Vec<Diagnostic>>;

/// Keeps a decoded object with the value it was decoded from, or its diagnostics.
fn keep(
    value: Value,
    decoded: Typed,
    report: &Reporter<'_>,
    objects: &mut Vec<Located>,
    unsimulated: &mut Vec<Vec<String>>,
    errors: &mut Vec<Diagnostic>,
) {
    match decoded {
        Ok((object, paths)) => {
            objects.push(Located {
                object,
                document: report.document,
                line: report.region.first_line,
                raw: value,
            });
            unsimulated.push(paths);
        }
        Err(found) => errors.extend(found),
    }
}

/// Decodes and validates one object; `item` is its index inside a List.
fn typed(
    value: &Value,
    item: Option<usize>,
    report: &Reporter<'_>,
    options: DecodeOptions,
) -> Typed {
    // `items[3].`: built only for a diagnostic.
    let prefix = || item.map(|i| format!("items[{i}].")).unwrap_or_default();
    let located = |path: &str| format!("{}{path}", prefix());
    let Value::Mapping(map) = value else {
        return Err(vec![report.at(
            Severity::Error,
            prefix().trim_end_matches('.'),
            "Object 'Kind' is missing: a Kubernetes object must be a mapping with apiVersion and kind".to_string(),
        )]);
    };
    let string = |name: &str| field(map, name).and_then(Value::as_str).unwrap_or("");
    let (api_version, kind) = (string("apiVersion"), string("kind"));
    if kind.is_empty() || api_version.is_empty() {
        let what = if kind.is_empty() {
            "kind"
        } else {
            "apiVersion"
        };
        return Err(vec![report.at(
            Severity::Error,
            &located(what),
            format!("error validating data: {what} not set"),
        )]);
    }
    let unknown = Unknown::new(options.comparison_operators, options.style);
    let decoded = match (api_version, kind) {
        ("v1", "Node") => objects::node(value, &unknown).map(Object::Node),
        ("v1", "Pod") => objects::pod(value, &unknown).map(Object::Pod),
        ("apps/v1", "DaemonSet") => objects::daemon_set(value, &unknown).map(Object::DaemonSet),
        ("apps/v1", "Deployment") => objects::deployment(value, &unknown).map(Object::Deployment),
        ("apps/v1", "ReplicaSet") => objects::replica_set(value, &unknown).map(Object::ReplicaSet),
        ("v1", "Namespace") => objects::namespace(value, &unknown).map(Object::Namespace),
        ("scheduling.k8s.io/v1", "PriorityClass") => {
            scheduling::priority_class(value, &unknown).map(Object::PriorityClass)
        }
        ("policy/v1", "PodDisruptionBudget") => {
            policy::pod_disruption_budget(value, &unknown).map(Object::PodDisruptionBudget)
        }
        (api_version, kind) if stored_resource(api_version, kind).is_some() => {
            let resource = stored_resource(api_version, kind).unwrap_or_default();
            objects::other_meta(value, &unknown).map(|metadata| {
                Object::Other(OtherObject {
                    api_version: api_version.to_string(),
                    kind: kind.to_string(),
                    resource,
                    metadata,
                })
            })
        }
        _ => {
            return Err(vec![report.at(
                Severity::Error,
                &located("kind"),
                format!("no matches for kind {kind:?} in version {api_version:?}"),
            )]);
        }
    };
    let object = match decoded {
        Ok(object) => object,
        Err(e) => {
            return Err(vec![report.at(
                Severity::Error,
                &located(&e.path),
                e.message,
            )]);
        }
    };
    let unknown = unknown.into_paths();
    if !unknown.is_empty() {
        return Err(unknown
            .into_iter()
            .map(|path| {
                report.at(
                    Severity::Error,
                    &located(&path),
                    format!("strict decoding error: unknown field {path:?}"),
                )
            })
            .collect());
    }
    // API validation that spans several fields.
    let invalid: Vec<Diagnostic> = validate::validate(
        &object,
        options.style,
        options.allow_invalid_node_affinity_values,
    )
    .into_iter()
    .map(|e| report.at(Severity::Error, &located(&e.path), e.to_string()))
    .collect();
    if invalid.is_empty() {
        Ok((object, unsimulated_scheduling_fields(value)))
    } else {
        Err(invalid)
    }
}

#[cfg(test)]
mod tests;
