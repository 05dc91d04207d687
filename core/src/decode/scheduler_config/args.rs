//! The `pluginConfig` args a profile takes, read, defaulted and validated
//! as kube-scheduler does (`pkg/scheduler/apis/config/v1/defaults.go`,
//! `validation/validation_pluginargs.go`, and each plugin's `New`).

use super::Found;
use super::RawPluginConfig;
use super::found;
use super::int32;
use super::invalid;
use crate::api::NodeAffinity;
use crate::api::TopologySpreadConstraint;
use crate::api::field_value::go_quote;
use crate::api::identifiers::is_qualified_name;
use crate::decode::read::Obj;
use crate::decode::read::Read;
use crate::decode::read::Unknown;
use crate::scheduler::balanced_allocation;
use crate::scheduler::config::SpreadDefaulting;
use crate::scheduler::config::plugins;
use crate::scheduler::config::scoring_strategy::ScoringStrategy;
use crate::scheduler::config::scoring_strategy::ShapePoint;
use crate::scheduler::config::scoring_strategy::StrategyType;
use crate::scheduler::inter_pod_affinity;
use crate::scheduler::inter_pod_affinity::DEFAULT_HARD_POD_AFFINITY_WEIGHT;
use crate::scheduler::node_affinity;
use crate::scheduler::node_resources;
use crate::scheduler::pod_topology_spread;
use serde_yaml::Value;

const FIT_ARGS: &[&str] = &[
    "apiVersion",
    "kind",
    "ignoredResources",
    "ignoredResourceGroups",
    "scoringStrategy",
];
const SCORING_STRATEGY: &[&str] = &["type", "resources", "requestedToCapacityRatio"];
const RESOURCE_SPEC: &[&str] = &["name", "weight"];
const BALANCED_ARGS: &[&str] = &["apiVersion", "kind", "resources"];
const RTCR: &[&str] = &["shape"];
const SHAPE_POINT: &[&str] = &["utilization", "score"];
const SPREAD_ARGS: &[&str] = &["apiVersion", "kind", "defaultConstraints", "defaultingType"];
const AFFINITY_ARGS: &[&str] = &[
    "apiVersion",
    "kind",
    "hardPodAffinityWeight",
    "ignorePreferredTermsOfExistingPods",
];
const NODE_AFFINITY_ARGS: &[&str] = &["apiVersion", "kind", "addedAffinity"];
const PREEMPTION_ARGS: &[&str] = &[
    "apiVersion",
    "kind",
    "minCandidateNodesPercentage",
    "minCandidateNodesAbsolute",
];

/// The args of one plugin, once read: what the profile uses.
#[derive(Default)]
pub(super) struct Args {
    pub(super) fit: Option<ScoringStrategy>,
    pub(super) hard_pod_affinity_weight: Option<i64>,
    pub(super) spread_defaulting: Option<SpreadDefaulting>,
    pub(super) added_affinity: Option<NodeAffinity>,
    pub(super) ignore_preferred_terms_of_existing_pods: bool,
    pub(super) min_candidate_nodes: Option<(usize, usize)>,
}

/// Opens `args` as the Go struct `go_struct`: the `kind`, when given, must name it.
fn open_args<'a>(
    args: &'a Value,
    path: &str,
    go_struct: &'static str,
    known: &[&str],
    unknown: &'a Unknown,
    errs: &mut Vec<Found>,
) -> Option<Obj<'a>> {
    let o = match Obj::open(
        args,
        path,
        go_struct,
        known,
        "PluginConfig",
        go_struct,
        unknown,
    ) {
        Ok(o) => o,
        Err(e) => {
            errs.push(found(&e.path, e.message));
            return None;
        }
    };
    let kind = o.string("kind").unwrap_or_default();
    if !kind.is_empty() && kind != go_struct {
        errs.push(invalid(path, go_quote(&kind), "has to match plugin args"));
        return None;
    }
    Some(o)
}

fn read_or_push<T>(read: Read<T>, errs: &mut Vec<Found>) -> Option<T> {
    match read {
        Ok(v) => Some(v),
        Err(e) => {
            errs.push(found(&e.path, e.message));
            None
        }
    }
}

