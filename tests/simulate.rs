//! `scimctl simulate` end to end: every profile passes against the sandbox (in
//! process, and as a separate process over --url), reports in every format, the
//! transcript, dry runs, the http:// refusal, load mode, and secrets.

mod common;

use common::*;
use serde_json::Value;

const PROFILES: [&str; 4] = ["okta", "okta-aiw", "entra", "entra-aadopt"];

fn against(s: &Sandbox, args: &[&str]) -> Out {
    let token = s.token.clone().expect("enabled sandbox");
    run_with_stdin(
        s.cli()
            .args(["simulate"])
            .args(args)
            .args(["--url", &s.scim_url, "--token-stdin"]),
        &token,
    )
}

#[test]
fn every_profile_passes_against_the_in_process_sandbox() {
    for p in PROFILES {
        let out = run(scimctl()
            .env("SCIMCTL_CONFIG_DIR", "/nonexistent-scimctl-test")
            .args(["simulate", p, "-o", "json"]));
        out.code(0);
        let v = out.json();
        assert_eq!(v["summary"]["failed"], 0, "{p}: {}", out.stdout);
        assert_eq!(v["summary"]["warnings"], 0, "{p}");
        let ids: Vec<&str> = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        for must in [
            "connection.bad-token",
            "user.deactivate",
            "group.remove-members",
            "paging.walk",
            "rules.split-administrators",
        ] {
            assert!(ids.contains(&must), "{p} runs {must}: {ids:?}");
        }
        assert_eq!(
            ids.contains(&"user.manager"),
            p.starts_with("entra"),
            "{p}: manager only for Entra"
        );
        // every check names its sources and what the IdP would do
        for c in v["checks"].as_array().unwrap() {
            assert!(!c["reference"].as_str().unwrap().is_empty());
            assert!(
                c["requests"].as_array().is_some_and(|r| !r.is_empty()),
                "{p} {}: requests recorded",
                c["id"]
            );
        }
    }
}

#[test]
fn requests_look_like_the_idps() {
    let s = Sandbox::enabled();
    let out = against(
        &s,
        &[
            "okta",
            "-o",
            "json",
            "--scenario",
            "connection",
            "--scenario",
            "users",
        ],
    );
    out.code(0);
    let v = out.json();
    let all: Vec<&Value> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["requests"].as_array().unwrap())
        .collect();
    let first = all[0];
    assert_eq!(first["method"], "GET");
    assert!(
        first["url"]
            .as_str()
            .unwrap()
            .ends_with("/Users?startIndex=1&count=2"),
        "Okta's probe: {}",
        first["url"]
    );
    let headers = first["request_headers"].as_array().unwrap();
    assert!(
        headers
            .iter()
            .any(|h| h[0] == "user-agent" && h[1] == "Okta SCIM Client 1.0.0")
    );
    let lookup = all
        .iter()
        .find(|e| e["url"].as_str().unwrap().contains("filter="))
        .unwrap();
    assert!(
        lookup["url"]
            .as_str()
            .unwrap()
            .contains("filter=userName%20eq%20%22"),
        "Okta encodes spaces as %20: {}",
        lookup["url"]
    );
    let deactivate = all
        .iter()
        .find(|e| e["step"] == "user.deactivate" && e["method"] == "PATCH")
        .unwrap();
    assert_eq!(
        deactivate["request_body"]["Operations"][0],
        serde_json::json!({"op": "replace", "value": {"active": false}})
    );

    let out = against(&s, &["entra", "-o", "json"]);
    out.code(0);
    let v = out.json();
    let all: Vec<&Value> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["requests"].as_array().unwrap())
        .collect();
    let first = all[0];
    assert!(
        first["url"]
            .as_str()
            .unwrap()
            .contains("/Users?filter=userName+eq+%22"),
        "Entra encodes spaces as +: {}",
        first["url"]
    );
    assert!(
        !first["request_headers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h[0] == "user-agent"),
        "Entra sends no User-Agent"
    );
    let off = all.iter().find(|e| e["step"] == "user.deactivate").unwrap();
    assert_eq!(
        off["request_body"]["Operations"][0],
        serde_json::json!({"op": "Replace", "path": "active", "value": "False"})
    );
    let removal = all
        .iter()
        .find(|e| e["step"] == "group.remove-members" && e["method"] == "PATCH")
        .unwrap();
    assert_eq!(removal["request_body"]["Operations"][0]["path"], "members");
    assert!(removal["request_body"]["Operations"][0]["value"].is_array());
    assert!(
        all.iter()
            .filter(|e| e["url"].as_str().unwrap().contains("/Groups?"))
            .all(|e| e["url"]
                .as_str()
                .unwrap()
                .contains("excludedAttributes=members"))
    );
}

