//! Tab completion: what Tab does to a line, and which candidates it lists.

use super::*;
use taintlab_core::{Cluster, TUTORIAL_DAEMONSET};

fn tutorial() -> Terminal {
    let mut term = Terminal::new(Cluster::tutorial());
    term.set_file("redis-ds.yaml", TUTORIAL_DAEMONSET);
    term.set_file("notes.txt", "hello\n");
    assert_eq!(term.run("kubectl apply -f redis-ds.yaml", None).code, 0);
    term.cluster_mut().advance(1);
    term
}

/// The line after one Tab at its end.
fn tab(term: &Terminal, line: &str) -> String {
    term.complete(line, line.len()).apply(line).0
}

/// The candidates Tab offers at the end of `line`.
fn candidates(term: &Terminal, line: &str) -> Vec<String> {
    term.complete(line, line.len()).candidates
}

#[test]
fn short_names_complete_to_the_plural() {
    let term = tutorial();
    assert_eq!(tab(&term, "kubectl get no"), "kubectl get nodes ");
    assert_eq!(tab(&term, "kubectl get po"), "kubectl get pods ");
    assert_eq!(
        tab(&term, "kubectl describe ds"),
        "kubectl describe daemonsets "
    );
    assert_eq!(tab(&term, "k get deploy"), "k get deployments ");
    assert_eq!(tab(&term, "kubectl get pods,no"), "kubectl get pods,nodes ");
    // Several types: the common prefix, and the candidates to list.
    assert_eq!(
        candidates(&term, "kubectl get d"),
        ["daemonsets", "deployments"]
    );
    assert_eq!(tab(&term, "kubectl get de"), "kubectl get deployments ");
    assert!(candidates(&term, "kubectl get ").contains(&"all".to_string()));
    assert!(!candidates(&term, "kubectl describe ").contains(&"all".to_string()));
}

#[test]
fn commands_and_subcommands() {
    let term = tutorial();
    assert_eq!(tab(&term, "kub"), "kubectl ");
    assert_eq!(tab(&term, "kubectl ta"), "kubectl taint ");
    assert_eq!(
        tab(&term, "kubectl -n default ta"),
        "kubectl -n default taint "
    );
    let c = term.complete("kubectl c", 9);
    assert_eq!(c.candidates, ["cluster-info", "cordon", "create"]);
    assert!(!c.changes("kubectl c"), "ambiguous: the line stays");
    assert_eq!(tab(&term, "kubectl cr"), "kubectl create ");
    assert_eq!(tab(&term, "kubectl create "), "kubectl create ");
    assert_eq!(
        candidates(&term, "kubectl create "),
        ["deployment", "namespace", "priorityclass"]
    );
    assert_eq!(
        candidates(&term, "kubectl rollout "),
        ["history", "restart", "status", "undo"]
    );
    assert_eq!(
        tab(&term, "kubectl rollout status d"),
        "kubectl rollout status d"
    );
    assert_eq!(
        tab(&term, "kubectl rollout status daemonsets r"),
        "kubectl rollout status daemonsets redis-ds "
    );
    // Commands taintlab does not simulate are not offered.
    assert!(candidates(&term, "kubectl ").iter().all(|c| c != "logs"));
    assert_eq!(candidates(&term, "s"), ["sleep", "ssh"]);
}

#[test]
fn object_names_come_from_the_cluster_and_the_namespace() {
    let mut term = tutorial();
    let pod = term
        .cluster()
        .pods()
        .next()
        .map(|p| p.metadata.name.clone())
        .expect("the DaemonSet's pod");
    assert_eq!(
        tab(&term, "kubectl get pods red"),
        format!("kubectl get pods {pod} ")
    );
    assert_eq!(
        tab(&term, "kubectl describe po/r"),
        format!("kubectl describe po/{pod} ")
    );
    assert_eq!(tab(&term, "kubectl get ds "), "kubectl get ds redis-ds ");
    assert_eq!(
        candidates(&term, "kubectl get nodes "),
        ["master", "worker"]
    );
    // A name already given is not offered again.
    assert_eq!(candidates(&term, "kubectl get nodes master "), ["worker"]);

    assert_eq!(term.run("kubectl create namespace team", None).code, 0);
    let out = term.run("kubectl create deployment web --image=nginx -n team", None);
    assert_eq!(out.code, 0, "{}", out.text);
    assert!(candidates(&term, "kubectl get deploy ").is_empty());
    assert_eq!(candidates(&term, "kubectl get deploy -n team "), ["web"]);
    assert_eq!(
        candidates(&term, "kubectl get deploy --namespace=team "),
        ["web"]
    );
    assert_eq!(candidates(&term, "kubectl -n team get deploy "), ["web"]);
    assert_eq!(candidates(&term, "kubectl get deploy -A "), ["web"]);
    assert_eq!(
        tab(&term, "kubectl delete deploy -n t"),
        "kubectl delete deploy -n team "
    );
    assert_eq!(
        candidates(&term, "kubectl get ns "),
        [
            "default",
            "kube-node-lease",
            "kube-public",
            "kube-system",
            "team"
        ]
    );
}

