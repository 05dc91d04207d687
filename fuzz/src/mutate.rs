//! Byte-level mutations, in the manner of libFuzzer's: flips, deletions,
//! duplications, splices with another input, and insertions of tokens that mean
//! something to a YAML scanner, kubectl, a shell or the session format.

use crate::rng::Rng;

/// Tokens every target may receive: YAML and JSON syntax, awkward characters,
/// numbers at the edges of integer types.
#[rustfmt::skip]
pub const COMMON_TOKENS: &[&str] = &[
    "\n", "\r\n", "\t", "\0", " ", "  ", "- ", ": ", ":", "---\n", "...\n", "{", "}", "[", "]",
    "{[", "[{", "{}", "[]", ",", "'", "\"", "\\", "\\u0000", "\\x00", "#", "!!", "!!str ", "!!int ",
    "!!binary ", "!!map ", "!!set ", "!tag ", "&a ", "*a", "<<: *a\n", "? ", "|\n", "|-\n", ">\n",
    ">-\n", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "null", "~", "true", "false", "yes", "0x1F",
    "0o17", "0b101", ".inf", "-.inf", ".nan", "\u{feff}", "\u{10ffff}", "\u{200b}", "é", "中文", "😀",
    "\u{7f}", "\u{1b}[31m", "0", "-0", "-1", "1", "2", "127", "255", "256", "65535", "65536",
    "2147483647", "2147483648", "-2147483649", "4294967295", "4294967296", "9007199254740993",
    "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551615",
    "18446744073709551616", "99999999999999999999999999999", "1e308", "1e309", "-1e308", "1e-400",
    "0.0000000001", "1.5", "NaN", "inf", "1_000",
];

/// Kubernetes field names and values.
#[rustfmt::skip]
pub const K8S_TOKENS: &[&str] = &[
    "apiVersion: v1\n", "apiVersion: apps/v1\n", "kind: Pod\n", "kind: Node\n", "kind: DaemonSet\n",
    "kind: Deployment\n", "kind: ReplicaSet\n", "kind: Namespace\n", "kind: List\n",
    "kind: Service\n", "kind: NodeList\n", "items:\n", "metadata:\n", "spec:\n", "template:\n",
    "selector:\n", "matchLabels:\n", "name: ", "namespace: ", "labels:\n", "annotations:\n",
    "generateName: ", "uid: ", "taints:\n", "tolerations:\n", "key: ", "value: ",
    "operator: Exists", "operator: Equal", "operator: Gt", "operator: Lt", "operator: In",
    "operator: NotIn", "effect: NoSchedule", "effect: NoExecute", "effect: PreferNoSchedule",
    "effect: ", "tolerationSeconds: ", "nodeSelector:\n", "nodeName: ", "affinity:\n",
    "nodeAffinity:\n", "requiredDuringSchedulingIgnoredDuringExecution:\n",
    "preferredDuringSchedulingIgnoredDuringExecution:\n", "nodeSelectorTerms:\n",
    "matchExpressions:\n", "matchFields:\n", "values:\n", "weight: ", "podAffinity:\n",
    "topologyKey: ", "replicas: 2", "strategy:\n", "updateStrategy:\n", "maxUnavailable: ",
    "maxSurge: ", "rollingUpdate:\n", "containers:\n", "initContainers:\n", "image: ",
    "resources:\n", "requests:\n", "limits:\n", "cpu: ", "memory: ", "ephemeral-storage: ",
    "pods: ", "100m", "1Gi", "500Mi", "1Ei", "1e3", "1E3", "0.5", "1k", "1Ki", "1n", "1u",
    "ports:\n", "containerPort: ", "hostPort: ", "protocol: TCP", "protocol: UDP",
    "hostNetwork: true", "hostPath:\n", "path: /", "privileged: true", "securityContext:\n",
    "volumes:\n", "priority: ", "priorityClassName: ", "schedulerName: ", "unschedulable: true",
    "status:\n", "capacity:\n", "allocatable:\n", "conditions:\n", "type: Ready",
    "status: \"True\"", "nodeInfo:\n", "kubeletVersion: v1.30.0", "kubeletVersion: ",
    "node-role.kubernetes.io/master", "node-role.kubernetes.io/control-plane",
    "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "kubernetes.io/hostname",
    "key=value:NoSchedule", "k=v:NoExecute", "key:NoExecute-", "=:", ":NoSchedule", "k=:",
    "a/b/c=d:PreferNoSchedule", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"}}",
];

