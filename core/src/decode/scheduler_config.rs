//! The `kubescheduler.config.k8s.io/v1` decoder: a `KubeSchedulerConfiguration`
//! read strictly (unknown fields refused), defaulted
//! (`pkg/scheduler/apis/config/v1/defaults.go`), validated
//! (`pkg/scheduler/apis/config/validation: ValidateKubeSchedulerConfiguration`,
//! `validation_pluginargs.go`) and turned into profiles as the framework builds
//! them (`pkg/scheduler/profile: NewMap`, `framework/runtime: NewFramework`).

use super::read::Obj;
use super::read::Read;
use super::read::Unknown;
use crate::api::field_value::go_quote;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::limits::Limit;
use crate::limits::MAX_OBJECT_BYTES;
use crate::limits::MAX_SCHEDULER_PROFILES;
use crate::locate::locate;
use crate::scheduler::FILTER_PLUGINS;
use crate::scheduler::config::Profile;
use crate::scheduler::config::ProfileArgs;
use crate::scheduler::config::SchedulerConfig;
use crate::scheduler::config::SpreadDefaulting;
use crate::scheduler::config::plugins;
use crate::scheduler::config::plugins::POINTS;
use crate::scheduler::config::plugins::Plugin;
use crate::scheduler::config::plugins::PluginSet;
use crate::scheduler::config::plugins::Plugins;
use crate::scheduler::config::plugins::Point;
use crate::scheduler::inter_pod_affinity;
use crate::scheduler::inter_pod_affinity::DEFAULT_HARD_POD_AFFINITY_WEIGHT;
use crate::scheduler::node_affinity;
use crate::scheduler::pod_topology_spread;
use crate::scheduler::taint_toleration;
use args::Args;
use args::plugin_args;
use serde_yaml::Value;

mod args;

/// The API version a configuration must declare.
pub const API_VERSION: &str = "kubescheduler.config.k8s.io/v1";
const KIND: &str = "KubeSchedulerConfiguration";

const TOP: &[&str] = &[
    "apiVersion",
    "kind",
    "parallelism",
    "leaderElection",
    "clientConnection",
    "healthzBindAddress",
    "metricsBindAddress",
    "enableProfiling",
    "enableContentionProfiling",
    "percentageOfNodesToScore",
    "podInitialBackoffSeconds",
    "podMaxBackoffSeconds",
    "profiles",
    "extenders",
    "delayCacheUntilActive",
];
const LEADER_ELECTION: &[&str] = &[
    "leaderElect",
    "leaseDuration",
    "renewDeadline",
    "retryPeriod",
    "resourceLock",
    "resourceName",
    "resourceNamespace",
];
const CLIENT_CONNECTION: &[&str] = &[
    "kubeconfig",
    "acceptContentTypes",
    "contentType",
    "qps",
    "burst",
];
const PROFILE: &[&str] = &[
    "schedulerName",
    "percentageOfNodesToScore",
    "plugins",
    "pluginConfig",
];
const PLUGINS: &[&str] = &[
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
    "multiPoint",
];
const PLUGIN_SET: &[&str] = &["enabled", "disabled"];
const PLUGIN: &[&str] = &["name", "weight"];
const PLUGIN_CONFIG: &[&str] = &["name", "args"];
/// An error at a field path: where to point, and the message.
struct Found {
    path: String,
    message: String,
}

fn found(path: &str, message: String) -> Found {
    Found {
        path: path.to_string(),
        message,
    }
}

/// `field.Invalid(path, value, detail)` as `field.Error.Error()` prints it.
fn invalid(path: &str, value: impl std::fmt::Display, detail: &str) -> Found {
    found(path, format!("{path}: Invalid value: {value}: {detail}"))
}

/// One profile as written, before defaulting.
struct RawProfile {
    scheduler_name: Option<String>,
    percentage: Option<i32>,
    plugins: Option<Plugins>,
    plugin_config: Vec<RawPluginConfig>,
}

/// One `pluginConfig` entry: the plugin's name and its args as written.
struct RawPluginConfig {
    name: String,
    args: Option<Value>,
}

/// The decoded, still unvalidated configuration.
struct Raw {
    parallelism: i64,
    percentage: Option<i32>,
    initial_backoff: i64,
    max_backoff: i64,
    profiles: Vec<RawProfile>,
    extenders: bool,
    /// A `leaderElection.resourceLock` other than `leases` while electing.
    resource_lock: Option<String>,
}

