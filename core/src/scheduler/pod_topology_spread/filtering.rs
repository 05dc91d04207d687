//! PodTopologySpread's PreFilter and Filter for `DoNotSchedule` constraints
//! (`podtopologyspread/filtering.go`).

use super::Constraint;
use super::DO_NOT_SCHEDULE;
use super::NAME;
use super::constraints_of;
use super::domain_counts;
use crate::api::Node;
use crate::api::Pod;
use crate::scheduler::Rejection;
use crate::scheduler::snapshot::Snapshot;
use std::collections::BTreeMap;

/// `ErrReasonConstraintsNotMatch`.
pub const ERR_REASON_CONSTRAINTS_NOT_MATCH: &str =
    "node(s) didn't match pod topology spread constraints";
/// `ErrReasonNodeLabelNotMatch`.
pub const ERR_REASON_NODE_LABEL_NOT_MATCH: &str =
    "node(s) didn't match pod topology spread constraints (missing required label)";

/// Models `preFilterState`: each hard constraint with the number of matching
/// pods in each domain and the global minimum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreFilterState {
    /// The pod's `DoNotSchedule` constraints.
    pub constraints: Vec<Constraint>,
    /// `TpValueToMatchNum`, by constraint.
    pub counts: Vec<BTreeMap<String, i64>>,
    /// Whether the incoming pod matches each constraint's selector itself.
    pub self_match: Vec<bool>,
}

/// How a domain stands against a constraint: what the Filter compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skew {
    /// Matching pods already in the node's domain.
    pub match_num: i64,
    /// 1 when the pod matches its own selector.
    pub self_match: i64,
    /// The global minimum (0 while fewer than `minDomains` domains exist).
    pub min_match: i64,
    /// `maxSkew`.
    pub max_skew: i64,
}

impl Skew {
    /// `matchNum + selfMatchNum - minMatchNum`.
    pub fn skew(&self) -> i64 {
        self.match_num + self.self_match - self.min_match
    }
}

impl PreFilterState {
    /// Models `calPreFilterState`; `None` when the pod has no hard constraint
    /// (PreFilter's `Skip`).
    pub fn of(snapshot: &dyn Snapshot, pod: &Pod) -> Option<PreFilterState> {
        let constraints = constraints_of(pod, DO_NOT_SCHEDULE);
        if constraints.is_empty() {
            return None;
        }
        let counts = domain_counts(snapshot, pod, &constraints, true);
        let self_match = constraints
            .iter()
            .map(|c| {
                c.selector
                    .as_ref()
                    .is_some_and(|s| s.matches(&pod.metadata.labels))
            })
            .collect();
        Some(PreFilterState {
            constraints,
            counts,
            self_match,
        })
    }

    /// Models `minMatchNum`: the smallest count of any domain (the first critical
    /// path), or 0 when there are fewer domains than `minDomains`.
    fn min_match(&self, i: usize) -> i64 {
        let counts = &self.counts[i];
        if (counts.len() as i64) < self.constraints[i].min_domains {
            return 0;
        }
        counts
            .values()
            .copied()
            .min()
            .unwrap_or(i64::from(i32::MAX))
    }

    /// The skew of each constraint on `node`; `None` for a constraint whose key
    /// the node lacks.
    pub fn skews(&self, node: &Node) -> Vec<Option<Skew>> {
        self.constraints
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let value = node.metadata.labels.get(&c.topology_key)?;
                Some(Skew {
                    match_num: self.counts[i].get(value).copied().unwrap_or(0),
                    self_match: i64::from(self.self_match[i]),
                    min_match: self.min_match(i),
                    max_skew: c.max_skew,
                })
            })
            .collect()
    }

    /// Models `Filter`: the node must have every key, and placing the pod there
    /// must keep each constraint's skew within `maxSkew`.
    pub fn filter(&self, node: &Node) -> Result<(), Rejection> {
        for skew in self.skews(node) {
            let reason = match skew {
                None => ERR_REASON_NODE_LABEL_NOT_MATCH,
                Some(s) if s.skew() > s.max_skew => ERR_REASON_CONSTRAINTS_NOT_MATCH,
                Some(_) => continue,
            };
            return Err(Rejection {
                plugin: NAME,
                reason: reason.to_string(),
            });
        }
        Ok(())
    }
}