/// Reads and validates `NodeResourcesFitArgs` (`SetDefaults_NodeResourcesFitArgs`,
/// `ValidateNodeResourcesFitArgs`). The plugin validates its args when the
/// framework builds it, so these errors come wrapped as the framework's.
fn fit_args(
    o: &Obj<'_>,
    path: &str,
    scheduler_name: &str,
    errs: &mut Vec<Found>,
) -> Option<ScoringStrategy> {
    let strategy = o.nested(
        "scoringStrategy",
        "ScoringStrategy",
        "v1.ScoringStrategy",
        SCORING_STRATEGY,
        |s| {
            let kind = s.string("type")?;
            let resources = s.list("resources", "[]v1.ResourceSpec", |v, p| {
                let r = Obj::open(
                    v,
                    p,
                    "ResourceSpec",
                    RESOURCE_SPEC,
                    "ScoringStrategy",
                    "v1.ResourceSpec",
                    s.unknown(),
                )?;
                Ok((r.string("name")?, r.int("weight", "int64")?.unwrap_or(0)))
            })?;
            let shape = s.nested(
                "requestedToCapacityRatio",
                "RequestedToCapacityRatioParam",
                "v1.RequestedToCapacityRatioParam",
                RTCR,
                |r| {
                    r.list("shape", "[]v1.UtilizationShapePoint", |v, p| {
                        let point = Obj::open(
                            v,
                            p,
                            "UtilizationShapePoint",
                            SHAPE_POINT,
                            "RequestedToCapacityRatioParam",
                            "v1.UtilizationShapePoint",
                            s.unknown(),
                        )?;
                        Ok(ShapePoint {
                            utilization: i64::from(int32(&point, "utilization")?.unwrap_or(0)),
                            score: i64::from(int32(&point, "score")?.unwrap_or(0)),
                        })
                    })
                },
            )?;
            Ok((kind, resources, shape))
        },
    );
    let strategy = read_or_push(strategy, errs)?;
    let (kind, mut resources, shape) =
        strategy.unwrap_or_else(|| ("LeastAllocated".to_string(), Vec::new(), None));
    // Defaults: cpu and memory when no resource is named; weight 0 means 1.
    if resources.is_empty() {
        resources = vec![("cpu".to_string(), 1), ("memory".to_string(), 1)];
    }
    for (_, weight) in &mut resources {
        if *weight == 0 {
            *weight = 1;
        }
    }
    // Paths without the plugin's: it validates with a nil path.
    let mut problems: Vec<String> = Vec::new();
    // `ignoredResources` and `ignoredResourceGroups` name extended resources,
    // which are not simulated: they are validated and have no effect.
    let ignored = read_or_push(o.strings("ignoredResources"), errs)?;
    for (i, name) in ignored.iter().enumerate() {
        if let Err(messages) = is_qualified_name(name) {
            for m in messages {
                problems.push(format!(
                    "ignoredResources[{i}]: Invalid value: {}: {m}",
                    go_quote(name)
                ));
            }
        }
    }
    let groups = read_or_push(o.strings("ignoredResourceGroups"), errs)?;
    for (i, group) in groups.iter().enumerate() {
        if group.contains('/') {
            problems.push(format!(
                "ignoredResourceGroups[{i}]: Invalid value: {}: resource group name can't contain '/'",
                go_quote(group)
            ));
        }
        if let Err(messages) = is_qualified_name(group) {
            for m in messages {
                problems.push(format!(
                    "ignoredResourceGroups[{i}]: Invalid value: {}: {m}",
                    go_quote(group)
                ));
            }
        }
    }
    let kind_value = match kind.as_str() {
        "LeastAllocated" => Some(StrategyType::LeastAllocated),
        "MostAllocated" => Some(StrategyType::MostAllocated),
        "RequestedToCapacityRatio" => Some(StrategyType::RequestedToCapacityRatio),
        _ => {
            problems.push(format!(
                "scoringStrategy.type: Unsupported value: {}: supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\"",
                go_quote(&kind)
            ));
            None
        }
    };
    for (i, (name, weight)) in resources.iter().enumerate() {
        if *weight <= 0 || *weight > 100 {
            problems.push(format!(
                "scoringStrategy.resources[{i}].weight: Invalid value: {weight}: resource weight of {name} not in valid range (0, 100]"
            ));
        }
    }
    let shape_path = "scoringStrategy.requestedToCapacityRatio.shape";
    if kind_value == Some(StrategyType::RequestedToCapacityRatio) {
        match &shape {
            None => problems.push("scoringStrategy.requestedToCapacityRatio: Required value: must be specified when type is RequestedToCapacityRatio".to_string()),
            Some(points) => problems.extend(function_shape(points, shape_path)),
        }
    } else if shape.is_some() {
        problems.push("scoringStrategy.requestedToCapacityRatio: Forbidden: must be nil when type is not RequestedToCapacityRatio".to_string());
    }
    if !problems.is_empty() {
        let joined = if problems.len() == 1 {
            problems.remove(0)
        } else {
            format!("[{}]", problems.join(", "))
        };
        errs.push(found(
            &format!("{path}.scoringStrategy"),
            format!(
                "initializing profiles: creating profile for scheduler name {scheduler_name}: initializing plugin {:?}: {joined}",
                node_resources::NAME
            ),
        ));
        return None;
    }
    Some(ScoringStrategy {
        kind: kind_value?,
        resources,
        shape: shape.unwrap_or_default(),
    })
}