#[test]
fn nodes_and_taints() {
    let term = tutorial();
    assert_eq!(candidates(&term, "ssh "), ["master", "worker"]);
    assert_eq!(tab(&term, "ssh w"), "ssh worker ");
    assert_eq!(tab(&term, "ssh root@m"), "ssh root@master ");
    assert_eq!(tab(&term, "docker exec -it w"), "docker exec -it worker ");
    assert_eq!(tab(&term, "kubectl cordon w"), "kubectl cordon worker ");
    assert_eq!(tab(&term, "kubectl drain m"), "kubectl drain master ");
    assert_eq!(tab(&term, "kubectl taint no"), "kubectl taint nodes ");
    assert_eq!(
        tab(&term, "kubectl taint nodes m"),
        "kubectl taint nodes master "
    );
    assert_eq!(
        tab(&term, "kubectl taint nodes master n"),
        "kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule- "
    );
    assert_eq!(
        tab(&term, "kubectl taint node/master n"),
        "kubectl taint node/master node-role.kubernetes.io/master:NoSchedule- "
    );
    assert!(candidates(&term, "kubectl taint nodes worker ").is_empty());
}

#[test]
fn flags_and_their_values() {
    let term = tutorial();
    assert_eq!(
        tab(&term, "kubectl get pods --sh"),
        "kubectl get pods --show-"
    );
    assert_eq!(
        candidates(&term, "kubectl get pods --show-"),
        ["--show-kind", "--show-labels", "--show-managed-fields"]
    );
    assert_eq!(
        tab(&term, "kubectl get pods -o w"),
        "kubectl get pods -o wide "
    );
    assert_eq!(
        tab(&term, "kubectl get pods --output=y"),
        "kubectl get pods --output=yaml "
    );
    assert_eq!(
        tab(&term, "kubectl get pods -o j"),
        "kubectl get pods -o json"
    );
    assert_eq!(
        candidates(&term, "kubectl get pods -o j"),
        ["json", "jsonpath="]
    );
    assert_eq!(
        tab(&term, "kubectl get pods -o jsonp"),
        "kubectl get pods -o jsonpath="
    );
    assert!(
        candidates(&term, "kubectl describe pods --o").is_empty(),
        "describe has no --output"
    );
    assert_eq!(
        tab(&term, "kubectl delete pod x --casc"),
        "kubectl delete pod x --cascade "
    );
    assert_eq!(
        candidates(&term, "kubectl apply --dry-run="),
        ["--dry-run=client", "--dry-run=none", "--dry-run=server"]
    );
    // The flags after `-` are the command's and the global ones.
    let taint = candidates(&term, "kubectl taint -");
    assert!(taint.contains(&"--overwrite".to_string()), "{taint:?}");
    assert!(taint.contains(&"-n".to_string()), "{taint:?}");
    assert!(!taint.contains(&"--show-labels".to_string()), "{taint:?}");
    assert!(
        candidates(&term, "kubectl get --")
            .iter()
            .all(|f| f.starts_with("--"))
    );
}

#[test]
fn files_after_f_and_on_the_host() {
    let mut term = tutorial();
    term.set_file("my app.yaml", "kind: List\nitems: []\n");
    assert_eq!(
        candidates(&term, "kubectl apply -f "),
        ["my app.yaml", "redis-ds.yaml"],
        "only manifests"
    );
    assert_eq!(
        tab(&term, "kubectl apply -f r"),
        "kubectl apply -f redis-ds.yaml "
    );
    assert_eq!(
        tab(&term, "kubectl apply --filename=r"),
        "kubectl apply --filename=redis-ds.yaml "
    );
    assert_eq!(
        tab(&term, "kubectl apply -f my"),
        "kubectl apply -f my\\ app.yaml "
    );
    assert_eq!(tab(&term, "kubectl apply -f -"), "kubectl apply -f - ");
    assert_eq!(tab(&term, "cat no"), "cat notes.txt ");
    assert_eq!(tab(&term, "echo hi > n"), "echo hi > notes.txt ");
    assert!(candidates(&term, "cat > x <<").is_empty());
}

