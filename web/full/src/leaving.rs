//! Pods that just left a node stay on its card a moment longer, fading out, so
//! that an eviction or a deletion is seen happen rather than inferred from a chip
//! that is no longer there. The cluster itself has forgotten them: core removes a
//! pod as soon as its kubelet confirms the deletion.

use std::cell::Cell;
use std::rc::Rc;
use taintlab_core::view::PodChip;
use yew::prelude::*;

/// How long a departed pod stays on its card; its CSS animation (`leave` in
/// `static/full.css`) lasts as long.
const LINGER_MS: u32 = 1200;

/// Departed pods in batches, each removed when its timer fires.
#[derive(Default, PartialEq)]
struct Departed(Vec<(u64, Vec<PodChip>)>);

enum Change {
    Left(u64, Vec<PodChip>),
    Expired(u64),
}

impl Reducible for Departed {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut batches = self.0.clone();
        match change {
            Change::Left(id, pods) => batches.push((id, pods)),
            Change::Expired(id) => batches.retain(|(batch, _)| *batch != id),
        }
        Rc::new(Departed(batches))
    }
}

fn same(a: &PodChip, b: &PodChip) -> bool {
    a.name == b.name && a.namespace == b.namespace
}

/// The pods that were on node `node` and have just gone, for [`LINGER_MS`] after
/// they went; none that is back under the same name.
#[hook]
pub fn use_departed(node: &str, pods: &[PodChip]) -> Vec<PodChip> {
    let departed = use_reducer(Departed::default);
    // The node and pods of the last render, to compare with.
    let previous = use_mut_ref(|| (String::new(), Vec::<PodChip>::new()));
    let batch = use_mut_ref(|| Cell::new(0u64));
    {
        let departed = departed.clone();
        use_effect_with((node.to_string(), pods.to_vec()), move |(node, pods)| {
            let mut last = previous.borrow_mut();
            // A card reused for another node has nothing that left it.
            if last.0 == *node {
                let gone: Vec<PodChip> = last
                    .1
                    .iter()
                    .filter(|p| !pods.iter().any(|q| same(p, q)))
                    .cloned()
                    .collect();
                if !gone.is_empty() {
                    let id = batch.borrow().get() + 1;
                    batch.borrow().set(id);
                    departed.dispatch(Change::Left(id, gone));
                    let departed = departed.clone();
                    gloo::timers::callback::Timeout::new(LINGER_MS, move || {
                        departed.dispatch(Change::Expired(id))
                    })
                    .forget();
                }
            }
            *last = (node.clone(), pods.clone());
        });
    }
    departed
        .0
        .iter()
        .flat_map(|(_, gone)| gone)
        .filter(|p| !pods.iter().any(|q| same(p, q)))
        .cloned()
        .collect()
}
