//! The DefaultPreemption plugin, the PostFilter that runs when a pod fits no
//! node (`pkg/scheduler/framework/plugins/defaultpreemption`, with the
//! evaluator of `pkg/scheduler/framework/preemption`): on the nodes where
//! removing pods could help, find the fewest lower-priority pods whose removal
//! lets the pod fit, respecting PodDisruptionBudgets where it can, and pick the
//! node whose victims matter least.
//!
//! Upstream dry-runs the candidate nodes in parallel from a random offset and
//! breaks the last ties by map order; here the offset comes from the pod's UID
//! and the first of equals by node name wins, so that a scenario always ends
//! the same.

use super::Rejection;
use super::fit_error::histogram;
use super::node_info::NodeInfo;
use super::node_info::PodInfo;
use super::snapshot::Snapshot;
use crate::api::LabelSelector;
use crate::api::Pod;
use crate::clock::Time;
use crate::version::KubeVersion;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The plugin's name.
pub const NAME: &str = "DefaultPreemption";
/// The status of a node with nothing to preempt.
pub const NO_VICTIMS: &str = "No preemption victims found for incoming pod";
/// The status of a node that preemption cannot help.
pub const NOT_HELPFUL: &str = "Preemption is not helpful for scheduling";
/// `v1.PodReasonPreemptionByScheduler`.
pub const PREEMPTION_BY_SCHEDULER: &str = "PreemptionByScheduler";

/// A PodDisruptionBudget as preemption reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// Its namespace.
    pub namespace: String,
    /// `spec.selector`; `None` or empty selects no pod here.
    pub selector: Option<LabelSelector>,
    /// `status.disruptionsAllowed`.
    pub allowed: i64,
}

/// A pod preemption would remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Victim {
    /// Its namespace.
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// Its UID.
    pub uid: String,
    /// Its priority.
    pub priority: i32,
    /// When it started (`GetPodStartTime`: now for a pod not started yet).
    pub start: Time,
    /// Whether it is terminating already (then it is not deleted again).
    pub terminating: bool,
}

/// A node where preemption would make room: `Candidate` with its `Victims`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The node's position.
    pub pos: usize,
    /// The victims, most important first.
    pub victims: Vec<Victim>,
    /// How many victims a PodDisruptionBudget would rather keep.
    pub pdb_violations: usize,
}

/// What the PostFilter decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostFilter {
    /// Room is made on this node: the pod is nominated to it.
    Nominated(Candidate),
    /// Preemption does not help; the message goes after `preemption: `.
    Unschedulable(String),
}

/// One node the filters rejected: its position (none for the nodes a PreFilter
/// ruled out at once), the reason, and whether removing pods could help
/// (`Unschedulable` rather than `UnschedulableAndUnresolvable`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The node's position.
    pub pos: Option<usize>,
    /// The filter's reason.
    pub reason: String,
    /// Whether preemption may help.
    pub resolvable: bool,
}

/// What preemption reads of the cluster besides the snapshot.
pub struct Inputs<'a> {
    /// The node infos, by position.
    pub infos: &'a [NodeInfo],
    /// The PodDisruptionBudgets.
    pub budgets: &'a [Budget],
    /// The simulated version, for the filters' wording.
    pub version: KubeVersion,
    /// The time now, for pods not started yet.
    pub now: Time,
    /// The pod's profile: its filters judge the dry run.
    pub profile: &'a super::config::Profile,
}

/// `corev1helpers.PodPriority`.
fn priority(pod: &Pod) -> i32 {
    pod.spec.priority
}

/// Models `util.MoreImportantPod`: higher priority, then started earlier.
fn more_important(a: &Victim, b: &Victim) -> Ordering {
    b.priority.cmp(&a.priority).then(a.start.cmp(&b.start))
}

/// Models `PodEligibleToPreemptOthers`.
fn eligible(pod: &Pod, snapshot: &dyn Snapshot, rejected: &[Rejected]) -> Result<(), &'static str> {
    if pod.spec.preemption_policy.as_deref() == Some("Never") {
        return Err("not eligible due to preemptionPolicy=Never.");
    }
    let nominated = pod.status.nominated_node_name.as_str();
    if nominated.is_empty() {
        return Ok(());
    }
    let Some(pos) = snapshot
        .nodes()
        .iter()
        .position(|n| n.metadata.name == nominated)
    else {
        return Ok(());
    };
    // A nominated node the filters rule out for good may be given up.
    if rejected.iter().any(|r| r.pos == Some(pos) && !r.resolvable) {
        return Ok(());
    }
    let mut waiting = false;
    snapshot.for_each_pod_on(pos, &mut |other| {
        let preempted = other
            .condition("DisruptionTarget")
            .is_some_and(|c| c.status == "True" && c.reason == PREEMPTION_BY_SCHEDULER);
        if priority(other) < priority(pod) && other.is_terminating() && preempted {
            waiting = true;
        }
    });
    if waiting {
        return Err("not eligible due to a terminating pod on the nominated node.");
    }
    Ok(())
}

