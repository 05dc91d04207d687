//! `kubectl rollout status|restart|history|undo` for Deployments and DaemonSets
//! (`staging/src/k8s.io/kubectl/pkg/cmd/rollout/*`,
//! `pkg/polymorphichelpers/{rollout_status,history,rollback,objectrestarter}.go`).

use super::Invocation;
use super::args::{self, Flag};
use super::resource::ResourceType;
use super::targets::{self, Targets};
use crate::Output;
use taintlab_core::Cluster;
use taintlab_core::cluster::Kind;
use taintlab_core::status::{daemon_set_status, deployment_status};

pub(crate) const FLAGS: &[Flag] = &[
    Flag::switch("watch", Some('w')),
    Flag::value("timeout", None),
    Flag::int("revision", None, 64),
    Flag::int("to-revision", None, 64),
    Flag::value("filename", Some('f')),
    Flag::value("selector", Some('l')),
    Flag::value("dry-run", None),
    Flag::value("output", Some('o')),
];

/// How long `rollout status` lets simulated time run before it gives up.
const STATUS_LIMIT_SECONDS: u64 = 600;

/// The subcommands of `kubectl rollout` taintlab simulates (`pause` and `resume`
/// are known but refused).
pub const SIMULATED: [&str; 4] = ["status", "restart", "history", "undo"];

/// Runs `kubectl rollout SUBCOMMAND ARGS...`.
pub fn run(inv: Invocation<'_>, raw: &[String]) -> Output {
    let Some(at) = raw.iter().position(|a| !a.starts_with('-')) else {
        return Output::ok(HELP);
    };
    let sub = raw[at].as_str();
    let rest: Vec<String> = raw[..at].iter().chain(&raw[at + 1..]).cloned().collect();
    let command = format!("rollout {sub}");
    if !SIMULATED.contains(&sub) && !["pause", "resume"].contains(&sub) {
        return Output::error(format!(
            "error: unknown command \"{sub}\" for \"kubectl rollout\"\n"
        ));
    }
    let args = match args::parse(&rest, FLAGS) {
        Ok(args) => args,
        Err(message) => return super::usage_error(&command, &message),
    };
    if args.on("help") {
        return Output::ok(HELP);
    }
    let namespace = args.get("namespace").unwrap_or("default").to_string();
    let named = match targets::parse(&args.positional, false) {
        Err(e) => return Output::error(format!("{e}\n")),
        Ok(Targets::Named(named)) => named,
        Ok(Targets::Types(types)) if types.is_empty() => {
            return Output::error("error: required resource not specified\n".to_string());
        }
        Ok(Targets::Types(_)) => {
            return Output::error("error: resource(s) were provided, but no name was specified\n");
        }
    };
    let mut out = Output::ok("");
    for (r, name) in named {
        let result = match sub {
            "status" => status(inv.cluster, r, &namespace, &name),
            "restart" => restart(inv.cluster, r, &namespace, &name),
            "history" => history(inv.cluster, r, &namespace, &name),
            "undo" => undo(inv.cluster, r, &namespace, &name, &args),
            _ => Err(format!(
                "error: taintlab does not simulate \"kubectl rollout {sub}\" yet"
            )),
        };
        match result {
            Ok(text) => out.text.push_str(&text),
            Err(e) => {
                out.text.push_str(&e);
                out.text.push('\n');
                out.code = 1;
            }
        }
    }
    out
}

fn not_found(r: &ResourceType, name: &str) -> String {
    format!(
        "Error from server (NotFound): {} \"{name}\" not found",
        r.qualified_plural()
    )
}