/// Models `validateFunctionShape`.
fn function_shape(shape: &[ShapePoint], path: &str) -> Vec<String> {
    let mut out = Vec::new();
    if shape.is_empty() {
        out.push(format!(
            "{path}: Required value: at least one point must be specified"
        ));
        return out;
    }
    if let Some(i) = (1..shape.len()).find(|i| shape[i - 1].utilization >= shape[*i].utilization) {
        out.push(format!(
            "{path}[{i}].utilization: Invalid value: {}: values must be sorted in increasing order",
            shape[i].utilization
        ));
    }
    for (i, point) in shape.iter().enumerate() {
        if !(0..=100).contains(&point.utilization) {
            out.push(format!(
                "{path}[{i}].utilization: Invalid value: {}: not in valid range [0, 100]",
                point.utilization
            ));
        }
        if !(0..=10).contains(&point.score) {
            out.push(format!(
                "{path}[{i}].score: Invalid value: {}: not in valid range [0, 10]",
                point.score
            ));
        }
    }
    out
}

/// Models `ValidatePodTopologySpreadArgs`' checks of each default constraint.
fn default_constraints(constraints: &[TopologySpreadConstraint], path: &str) -> Vec<Found> {
    let mut errs = Vec::new();
    let mut seen: std::collections::BTreeSet<(&str, &str)> = std::collections::BTreeSet::new();
    for (i, c) in constraints.iter().enumerate() {
        let at = format!("{path}[{i}]");
        if c.max_skew <= 0 {
            errs.push(invalid(
                &format!("{at}.maxSkew"),
                c.max_skew,
                "not in valid range (0, inf)",
            ));
        }
        let key_path = format!("{at}.topologyKey");
        if c.topology_key.is_empty() {
            errs.push(found(
                &key_path,
                format!("{key_path}: Required value: can not be empty"),
            ));
        } else if let Err(messages) = is_qualified_name(&c.topology_key) {
            for m in messages {
                errs.push(invalid(&key_path, go_quote(&c.topology_key), &m));
            }
        }
        let when_path = format!("{at}.whenUnsatisfiable");
        match c.when_unsatisfiable.as_str() {
            "" => errs.push(found(
                &when_path,
                format!("{when_path}: Required value: can not be empty"),
            )),
            "DoNotSchedule" | "ScheduleAnyway" => {}
            other => errs.push(found(
                &when_path,
                format!(
                    "{when_path}: Unsupported value: {}: supported values: \"DoNotSchedule\", \"ScheduleAnyway\"",
                    go_quote(other)
                ),
            )),
        }
        if c.label_selector.is_some() {
            let selector_path = format!("{at}.labelSelector");
            errs.push(found(
                &selector_path,
                format!("{selector_path}: Forbidden: constraint must not define a selector, as they deduced for each pod"),
            ));
        }
        if !seen.insert((&c.topology_key, &c.when_unsatisfiable)) {
            errs.push(found(
                &at,
                format!(
                    "{at}: Duplicate value: \"{{{}, {}}}\"",
                    c.topology_key, c.when_unsatisfiable
                ),
            ));
        }
    }
    errs
}