#[test]
fn on_a_node_the_shell_its_commands_and_paths() {
    let mut term = tutorial();
    assert_eq!(term.run("ssh worker", None).code, 0);
    assert_eq!(tab(&term, "sys"), "systemctl ");
    assert_eq!(
        candidates(&term, "systemctl st"),
        ["start", "status", "stop"]
    );
    assert_eq!(tab(&term, "systemctl stop ku"), "systemctl stop kubelet ");
    assert_eq!(candidates(&term, "crictl p"), ["pods", "ps"]);
    assert_eq!(tab(&term, "crictl i"), "crictl images ");
    assert_eq!(
        tab(&term, "ls /etc/kubernetes/ma"),
        "ls /etc/kubernetes/manifests/"
    );
    assert_eq!(tab(&term, "cd /et"), "cd /etc/");
    // `cd` offers directories only.
    assert!(
        candidates(&term, "cd /etc/kubernetes/")
            .iter()
            .all(|c| c.ends_with('/'))
    );
    assert!(
        candidates(&term, "cat /etc/kubernetes/")
            .iter()
            .any(|c| !c.ends_with('/')),
        "cat offers files"
    );
    // A relative path starts at the working directory.
    assert_eq!(term.run("cd /etc/kubernetes", None).code, 0);
    assert_eq!(tab(&term, "ls mani"), "ls manifests/");
    assert_eq!(
        term.run("cat > manifests/web.yaml <<EOF", Some("kind: Pod\n"))
            .code,
        0
    );
    assert_eq!(tab(&term, "cat manifests/w"), "cat manifests/web.yaml ");
    // The host's kubectl is not what the node offers first.
    assert!(candidates(&term, "").contains(&"crictl".to_string()));
    assert!(!candidates(&term, "").contains(&"ssh".to_string()));
}

#[test]
fn the_word_under_the_cursor_and_the_rest_of_the_line() {
    let term = tutorial();
    let line = "kubectl get no -o wide";
    let c = term.complete(line, "kubectl get no".len());
    assert_eq!(c.start, "kubectl get ".len());
    assert_eq!(c.apply(line), ("kubectl get nodes -o wide".to_string(), 17));
    // A quoted word is completed and written back escaped.
    let c = term.complete("cat 'no", 7);
    assert_eq!(c.candidates, ["notes.txt"]);
    assert_eq!(c.apply("cat 'no").0, "cat notes.txt ");
    // Nothing to offer: the line stays.
    let c = term.complete("kubectl frobnicate x", 20);
    assert!(c.candidates.is_empty());
    assert!(!c.changes("kubectl frobnicate x"));
}

#[test]
fn completing_changes_nothing_and_never_panics() {
    let mut term = tutorial();
    assert_eq!(term.run("ssh worker", None).code, 0);
    assert_eq!(term.run("cd /etc", None).code, 0);
    let before = (
        term.prompt(),
        term.run("ls -la /etc/kubernetes/manifests", None),
    );
    let lines = [
        "kubectl get pods -n kube-system -o wide",
        "ls /etc/kubernetes/manifests/ \"quoted é' x",
        "cd ~/ && ls",
        "k -n=x --namespace get nodes/ma,po \\ '",
        "kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule-",
        "échо ünïcödé > 名字.yaml <<- EOF",
    ];
    for line in lines {
        for cursor in 0..=line.len() + 2 {
            let c = term.complete(line, cursor);
            assert!(c.start <= c.end && c.end <= line.len(), "{line:?} {cursor}");
            let _ = c.apply(line);
        }
    }
    assert_eq!(term.run("exit", None).code, 0);
    for line in lines {
        for cursor in 0..=line.len() {
            let _ = term.complete(line, cursor).apply(line);
        }
    }
    assert_eq!(term.run("ssh worker", None).code, 0);
    assert_eq!(term.run("cd /etc", None).code, 0);
    let after = (
        term.prompt(),
        term.run("ls -la /etc/kubernetes/manifests", None),
    );
    assert_eq!(before, after);
}

#[test]
fn the_lists_offered_are_what_the_shells_run() {
    let mut term = tutorial();
    for command in crate::HOST_COMMANDS {
        let out = term.run(&format!("{command} --help"), None);
        assert_ne!(out.code, 127, "{command}: {}", out.text);
        term.leave_node();
    }
    for command in node_shell::COMMANDS {
        assert_eq!(term.run("ssh worker", None).code, 0);
        let out = term.run(command, None);
        assert_ne!(out.code, 127, "{command}: {}", out.text);
        term.leave_node();
    }
    for (command, _) in kubectl::COMMANDS {
        assert!(!kubectl::flags(command).is_empty(), "{command}");
        let out = term.run(&format!("kubectl {command} --help"), None);
        assert!(!out.text.contains("unknown command"), "{command}");
    }
    assert!(kubectl::flags("logs").is_empty());
}

#[test]
fn after_a_pipe_or_a_list_the_next_command_completes() {
    let term = tutorial();
    assert_eq!(
        tab(&term, "kubectl describe node master | gr"),
        "kubectl describe node master | grep "
    );
    assert_eq!(candidates(&term, "kubectl get pods | h"), ["head", "help"]);
    assert_eq!(
        tab(&term, "kubectl cordon worker && kubectl get no"),
        "kubectl cordon worker && kubectl get nodes "
    );
    assert_eq!(
        tab(&term, "echo hi; kubectl get po"),
        "echo hi; kubectl get pods "
    );
    // `||` is a list, not a pipe: commands there, not the filters.
    assert_eq!(candidates(&term, "kubectl get pods || he"), ["help"]);
}
