//! Every command's `-o json`, in each of its shapes (before and after SCIM is
//! on, a rotation due and not, an overlap running, a run refused), validated
//! against its schema under docs/schemas/ against a real sandbox.

mod common;

use common::jsonschema::{Schemas, check_command_output};
use common::*;

/// Runs `argv -o json` and checks its output against the schema of `command`.
fn checked(
    s: &Sandbox,
    schemas: &Schemas,
    command: &str,
    argv: &[&str],
    stdin: Option<&str>,
) -> serde_json::Value {
    let mut c = s.cli();
    c.args(argv).args(["-o", "json"]);
    let out = match stdin {
        Some(text) => run_with_stdin(&mut c, text),
        None => run(&mut c),
    };
    assert!(
        out.code == 0 || !out.stdout.is_empty(),
        "{argv:?} printed nothing: {out:?}"
    );
    check_command_output(schemas, command, "json", &out.stdout);
    out.json()
}

/// Runs each `(command, argv, stdin)` in order, checked; returns the outputs.
fn checked_all(
    s: &Sandbox,
    schemas: &Schemas,
    steps: &[(&str, &[&str], Option<&str>)],
) -> Vec<serde_json::Value> {
    steps
        .iter()
        .map(|(command, argv, stdin)| checked(s, schemas, command, argv, *stdin))
        .collect()
}

#[test]
fn every_json_output_matches_its_schema() {
    let schemas = Schemas::new();
    let s = Sandbox::start(&["--seed-users", "2"]);
    let wrong = Some("scimtok_not-the-token-000000");
    let before: &[(&str, &[&str], Option<&str>)] = &[
        ("status", &["status"], None),
        ("whoami", &["whoami"], None),
        ("token status", &["token", "status"], None),
        (
            "enable",
            &["enable", "--idp", "okta", "--insecure-storage"],
            None,
        ),
        ("status", &["status"], None),
        (
            "token rotate",
            &["token", "rotate", "--if-expiring-within", "1d"],
            None,
        ),
        (
            "token rotate",
            &[
                "token",
                "rotate",
                "--if-expiring-within",
                "400d",
                "--overlap",
                "1h",
            ],
            None,
        ),
        ("token status", &["token", "status"], None),
        (
            "token rotate",
            &["token", "rotate", "--if-expiring-within", "400d"],
            None,
        ),
        (
            "token revoke-previous",
            &["token", "revoke-previous", "--yes"],
            None,
        ),
        (
            "token regenerate",
            &["token", "regenerate", "--yes"],
            Some(""),
        ),
        ("users list", &["users", "list"], None),
        ("groups list", &["groups", "list"], None),
        (
            "groups get",
            &["groups", "get", "--name", "Administrators", "--members"],
            None,
        ),
        (
            "users get",
            &["users", "get", "--user-name", "owner@sandbox.example"],
            None,
        ),
        (
            "simulate",
            &["simulate", "okta", "--scenario", "connection"],
            None,
        ),
        (
            "simulate",
            &["simulate", "entra", "--url", &s.scim_url, "--token-stdin"],
            wrong,
        ),
        (
            "simulate --load",
            &["simulate", "okta", "--load", "--users", "2"],
            None,
        ),
    ];
    let v = checked_all(&s, &schemas, before);
    assert_eq!(v[0]["token"], serde_json::Value::Null, "{}", v[0]);
    assert_eq!(v[3]["stored_in"]["kind"], "file", "{}", v[3]);
    let codes: Vec<&serde_json::Value> = [5, 6, 8].iter().map(|i| &v[*i]["reason_code"]).collect();
    assert_eq!(codes, ["not_due", "due", "overlap_running"]);
    assert_eq!(v[7]["switch"]["state"], "new_not_used", "{}", v[7]);
    assert_eq!(
        v[16]["stopped"]["reason_code"], "token_refused",
        "{}",
        v[16]
    );
    let token = v[10]["token"].as_str().unwrap().to_owned();
    let cleanup = [
        "simulate",
        "cleanup",
        "--run-id",
        "abc123",
        "--url",
        &s.scim_url,
        "--token-stdin",
    ];
    let after: &[(&str, &[&str], Option<&str>)] = &[
        ("simulate cleanup", &cleanup, Some(&token)),
        ("profiles list", &["profiles", "list"], None),
        ("profiles use", &["profiles", "use", "sandbox"], None),
        ("disable", &["disable", "--confirm", "DISABLE"], None),
        ("disable", &["disable", "--confirm", "DISABLE"], None),
        ("logout", &["logout"], None),
        (
            "profiles remove",
            &["profiles", "remove", "sandbox", "--yes"],
            None,
        ),
    ];
    let v = checked_all(&s, &schemas, after);
    assert_eq!(
        (&v[3]["changed"], &v[4]["changed"]),
        (&serde_json::json!(true), &serde_json::json!(false))
    );
}

/// The validator itself can fail: a time without milliseconds, a store as
/// free text, a missing reason_code are each refused.
#[test]
fn the_schemas_refuse_what_the_contract_forbids() {
    let schemas = Schemas::new();
    let path = common::jsonschema::command_schema("token rotate");
    let good = serde_json::json!({"rotated": false, "resumed": false, "reason_code": "not_due", "reason": "not due",
        "profile": {"value": "acme", "source": "default"}, "window": "1d",
        "expires_at": "2027-12-02T13:35:24.342Z", "days_left": 365});
    schemas.validate_file(&path, &good).unwrap();
    for (field, bad) in [
        ("expires_at", serde_json::json!("2027-12-02T13:35:24.34Z")),
        ("expires_at", serde_json::json!("2027-12-02T13:35:24Z")),
        ("stored_in", serde_json::json!("file /tmp/credentials.json")),
        ("reason_code", serde_json::json!("because")),
        ("profile", serde_json::json!("acme")),
    ] {
        let mut v = good.clone();
        v[field] = bad.clone();
        assert!(
            schemas.validate_file(&path, &v).is_err(),
            "{field}: {bad} passed"
        );
    }
    let mut v = good.clone();
    v.as_object_mut().unwrap().remove("reason_code");
    assert!(schemas.validate_file(&path, &v).is_err());
}
