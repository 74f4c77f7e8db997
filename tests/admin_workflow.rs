//! The admin workflow with the real binary against a real sandbox: profiles,
//! login, enable, token status/regenerate/rotate/show, disable, status, and every
//! documented refusal with its exit code (file store; the OS stores have their own
//! test file).

mod common;

use std::os::unix::fs::PermissionsExt;

use common::*;
use reqwest::Method;

fn scim_status(s: &Sandbox) -> serde_json::Value {
    send(s.admin(Method::GET, "/scim")).1
}

#[test]
fn sandbox_writes_a_default_profile_that_commands_use() {
    let s = Sandbox::start(&[]);
    let out = run(s.cli().args(["status", "-o", "json"]));
    out.code(0);
    let v = out.json();
    assert_eq!(v["profile"]["value"], "sandbox");
    assert_eq!(v["profile"]["source"], "config default_profile");
    assert_eq!(v["admin_url"]["value"], s.admin_url);
    assert_eq!(v["admin_url"]["source"], "profile sandbox");
    assert_eq!(v["credential_store"]["value"], "file");
    assert_eq!(v["service"]["enabled"], false);
    assert_eq!(v["service"]["users"]["total"], 1);
    // flag > env > profile: each wins over the next, and says so
    let out = run(s
        .cli()
        .env("SCIMCTL_URL", "http://127.0.0.1:9/scim/v2")
        .args(["status", "-o", "json"]));
    assert_eq!(out.json()["scim_url"]["source"], "env SCIMCTL_URL");
    let out = run(s
        .cli()
        .env("SCIMCTL_URL", "http://127.0.0.1:9/scim/v2")
        .args([
            "status",
            "-o",
            "json",
            "--url",
            "http://127.0.0.1:8/scim/v2",
        ]));
    assert_eq!(
        out.json()["scim_url"]["value"],
        "http://127.0.0.1:8/scim/v2"
    );
    assert_eq!(out.json()["scim_url"]["source"], "flag --url");
}

