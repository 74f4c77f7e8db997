//! Profiles you can see and switch: `profiles list|use|remove`, `logout`,
//! `whoami`, a mistyped profile name (flag or `default_profile`) as an error
//! naming the known ones, and `login` saying which profile is the default.

mod common;

use common::*;

#[test]
fn profiles_are_listed_switched_removed_and_logged_out_of() {
    let s = Sandbox::start(&[]);
    let out = run_with_stdin(
        s.cli().args([
            "--profile",
            "acme",
            "--insecure-storage",
            "--admin-url",
            &s.admin_url,
            "login",
            "--with-key",
        ]),
        &format!("{}\n", s.admin_key),
    );
    out.code(0);
    assert!(
        out.stderr
            .contains("the default profile is still 'sandbox'")
            && out.stderr.contains("scimctl profiles use acme"),
        "{}",
        out.stderr
    );

    let v = run(s.cli().args(["profiles", "list", "-o", "json"])).json();
    assert_eq!(v["default"], "sandbox");
    let names: Vec<&str> = v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["acme", "sandbox"]);
    assert_eq!(v["profiles"][0]["admin_url"], s.admin_url.as_str());

    let out = run(s.cli().args(["profiles", "use", "acmee"]));
    out.code(2);
    assert!(
        out.stderr.contains("known profiles: acme, sandbox"),
        "{}",
        out.stderr
    );

    run(s.cli().args(["profiles", "use", "acme"])).code(0);
    let out = run(s.cli().args(["whoami"]));
    out.code(0);
    assert!(
        out.stdout
            .starts_with("profile acme (config default_profile)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("admin key of Sandbox Owner <owner@sandbox.example> from"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("(accepted)"), "{}", out.stdout);
    assert_eq!(out.stdout.lines().count(), 1, "one line: {}", out.stdout);
    let v = run(s.cli().args(["whoami", "-o", "json"])).json();
    assert_eq!(v["service"]["key_accepted"], true, "{v}");
    assert_eq!(
        v["service"]["key_owner"]["user_name"], "owner@sandbox.example",
        "{v}"
    );
    assert!(
        v["service"]["key_fingerprint"]
            .as_str()
            .is_some_and(|f| f.starts_with("sha256:")),
        "{v}"
    );
    assert_eq!(v["profile"]["value"], "acme");

    let v = run(s.cli().args(["logout", "-o", "json"])).json();
    assert_eq!(v["removed"], serde_json::json!(["admin API key"]), "{v}");
    let out = run(s.cli().args(["whoami"]));
    assert!(out.stdout.contains("no admin key"), "{}", out.stdout);

    // Not on a terminal, removing asks for --yes.
    run(s.cli().args(["profiles", "remove", "acme"])).code(2);
    let v = run(s
        .cli()
        .args(["profiles", "remove", "acme", "--yes", "-o", "json"]))
    .json();
    assert_eq!(v["removed"], "acme");
    let v = run(s.cli().args(["profiles", "list", "-o", "json"])).json();
    assert_eq!(v["profiles"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["default"],
        serde_json::Value::Null,
        "the removed default is no default any more"
    );
}

#[test]
fn a_profile_the_config_does_not_have_is_an_error_not_an_empty_profile() {
    let s = Sandbox::start(&[]);
    let out = run(s.cli().args(["--profile", "sandbx", "status"]));
    out.code(2);
    assert!(
        out.stderr.contains("there is no profile 'sandbx'")
            && out.stderr.contains("known profiles: sandbox"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    let out = run(s
        .cli()
        .env("SCIMCTL_PROFILE", "nope")
        .args(["users", "list"]));
    out.code(2);
    assert!(
        out.stderr.contains("SCIMCTL_PROFILE"),
        "names where the name came from: {}",
        out.stderr
    );
    // A default_profile naming nothing: the same, and `profiles use` mends it.
    let config = s.config_dir().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace(
            "default_profile = \"sandbox\"",
            "default_profile = \"nope\"",
        ),
    )
    .unwrap();
    let out = run(s.cli().args(["status"]));
    out.code(2);
    assert!(
        out.stderr.contains("'nope'") && out.stderr.contains("default_profile"),
        "{}",
        out.stderr
    );
    run(s.cli().args(["profiles", "use", "sandbox"])).code(0);
    run(s.cli().args(["status"])).code(0);
}