/// Models `DefaultPreemption.PostFilter` (`Evaluator.Preempt` without
/// extenders): the candidates, the best of them, or why there is none.
pub fn post_filter(
    pod_info: &PodInfo<'_>,
    snapshot: &dyn Snapshot,
    inputs: &Inputs<'_>,
    rejected: &[Rejected],
) -> PostFilter {
    let pod = pod_info.pod;
    if let Err(why) = eligible(pod, snapshot, rejected) {
        return PostFilter::Unschedulable(why.to_string());
    }
    let num_nodes = snapshot.nodes().len();
    if !rejected.iter().any(|r| r.resolvable && r.pos.is_some()) {
        // Models `findCandidates` with no node where preemption might help.
        let others = if inputs.version.minor >= 32 {
            num_nodes
        } else {
            rejected.len()
        };
        return PostFilter::Unschedulable(format!(
            "0/{num_nodes} nodes are available: {}.",
            histogram(std::iter::repeat_n(NOT_HELPFUL, others))
        ));
    }
    let run = dry_run(pod_info, snapshot, inputs, rejected);
    let (mut clean, violating, statuses) = (
        run.clean,
        run.violating,
        run.statuses
            .into_iter()
            .map(|(_, reason)| reason)
            .collect::<Vec<String>>(),
    );
    clean.extend(violating);
    if clean.is_empty() {
        // Models the `FitError` of the dry run: every other node is one
        // preemption cannot help. Up to 1.31 only the nodes with a status from
        // the filters count; from 1.32 every node does (`SetAbsentNodesStatus`).
        let tried = statuses.len();
        let others = if inputs.version.minor >= 32 {
            num_nodes.saturating_sub(tried)
        } else {
            rejected.len().saturating_sub(tried)
        };
        let reasons = statuses
            .iter()
            .map(String::as_str)
            .chain(std::iter::repeat_n(NOT_HELPFUL, others));
        return PostFilter::Unschedulable(format!(
            "0/{num_nodes} nodes are available: {}.",
            histogram(reasons)
        ));
    }
    PostFilter::Nominated(pick_one_node(clean).0)
}

/// What a dry run of preemption found, node by node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DryRunResult {
    /// Candidates whose victims no budget protects, in node order.
    pub clean: Vec<Candidate>,
    /// Candidates with budget violations.
    pub violating: Vec<Candidate>,
    /// The nodes tried that are no candidates, with the reason.
    pub statuses: Vec<(usize, String)>,
}

/// Models `DryRunPreemption` over the nodes where preemption might help,
/// starting at an offset from the pod's UID: it stops once enough candidates
/// are found and one of them violates no budget. The results are in node order.
pub fn dry_run(
    pod_info: &PodInfo<'_>,
    snapshot: &dyn Snapshot,
    inputs: &Inputs<'_>,
    rejected: &[Rejected],
) -> DryRunResult {
    let potential: Vec<usize> = rejected
        .iter()
        .filter(|r| r.resolvable)
        .filter_map(|r| r.pos)
        .collect();
    // Models `calculateNumCandidates` with the profile's DefaultPreemptionArgs.
    let (percentage, absolute) = inputs.profile.min_candidate_nodes;
    let wanted = (potential.len() * percentage / 100)
        .max(absolute)
        .min(potential.len());
    // Upstream starts at a random offset (`GetOffsetAndNumCandidates`), so that
    // preemptors do not all try the same nodes first; here the offset comes from
    // the pod's UID, so that a scenario always ends the same.
    let offset = if potential.is_empty() {
        0
    } else {
        crate::names::fnv32a(&pod_info.pod.metadata.uid) as usize % potential.len()
    };
    let mut result = DryRunResult::default();
    let (tail, head) = potential.split_at(offset);
    for &pos in head.iter().chain(tail) {
        match select_victims_on_node(pod_info, snapshot, inputs, pos) {
            Ok(candidate) if candidate.pdb_violations == 0 => result.clean.push(candidate),
            Ok(candidate) => result.violating.push(candidate),
            Err(reason) => result.statuses.push((pos, reason)),
        }
        let found = result.clean.len() + result.violating.len();
        if !result.clean.is_empty() && found >= wanted {
            break;
        }
    }
    // In node order, so that the last tie of `pickOneNodeForPreemption` goes
    // to the first node by name.
    result.clean.sort_by_key(|c| c.pos);
    result.violating.sort_by_key(|c| c.pos);
    result.statuses.sort_by_key(|(pos, _)| *pos);
    result
}

