//! The README's CI rotation job, run for real against the sandbox: nothing happens
//! while the token is young; when it is due, the new token reaches the push step,
//! works, and the old one fails. The README must show the script verbatim.

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
    let bin_dir = assert_cmd::cargo::cargo_bin!("scimctl")
        .parent()
        .unwrap()
        .to_owned();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
    let runner_temp = tempfile::tempdir().unwrap();
    run(Command::new(script())
        .env("PATH", path)
        .env("RUNNER_TEMP", runner_temp.path())
        .env("SCIMCTL_ADMIN_URL", &s.admin_url)
        .env("SCIMCTL_ADMIN_KEY", &s.admin_key)
        .env_remove("SCIMCTL_TOKEN")
        .env_remove("SCIMCTL_PROFILE")
        .args(["sh", "-c", &format!("cat > '{}'", pushed.display())]))
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
