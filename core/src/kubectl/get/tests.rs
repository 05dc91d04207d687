//! `kubectl get` end to end: arguments in, kubectl's text out.

use super::*;
use crate::table::Table;

fn kubectl(cluster: &mut Cluster, line: &str) -> Output {
    let files = Table::default();
    let args: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    run(
        Invocation {
            cluster,
            files: &files,
            stdin: None,
        },
        &args,
    )
}

#[test]
fn smoke() {
    let mut c = Cluster::tutorial();
    let out = kubectl(&mut c, "nodes");
    assert_eq!(out.code, 0);
    assert!(out.text.starts_with("NAME"), "{}", out.text);
}
