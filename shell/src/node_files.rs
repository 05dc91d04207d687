//! The files a kind node starts with: what kubeadm writes (`kubelet.conf`, the
//! kubelet's `config.yaml` and `kubeadm-flags.env`, certificates, and on a
//! control-plane node the component kubeconfigs), and the kubelet unit and drop-ins
//! kind ships in `images/base/files/etc/systemd/system/`.

use taintlab_core::Cluster;
use taintlab_core::cluster::STATIC_POD_PATH;
use taintlab_core::names::fnv128a_hex;

/// The cluster name kind gives kubeadm.
const CLUSTER_NAME: &str = "kind";

/// kind's `kubelet.service` (upstream's deb unit with kind's changes).
pub const KUBELET_SERVICE: &str = "[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=http://kubernetes.io/docs/
ConditionPathExists=/var/lib/kubelet/config.yaml

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=1s
CPUAccounting=true
MemoryAccounting=true
Slice=kubelet.slice

[Install]
WantedBy=multi-user.target
";

/// kubeadm's drop-in, as kind installs it.
const KUBEADM_DROPIN: &str = "[Service]
Environment=\"KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf\"
Environment=\"KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml\"
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_EXTRA_ARGS $KUBELET_KUBEADM_ARGS
";

/// The two `ExecStartPre=` commands of kind's `11-kind.conf`, as systemd shows them.
pub const KIND_PRE_COMMANDS: [&str; 2] = [
    "/bin/sh -euc if [ -f /sys/fs/cgroup/cgroup.controllers ]; then /kind/bin/create-kubelet-cgroup-v2.sh; fi",
    "/bin/sh -euc if [ ! -f /sys/fs/cgroup/cgroup.controllers ] && [ ! -d /sys/fs/cgroup/systemd/kubelet ]; then mkdir -p /sys/fs/cgroup/systemd/kubelet; fi",
];

/// Whether kubeadm made `node` a control-plane node (its role label).
pub fn is_control_plane(cluster: &Cluster, node: &str) -> bool {
    cluster.node(node).is_some_and(|n| {
        n.metadata
            .labels
            .contains_key("node-role.kubernetes.io/control-plane")
            || n.metadata
                .labels
                .contains_key("node-role.kubernetes.io/master")
    })
}

/// The node the API server runs on: the first control-plane node, else the first node.
fn control_plane_host(cluster: &Cluster) -> String {
    let names: Vec<&str> = cluster.nodes().map(|n| n.metadata.name.as_str()).collect();
    names
        .iter()
        .find(|n| is_control_plane(cluster, n))
        .or(names.first())
        .map_or_else(|| "kind-control-plane".to_string(), |n| n.to_string())
}

/// The pause image kubeadm configures for the cluster's version.
pub fn pause_image(cluster: &Cluster) -> &'static str {
    match cluster.version().minor {
        0..=30 => "registry.k8s.io/pause:3.9",
        31..=33 => "registry.k8s.io/pause:3.10",
        _ => "registry.k8s.io/pause:3.10.1",
    }
}

/// The kubelet's command line once systemd has expanded the drop-in's variables.
pub fn kubelet_command_line(cluster: &Cluster, node: &str) -> String {
    format!(
        "/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml {}",
        kubeadm_flags(cluster, node)
    )
}

fn kubeadm_flags(cluster: &Cluster, node: &str) -> String {
    let ip = cluster
        .node_runtime(node)
        .map_or("172.18.0.2", |r| r.internal_ip.as_str())
        .to_string();
    format!(
        "--container-runtime-endpoint=unix:///run/containerd/containerd.sock --node-ip={ip} --node-labels= --pod-infra-container-image={} --provider-id=kind://docker/{CLUSTER_NAME}/{node}",
        pause_image(cluster)
    )
}

/// Deterministic base64-looking text standing in for key material.
fn fake_base64(seed: &str, chars: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(chars);
    let mut round = 0u32;
    while out.len() < chars {
        let hex = fnv128a_hex(&format!("{seed}#{round}"));
        for pair in hex.as_bytes().chunks(2) {
            if out.len() >= chars {
                break;
            }
            let value = pair
                .iter()
                .fold(0usize, |v, d| v * 16 + usize::from(*d % 16));
            out.push(char::from(ALPHABET[value % ALPHABET.len()]));
        }
        round += 1;
    }
    out
}

/// A PEM block of `kind` ("CERTIFICATE", "RSA PRIVATE KEY", ...).
fn pem(kind: &str, seed: &str, lines: usize) -> String {
    let body = fake_base64(seed, lines * 64 - 20);
    let mut text = format!("-----BEGIN {kind}-----\n");
    for chunk in body.as_bytes().chunks(64) {
        text.push_str(&String::from_utf8_lossy(chunk));
        text.push('\n');
    }
    text.push_str(&format!("-----END {kind}-----\n"));
    text
}

/// A kubeconfig as kubeadm writes it for `user`.
fn kubeconfig(server_host: &str, user: &str, embedded_client: bool) -> String {
    let ca = fake_base64(&format!("ca-data/{server_host}"), 120);
    let credentials = if embedded_client {
        format!(
            "    client-certificate-data: {}\n    client-key-data: {}\n",
            fake_base64(&format!("cert/{user}"), 120),
            fake_base64(&format!("key/{user}"), 120)
        )
    } else {
        "    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem\n".to_string()
    };
    format!(
        "apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: {ca}
    server: https://{server_host}:6443
  name: {CLUSTER_NAME}
contexts:
- context:
    cluster: {CLUSTER_NAME}
    user: {user}
  name: {user}@{CLUSTER_NAME}
current-context: {user}@{CLUSTER_NAME}
kind: Config
preferences: {{}}
users:
- name: {user}
  user:
{credentials}"
    )
}

