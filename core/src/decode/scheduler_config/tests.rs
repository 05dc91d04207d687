//! Decoding and validation cases, after `pkg/scheduler/apis/config/validation/
//! validation_test.go` and `validation_pluginargs_test.go`.

use super::*;
use crate::scheduler::config::scoring_strategy::StrategyType;

const HEAD: &str = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";

fn decode(body: &str) -> Result<SchedulerConfig, Vec<Diagnostic>> {
    decode_scheduler_config(&format!("{HEAD}{body}"), 33)
}

fn messages(body: &str) -> Vec<String> {
    match decode(body) {
        Ok(_) => Vec::new(),
        Err(errs) => errs.into_iter().map(|d| d.message).collect(),
    }
}

#[test]
fn an_empty_configuration_is_the_default_profile() {
    let config = decode("").unwrap();
    assert_eq!(config, SchedulerConfig::default());
    assert!(config.profiles[0].is_default);
}

#[test]
fn unknown_fields_are_refused_as_strict_decoding_does() {
    assert_eq!(
        messages("profiles:\n- schedulerName: a\n  plugin: {}\n"),
        ["strict decoding error: unknown field \"profiles[0].plugin\""]
    );
    let errs = decode("profiles:\n- pluginConfig:\n  - name: InterPodAffinity\n    args:\n      hardPodAffinityWeigth: 2\n").unwrap_err();
    assert_eq!(
        errs[0].message,
        "strict decoding error: unknown field \"profiles[0].pluginConfig[0].args.hardPodAffinityWeigth\""
    );
    assert_eq!(errs[0].line, 7);
}

#[test]
fn wrong_kind_and_type_errors() {
    let errs = decode_scheduler_config(
        "apiVersion: kubescheduler.config.k8s.io/v1\nkind: Pod\n",
        33,
    )
    .unwrap_err();
    assert!(errs[0].message.starts_with("no kind \"Pod\" is registered"));
    assert_eq!(
        messages(
            "profiles:\n- plugins:\n    score:\n      enabled:\n      - name: ImageLocality\n        weight: 3000000000\n"
        ),
        [
            "json: cannot unmarshal number 3000000000 into Go struct field Plugin.profiles.plugins.score.enabled.weight of type int32"
        ]
    );
}

/// validation_test.go: "bad-percentage-of-nodes-to-score", "scheduler-name-not-set",
/// "repeated-scheduler-name", "bad-parallelism-invalid-value".
#[test]
fn validation_cases() {
    assert_eq!(
        messages("percentageOfNodesToScore: 110\n"),
        ["percentageOfNodesToScore: Invalid value: 110: not in valid range [0-100]"]
    );
    assert_eq!(
        messages("profiles:\n- schedulerName: a\n  percentageOfNodesToScore: -1\n"),
        ["profiles[0].percentageOfNodesToScore: Invalid value: -1: not in valid range [0-100]"]
    );
    assert_eq!(
        messages("profiles:\n- schedulerName: a\n- {}\n"),
        ["profiles[1].schedulerName: Required value"]
    );
    assert_eq!(
        messages("profiles:\n- schedulerName: \"\"\n"),
        ["profiles[0].schedulerName: Required value"]
    );
    assert_eq!(
        messages("profiles:\n- schedulerName: a\n- schedulerName: a\n"),
        ["profiles[1].schedulerName: Duplicate value: \"profiles[0].schedulerName\""]
    );
    assert_eq!(
        messages("parallelism: 0\n"),
        ["parallelism: Invalid value: 0: should be an integer value greater than zero"]
    );
}

