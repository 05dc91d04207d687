//! PodTopologySpread's PreFilter and Filter for `DoNotSchedule` constraints
//! (`podtopologyspread/filtering.go`).

use super::Constraint;
use super::DO_NOT_SCHEDULE;
use super::DomainCounts;
use super::NAME;
use super::constraints_of;
use super::domain_counts;
use crate::api::Node;
use crate::api::Pod;
use crate::scheduler::Rejection;
use crate::scheduler::snapshot::Snapshot;

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
    pub counts: Vec<DomainCounts>,
    /// Whether the incoming pod matches each constraint's selector itself.
    pub self_match: Vec<bool>,
    /// Models `minMatchNum`, by constraint: the smallest count of a present
    /// domain (the first critical path), or 0 while fewer domains than
    /// `minDomains` are present.
    pub min_match: Vec<i64>,
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
        let min_match = constraints
            .iter()
            .zip(&counts)
            .map(|(c, d)| {
                if (d.present_count() as i64) < c.min_domains {
                    return 0;
                }
                d.counts
                    .iter()
                    .zip(&d.present)
                    .filter(|(_, present)| **present)
                    .map(|(n, _)| *n)
                    .min()
                    .unwrap_or(i64::from(i32::MAX))
            })
            .collect();
        Some(PreFilterState {
            constraints,
            counts,
            self_match,
            min_match,
        })
    }

    /// The skew of each constraint on the node at `pos`; `None` for a
    /// constraint whose key the node lacks.
    pub fn skews(&self, pos: usize) -> Vec<Option<Skew>> {
        self.constraints
            .iter()
            .enumerate()
            .map(|(i, c)| {
                Some(Skew {
                    match_num: self.counts[i].at(pos)?,
                    self_match: i64::from(self.self_match[i]),
                    min_match: self.min_match[i],
                    max_skew: c.max_skew,
                })
            })
            .collect()
    }

    /// Models `Filter` for the node at `pos`: the node must have every key, and
    /// placing the pod there must keep each constraint's skew within `maxSkew`.
    pub fn filter(&self, pos: usize) -> Result<(), Rejection> {
        for (i, c) in self.constraints.iter().enumerate() {
            let reason = match self.counts[i].at(pos) {
                None => ERR_REASON_NODE_LABEL_NOT_MATCH,
                Some(n) if n + i64::from(self.self_match[i]) - self.min_match[i] > c.max_skew => {
                    ERR_REASON_CONSTRAINTS_NOT_MATCH
                }
                Some(_) => continue,
            };
            return Err(Rejection {
                plugin: NAME,
                reason: reason.to_string(),
            });
        }
        Ok(())
    }

    /// Models `AddPod` / `RemovePod` (`updateWithPod`) for preemption's dry
    /// runs: `other` is put on (`delta` 1) or taken off (-1) the node at `pos`.
    /// As upstream, the pod's terminating state is not looked at here. Only that
    /// node's domain changes, so `min_excluding` (each constraint's smallest
    /// present count over the other domains, from [`Self::min_excluding`]) gives
    /// the new minimum without reading every domain.
    pub fn update_with_pod(
        &mut self,
        pod: &Pod,
        other: &Pod,
        node: &Node,
        pos: usize,
        delta: i64,
        min_excluding: &[Option<i64>],
    ) {
        if other.metadata.namespace != pod.metadata.namespace
            || self.counts.iter().any(|c| c.domains.of_pos(pos).is_none())
        {
            return;
        }
        for (i, c) in self.constraints.iter().enumerate() {
            let selected = c
                .selector
                .as_ref()
                .is_some_and(|s| s.matches(&other.metadata.labels));
            if !selected || !c.includes(pod, node) {
                continue;
            }
            let Some(d) = self.counts[i].domains.of_pos(pos) else {
                continue;
            };
            self.counts[i].counts[d] += delta;
            self.counts[i].present[d] = true;
            if (self.counts[i].present_count() as i64) < c.min_domains {
                self.min_match[i] = 0;
            } else {
                let here = self.counts[i].counts[d];
                self.min_match[i] = min_excluding
                    .get(i)
                    .copied()
                    .flatten()
                    .map_or(here, |other| other.min(here));
            }
        }
    }

    /// For each constraint, the smallest present count over the domains other
    /// than the one holding the node at `pos` (`None` when there is none).
    pub fn min_excluding(&self, pos: usize) -> Vec<Option<i64>> {
        self.counts
            .iter()
            .map(|c| {
                let here = c.domains.of_pos(pos);
                c.counts
                    .iter()
                    .zip(&c.present)
                    .enumerate()
                    .filter(|(d, (_, present))| **present && Some(*d) != here)
                    .map(|(_, (n, _))| *n)
                    .min()
            })
            .collect()
    }
}
