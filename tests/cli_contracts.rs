//! The command line's promises, pinned: case-insensitive enumerations, flags
//! that would be ignored are refused, reference texts show this machine's paths.

mod common;

use common::*;

#[test]
fn idp_names_are_accepted_in_any_case() {
    let s = Sandbox::start(&[]);
    let out = run(s.cli().args([
        "enable",
        "--idp",
        "Okta",
        "--insecure-storage",
        "-o",
        "json",
    ]));
    out.code(0);
    assert_eq!(out.json()["idp"], "okta");
}

#[test]
fn token_stdin_without_a_url_is_refused_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_with_stdin(
        scimctl().env("SCIMCTL_CONFIG_DIR", dir.path()).args([
            "simulate",
            "entra",
            "--token-stdin",
        ]),
        "scimtok_some-token-0000",
    );
    out.code(2);
    assert!(out.stderr.contains("--url"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn help_files_shows_where_the_files_are_here() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", dir.path())
        .args(["help", "files"]));
    out.code(0);
    let here = format!("here: {}", dir.path().join("config.toml").display());
    assert!(out.stdout.contains(&here), "{}", out.stdout);
}
