//! `token rotate --push entra|okta` against a real sandbox and strict loopback
//! stand-ins of Microsoft Graph and Okta's API (tests/common/idp_standins.rs):
//! the exact sequence and bodies, the merge that keeps the job's other secrets,
//! the quarantine restart, Okta's "no API for this app" answer, and every
//! failure path: the old token keeps working, and re-running resumes the push
//! without issuing another token. No secret appears in any output at trace level.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::idp_standins::{Graph, GraphFault, JOB_ID, Okta, OktaApp};
use common::*;
use serde_json::json;

struct Setup {
    s: Sandbox,
    old: String,
}

fn setup(idp: &str) -> Setup {
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", idp])).code(0);
    let old = stored_token(&s);
    Setup { s, old }
}

fn stored_token(s: &Sandbox) -> String {
    let t = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    assert!(t.starts_with("scimtok_"), "{t}");
    t
}

fn rotate(s: &Sandbox, env: &[(&'static str, String)], extra: &[&str]) -> Out {
    let mut c = s.cli();
    c.args([
        "token",
        "rotate",
        "--if-expiring-within",
        "400d",
        "-o",
        "json",
    ]);
    c.args(extra);
    for (k, v) in env {
        c.env(k, v);
    }
    run(&mut c)
}

#[test]
fn entra_push_validates_merges_saves_and_the_wait_sees_the_switch() {
    let Setup { s, old } = setup("entra");
    let g = Graph::start(&s.scim_url, &old);
    let stop = AtomicBool::new(false);
    let out = std::thread::scope(|scope| {
        // Entra's provisioning cycles, with whatever token the job has saved.
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                g.cycle();
                std::thread::sleep(Duration::from_millis(300));
            }
        });
        let out = rotate(
            &s,
            &g.env(),
            &[
                "--push",
                "entra",
                "--settle",
                "1s",
                "--wait-for-use",
                "20s",
                "--poll-every",
                "100ms",
            ],
        );
        stop.store(true, Ordering::Relaxed);
        out
    });
    out.code(0);
    let v = out.json();
    let new = stored_token(&s);
    assert_ne!(new, old);
    assert_eq!(v["rotated"], true);
    assert_eq!(v["push"]["result"], "pushed", "{v:#}");
    assert_eq!(v["wait"]["used"], true);
    assert_eq!(v["wait"]["switch"]["state"], "switched", "{v:#}");
    assert!(
        v.get("token").is_none(),
        "the token is printed only when asked"
    );

    // The documented order, nothing else.
    let st = &g.state;
    let sp = format!(
        "/v1.0/servicePrincipals/{}/synchronization",
        st.service_principal
    );
    assert_eq!(
        g.lines(),
        [
            format!("POST /{}/oauth2/v2.0/token", st.tenant),
            format!("GET {sp}/jobs"),
            format!("POST {sp}/jobs/{JOB_ID}/validateCredentials"),
            format!("GET {sp}/secrets"),
            format!("PUT {sp}/secrets"),
        ]
    );
    let log = g.log();
    assert_eq!(
        log[2].json(),
        json!({"useSavedCredentials": false, "credentials": [
            {"key": "BaseAddress", "value": s.scim_url},
            {"key": "SecretToken", "value": new}]})
    );
    assert!(
        st.wiped.lock().unwrap().is_empty(),
        "the PUT kept every other key"
    );
    let put = log[4].json();
    let keys: Vec<&str> = put["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "BaseAddress",
            "SecretToken",
            "SyncNotificationSettings",
            "SyncAll"
        ]
    );
    assert!(
        g.saved("SyncNotificationSettings")
            .unwrap()
            .contains("it-ops@example.test")
    );
    assert_eq!(g.saved("SecretToken").unwrap(), new);
    // validateCredentials spent the new token while the job held the old one; the
    // switch was decided by the cycles after the save.
    assert_eq!(
        s.status_with_token(&old),
        401,
        "the switch revoked the old token"
    );
    assert_eq!(g.cycle(), 200, "the job's token works");
    assert!(
        out.stderr.contains("Pushed: entra holds the new token"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_quarantined_job_is_restarted_after_the_save() {
    let Setup { s, old } = setup("entra");
    let g = Graph::start(&s.scim_url, &old);
    *g.state.job_status.lock().unwrap() = "Quarantine";
    let out = rotate(&s, &g.env(), &["--push", "entra"]);
    out.code(0);
    let lines = g.lines();
    assert_eq!(
        lines.last().unwrap(),
        &format!(
            "POST /v1.0/servicePrincipals/{}/synchronization/jobs/{JOB_ID}/restart",
            g.state.service_principal
        )
    );
    assert!(
        lines[lines.len() - 2].starts_with("PUT "),
        "restarted after the save: {lines:?}"
    );
    let v = out.json();
    assert!(
        v["push"]["notes"][0]
            .as_str()
            .unwrap()
            .contains("EncounteredQuarantineException"),
        "{v:#}"
    );
    assert_eq!(*g.state.job_status.lock().unwrap(), "Active");
    assert_eq!(
        s.status_with_token(&old),
        200,
        "the overlap keeps the old token until the switch"
    );
    assert!(
        v["previous_valid_until"].is_string(),
        "--push gives an overlap of its own: {v:#}"
    );
}

#[test]
fn every_entra_failure_leaves_the_old_token_working_and_a_rerun_resumes() {
    type Break = fn(&Graph, &mut Vec<(&'static str, String)>);
    let cases: [(&str, Break, i32, &str); 4] = [
        (
            "a wrong client secret",
            |_, env| env[2].1 = "not-the-secret-value-123".into(),
            4,
            "AADSTS7000215",
        ),
        (
            "a missing permission",
            |g, _| g.set_fault(GraphFault::MissingPermission),
            4,
            "Application.ReadWrite.OwnedBy",
        ),
        (
            "validateCredentials refuses",
            |g, _| g.set_fault(GraphFault::ValidationFails),
            1,
            "validateCredentials",
        ),
        (
            "the secrets can't be read",
            |g, _| g.set_fault(GraphFault::SecretsUnreadable),
            4,
            "would wipe",
        ),
    ];
    for (what, break_it, code, says) in cases {
        let Setup { s, old } = setup("entra");
        let g = Graph::start(&s.scim_url, &old);
        let mut env = g.env();
        break_it(&g, &mut env);
        let out = rotate(&s, &env, &["--push", "entra"]);
        out.code(code);
        assert!(out.stderr.contains(says), "{what}: {}", out.stderr);
        assert!(out.stderr.contains("stays valid"), "{what}: {}", out.stderr);
        let v = out.json();
        assert_eq!(v["push"]["result"], json!(null), "{what}: {v:#}");
        assert!(
            !g.lines().iter().any(|l| l.starts_with("PUT ")),
            "{what}: nothing saved"
        );
        assert_eq!(
            s.status_with_token(&old),
            200,
            "{what}: the old token still works"
        );
        assert_eq!(g.cycle(), 200, "{what}: the job still provisions");
        let new = stored_token(&s);
        assert_ne!(new, old, "{what}: the issued token is kept");

        // Fixed: the same command pushes the stored token, issuing none.
        g.set_fault(GraphFault::None);
        let out = rotate(&s, &g.env(), &["--push", "entra"]);
        out.code(0);
        let v = out.json();
        assert_eq!(
            (v["resumed"].clone(), v["rotated"].clone()),
            (json!(true), json!(false)),
            "{what}: {v:#}"
        );
        assert_eq!(stored_token(&s), new, "{what}: no other token was issued");
        assert_eq!(g.saved("SecretToken").unwrap(), new);
        assert!(g.state.wiped.lock().unwrap().is_empty());
    }
}

#[test]
fn missing_push_settings_stop_the_rotation_before_anything_is_issued() {
    let Setup { s, old } = setup("entra");
    let out = rotate(&s, &[], &["--push", "entra"]);
    out.code(2);
    for var in [
        "SCIMCTL_ENTRA_TENANT_ID",
        "SCIMCTL_ENTRA_CLIENT_SECRET",
        "SCIMCTL_ENTRA_SERVICE_PRINCIPAL_ID",
    ] {
        assert!(out.stderr.contains(var), "{}", out.stderr);
    }
    assert!(out.stdout.is_empty());
    assert_eq!(stored_token(&s), old, "nothing was issued");
    let out = rotate(&s, &[], &["--push", "okta"]);
    out.code(2);
    assert!(
        out.stderr.contains("SCIMCTL_OKTA_ORG_URL"),
        "{}",
        out.stderr
    );
    assert_eq!(stored_token(&s), old);
}

#[test]
fn okta_without_an_api_for_the_app_says_where_to_paste_and_confirms_the_switch() {
    let Setup { s, old } = setup("okta");
    let o = Okta::start(OktaApp::GenericScim);
    let out = rotate(&s, &o.env(), &["--push", "okta", "--settle", "1s"]);
    out.code(9);
    let v = out.json();
    assert_eq!(v["push"]["result"], "manual", "{v:#}");
    assert!(
        v["push"]["paste"]
            .as_str()
            .unwrap()
            .contains("Provisioning → Integration")
    );
    assert!(
        out.stderr.contains(&o.state.app_id),
        "the paste step names the app: {}",
        out.stderr
    );
    assert_eq!(
        o.lines(),
        [format!(
            "GET /api/v1/apps/{}/connections/default",
            o.state.app_id
        )],
        "read only"
    );
    assert_eq!(
        o.log()[0].authorization.as_deref(),
        Some(&*format!("SSWS {}", o.state.api_token))
    );
    assert_eq!(
        s.status_with_token(&old),
        200,
        "the overlap keeps the old token"
    );
    let new = stored_token(&s);

    // The admin pastes it; Okta uses it. Re-running with --wait-for-use confirms.
    let okta_uses_it = idp_uses_token(&s.scim_url, &new, 6, Duration::from_millis(400));
    let mut c = s.cli();
    c.args([
        "token",
        "rotate",
        "--wait-for-use",
        "15s",
        "--poll-every",
        "100ms",
        "-o",
        "json",
    ]);
    let out = run(&mut c);
    okta_uses_it.join().unwrap();
    out.code(0);
    let v = out.json();
    assert_eq!(
        (v["resumed"].clone(), v["wait"]["switch"]["state"].clone()),
        (json!(true), json!("switched")),
        "{v:#}"
    );
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
}

#[test]
fn okta_pushes_where_the_connection_takes_a_token_and_refusals_keep_the_old_one() {
    let Setup { s, old } = setup("okta");
    let o = Okta::start(OktaApp::TokenScheme);
    let out = rotate(&s, &o.env(), &["--push", "okta"]);
    out.code(0);
    assert_eq!(out.json()["push"]["result"], "pushed");
    let log = o.log();
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[1].method.as_str(), log[1].query.as_str()),
        ("POST", "activate=TRUE")
    );
    let new = stored_token(&s);
    assert_eq!(
        log[1].json(),
        json!({"profile": {"authScheme": "TOKEN", "token": new}})
    );
    assert_eq!(o.state.token.lock().unwrap().as_deref(), Some(new.as_str()));

    let Setup { s, old: old2 } = setup("okta");
    let mut env = o.env();
    env[2].1 = "00wrong-ssws-token-000000000000".into();
    let out = rotate(&s, &env, &["--push", "okta"]);
    out.code(4);
    assert!(out.stderr.contains("E0000011"), "{}", out.stderr);
    assert_eq!(s.status_with_token(&old2), 200);
    let _ = old;
}

#[test]
fn no_secret_reaches_any_output_at_trace_level() {
    let Setup { s, old } = setup("entra");
    let g = Graph::start(&s.scim_url, &old);
    let mut c = s.cli();
    c.env("RUST_LOG", "trace").args([
        "-vvv",
        "token",
        "rotate",
        "--if-expiring-within",
        "400d",
        "--push",
        "entra",
        "-o",
        "json",
    ]);
    for (k, v) in g.env() {
        c.env(k, v);
    }
    let out = run(&mut c);
    out.code(0);
    run(s.cli().args(["token", "revoke-previous", "--yes"])).code(0);
    let o = Okta::start(OktaApp::TokenScheme);
    let mut c = s.cli();
    c.env("RUST_LOG", "trace")
        .args(["-vvv", "token", "regenerate", "--yes", "--push", "okta"]);
    for (k, v) in o.env() {
        c.env(k, v);
    }
    let out2 = run(&mut c);
    out2.code(0);
    assert!(
        out.stderr.contains("TRACE") || out.stderr.contains("DEBUG"),
        "verbose: {}",
        out.stderr
    );
    let new = g.saved("SecretToken").unwrap();
    let newest = stored_token(&s);
    let secrets = [
        g.state.client_secret.as_str(),
        "graph-stand-in-access-token",
        o.state.api_token.as_str(),
        &old,
        &new,
        &newest,
    ];
    for text in [&out.stdout, &out.stderr, &out2.stdout, &out2.stderr] {
        for secret in secrets {
            let head = &secret[..secret.len().min(20)];
            assert!(!text.contains(head), "a secret ({head}…) leaked:\n{text}");
            let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            assert!(
                !text.contains(&encoded[..encoded.len().min(20)]),
                "url-encoded secret leaked"
            );
        }
    }
}

#[test]
fn push_login_keeps_the_ids_in_the_profile_and_the_secret_in_the_store() {
    let Setup { s, old } = setup("entra");
    let g = Graph::start(&s.scim_url, &old);
    let st = &g.state;
    let out = run_with_stdin(
        s.cli().args([
            "push-login",
            "entra",
            "--secret-stdin",
            "--tenant-id",
            &st.tenant,
            "--client-id",
            &st.client_id,
            "--service-principal-id",
            &st.service_principal,
        ]),
        &format!("{}\n", st.client_secret),
    );
    out.code(0);
    let config = std::fs::read_to_string(s.config_dir().join("config.toml")).unwrap();
    assert!(
        config.contains("[profiles.sandbox.entra]") && config.contains(&st.tenant),
        "{config}"
    );
    assert!(
        !config.contains(&st.client_secret),
        "the secret is not in the config"
    );
    // Only the endpoints (a test's loopback stand-in) come from the environment now.
    let env: Vec<_> = g
        .env()
        .into_iter()
        .filter(|(k, _)| k.ends_with("_URL"))
        .collect();
    let out = rotate(&s, &env, &["--push", "entra"]);
    out.code(0);
    assert_eq!(g.saved("SecretToken").unwrap(), stored_token(&s));
    // logout forgets the push secret with the others.
    run(s.cli().args(["logout"])).code(0);
    let out = rotate(&s, &env, &["--push", "entra"]);
    assert_ne!(out.code, 0);
}