fn int32(o: &Obj<'_>, key: &str) -> Read<Option<i32>> {
    // `int` bounds the value to int32 already.
    Ok(o.int(key, "int32")?.map(|v| v as i32))
}

fn plugin_set(o: &Obj<'_>, key: &str) -> Read<PluginSet> {
    let set = o.nested(key, "PluginSet", "v1.PluginSet", PLUGIN_SET, |s| {
        let item = |v: &Value, path: &str| -> Read<Plugin> {
            let p = Obj::open(
                v,
                path,
                "Plugin",
                PLUGIN,
                "PluginSet",
                "v1.Plugin",
                s.unknown(),
            )?;
            Ok(Plugin {
                name: p.string("name")?,
                weight: int32(&p, "weight")?.unwrap_or(0),
            })
        };
        let enabled = s.list("enabled", "[]v1.Plugin", item)?;
        let disabled = s
            .list("disabled", "[]v1.Plugin", item)?
            .into_iter()
            .map(|p| p.name)
            .collect();
        Ok(PluginSet { enabled, disabled })
    })?;
    Ok(set.unwrap_or_default())
}

fn raw_plugins(p: &Obj<'_>) -> Read<Plugins> {
    let mut plugins = Plugins {
        multi_point: plugin_set(p, "multiPoint")?,
        points: Default::default(),
    };
    for (i, point) in POINTS.iter().enumerate() {
        plugins.points[i] = plugin_set(p, point.field())?;
    }
    Ok(plugins)
}

fn raw_profile(v: &Value, path: &str, unknown: &Unknown) -> Read<RawProfile> {
    let o = Obj::open(
        v,
        path,
        "KubeSchedulerProfile",
        PROFILE,
        KIND,
        "v1.KubeSchedulerProfile",
        unknown,
    )?;
    let scheduler_name = match o.get("schedulerName") {
        Some(_) => Some(o.string("schedulerName")?),
        None => None,
    };
    let plugins = o.nested("plugins", "Plugins", "v1.Plugins", PLUGINS, raw_plugins)?;
    let plugin_config = o.list("pluginConfig", "[]v1.PluginConfig", |v, path| {
        let c = Obj::open(
            v,
            path,
            "PluginConfig",
            PLUGIN_CONFIG,
            "KubeSchedulerProfile",
            "v1.PluginConfig",
            unknown,
        )?;
        Ok(RawPluginConfig {
            name: c.string("name")?,
            args: c.get("args").cloned(),
        })
    })?;
    Ok(RawProfile {
        scheduler_name,
        percentage: int32(&o, "percentageOfNodesToScore")?,
        plugins,
        plugin_config,
    })
}

fn raw(v: &Value, unknown: &Unknown) -> Read<Raw> {
    let o = Obj::open(v, "", KIND, TOP, KIND, KIND, unknown)?;
    // The defaults: leader election on, with a `leases` lock.
    let resource_lock = o
        .nested(
            "leaderElection",
            "LeaderElectionConfiguration",
            "v1.LeaderElectionConfiguration",
            LEADER_ELECTION,
            |l| {
                let elect = match l.get("leaderElect") {
                    Some(_) => l.bool("leaderElect")?,
                    None => true,
                };
                let lock = l.string("resourceLock")?;
                Ok((elect && !lock.is_empty() && lock != "leases").then_some(lock))
            },
        )?
        .flatten();
    o.nested(
        "clientConnection",
        "ClientConnectionConfiguration",
        "v1.ClientConnectionConfiguration",
        CLIENT_CONNECTION,
        |_| Ok(()),
    )?;
    let profiles = o.list("profiles", "[]v1.KubeSchedulerProfile", |v, path| {
        raw_profile(v, path, unknown)
    })?;
    let extenders = o
        .get("extenders")
        .and_then(Value::as_sequence)
        .is_some_and(|s| !s.is_empty());
    Ok(Raw {
        // SetDefaults_KubeSchedulerConfiguration.
        parallelism: o.int("parallelism", "int32")?.unwrap_or(16),
        percentage: int32(&o, "percentageOfNodesToScore")?,
        initial_backoff: o.int("podInitialBackoffSeconds", "int64")?.unwrap_or(1),
        max_backoff: o.int("podMaxBackoffSeconds", "int64")?.unwrap_or(10),
        profiles,
        extenders,
        resource_lock,
    })
}

