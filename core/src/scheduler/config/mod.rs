//! The scheduler's configuration: a `KubeSchedulerConfiguration`
//! (`kubescheduler.config.k8s.io/v1`) reduced to what the simulated scheduler
//! reads: its profiles, each with the plugins it runs, their score weights and
//! the plugin arguments taintlab models (`pkg/scheduler/apis/config`,
//! `pkg/scheduler/profile: NewMap`). [`crate::decode::scheduler_config`] reads
//! and validates the text; this module holds the result.

pub mod plugins;
pub mod scoring_strategy;

use crate::api::NodeAffinity;
use crate::api::TopologySpreadConstraint;
use crate::scheduler::FILTER_PLUGINS;
use crate::scheduler::balanced_allocation;
use crate::scheduler::image_locality;
use crate::scheduler::inter_pod_affinity;
use crate::scheduler::node_affinity;
use crate::scheduler::node_resources;
use crate::scheduler::pod_topology_spread;
use crate::scheduler::prioritize::ScoreWeights;
use crate::scheduler::taint_toleration;
use plugins::Expanded;
use plugins::Point;
use scoring_strategy::ScoringStrategy;

/// The plugin arguments a profile takes from its `pluginConfig`, defaulted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileArgs {
    /// NodeResourcesFit's `scoringStrategy`.
    pub fit_strategy: ScoringStrategy,
    /// InterPodAffinity's `hardPodAffinityWeight`.
    pub hard_pod_affinity_weight: i64,
    /// PodTopologySpread's `defaultingType`.
    pub spread_defaulting: SpreadDefaulting,
    /// NodeAffinity's `addedAffinity`.
    pub added_affinity: Option<NodeAffinity>,
    /// InterPodAffinity's `ignorePreferredTermsOfExistingPods`.
    pub ignore_preferred_terms_of_existing_pods: bool,
    /// DefaultPreemption's `minCandidateNodesPercentage` and
    /// `minCandidateNodesAbsolute`.
    pub min_candidate_nodes: (usize, usize),
}

impl Default for ProfileArgs {
    fn default() -> Self {
        ProfileArgs {
            fit_strategy: ScoringStrategy::default(),
            hard_pod_affinity_weight: inter_pod_affinity::DEFAULT_HARD_POD_AFFINITY_WEIGHT,
            spread_defaulting: SpreadDefaulting::System,
            added_affinity: None,
            ignore_preferred_terms_of_existing_pods: false,
            min_candidate_nodes: DEFAULT_MIN_CANDIDATE_NODES,
        }
    }
}

/// `SetDefaults_DefaultPreemptionArgs`: 10 % of the nodes, at least 100.
pub const DEFAULT_MIN_CANDIDATE_NODES: (usize, usize) = (10, 100);

/// The name of the default profile (`v1.DefaultSchedulerName`).
pub const DEFAULT_SCHEDULER_NAME: &str = "default-scheduler";

/// How PodTopologySpread finds the constraints of a pod that has none
/// (`PodTopologySpreadArgs.defaultingType`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpreadDefaulting {
    /// `System`: the system default constraints (`systemDefaultConstraints`).
    System,
    /// `List`: the `defaultConstraints` given (none when empty), each over the
    /// selector of the pod's owner (`buildDefaultConstraints`).
    List(Vec<TopologySpreadConstraint>),
}

/// One profile as the framework runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// `schedulerName`: the pods whose `spec.schedulerName` names it.
    pub scheduler_name: String,
    /// `percentageOfNodesToScore` of the profile, else the global one; `None`
    /// or 0 mean the adaptive default.
    pub percentage_of_nodes_to_score: Option<i32>,
    /// The filter plugins taintlab simulates that run, in the profile's order.
    pub filters: Vec<&'static str>,
    /// The score plugins' weights (0: the plugin does not score).
    pub weights: ScoreWeights,
    /// Whether DefaultPreemption runs as the PostFilter.
    pub preemption: bool,
    /// NodeResourcesFit's `scoringStrategy`.
    pub fit_strategy: ScoringStrategy,
    /// InterPodAffinity's `hardPodAffinityWeight`.
    pub hard_pod_affinity_weight: i64,
    /// PodTopologySpread's `defaultingType`.
    pub spread_defaulting: SpreadDefaulting,
    /// NodeAffinity's `addedAffinity`: required terms every node must match
    /// and preferred terms added to every pod's, in this profile.
    pub added_affinity: Option<NodeAffinity>,
    /// InterPodAffinity's `ignorePreferredTermsOfExistingPods`: a pod without
    /// preferred (anti-)affinity terms of its own gets no InterPodAffinity score.
    pub ignore_preferred_terms_of_existing_pods: bool,
    /// DefaultPreemption's `minCandidateNodesPercentage` and
    /// `minCandidateNodesAbsolute`: how many candidates the dry run looks for.
    pub min_candidate_nodes: (usize, usize),
    /// Whether the profile behaves as the default one does: then the
    /// scheduler takes its fast path.
    pub is_default: bool,
}

