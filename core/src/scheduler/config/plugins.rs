//! The plugin sets of a profile: the default set, the merge of a user's sets into
//! it (`pkg/scheduler/apis/config/v1/default_plugins.go: getDefaultPlugins`,
//! `applyFeatureGates`, `mergePlugins`), and the framework's expansion of
//! `multiPoint` into each extension point (`pkg/scheduler/framework/runtime/
//! framework.go: updatePluginList`, `expandMultiPointPlugins`, `getScoreWeights`).

use crate::scheduler::balanced_allocation;
use crate::scheduler::image_locality;
use crate::scheduler::inter_pod_affinity;
use crate::scheduler::node_affinity;
use crate::scheduler::node_name;
use crate::scheduler::node_ports;
use crate::scheduler::node_resources;
use crate::scheduler::node_unschedulable;
use crate::scheduler::pod_topology_spread;
use crate::scheduler::taint_toleration;
use std::collections::BTreeSet;

/// An extension point of the scheduling framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// `preEnqueue`.
    PreEnqueue = 0,
    /// `queueSort`.
    QueueSort,
    /// `preFilter`.
    PreFilter,
    /// `filter`.
    Filter,
    /// `postFilter`.
    PostFilter,
    /// `preScore`.
    PreScore,
    /// `score`.
    Score,
    /// `reserve`.
    Reserve,
    /// `permit`.
    Permit,
    /// `preBind`.
    PreBind,
    /// `bind`.
    Bind,
    /// `postBind`.
    PostBind,
}

/// Every extension point, in the order of `v1.Plugins`' fields.
pub const POINTS: [Point; 12] = [
    Point::PreEnqueue,
    Point::QueueSort,
    Point::PreFilter,
    Point::Filter,
    Point::PostFilter,
    Point::PreScore,
    Point::Score,
    Point::Reserve,
    Point::Permit,
    Point::PreBind,
    Point::Bind,
    Point::PostBind,
];

/// The order `getExtensionPoints` builds the lists in, which decides which
/// error a broken configuration reports first.
const FRAMEWORK_ORDER: [Point; 12] = [
    Point::PreFilter,
    Point::Filter,
    Point::PostFilter,
    Point::Reserve,
    Point::PreScore,
    Point::Score,
    Point::PreBind,
    Point::Bind,
    Point::PostBind,
    Point::Permit,
    Point::PreEnqueue,
    Point::QueueSort,
];

impl Point {
    /// The field of `plugins` that configures it.
    pub fn field(self) -> &'static str {
        [
            "preEnqueue",
            "queueSort",
            "preFilter",
            "filter",
            "postFilter",
            "preScore",
            "score",
            "reserve",
            "permit",
            "preBind",
            "bind",
            "postBind",
        ][self as usize]
    }

    /// The Go interface's name, as the framework's errors print it.
    fn interface(self) -> &'static str {
        [
            "PreEnqueuePlugin",
            "QueueSortPlugin",
            "PreFilterPlugin",
            "FilterPlugin",
            "PostFilterPlugin",
            "PreScorePlugin",
            "ScorePlugin",
            "ReservePlugin",
            "PermitPlugin",
            "PreBindPlugin",
            "BindPlugin",
            "PostBindPlugin",
        ][self as usize]
    }

    const fn bit(self) -> u16 {
        1 << self as u16
    }
}

const PRE_ENQUEUE: u16 = Point::PreEnqueue.bit();
const QUEUE_SORT: u16 = Point::QueueSort.bit();
const PRE_FILTER: u16 = Point::PreFilter.bit();
const FILTER: u16 = Point::Filter.bit();
const POST_FILTER: u16 = Point::PostFilter.bit();
const PRE_SCORE: u16 = Point::PreScore.bit();
const SCORE: u16 = Point::Score.bit();
const RESERVE: u16 = Point::Reserve.bit();
const PRE_BIND: u16 = Point::PreBind.bit();
const BIND: u16 = Point::Bind.bit();

/// `DefaultPreemption`, the PostFilter plugin.
pub const DEFAULT_PREEMPTION: &str = "DefaultPreemption";
/// `DynamicResources`, in the default set from v1.34 (its gate is on by default).
const DYNAMIC_RESOURCES: &str = "DynamicResources";