#[test]
fn enable_stores_the_token_and_shows_it_only_when_asked() {
    let s = Sandbox::start(&[]);
    // off a terminal, without --print-token: the token is stored, not printed
    let out = run(s.cli().args(["enable", "--idp", "okta"]));
    out.code(0);
    assert!(out.stdout.is_empty(), "nothing on stdout: {out:?}");
    assert!(
        out.stderr.contains("SCIM connector base URL"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("HTTP Header"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Split_Administrators"),
        "{}",
        out.stderr
    );
    let shown = run(s.cli().args(["token", "show"]));
    shown.code(0);
    let token = shown.stdout.trim().to_owned();
    assert!(token.starts_with("scimtok_"), "{shown:?}");
    assert!(!out.stderr.contains(&token), "the token was not asked for");
    assert_eq!(s.status_with_token(&token), 200);
    let creds = s.config_dir().join("credentials.json");
    let mode = std::fs::metadata(&creds).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let st = scim_status(&s);
    assert_eq!(st["enabled"], true);
    assert_eq!(st["idp"], "okta");
    // the profile learned the IdP
    let cfg = std::fs::read_to_string(s.config_dir().join("config.toml")).unwrap();
    assert!(cfg.contains("idp = \"okta\""), "{cfg}");
    assert!(!cfg.contains(&token), "the config file holds no secrets");
}

#[test]
fn enable_print_token_and_json() {
    let s = Sandbox::start(&[]);
    let out = run(s.cli().args(["enable", "--idp", "entra", "--print-token"]));
    out.code(0);
    let token = out.stdout.trim();
    assert_eq!(out.stdout.lines().count(), 1, "the token alone: {out:?}");
    assert_eq!(s.status_with_token(token), 200);
    assert!(out.stderr.contains("Tenant URL"), "{}", out.stderr);
    assert!(out.stderr.contains("Secret Token"), "{}", out.stderr);
    assert!(out.stderr.contains("userPrincipalName"), "{}", out.stderr);
    assert!(out.stderr.contains("40 minutes"), "{}", out.stderr);

    let s2 = Sandbox::start(&[]);
    let out = run(s2.cli().args(["enable", "--idp", "onelogin", "-o", "json"]));
    out.code(0);
    let v = out.json();
    assert_eq!(v["idp"], "onelogin");
    assert_eq!(v["scim_base_url"], s2.scim_url);
    assert_eq!(s2.status_with_token(v["token"].as_str().unwrap()), 200);
    assert_eq!(v["setup"]["fields"][0]["field"], "SCIM Base URL");
    let created: jiff::Timestamp = v["created_at"].as_str().unwrap().parse().unwrap();
    let expires: jiff::Timestamp = v["expires_at"].as_str().unwrap().parse().unwrap();
    assert_eq!((expires.as_second() - created.as_second()) / 86_400, 365);
}

#[test]
fn enable_refusals_have_reasons_and_change_nothing() {
    // SSO not strict
    let s = Sandbox::start(&["--sso", "saml"]);
    let out = run(s.cli().args(["enable", "--idp", "okta"]));
    out.code(1);
    assert!(out.stderr.contains("strict mode"), "{}", out.stderr);
    assert!(out.stderr.contains("hint:"), "{}", out.stderr);
    assert_eq!(scim_status(&s)["enabled"], false);
    assert!(
        !s.config_dir().join("credentials.json").exists() || {
            let c = std::fs::read_to_string(s.config_dir().join("credentials.json")).unwrap();
            !c.contains("scim-token")
        }
    );
    // already enabled
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    let before = run(s.cli().args(["token", "show"])).stdout;
    let out = run(s.cli().args(["enable", "--idp", "entra"]));
    out.code(1);
    assert!(out.stderr.contains("already on"), "{}", out.stderr);
    assert!(out.stderr.contains("token regenerate"), "{}", out.stderr);
    assert_eq!(run(s.cli().args(["token", "show"])).stdout, before);
    assert_eq!(scim_status(&s)["idp"], "okta");
    // unknown IdP: a usage error from the parser
    run(s.cli().args(["enable", "--idp", "pingone"])).code(2);
}

#[test]
fn bad_admin_key_unreachable_service_and_no_key() {
    let s = Sandbox::start(&[]);
    let out = run(s
        .cli()
        .env("SCIMCTL_ADMIN_KEY", "scimadm_wrong")
        .args(["enable", "--idp", "okta"]));
    out.code(4);
    assert!(out.stderr.contains("scimctl login"), "{}", out.stderr);
    assert!(!out.stderr.contains("scimadm_wrong"), "{}", out.stderr);
    assert_eq!(scim_status(&s)["enabled"], false);

    let out = run(s.cli().env("SCIMCTL_ADMIN_KEY", &s.admin_key).args([
        "--admin-url",
        "http://127.0.0.1:9/api/v1",
        "enable",
        "--idp",
        "okta",
    ]));
    out.code(1);
    assert!(
        out.stderr.contains("cannot reach the admin API"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("hint:"), "{}", out.stderr);

    // A profile the config does not know is a mistake, not an empty profile.
    let out = run(s.cli().args(["--profile", "acme", "token", "status"]));
    out.code(2);
    assert!(
        out.stderr.contains("there is no profile 'acme'")
            && out.stderr.contains("known profiles: sandbox"),
        "{}",
        out.stderr
    );
    let out = run(s.cli().args([
        "--profile",
        "acme",
        "--admin-url",
        &s.admin_url,
        "token",
        "status",
    ]));
    out.code(4);
    assert!(out.stderr.contains("no admin API key"), "{}", out.stderr);

    let out = run(s
        .cli()
        .args(["--admin-url", "http://admin.example.com/api/v1", "status"]));
    assert!(out.stderr.contains("unencrypted"), "{}", out.stderr);
}

#[test]
fn malformed_config_is_a_clear_usage_error() {
    let s = Sandbox::start(&[]);
    let cfg = s.config_dir().join("config.toml");
    std::fs::write(
        &cfg,
        "default_profile = \"sandbox\"\n[profiles.sandbox\nadmin_url = 3\n",
    )
    .unwrap();
    let out = run(s.cli().args(["status"]));
    out.code(2);
    assert!(out.stderr.contains("malformed"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&cfg.display().to_string()),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("hint:"), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn login_stores_a_checked_key_read_from_stdin() {
    let s = Sandbox::start(&[]);
    let cfg = tempfile::tempdir().unwrap();
    let cli = || {
        let mut c = scimctl();
        c.env("SCIMCTL_CONFIG_DIR", cfg.path())
            .args(["--profile", "acme", "--insecure-storage"]);
        c
    };
    let out = run_with_stdin(
        cli().args(["--admin-url", &s.admin_url, "login", "--with-key"]),
        "scimadm_nope\n",
    );
    out.code(4);
    // The store was checked before the key was read (so it may exist now), but
    // the refused key is not in it.
    let stored = std::fs::read_to_string(cfg.path().join("credentials.json")).unwrap_or_default();
    assert!(
        !stored.contains("scimadm_nope"),
        "a refused key is not stored: {stored}"
    );
    let out = run_with_stdin(
        cli().args(["--admin-url", &s.admin_url, "login", "--with-key"]),
        &format!("{}\n", s.admin_key),
    );
    out.code(0);
    assert!(
        out.stderr.contains("plain text"),
        "file storage warns: {}",
        out.stderr
    );
    // no --admin-url now: the profile remembers it, and the key is in the store
    let out = run(cli().args(["enable", "--idp", "other", "-o", "json"]));
    out.code(0);
    assert_eq!(out.json()["idp"], "other");
    let out = run(cli().args(["status", "-o", "json"]));
    assert_eq!(out.json()["admin_url"]["source"], "profile acme");
    assert_eq!(out.json()["service"]["idp"], "other");
    // login without a terminal and without --with-key is refused
    run(cli().stdin(std::process::Stdio::null()).args(["login"])).code(2);
}

#[test]
fn token_status_exit_codes_pin_the_ci_contract() {
    let s = Sandbox::start(&[]);
    // SCIM off: invalid
    let out = run(s.cli().args(["token", "status", "-o", "json"]));
    out.code(7);
    assert_eq!(out.json()["verdict"], "scim_off");
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    let out = run(s
        .cli()
        .args(["token", "status", "--warn-within", "30d", "-o", "json"]));
    out.code(0);
    let v = out.json();
    assert_eq!(v["verdict"], "ok");
    assert_eq!(v["works"]["result"], "works");
    assert!(v["days_left"].as_i64().unwrap() >= 364);
    assert_eq!(v["local_copy"]["kind"], "file", "{v}");
    assert!(
        v["local_copy"]["description"]
            .as_str()
            .unwrap()
            .contains("credentials.json")
    );
    // expiring within the window: 6
    s.expire_token_in_days(10);
    let out = run(s
        .cli()
        .args(["token", "status", "--warn-within", "30d", "-o", "json"]));
    out.code(6);
    assert_eq!(out.json()["verdict"], "expiring_soon");
    run(s.cli().args(["token", "status", "--warn-within", "5d"])).code(0);
    // expired: 7
    s.expire_token_in_days(-365);
    let out = run(s.cli().args(["token", "status", "-o", "json"]));
    out.code(7);
    assert_eq!(out.json()["verdict"], "expired");
    // a stale local copy (regenerated elsewhere) is refused: 7
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    send(s.admin(Method::POST, "/scim/token"));
    let out = run(s.cli().args(["token", "status", "-o", "json"]));
    out.code(7);
    assert_eq!(out.json()["verdict"], "refused");
    // bad window: usage
    run(s.cli().args(["token", "status", "--warn-within", "30"])).code(2);
}

#[test]
fn regenerate_replaces_the_token_and_needs_yes_without_a_terminal() {
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    let old = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    let out = run(s.cli().args(["token", "regenerate"]));
    out.code(2);
    assert!(out.stderr.contains("--yes"), "{}", out.stderr);
    assert_eq!(s.status_with_token(&old), 200, "nothing changed");
    let out = run(s
        .cli()
        .args(["token", "regenerate", "--yes", "--print-token"]));
    out.code(0);
    let new = out.stdout.trim();
    assert_ne!(new, old);
    assert_eq!(s.status_with_token(new), 200);
    assert_eq!(s.status_with_token(&old), 401);
    assert_eq!(run(s.cli().args(["token", "show"])).stdout.trim(), new);
}

#[test]
fn rotate_does_nothing_until_due_then_rotates() {
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    let old = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    let out = run(s.cli().args([
        "token",
        "rotate",
        "--if-expiring-within",
        "30d",
        "-o",
        "json",
    ]));
    out.code(0);
    assert_eq!(out.json()["rotated"], false);
    assert!(out.json().get("token").is_none());
    assert_eq!(s.status_with_token(&old), 200);
    s.expire_token_in_days(3);
    let out = run(s.cli().args([
        "token",
        "rotate",
        "--if-expiring-within",
        "30d",
        "-o",
        "json",
    ]));
    out.code(0);
    let v = out.json();
    assert_eq!(v["rotated"], true);
    assert_eq!(v["works"]["result"], "works");
    assert!(
        v.get("token").is_none(),
        "no token without --print-token: {v}"
    );
    assert!(v["days_left"].as_i64().unwrap() >= 364);
    assert_eq!(s.status_with_token(&old), 401);
    let new = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    assert_eq!(s.status_with_token(&new), 200);
    // --print-token puts it in the JSON
    let out = run(s.cli().args([
        "token",
        "rotate",
        "--if-expiring-within",
        "400d",
        "--print-token",
        "-o",
        "json",
    ]));
    out.code(0);
    let t = out.json()["token"].as_str().unwrap().to_owned();
    assert_eq!(s.status_with_token(&t), 200);
    assert_eq!(s.status_with_token(&new), 401);
}

#[test]
fn disable_needs_the_word_and_removes_the_local_copy() {
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    let token = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    s.handle(Some(token.clone())).user("ada@example.com");
    let out = run(s.cli().args(["disable"]));
    out.code(2);
    assert!(out.stderr.contains("--confirm DISABLE"), "{}", out.stderr);
    let out = run(s.cli().args(["disable", "--confirm", "disable"]));
    out.code(3);
    assert!(out.stderr.contains("nothing changed"), "{}", out.stderr);
    assert_eq!(scim_status(&s)["enabled"], true);
    assert_eq!(s.status_with_token(&token), 200);
    let out = run(s
        .cli()
        .args(["disable", "--confirm", "DISABLE", "-o", "json"]));
    out.code(0);
    let v = out.json();
    assert_eq!(v["converted_users"], 1);
    assert_eq!(v["local_token_removed"], true);
    assert_eq!(scim_status(&s)["enabled"], false);
    assert_eq!(s.status_with_token(&token), 401);
    run(s.cli().args(["token", "show"])).code(4);
    // Already off: the state asked for holds, so it is a success with a note.
    let out = run(s.cli().args(["disable", "--confirm", "DISABLE"]));
    out.code(0);
    assert!(out.stderr.contains("already off"), "{}", out.stderr);
    let out = run(s
        .cli()
        .args(["disable", "--confirm", "DISABLE", "-o", "json"]));
    out.code(0);
    assert_eq!(out.json()["changed"], false);
}

#[test]
fn env_token_wins_and_is_never_stored() {
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    let out = run(s
        .cli()
        .env("SCIMCTL_TOKEN", "scimtok_from_env")
        .args(["token", "status", "-o", "json"]));
    out.code(7);
    let v = out.json();
    assert_eq!(
        v["local_copy"],
        serde_json::json!({"kind": "env", "description": "env SCIMCTL_TOKEN"})
    );
    assert_eq!(v["verdict"], "refused");
    assert!(!out.stdout.contains("scimtok_from_env"));
    let out = run(s.cli().env("SCIMCTL_TOKEN", "scimtok_from_env").args([
        "token",
        "regenerate",
        "--yes",
    ]));
    out.code(0);
    assert!(
        out.stderr.contains("SCIMCTL_TOKEN is set"),
        "{}",
        out.stderr
    );
}