/// Shell and kubectl words for the terminal and the session's commands.
#[rustfmt::skip]
pub const SHELL_TOKENS: &[&str] = &[
    "kubectl ", "k ", "ssh worker\n", "ssh master\n", "exit\n", "docker exec -it worker bash\n",
    " | ", " | grep ", " | head -n 2", " | tail -n 1", " | wc -l", " && ", " || ", "; ", " & ",
    " <<EOF\n", "\nEOF\n", " <<-EOF\n", " <<'EOF'\n", "<< END\n", "\nEND\n", "<<", " > ", " >> ",
    " 2>&1", " 2> ", "$(", "`", "$HOME", "${X}", "*", "?", "~", "../", "./",
    "/etc/kubernetes/manifests/", "/etc/kubernetes/manifests/web.yaml", "/var/lib/kubelet", "/tmp/",
    " -o yaml", " -o json", " -o wide", " -o name", " -o jsonpath={.items[*]}",
    " -o jsonpath='{.spec}'", " -o custom-columns=N:.metadata.name", " -n kube-system", " -A",
    " -l app=x", " --selector=a!=b", " -f - ", " -f redis-ds.yaml", " --", " -h", " --help",
    " --all", " --force", " --grace-period=0", " --ignore-daemonsets", " --overwrite", "history\n",
    "history -c\n", "!-1", "!k", "!1", "sleep 1\n", "sleep 1m\n", "get ", "get pods", "get nodes",
    "get all", "get events", "describe ", "apply ", "delete ", "create ", "run x --image=nginx",
    "taint nodes worker ", "label nodes worker a=b", "annotate ", "cordon ", "uncordon ", "drain ",
    "rollout status ", "rollout undo ", "rollout history ", "rollout restart ", "scale ",
    " --replicas=3", "explain pod.spec", "edit ", "patch ", "set image ", "version", "cluster-info",
    "api-resources", "crictl ps -a\n", "crictl pods\n", "crictl images\n", "crictl logs ",
    "crictl inspect ", "systemctl stop kubelet\n", "systemctl start kubelet\n",
    "systemctl status kubelet\n", "cat ", "echo ", "grep -c ", "grep -v ", "grep -i ", "grep -F ",
    "head ", "tail ", "wc ", "ls -la ", "ls ", "rm -rf ", "rm ", "mkdir -p ", "touch ", "cp ",
    "mv ", "cd ", "pwd\n", "clear\n", "help\n", "hostname\n", "whoami\n", "journalctl -u kubelet\n",
    " -n 5", " --timeout=60s", " --grace-period=30", " -A 2", " --tail=3", " --since=5m",
];

/// Records of the session text format.
#[rustfmt::skip]
pub const SESSION_TOKENS: &[&str] = &[
    "V16:taintlab-session1:1\n", "F6:a.yaml0:\n", "O1:0\n", "P1:1\n", "S1:5\n", "H1:x\n",
    "U8:terminal0:\n", "Z\n", "X\n", "r8:tutorial\n", "r5:empty\n", "r11:three-nodes\n",
    "r9:kind-1.24\n", "r11:empty v1.30\n", "t1:11:3\n", "t3:3001:1\n", "n6:worker6:cordon\n",
    "n6:master4:stop\n", "n4:new44:join\n", "n4:cp-218:join control-plane\n",
    "n6:worker29:taint key=value:NoSchedule\n", "f6:x.yaml10:kind: Pod\n",
    "m13:worker/w.yaml10:kind: Pod\n", "m13:worker/w.yaml\n", "c16:kubectl get pods\n",
    "c24:kubectl apply -f - <<EOF10:kind: Pod\n", "a10:kind: Pod\n", "18446744073709551615:",
    "4294967296:", "0:", "1:",
];

