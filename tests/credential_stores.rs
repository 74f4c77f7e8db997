//! The lifecycle against real credential stores: the Linux kernel keyring
//! (keyutils, in an anonymous session keyring of the test's own), the Secret
//! Service (gnome-keyring under a private D-Bus session, as `scripts/test` and CI
//! set up), stores that are missing, and a store that fails after the service
//! issued a token (the token is printed, never lost).

mod common;

use common::*;
use reqwest::Method;

/// Joins a new anonymous session keyring, which children inherit: CI and
/// containers have none, and the kernel keyring store needs one.
fn join_anonymous_session_keyring() {
    const KEYCTL_JOIN_SESSION_KEYRING: libc::c_long = 1;
    let r = unsafe {
        libc::syscall(
            libc::SYS_keyctl,
            KEYCTL_JOIN_SESSION_KEYRING,
            std::ptr::null::<libc::c_char>(),
        )
    };
    assert!(r > 0, "keyctl join: {}", std::io::Error::last_os_error());
}

/// A profile name no other test (or run) shares: the kernel's persistent keyring
/// is per user, not per session.
fn unique_profile(tag: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{tag}-{}-{nanos}", std::process::id())
}

/// enable → show → status → rotate → disable with `store`, as a profile of its own.
fn lifecycle(s: &Sandbox, store: &str, profile: &str, env: &[(&str, &str)]) {
    let cli = || {
        let mut c = s.cli();
        c.env("SCIMCTL_ADMIN_KEY", &s.admin_key)
            .envs(env.iter().copied())
            .args(["--profile", profile, "--admin-url", &s.admin_url])
            .args(["--credential-store", store]);
        c
    };
    let out = run(cli().args(["enable", "--idp", "okta"]));
    out.code(0);
    let token = run(cli().args(["token", "show"])).stdout.trim().to_owned();
    assert!(token.starts_with("scimtok_"), "{out:?}");
    assert_eq!(s.status_with_token(&token), 200);
    assert!(
        !s.config_dir().join("credentials.json").exists(),
        "the {store} store wrote no file"
    );
    let st = run(cli().args(["token", "status", "-o", "json"]));
    st.code(0);
    assert_eq!(st.json()["works"]["result"], "works");
    s.expire_token_in_days(2);
    let rot = run(cli().args(["token", "rotate", "-o", "json"]));
    rot.code(0);
    assert_eq!(rot.json()["rotated"], true);
    let new = run(cli().args(["token", "show"])).stdout.trim().to_owned();
    assert_ne!(new, token);
    assert_eq!(s.status_with_token(&new), 200);
    assert_eq!(s.status_with_token(&token), 401);
    let off = run(cli().args(["disable", "--confirm", "DISABLE", "-o", "json"]));
    off.code(0);
    assert_eq!(off.json()["local_token_removed"], true);
    run(cli().args(["token", "show"])).code(4);
}

#[test]
fn keyutils_lifecycle() {
    join_anonymous_session_keyring();
    let s = Sandbox::start(&[]);
    let profile = unique_profile("keyutils");
    lifecycle(&s, "keyutils", &profile, &[]);
}

#[test]
fn keyutils_warns_that_it_is_lost_on_reboot() {
    join_anonymous_session_keyring();
    let s = Sandbox::start(&[]);
    let profile = unique_profile("keyutils-warn");
    let out = run(s
        .cli()
        .env("SCIMCTL_ADMIN_KEY", &s.admin_key)
        .args(["--profile", &profile, "--admin-url", &s.admin_url])
        .args(["--credential-store", "keyutils", "enable", "--idp", "okta"]));
    out.code(0);
    assert!(out.stderr.contains("wiped on reboot"), "{}", out.stderr);
    run(s
        .cli()
        .env("SCIMCTL_ADMIN_KEY", &s.admin_key)
        .args(["--profile", &profile, "--admin-url", &s.admin_url])
        .args([
            "--credential-store",
            "keyutils",
            "disable",
            "--confirm",
            "DISABLE",
        ]))
    .code(0);
}

/// Whether a Secret Service answers here; `SCIMCTL_TEST_REQUIRE_SECRET_SERVICE=1`
/// (set by CI) turns its absence into a failure instead of a skip.
fn secret_service_available() -> bool {
    let present = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    if !present && std::env::var_os("SCIMCTL_TEST_REQUIRE_SECRET_SERVICE").is_some() {
        panic!(
            "no D-Bus session, but SCIMCTL_TEST_REQUIRE_SECRET_SERVICE is set: run under scripts/test"
        );
    }
    if !present {
        eprintln!("skipped: no D-Bus session (scripts/test provides one with gnome-keyring)");
    }
    present
}