/// validation_test.go: "repeated-plugin-config", "invalid-plugins" (removed in v1).
#[test]
fn plugin_validation_cases() {
    assert_eq!(
        messages(
            "profiles:\n- pluginConfig:\n  - name: InterPodAffinity\n  - name: InterPodAffinity\n"
        ),
        ["profiles[0].pluginConfig[1]: Duplicate value: \"InterPodAffinity\""]
    );
    assert_eq!(
        messages("profiles:\n- plugins:\n    filter:\n      enabled:\n      - name: EBSLimits\n"),
        [
            "profiles[0].plugins.filter.enabled[0]: Invalid value: \"EBSLimits\": was invalid in version \"kubescheduler.config.k8s.io/v1\" (KubeSchedulerConfiguration is version \"kubescheduler.config.k8s.io/v1\")"
        ]
    );
    assert_eq!(
        messages("profiles:\n- plugins:\n    filter:\n      enabled:\n      - name: Foo\n"),
        [
            "initializing profiles: creating profile for scheduler name default-scheduler: FilterPlugin \"Foo\" does not exist"
        ]
    );
    assert_eq!(
        messages("profiles:\n- plugins:\n    multiPoint:\n      enabled:\n      - name: Foo\n"),
        [
            "initializing profiles: creating profile for scheduler name default-scheduler: PreFilterPlugin \"Foo\" does not exist"
        ]
    );
}

/// validation_pluginargs_test.go: TestValidateInterPodAffinityArgs,
/// TestValidatePodTopologySpreadArgs, TestValidateFitArgs,
/// TestValidateRequestedToCapacityRatioScoringStrategy.
#[test]
fn args_validation_cases() {
    assert_eq!(
        messages(
            "profiles:\n- pluginConfig:\n  - name: InterPodAffinity\n    args:\n      hardPodAffinityWeight: 101\n"
        ),
        [
            "profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]"
        ]
    );
    assert_eq!(
        messages(
            "profiles:\n- pluginConfig:\n  - name: PodTopologySpread\n    args:\n      defaultingType: Foo\n"
        ),
        [
            "profiles[0].pluginConfig[0].args.defaultingType: Unsupported value: \"Foo\": supported values: \"System\", \"List\""
        ]
    );
    assert_eq!(
        messages(
            "profiles:\n- pluginConfig:\n  - name: PodTopologySpread\n    args:\n      defaultingType: System\n      defaultConstraints:\n      - maxSkew: 1\n        topologyKey: zone\n        whenUnsatisfiable: ScheduleAnyway\n"
        ),
        [
            "profiles[0].pluginConfig[0].args.defaultingType: Invalid value: \"System\": when .defaultConstraints are not empty"
        ]
    );
    assert_eq!(
        messages(
            "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: Foo\n"
        ),
        [
            "initializing profiles: creating profile for scheduler name default-scheduler: initializing plugin \"NodeResourcesFit\": scoringStrategy.type: Unsupported value: \"Foo\": supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\""
        ]
    );
    assert_eq!(
        messages(
            "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: MostAllocated\n        resources:\n        - name: cpu\n          weight: 101\n"
        ),
        [
            "initializing profiles: creating profile for scheduler name default-scheduler: initializing plugin \"NodeResourcesFit\": scoringStrategy.resources[0].weight: Invalid value: 101: resource weight of cpu not in valid range (0, 100]"
        ]
    );
    assert_eq!(
        messages(
            "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: RequestedToCapacityRatio\n        requestedToCapacityRatio:\n          shape:\n          - {utilization: 50, score: 11}\n          - {utilization: 10, score: 1}\n"
        ),
        [
            "initializing profiles: creating profile for scheduler name default-scheduler: initializing plugin \"NodeResourcesFit\": [scoringStrategy.requestedToCapacityRatio.shape[1].utilization: Invalid value: 10: values must be sorted in increasing order, scoringStrategy.requestedToCapacityRatio.shape[0].score: Invalid value: 11: not in valid range [0, 10]]"
        ]
    );
    assert_eq!(
        messages(
            "profiles:\n- pluginConfig:\n  - name: InterPodAffinity\n    args:\n      kind: NodeAffinityArgs\n"
        ),
        [
            "profiles[0].pluginConfig[0].args: Invalid value: \"NodeAffinityArgs\": has to match plugin args"
        ]
    );
}