impl Profile {
    /// The default profile, `default-scheduler`.
    pub fn default_profile() -> Profile {
        Profile {
            scheduler_name: DEFAULT_SCHEDULER_NAME.to_string(),
            percentage_of_nodes_to_score: None,
            filters: FILTER_PLUGINS.to_vec(),
            weights: ScoreWeights::DEFAULT,
            preemption: true,
            fit_strategy: ScoringStrategy::default(),
            hard_pod_affinity_weight: inter_pod_affinity::DEFAULT_HARD_POD_AFFINITY_WEIGHT,
            spread_defaulting: SpreadDefaulting::System,
            added_affinity: None,
            ignore_preferred_terms_of_existing_pods: false,
            min_candidate_nodes: DEFAULT_MIN_CANDIDATE_NODES,
            is_default: true,
        }
    }

    /// A profile from the framework's expanded plugin lists and the arguments.
    pub fn new(
        scheduler_name: String,
        percentage_of_nodes_to_score: Option<i32>,
        expanded: &Expanded,
        args: ProfileArgs,
    ) -> Profile {
        let ProfileArgs {
            fit_strategy,
            hard_pod_affinity_weight,
            spread_defaulting,
            added_affinity,
            ignore_preferred_terms_of_existing_pods,
            min_candidate_nodes,
        } = args;
        let filters: Vec<&'static str> = expanded.points[Point::Filter as usize]
            .iter()
            .filter_map(|name| FILTER_PLUGINS.iter().find(|f| *f == name).copied())
            .collect();
        let weights = ScoreWeights {
            taint_toleration: expanded.weight(taint_toleration::NAME),
            node_affinity: expanded.weight(node_affinity::NAME),
            node_resources_fit: expanded.weight(node_resources::NAME),
            balanced_allocation: expanded.weight(balanced_allocation::NAME),
            image_locality: expanded.weight(image_locality::NAME),
            pod_topology_spread: expanded.weight(pod_topology_spread::NAME),
            inter_pod_affinity: expanded.weight(inter_pod_affinity::NAME),
        };
        let preemption = expanded.runs(Point::PostFilter, plugins::DEFAULT_PREEMPTION);
        let mut profile = Profile {
            scheduler_name,
            percentage_of_nodes_to_score,
            filters,
            weights,
            preemption,
            fit_strategy,
            hard_pod_affinity_weight,
            spread_defaulting,
            added_affinity,
            ignore_preferred_terms_of_existing_pods,
            min_candidate_nodes,
            is_default: false,
        };
        let default = Profile::default_profile();
        profile.is_default = profile.filters == default.filters
            && profile.weights == default.weights
            && profile.preemption
            && profile.fit_strategy == default.fit_strategy
            && profile.hard_pod_affinity_weight == default.hard_pod_affinity_weight
            && profile.spread_defaulting == default.spread_defaulting
            && profile.added_affinity.is_none()
            && !profile.ignore_preferred_terms_of_existing_pods
            && profile.min_candidate_nodes == DEFAULT_MIN_CANDIDATE_NODES;
        profile
    }

    /// Whether the filter plugin `name` runs.
    pub fn filters_with(&self, name: &str) -> bool {
        self.filters.contains(&name)
    }

    /// Models `numFeasibleNodesToFind` with the profile's (else the global)
    /// `percentageOfNodesToScore`: at least 100 nodes (or all), all at 100 %,
    /// the adaptive percentage when unset or 0.
    pub fn num_feasible_nodes_to_find(&self, num_nodes: usize) -> usize {
        const MIN_FEASIBLE: usize = 100;
        match self.percentage_of_nodes_to_score {
            Some(p) if p > 0 => {
                if num_nodes < MIN_FEASIBLE || p >= 100 {
                    return num_nodes;
                }
                let p = usize::try_from(p).unwrap_or(100);
                (num_nodes * p / 100).max(MIN_FEASIBLE)
            }
            _ => crate::scheduler::num_feasible_nodes_to_find(num_nodes),
        }
    }
}

/// A profile's name as an event's reporting component. Events keep their
/// source as `&'static str` (every other component's name is a constant), so
/// a profile's name is interned: each distinct name is kept once for the life
/// of the program, a few bytes per name a configuration ever used.
pub fn event_source(name: &str) -> &'static str {
    use std::cell::RefCell;
    use std::collections::BTreeSet;
    thread_local! {
        static NAMES: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
    }
    if name == DEFAULT_SCHEDULER_NAME {
        return DEFAULT_SCHEDULER_NAME;
    }
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(kept) = names.get(name) {
            return *kept;
        }
        let kept: &'static str = Box::leak(name.to_string().into_boxed_str());
        names.insert(kept);
        kept
    })
}

/// The configuration the cluster's scheduler runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchedulerConfig {
    /// The profiles, in the file's order.
    pub profiles: Vec<Profile>,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            profiles: vec![Profile::default_profile()],
        }
    }
}

impl SchedulerConfig {
    /// Models `profile.Map` and `frameworkForPod`: the profile a pod's
    /// `spec.schedulerName` names (empty means `default-scheduler`), if any.
    pub fn profile_for(&self, scheduler_name: &str) -> Option<&Profile> {
        let name = if scheduler_name.is_empty() {
            DEFAULT_SCHEDULER_NAME
        } else {
            scheduler_name
        };
        self.profiles.iter().find(|p| p.scheduler_name == name)
    }
}

#[cfg(test)]
mod tests;
