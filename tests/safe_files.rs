//! Files that hold or point at secrets can't be hijacked: nothing scimctl writes
//! follows a planted name or symlink, and a config directory or file that someone
//! else owns or may write is warned about and no stored secret is read from it.
//! Another user is played by uid 65534 (`setpriv`), which needs root (as in CI).

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::*;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Runs `sh -c script` as uid/gid 65534 ("nobody").
fn as_other_user(script: &str) {
    let st = Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "sh",
            "-c",
            script,
        ])
        .status()
        .expect("setpriv");
    assert!(st.success(), "as another user: {script}");
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn names_planted_by_another_user_in_a_shared_directory_get_no_secret() {
    if !is_root() {
        eprintln!("skipped: playing another user needs root (CI runs as root)");
        return;
    }
    let s = Sandbox::start(&[]);
    let shared = tempfile::tempdir().unwrap();
    let config = shared.path().join("scimctl");
    std::fs::create_dir(&config).unwrap();
    chmod(shared.path(), 0o755);
    chmod(&config, 0o777); // shared, not sticky: anyone may create names in it
    // The other user plants the old predictable temporary names (`.NAME.tmp-PID`)
    // for the next few thousand pids, and the secret files themselves, as
    // symlinks to files it owns and can read.
    let last_pid: u32 = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .map(|s| s.trim().parse().unwrap_or(1))
        .unwrap_or(1);
    let loot = config.join(".loot");
    as_other_user(&format!(
        "set -e; mkdir -m 755 '{loot}'; cd '{config}'; python3 -c '\
import os
for n in (\"credentials.json\", \"config.toml\"):
    open(\"{loot}/\" + n, \"w\").close(); os.chmod(\"{loot}/\" + n, 0o666)
    os.symlink(\"{loot}/\" + n, n)
    for pid in range({from}, {to}):
        os.symlink(\"{loot}/\" + n, \".%s.tmp-%d\" % (n, pid))
'",
        loot = loot.display(),
        config = config.display(),
        from = last_pid + 1,
        to = last_pid + 1500,
    ));
    let out = run_with_stdin(
        scimctl()
            .env("SCIMCTL_CONFIG_DIR", &config)
            .env("HOME", shared.path())
            .args([
                "--insecure-storage",
                "--admin-url",
                &s.admin_url,
                "login",
                "--with-key",
            ]),
        &format!("{}\n", s.admin_key),
    );
    assert_ne!(
        out.code, 0,
        "a world-writable directory must not get the key: {out:?}"
    );
    assert!(
        out.stderr.contains("writable by everyone"),
        "{}",
        out.stderr
    );
    for n in ["credentials.json", "config.toml"] {
        let got = std::fs::read_to_string(loot.join(n)).unwrap();
        assert!(
            !got.contains(&s.admin_key) && !got.contains("scimadm_"),
            "the other user's {n} received: {got}"
        );
    }
}

#[test]
fn an_untrusted_config_is_warned_about_and_no_stored_secret_is_read() {
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    let dir = s.config_dir();
    let config = dir.join("config.toml");
    let creds = dir.join("credentials.json");
    run(s.cli().args(["token", "show"])).code(0);

    chmod(&dir, 0o777);
    for args in [
        &["token", "show"][..],
        &["users", "list"][..],
        &["token", "status"][..],
    ] {
        let out = run(s.cli().args(args));
        assert_ne!(out.code, 0, "{args:?}: {out:?}");
        assert!(out.stderr.contains("warning:"), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("writable by everyone"),
            "{}",
            out.stderr
        );
        assert!(!out.stdout.contains("scimtok_"), "{}", out.stdout);
    }
    chmod(&dir, 0o700);
    chmod(&config, 0o620);
    let out = run(s.cli().args(["token", "show"]));
    out.code(2);
    assert!(
        out.stderr.contains("writable by its group"),
        "{}",
        out.stderr
    );
    chmod(&config, 0o600);
    chmod(&creds, 0o666);
    let out = run(s.cli().args(["token", "show"]));
    out.code(5);
    assert!(
        out.stderr.contains("reads no secrets from it"),
        "{}",
        out.stderr
    );
    chmod(&creds, 0o600);
    run(s.cli().args(["token", "show"])).code(0);

    if is_root() {
        std::os::unix::fs::chown(&config, Some(65534), Some(65534)).unwrap();
        let out = run(s.cli().args(["users", "list"]));
        out.code(2);
        assert!(out.stderr.contains("owned by uid 65534"), "{}", out.stderr);
        std::os::unix::fs::chown(&config, Some(0), Some(0)).unwrap();
    }
    run(s.cli().args(["users", "list"])).code(0);
}

#[test]
fn a_transcript_never_follows_a_symlink_and_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "untouched").unwrap();
    let transcript = dir.path().join("run.txt");
    std::os::unix::fs::symlink(&victim, &transcript).unwrap();
    let out = run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", dir.path().join("config"))
        .env("HOME", dir.path())
        .args([
            "simulate",
            "okta",
            "--scenario",
            "connection",
            "--transcript",
        ])
        .arg(&transcript));
    out.code(0);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
    let meta = std::fs::symlink_metadata(&transcript).unwrap();
    assert!(meta.file_type().is_file());
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(
        std::fs::read_to_string(&transcript)
            .unwrap()
            .contains("HTTP/1.1")
    );
}