#[test]
fn secret_service_lifecycle() {
    if !secret_service_available() {
        return;
    }
    let s = Sandbox::start(&[]);
    let profile = unique_profile("secret-service");
    lifecycle(&s, "keyring", &profile, &[]);
}

#[test]
fn no_keyring_service_fails_before_anything_changes() {
    let s = Sandbox::start(&[]);
    let out = run(s
        .cli()
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .args(["--credential-store", "keyring", "enable", "--idp", "okta"]));
    out.code(5);
    assert!(out.stderr.contains("nothing was changed"), "{}", out.stderr);
    for way_out in [
        "--credential-store keyutils",
        "--insecure-storage",
        "SCIMCTL_TOKEN",
    ] {
        assert!(
            out.stderr.contains(way_out),
            "names {way_out}: {}",
            out.stderr
        );
    }
    assert_eq!(send(s.admin(Method::GET, "/scim")).1["enabled"], false);
}

#[test]
fn keyutils_without_a_session_keyring_fails_before_anything_changes() {
    // A session keyring of our own, revoked: the children inherit a session
    // keyring they cannot use, as in a locked-down container.
    join_anonymous_session_keyring();
    const KEYCTL_REVOKE: libc::c_long = 3;
    const KEY_SPEC_SESSION_KEYRING: libc::c_long = -3;
    let r = unsafe { libc::syscall(libc::SYS_keyctl, KEYCTL_REVOKE, KEY_SPEC_SESSION_KEYRING) };
    assert_eq!(r, 0, "revoke: {}", std::io::Error::last_os_error());
    let s = Sandbox::start(&[]);
    let out = run(s
        .cli()
        .args(["--credential-store", "keyutils", "enable", "--idp", "okta"]));
    out.code(5);
    assert!(out.stderr.contains("nothing was changed"), "{}", out.stderr);
    assert_eq!(send(s.admin(Method::GET, "/scim")).1["enabled"], false);
}

#[test]
fn locked_secret_service_fails_before_anything_changes() {
    if !secret_service_available() {
        return;
    }
    // A private bus whose gnome-keyring has a fresh, never-unlocked keyring:
    // storing needs an unlock prompt that nobody can answer.
    let s = Sandbox::start(&[]);
    let data = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin!("scimctl");
    let script = format!(
        "gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; exec '{}' --credential-store keyring enable --idp okta",
        bin.display()
    );
    let mut wrapped = std::process::Command::new("dbus-run-session");
    wrapped
        .env("SCIMCTL_CONFIG_DIR", s.config_dir())
        .env("XDG_DATA_HOME", data.path())
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("SCIMCTL_CREDENTIAL_STORE")
        .env_remove("SCIMCTL_TOKEN")
        .args(["--", "sh", "-c", &script])
        .stdin(std::process::Stdio::null());
    let out = run(&mut wrapped);
    out.code(5);
    assert!(out.stderr.contains("nothing was changed"), "{}", out.stderr);
    assert_eq!(send(s.admin(Method::GET, "/scim")).1["enabled"], false);
}

#[test]
fn a_token_is_never_lost_when_storing_fails_after_issue() {
    let s = Sandbox::start(&[]);
    let out = run(s
        .cli()
        .env("SCIMCTL_TEST_FAIL_STORE", "1")
        .args(["enable", "--idp", "okta"]));
    out.code(5);
    let token = out.stdout.trim();
    assert!(token.starts_with("scimtok_"), "printed on stdout: {out:?}");
    assert_eq!(
        s.status_with_token(token),
        200,
        "the printed token is the live one"
    );
    assert!(out.stderr.contains("could not store it"), "{}", out.stderr);
    assert!(out.stderr.contains("printed above"), "{}", out.stderr);
    // the same holds for regenerate and rotate
    let out =
        run(s
            .cli()
            .env("SCIMCTL_TEST_FAIL_STORE", "1")
            .args(["token", "regenerate", "--yes"]));
    out.code(5);
    assert_eq!(s.status_with_token(out.stdout.trim()), 200);
    assert_eq!(s.status_with_token(token), 401);
}
