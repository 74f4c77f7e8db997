//! The README's CI rotation job, run for real against the sandbox and the strict
//! Graph and Okta stand-ins, on every path: nothing happens while the token is
//! young; when it is due the token is rotated with an overlap, pushed, and the job
//! waits until the IdP uses it. A failing push, Okta's paste step and a wait that
//! runs out each fail loudly while the old token still works, keep the new token in
//! the rescue file, and a re-run resumes without issuing another token. The README
//! must show the script verbatim.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::idp_standins::{Graph, GraphFault, Okta, OktaApp};
use common::*;

fn script() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/ci-rotate-token.sh"
    ))
}

struct Job {
    s: Sandbox,
    old: String,
    runner_temp: tempfile::TempDir,
}

impl Job {
    fn new() -> Job {
        let s = Sandbox::enabled();
        let old = s.token.clone().unwrap();
        Job {
            s,
            old,
            runner_temp: tempfile::tempdir().unwrap(),
        }
    }

    fn rescue(&self) -> PathBuf {
        self.runner_temp.path().join("scimctl-new-token")
    }

    fn run(&self, env: &[(&'static str, String)]) -> Out {
        let bin_dir = assert_cmd::cargo::cargo_bin!("scimctl")
            .parent()
            .unwrap()
            .to_owned();
        let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
        let mut cmd = Command::new(script());
        cmd.env("PATH", path)
            .env("RUNNER_TEMP", self.runner_temp.path())
            .env("SCIMCTL_ADMIN_URL", &self.s.admin_url)
            .env("SCIMCTL_ADMIN_KEY", &self.s.admin_key)
            .env("SCIMCTL_SETTLE", "1s")
            .env("SCIMCTL_WAIT", "20s");
        for v in [
            "SCIMCTL_TOKEN",
            "SCIMCTL_PROFILE",
            "SCIMCTL_RESCUE_FILE",
            "SCIMCTL_PUSH",
        ] {
            cmd.env_remove(v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        run(&mut cmd)
    }

    /// Runs the job while Entra's provisioning cycles run with the job's saved token.
    fn run_with_cycles(&self, g: &Graph, env: &[(&'static str, String)]) -> Out {
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    g.cycle();
                    std::thread::sleep(Duration::from_millis(300));
                }
            });
            let out = self.run(env);
            stop.store(true, Ordering::Relaxed);
            out
        })
    }
}

fn entra(g: &Graph) -> Vec<(&'static str, String)> {
    let mut env = g.env();
    env.push(("SCIMCTL_PUSH", "entra".into()));
    env
}

#[test]
fn without_a_push_target_nothing_is_rotated() {
    let job = Job::new();
    job.s.expire_token_in_days(12);
    let out = job.run(&[]);
    out.code(2);
    assert!(out.stderr.contains("nothing was rotated"), "{}", out.stderr);
    assert_eq!(job.s.status_with_token(&job.old), 200);
}

#[test]
fn a_young_token_is_left_alone() {
    let job = Job::new();
    let g = Graph::start(&job.s.scim_url, &job.old);
    let out = job.run(&entra(&g));
    out.code(0);
    assert!(
        out.stderr.contains("not rotated: not due"),
        "{}",
        out.stderr
    );
    assert!(g.lines().is_empty(), "nothing pushed");
    assert_eq!(job.s.status_with_token(&job.old), 200);
}

#[test]
fn a_due_token_is_rotated_pushed_into_entra_and_the_switch_confirmed() {
    let job = Job::new();
    let g = Graph::start(&job.s.scim_url, &job.old);
    job.s.expire_token_in_days(12);
    let out = job.run_with_cycles(&g, &entra(&g));
    out.code(0);
    assert!(
        out.stderr.contains("rotated: the IdP uses the new token"),
        "{}",
        out.stderr
    );
    let new = g.saved("SecretToken").unwrap();
    assert_ne!(new, job.old);
    assert_eq!(job.s.status_with_token(&new), 200);
    assert_eq!(
        job.s.status_with_token(&job.old),
        401,
        "revoked once Entra switched"
    );
    assert!(
        !job.rescue().exists(),
        "the rescue file is gone after success"
    );
    assert!(!out.stdout.contains(&new) && !out.stderr.contains(&new));
}

#[test]
fn a_failing_push_fails_loudly_keeps_the_old_token_and_a_rerun_resumes() {
    let job = Job::new();
    let g = Graph::start(&job.s.scim_url, &job.old);
    g.set_fault(GraphFault::MissingPermission);
    job.s.expire_token_in_days(12);
    let out = job.run(&entra(&g));
    out.code(4);
    assert!(
        out.stderr.contains("handing it to the IdP failed (exit 4)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("The old token keeps provisioning working until 20"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("Application.ReadWrite.OwnedBy"),
        "{}",
        out.stderr
    );
    assert_eq!(job.s.status_with_token(&job.old), 200, "no outage");
    let new = std::fs::read_to_string(job.rescue())
        .unwrap()
        .trim()
        .to_owned();
    assert!(new.starts_with("scimtok_") && new != job.old);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(job.rescue())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "the rescue file is private");
    }
    assert!(!out.stdout.contains(&new) && !out.stderr.contains(&new));