/// The in-tree registry (`pkg/scheduler/framework/plugins/registry.go`): each
/// plugin with the extension points it implements. Those taintlab does not
/// simulate (volumes, DRA, gates) have nothing to check here and always pass.
const REGISTRY: [(&str, u16); 19] = [
    ("SchedulingGates", PRE_ENQUEUE),
    ("PrioritySort", QUEUE_SORT),
    (node_unschedulable::NAME, FILTER),
    (node_name::NAME, FILTER),
    (taint_toleration::NAME, FILTER | PRE_SCORE | SCORE),
    (node_affinity::NAME, PRE_FILTER | FILTER | PRE_SCORE | SCORE),
    (node_ports::NAME, PRE_FILTER | FILTER),
    (
        node_resources::NAME,
        PRE_FILTER | FILTER | PRE_SCORE | SCORE,
    ),
    ("VolumeRestrictions", PRE_FILTER | FILTER),
    ("NodeVolumeLimits", PRE_FILTER | FILTER),
    (
        "VolumeBinding",
        PRE_FILTER | FILTER | RESERVE | PRE_BIND | PRE_SCORE | SCORE,
    ),
    ("VolumeZone", PRE_FILTER | FILTER),
    (
        pod_topology_spread::NAME,
        PRE_FILTER | FILTER | PRE_SCORE | SCORE,
    ),
    (
        inter_pod_affinity::NAME,
        PRE_FILTER | FILTER | PRE_SCORE | SCORE,
    ),
    (
        DYNAMIC_RESOURCES,
        PRE_ENQUEUE | PRE_FILTER | FILTER | POST_FILTER | RESERVE | PRE_BIND,
    ),
    (DEFAULT_PREEMPTION, POST_FILTER),
    (balanced_allocation::NAME, PRE_SCORE | SCORE),
    (image_locality::NAME, SCORE),
    ("DefaultBinder", BIND),
];

/// Plugins that `validatePluginSetForInvalidPlugins` refuses in `v1`.
pub const REMOVED: [&str; 4] = [
    "AzureDiskLimits",
    "CinderLimits",
    "EBSLimits",
    "GCEPDLimits",
];

/// Whether the registry's plugin `name` implements `point`.
pub fn implements_point(name: &str, point: Point) -> bool {
    implements(name).is_some_and(|mask| mask & point.bit() != 0)
}

fn implements(name: &str) -> Option<u16> {
    REGISTRY.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

/// One `v1.Plugin`: a name and its weight (`nil` reads as 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plugin {
    /// `name`.
    pub name: String,
    /// `weight`.
    pub weight: i32,
}

/// One `v1.PluginSet`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PluginSet {
    /// `enabled`.
    pub enabled: Vec<Plugin>,
    /// `disabled` (names; `*` disables every default plugin).
    pub disabled: Vec<String>,
}

/// `v1.Plugins`: `multiPoint` and one set per extension point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plugins {
    /// `multiPoint`.
    pub multi_point: PluginSet,
    /// The sets of [`POINTS`], in that order.
    pub points: [PluginSet; 12],
}

/// Models `getDefaultPlugins` with `applyFeatureGates` for Kubernetes 1.`minor`.
pub fn default_plugins(minor: u32) -> Plugins {
    let mut names = vec![
        ("SchedulingGates", 0),
        ("PrioritySort", 0),
        (node_unschedulable::NAME, 0),
        (node_name::NAME, 0),
        (taint_toleration::NAME, 3),
        (node_affinity::NAME, 2),
        (node_ports::NAME, 0),
        (node_resources::NAME, 1),
        ("VolumeRestrictions", 0),
        ("NodeVolumeLimits", 0),
        ("VolumeBinding", 0),
        ("VolumeZone", 0),
        (pod_topology_spread::NAME, 2),
        (inter_pod_affinity::NAME, 2),
        (DEFAULT_PREEMPTION, 0),
        (balanced_allocation::NAME, 1),
        (image_locality::NAME, 1),
        ("DefaultBinder", 0),
    ];
    // DynamicResourceAllocation is on by default from 1.34: the plugin goes
    // before DefaultPreemption.
    if minor >= 34
        && let Some(at) = names.iter().position(|(n, _)| *n == DEFAULT_PREEMPTION)
    {
        names.insert(at, (DYNAMIC_RESOURCES, 0));
    }
    Plugins {
        multi_point: PluginSet {
            enabled: names
                .into_iter()
                .map(|(name, weight)| Plugin {
                    name: name.to_string(),
                    weight,
                })
                .collect(),
            disabled: Vec::new(),
        },
        points: Default::default(),
    }
}

