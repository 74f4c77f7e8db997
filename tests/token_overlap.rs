//! A rotation with an overlap, against a real sandbox over HTTP: both tokens
//! work; a validation-style single use of the new token does not end the
//! overlap, and the IdP's use of the old token resets the evidence; the switch
//! (the new token used over the settle period, the old one not) revokes the old
//! one; so do the overlap's end and `revoke-previous`; the status shows it all,
//! and every answer matches docs/admin-api.openapi.json.

mod common;

use std::time::{Duration, Instant};

use common::openapi::Spec;
use common::*;
use reqwest::Method;
use serde_json::{Value, json};

fn regenerate(s: &Sandbox, body: Value) -> (u16, Value) {
    let (st, v) = send(s.admin(Method::POST, "/scim/token").json(&body));
    Spec::load().check("POST", "/scim/token", st, &v);
    (st, v)
}

fn status(s: &Sandbox) -> Value {
    let (st, v) = send(s.admin(Method::GET, "/scim"));
    assert_eq!(st, 200);
    Spec::load().check("GET", "/scim", st, &v);
    v
}

/// Waits (the sandbox records a use just after answering) until `cond` holds.
fn until(s: &Sandbox, what: &str, cond: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let v = status(s);
        if cond(&v) {
            return v;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{what}: {v:#}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn prev(v: &Value) -> &Value {
    &v["previous_token"]
}

#[test]
fn a_validation_call_does_not_end_the_overlap_and_the_switch_does() {
    let s = Sandbox::enabled();
    let old = s.token.clone().unwrap();
    assert_eq!(s.status_with_token(&old), 200);
    let (st, issued) = regenerate(&s, json!({"overlap_seconds": 600, "settle_seconds": 1}));
    assert_eq!(st, 201, "{issued}");
    let new = issued["token"].as_str().unwrap().to_owned();
    assert!(issued["previous_valid_until"].is_string(), "{issued}");
    let v = status(&s);
    assert_eq!(prev(&v)["valid"], true);
    assert_eq!(prev(&v)["settle_seconds"], 1);
    assert!(
        v["token"]["first_used_at"].is_null(),
        "nothing used the new token yet: {v:#}"
    );
    assert_ne!(v["token"]["fingerprint"], prev(&v)["fingerprint"]);

    // Both tokens work.
    assert_eq!(s.status_with_token(&old), 200);
    assert_eq!(
        s.status_with_token(&new),
        200,
        "a validation call with the new token"
    );
    let v = until(&s, "the new token's first use is recorded", |v| {
        v["token"]["first_used_at"].is_string() && prev(v)["new_token_alone_since"].is_string()
    });
    assert_eq!(prev(&v)["valid"], true);

    // The IdP still holds the old token and uses it: the evidence is gone.
    assert_eq!(s.status_with_token(&old), 200);
    until(&s, "the old token's use resets the evidence", |v| {
        prev(v)["new_token_alone_since"].is_null()
    });
    // Long after the validation call, the new token once more — still no switch,
    // because the old one was used in between.
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(s.status_with_token(&new), 200);
    let v = until(&s, "new evidence starts", |v| {
        prev(v)["new_token_alone_since"].is_string()
    });
    assert_eq!(
        prev(&v)["valid"],
        true,
        "one use after the old token's is no switch: {v:#}"
    );
    assert_eq!(s.status_with_token(&old), 200, "the old token still works");
    until(&s, "reset again", |v| {
        prev(v)["new_token_alone_since"].is_null()
    });

    // The IdP switched: the new token over the settle period, the old one not.
    assert_eq!(s.status_with_token(&new), 200);
    until(&s, "evidence", |v| {
        prev(v)["new_token_alone_since"].is_string()
    });
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(s.status_with_token(&new), 200);
    let v = until(&s, "the switch revokes the old token", |v| {
        prev(v)["valid"] == false
    });
    assert_eq!(prev(&v)["end_reason"], "idp_switched", "{v:#}");
    assert!(prev(&v)["ended_at"].is_string());
    assert_eq!(s.status_with_token(&old), 401, "the old token is revoked");
    assert_eq!(s.status_with_token(&new), 200);
}

#[test]
fn the_overlap_ends_on_time_and_on_revoke_previous() {
    let s = Sandbox::enabled();
    let old = s.token.clone().unwrap();
    let (st, issued) = regenerate(&s, json!({"overlap_seconds": 1, "settle_seconds": 1}));
    assert_eq!(st, 201, "{issued}");
    let new = issued["token"].as_str().unwrap().to_owned();
    assert_eq!(s.status_with_token(&old), 200);
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(s.status_with_token(&old), 401, "the overlap is over");
    let v = status(&s);
    assert_eq!(prev(&v)["valid"], false);
    assert_eq!(prev(&v)["end_reason"], "overlap_over", "{v:#}");

    // revoke-previous ends a running overlap, once.
    let (_, issued) = regenerate(&s, json!({"overlap_seconds": 3600}));
    let newest = issued["token"].as_str().unwrap().to_owned();
    assert_eq!(
        s.status_with_token(&new),
        200,
        "the replaced token works in its overlap"
    );
    assert_eq!(
        prev(&status(&s))["settle_seconds"],
        900,
        "the default settle period"
    );
    let (st, v) = send(s.admin(Method::POST, "/scim/token/revoke-previous"));
    Spec::load().check("POST", "/scim/token/revoke-previous", st, &v);
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["end_reason"], "revoked");
    assert_eq!(s.status_with_token(&new), 401);
    assert_eq!(s.status_with_token(&newest), 200);
    let (st, v) = send(s.admin(Method::POST, "/scim/token/revoke-previous"));
    Spec::load().check("POST", "/scim/token/revoke-previous", st, &v);
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (409, Some("no_previous_token"))
    );
}

