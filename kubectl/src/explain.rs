//! `kubectl explain` for the fields of the simulated kinds. Models
//! `kubectl/pkg/cmd/explain/explain.go` (arguments, `--recursive`, `--api-version`,
//! `--output`) and the OpenAPI v3 renderer `kubectl/pkg/explain/v2` with its
//! `templates/plaintext.tmpl`, over the schemas in `explain/schema.rs`.

mod apps_v1;
mod core_v1;
mod schema;
mod wrap;

use super::Invocation;
use super::args::{self, Flag};
use super::resource::{self, ResourceType};
use crate::Output;
use schema::{Field, Type};
use wrap::{indent, wrap};

pub(crate) const FLAGS: &[Flag] = &[
    Flag::switch("recursive", None),
    Flag::value("api-version", None),
    Flag::value("output", Some('o')),
];

/// Runs `kubectl explain ARGS...`.
pub fn run(_inv: Invocation<'_>, args: &[String]) -> Output {
    let parsed = match args::parse(args, FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return super::usage_error("explain", &message),
    };
    // Models `ExplainOptions.Validate`.
    match parsed.positional.len() {
        0 => {
            return Output::error(
                "error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n",
            );
        }
        1 => {}
        _ => return Output::error("error: We accept only this format: explain RESOURCE\n"),
    }
    let (resource, path) = match split_request(&parsed.positional[0]) {
        Ok(found) => found,
        Err(message) => return Output::error(format!("error: {message}\n")),
    };
    match parsed.get("output").unwrap_or("plaintext") {
        "plaintext" => {}
        "plaintext-openapiv2" => {
            return Output::error(
                "error: taintlab does not simulate \"kubectl explain --output=plaintext-openapiv2\" yet\n",
            );
        }
        other => return Output::error(format!("error: unrecognized format: {other}\n")),
    }
    if let Some(version) = parsed.get("api-version")
        && let Err(message) = check_api_version(resource, version)
    {
        return Output::error(format!("error: {message}\n"));
    }
    let Some(root) = root_schema(resource) else {
        return Output::error(format!(
            "error: taintlab does not simulate \"kubectl explain {}\" yet\n",
            resource.plural
        ));
    };
    match explain(resource, root, &path, parsed.on("recursive")) {
        Ok(text) => Output::ok(text),
        Err((header, message)) => Output::error(format!("{header}error: {message}\n")),
    }
}

/// Models `explain.SplitAndParseResourceRequestWithMatchingPrefix`: the longest
/// dotted prefix that names a resource (`deployments.apps.spec`), then the fields;
/// a trailing dot is ignored.
fn split_request(request: &str) -> Result<(&'static ResourceType, Vec<String>), String> {
    let request = request.strip_suffix('.').unwrap_or(request);
    let parts: Vec<&str> = request.split('.').collect();
    for take in (1..=parts.len().min(3)).rev() {
        if let Some(resource) = resource::resolve(&parts[..take].join(".")) {
            let path = parts[take..].iter().map(|s| s.to_string()).collect();
            return Ok((resource, path));
        }
    }
    Err(resource::unknown(parts[0])
        .trim_start_matches("error: ")
        .to_string())
}

/// `--api-version`: a group/version other than the resource's is not served for it
/// (`printModelDescriptionWithGenerator`, the template's GVR lookup).
fn check_api_version(resource: &ResourceType, version: &str) -> Result<(), String> {
    let (group, ver) = match version.split('/').collect::<Vec<_>>()[..] {
        [v] => ("", v),
        [g, v] => (g, v),
        _ => return Err(format!("unexpected GroupVersion string: {version}")),
    };
    if version == resource.api_version {
        return Ok(());
    }
    let gvr = format!("{group}/{ver}, Resource={}", resource.plural);
    // The simulated API server serves v1 and apps/v1.
    if matches!(version, "v1" | "apps/v1") {
        Err(format!("GVR ({gvr}) not found in OpenAPI schema"))
    } else {
        Err(format!("couldn't find resource for \"{gvr}\""))
    }
}