#[test]
fn reports_transcript_and_no_token_anywhere() {
    let s = Sandbox::enabled();
    let token = s.token.clone().unwrap();
    let transcript = s.dir.path().join("run.txt");
    let out = against(&s, &["entra", "--transcript", transcript.to_str().unwrap()]);
    out.code(0);
    assert!(
        out.stdout.lines().last().unwrap().starts_with(&format!(
            "{} passed, 0 failed, 0 warnings",
            planned("entra").len()
        )),
        "{}",
        out.stdout
    );
    let text = std::fs::read_to_string(&transcript).unwrap();
    assert!(
        text.contains("PATCH ") && text.contains("Bearer <redacted>"),
        "{}",
        &text[..500.min(text.len())]
    );
    let junit = against(&s, &["okta", "-o", "junit"]);
    junit.code(0);
    assert!(
        junit.stdout.contains(&format!(
            r#"<testsuite name="scimctl simulate okta" tests="{}" failures="0""#,
            planned("okta").len()
        )),
        "{}",
        junit.stdout
    );
    let json = against(&s, &["okta-aiw", "-o", "json", "-vvv"]);
    for (what, body) in [
        ("transcript", &text),
        ("table", &out.stdout),
        ("stderr", &out.stderr),
        ("junit", &junit.stdout),
        ("json", &json.stdout),
        ("json stderr", &json.stderr),
    ] {
        assert!(
            !body.contains(&token[..20]),
            "the token leaked into the {what}"
        );
    }
    // what the run created is gone (Entra deletes; Okta deactivates)
    let (_, users) = s.handle(Some(token)).get("/Users?count=1000");
    let left: Vec<&Value> = users["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| {
            u["userName"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .starts_with("scimctl-sim-")
        })
        .collect();
    assert!(
        left.iter().all(|u| u["active"] == false),
        "Okta's leftovers are deactivated: {left:?}"
    );
}

#[test]
fn keep_leaves_the_resources() {
    let s = Sandbox::enabled();
    let out = against(&s, &["entra", "--keep", "--scenario", "users"]);
    out.code(0);
    let (_, users) = s.handle(s.token.clone()).get("/Users?count=1000");
    let n = users["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| {
            u["userName"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .starts_with("scimctl-sim-")
        })
        .count();
    assert!(n >= 3, "kept {n}");
}