#[test]
fn profiles_take_their_plugins_weights_and_args() {
    let config = decode(
        "percentageOfNodesToScore: 30\nprofiles:\n- schedulerName: default-scheduler\n- schedulerName: packer\n  percentageOfNodesToScore: 0\n  plugins:\n    filter:\n      disabled:\n      - name: TaintToleration\n    score:\n      enabled:\n      - name: NodeResourcesFit\n        weight: 5\n      disabled:\n      - name: ImageLocality\n  pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: MostAllocated\n  - name: InterPodAffinity\n    args:\n      hardPodAffinityWeight: 0\n",
    )
    .unwrap();
    let default = config.profile_for("").unwrap();
    assert!(default.is_default);
    assert_eq!(default.percentage_of_nodes_to_score, Some(30));
    let packer = config.profile_for("packer").unwrap();
    assert!(!packer.is_default);
    assert_eq!(packer.percentage_of_nodes_to_score, Some(0));
    assert!(!packer.filters_with("TaintToleration"));
    assert!(packer.filters_with("NodeResourcesFit"));
    assert_eq!(packer.weights.node_resources_fit, 5);
    assert_eq!(packer.weights.image_locality, 0);
    assert_eq!(packer.weights.taint_toleration, 3);
    assert_eq!(packer.fit_strategy.kind, StrategyType::MostAllocated);
    assert_eq!(packer.fit_strategy.resources.len(), 2);
    assert_eq!(packer.hard_pod_affinity_weight, 0);
    assert!(config.profile_for("other").is_none());
}

#[test]
fn json_reads_too() {
    let config = decode_scheduler_config(
        r#"{"apiVersion":"kubescheduler.config.k8s.io/v1","kind":"KubeSchedulerConfiguration","profiles":[{"schedulerName":"x"}]}"#,
        33,
    )
    .unwrap();
    assert!(config.profile_for("x").is_some());
    assert!(config.profile_for("default-scheduler").is_none());
}

#[test]
fn bounds_hold() {
    let many: String = (0..=crate::limits::MAX_SCHEDULER_PROFILES)
        .map(|i| format!("- schedulerName: p{i}\n"))
        .collect();
    let errs = decode(&format!("profiles:\n{many}")).unwrap_err();
    assert_eq!(
        errs[0].message,
        "profiles: too many scheduler profiles: taintlab's limit is 1000"
    );
    // A long plugin list costs no more than its length.
    let plugins: String = (0..50_000)
        .map(|i| format!("      - name: P{i}\n"))
        .collect();
    let started = std::time::Instant::now();
    // Disabling a plugin the registry lacks is no error upstream either.
    let config = decode(&format!(
        "profiles:\n- plugins:\n    multiPoint:\n      disabled:\n{plugins}"
    ))
    .unwrap();
    assert!(config.profiles[0].is_default);
    assert!(started.elapsed().as_secs() < 10);
    // Every profile's name is refused or kept, never a panic, on odd input.
    for text in [
        "",
        "[]",
        "profiles: 3",
        "profiles: [null]",
        "profiles:\n- plugins: {score: {enabled: [{}]}}\n",
    ] {
        let _ = decode(text);
    }
}