/// Reads `DefaultPreemptionArgs` (`SetDefaults_DefaultPreemptionArgs`,
/// `ValidateDefaultPreemptionArgs`).
fn preemption_args(o: &Obj<'_>, path: &str, errs: &mut Vec<Found>) -> Option<(usize, usize)> {
    let (default_percentage, default_absolute) =
        crate::scheduler::config::DEFAULT_MIN_CANDIDATE_NODES;
    let percentage = read_or_push(int32(o, "minCandidateNodesPercentage"), errs)?
        .map_or(default_percentage as i64, i64::from);
    let absolute = read_or_push(int32(o, "minCandidateNodesAbsolute"), errs)?
        .map_or(default_absolute as i64, i64::from);
    let (percentage_path, absolute_path) = (
        format!("{path}.minCandidateNodesPercentage"),
        format!("{path}.minCandidateNodesAbsolute"),
    );
    let before = errs.len();
    if !(0..=100).contains(&percentage) {
        errs.push(invalid(
            &percentage_path,
            percentage,
            "not in valid range [0, 100]",
        ));
    }
    if absolute < 0 {
        errs.push(invalid(
            &absolute_path,
            absolute,
            "not in valid range [0, inf)",
        ));
    }
    if percentage == 0 && absolute == 0 {
        errs.push(invalid(
            &percentage_path,
            percentage,
            "cannot be zero at the same time as minCandidateNodesAbsolute",
        ));
        errs.push(invalid(
            &absolute_path,
            absolute,
            "cannot be zero at the same time as minCandidateNodesPercentage",
        ));
    }
    if errs.len() > before {
        return None;
    }
    Some((
        usize::try_from(percentage).unwrap_or(0),
        usize::try_from(absolute).unwrap_or(0),
    ))
}