#[test]
fn dry_run_sends_nothing() {
    // a dead port: any real request would fail the run
    let out = run_with_stdin(
        scimctl()
            .env("SCIMCTL_CONFIG_DIR", "/nonexistent-scimctl-test")
            .args([
                "simulate",
                "okta",
                "--dry-run",
                "--url",
                "http://127.0.0.1:9/scim/v2",
                "--token-stdin",
            ]),
        "t\n",
    );
    out.code(0);
    assert!(out.stdout.contains("dry run"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("GET http://127.0.0.1:9/scim/v2/Users?startIndex=1&count=2"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(r#"{"op":"replace","value":{"active":false}}"#),
        "{}",
        out.stdout
    );
}

#[test]
fn plain_http_to_another_host_is_refused() {
    let out = run_with_stdin(
        scimctl()
            .env("SCIMCTL_CONFIG_DIR", "/nonexistent-scimctl-test")
            .args([
                "simulate",
                "okta",
                "--url",
                "http://scim.example.com/scim/v2",
                "--token-stdin",
            ]),
        "t\n",
    );
    out.code(2);
    assert!(out.stderr.contains("--allow-insecure"), "{}", out.stderr);
}

#[test]
fn load_mode_pushes_users_and_reports_latency() {
    let s = Sandbox::enabled();
    let out = against(
        &s,
        &[
            "okta",
            "--load",
            "--users",
            "60",
            "--concurrency",
            "4",
            "-o",
            "json",
            "--cleanup",
            "delete",
        ],
    );
    out.code(0);
    let v = out.json();
    assert_eq!(v["users_pushed"], 60);
    assert_eq!(v["users_created"], 60);
    assert_eq!(v["requests"], 120, "a lookup and a create per user");
    assert_eq!(v["errors"], 0);
    assert!(v["p99_ms"].as_f64().unwrap() >= v["p50_ms"].as_f64().unwrap());
    let (_, users) = s.handle(s.token.clone()).get("/Users?count=1");
    assert_eq!(users["totalResults"], 1, "cleaned up");
    // bounded by rate: 20 requests at 100/s take at least 0.19 s
    let out = against(
        &s,
        &[
            "entra", "--load", "--users", "10", "--rate", "100", "-o", "json",
        ],
    );
    out.code(0);
    assert!(
        out.json()["duration_ms"].as_f64().unwrap() >= 180.0,
        "{}",
        out.stdout
    );
}

#[test]
fn every_check_is_documented() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/simulate.md")).unwrap();
    for spec in scimctl::simulate::registry::CHECKS.iter() {
        assert!(
            doc.contains(&format!("`{}`", spec.id)),
            "docs/simulate.md does not describe {}",
            spec.id
        );
    }
    for name in scimctl::simulate::SCENARIOS {
        assert!(
            doc.contains(name),
            "docs/simulate.md does not name the scenario {name}"
        );
    }
}

/// The coverage map names only real checks, and has a row for every failure
/// mode of idp-behaviors §4 (F1–F30).
#[test]
fn the_coverage_map_names_real_checks_and_every_failure_mode() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/simulate.md")).unwrap();
    let start = doc
        .find("## Coverage map")
        .expect("docs/simulate.md has a coverage map");
    let map = &doc[start..];
    let map = &map[..map[3..].find("\n## ").map_or(map.len(), |i| i + 3)];
    let ids: Vec<&str> = scimctl::simulate::registry::CHECKS
        .iter()
        .map(|s| s.id)
        .collect();
    let mut named = 0;
    for piece in map.split('`').skip(1).step_by(2) {
        // `meta.location` is an attribute; a check id starts like one.
        let prefix = piece.split('.').next().unwrap_or("");
        let looks_like_id = piece.split('.').count() == 2
            && ids.iter().any(|id| id.starts_with(&format!("{prefix}.")))
            && piece
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '.');
        if looks_like_id {
            assert!(
                ids.contains(&piece),
                "the coverage map names `{piece}`, which is no check"
            );
            named += 1;
        }
    }
    assert!(
        named > 40,
        "the map names the checks it relies on ({named})"
    );
    for n in 1..=30 {
        let row = map
            .lines()
            .find(|l| l.starts_with(&format!("| F{n} ")))
            .unwrap_or_else(|| panic!("the coverage map has no row for F{n}"));
        assert!(
            row.contains("`") || row.contains("not covered"),
            "F{n} names a check or says why it is not covered: {row}"
        );
    }
}

/// What the registry plans for `profile` with the default scenarios.
fn planned(profile: &str) -> Vec<&'static str> {
    let p =
        <scimctl::simulate::profile::Profile as clap::ValueEnum>::from_str(profile, false).unwrap();
    scimctl::simulate::Options {
        profile: p,
        scenarios: Vec::new(),
        keep: false,
        cleanup_delete: false,
        dry_run: false,
        product_rules: true,
        entitlements: None,
    }
    .plan()
    .iter()
    .map(|s| s.id)
    .collect()
}