/// Models `mergePluginSet`.
fn merge_set(default: &PluginSet, custom: &PluginSet) -> PluginSet {
    let mut disabled: Vec<String> = custom.disabled.clone();
    disabled.extend(default.disabled.iter().cloned());
    let is_disabled = |name: &str| disabled.iter().any(|d| d == name);
    let mut replaced = vec![false; custom.enabled.len()];
    let mut enabled = Vec::new();
    if !is_disabled("*") {
        for plugin in &default.enabled {
            if is_disabled(&plugin.name) {
                continue;
            }
            // A map by name: the last custom entry of a name replaces.
            match custom.enabled.iter().rposition(|c| c.name == plugin.name) {
                Some(i) => {
                    replaced[i] = true;
                    enabled.push(custom.enabled[i].clone());
                }
                None => enabled.push(plugin.clone()),
            }
        }
    }
    for (i, plugin) in custom.enabled.iter().enumerate() {
        if !replaced[i] {
            enabled.push(plugin.clone());
        }
    }
    PluginSet { enabled, disabled }
}

/// Models `mergePlugins`: the user's sets merged into the defaults.
pub fn merge(default: &Plugins, custom: Option<&Plugins>) -> Plugins {
    let Some(custom) = custom else {
        return default.clone();
    };
    let mut points: [PluginSet; 12] = Default::default();
    for (i, set) in points.iter_mut().enumerate() {
        *set = merge_set(&default.points[i], &custom.points[i]);
    }
    Plugins {
        multi_point: merge_set(&default.multi_point, &custom.multi_point),
        points,
    }
}

/// The plugins that run at each extension point, in order, and the score
/// weights: what the framework builds from merged sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    /// The plugin names per extension point, indexed as [`POINTS`].
    pub points: [Vec<String>; 12],
    /// The weight of each score plugin (`scorePluginWeight`).
    pub weights: Vec<(String, i64)>,
}

impl Expanded {
    /// Whether `name` runs at `point`.
    pub fn runs(&self, point: Point, name: &str) -> bool {
        self.points[point as usize].iter().any(|n| n == name)
    }

    /// The weight of score plugin `name`, or 0 when it does not score.
    pub fn weight(&self, name: &str) -> i64 {
        if !self.runs(Point::Score, name) {
            return 0;
        }
        self.weights
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |(_, w)| *w)
    }
}

