//! Several scimctl processes at once on one config directory lose nothing: every
//! login's profile and key survive, and after parallel regenerations each profile
//! holds the token its service accepts. (Bounded: a few rounds of a few processes.)

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::*;

/// scimctl on `config` with the file store, no terminal.
fn cli(config: &Path) -> Command {
    let mut c = scimctl();
    c.env("SCIMCTL_CONFIG_DIR", config)
        .env("HOME", config)
        .env("SCIMCTL_CREDENTIAL_STORE", "file")
        .stdin(Stdio::null());
    c
}

fn finish(children: Vec<Child>) -> Vec<Out> {
    children
        .into_iter()
        .map(|c| Out::from(c.wait_with_output().unwrap()))
        .collect()
}

const ROUNDS: usize = 20;
const LOGINS: usize = 4;

#[test]
fn parallel_logins_keep_every_profile_and_key() {
    let s = Sandbox::start(&[]);
    let mut lost = 0;
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let children: Vec<Child> = (0..LOGINS)
            .map(|i| {
                spawn_with_stdin(
                    cli(dir.path()).args([
                        "--profile",
                        &format!("p{i}"),
                        "--admin-url",
                        &s.admin_url,
                        "login",
                        "--with-key",
                    ]),
                    &format!("{}\n", s.admin_key),
                )
            })
            .collect();
        for out in finish(children) {
            out.code(0);
        }
        let config = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
        let creds: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.path().join("credentials.json")).unwrap(),
        )
        .unwrap();
        for i in 0..LOGINS {
            let kept_profile = config.contains(&format!("[profiles.p{i}]"));
            let kept_key = creds[format!("p{i}:admin-key")] == s.admin_key.as_str();
            if !(kept_profile && kept_key) {
                lost += 1;
                eprintln!("round {round}: p{i} profile kept {kept_profile}, key kept {kept_key}");
            }
        }
    }
    assert_eq!(lost, 0, "{lost} of {} logins lost", ROUNDS * LOGINS);
}

/// Logs `profile` in to `s` and turns SCIM on through the CLI.
fn enable(config: &Path, profile: &str, s: &Sandbox) {
    run_with_stdin(
        cli(config).args([
            "--profile",
            profile,
            "--admin-url",
            &s.admin_url,
            "login",
            "--with-key",
        ]),
        &format!("{}\n", s.admin_key),
    )
    .code(0);
    run(cli(config).args(["--profile", profile, "enable", "--idp", "okta"])).code(0);
}

fn stored_token(config: &Path, profile: &str) -> String {
    let out = run(cli(config).args(["--profile", profile, "token", "show"]));
    out.code(0);
    out.stdout.trim().to_owned()
}

fn regenerate_all(config: &Path, profiles: &[&str]) -> Vec<Out> {
    let children = profiles
        .iter()
        .map(|p| {
            cli(config)
                .args(["--profile", p, "token", "regenerate", "--yes"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    finish(children)
}

#[test]
fn parallel_regenerations_leave_every_profile_a_working_token() {
    let (a, b) = (Sandbox::start(&[]), Sandbox::start(&[]));
    let dir = tempfile::tempdir().unwrap();
    enable(dir.path(), "a", &a);
    enable(dir.path(), "b", &b);
    let mut lost = 0;
    for round in 0..10 {
        // Two profiles at once, then three regenerations of one profile at once.
        for out in regenerate_all(dir.path(), &["a", "b"]) {
            out.code(0);
        }
        for (p, s) in [("a", &a), ("b", &b)] {
            if s.status_with_token(&stored_token(dir.path(), p)) != 200 {
                lost += 1;
                eprintln!("round {round}: profile {p} holds a token its service refuses");
            }
        }
        for out in regenerate_all(dir.path(), &["a", "a", "a"]) {
            out.code(0);
        }
        if a.status_with_token(&stored_token(dir.path(), "a")) != 200 {
            lost += 1;
            eprintln!("round {round}: after 3 at once, profile a holds a refused token");
        }
    }
    assert_eq!(lost, 0, "tokens lost: {lost}");
}
