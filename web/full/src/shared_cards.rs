//! The node cards of a view, each shared with the previous render when it has not
//! changed, so that a card's component (or a grid cell) compares its props by
//! address and only the nodes that changed render again. Core builds a whole new
//! view after every change to the cluster; at a thousand nodes a clock step
//! usually changes a few of them, or none.

use std::collections::HashMap;
use std::rc::Rc;
use taintlab_core::view::NodeCard;
use yew::prelude::*;

/// `cards`, each one the `Rc` of the last render if that card is equal, else a
/// new one. Keyed by node name: a node that comes back is compared with what
/// it showed last.
#[hook]
pub fn use_shared_cards(cards: &[NodeCard]) -> Rc<[Rc<NodeCard>]> {
    let last = use_mut_ref(HashMap::<String, Rc<NodeCard>>::new);
    let mut last = last.borrow_mut();
    let mut next = HashMap::with_capacity(cards.len());
    let shared: Rc<[Rc<NodeCard>]> = cards
        .iter()
        .map(|card| {
            let card = match last.remove(&card.name) {
                Some(old) if *old == *card => old,
                _ => Rc::new(card.clone()),
            };
            next.insert(card.name.clone(), Rc::clone(&card));
            card
        })
        .collect();
    *last = next;
    shared
}