/// The criteria of [`pick_one_node`], in order, as a person would put them.
pub const CRITERIA: [&str; 6] = [
    "the fewest PodDisruptionBudget violations",
    "the lowest priority among its victims",
    "the smallest sum of its victims' priorities",
    "the fewest victims",
    "its highest-priority victims started last",
    "it comes first",
];

/// Whether the pod may preempt at all, as [`post_filter`] decides it
/// (`PodEligibleToPreemptOthers`), for the explanations.
pub fn eligibility(
    pod: &Pod,
    snapshot: &dyn Snapshot,
    rejected: &[Rejected],
) -> Result<(), &'static str> {
    eligible(pod, snapshot, rejected)
}

/// Models `pickOneNodeForPreemption`: the fewest budget violations, then the
/// lowest highest victim priority, the lowest sum of priorities, the fewest
/// victims, the latest start among the highest-priority victims, then the
/// first node. Also returns which of [`CRITERIA`] decided (`None` for a single
/// candidate).
pub fn pick_one_node(mut candidates: Vec<Candidate>) -> (Candidate, Option<usize>) {
    if candidates.len() == 1 {
        return (candidates.swap_remove(0), None);
    }
    let highest = |c: &Candidate| c.victims.first().map_or(i32::MIN, |v| v.priority);
    let sum = |c: &Candidate| -> i64 {
        c.victims
            .iter()
            .map(|v| i64::from(v.priority) + i64::from(i32::MAX) + 1)
            .sum()
    };
    let earliest_of_highest = |c: &Candidate| {
        let top = highest(c);
        c.victims
            .iter()
            .filter(|v| v.priority == top)
            .map(|v| v.start)
            .min()
            .unwrap_or(Time::ZERO)
    };
    let scores: [&dyn Fn(&Candidate) -> i64; 5] = [
        &|c| -(c.pdb_violations as i64),
        &|c| -i64::from(highest(c)),
        &|c| -sum(c),
        &|c| -(c.victims.len() as i64),
        &|c| earliest_of_highest(c).0 as i64,
    ];
    let mut decided = scores.len();
    for (i, score) in scores.iter().enumerate() {
        let best = candidates.iter().map(score).max().unwrap_or(0);
        candidates.retain(|c| score(c) == best);
        if candidates.len() == 1 {
            decided = i;
            break;
        }
    }
    // Never empty: `retain` keeps the candidates at the maximum.
    (candidates.swap_remove(0), Some(decided))
}

/// A potential victim with the pod it stands for.
type Potential<'a> = (Victim, &'a Pod);

/// Models `filterPodsWithPDBViolation`: the victims (most important first) split
/// into those a budget would rather keep and the others, each in order.
fn split_by_budget<'a>(
    victims: Vec<Potential<'a>>,
    budgets: &[Budget],
) -> (Vec<Potential<'a>>, Vec<Potential<'a>>) {
    let mut allowed: Vec<i64> = budgets.iter().map(|b| b.allowed).collect();
    let (mut violating, mut fine) = (Vec::new(), Vec::new());
    for (victim, pod) in victims {
        let mut violated = false;
        // A pod with no labels matches no budget.
        if !pod.metadata.labels.is_empty() {
            for (i, budget) in budgets.iter().enumerate() {
                let selects = budget.namespace == pod.metadata.namespace
                    && budget
                        .selector
                        .as_ref()
                        .is_some_and(|s| !s.is_empty() && s.matches(&pod.metadata.labels));
                if !selects {
                    continue;
                }
                allowed[i] -= 1;
                if allowed[i] < 0 {
                    violated = true;
                }
            }
        }
        if violated {
            violating.push((victim, pod));
        } else {
            fine.push((victim, pod));
        }
    }
    (violating, fine)
}

