//! Every command family against every fault a server can produce: a clear
//! message, the documented exit code, no panic, and no token in the output.

mod common;

use common::fake_scim::{self, Misbehaviour};
use common::*;

const TOKEN: &str = "scimtok_fault-test-SECRET-0123456789abcdef";
const ADMIN_KEY: &str = "scimadm_fault-test-SECRET-0123456789abcdef";

/// The command families, each pointed at the fake server.
fn families(url: &str) -> Vec<(&'static str, Vec<String>)> {
    let admin = url.replace("/scim/v2", "/api/v1");
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        ("users list", s(&["users", "list", "--url", url])),
        ("users get", s(&["users", "get", "some-id", "--url", url])),
        (
            "groups get",
            s(&["groups", "get", "--name", "Eng", "--members", "--url", url]),
        ),
        ("status", s(&["status", "--admin-url", &admin])),
        (
            "enable",
            s(&[
                "enable",
                "--idp",
                "okta",
                "--admin-url",
                &admin,
                "--insecure-storage",
            ]),
        ),
        (
            "token rotate",
            s(&["token", "rotate", "--admin-url", &admin]),
        ),
        (
            "simulate",
            s(&["simulate", "okta", "--scenario", "connection", "--url", url]),
        ),
    ]
}

fn run_family(args: &[String], cfg: &std::path::Path) -> (Out, std::time::Duration) {
    let t0 = std::time::Instant::now();
    let out = run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", cfg)
        .env("SCIMCTL_TOKEN", TOKEN)
        .env("SCIMCTL_ADMIN_KEY", ADMIN_KEY)
        .args(["--timeout", "1s"])
        .args(args));
    (out, t0.elapsed())
}

#[test]
fn stalls_and_slow_drips() {
    every_family_under(&[
        (Misbehaviour::Stalls, "did not answer within 1 s"),
        (Misbehaviour::SlowDrip, ""),
    ]);
}

#[test]
fn resets_truncation_and_oversized_answers() {
    every_family_under(&[
        (Misbehaviour::Resets, ""),
        (Misbehaviour::TruncatedJson, ""),
        (Misbehaviour::Oversized, "larger than 64 MiB"),
    ]);
}

#[test]
fn html_outages_throttling_and_refusals() {
    every_family_under(&[
        (Misbehaviour::HtmlLoginPage, "text/html"),
        (Misbehaviour::Unavailable(1000), "503"),
        (Misbehaviour::AlwaysThrottles, "429"),
        (Misbehaviour::RefusesToken, ""),
    ]);
}

fn every_family_under(faults: &[(Misbehaviour, &str)]) {
    let cfg = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    for &(fault, needle) in faults {
        let fake = fake_scim::start(5, fault);
        for (family, args) in families(&fake.url) {
            let (out, took) = run_family(&args, cfg.path());
            let what = format!("{family} under {fault:?}");
            let expected: &[i32] = match (fault, family) {
                (Misbehaviour::RefusesToken, _) => &[1, 4],
                _ => &[1],
            };
            if !expected.contains(&out.code) {
                problems.push(format!(
                    "{what}: exit {} (expected {expected:?})\n{}",
                    out.code, out.stderr
                ));
            }
            let all = format!("{}{}", out.stdout, out.stderr);
            if all.contains("panicked") || all.contains("RUST_BACKTRACE") {
                problems.push(format!("{what}: panicked\n{all}"));
            }
            if all.contains("SECRET") {
                problems.push(format!("{what}: a secret leaked\n{all}"));
            }
            if family != "simulate" {
                if !out.stderr.lines().any(|l| l.starts_with("error: ")) {
                    problems.push(format!("{what}: no error line\n{}", out.stderr));
                }
                if !needle.is_empty() && !out.stderr.contains(needle) {
                    problems.push(format!("{what}: does not say {needle:?}\n{}", out.stderr));
                }
            } else if !out.stdout.contains("FAIL") {
                problems.push(format!(
                    "{what}: the report shows no failure\n{}",
                    out.stdout
                ));
            }
            if took > std::time::Duration::from_secs(25) {
                problems.push(format!("{what}: took {took:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn http_to_a_remote_host_is_refused_unless_allowed() {
    let cfg = tempfile::tempdir().unwrap();
    let out = run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", cfg.path())
        .env("SCIMCTL_TOKEN", TOKEN)
        .args([
            "users",
            "list",
            "--url",
            "http://scim.example.invalid/scim/v2",
        ]));
    out.code(2);
    assert!(out.stderr.contains("--allow-insecure"), "{}", out.stderr);
    let out = run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", cfg.path())
        .env("SCIMCTL_TOKEN", TOKEN)
        .args([
            "users",
            "list",
            "--allow-insecure",
            "--timeout",
            "2s",
            "--url",
            "http://scim.example.invalid/scim/v2",
        ]));
    out.code(1);
    assert!(
        out.stderr.contains("cannot reach"),
        "allowed, then fails to resolve: {}",
        out.stderr
    );
}

#[test]
fn a_bad_ca_cert_is_a_usage_error() {
    let cfg = tempfile::tempdir().unwrap();
    let pem = cfg.path().join("ca.pem");
    std::fs::write(&pem, "not a certificate").unwrap();
    let out = run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", cfg.path())
        .env("SCIMCTL_TOKEN", TOKEN)
        .args([
            "users",
            "list",
            "--url",
            "https://127.0.0.1:9/scim/v2",
            "--ca-cert",
        ])
        .arg(&pem));
    out.code(2);
    assert!(
        out.stderr.contains("not a PEM certificate") || out.stderr.contains("--ca-cert"),
        "{}",
        out.stderr
    );
}