#[test]
fn every_planned_check_appears_in_every_report_and_the_counts_add_up() {
    let s = Sandbox::enabled();
    for p in PROFILES {
        let want = planned(p);
        let json = against(&s, &[p, "-o", "json"]);
        json.code(0);
        let v = json.json();
        let ids: Vec<&str> = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, want, "{p}: the JSON report lists the plan, in order");
        let sum = &v["summary"];
        assert_eq!(sum["planned"], want.len());
        let total: u64 = ["passed", "failed", "warnings", "blocked", "skipped"]
            .iter()
            .map(|k| sum[k].as_u64().unwrap())
            .sum();
        assert_eq!(total as usize, want.len(), "{p}: {sum}");
        let table = against(&s, &[p]);
        let junit = against(&s, &[p, "-o", "junit"]);
        for id in &want {
            assert!(
                table.stdout.contains(&format!("  {id}  "))
                    || table.stdout.contains(&format!("  {id} ")),
                "{p}: {id} missing from the table:\n{}",
                table.stdout
            );
            assert!(
                junit.stdout.contains(&format!("name=\"{id}\"")),
                "{p}: {id} missing from JUnit"
            );
        }
        assert!(
            junit.stdout.contains(&format!("tests=\"{}\"", want.len())),
            "{}",
            junit.stdout
        );
        assert!(!json.stdout.contains(scimctl::simulate::NOT_REACHED));
    }
    // The opt-in scenario, and rules skipped (with a reason) where they don't apply.
    let out = against(
        &s,
        &["entra", "--scenario", "extended-attributes", "-o", "json"],
    );
    out.code(0);
    assert_eq!(out.json()["checks"][0]["id"], "user.extended-attributes");
    let out = against(&s, &["okta", "--product-rules", "off", "-o", "json"]);
    let rules: Vec<Value> = out.json()["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"].as_str().unwrap().starts_with("rules."))
        .cloned()
        .collect();
    assert_eq!(rules.len(), 3);
    for r in rules {
        assert_eq!(r["verdict"], "skipped", "{r}");
        assert!(
            r["reasons"][0]
                .as_str()
                .unwrap()
                .contains("not our service"),
            "{r}"
        );
    }
}

#[test]
fn a_wrong_token_or_no_answer_stops_the_run_with_one_error() {
    let s = Sandbox::enabled();
    let out = run_with_stdin(
        s.cli().args([
            "simulate",
            "entra",
            "-o",
            "json",
            "--url",
            &s.scim_url,
            "--token-stdin",
        ]),
        "scimtok_not_the_right_one",
    );
    out.code(4);
    let v = out.json();
    assert_eq!(v["stopped"]["check"], "connection.users-probe", "{v:#}");
    let checks = v["checks"].as_array().unwrap();
    assert_eq!(checks[0]["verdict"], "fail");
    assert!(
        checks[1..]
            .iter()
            .all(|c| c["verdict"] == "blocked" && c["blocked_by"] == "connection.users-probe"),
        "{v:#}"
    );
    assert_eq!(checks.len(), planned("entra").len());
    assert_eq!(out.stderr.matches("error:").count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("refused the token"), "{}", out.stderr);
    assert!(
        checks
            .iter()
            .all(|c| c["in_production"] == "" || c["verdict"] == "fail")
    );

    let out = run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", s.dir.path().join("elsewhere"))
        .env("SCIMCTL_TOKEN", "any")
        .args(["simulate", "okta", "--url", "http://127.0.0.1:9/scim/v2"]));
    out.code(1);
    assert!(out.stderr.contains("did not answer"), "{}", out.stderr);
    let blocked = format!("{} blocked", planned("okta").len() - 1);
    assert!(out.stdout.contains(&blocked), "{}", out.stdout);
}