/// The `KubeletConfiguration` kubeadm writes to `/var/lib/kubelet/config.yaml` for kind.
fn kubelet_config() -> String {
    format!(
        "apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
cgroupRoot: /kubelet
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: \"\"
cpuManagerReconcilePeriod: 0s
evictionHard:
  imagefs.available: 0%
  nodefs.available: 0%
  nodefs.inodesFree: 0%
evictionPressureTransitionPeriod: 0s
failSwapOn: false
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageGCHighThresholdPercent: 100
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: \"0\"
    text:
      infoBufferSize: \"0\"
  verbosity: 0
memorySwap: {{}}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: {STATIC_POD_PATH}
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
"
    )
}

/// Every file a fresh node holds, by absolute path.
pub fn initial_files(cluster: &Cluster, node: &str) -> Vec<(String, String)> {
    let host = control_plane_host(cluster);
    let ip = cluster
        .node_runtime(node)
        .map_or("172.18.0.2", |r| r.internal_ip.as_str())
        .to_string();
    let mut files: Vec<(String, String)> = vec![
        ("/etc/hostname".into(), format!("{node}\n")),
        (
            "/etc/hosts".into(),
            format!(
                "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n{ip}\t{node}\n"
            ),
        ),
        (
            "/etc/crictl.yaml".into(),
            "runtime-endpoint: unix:///run/containerd/containerd.sock\n".into(),
        ),
        (
            "/etc/kubernetes/kubelet.conf".into(),
            kubeconfig(&host, &format!("system:node:{node}"), false),
        ),
        (
            "/etc/kubernetes/pki/ca.crt".into(),
            pem("CERTIFICATE", "ca", 17),
        ),
        (
            "/etc/systemd/system/kubelet.service".into(),
            KUBELET_SERVICE.into(),
        ),
        (
            "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf".into(),
            KUBEADM_DROPIN.into(),
        ),
        (
            "/etc/systemd/system/kubelet.service.d/11-kind.conf".into(),
            format!(
                "[Service]\nExecStartPre=/bin/sh -euc \"{}\"\nExecStartPre=/bin/sh -euc \"{}\"\n",
                &KIND_PRE_COMMANDS[0][12..],
                &KIND_PRE_COMMANDS[1][12..]
            ),
        ),
        ("/var/lib/kubelet/config.yaml".into(), kubelet_config()),
        (
            "/var/lib/kubelet/kubeadm-flags.env".into(),
            format!("KUBELET_KUBEADM_ARGS=\"{}\"\n", kubeadm_flags(cluster, node)),
        ),
        (
            "/var/lib/kubelet/pki/kubelet-client-current.pem".into(),
            format!(
                "{}{}",
                pem("CERTIFICATE", &format!("kubelet/{node}"), 13),
                pem("EC PRIVATE KEY", &format!("kubelet-key/{node}"), 3)
            ),
        ),
        (
            "/root/.bashrc".into(),
            "# ~/.bashrc: executed by bash(1) for non-login shells.\n\n# export LS_OPTIONS='--color=auto'\n# alias ls='ls $LS_OPTIONS'\n".into(),
        ),
        (
            "/root/.profile".into(),
            "# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ \"$BASH\" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n".into(),
        ),
    ];
    if is_control_plane(cluster, node) {
        for (file, user, embedded) in [
            ("admin.conf", "kubernetes-admin", true),
            ("super-admin.conf", "kubernetes-super-admin", true),
            (
                "controller-manager.conf",
                "system:kube-controller-manager",
                true,
            ),
            ("scheduler.conf", "system:kube-scheduler", true),
        ] {
            files.push((
                format!("/etc/kubernetes/{file}"),
                kubeconfig(&host, user, embedded),
            ));
        }
        for (file, kind, lines) in [
            ("ca.key", "RSA PRIVATE KEY", 25),
            ("apiserver.crt", "CERTIFICATE", 21),
            ("apiserver.key", "RSA PRIVATE KEY", 25),
            ("front-proxy-ca.crt", "CERTIFICATE", 17),
            ("front-proxy-ca.key", "RSA PRIVATE KEY", 25),
            ("sa.key", "RSA PRIVATE KEY", 25),
            ("sa.pub", "PUBLIC KEY", 7),
            ("etcd/ca.crt", "CERTIFICATE", 17),
            ("etcd/ca.key", "RSA PRIVATE KEY", 25),
        ] {
            files.push((
                format!("/etc/kubernetes/pki/{file}"),
                pem(kind, &format!("{host}/{file}"), lines),
            ));
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kubelet_config_names_the_manifest_directory() {
        let cluster = Cluster::tutorial();
        let files = initial_files(&cluster, "worker");
        let config = files
            .iter()
            .find(|(p, _)| p == "/var/lib/kubelet/config.yaml")
            .map(|(_, c)| c.as_str())
            .unwrap_or_default();
        assert!(config.contains("staticPodPath: /etc/kubernetes/manifests\n"));
        assert!(!files.iter().any(|(p, _)| p.ends_with("admin.conf")));
        let master = initial_files(&cluster, "master");
        assert!(
            master
                .iter()
                .any(|(p, _)| p == "/etc/kubernetes/admin.conf")
        );
        let kubelet_conf = files
            .iter()
            .find(|(p, _)| p == "/etc/kubernetes/kubelet.conf")
            .map(|(_, c)| c.as_str())
            .unwrap_or_default();
        assert!(kubelet_conf.contains("server: https://master:6443\n"));
    }
}