/// Models `DeploymentStatusViewer` / `DaemonSetStatusViewer` under `--watch`: the
/// message each time it changes while simulated time runs, until done.
fn status(cluster: &mut Cluster, r: &ResourceType, ns: &str, name: &str) -> Result<String, String> {
    if super::objects::get(cluster, r, ns, name).is_none() {
        return Err(not_found(r, name));
    }
    let mut text = String::new();
    let mut last = String::new();
    for _ in 0..=STATUS_LIMIT_SECONDS {
        let (message, done) = match r.kind {
            "Deployment" => {
                let Some(d) = cluster
                    .deployments()
                    .find(|d| d.metadata.name == name && d.metadata.namespace == ns)
                else {
                    return Err(not_found(r, name));
                };
                let s = deployment_status(cluster, d);
                let want = usize::try_from(d.replicas()).unwrap_or(0);
                if s.updated_replicas < want {
                    (
                        format!(
                            "Waiting for deployment {name:?} rollout to finish: {} out of {want} new replicas have been updated...\n",
                            s.updated_replicas
                        ),
                        false,
                    )
                } else if s.replicas > s.updated_replicas {
                    (
                        format!(
                            "Waiting for deployment {name:?} rollout to finish: {} old replicas are pending termination...\n",
                            s.replicas - s.updated_replicas
                        ),
                        false,
                    )
                } else if s.available_replicas < s.updated_replicas {
                    (
                        format!(
                            "Waiting for deployment {name:?} rollout to finish: {} of {} updated replicas are available...\n",
                            s.available_replicas, s.updated_replicas
                        ),
                        false,
                    )
                } else {
                    (
                        format!("deployment {name:?} successfully rolled out\n"),
                        true,
                    )
                }
            }
            "DaemonSet" => {
                let Some(ds) = cluster
                    .daemon_sets()
                    .find(|d| d.metadata.name == name && d.metadata.namespace == ns)
                else {
                    return Err(not_found(r, name));
                };
                if ds.spec.update_strategy.type_ == "OnDelete" {
                    return Err(
                        "error: rollout status is only available for RollingUpdate strategy type"
                            .to_string(),
                    );
                }
                let s = daemon_set_status(cluster, ds);
                if s.updated_number_scheduled < s.desired_number_scheduled {
                    (
                        format!(
                            "Waiting for daemon set {name:?} rollout to finish: {} out of {} new pods have been updated...\n",
                            s.updated_number_scheduled, s.desired_number_scheduled
                        ),
                        false,
                    )
                } else if s.number_available < s.desired_number_scheduled {
                    (
                        format!(
                            "Waiting for daemon set {name:?} rollout to finish: {} of {} updated pods are available...\n",
                            s.number_available, s.desired_number_scheduled
                        ),
                        false,
                    )
                } else {
                    (
                        format!("daemon set {name:?} successfully rolled out\n"),
                        true,
                    )
                }
            }
            _ => {
                return Err(format!(
                    "error: no status viewer has been implemented for {}",
                    r.kind
                ));
            }
        };
        if message != last {
            text.push_str(&message);
            last = message;
        }
        if done {
            return Ok(text);
        }
        cluster.advance(1);
    }
    text.push_str("error: timed out waiting for the condition\n");
    Err(text.trim_end().to_string())
}

/// Models `defaultObjectRestarter`: stamps `kubectl.kubernetes.io/restartedAt` on the
/// pod template, which rolls the pods.
fn restart(
    cluster: &mut Cluster,
    r: &ResourceType,
    ns: &str,
    name: &str,
) -> Result<String, String> {
    let kind = match Kind::of(r.kind) {
        Some(k @ (Kind::Deployment | Kind::DaemonSet)) => k,
        _ => {
            return Err(format!(
                "error: {} {name:?} restarting is not supported",
                r.qualified_plural()
            ));
        }
    };
    let now = cluster.now().rfc3339();
    let found = cluster.update_template(kind, ns, name, |template| {
        template
            .metadata
            .annotations
            .insert("kubectl.kubernetes.io/restartedAt".to_string(), now);
    });
    if !found {
        return Err(not_found(r, name));
    }
    Ok(format!("{}/{name} restarted\n", r.qualified_singular()))
}

/// The revisions of a Deployment: each ReplicaSet's revision annotation and
/// template, oldest first.
fn revisions(
    cluster: &Cluster,
    ns: &str,
    name: &str,
) -> Vec<(i64, taintlab_core::api::PodTemplateSpec, String)> {
    let Some(d) = cluster
        .deployments()
        .find(|d| d.metadata.name == name && d.metadata.namespace == ns)
    else {
        return Vec::new();
    };
    let mut out: Vec<(i64, taintlab_core::api::PodTemplateSpec, String)> = cluster
        .replica_sets()
        .filter(|rs| {
            rs.metadata
                .controller_of()
                .is_some_and(|o| o.uid == d.metadata.uid)
        })
        .filter_map(|rs| {
            let revision = rs
                .metadata
                .annotations
                .get("deployment.kubernetes.io/revision")?
                .parse()
                .ok()?;
            let cause = rs
                .metadata
                .annotations
                .get("kubernetes.io/change-cause")
                .cloned()
                .unwrap_or_default();
            Some((revision, rs.spec.template.clone(), cause))
        })
        .collect();
    taintlab_core::sort::sort_by_key(&mut out, |(r, _, _)| *r);
    out
}