/// validation_pluginargs_test.go, TestValidatePodTopologySpreadArgs: "maxSkew
/// less than zero", "empty topology key", "WhenUnsatisfiable contains
/// unsupported action", "duplicated constraints", "label selector present".
#[test]
fn default_constraints_validation() {
    let args = |constraints: &str| {
        messages(&format!(
            "profiles:\n- pluginConfig:\n  - name: PodTopologySpread\n    args:\n      defaultingType: List\n      defaultConstraints:\n{constraints}"
        ))
    };
    assert_eq!(
        args("      - {maxSkew: -1, topologyKey: node, whenUnsatisfiable: DoNotSchedule}\n"),
        [
            "profiles[0].pluginConfig[0].args.defaultConstraints[0].maxSkew: Invalid value: -1: not in valid range (0, inf)"
        ]
    );
    assert_eq!(
        args("      - {maxSkew: 1, whenUnsatisfiable: DoNotSchedule}\n"),
        [
            "profiles[0].pluginConfig[0].args.defaultConstraints[0].topologyKey: Required value: can not be empty"
        ]
    );
    assert_eq!(
        args("      - {maxSkew: 1, topologyKey: node, whenUnsatisfiable: Foo}\n"),
        [
            "profiles[0].pluginConfig[0].args.defaultConstraints[0].whenUnsatisfiable: Unsupported value: \"Foo\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\""
        ]
    );
    assert_eq!(
        args(
            "      - {maxSkew: 1, topologyKey: node, whenUnsatisfiable: DoNotSchedule}\n      - {maxSkew: 2, topologyKey: node, whenUnsatisfiable: DoNotSchedule}\n"
        ),
        [
            "profiles[0].pluginConfig[0].args.defaultConstraints[1]: Duplicate value: \"{node, DoNotSchedule}\""
        ]
    );
    assert_eq!(
        args(
            "      - {maxSkew: 1, topologyKey: node, whenUnsatisfiable: DoNotSchedule, labelSelector: {}}\n"
        ),
        [
            "profiles[0].pluginConfig[0].args.defaultConstraints[0].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod"
        ]
    );
}

/// validation_test.go: "different-queue-sort".
#[test]
fn queue_sort_is_common_to_all_profiles() {
    assert_eq!(
        messages(
            "profiles:\n- schedulerName: a\n- schedulerName: b\n  plugins:\n    queueSort:\n      enabled:\n      - name: PrioritySort\n      disabled:\n      - name: '*'\n"
        ),
        [
            "profiles[1].plugins.queueSort: Invalid value: config.PluginSet{Enabled:[]config.Plugin{config.Plugin{Name:\"PrioritySort\", Weight:0}}, Disabled:[]config.Plugin{config.Plugin{Name:\"*\", Weight:0}}}: must be the same for all profiles"
        ]
    );
    // The same change in every profile is fine.
    let same = "  plugins:\n    queueSort:\n      enabled:\n      - name: PrioritySort\n      disabled:\n      - name: '*'\n";
    assert!(
        decode(&format!(
            "profiles:\n- schedulerName: a\n{same}- schedulerName: b\n{same}"
        ))
        .is_ok()
    );
}

#[test]
fn ignore_preferred_terms_came_in_1_27() {
    let text = format!(
        "{HEAD}profiles:\n- pluginConfig:\n  - name: InterPodAffinity\n    args:\n      ignorePreferredTermsOfExistingPods: true\n"
    );
    assert!(
        decode_scheduler_config(&text, 27).unwrap().profiles[0]
            .ignore_preferred_terms_of_existing_pods
    );
    assert_eq!(
        decode_scheduler_config(&text, 26).unwrap_err()[0].message,
        "strict decoding error: unknown field \"profiles[0].pluginConfig[0].args.ignorePreferredTermsOfExistingPods\""
    );
}

/// validation_pluginargs_test.go, TestValidateDefaultPreemptionArgs: "negative
/// minCandidateNodesPercentage", "minCandidateNodesPercentage over 100", "both
/// zero"; and the defaults.
#[test]
fn default_preemption_args() {
    let args = |body: &str| {
        messages(&format!(
            "profiles:\n- pluginConfig:\n  - name: DefaultPreemption\n    args:\n{body}"
        ))
    };
    assert_eq!(
        args("      minCandidateNodesPercentage: -1\n"),
        [
            "profiles[0].pluginConfig[0].args.minCandidateNodesPercentage: Invalid value: -1: not in valid range [0, 100]"
        ]
    );
    assert_eq!(
        args("      minCandidateNodesPercentage: 900\n"),
        [
            "profiles[0].pluginConfig[0].args.minCandidateNodesPercentage: Invalid value: 900: not in valid range [0, 100]"
        ]
    );
    assert_eq!(
        args("      minCandidateNodesAbsolute: -1\n"),
        [
            "profiles[0].pluginConfig[0].args.minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)"
        ]
    );
    assert_eq!(
        args("      minCandidateNodesPercentage: 0\n      minCandidateNodesAbsolute: 0\n"),
        [
            "profiles[0].pluginConfig[0].args.minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute",
            "profiles[0].pluginConfig[0].args.minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage"
        ]
    );
    let config = decode("profiles:\n- pluginConfig:\n  - name: DefaultPreemption\n    args:\n      minCandidateNodesAbsolute: 5\n").unwrap();
    assert_eq!(config.profiles[0].min_candidate_nodes, (10, 5));
    assert!(!config.profiles[0].is_default);
}