/// Models the part of `NewFramework` that builds the plugin lists
/// (`updatePluginList`, `expandMultiPointPlugins`, `getScoreWeights`, the
/// queue-sort and bind checks). The error is the framework's.
pub fn expand(plugins: &Plugins, scheduler_name: &str) -> Result<Expanded, String> {
    let mut out = Expanded::default();
    // updatePluginList, for every extension point first.
    for point in FRAMEWORK_ORDER {
        let set = &plugins.points[point as usize];
        let list = &mut out.points[point as usize];
        // Sets for membership: a configuration may list many plugins.
        let mut registered: BTreeSet<&str> = BTreeSet::new();
        for plugin in &set.enabled {
            let Some(mask) = implements(&plugin.name) else {
                return Err(format!(
                    "{} {:?} does not exist",
                    point.interface(),
                    plugin.name
                ));
            };
            if mask & point.bit() == 0 {
                return Err(format!(
                    "plugin {:?} does not extend {} plugin",
                    plugin.name,
                    point.interface()
                ));
            }
            if !registered.insert(&plugin.name) {
                return Err(format!(
                    "plugin {:?} already registered as {:?}",
                    plugin.name,
                    point.interface()
                ));
            }
            list.push(plugin.name.clone());
        }
    }
    // expandMultiPointPlugins.
    if !plugins.multi_point.enabled.is_empty() {
        for point in FRAMEWORK_ORDER {
            let set = &plugins.points[point as usize];
            let disabled: BTreeSet<&str> = set.disabled.iter().map(String::as_str).collect();
            if disabled.contains("*") {
                continue;
            }
            let explicit = out.points[point as usize].clone();
            let explicit_set: BTreeSet<&str> = explicit.iter().map(String::as_str).collect();
            let mut overrides: BTreeSet<String> = BTreeSet::new();
            let mut multi: Vec<String> = Vec::new();
            let mut multi_set: BTreeSet<&str> = BTreeSet::new();
            for plugin in &plugins.multi_point.enabled {
                let Some(mask) = implements(&plugin.name) else {
                    return Err(format!(
                        "{} {:?} does not exist",
                        point.interface(),
                        plugin.name
                    ));
                };
                if mask & point.bit() == 0 || disabled.contains(plugin.name.as_str()) {
                    continue;
                }
                if explicit_set.contains(plugin.name.as_str()) {
                    overrides.insert(plugin.name.clone());
                    continue;
                }
                if !multi_set.insert(&plugin.name) {
                    return Err(format!(
                        "plugin {:?} already registered as {:?}",
                        plugin.name,
                        point.interface()
                    ));
                }
                multi.push(plugin.name.clone());
            }
            // Overridden plugins in their explicit order, then multiPoint's,
            // then the rest of the explicit ones.
            let mut list: Vec<String> = explicit
                .iter()
                .filter(|n| overrides.contains(*n))
                .cloned()
                .collect();
            list.extend(multi);
            list.extend(explicit.into_iter().filter(|n| !overrides.contains(n)));
            out.points[point as usize] = list;
        }
    }
    let queue_sort = out.points[Point::QueueSort as usize].len();
    if queue_sort != 1 {
        return Err(format!(
            "only one queue sort plugin required for profile with scheduler name {scheduler_name:?}, but got {queue_sort}"
        ));
    }
    if out.points[Point::Bind as usize].is_empty() {
        return Err(format!(
            "at least one bind plugin is needed for profile with scheduler name {scheduler_name:?}"
        ));
    }
    // getScoreWeights: the score set's weights take precedence over
    // multiPoint's; 0 (or none) means 1.
    let score = &plugins.points[Point::Score as usize].enabled;
    let mut weighed: BTreeSet<&str> = BTreeSet::new();
    for plugin in score.iter().chain(&plugins.multi_point.enabled) {
        let scores = implements(&plugin.name).is_some_and(|m| m & SCORE != 0);
        if !scores || !weighed.insert(&plugin.name) {
            continue;
        }
        let weight = if plugin.weight == 0 {
            1
        } else {
            i64::from(plugin.weight)
        };
        out.weights.push((plugin.name.clone(), weight));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enable(name: &str, weight: i32) -> Plugin {
        Plugin {
            name: name.to_string(),
            weight,
        }
    }

    #[test]
    fn the_default_set_runs_the_default_filters_in_order() {
        let merged = merge(&default_plugins(33), None);
        let e = expand(&merged, "default-scheduler").unwrap();
        let filters: Vec<&str> = e.points[Point::Filter as usize]
            .iter()
            .map(String::as_str)
            .filter(|n| crate::scheduler::FILTER_PLUGINS.contains(n))
            .collect();
        assert_eq!(filters, crate::scheduler::FILTER_PLUGINS);
        assert_eq!(e.weight(taint_toleration::NAME), 3);
        assert_eq!(e.weight(image_locality::NAME), 1);
    }

    #[test]
    fn a_score_weight_overrides_multi_point_and_disabling_removes() {
        let mut custom = Plugins::default();
        custom.points[Point::Score as usize] = PluginSet {
            enabled: vec![enable(image_locality::NAME, 7)],
            disabled: vec![taint_toleration::NAME.to_string()],
        };
        let merged = merge(&default_plugins(33), Some(&custom));
        let e = expand(&merged, "x").unwrap();
        assert_eq!(e.weight(image_locality::NAME), 7);
        assert_eq!(e.weight(taint_toleration::NAME), 0);
        // Still filters.
        assert!(e.runs(Point::Filter, taint_toleration::NAME));
    }

    #[test]
    fn framework_errors() {
        let mut custom = Plugins::default();
        custom.points[Point::Filter as usize].enabled = vec![enable("Foo", 0)];
        let merged = merge(&default_plugins(33), Some(&custom));
        assert_eq!(
            expand(&merged, "x").unwrap_err(),
            "FilterPlugin \"Foo\" does not exist"
        );
        let mut custom = Plugins::default();
        custom.points[Point::Filter as usize].enabled = vec![enable(image_locality::NAME, 0)];
        let merged = merge(&default_plugins(33), Some(&custom));
        assert_eq!(
            expand(&merged, "x").unwrap_err(),
            "plugin \"ImageLocality\" does not extend FilterPlugin plugin"
        );
        let mut custom = Plugins::default();
        custom.multi_point.disabled = vec!["*".to_string()];
        let merged = merge(&default_plugins(33), Some(&custom));
        assert_eq!(
            expand(&merged, "x").unwrap_err(),
            "only one queue sort plugin required for profile with scheduler name \"x\", but got 0"
        );
    }
}