#[test]
fn a_second_rotation_never_revokes_the_token_the_idp_may_hold() {
    let s = Sandbox::enabled();
    let a = s.token.clone().unwrap();
    let (_, issued) = regenerate(&s, json!({"overlap_seconds": 3600}));
    let b = issued["token"].as_str().unwrap().to_owned();
    // b never used (a failed push before any validation): rotating again keeps a.
    let (st, issued) = regenerate(&s, json!({"overlap_seconds": 3600}));
    assert_eq!(st, 201, "{issued}");
    let c = issued["token"].as_str().unwrap().to_owned();
    assert_eq!(
        s.status_with_token(&a),
        200,
        "a, which the IdP holds, still works"
    );
    assert_eq!(s.status_with_token(&b), 401, "b never reached an IdP");
    // c used once (a validation): which token the IdP holds is undecided.
    assert_eq!(s.status_with_token(&c), 200);
    until(&s, "c's use", |v| v["token"]["first_used_at"].is_string());
    let (st, v) = regenerate(&s, json!({"overlap_seconds": 3600}));
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (409, Some("overlap_undecided")),
        "{v}"
    );
    assert!(
        v["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("revoke-previous")
    );
    assert_eq!(s.status_with_token(&a), 200);
    assert_eq!(s.status_with_token(&c), 200);
    // Without an overlap, regenerating replaces everything, as before.
    let (st, v) = regenerate(&s, json!({}));
    assert_eq!(st, 201);
    assert!(v.get("previous_valid_until").is_none(), "{v}");
    assert_eq!(s.status_with_token(&a), 401);
    assert_eq!(s.status_with_token(&c), 401);
    assert!(status(&s)["previous_token"].is_null());
}

#[test]
fn overlaps_are_bounded_and_checked() {
    let s = Sandbox::enabled();
    for (body, code) in [
        (json!({"overlap_seconds": 604_801}), "invalid_value"),
        (
            json!({"overlap_seconds": 60, "settle_seconds": 61}),
            "invalid_value",
        ),
        (
            json!({"overlap_seconds": 60, "settle_seconds": 0}),
            "invalid_value",
        ),
        (json!({"settle_seconds": 5}), "invalid_value"),
        (json!({"overlap": 60}), "invalid_request"),
    ] {
        let (st, v) = regenerate(&s, body.clone());
        assert_eq!(
            (st, v["error"]["code"].as_str()),
            (400, Some(code)),
            "{body}: {v}"
        );
    }
    assert_eq!(
        s.status_with_token(s.token.as_ref().unwrap()),
        200,
        "nothing changed"
    );
    // An expired token has nothing to overlap with.
    s.expire_token_in_days(-1);
    let (st, v) = regenerate(&s, json!({"overlap_seconds": 60}));
    assert_eq!(st, 201);
    assert!(v.get("previous_valid_until").is_none(), "{v}");
}