/// Applies between one and four mutations to `input`, using `others` (other
/// inputs of the same target) for splices and `tokens` for insertions.
pub fn mutate(rng: &mut Rng, input: &mut Vec<u8>, others: &[Vec<u8>], tokens: &[&[&str]]) {
    for _ in 0..=rng.below(4) {
        mutate_once(rng, input, others, tokens);
    }
}

fn mutate_once(rng: &mut Rng, input: &mut Vec<u8>, others: &[Vec<u8>], tokens: &[&[&str]]) {
    let len = input.len();
    let tokens: &[&[&str]] = if tokens.is_empty() {
        &[COMMON_TOKENS]
    } else {
        tokens
    };
    match rng.below(15) {
        // Flip one bit.
        0 if len > 0 => {
            let at = rng.below(len);
            input[at] ^= 1 << rng.below(8);
        }
        // Set one byte to a character with a meaning.
        1 if len > 0 => {
            let at = rng.below(len);
            input[at] = *rng.pick(b"\0\n\r\t :-'\"{}[]!|<>#&*?,\\=/.0123456789\x7f\xff\xc3");
        }
        // Delete a range.
        2 | 3 if len > 0 => {
            let at = rng.below(len);
            let cap = if rng.one_in(4) { len } else { 16 };
            let n = 1 + rng.below((len - at).min(cap));
            input.drain(at..at + n);
        }
        // Duplicate a range somewhere.
        4 if len > 0 => {
            let (from, n) = range(rng, len);
            let piece = input[from..from + n].to_vec();
            let at = rng.below(len + 1);
            input.splice(at..at, piece);
        }
        // Splice in a piece of another input.
        5 | 6 if !others.is_empty() => {
            let other = rng.pick(others);
            if !other.is_empty() {
                let (from, n) = range(rng, other.len());
                let at = rng.below(len + 1);
                if rng.one_in(2) {
                    input.splice(at..at, other[from..from + n].iter().copied());
                } else {
                    let end = (at + n).min(len);
                    input.splice(at..end, other[from..from + n].iter().copied());
                }
            }
        }
        // Replace a run of digits with another number.
        7 => {
            if let Some((start, end)) = digits(rng, input) {
                let number = rng.pick(NUMBERS).as_bytes().to_vec();
                input.splice(start..end, number);
            } else {
                insert_token(rng, input, tokens);
            }
        }
        // Whole-line operations: duplicate, delete or swap lines, change indentation.
        8 => {
            let lines = line_starts(input);
            if lines.len() > 1 {
                let a = rng.below(lines.len() - 1);
                let (start, end) = (lines[a], lines[a + 1]);
                match rng.below(4) {
                    0 => {
                        let line = input[start..end].to_vec();
                        input.splice(start..start, line);
                    }
                    1 => {
                        input.drain(start..end);
                    }
                    2 => {
                        input.splice(start..start, *b"  ");
                    }
                    _ => {
                        if input.get(start..start + 2) == Some(b"  ") {
                            input.drain(start..start + 2);
                        }
                    }
                }
            } else {
                insert_token(rng, input, tokens);
            }
        }
        // Cut the input short.
        9 if len > 0 => input.truncate(rng.below(len)),
        // A token repeated: deep nesting, long runs of one character.
        11 => {
            let list = *rng.pick(tokens);
            if !list.is_empty() {
                let token = *rng.pick(list);
                let cap = if rng.one_in(8) { 500 } else { 20 };
                let times = 2 + rng.below(cap);
                let at = rng.below(len + 1);
                input.splice(at..at, token.repeat(times).into_bytes());
            }
        }
        // Random bytes.
        10 => {
            let at = rng.below(len + 1);
            let n = 1 + rng.below(8);
            input.splice(at..at, rng.bytes(n));
        }
        // Insert a token (the most useful mutation: the most likely).
        _ => insert_token(rng, input, tokens),
    }
}

