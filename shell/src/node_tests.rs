//! The node shell: files, the static pod directory, systemctl, crictl, errors.

use super::*;
use taintlab_core::cluster::ConditionStatus;

fn on_worker() -> Terminal {
    let mut term = Terminal::new(Cluster::tutorial());
    assert_eq!(term.run("ssh worker", None).code, 0);
    term
}

const WEB: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:alpine\n";

#[test]
fn commands_print_what_bash_and_coreutils_print() {
    // (command line, expected output, expected status), run in order on one node.
    let cases: &[(&str, &str, i32)] = &[
        ("pwd", "/root\n", 0),
        (
            "frobnicate --now",
            "bash: frobnicate: command not found\n",
            127,
        ),
        (
            "./run.sh",
            "bash: ./run.sh: No such file or directory\n",
            127,
        ),
        ("cat nosuch", "cat: nosuch: No such file or directory\n", 1),
        ("cat /etc", "cat: /etc: Is a directory\n", 1),
        (
            "ls nosuch",
            "ls: cannot access 'nosuch': No such file or directory\n",
            2,
        ),
        (
            "ls -z",
            "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n",
            2,
        ),
        (
            "rm",
            "rm: missing operand\nTry 'rm --help' for more information.\n",
            1,
        ),
        ("rm /etc", "rm: cannot remove '/etc': Is a directory\n", 1),
        (
            "rm -rf /",
            "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n",
            1,
        ),
        (
            "mkdir /a/b",
            "mkdir: cannot create directory '/a/b': No such file or directory\n",
            1,
        ),
        ("mkdir -p /a/b", "", 0),
        (
            "mkdir /a",
            "mkdir: cannot create directory '/a': File exists\n",
            1,
        ),
        ("cd /a/b", "", 0),
        ("pwd", "/a/b\n", 0),
        ("cd -", "/root\n", 0),
        (
            "cd nowhere",
            "bash: cd: nowhere: No such file or directory\n",
            1,
        ),
        ("cd .bashrc", "bash: cd: .bashrc: Not a directory\n", 1),
        ("echo hello > /a/b/note", "", 0),
        ("echo again >> /a/b/note", "", 0),
        ("cat /a/b/note", "hello\nagain\n", 0),
        (
            "echo x > /nowhere/file",
            "bash: /nowhere/file: No such file or directory\n",
            1,
        ),
        ("echo x > /etc", "bash: /etc: Is a directory\n", 1),
        (
            "cp /a /tmp",
            "cp: -r not specified; omitting directory '/a'\n",
            1,
        ),
        ("cp -r /a /tmp", "", 0),
        ("cat /tmp/a/b/note", "hello\nagain\n", 0),
        ("mv /tmp/a/b/note ~/note.txt", "", 0),
        ("ls ~", "note.txt\n", 0),
        (
            "mv nosuch x",
            "mv: cannot stat 'nosuch': No such file or directory\n",
            1,
        ),
        (
            "mv /a /a/b",
            "mv: cannot move '/a' to a subdirectory of itself, '/a/b/a'\n",
            1,
        ),
        (
            "rmdir /a",
            "rmdir: failed to remove '/a': Directory not empty\n",
            1,
        ),
        ("rm -r /a", "", 0),
        (
            "touch /x/y",
            "touch: cannot touch '/x/y': No such file or directory\n",
            1,
        ),
        ("whoami", "root\n", 0),
        ("hostname", "worker\n", 0),
        ("logout", "logout\nConnection to worker closed.\n", 0),
    ];
    let mut term = on_worker();
    for (line, want, code) in cases {
        let out = term.run(line, None);
        assert_eq!((out.text.as_str(), out.code), (*want, *code), "{line}");
    }
    assert_eq!(term.location(), &Location::Host);
}

#[test]
fn ls_lays_out_columns_and_long_lines() {
    let mut term = on_worker();
    assert_eq!(
        term.run("ls /etc/kubernetes", None).text,
        "kubelet.conf  manifests  pki\n"
    );
    assert_eq!(term.run("ls -a", None).text, ".  ..  .bashrc  .profile\n");
    let long = term.run("ls -l /var/lib/kubelet", None).text;
    assert!(long.starts_with("total 12\n"), "{long}");
    assert!(
        long.contains("\n-rw-r--r-- 1 root root 1214 Jan  1 00:00 config.yaml\n"),
        "{long}"
    );
    assert!(
        long.contains("\ndrwxr-xr-x 2 root root 4096 Jan  1 00:00 pki\n"),
        "{long}"
    );
    let master = {
        let mut t = Terminal::new(Cluster::tutorial());
        t.run("docker exec -it master bash", None);
        t.run("ls /etc/kubernetes", None).text
    };
    assert_eq!(
        master,
        "admin.conf               kubelet.conf  pki             super-admin.conf\ncontroller-manager.conf  manifests     scheduler.conf\n"
    );
    // Redirected, ls writes one name per line.
    term.run("ls /etc/kubernetes > /tmp/list", None);
    assert_eq!(
        term.run("cat /tmp/list", None).text,
        "kubelet.conf\nmanifests\npki\n"
    );
}

