//! `kubectl get`'s flags and what they ask for.
//!
//! Models `staging/src/k8s.io/kubectl/pkg/cmd/get/get.go: NewCmdGet` (the flags),
//! `GetOptions.Complete`/`Validate` (their checks and messages) and
//! `get_flags.go`/`cli-runtime/pkg/genericclioptions/*_flags.go` (output formats).

use crate::args::{Args, Flag};

/// The flags `kubectl get` accepts.
pub const FLAGS: &[Flag] = &[
    Flag::value("output", Some('o')),
    Flag::value("selector", Some('l')),
    Flag::value("field-selector", None),
    Flag::switch("all-namespaces", Some('A')),
    Flag::switch("show-labels", None),
    Flag::value("label-columns", Some('L')),
    Flag::value("sort-by", None),
    Flag::switch("no-headers", None),
    Flag::switch("watch", Some('w')),
    Flag::switch("watch-only", None),
    Flag::switch("output-watch-events", None),
    Flag::switch("ignore-not-found", None),
    Flag::switch("show-kind", None),
    Flag::int("chunk-size", None, 64),
    Flag::switch("server-print", None),
    Flag::switch("show-managed-fields", None),
    Flag::switch("allow-missing-template-keys", None),
    Flag::value("template", None),
    Flag::value("filename", Some('f')),
    Flag::value("kustomize", Some('k')),
    Flag::switch("recursive", Some('R')),
    Flag::value("raw", None),
    Flag::value("subresource", None),
];

/// Every `-o` format kubectl's get knows, sorted, for its error message.
const ALLOWED_FORMATS: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml";

/// How the objects are printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// The human-readable table; `wide` adds the priority-1 columns.
    Table {
        /// `-o wide`.
        wide: bool,
    },
    /// `-o name`.
    Name,
    /// `-o yaml`.
    Yaml,
    /// `-o json`.
    Json,
    /// `-o jsonpath=TEMPLATE`.
    JsonPath(String),
    /// A format kubectl has but taintlab does not simulate.
    NotSimulated(String),
    /// A format kubectl does not have: its error.
    Invalid(String),
}

/// What the flags ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The output format.
    pub format: Format,
    /// `-o` as given (for the `--show-labels` message).
    pub output: String,
    /// `-n`, or `default`.
    pub namespace: String,
    /// `-A`.
    pub all_namespaces: bool,
    /// `-l`, trimmed.
    pub label_selector: String,
    /// `--field-selector`, trimmed.
    pub field_selector: String,
    /// `--show-labels`.
    pub show_labels: bool,
    /// `-L`, each value split at commas.
    pub label_columns: Vec<String>,
    /// `--sort-by`.
    pub sort_by: String,
    /// `--no-headers`.
    pub no_headers: bool,
    /// `--show-kind`.
    pub show_kind: bool,
    /// `--ignore-not-found`.
    pub ignore_not_found: bool,
}

/// Models the print flags' `ToPrinter` choice among formats.
fn format(output: &str, template: Option<&str>) -> Format {
    let output = if output.is_empty() && template.is_some_and(|t| !t.is_empty()) {
        "go-template"
    } else {
        output
    };
    let (name, inline) = match output.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (output, None),
    };
    let template = inline.or(template).unwrap_or("");
    match name {
        "" => Format::Table { wide: false },
        "wide" if inline.is_none() => Format::Table { wide: true },
        "name" if inline.is_none() => Format::Name,
        "yaml" if inline.is_none() => Format::Yaml,
        "json" if inline.is_none() => Format::Json,
        "jsonpath" | "jsonpath-as-json" | "go-template" | "template" if template.is_empty() => {
            Format::Invalid("template format specified but no template given".to_string())
        }
        "jsonpath" => Format::JsonPath(template.to_string()),
        "kyaml"
        | "jsonpath-as-json"
        | "jsonpath-file"
        | "go-template"
        | "template"
        | "go-template-file"
        | "templatefile"
        | "custom-columns"
        | "custom-columns-file" => Format::NotSimulated(name.to_string()),
        _ => Format::Invalid(format!(
            "unable to match a printer suitable for the output format {output:?}, allowed formats are: {ALLOWED_FORMATS}"
        )),
    }
}

impl Options {
    /// Reads the parsed flags.
    pub fn from_args(args: &Args) -> Options {
        let output = args.get("output").unwrap_or("").to_string();
        Options {
            format: format(&output, args.get("template")),
            output,
            namespace: match args.get("namespace") {
                Some(ns) if !ns.is_empty() => ns.to_string(),
                _ => "default".to_string(),
            },
            all_namespaces: args.on("all-namespaces"),
            label_selector: args.get("selector").unwrap_or("").trim().to_string(),
            field_selector: args.get("field-selector").unwrap_or("").trim().to_string(),
            show_labels: args.on("show-labels"),
            label_columns: args
                .all("label-columns")
                .iter()
                .flat_map(|v| v.split(','))
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .collect(),
            sort_by: args.get("sort-by").unwrap_or("").to_string(),
            no_headers: args.on("no-headers"),
            show_kind: args.on("show-kind"),
            ignore_not_found: args.on("ignore-not-found"),
        }
    }

    /// Models `GetOptions.Validate`: `--show-labels` only goes with tables.
    pub fn validate(&self) -> Result<(), String> {
        if self.show_labels && !self.output.is_empty() && self.output != "wide" {
            return Err(format!(
                "--show-labels option cannot be used with {} printer",
                self.output
            ));
        }
        Ok(())
    }

    /// Whether a label or field selector was given (`Builder.visitBySelector`).
    pub fn has_selector(&self) -> bool {
        !self.label_selector.is_empty() || !self.field_selector.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::parse;

    fn options(words: &[&str]) -> Options {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        Options::from_args(&parse(&words, FLAGS).expect("parses"))
    }

    #[test]
    fn output_formats() {
        let cases = [
            ("", Format::Table { wide: false }),
            ("wide", Format::Table { wide: true }),
            ("name", Format::Name),
            ("yaml", Format::Yaml),
            ("json", Format::Json),
            (
                "jsonpath={.items[*].metadata.name}",
                Format::JsonPath("{.items[*].metadata.name}".into()),
            ),
            ("kyaml", Format::NotSimulated("kyaml".into())),
            (
                "jsonpath",
                Format::Invalid("template format specified but no template given".into()),
            ),
            (
                "wdie",
                Format::Invalid("unable to match a printer suitable for the output format \"wdie\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml".into()),
            ),
        ];
        for (output, want) in cases {
            assert_eq!(format(output, None), want, "{output:?}");
        }
        assert_eq!(
            format("jsonpath", Some("{.x}")),
            Format::JsonPath("{.x}".into())
        );
    }

    #[test]
    fn flags_read_as_kubectl_reads_them() {
        let o = options(&["pods", "-L", "app,tier", "-Lzone", "-A", "-l", " app=web "]);
        assert_eq!(o.label_columns, ["app", "tier", "zone"]);
        assert!(o.all_namespaces);
        assert_eq!(o.label_selector, "app=web");
        assert_eq!(o.namespace, "default");
        assert_eq!(
            options(&["pods", "-n", "kube-system"]).namespace,
            "kube-system"
        );
        assert_eq!(
            options(&["pods", "--show-labels", "-o", "name"]).validate(),
            Err("--show-labels option cannot be used with name printer".to_string())
        );
        assert!(
            options(&["pods", "--show-labels", "-o", "wide"])
                .validate()
                .is_ok()
        );
    }
}