/// The filters with what preemption changed: the node's load and the two
/// plugins' counts.
struct DryRun<'a> {
    base: PodInfo<'a>,
    spread: Option<super::pod_topology_spread::filtering::PreFilterState>,
    affinity: Option<super::inter_pod_affinity::filtering::PreFilterState>,
    info: NodeInfo,
    min_excluding: Vec<Option<i64>>,
    namespace_labels: BTreeMap<String, String>,
}

impl DryRun<'_> {
    fn fits(
        &self,
        snapshot: &dyn Snapshot,
        pos: usize,
        inputs: &Inputs<'_>,
    ) -> Result<(), Rejection> {
        let node = snapshot.nodes()[pos];
        super::profile_filter(inputs.profile, &self.base, node, &self.info, inputs.version)?;
        if let Some(s) = &self.spread {
            s.filter(pos)?;
        }
        if let Some(a) = &self.affinity {
            a.filter(pos)?;
        }
        Ok(())
    }

    /// Puts `other` on (1) or takes it off (-1) the node at `pos`.
    fn update(&mut self, snapshot: &dyn Snapshot, other: &Pod, pos: usize, delta: i64) {
        let pod = self.base.pod;
        let node = snapshot.nodes()[pos];
        if delta > 0 {
            self.info.add(other);
        } else {
            self.info.remove(other);
        }
        if let Some(s) = &mut self.spread {
            s.update_with_pod(pod, other, node, pos, delta, &self.min_excluding);
        }
        if let Some(a) = &mut self.affinity {
            a.update_with_pod(snapshot, pod, &self.namespace_labels, other, pos, delta);
        }
    }
}

/// Models `SelectVictimsOnNode`: take off every lower-priority pod; if the pod
/// then fits, put them back one by one (budget-protected ones first, most
/// important first) as long as it still fits. The ones that cannot come back
/// are the victims.
pub fn select_victims_on_node(
    pod_info: &PodInfo<'_>,
    snapshot: &dyn Snapshot,
    inputs: &Inputs<'_>,
    pos: usize,
) -> Result<Candidate, String> {
    let pod = pod_info.pod;
    let mut potential: Vec<Potential<'_>> = snapshot
        .pods_on(pos)
        .into_iter()
        .filter(|other| priority(other) < priority(pod))
        .map(|other| {
            (
                Victim {
                    namespace: other.metadata.namespace.clone(),
                    name: other.metadata.name.clone(),
                    uid: other.metadata.uid.clone(),
                    priority: priority(other),
                    start: other.status.start_time.unwrap_or(inputs.now),
                    terminating: other.is_terminating(),
                },
                other,
            )
        })
        .collect();
    if potential.is_empty() {
        return Err(NO_VICTIMS.to_string());
    }
    let Some(info) = inputs.infos.get(pos) else {
        return Err(NOT_HELPFUL.to_string());
    };
    let mut base = pod_info.clone();
    base.topology_spread = None;
    base.inter_pod_affinity = None;
    let spread = pod_info.topology_spread.as_deref().cloned();
    let min_excluding = spread
        .as_ref()
        .map(|s| s.min_excluding(pos))
        .unwrap_or_default();
    let mut run = DryRun {
        base,
        spread,
        affinity: pod_info.inter_pod_affinity.as_deref().cloned(),
        info: info.clone(),
        min_excluding,
        namespace_labels: snapshot.namespace_labels(&pod.metadata.namespace),
    };
    for (_, other) in &potential {
        run.update(snapshot, other, pos, -1);
    }
    run.fits(snapshot, pos, inputs).map_err(|r| r.reason)?;
    potential.sort_by(|a, b| more_important(&a.0, &b.0));
    let (violating, fine) = split_by_budget(potential, inputs.budgets);
    let both = !violating.is_empty() && !fine.is_empty();
    let mut victims = Vec::new();
    let mut pdb_violations = 0;
    for (list, counts) in [(violating, true), (fine, false)] {
        for (victim, other) in list {
            run.update(snapshot, other, pos, 1);
            if run.fits(snapshot, pos, inputs).is_err() {
                run.update(snapshot, other, pos, -1);
                victims.push(victim);
                pdb_violations += usize::from(counts);
            }
        }
    }
    if both {
        victims.sort_by(more_important);
    }
    if victims.is_empty() {
        return Err(format!(
            "expected at least one victim pod on node {:?}",
            snapshot.nodes()[pos].metadata.name
        ));
    }
    Ok(Candidate {
        pos,
        victims,
        pdb_violations,
    })
}
