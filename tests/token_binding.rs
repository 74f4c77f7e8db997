//! A stored secret goes only to the service it belongs to: the SCIM token to its
//! profile's SCIM origin and path, the admin key to its admin URL. Any other
//! target needs a token given for it (`--token-stdin`, `SCIMCTL_TOKEN`). A loopback
//! capture server shows what would have reached another server.

mod common;

use common::hostile::{self, Reply};
use common::*;
use serde_json::json;

fn empty_list() -> serde_json::Value {
    json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
           "totalResults": 0, "itemsPerPage": 0, "startIndex": 1, "Resources": []})
}

/// A sandbox with SCIM on through `scimctl enable`, so the token is stored in
/// the `sandbox` profile (file store) with its SCIM URL.
fn enabled_through_the_cli() -> (Sandbox, String) {
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    let token = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    assert!(token.starts_with("scimtok_"), "{token}");
    (s, token)
}

fn carries(req: &hostile::Request, secret: &str) -> bool {
    req.headers.iter().any(|(_, v)| v.contains(secret))
        || String::from_utf8_lossy(&req.body).contains(secret)
        || req.target.contains(secret)
}

#[test]
fn the_stored_token_never_reaches_another_server() {
    let (s, token) = enabled_through_the_cli();
    let capture = hostile::start(|_| Reply::json(200, &empty_list()));
    let other = format!("{}/scim/v2", capture.base);

    // The same host on another port, then other paths of the real origin.
    let out = run(s.cli().args(["users", "list", "--url", &other]));
    out.code(4);
    assert!(out.stderr.contains("does not send it"), "{}", out.stderr);
    assert!(out.stderr.contains("--token-stdin"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let out = run(s.cli().args(["groups", "get", "--url", &other, "x"]));
    out.code(4);
    let out = run(s.cli().args(["simulate", "okta", "--url", &other]));
    out.code(4);
    assert!(out.stderr.contains("does not send it"), "{}", out.stderr);
    assert!(
        capture.requests().is_empty(),
        "nothing may be sent: {:?}",
        capture.requests()
    );
    let sibling = s.scim_url.replace("/scim/v2", "/scim/v3");
    run(s.cli().args(["users", "list", "--url", &sibling])).code(4);

    // Its own URL, from the profile or given again, works.
    run(s.cli().args(["users", "list"])).code(0);
    run(s
        .cli()
        .args(["users", "list", "--url", &format!("{}/", s.scim_url)]))
    .code(0);

    // A token given for the other server goes there, and only that one.
    let out = run_with_stdin(
        s.cli()
            .args(["users", "list", "--url", &other, "--token-stdin"]),
        "other-servers-token-123\n",
    );
    out.code(0);
    let out = run(s
        .cli()
        .env("SCIMCTL_TOKEN", "env-token-for-the-other-one")
        .args(["users", "list", "--url", &other]));
    out.code(0);
    let seen = capture.requests();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(
        seen[0].header("authorization"),
        Some("Bearer other-servers-token-123")
    );
    assert_eq!(
        seen[1].header("authorization"),
        Some("Bearer env-token-for-the-other-one")
    );
    assert!(
        seen.iter()
            .all(|r| !carries(r, &token) && !carries(r, &s.admin_key))
    );
}

#[test]
fn the_admin_key_goes_only_to_its_admin_url() {
    let (s, token) = enabled_through_the_cli();
    let capture = hostile::start(|_| Reply::json(200, &json!({})));
    let other = format!("{}/api/v1", capture.base);
    for args in [
        &["token", "status"][..],
        &["token", "rotate"][..],
        &["enable", "--idp", "okta"][..],
    ] {
        let out = run(s.cli().arg("--admin-url").arg(&other).args(args));
        out.code(4);
        assert!(
            out.stderr.contains("does not send it"),
            "{args:?}: {}",
            out.stderr
        );
    }
    // `status` reports the refusal instead of failing, and sends nothing either.
    let out = run(s
        .cli()
        .args(["--admin-url", &other, "status", "-o", "json"]));
    assert!(out.stdout.contains("does not send it"), "{}", out.stdout);
    assert!(capture.requests().is_empty(), "{:?}", capture.requests());

    // An admin key given for that service is sent there.
    let out = run(s
        .cli()
        .env("SCIMCTL_ADMIN_KEY", "scimadm_for_the_other_service")
        .args(["--admin-url", &other, "token", "status"]));
    assert_ne!(out.code, 4, "{}", out.stderr);
    let seen = capture.requests();
    assert!(!seen.is_empty());
    assert!(
        seen.iter()
            .all(|r| !carries(r, &token) && !carries(r, &s.admin_key))
    );
    assert!(
        seen.iter()
            .all(|r| r.header("authorization") == Some("Bearer scimadm_for_the_other_service"))
    );
}