/// Models `validatePercentageOfNodesToScore`.
fn check_percentage(path: &str, value: Option<i32>, errs: &mut Vec<Found>) {
    if let Some(p) = value
        && !(0..=100).contains(&p)
    {
        errs.push(invalid(path, p, "not in valid range [0-100]"));
    }
}

/// A merged `PluginSet` as Go's `%#v` prints the internal `config.PluginSet`
/// (nil slices as `(nil)`), for `validateCommonQueueSort`'s message.
fn go_plugin_set(set: &PluginSet) -> String {
    let list = |plugins: Vec<(String, i32)>| {
        if plugins.is_empty() {
            "[]config.Plugin(nil)".to_string()
        } else {
            let items: Vec<String> = plugins
                .iter()
                .map(|(name, weight)| {
                    format!("config.Plugin{{Name:{}, Weight:{weight}}}", go_quote(name))
                })
                .collect();
            format!("[]config.Plugin{{{}}}", items.join(", "))
        }
    };
    format!(
        "config.PluginSet{{Enabled:{}, Disabled:{}}}",
        list(
            set.enabled
                .iter()
                .map(|p| (p.name.clone(), p.weight))
                .collect()
        ),
        list(set.disabled.iter().map(|d| (d.clone(), 0)).collect())
    )
}

/// Models `validateCommonQueueSort` over the defaulted (merged) sets: one
/// queue sort plugin at most, and the same `queueSort` in every profile.
fn common_queue_sort(profiles: &[RawProfile], minor: u32) -> Vec<Found> {
    let default = plugins::default_plugins(minor);
    let queue_sort = |p: &RawProfile| {
        plugins::merge(&default, p.plugins.as_ref()).points[Point::QueueSort as usize].clone()
    };
    let mut errs = Vec::new();
    let Some(first) = profiles.first() else {
        return errs;
    };
    let canon = queue_sort(first);
    if canon.enabled.len() > 1 {
        errs.push(invalid(
            "profiles[0].plugins.queueSort.Enabled",
            canon.enabled.len(),
            "only one queue sort plugin can be enabled",
        ));
    }
    for (i, profile) in profiles.iter().enumerate().skip(1) {
        let current = queue_sort(profile);
        if current != canon {
            errs.push(invalid(
                &format!("profiles[{i}].plugins.queueSort"),
                go_plugin_set(&current),
                "must be the same for all profiles",
            ));
        }
    }
    errs
}

