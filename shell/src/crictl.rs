//! `crictl` on a node: what containerd runs there, static pods included, whether
//! or not the kubelet is up. Models cri-tools `cmd/crictl`: `container.go`
//! (`ps`: CONTAINER IMAGE CREATED STATE NAME ATTEMPT POD ID POD NAMESPACE),
//! `sandbox.go` (`pods`: POD ID CREATED STATE NAME NAMESPACE ATTEMPT RUNTIME),
//! `image.go` (`images`), laid out by `display.go`'s tabwriter (minimum width 20,
//! padding 3), newest first, ids cut to 13 characters.
//!
//! Ids are derived from the pod's UID (for a static pod its config hash, which
//! survives its mirror pod being deleted), so they are stable across runs.

use super::clock_text::go_units_human_duration;
use super::node_command::{Res, Shell};
use super::node_files::pause_image;
use taintlab_core::api::{ContainerState, Pod};
use taintlab_core::clock::Time;
use taintlab_core::names::{fnv128a_hex, image_size};

const TRUNCATED_ID_LEN: usize = 13;

/// A 64-hex-digit id, as containerd's.
fn full_id(seed: &str) -> String {
    format!("{}{}", fnv128a_hex(seed), fnv128a_hex(&format!("{seed}/2")))
}

/// The image's content digest (without `sha256:`).
fn image_id(image: &str) -> String {
    full_id(&format!("image:{}", normalize(image)))
}

/// containerd's fully qualified reference: `redis:5-alpine` is
/// `docker.io/library/redis:5-alpine`.
fn normalize(image: &str) -> String {
    let first = image.split('/').next().unwrap_or_default();
    let domain = first.contains('.') || first.contains(':') || first == "localhost";
    let named = if !image.contains('/') {
        format!("docker.io/library/{image}")
    } else if !domain {
        format!("docker.io/{image}")
    } else {
        image.to_string()
    };
    let last = named.rsplit('/').next().unwrap_or_default();
    if last.contains(':') || last.contains('@') {
        named
    } else {
        format!("{named}:latest")
    }
}

/// `display.go`'s tabwriter: cells padded to the column's widest plus 3, at least
/// 20; the last cell of a row is not padded.
fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(row.len().saturating_sub(1)) {
            widths[i] = widths[i].max((cell.chars().count() + 3).max(20));
        }
    }
    let mut out = String::new();
    for row in rows {
        let last = row.len().saturating_sub(1);
        for (i, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if i < last {
                out.extend(std::iter::repeat_n(
                    ' ',
                    widths[i].saturating_sub(cell.chars().count()),
                ));
            }
        }
        out.push('\n');
    }
    out
}

/// A pod sandbox on this node.
struct Sandbox<'a> {
    pod: &'a Pod,
    id: String,
    created: Time,
    ready: bool,
}

/// A container on this node.
struct Container<'a> {
    sandbox: &'a Sandbox<'a>,
    id: String,
    name: String,
    image: String,
    created: Time,
    running: bool,
    attempt: u32,
}

/// The pods the kubelet started here: each has a sandbox until it is removed.
fn sandboxes<'a>(sh: &'a Shell<'_>) -> Vec<Sandbox<'a>> {
    let mut list: Vec<Sandbox<'a>> =
        sh.m.cluster
            .pods()
            .filter(|p| p.spec.node_name == sh.m.node)
            .filter_map(|pod| {
                let created = pod.status.start_time?;
                let uid = pod
                    .metadata
                    .annotations
                    .get("kubernetes.io/config.hash")
                    .unwrap_or(&pod.metadata.uid);
                Some(Sandbox {
                    pod,
                    id: full_id(&format!("sandbox:{uid}")),
                    created,
                    ready: pod.status.phase != "Succeeded" && pod.status.phase != "Failed",
                })
            })
            .collect();
    list.sort_by(|a, b| {
        b.created
            .cmp(&a.created)
            .then(a.pod.name().cmp(b.pod.name()))
    });
    list
}