/// validation_test.go: "bad-resource-lock-not-leases".
#[test]
fn the_leader_election_lock_is_leases() {
    assert_eq!(
        messages("leaderElection:\n  resourceLock: configmaps\n"),
        [
            "leaderElection.resourceLock: Invalid value: \"configmaps\": resourceLock value must be \"leases\""
        ]
    );
    assert!(
        messages("leaderElection:\n  leaderElect: false\n  resourceLock: configmaps\n").is_empty()
    );
}

#[test]
fn a_filter_without_its_pre_filter_is_refused() {
    assert_eq!(
        messages(
            "profiles:\n- plugins:\n    preFilter:\n      disabled:\n      - name: NodePorts\n"
        ),
        [
            "taintlab does not simulate NodePorts's filter without its preFilter yet: enable it again to use this configuration"
        ]
    );
    assert_eq!(
        messages(
            "profiles:\n- plugins:\n    preScore:\n      disabled:\n      - name: TaintToleration\n"
        ),
        [
            "taintlab does not simulate TaintToleration's score without its preScore yet: enable it again to use this configuration"
        ]
    );
    // NodeAffinity reads the pod again; a disabled Score needs no PreScore.
    assert!(messages("profiles:\n- plugins:\n    preFilter:\n      disabled:\n      - name: NodeAffinity\n    preScore:\n      disabled:\n      - name: NodeAffinity\n      - name: TaintToleration\n    score:\n      disabled:\n      - name: TaintToleration\n").is_empty());
}

/// validation_pluginargs_test.go, TestValidateNodeResourcesBalancedAllocationArgs:
/// "invalid config, weight larger than 1", "repeated resources".
#[test]
fn balanced_allocation_args() {
    let args = |body: &str| {
        messages(&format!(
            "profiles:\n- pluginConfig:\n  - name: NodeResourcesBalancedAllocation\n    args:\n      resources:\n{body}"
        ))
    };
    assert!(args("      - {name: memory, weight: 1}\n      - {name: cpu}\n").is_empty());
    assert_eq!(
        args("      - {name: cpu, weight: 2}\n      - {name: memory, weight: 1}\n"),
        ["profiles[0].pluginConfig[0].args.resources[0].weight: Invalid value: 2: must be 1"]
    );
    assert_eq!(
        args(
            "      - {name: cpu, weight: 1}\n      - {name: cpu, weight: 1}\n      - {name: memory}\n"
        ),
        ["profiles[0].pluginConfig[0].args.resources[1].name: Duplicate value: \"cpu\""]
    );
    assert_eq!(
        args("      - {name: cpu}\n      - {name: memory}\n      - {name: nvidia.com/gpu}\n"),
        [
            "taintlab does not simulate NodeResourcesBalancedAllocationArgs.resources other than cpu and memory yet: remove it to use this configuration"
        ]
    );
}

/// validation_pluginargs_test.go, TestValidateFitArgs: "IgnoredResourceGroups:
/// name can't contain slash", and valid ignored resources.
#[test]
fn fit_ignored_resources() {
    assert_eq!(
        messages(
            "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      ignoredResourceGroups: [example.com/aaa]\n"
        ),
        [
            "initializing profiles: creating profile for scheduler name default-scheduler: initializing plugin \"NodeResourcesFit\": ignoredResourceGroups[0]: Invalid value: \"example.com/aaa\": resource group name can't contain '/'"
        ]
    );
    assert!(messages("profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      ignoredResources: [example.com/foo]\n      ignoredResourceGroups: [example.com]\n").is_empty());
}