/// The CLI: rotate with an overlap, status in table and JSON, wait for use
/// (an IdP stand-in spends the new token as a real one would), revoke-previous.
#[test]
fn the_cli_rotates_with_an_overlap_and_waits_for_the_switch() {
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "entra"])).code(0);
    let old = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    assert!(old.starts_with("scimtok_"));

    // Not used within the wait: exit 10, and the old token still works.
    let out = run(s.cli().args([
        "token",
        "rotate",
        "--if-expiring-within",
        "400d",
        "--overlap",
        "1h",
        "--settle",
        "1s",
        "--wait-for-use",
        "1s",
        "--poll-every",
        "100ms",
        "-o",
        "json",
    ]));
    out.code(10);
    let v = out.json();
    assert_eq!(v["rotated"], true);
    assert_eq!(v["works"]["result"], "works");
    assert_eq!(v["wait"]["used"], false);
    assert_eq!(v["wait"]["switch"]["state"], "new_not_used", "{v:#}");
    assert!(v["previous_valid_until"].is_string());
    assert!(
        out.stderr.contains("not seen using the new token"),
        "{}",
        out.stderr
    );
    let new = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    assert_ne!(new, old);
    assert_eq!(
        s.status_with_token(&old),
        200,
        "the old token works during the overlap"
    );

    // The status shows both tokens, and that the IdP is still on the old one.
    let out = run(s.cli().args(["token", "status", "-o", "json"]));
    out.code(0);
    let v = out.json();
    assert_eq!(v["previous_token"]["valid"], true, "{v:#}");
    assert_eq!(v["works"]["result"], "works");
    assert!(
        v["first_used_at"].is_null(),
        "token status spent no token: {v:#}"
    );
    let out = run(s.cli().args(["token", "status"]));
    assert!(out.stdout.contains("previous token"), "{}", out.stdout);
    assert!(
        out.stdout.contains("still on the previous token"),
        "{}",
        out.stdout
    );

    // A rotate while the overlap runs issues nothing; it waits again. An IdP
    // stand-in switches meanwhile: the new token now, and again after the settle.
    // (300 ms apart and more than the 1s settle in all)
    let idp = idp_uses_token(&s.scim_url, &new, 6, Duration::from_millis(300));
    let out = run(s.cli().args([
        "token",
        "rotate",
        "--wait-for-use",
        "15s",
        "--poll-every",
        "100ms",
        "-o",
        "json",
    ]));
    idp.join().unwrap();
    out.code(0);
    let v = out.json();
    assert_eq!(
        (v["rotated"].clone(), v["resumed"].clone()),
        (json!(false), json!(true)),
        "{v:#}"
    );
    assert_eq!(v["wait"]["used"], true);
    assert_eq!(v["wait"]["switch"]["state"], "switched", "{v:#}");
    assert!(
        out.stderr.contains("Confirmed: the IdP switched"),
        "{}",
        out.stderr
    );
    assert_eq!(
        s.status_with_token(&old),
        401,
        "the switch revoked the old token"
    );
    let v = run(s.cli().args(["token", "status", "-o", "json"])).json();
    assert_eq!(v["switch"]["state"], "switched");

    // revoke-previous: refused without a terminal while the IdP was last seen on
    // the old token, unless --yes.
    let out = run(s.cli().args([
        "token",
        "rotate",
        "--if-expiring-within",
        "400d",
        "--overlap",
        "1h",
        "-o",
        "json",
    ]));
    out.code(0);
    let before = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    let _ = before;
    let out = run(s.cli().args(["token", "revoke-previous"]));
    out.code(2);
    assert!(
        out.stderr.contains("may still hold the previous token"),
        "{}",
        out.stderr
    );
    let out = run(s
        .cli()
        .args(["token", "revoke-previous", "--yes", "-o", "json"]));
    out.code(0);
    assert_eq!(out.json()["end_reason"], "revoked");
    run(s.cli().args(["token", "revoke-previous", "--yes"])).code(1);
}
