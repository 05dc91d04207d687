//! `taintlab link`: a share link's fragment for a prepared scenario, so a page
//! (or a screenshot) can open it.

use crate::{ApplyOptions, parse_options, read, render};
use std::process::ExitCode;
use taintlab_core::Diagnostic;
use taintlab_core::session::Input;
use taintlab_core::session::Session;
use taintlab_playground::anonymize;
use taintlab_playground::link;
use taintlab_playground::{Msg, Playground};

/// `taintlab link [--cluster NODES] [--after SECONDS] [--paused] [--anonymize]
/// FILE...`: prints `#s=…`. The FILEs are the workspace and are applied in
/// order; `--anonymize` puts placeholders in place of the real names
/// ([`anonymize::anonymize`]).
pub fn command(args: &[String]) -> ExitCode {
    let (options, files) = match parse_options(args, true) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n\n{}", crate::HELP);
            return ExitCode::from(2);
        }
    };
    match build(&options, files) {
        Ok(session) => {
            let session = anonymize::for_link(&session, options.anonymize);
            println!("{}", link::fragment(&session));
            ExitCode::SUCCESS
        }
        Err(()) => ExitCode::from(2),
    }
}

/// The session: the cluster's inputs, then each file applied, then the clock.
/// A file that does not apply is an error (replay would skip it silently).
fn build(options: &ApplyOptions, files: &[String]) -> Result<Session, ()> {
    let mut session = Session {
        speed: 1,
        paused: options.paused,
        panel: "events".into(),
        ..Session::default()
    };
    let report = |path: &str, errors: Vec<Diagnostic>| {
        for d in &errors {
            eprintln!("{}", render::diagnostic(path, d));
        }
    };
    // The page's playground, so that the link's log is what the page records.
    let mut playground = Playground::new();
    if !options.cluster.is_empty() {
        let imported = crate::cluster_files::import(&options.cluster).map_err(drop)?;
        playground.update(Msg::Imported(Box::new(imported)));
    }
    // The scheduler's configuration first, applied as the page applies a
    // workspace file that holds one.
    for path in options.scheduler_config.iter().chain(files) {
        let text = read(path).map_err(|message| eprintln!("error: {message}"))?;
        playground.update(Msg::Edit(text.clone()));
        playground.update(Msg::Apply);
        if playground.failed() {
            // A file without objects is refused as `kubectl apply` refuses it.
            if let Some(refusal) = &playground.workspace().refusal {
                eprintln!("{path}: {refusal}");
            }
            report(path, playground.diagnostics().to_vec());
            return Err(());
        }
        let name = std::path::Path::new(path)
            .file_name()
            .map_or("stdin.yaml".to_string(), |n| {
                n.to_string_lossy().into_owned()
            });
        session.files.push((name, text));
    }
    session.log = playground.session().log.clone();
    if options.after_seconds > 0 {
        session.record(Input::Advance {
            seconds: options.after_seconds,
            times: 1,
        });
    }
    Ok(session)
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::TUTORIAL_DAEMONSET_TOLERATING;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_link_replays_to_the_prepared_scenario() {
        let dir = std::env::temp_dir().join(format!("taintlab-link-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let ds = dir.join("ds.yaml");
        std::fs::write(&ds, TUTORIAL_DAEMONSET_TOLERATING).unwrap();
        let nodes = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../core/tests/fixtures/kind-v1.30-nodes.yaml"
        );
        let list = args(&[
            "--cluster",
            nodes,
            "--after",
            "30",
            "--paused",
            ds.to_str().unwrap(),
        ]);
        let (options, files) = parse_options(&list, true).unwrap();
        let session = build(&options, files).expect("builds");
        let opened = link::session(&link::fragment(&session)).expect("reads");
        assert_eq!(opened, session);
        assert!(opened.paused);
        assert_eq!(
            opened.files,
            [(
                "ds.yaml".to_string(),
                TUTORIAL_DAEMONSET_TOLERATING.to_string()
            )]
        );
        let replayed = Playground::restore(opened.clone());
        let cluster = replayed.cluster();
        assert_eq!(cluster.now().as_secs(), 30);
        assert_eq!(cluster.version().to_string(), "v1.30");
        assert_eq!(
            cluster.pods().count(),
            1,
            "lab-worker only: the others are tainted"
        );

        // With placeholders: no real node name, the same pod on the same node.
        let list = args(&["--cluster", nodes, "--anonymize", ds.to_str().unwrap()]);
        let (options, files) = parse_options(&list, true).unwrap();
        assert!(options.anonymize);
        let session = build(&options, files).expect("builds");
        let text = anonymize::for_link(&session, options.anonymize).encode();
        assert!(!text.contains("lab-worker"), "{text}");
        let replayed = Playground::restore(
            link::session(&link::fragment(&anonymize::anonymize(&session))).expect("reads"),
        );
        let nodes_of_pods: Vec<&str> = replayed
            .cluster()
            .pods()
            .map(|p| p.spec.node_name.as_str())
            .collect();
        let worker = anonymize::Mapping::of(&session);
        assert_eq!(nodes_of_pods, [worker.name("lab-worker").expect("mapped")]);
        assert!(
            parse_options(&args(&["--anonymize", "x.yaml"]), false)
                .is_ok_and(|(o, rest)| !o.anonymize && rest.len() == 2),
            "apply does not take it"
        );

        std::fs::write(&ds, "kind: Pod\n").unwrap();
        let list = args(&[ds.to_str().unwrap()]);
        let (options, files) = parse_options(&list, true).unwrap();
        assert!(
            build(&options, files).is_err(),
            "a file that does not apply"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