/// Builds one profile: validation first (all its errors), then the framework.
fn profile(
    raw: &RawProfile,
    index: usize,
    global_percentage: Option<i32>,
    minor: u32,
    unknown: &Unknown,
    errs: &mut Vec<Found>,
) -> Option<Profile> {
    let path = format!("profiles[{index}]");
    let name = raw.scheduler_name.clone().unwrap_or_default();
    if name.is_empty() {
        errs.push(found(
            &format!("{path}.schedulerName"),
            format!("{path}.schedulerName: Required value"),
        ));
    }
    check_percentage(
        &format!("{path}.percentageOfNodesToScore"),
        raw.percentage,
        errs,
    );
    // validatePluginSetForInvalidPlugins: plugins removed in v1.
    if let Some(plugins) = &raw.plugins {
        for (i, point) in POINTS.iter().enumerate() {
            for (j, plugin) in plugins.points[i].enabled.iter().enumerate() {
                if plugins::REMOVED.contains(&plugin.name.as_str()) {
                    errs.push(invalid(
                        &format!("{path}.plugins.{}.enabled[{j}]", point.field()),
                        go_quote(&plugin.name),
                        &format!("was invalid in version {API_VERSION:?} (KubeSchedulerConfiguration is version {API_VERSION:?})"),
                    ));
                }
            }
        }
    }
    let mut args = Args::default();
    let mut seen: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for (i, config) in raw.plugin_config.iter().enumerate() {
        let config_path = format!("{path}.pluginConfig[{i}]");
        if !seen.insert(&config.name) {
            errs.push(found(
                &config_path,
                format!("{config_path}: Duplicate value: {}", go_quote(&config.name)),
            ));
        }
        if plugins::REMOVED.contains(&config.name.as_str()) {
            errs.push(invalid(
                &config_path,
                go_quote(&config.name),
                &format!("was invalid in version {API_VERSION:?} (KubeSchedulerConfiguration is version {API_VERSION:?})"),
            ));
            continue;
        }
        plugin_args(config, &config_path, &name, minor, unknown, &mut args, errs);
    }
    let merged = plugins::merge(&plugins::default_plugins(minor), raw.plugins.as_ref());
    let expanded = match plugins::expand(&merged, &name) {
        Ok(e) => e,
        Err(e) => {
            errs.push(found(
                &format!("{path}.plugins"),
                format!("initializing profiles: creating profile for scheduler name {name}: {e}"),
            ));
            return None;
        }
    };
    // A simulated plugin's Filter (or some plugins' Score) reads what its
    // PreFilter (PreScore) wrote, and upstream fails the cycle when that did
    // not run; NodeAffinity computes it again, NodeResourcesFit's and
    // BalancedAllocation's Score too. That failure is not simulated: such a
    // profile is refused.
    const NEED_PRE_SCORE: [&str; 3] = [
        taint_toleration::NAME,
        pod_topology_spread::NAME,
        inter_pod_affinity::NAME,
    ];
    for (run, before) in [
        (Point::Filter, Point::PreFilter),
        (Point::Score, Point::PreScore),
    ] {
        for plugin in &expanded.points[run as usize] {
            let reads_state = match run {
                Point::Filter => {
                    FILTER_PLUGINS.contains(&plugin.as_str()) && plugin != node_affinity::NAME
                }
                _ => NEED_PRE_SCORE.contains(&plugin.as_str()),
            };
            if reads_state
                && plugins::implements_point(plugin, before)
                && !expanded.runs(before, plugin)
            {
                errs.push(found(
                    &format!("{path}.plugins.{}", before.field()),
                    format!(
                        "taintlab does not simulate {plugin}'s {} without its {} yet: enable it again to use this configuration",
                        run.field(),
                        before.field()
                    ),
                ));
            }
        }
    }
    Some(Profile::new(
        name,
        raw.percentage.or(global_percentage),
        &expanded,
        ProfileArgs {
            fit_strategy: args.fit.unwrap_or_default(),
            hard_pod_affinity_weight: args
                .hard_pod_affinity_weight
                .unwrap_or(DEFAULT_HARD_POD_AFFINITY_WEIGHT),
            spread_defaulting: args.spread_defaulting.unwrap_or(SpreadDefaulting::System),
            added_affinity: args.added_affinity,
            ignore_preferred_terms_of_existing_pods: args.ignore_preferred_terms_of_existing_pods,
            min_candidate_nodes: args
                .min_candidate_nodes
                .unwrap_or(crate::scheduler::config::DEFAULT_MIN_CANDIDATE_NODES),
        },
    ))
}

