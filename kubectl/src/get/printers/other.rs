//! Namespaces and the kinds taintlab stores without simulating them.
//!
//! Models `printers.go: printNamespace`, `printConfigMap`, `printSecret` and
//! `printServiceAccount`; any other stored kind gets the server's default table,
//! `tableprinter.go: printObjectMeta` (NAME, AGE).

use super::{Column, NAME, col};
use crate::age::age;
use crate::objects::Object;
use serde_yaml::Value;
use taintlab_core::Cluster;

const NAMESPACE_COLUMNS: &[Column] = &[NAME, col("Status"), col("Age")];
const CONFIG_MAP_COLUMNS: &[Column] = &[NAME, col("Data"), col("Age")];
const SECRET_COLUMNS: &[Column] = &[NAME, col("Type"), col("Data"), col("Age")];
const SERVICE_ACCOUNT_COLUMNS: &[Column] = &[NAME, col("Secrets"), col("Age")];
const DEFAULT_COLUMNS: &[Column] = &[NAME, col("Age")];

/// The columns for `kind`.
pub fn columns(kind: &str) -> &'static [Column] {
    match kind {
        "Namespace" => NAMESPACE_COLUMNS,
        "ConfigMap" => CONFIG_MAP_COLUMNS,
        "Secret" => SECRET_COLUMNS,
        "ServiceAccount" => SERVICE_ACCOUNT_COLUMNS,
        _ => DEFAULT_COLUMNS,
    }
}

/// How many keys the mappings `fields` of `raw` hold together.
fn count_keys(raw: Option<&Value>, fields: &[&str]) -> usize {
    let mut keys: Vec<&Value> = Vec::new();
    for field in fields {
        if let Some(Value::Mapping(m)) = raw.and_then(|r| r.get(*field)) {
            for k in m.keys() {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
    }
    keys.len()
}

/// The cells of a namespace or a stored object.
pub fn cells(cluster: &Cluster, object: &Object<'_>) -> Vec<String> {
    let name = object.name().to_string();
    let created = age(cluster.now(), Some(object.created()));
    let Object::Other(other) = object else {
        return vec![name, "Active".to_string(), created];
    };
    let raw = cluster.applied_config(&other.kind, object.namespace(), &other.metadata.name);
    match other.kind.as_str() {
        "ConfigMap" => vec![
            name,
            count_keys(raw, &["data", "binaryData"]).to_string(),
            created,
        ],
        "Secret" => {
            let type_ = raw
                .and_then(|r| r.get("type"))
                .and_then(Value::as_str)
                .unwrap_or("Opaque")
                .to_string();
            let data = count_keys(raw, &["data", "stringData"]).to_string();
            vec![name, type_, data, created]
        }
        "ServiceAccount" => {
            let secrets = raw
                .and_then(|r| r.get("secrets"))
                .and_then(Value::as_sequence)
                .map_or(0, Vec::len);
            vec![name, secrets.to_string(), created]
        }
        _ => vec![name, created],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::list;
    use crate::resource::resolve;

    fn first_row(c: &Cluster, word: &str) -> Vec<String> {
        let objects = list(c, resolve(word).expect("type"), Some("default"));
        cells(c, objects.first().expect("an object"))
    }

    #[test]
    fn stored_kinds_print_their_server_columns() {
        let mut c = Cluster::tutorial();
        c.apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata: {a: '1', b: '2'}\nbinaryData: {c: eA==}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData: {a: x}\ndata: {a: eA==, b: eA==}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  ports: [{port: 80}]\n")
            .expect("applies");
        assert_eq!(first_row(&c, "cm")[..2], ["cfg", "3"]);
        assert_eq!(first_row(&c, "secret")[..3], ["s", "Opaque", "2"]);
        assert_eq!(first_row(&c, "sa")[..2], ["sa", "0"]);
        assert_eq!(first_row(&c, "svc").len(), 2);
        assert_eq!(first_row(&c, "ns")[..2], ["default", "Active"]);
    }
}