#[test]
fn a_manifest_written_on_the_node_runs_as_a_static_pod() {
    let mut term = on_worker();
    let out = term.run("cat > /etc/kubernetes/manifests/web.yaml <<EOF", Some(WEB));
    assert_eq!((out.text.as_str(), out.code), ("", 0));
    assert!(term.cluster().pod("default", "web-worker").is_some());
    term.run("sleep 5", None);
    let ps = term.run("crictl ps", None).text;
    let rows: Vec<&str> = ps.lines().collect();
    assert_eq!(rows.len(), 2, "{ps}");
    assert!(
        rows[0].starts_with("CONTAINER           IMAGE               CREATED"),
        "{ps}"
    );
    assert!(
        rows[1].contains("2 seconds ago       Running             nginx               0"),
        "{ps}"
    );
    assert!(rows[1].ends_with("web-worker          default"), "{ps}");
    assert_eq!(
        term.run("cat /etc/kubernetes/manifests/web.yaml", None)
            .text,
        WEB
    );
    // Moving it out of the directory stops the pod; moving it back starts it again.
    term.run("mv /etc/kubernetes/manifests/web.yaml /root/", None);
    assert!(term.cluster().pod("default", "web-worker").is_none());
    term.run("cp /root/web.yaml /etc/kubernetes/manifests/", None);
    assert!(term.cluster().pod("default", "web-worker").is_some());
    assert_eq!(
        term.run("ls /etc/kubernetes/manifests/*.yaml", None).text,
        "/etc/kubernetes/manifests/web.yaml\n"
    );
    term.run("rm -f /etc/kubernetes/manifests/*", None);
    assert!(term.cluster().pod("default", "web-worker").is_none());
    assert_eq!(
        term.run("ls /etc/kubernetes/manifests/*", None).text,
        "ls: cannot access '/etc/kubernetes/manifests/*': No such file or directory\n"
    );
    term.run("rm -r /etc/kubernetes/manifests", None);
    assert_eq!(
        term.run("touch /etc/kubernetes/manifests/x.yaml", None)
            .text,
        "touch: cannot touch '/etc/kubernetes/manifests/x.yaml': No such file or directory\n"
    );
}

#[test]
fn stopping_the_kubelet_makes_the_node_not_ready() {
    let mut term = on_worker();
    let ready = |t: &Terminal| t.cluster().node_runtime("worker").map(|r| r.ready);
    assert_eq!(term.run("systemctl status kubelet", None).code, 0);
    assert_eq!(term.run("systemctl stop kubelet", None).text, "");
    assert_eq!(
        term.run("systemctl is-active kubelet", None).text,
        "inactive\n"
    );
    term.run("sleep 60", None);
    assert_eq!(ready(&term), Some(ConditionStatus::Unknown));
    let status = term.run("systemctl status kubelet", None);
    assert_eq!(status.code, 3);
    assert!(
        status
            .text
            .starts_with("○ kubelet.service - kubelet: The Kubernetes Node Agent\n")
    );
    assert!(
        status.text.contains(
            "\n     Active: inactive (dead) since Thu 2026-01-01 00:00:00 UTC; 1min 0s ago\n"
        ),
        "{}",
        status.text
    );
    term.run("systemctl start kubelet", None);
    assert_eq!(ready(&term), Some(ConditionStatus::True));
    let cases: &[(&str, &str, i32)] = &[
        (
            "systemctl status nginx",
            "Unit nginx.service could not be found.\n",
            4,
        ),
        (
            "systemctl stop nginx",
            "Failed to stop nginx.service: Unit nginx.service not loaded.\n",
            5,
        ),
        (
            "systemctl frob kubelet",
            "Unknown command verb 'frob'.\n",
            1,
        ),
        ("systemctl stop", "Too few arguments.\n", 1),
    ];
    for (line, want, code) in cases {
        let out = term.run(line, None);
        assert_eq!((out.text.as_str(), out.code), (*want, *code), "{line}");
    }
}

#[test]
fn kubectl_on_a_node_has_no_kubeconfig() {
    let mut term = on_worker();
    let out = term.run("kubectl get pods", None);
    assert_eq!(out.code, 1);
    assert_eq!(out.text.matches("memcache.go:265]").count(), 5);
    assert!(out.text.ends_with(
        "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n"
    ));
}

#[test]
fn sessions_remember_how_they_were_entered() {
    let mut term = Terminal::new(Cluster::tutorial());
    let transcript = term.run_script(
        "docker exec -it worker bash\ncd /etc/kubernetes/manifests\nlogout\nexit\nssh worker\npwd\n",
    );
    assert_eq!(
        transcript,
        "$ docker exec -it worker bash\nroot@worker:/# cd /etc/kubernetes/manifests\nroot@worker:/etc/kubernetes/manifests# logout\nbash: logout: not login shell: use `exit'\nroot@worker:/etc/kubernetes/manifests# exit\nexit\n$ ssh worker\nroot@worker:~# pwd\n/root\n"
    );
    // One-off commands run on the node and come back.
    let mut term = Terminal::new(Cluster::tutorial());
    let out = term.run("ssh worker hostname", None);
    assert_eq!(out.text, "worker\n");
    assert_eq!(term.location(), &Location::Host);
    let out = term.run("docker exec worker crictl pods -q", None);
    assert_eq!((out.text.as_str(), out.code), ("", 0));
}

#[test]
fn a_manifest_name_taintlab_refuses_is_not_written() {
    let mut term = on_worker();
    for name in ["tab\there.yaml", &"x".repeat(101)] {
        let out = term.run(
            &format!("cat > '/etc/kubernetes/manifests/{name}' <<EOF"),
            Some(WEB),
        );
        assert_eq!(
            (out.text.as_str(), out.code),
            (
                format!(
                    "bash: /etc/kubernetes/manifests/{name}: Invalid argument (taintlab: a static pod manifest's name holds no control or invisible characters and at most 100 bytes)\n"
                )
                .as_str(),
                1
            )
        );
    }
    assert_eq!(
        term.cluster()
            .node_runtime("worker")
            .map(|r| r.manifests.len()),
        Some(0)
    );
}