fn containers<'a>(sandboxes: &'a [Sandbox<'a>]) -> Vec<Container<'a>> {
    let mut list = Vec::new();
    for sandbox in sandboxes {
        for status in &sandbox.pod.status.container_statuses {
            let (running, created) = match status.state {
                ContainerState::Running(since) => (true, since),
                ContainerState::Terminated(_) => (false, sandbox.created),
                ContainerState::Waiting(_) => continue,
            };
            list.push(Container {
                sandbox,
                id: full_id(&format!(
                    "container:{}/{}/{}",
                    sandbox.id, status.name, status.restart_count
                )),
                name: status.name.clone(),
                image: status.image.clone(),
                created,
                running,
                attempt: status.restart_count,
            });
        }
    }
    list.sort_by(|a, b| b.created.cmp(&a.created).then(a.name.cmp(&b.name)));
    list
}

/// Flags of a list command: booleans and string filters.
#[derive(Default)]
struct ListFlags {
    all: bool,
    quiet: bool,
    no_trunc: bool,
    name: Option<String>,
    namespace: Option<String>,
    state: Option<String>,
    pod: Option<String>,
}

fn parse(args: &[String], allow_all: bool) -> Result<ListFlags, Res> {
    let mut flags = ListFlags::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with('-') => (k, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |flags_name: &str| -> Result<String, Res> {
            inline
                .clone()
                .or_else(|| rest.next().cloned())
                .ok_or_else(|| {
                    Res::fail(
                        format!("Incorrect Usage: flag needs an argument: {flags_name}\n"),
                        1,
                    )
                })
        };
        match key {
            "-a" | "--all" if allow_all => flags.all = true,
            "-q" | "--quiet" => flags.quiet = true,
            "--no-trunc" => flags.no_trunc = true,
            "--name" => flags.name = Some(value("-name")?),
            "--namespace" => flags.namespace = Some(value("-namespace")?),
            "-s" | "--state" => flags.state = Some(value("-state")?),
            "-p" | "--pod" if allow_all => flags.pod = Some(value("-pod")?),
            other => {
                // urfave/cli reports the flag, then crictl exits through logrus.Fatal.
                let shown = other.trim_start_matches('-');
                return Err(Res::fail(
                    format!(
                        "Incorrect Usage: flag provided but not defined: -{shown}\n\nFATA[0000] flag provided but not defined: -{shown}\n"
                    ),
                    1,
                ));
            }
        }
    }
    Ok(flags)
}

fn shown_id(id: &str, flags: &ListFlags) -> String {
    if flags.no_trunc {
        id.to_string()
    } else {
        id.chars().take(TRUNCATED_ID_LEN).collect()
    }
}

fn ago(now: Time, then: Time) -> String {
    format!("{} ago", go_units_human_duration(now.millis_since(then)))
}

/// `crictl ps`: running containers, or all with `-a`.
fn ps(sh: &Shell<'_>, args: &[String]) -> Res {
    let flags = match parse(args, true) {
        Ok(f) => f,
        Err(res) => return res,
    };
    let now = sh.m.cluster.now();
    let boxes = sandboxes(sh);
    let list = containers(&boxes);
    let mut rows = vec![
        [
            "CONTAINER",
            "IMAGE",
            "CREATED",
            "STATE",
            "NAME",
            "ATTEMPT",
            "POD ID",
            "POD",
            "NAMESPACE",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let mut quiet = String::new();
    for c in &list {
        let state = if c.running { "Running" } else { "Exited" };
        let wanted_state = match &flags.state {
            Some(s) => s.eq_ignore_ascii_case(state),
            None => flags.all || c.running,
        };
        let pod_name = c.sandbox.pod.name();
        let namespace = c.sandbox.pod.metadata.namespace.as_str();
        if !wanted_state
            || flags
                .name
                .as_ref()
                .is_some_and(|n| !c.name.contains(n.as_str()))
            || flags
                .namespace
                .as_ref()
                .is_some_and(|n| !namespace.contains(n.as_str()))
            || flags
                .pod
                .as_ref()
                .is_some_and(|p| !c.sandbox.id.starts_with(p.as_str()))
        {
            continue;
        }
        if flags.quiet {
            quiet.push_str(&format!("{}\n", c.id));
            continue;
        }
        rows.push(vec![
            shown_id(&c.id, &flags),
            if flags.no_trunc {
                format!("sha256:{}", image_id(&c.image))
            } else {
                shown_id(&image_id(&c.image), &flags)
            },
            ago(now, c.created),
            state.to_string(),
            c.name.clone(),
            c.attempt.to_string(),
            shown_id(&c.sandbox.id, &flags),
            pod_name.to_string(),
            namespace.to_string(),
        ]);
    }
    if flags.quiet {
        Res::ok(quiet)
    } else {
        Res::ok(table(&rows))
    }
}

/// `crictl pods`: every sandbox on the node, Ready or NotReady.
fn pods(sh: &Shell<'_>, args: &[String]) -> Res {
    let flags = match parse(args, false) {
        Ok(f) => f,
        Err(res) => return res,
    };
    let now = sh.m.cluster.now();
    let mut rows = vec![
        [
            "POD ID",
            "CREATED",
            "STATE",
            "NAME",
            "NAMESPACE",
            "ATTEMPT",
            "RUNTIME",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let mut quiet = String::new();
    for s in sandboxes(sh) {
        let state = if s.ready { "Ready" } else { "NotReady" };
        let namespace = s.pod.metadata.namespace.as_str();
        if flags
            .state
            .as_ref()
            .is_some_and(|w| !w.eq_ignore_ascii_case(state))
            || flags
                .name
                .as_ref()
                .is_some_and(|n| !s.pod.name().contains(n.as_str()))
            || flags
                .namespace
                .as_ref()
                .is_some_and(|n| !namespace.contains(n.as_str()))
        {
            continue;
        }
        if flags.quiet {
            quiet.push_str(&format!("{}\n", s.id));
            continue;
        }
        rows.push(vec![
            shown_id(&s.id, &flags),
            ago(now, s.created),
            state.to_string(),
            s.pod.name().to_string(),
            namespace.to_string(),
            "0".to_string(),
            "(default)".to_string(),
        ]);
    }
    if flags.quiet {
        Res::ok(quiet)
    } else {
        Res::ok(table(&rows))
    }
}

/// `units.HumanSizeWithPrecision(size, 3)`: decimal units, three significant digits.
fn human_size(bytes: u64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < units.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let digits = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{value:.digits$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{text}{}", units[unit])
}

/// `crictl images`: the images pulled on this node, and the sandboxes' pause image.
fn images(sh: &Shell<'_>, args: &[String]) -> Res {
    let flags = match parse(args, false) {
        Ok(f) => f,
        Err(res) => return res,
    };
    let mut refs: Vec<String> =
        sh.m.cluster
            .images_on(sh.m.node)
            .iter()
            .map(|i| normalize(i))
            .collect();
    refs.push(pause_image(sh.m.cluster).to_string());
    refs.sort();
    refs.dedup();
    let mut rows = vec![
        ["IMAGE", "TAG", "IMAGE ID", "SIZE"]
            .map(String::from)
            .to_vec(),
    ];
    let mut quiet = String::new();
    for r in refs {
        let id = image_id(&r);
        if flags.quiet {
            quiet.push_str(&format!("sha256:{id}\n"));
            continue;
        }
        let (repo, tag) = r.rsplit_once(':').unwrap_or((r.as_str(), "latest"));
        let size = if r.contains("pause") {
            320_368
        } else {
            image_size(&r)
        };
        rows.push(vec![
            repo.to_string(),
            tag.to_string(),
            shown_id(&id, &flags),
            human_size(size),
        ]);
    }
    if flags.quiet {
        Res::ok(quiet)
    } else {
        Res::ok(table(&rows))
    }
}

const HELP: &str = "NAME:
   crictl - client for CRI

USAGE:
   crictl [global options] command [command options]

COMMANDS:
   images, image, img  List images
   pods                List pods
   ps                  List containers
   help, h             Shows a list of commands or help for one command

(taintlab simulates these; crictl has more.)
";

/// The crictl commands taintlab simulates.
pub(crate) const COMMANDS: [&str; 3] = ["images", "pods", "ps"];

/// Runs `crictl ARGS`.
pub(crate) fn run(sh: &mut Shell<'_>, args: &[String]) -> Res {
    match args.first().map(String::as_str) {
        None | Some("help" | "h" | "--help" | "-h") => Res::ok(HELP),
        Some("ps") => ps(sh, &args[1..]),
        Some("pods") => pods(sh, &args[1..]),
        Some("images" | "image" | "img") => images(sh, &args[1..]),
        Some(other) => Res::fail(format!("No help topic for '{other}'\n"), 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_crictl() {
        assert_eq!(
            normalize("redis:5-alpine"),
            "docker.io/library/redis:5-alpine"
        );
        assert_eq!(normalize("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(
            normalize("registry.k8s.io/pause:3.10"),
            "registry.k8s.io/pause:3.10"
        );
        assert_eq!(human_size(320_368), "320kB");
        assert_eq!(human_size(41_630_000), "41.6MB");
        assert_eq!(human_size(5_312_000), "5.31MB");
        let rows = vec![
            vec!["POD ID".to_string(), "NAME".to_string()],
            vec!["abc".to_string(), "web-worker".to_string()],
        ];
        assert_eq!(
            table(&rows),
            "POD ID              NAME\nabc                 web-worker\n"
        );
    }
}
