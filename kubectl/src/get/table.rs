//! The human-readable output: one table per run of answers of the same type, a
//! blank line between tables, decorated with NAMESPACE, `kind/` names and label
//! columns.
//!
//! Models `get.go: Run` (a printer and tabwriter per resource, the separator
//! writer, `multipleGVKsRequested`) and `cli-runtime/pkg/printers/tableprinter.go`
//! (`printTable`: no header without rows; `decorateTable`: NAMESPACE first,
//! `-L` columns, LABELS last; `formatLabelHeaders`).

use super::fetch::Info;
use super::printers::{self, Column};
use crate::resource::ResourceType;
use crate::selector::format_labels;
use crate::tabwriter;
use taintlab_core::Cluster;

/// How the tables look.
#[derive(Debug, Clone, Default)]
pub struct TableOptions {
    /// `-o wide`.
    pub wide: bool,
    /// `-A`: namespaced types get a NAMESPACE column.
    pub all_namespaces: bool,
    /// Prefix names with `kind/` (several types answered, or `--show-kind`).
    pub with_kind: bool,
    /// `--show-labels`.
    pub show_labels: bool,
    /// `-L`.
    pub label_columns: Vec<String>,
    /// `--no-headers`.
    pub no_headers: bool,
}

/// Models `multipleGVKsRequested`: answers of more than one type.
pub fn multiple_types(infos: &[Info<'_>]) -> bool {
    infos
        .first()
        .is_some_and(|first| infos.iter().any(|i| i.resource.kind != first.resource.kind))
}

/// Models `formatLabelHeaders`: the part after the last `/`, upper-cased.
fn label_header(key: &str) -> String {
    key.rsplit('/').next().unwrap_or(key).to_uppercase()
}

/// The rows of one table: the header (unless `--no-headers`) and one row per object.
fn rows(
    cluster: &Cluster,
    resource: &ResourceType,
    infos: &[&Info<'_>],
    options: &TableOptions,
) -> Vec<Vec<String>> {
    let columns: &[Column] = printers::columns(resource, cluster.version().minor);
    let shown = |c: &Column| options.wide || !c.wide;
    let with_namespace = options.all_namespaces && resource.namespaced;
    let mut out = Vec::new();
    let objects: Vec<_> = infos.iter().flat_map(|i| i.objects.iter()).collect();
    if objects.is_empty() {
        return out;
    }
    if !options.no_headers {
        let mut header = Vec::new();
        if with_namespace {
            header.push("NAMESPACE".to_string());
        }
        header.extend(
            columns
                .iter()
                .filter(|c| shown(c))
                .map(|c| c.name.to_uppercase()),
        );
        header.extend(options.label_columns.iter().map(|k| label_header(k)));
        if options.show_labels {
            header.push("LABELS".to_string());
        }
        out.push(header);
    }
    let kind = resource.qualified_singular();
    for object in objects {
        let cells = printers::cells(cluster, object);
        let mut row = Vec::new();
        if with_namespace {
            row.push(object.namespace().to_string());
        }
        for (column, cell) in columns.iter().zip(cells) {
            if !shown(column) {
                continue;
            }
            row.push(if column.is_name && options.with_kind {
                format!("{kind}/{cell}")
            } else {
                cell
            });
        }
        let labels = object.labels_ref();
        for key in &options.label_columns {
            row.push(labels.get(key).cloned().unwrap_or_default());
        }
        if options.show_labels {
            row.push(format_labels(&labels));
        }
        out.push(row);
    }
    out
}

/// Renders the answers: consecutive answers of one type share a table; a blank
/// line separates tables once something has been written (not with
/// `--no-headers`). Empty tables print nothing.
pub fn render(cluster: &Cluster, infos: &[Info<'_>], options: &TableOptions) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < infos.len() {
        let resource = infos[i].resource;
        let mut group = vec![&infos[i]];
        i += 1;
        while i < infos.len() && infos[i].resource.kind == resource.kind {
            group.push(&infos[i]);
            i += 1;
        }
        let text = tabwriter::render(&rows(cluster, resource, &group, options));
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() && !options.no_headers {
            out.push('\n');
        }
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::list;
    use crate::resource::resolve;

    fn info<'a>(c: &'a Cluster, word: &str) -> Info<'a> {
        let resource = resolve(word).expect("type");
        Info {
            resource,
            objects: list(c, resource, Some("default")),
        }
    }

    #[test]
    fn nodes_table() {
        let c = Cluster::tutorial();
        assert_eq!(
            render(&c, &[info(&c, "nodes")], &TableOptions::default()),
            "NAME     STATUS   ROLES    AGE   VERSION\nmaster   Ready    master   0s    v1.36.0\nworker   Ready    <none>   0s    v1.36.0\n"
        );
    }

    #[test]
    fn decorations() {
        let c = Cluster::tutorial();
        let options = TableOptions {
            with_kind: true,
            label_columns: vec!["kubernetes.io/hostname".into(), "missing".into()],
            show_labels: false,
            no_headers: false,
            ..Default::default()
        };
        assert_eq!(
            render(&c, &[info(&c, "nodes")], &options),
            "NAME          STATUS   ROLES    AGE   VERSION   HOSTNAME   MISSING\nnode/master   Ready    master   0s    v1.36.0   master     \nnode/worker   Ready    <none>   0s    v1.36.0   worker     \n"
        );
        let options = TableOptions {
            all_namespaces: true,
            no_headers: true,
            ..Default::default()
        };
        // Cluster-scoped types get no NAMESPACE column, even with -A.
        assert_eq!(
            render(&c, &[info(&c, "ns")], &options),
            "default           Active   0s\nkube-node-lease   Active   0s\nkube-public       Active   0s\nkube-system       Active   0s\n"
        );
    }

    #[test]
    fn tables_are_separated_and_empty_ones_skipped() {
        let c = Cluster::tutorial();
        let infos = [info(&c, "pods"), info(&c, "nodes"), info(&c, "ns")];
        let text = render(&c, &infos, &TableOptions::default());
        assert!(text.starts_with("NAME     STATUS"), "{text}");
        assert!(
            text.contains("v1.36.0\n\nNAME              STATUS   AGE\n"),
            "{text}"
        );
        assert!(multiple_types(&infos));
        assert!(!multiple_types(&infos[..1]));
    }
}
