//! scimctl against a SCIM server that is not ours: scim2-server (PyPI, pinned in
//! .peers/ by `scripts/peers install`), started by the test and seeded over /Bulk.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::*;
use serde_json::json;

struct Peer {
    child: Child,
    url: String,
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const TOKEN: &str = "peer-test-token";

fn peers_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".peers")
}

/// scim2-server on a free port with `users` seeded users, or None (skip) when the
/// peers are not installed and CI did not require them.
fn scim2_server(users: usize) -> Option<Peer> {
    let bin = peers_dir().join("bin/scim2-server");
    if !bin.exists() {
        if std::env::var_os("SCIMCTL_TEST_REQUIRE_PEERS").is_some() {
            panic!("{} is missing: run scripts/peers install", bin.display());
        }
        eprintln!("skipped: scim2-server is not installed (scripts/peers install)");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(&bin)
        .args([
            "--hostname",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--bearer-token",
            TOKEN,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/v2");
    let http = http_client();
    let start = std::time::Instant::now();
    while http
        .get(format!("{url}/ServiceProviderConfig"))
        .send()
        .is_err()
    {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "scim2-server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let seeded = Command::new(peers_dir().join("bin/python"))
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/seed_scim2_server.py"))
        .args([&url, &users.to_string()])
        .env("BENCH_TOKEN", TOKEN)
        .status()
        .unwrap();
    assert!(seeded.success());
    Some(Peer { child, url })
}

fn cli(cfg: &Path) -> Command {
    let mut c = scimctl();
    c.env("SCIMCTL_CONFIG_DIR", cfg).env("SCIMCTL_TOKEN", TOKEN);
    c
}

#[test]
fn lists_filters_and_resolves_members_on_scim2_server() {
    let Some(peer) = scim2_server(250) else {
        return;
    };
    let cfg = tempfile::tempdir().unwrap();
    let out = run(cli(cfg.path()).args([
        "users",
        "list",
        "--url",
        &peer.url,
        "-o",
        "json",
        "--page-size",
        "60",
    ]));
    out.code(0);
    let users = out.json();
    let mut ids: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 250);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 250, "no duplicates across pages");
    assert!(out.stderr.is_empty(), "{}", out.stderr);

    let out = run(cli(cfg.path()).args([
        "users",
        "list",
        "--url",
        &peer.url,
        "--filter",
        r#"userName eq "user000042@example.test""#,
        "-o",
        "ndjson",
    ]));
    out.code(0);
    assert_eq!(out.stdout.lines().count(), 1);
    let user: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();

    let http = http_client();
    let group: serde_json::Value = http
        .post(format!("{}/Groups", peer.url))
        .bearer_auth(TOKEN)
        .json(&json!({"schemas": [GROUP_SCHEMA], "displayName": "Peers", "members": [{"value": user["id"]}]}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let out = run(cli(cfg.path()).args([
        "groups",
        "get",
        group["id"].as_str().unwrap(),
        "--url",
        &peer.url,
        "--members",
        "-o",
        "json",
    ]));
    out.code(0);
    assert_eq!(out.json()["members"][0]["name"], "user000042@example.test");
    let out = run(cli(cfg.path()).args([
        "users",
        "get",
        "--user-name",
        "user000042@example.test",
        "--url",
        &peer.url,
        "-o",
        "json",
    ]));
    assert_eq!(out.json()["id"], user["id"]);

    let out = run(cli(cfg.path())
        .env("SCIMCTL_TOKEN", "wrong")
        .args(["users", "list", "--url", &peer.url]));
    out.code(4);
}

fn failed_checks(out: &Out) -> Vec<String> {
    out.json()["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["verdict"] == "fail")
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn simulate_against_scim2_server() {
    let Some(peer) = scim2_server(30) else { return };
    let cfg = tempfile::tempdir().unwrap();
    for profile in ["okta", "okta-aiw"] {
        let out = run_with_stdin(
            scimctl().env("SCIMCTL_CONFIG_DIR", cfg.path()).args([
                "simulate",
                profile,
                "--url",
                &peer.url,
                "--token-stdin",
                "-o",
                "json",
            ]),
            TOKEN,
        );
        assert_eq!(
            failed_checks(&out),
            Vec::<String>::new(),
            "{profile}: {}",
            out.stdout
        );
        out.code(0);
        let checks = out.json()["checks"].as_array().unwrap().clone();
        assert_eq!(checks.len(), 28, "every planned check is reported");
        let skipped: Vec<&str> = checks
            .iter()
            .filter(|c| c["verdict"] == "skipped")
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            skipped,
            [
                "rules.administrators-reserved",
                "rules.split-administrators",
                "rules.group-name-length"
            ],
            "no product rules on a server that is not ours"
        );
    }
    // scim2-server refuses two things Entra really sends: the manager as a bare id
    // (F21) and the ADSCIM schema URI on group creation (§2.10). Everything else passes.
    for profile in ["entra", "entra-aadopt"] {
        let out = run_with_stdin(
            scimctl().env("SCIMCTL_CONFIG_DIR", cfg.path()).args([
                "simulate",
                profile,
                "--url",
                &peer.url,
                "--token-stdin",
                "-o",
                "json",
            ]),
            TOKEN,
        );
        out.code(1);
        assert_eq!(
            failed_checks(&out),
            ["user.manager", "group.push"],
            "{profile}: {}",
            out.stdout
        );
    }
}