/// The schema of a kind, for the kinds taintlab documents.
fn root_schema(resource: &ResourceType) -> Option<&'static Type> {
    match resource.kind {
        "Pod" => Some(&core_v1::POD),
        "Node" => Some(&core_v1::NODE),
        "DaemonSet" => Some(&apps_v1::DAEMON_SET),
        "Deployment" => Some(&apps_v1::DEPLOYMENT),
        "ReplicaSet" => Some(&apps_v1::REPLICA_SET),
        _ => None,
    }
}

/// Models the plaintext template: the GROUP/KIND/VERSION header, then the
/// `output` of the field path. An unknown field fails after the header was
/// printed, as kubectl writes the header before the template throws.
fn explain(
    resource: &ResourceType,
    root: &'static Type,
    path: &[String],
    recursive: bool,
) -> Result<String, (String, String)> {
    let mut header = String::new();
    if !resource.group.is_empty() {
        header.push_str(&format!("GROUP:      {}\n", resource.group));
    }
    let version = resource.api_version.rsplit('/').next().unwrap_or("v1");
    header.push_str(&format!("KIND:       {}\n", resource.kind));
    header.push_str(&format!("VERSION:    {version}\n"));
    header.push('\n');
    let not_found = |header: String| {
        let last = path.last().map(String::as_str).unwrap_or_default();
        Err((header, format!("field \"{last}\" does not exist")))
    };
    let mut out = header.clone();
    let mut current = root;
    let mut description = format!("{}\n", root.description);
    let mut fields: &[Field] = root.fields;
    for (i, name) in path.iter().enumerate() {
        let Some(field) = current.fields.iter().find(|f| f.name == name.as_str()) else {
            return not_found(header);
        };
        let last = i + 1 == path.len();
        if last {
            out.push_str(&format!("FIELD: {name} <{}>\n", field.shape.type_guess()));
            if !field.enums.is_empty() {
                out.push_str("ENUM:");
                for e in field.enums {
                    out.push_str(&format!("\n    {e}"));
                }
            }
            out.push_str("\n\n");
            description = field_description(field);
            fields = field.shape.target().map_or(&[], |t| t.fields);
        } else {
            match field.shape.target() {
                Some(next) => current = next,
                None => return not_found(header),
            }
        }
    }
    // Models the template `output` once the path is used up.
    out.push_str("DESCRIPTION:\n");
    let description = if description.is_empty() {
        "<empty>".to_string()
    } else {
        description
    };
    out.push_str(&indent(4, &wrap(76, &description)));
    out.push('\n');
    if !fields.is_empty() {
        out.push_str("FIELDS:\n");
        field_list(&mut out, fields, 1, recursive);
    }
    out.push('\n');
    Ok(out)
}

/// Models the template `description` for a field: its own description, then that
/// of the schema it refers to (directly or as array items).
fn field_description(field: &Field) -> String {
    let mut text = String::new();
    let own = field.full_description();
    if !own.is_empty() {
        text.push_str(&own);
        text.push('\n');
    }
    if let Some(t) = field.shape.target()
        && !t.description.is_empty()
    {
        text.push_str(t.description);
        text.push('\n');
    }
    text
}

/// Models the templates `fieldList` and `fieldDetail`.
fn field_list(out: &mut String, fields: &[Field], level: usize, recursive: bool) {
    let indent_amount = level * 2;
    for field in fields {
        out.push_str(&indent(indent_amount, field.name));
        out.push_str(&format!("\t<{}>", field.shape.type_guess()));
        if field.required {
            out.push_str(" -required-");
        }
        if !field.enums.is_empty() {
            out.push('\n');
            out.push_str(&" ".repeat(indent_amount));
            out.push_str("enum: ");
            for (i, e) in field.enums.iter().enumerate() {
                if i >= 4 {
                    out.push_str(", ....");
                    break;
                }
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(e);
            }
        }
        out.push('\n');
        if recursive {
            if let Some(t) = field.shape.target() {
                field_list(out, t.fields, level + 1, recursive);
            }
            continue;
        }
        let description = field.full_description();
        let description = if description.is_empty() {
            "<no description>".to_string()
        } else {
            description
        };
        out.push_str(&indent(
            indent_amount + 2,
            &wrap(78 - indent_amount, &description),
        ));
        out.push('\n');
        out.push('\n');
    }
}

#[cfg(test)]
mod tests;