/// A DaemonSet's revisions from its ControllerRevisions, oldest first.
fn daemon_set_revisions(
    cluster: &Cluster,
    ns: &str,
    name: &str,
) -> Vec<(i64, taintlab_core::api::PodTemplateSpec, String)> {
    cluster
        .daemon_set_revisions(ns, name)
        .into_iter()
        .map(|(r, t)| (r, t, String::new()))
        .collect()
}

/// Models `DeploymentHistoryViewer.ViewHistory` as `rollout history` prints it.
fn history(
    cluster: &mut Cluster,
    r: &ResourceType,
    ns: &str,
    name: &str,
) -> Result<String, String> {
    if super::objects::get(cluster, r, ns, name).is_none() {
        return Err(not_found(r, name));
    }
    let history = match r.kind {
        "Deployment" => revisions(cluster, ns, name),
        "DaemonSet" => daemon_set_revisions(cluster, ns, name),
        _ => {
            return Err(format!(
                "error: no history viewer has been implemented for {:?}",
                r.kind
            ));
        }
    };
    let mut text = format!(
        "{}/{name} \nREVISION  CHANGE-CAUSE\n",
        r.qualified_singular()
    );
    for (revision, _, cause) in history {
        let cause = if cause.is_empty() {
            "<none>".to_string()
        } else {
            cause
        };
        text.push_str(&format!("{revision:<10}{cause}\n"));
    }
    text.push('\n');
    Ok(text)
}

/// Models `DeploymentRollbacker.Rollback`: the template of the previous revision
/// (or `--to-revision`) becomes the Deployment's template again.
fn undo(
    cluster: &mut Cluster,
    r: &ResourceType,
    ns: &str,
    name: &str,
    args: &args::Args,
) -> Result<String, String> {
    if super::objects::get(cluster, r, ns, name).is_none() {
        return Err(not_found(r, name));
    }
    let (history, kind) = match r.kind {
        "Deployment" => (revisions(cluster, ns, name), Kind::Deployment),
        "DaemonSet" => (daemon_set_revisions(cluster, ns, name), Kind::DaemonSet),
        _ => {
            return Err(format!(
                "error: no rollbacker has been implemented for {:?}",
                r.kind
            ));
        }
    };
    let wanted = args.int("to-revision").unwrap_or(0);
    let target = if wanted > 0 {
        history.iter().find(|(rev, _, _)| *rev == wanted)
    } else {
        history.iter().rev().nth(1)
    };
    let Some((_, template, _)) = target else {
        return Err(if wanted > 0 {
            format!("error: unable to find specified revision {wanted} in history")
        } else {
            format!(
                "error: no rollout history found for {} {name:?}",
                r.singular
            )
        });
    };
    let mut template = template.clone();
    template.metadata.labels.remove("pod-template-hash");
    let current = match kind {
        Kind::Deployment => cluster
            .deployments()
            .find(|d| d.metadata.name == name && d.metadata.namespace == ns)
            .map(|d| d.spec.template.clone()),
        _ => cluster
            .daemon_sets()
            .find(|d| d.metadata.name == name && d.metadata.namespace == ns)
            .map(|d| d.spec.template.clone()),
    };
    if current.as_ref() == Some(&template) {
        return Ok(format!(
            "{}/{name} skipped rollback (current template already matches revision {})\n",
            r.qualified_singular(),
            target.map_or(0, |t| t.0)
        ));
    }
    cluster.update_template(kind, ns, name, |t| *t = template);
    Ok(format!("{}/{name} rolled back\n", r.qualified_singular()))
}

const HELP: &str = "Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use \"kubectl --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";