/// Reads one `pluginConfig` entry's args into `args`, validating them.
pub(super) fn plugin_args(
    config: &RawPluginConfig,
    path: &str,
    scheduler_name: &str,
    minor: u32,
    unknown: &Unknown,
    args: &mut Args,
    errs: &mut Vec<Found>,
) {
    let empty = Value::Null;
    let value = config.args.as_ref().unwrap_or(&empty);
    let args_path = format!("{path}.args");
    let not_simulated = |what: &str| {
        found(
            &args_path,
            format!("taintlab does not simulate {what} yet: remove it to use this configuration"),
        )
    };
    match config.name.as_str() {
        name if name == node_resources::NAME => {
            let Some(o) = open_args(
                value,
                &args_path,
                "NodeResourcesFitArgs",
                FIT_ARGS,
                unknown,
                errs,
            ) else {
                return;
            };
            args.fit = fit_args(&o, &args_path, scheduler_name, errs);
        }
        name if name == inter_pod_affinity::NAME => {
            // `ignorePreferredTermsOfExistingPods` came in 1.27 (kubernetes#114393).
            let known = if minor >= 27 {
                AFFINITY_ARGS
            } else {
                &AFFINITY_ARGS[..3]
            };
            let Some(o) = open_args(
                value,
                &args_path,
                "InterPodAffinityArgs",
                known,
                unknown,
                errs,
            ) else {
                return;
            };
            let weight = read_or_push(o.int("hardPodAffinityWeight", "int32"), errs).flatten();
            let weight = weight.unwrap_or(DEFAULT_HARD_POD_AFFINITY_WEIGHT);
            if !(0..=100).contains(&weight) {
                errs.push(invalid(
                    &format!("{args_path}.hardPodAffinityWeight"),
                    weight,
                    "not in valid range [0, 100]",
                ));
            }
            args.ignore_preferred_terms_of_existing_pods =
                read_or_push(o.bool("ignorePreferredTermsOfExistingPods"), errs).unwrap_or(false);
            args.hard_pod_affinity_weight = Some(weight);
        }
        name if name == pod_topology_spread::NAME => {
            let Some(o) = open_args(
                value,
                &args_path,
                "PodTopologySpreadArgs",
                SPREAD_ARGS,
                unknown,
                errs,
            ) else {
                return;
            };
            let constraints = read_or_push(
                crate::decode::objects::topology_spread_constraints(&o, "defaultConstraints"),
                errs,
            )
            .unwrap_or_default();
            // SetDefaults_PodTopologySpreadArgs: System when unset.
            let kind = read_or_push(o.string("defaultingType"), errs).unwrap_or_default();
            let kind = if kind.is_empty() {
                "System".to_string()
            } else {
                kind
            };
            let type_path = format!("{args_path}.defaultingType");
            match kind.as_str() {
                "System" if !constraints.is_empty() => {
                    errs.push(invalid(
                        &type_path,
                        go_quote(&kind),
                        "when .defaultConstraints are not empty",
                    ));
                }
                "System" => args.spread_defaulting = Some(SpreadDefaulting::System),
                "List" => {}
                _ => errs.push(found(
                    &type_path,
                    format!(
                        "{type_path}: Unsupported value: {}: supported values: \"System\", \"List\"",
                        go_quote(&kind)
                    ),
                )),
            }
            errs.extend(default_constraints(
                &constraints,
                &format!("{args_path}.defaultConstraints"),
            ));
            if kind == "List" {
                args.spread_defaulting = Some(SpreadDefaulting::List(constraints));
            }
        }
        name if name == node_affinity::NAME => {
            let Some(o) = open_args(
                value,
                &args_path,
                "NodeAffinityArgs",
                NODE_AFFINITY_ARGS,
                unknown,
                errs,
            ) else {
                return;
            };
            if let Some(added) = read_or_push(
                crate::decode::objects::node_affinity(&o, "addedAffinity"),
                errs,
            ) {
                args.added_affinity = added;
            }
        }
        plugins::DEFAULT_PREEMPTION => {
            let Some(o) = open_args(
                value,
                &args_path,
                "DefaultPreemptionArgs",
                PREEMPTION_ARGS,
                unknown,
                errs,
            ) else {
                return;
            };
            args.min_candidate_nodes = preemption_args(&o, &args_path, errs);
        }
        name if name == balanced_allocation::NAME => {
            let Some(o) = open_args(
                value,
                &args_path,
                "NodeResourcesBalancedAllocationArgs",
                BALANCED_ARGS,
                unknown,
                errs,
            ) else {
                return;
            };
            let resources = o.list("resources", "[]v1.ResourceSpec", |v, p| {
                let r = Obj::open(
                    v,
                    p,
                    "ResourceSpec",
                    RESOURCE_SPEC,
                    "NodeResourcesBalancedAllocationArgs",
                    "v1.ResourceSpec",
                    o.unknown(),
                )?;
                Ok((r.string("name")?, r.int("weight", "int64")?.unwrap_or(0)))
            });
            let Some(mut resources) = read_or_push(resources, errs) else {
                return;
            };
            // SetDefaults_NodeResourcesBalancedAllocationArgs: cpu and memory
            // when none is named; weight 0 means 1.
            if resources.is_empty() {
                resources = vec![("cpu".to_string(), 1), ("memory".to_string(), 1)];
            }
            let mut seen = std::collections::BTreeSet::new();
            for (i, (name, weight)) in resources.iter_mut().enumerate() {
                if *weight == 0 {
                    *weight = 1;
                }
                let at = format!("{args_path}.resources[{i}]");
                if !seen.insert(name.clone()) {
                    errs.push(found(
                        &format!("{at}.name"),
                        format!("{at}.name: Duplicate value: {}", go_quote(name)),
                    ));
                }
                if *weight != 1 {
                    errs.push(invalid(&format!("{at}.weight"), *weight, "must be 1"));
                }
            }
            // Only cpu and memory are simulated: the default set scores as
            // taintlab does, another is not simulated.
            let names: std::collections::BTreeSet<&str> =
                resources.iter().map(|(n, _)| n.as_str()).collect();
            if names != std::collections::BTreeSet::from(["cpu", "memory"]) {
                errs.push(not_simulated(
                    "NodeResourcesBalancedAllocationArgs.resources other than cpu and memory",
                ));
            }
        }
        "VolumeBinding" | "DynamicResources" => {
            errs.push(not_simulated(&format!("the args of {}", config.name)));
        }
        // Args for a plugin the registry does not have are kept and unused.
        _ => {}
    }
}
