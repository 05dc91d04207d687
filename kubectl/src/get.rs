//! `kubectl get`: tables, wide, names, labels, YAML, JSON and JSONPath.
//!
//! Models `staging/src/k8s.io/kubectl/pkg/cmd/get/get.go`: `Complete` and
//! `Validate` (in [`options`]), the resource builder (in [`request`](super::request) and
//! [`fetch`]), `Run` for tables (in [`table`]) and `printGeneric` for the other
//! formats (here), then `cmdutil.CheckErr` printing the errors last.

pub mod fetch;
pub mod fields;
pub mod object_value;
pub mod options;
pub mod printers;
pub mod sort;
pub mod table;

use super::Invocation;
use super::encode;
use super::request;
use crate::Output;
use crate::lookup::Lookup;
use fetch::{Fetched, Info};
use options::{Format, Options};
use serde_yaml::Value;
use taintlab_core::Cluster;

/// Models `Complete`'s message for `kubectl get` without a type.
const NO_TYPE: &str = "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n";

/// Runs `kubectl get ARGS...`.
pub fn run(inv: Invocation<'_>, args: &[String]) -> Output {
    let parsed = match super::args::parse(args, options::FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return super::usage_error("get", &message),
    };
    if parsed.on("watch") || parsed.on("watch-only") {
        return Output::error(
            "error: taintlab does not simulate watching (--watch): run the command again to see what changed\n",
        );
    }
    for flag in ["filename", "kustomize", "raw", "subresource"] {
        if parsed.get(flag).is_some() {
            return Output::error(format!(
                "error: taintlab does not simulate kubectl get --{flag} yet\n"
            ));
        }
    }
    let options = Options::from_args(&parsed);
    if parsed.positional.is_empty() {
        return Output::error(NO_TYPE);
    }
    if let Err(message) = options.validate() {
        return Output::error(format!("error: {message}\n"));
    }
    let plan = match request::plan(
        &parsed.positional,
        options.has_selector(),
        options.all_namespaces,
    ) {
        Ok(plan) => plan,
        Err(line) => return Output::error(format!("{line}\n")),
    };
    let cluster: &Cluster = inv.cluster;
    let fetched = fetch::fetch(cluster, &plan, &options);
    match &options.format {
        Format::Table { wide } => print_tables(cluster, fetched, &options, *wide),
        _ => print_generic(cluster, fetched, &options, plan.single_item_implied),
    }
}

/// The output, then the error lines; failure if there were errors.
fn finish(mut text: String, errors: &[String]) -> Output {
    for e in errors {
        text.push_str(e);
        text.push('\n');
    }
    if errors.is_empty() {
        Output::ok(text)
    } else {
        Output::error(text)
    }
}

/// Sorts each answer's objects by `--sort-by` (each table on its own, as
/// `RuntimeSorter` sorts each server table).
fn sort_each(cluster: &Cluster, infos: &mut [Info<'_>], sort_by: &str) -> Result<(), String> {
    if sort_by.is_empty() {
        return Ok(());
    }
    let field = sort::relaxed(sort_by).map_err(|e| format!("sorting error: {e}"))?;
    for info in infos {
        let values: Vec<Value> = info
            .objects
            .iter()
            .map(|o| object_value::object_value(cluster, info.resource, o))
            .collect();
        let order = sort::order(&field, &values)?;
        let mut objects: Vec<_> = order.iter().map(|&i| info.objects[i].clone()).collect();
        std::mem::swap(&mut info.objects, &mut objects);
    }
    Ok(())
}

/// Models `Run` for human-readable output: tables, errors, and "No resources
/// found" when nothing was written and nothing failed.
fn print_tables(
    cluster: &Cluster,
    mut fetched: Fetched<'_>,
    options: &Options,
    wide: bool,
) -> Output {
    if let Err(message) = sort_each(cluster, &mut fetched.infos, &options.sort_by) {
        return Output::error(format!("error: {message}\n"));
    }
    let table_options = table::TableOptions {
        wide,
        all_namespaces: options.all_namespaces,
        with_kind: options.show_kind || table::multiple_types(&fetched.infos),
        show_labels: options.show_labels,
        label_columns: options.label_columns.clone(),
        no_headers: options.no_headers,
    };
    let mut text = table::render(cluster, &fetched.infos, &table_options);
    if text.is_empty() && fetched.errors.is_empty() && !options.ignore_not_found {
        let all_namespaced =
            !options.all_namespaces && fetched.infos.iter().all(|i| i.resource.namespaced);
        text = if all_namespaced {
            format!("No resources found in {} namespace.\n", options.namespace)
        } else {
            "No resources found\n".to_string()
        };
    }
    finish(text, &fetched.errors)
}

/// Models `printGeneric`: every object in one List (or alone when a single
/// object was named), sorted as a whole, printed by name or through `encode`.
fn print_generic(
    cluster: &Cluster,
    fetched: Fetched<'_>,
    options: &Options,
    single_item_implied: bool,
) -> Output {
    if single_item_implied && !fetched.errors.is_empty() {
        return finish(String::new(), &fetched.errors);
    }
    let message = match &options.format {
        Format::Invalid(message) => Some(message.clone()),
        Format::NotSimulated(name) => Some(format!("taintlab does not simulate -o {name} yet")),
        _ => None,
    };
    if let Some(message) = message {
        return Output::error(format!("error: {message}\n"));
    }
    let mut items: Vec<_> = fetched
        .infos
        .iter()
        .flat_map(|i| i.objects.iter().map(move |o| (i.resource, o)))
        .collect();
    let as_list = !(single_item_implied && items.len() == 1);
    if as_list && !options.sort_by.is_empty() {
        let field = match sort::relaxed(&options.sort_by) {
            Ok(field) => field,
            Err(e) => return Output::error(format!("error: {e}\n")),
        };
        let values: Vec<Value> = items
            .iter()
            .map(|(r, o)| object_value::object_value(cluster, r, o))
            .collect();
        match sort::order(&field, &values) {
            Ok(order) => items = order.iter().map(|&i| items[i]).collect(),
            Err(e) => return Output::error(format!("error: {e}\n")),
        }
    }
    let text = match &options.format {
        Format::Name => items
            .iter()
            .map(|(r, o)| format!("{}/{}\n", r.qualified_singular(), o.name()))
            .collect(),
        format => {
            // One set of lookups (events by object) for every object encoded.
            let lookup = Lookup::new(cluster);
            // Each object is written as it is built and then dropped: a listing
            // of thousands never holds all of them at once.
            let nodes = items
                .iter()
                .filter_map(|(r, o)| encode::object_node_in(&lookup, r, o.namespace(), o.name()));
            let values = || {
                items
                    .iter()
                    .filter_map(|(r, o)| encode::object_in(&lookup, r, o.namespace(), o.name()))
                    .collect::<Vec<Value>>()
            };
            match format {
                Format::Yaml => encode::nodes_yaml(nodes, as_list),
                Format::Json => encode::nodes_json(nodes, as_list),
                Format::JsonPath(template) => {
                    match encode::jsonpath(template, &values(), as_list) {
                        Ok(text) => text,
                        Err(e) => {
                            let mut out = finish(format!("{}\n", e.trim_end()), &fetched.errors);
                            out.code = 1;
                            return out;
                        }
                    }
                }
                _ => String::new(),
            }
        }
    };
    finish(text, &fetched.errors)
}

#[cfg(test)]
mod tests;
