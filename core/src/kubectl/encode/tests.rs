//! Whole objects, printed as kubectl prints them.

use super::*;
use crate::kubectl::resource::resolve;
use crate::{Cluster, TUTORIAL_DAEMONSET};

fn get(cluster: &Cluster, resource: &str, namespace: &str, name: &str) -> Value {
    let r = resolve(resource).unwrap_or_else(|| panic!("resource {resource}"));
    object(cluster, r, namespace, name).unwrap_or_else(|| panic!("{resource} {name}"))
}

#[test]
fn dump() {
    let mut c = Cluster::tutorial();
    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    c.advance(5);
    let pod = c
        .pods()
        .next()
        .map(|p| p.metadata.name.clone())
        .unwrap_or_default();
    for (r, n) in [
        ("pod", pod.as_str()),
        ("ds", "redis-ds"),
        ("node", "worker"),
        ("ns", "default"),
    ] {
        println!("{}", to_yaml(&[get(&c, r, "", n)], false));
    }
    println!("{}", to_json(&[get(&c, "ds", "", "redis-ds")], false));
}