/// Decodes, defaults and validates a `KubeSchedulerConfiguration` (YAML or
/// JSON) for Kubernetes 1.`minor`. Errors carry their line and field path.
pub fn decode_scheduler_config(text: &str, minor: u32) -> Result<SchedulerConfig, Vec<Diagnostic>> {
    let text = super::yaml::without_bom(text);
    let at = |path: &str, message: String| {
        let (line, column) = locate(text, path).unwrap_or((1, 1));
        Diagnostic {
            severity: Severity::Error,
            document: 1,
            line,
            column,
            path: path.to_string(),
            message,
        }
    };
    if text.len() > MAX_OBJECT_BYTES {
        return Err(vec![at("", Limit::ObjectBytes.en())]);
    }
    let value = super::yaml::parse(text).map_err(|e| {
        vec![Diagnostic {
            severity: Severity::Error,
            document: 1,
            line: e.line,
            column: e.column,
            path: String::new(),
            message: e.message,
        }]
    })?;
    let string = |key: &str| {
        super::read::value_field(&value, key)
            .and_then(Value::as_str)
            .unwrap_or("")
    };
    let (api_version, kind) = (string("apiVersion"), string("kind"));
    if api_version != API_VERSION || kind != KIND {
        let path = if kind.is_empty() {
            "kind"
        } else {
            "apiVersion"
        };
        let message = if kind.is_empty() || api_version.is_empty() {
            format!(
                "Object 'Kind' is missing in {:?}",
                text.lines().next().unwrap_or_default()
            )
        } else {
            format!(
                "no kind {kind:?} is registered for version {api_version:?} in scheme \"pkg/scheduler/apis/config/scheme/scheme.go:30\""
            )
        };
        return Err(vec![at(path, message)]);
    }
    let profile_count = super::read::value_field(&value, "profiles")
        .and_then(Value::as_sequence)
        .map_or(0, Vec::len);
    if profile_count > MAX_SCHEDULER_PROFILES {
        return Err(vec![at(
            "profiles",
            format!("profiles: {}", Limit::SchedulerProfiles.en()),
        )]);
    }
    let unknown = Unknown::default();
    let raw = raw(&value, &unknown).map_err(|e| vec![at(&e.path, e.message)])?;
    let unknown_paths = unknown.into_paths();
    if !unknown_paths.is_empty() {
        return Err(unknown_paths
            .into_iter()
            .map(|p| at(&p, format!("strict decoding error: unknown field {p:?}")))
            .collect());
    }
    // In ValidateKubeSchedulerConfiguration's order.
    let mut errs: Vec<Found> = Vec::new();
    if let Some(lock) = &raw.resource_lock {
        errs.push(invalid(
            "leaderElection.resourceLock",
            go_quote(lock),
            "resourceLock value must be \"leases\"",
        ));
    }
    if raw.parallelism <= 0 {
        errs.push(invalid(
            "parallelism",
            raw.parallelism,
            "should be an integer value greater than zero",
        ));
    }
    // SetDefaults_KubeSchedulerConfiguration: no profile means one; a single
    // profile without a name is `default-scheduler`.
    let mut raw_profiles = raw.profiles;
    if raw_profiles.is_empty() {
        raw_profiles.push(RawProfile {
            scheduler_name: None,
            percentage: None,
            plugins: None,
            plugin_config: Vec::new(),
        });
    }
    if raw_profiles.len() == 1 && raw_profiles[0].scheduler_name.is_none() {
        raw_profiles[0].scheduler_name =
            Some(crate::scheduler::config::DEFAULT_SCHEDULER_NAME.to_string());
    }
    let args_unknown = Unknown::default();
    let mut profiles = Vec::new();
    let mut framework_errs = Vec::new();
    // The latest profile of each name, for `field.Duplicate`.
    let mut names: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (i, raw_profile) in raw_profiles.iter().enumerate() {
        let mut own = Vec::new();
        let built = profile(
            raw_profile,
            i,
            raw.percentage,
            minor,
            &args_unknown,
            &mut own,
        );
        // The framework's errors come only once validation passed.
        for e in own {
            if e.message.starts_with("initializing profiles") {
                framework_errs.push(e);
            } else {
                errs.push(e);
            }
        }
        let name = raw_profile.scheduler_name.clone().unwrap_or_default();
        if let Some(first) = names.get(&name).copied() {
            let path = format!("profiles[{i}].schedulerName");
            errs.push(found(
                &path,
                format!("{path}: Duplicate value: \"profiles[{first}].schedulerName\""),
            ));
        }
        // The last one of the name, as upstream's map keeps.
        names.insert(name, i);
        profiles.extend(built);
    }
    errs.extend(common_queue_sort(&raw_profiles, minor));
    check_percentage("percentageOfNodesToScore", raw.percentage, &mut errs);
    if raw.initial_backoff <= 0 {
        errs.push(invalid(
            "podInitialBackoffSeconds",
            raw.initial_backoff,
            "must be greater than 0",
        ));
    }
    if raw.max_backoff < raw.initial_backoff {
        errs.push(invalid(
            "podMaxBackoffSeconds",
            raw.max_backoff,
            "must be greater than or equal to PodInitialBackoffSeconds",
        ));
    }
    if raw.extenders {
        errs.push(found(
            "extenders",
            "taintlab does not simulate scheduler extenders yet: remove them to use this configuration"
                .to_string(),
        ));
    }
    let args_unknown = args_unknown.into_paths();
    if !args_unknown.is_empty() {
        return Err(args_unknown
            .into_iter()
            .map(|p| at(&p, format!("strict decoding error: unknown field {p:?}")))
            .collect());
    }
    if errs.is_empty() {
        // NewMap stops at the first profile the framework cannot build.
        errs.extend(framework_errs.into_iter().take(1));
    }
    if !errs.is_empty() {
        return Err(errs.into_iter().map(|e| at(&e.path, e.message)).collect());
    }
    Ok(SchedulerConfig { profiles })
}

#[cfg(test)]
mod tests;