    // Fixed (the permission granted), a fresh runner with the rescue file resumes.
    g.set_fault(GraphFault::None);
    let out = job.run_with_cycles(&g, &entra(&g));
    out.code(0);
    assert!(
        out.stderr.contains("rotated: the IdP uses the new token"),
        "{}",
        out.stderr
    );
    assert_eq!(
        g.saved("SecretToken").unwrap(),
        new,
        "the rescued token, not another"
    );
    assert_eq!(job.s.status_with_token(&job.old), 401);
    assert!(!job.rescue().exists());
}

#[test]
fn okta_gets_the_paste_step_and_a_rerun_confirms_the_switch() {
    let job = Job::new();
    let o = Okta::start(OktaApp::GenericScim);
    let mut env = o.env();
    env.push(("SCIMCTL_PUSH", "okta".into()));
    job.s.expire_token_in_days(12);
    // Nobody pastes during the wait: the paste step is what is missing (9, not 10).
    let mut first = env.clone();
    first.push(("SCIMCTL_WAIT", "1s".into()));
    let out = job.run(&first);
    out.code(9);
    assert!(out.stderr.contains("PASTE IT NOW"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Provisioning → Integration"),
        "{}",
        out.stderr
    );
    assert_eq!(job.s.status_with_token(&job.old), 200);
    let new = std::fs::read_to_string(job.rescue())
        .unwrap()
        .trim()
        .to_owned();

    // The admin pasted it; Okta provisions with it.
    let okta = idp_uses_token(&job.s.scim_url, &new, 8, Duration::from_millis(300));
    let out = job.run(&env);
    okta.join().unwrap();
    out.code(0);
    assert!(
        out.stderr.contains("rotated: the IdP uses the new token"),
        "{}",
        out.stderr
    );
    assert_eq!(job.s.status_with_token(&job.old), 401);
}

#[test]
fn a_wait_that_runs_out_fails_loudly_while_the_old_token_works() {
    let job = Job::new();
    let g = Graph::start(&job.s.scim_url, &job.old);
    job.s.expire_token_in_days(12);
    let mut env = entra(&g);
    env.push(("SCIMCTL_WAIT", "1s".into()));
    let out = job.run(&env);
    out.code(10);
    assert!(
        out.stderr
            .contains("not seen using the new SCIM token in time"),
        "{}",
        out.stderr
    );
    assert_eq!(job.s.status_with_token(&job.old), 200);
    assert!(job.rescue().exists());
}

#[test]
fn the_readme_shows_the_script_verbatim() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let body = std::fs::read_to_string(script()).unwrap();
    assert!(
        readme.contains(body.trim_end()),
        "README.md must quote examples/ci-rotate-token.sh exactly; copy it in again"
    );
}

#[test]
fn token_status_without_a_readable_local_copy_keeps_the_ci_contract() {
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    // A runner whose store can't be read (here: a credentials file that is not one).
    std::fs::write(s.config_dir().join("credentials.json"), "not json").unwrap();
    let out = run(s.cli().args(["token", "status", "-o", "json"]));
    out.code(0);
    let v = out.json();
    assert_eq!(v["verdict"], "ok");
    assert!(v["local_copy"].is_null(), "{v}");
    assert!(
        v["local_copy_error"]
            .as_str()
            .unwrap()
            .contains("not a scimctl credentials file")
    );
    assert!(
        v["expires_at"].is_string(),
        "what the service knows is still there: {v}"
    );
    s.expire_token_in_days(12);
    let out = run(s
        .cli()
        .args(["token", "status", "--warn-within", "30d", "-o", "json"]));
    out.code(6);
    assert_eq!(out.json()["verdict"], "expiring_soon");
}