/// Numbers at the edges: of u8/u16/i32/u32/i64/u64, of f64, of a quantity.
#[rustfmt::skip]
const NUMBERS: &[&str] = &[
    "0", "-0", "1", "-1", "7", "59", "60", "61", "255", "256", "300", "3600", "65535", "65536",
    "86400", "86401", "2147483647", "2147483648", "4294967295", "4294967296", "9223372036854775807",
    "9223372036854775808", "18446744073709551615", "18446744073709551616", "1e10", "1e308", "0.1",
    "1.999999", "-0.5", "007", "0x10", "1_0",
];

fn insert_token(rng: &mut Rng, input: &mut Vec<u8>, tokens: &[&[&str]]) {
    let lists: Vec<&[&str]> = tokens.iter().copied().filter(|l| !l.is_empty()).collect();
    if lists.is_empty() {
        return;
    }
    let list = *rng.pick(&lists);
    let token = rng.pick(list).as_bytes().to_vec();
    let at = if rng.one_in(3) {
        // At the start or end of a line: where keywords go.
        let lines = line_starts(input);
        *rng.pick(&lines)
    } else {
        rng.below(input.len() + 1)
    };
    input.splice(at..at, token);
}

/// A random non-empty range of `0..len` (short ranges are likelier).
fn range(rng: &mut Rng, len: usize) -> (usize, usize) {
    let from = rng.below(len);
    let cap = if rng.one_in(4) { len } else { 32 };
    let max = (len - from).min(cap);
    (from, 1 + rng.below(max))
}

/// The offsets where lines start, and the end.
fn line_starts(input: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        input
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i + 1),
    );
    if starts.last() != Some(&input.len()) {
        starts.push(input.len());
    }
    starts
}

/// A random run of ASCII digits in `input`.
fn digits(rng: &mut Rng, input: &[u8]) -> Option<(usize, usize)> {
    let runs: Vec<(usize, usize)> = {
        let mut runs = Vec::new();
        let mut i = 0;
        while i < input.len() {
            if input[i].is_ascii_digit() {
                let start = i;
                while i < input.len() && input[i].is_ascii_digit() {
                    i += 1;
                }
                runs.push((start, i));
            } else {
                i += 1;
            }
        }
        runs
    };
    (!runs.is_empty()).then(|| *rng.pick(&runs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutation_is_deterministic_and_changes_inputs() {
        let seed = b"kind: Pod\nmetadata:\n  name: web\nspec:\n  replicas: 3\n".to_vec();
        let others = vec![b"apiVersion: v1\n".to_vec()];
        let run = |s: u64| {
            let mut rng = Rng::new(s);
            (0..50)
                .map(|_| {
                    let mut m = seed.clone();
                    mutate(&mut rng, &mut m, &others, &[COMMON_TOKENS, K8S_TOKENS]);
                    m
                })
                .collect::<Vec<_>>()
        };
        let a = run(3);
        assert_eq!(a, run(3));
        assert!(a.iter().filter(|m| **m != seed).count() > 40);
        assert!(a.iter().any(|m| m.len() > seed.len()));
        assert!(a.iter().any(|m| m.len() < seed.len()));
    }

    #[test]
    fn mutating_an_empty_input_never_panics() {
        let mut rng = Rng::new(9);
        for _ in 0..2000 {
            let mut m = Vec::new();
            mutate(&mut rng, &mut m, &[Vec::new()], &[&[], COMMON_TOKENS]);
        }
    }

    #[test]
    fn line_starts_cover_every_line() {
        assert_eq!(line_starts(b"a\nbc\n"), [0, 2, 5]);
        assert_eq!(line_starts(b"a\nbc"), [0, 2, 4]);
        assert_eq!(line_starts(b""), [0]);
    }
}
