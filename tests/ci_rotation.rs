//! The README's CI rotation job, run for real against the sandbox: nothing happens
//! while the token is young; when it is due, the new token reaches the push step,
//! works, and the old one fails. Without a usable push step nothing is rotated; a
//! failing push leaves the new token in the rescue file and says so loudly. The
//! README must show the script verbatim.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn script() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/ci-rotate-token.sh"
    ))
}

fn rotate_job(s: &Sandbox, pushed: &Path) -> Out {
    rotate_job_with(
        s,
        &["sh", "-c", &format!("cat > '{}'", pushed.display())],
        None,
    )
}

fn rotate_job_with(s: &Sandbox, push: &[&str], rescue: Option<&Path>) -> Out {
    let bin_dir = assert_cmd::cargo::cargo_bin!("scimctl")
        .parent()
        .unwrap()
        .to_owned();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
    let runner_temp = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(script());
    cmd.env("PATH", path)
        .env("RUNNER_TEMP", runner_temp.path())
        .env("SCIMCTL_ADMIN_URL", &s.admin_url)
        .env("SCIMCTL_ADMIN_KEY", &s.admin_key)
        .env_remove("SCIMCTL_TOKEN")
        .env_remove("SCIMCTL_PROFILE")
        .env_remove("SCIMCTL_RESCUE_FILE")
        .args(push);
    if let Some(r) = rescue {
        cmd.env("SCIMCTL_RESCUE_FILE", r);
    }
    run(&mut cmd)
}

#[test]
fn without_a_usable_push_step_nothing_is_rotated() {
    let s = Sandbox::enabled();
    let old = s.token.clone().unwrap();
    s.expire_token_in_days(12);
    for push in [&[][..], &["no-such-push-command-xyz"][..]] {
        let out = rotate_job_with(&s, push, None);
        out.code(2);
        assert!(out.stderr.contains("nothing was rotated"), "{}", out.stderr);
        assert_eq!(s.status_with_token(&old), 200, "the old token still works");
    }
}

#[test]
fn a_failing_push_keeps_the_new_token_in_the_rescue_file_and_fails_loudly() {
    let s = Sandbox::enabled();
    let old = s.token.clone().unwrap();
    s.expire_token_in_days(12);
    let rescue = s.dir.path().join("rescue-token");
    // The push step reads its input, then fails (as an IdP API refusing would).
    let out = rotate_job_with(&s, &["sh", "-c", "cat >/dev/null; exit 3"], Some(&rescue));
    out.code(1);
    assert!(
        out.stderr.contains("push command failed (exit 3)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("provisioning is DOWN"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&rescue.display().to_string()),
        "{}",
        out.stderr
    );
    let new = std::fs::read_to_string(&rescue).unwrap().trim().to_owned();
    assert!(new.starts_with("scimtok_") && new != old, "{new}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&rescue).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the rescue file is private");
    }
    assert_eq!(
        s.status_with_token(&new),
        200,
        "the rescued token is the live one"
    );
    assert!(!out.stdout.contains(&new) && !out.stderr.contains(&new));

    // A push step that never reads its input and fails: no SIGPIPE exit, same story.
    let out = rotate_job_with(&s, &["false"], Some(&rescue));
    out.code(0); // not due any more: the rotation above renewed the token
    s.expire_token_in_days(12);
    let out2 = rotate_job_with(&s, &["false"], Some(&rescue));
    out2.code(1);
    assert!(
        out2.stderr.contains("push command failed (exit 1)"),
        "{}",
        out2.stderr
    );
    assert!(out.stderr.contains("not rotated"), "{}", out.stderr);
}

#[test]
fn the_readme_rotation_job_rotates_only_when_due() {
    let s = Sandbox::enabled();
    let old = s.token.clone().unwrap();
    let pushed = s.dir.path().join("pushed-token");

    let out = rotate_job(&s, &pushed);
    out.code(0);
    assert!(out.stderr.contains("not rotated"), "{}", out.stderr);
    assert!(!pushed.exists(), "nothing pushed when not due");
    assert_eq!(s.status_with_token(&old), 200);

    s.expire_token_in_days(12);
    let out = rotate_job(&s, &pushed);
    out.code(0);
    assert!(
        out.stderr.contains("rotated: the new token expires"),
        "{}",
        out.stderr
    );
    let new = std::fs::read_to_string(&pushed).unwrap().trim().to_owned();
    assert!(new.starts_with("scimtok_") && new != old);
    assert_eq!(s.status_with_token(&new), 200, "the new token works");
    assert_eq!(s.status_with_token(&old), 401, "the old one fails");
    assert!(
        !out.stdout.contains(&new) && !out.stderr.contains(&new),
        "only the push step saw it"
    );
}

#[test]
fn the_readme_shows_the_script_verbatim() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let body = std::fs::read_to_string(script()).unwrap();
    assert!(
        readme.contains(body.trim_end()),
        "README.md must quote examples/ci-rotate-token.sh exactly; copy it in again"
    );
}

#[test]
fn token_status_without_a_readable_local_copy_keeps_the_ci_contract() {
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    // A runner whose store can't be read (here: a credentials file that is not one).
    std::fs::write(s.config_dir().join("credentials.json"), "not json").unwrap();
    let out = run(s.cli().args(["token", "status", "-o", "json"]));
    out.code(0);
    let v = out.json();
    assert_eq!(v["verdict"], "ok");
    assert!(v["local_copy"].is_null(), "{v}");
    assert!(
        v["local_copy_error"]
            .as_str()
            .unwrap()
            .contains("not a scimctl credentials file")
    );
    assert!(
        v["expires_at"].is_string(),
        "what the service knows is still there: {v}"
    );
    s.expire_token_in_days(12);
    let out = run(s
        .cli()
        .args(["token", "status", "--warn-within", "30d", "-o", "json"]));
    out.code(6);
    assert_eq!(out.json()["verdict"], "expiring_soon");
}
