//! Secrets stay secret: the whole admin lifecycle at the highest verbosity (and
//! with RUST_LOG=trace, which reaches into the HTTP stack) never shows a token or
//! the admin key except where the user asked for it (`token show`,
//! `--print-token`, `-o json` of enable); not in logs, errors, the config file,
//! or the sandbox's own log.

mod common;

use common::*;

struct Transcript {
    text: String,
}

impl Transcript {
    fn add(&mut self, what: &str, out: &Out) {
        self.text
            .push_str(&format!("\n## {what}\n{}\n{}", out.stdout, out.stderr));
    }
}

#[test]
fn the_lifecycle_at_trace_level_leaks_no_secret() {
    let s = Sandbox::start(&["-vvv"]);
    let mut unasked = Transcript {
        text: String::new(),
    };
    let loud = |args: &[&str]| {
        let mut c = s.cli();
        c.env("RUST_LOG", "trace").arg("-vvv").args(args);
        c
    };
    let mut tokens = Vec::new();
    let show = |tokens: &mut Vec<String>| {
        let t = run(s.cli().args(["token", "show"]))
            .stdout
            .trim()
            .to_owned();
        assert!(t.starts_with("scimtok_"));
        tokens.push(t);
    };

    let out = run(&mut loud(&["enable", "--idp", "okta"]));
    out.code(0);
    assert!(
        out.stderr.contains("TRACE") || out.stderr.contains("DEBUG"),
        "verbose: {}",
        out.stderr
    );
    unasked.add("enable", &out);
    show(&mut tokens);
    for args in [
        &["status"][..],
        &["status", "-o", "json"],
        &["token", "status", "--warn-within", "30d"],
        &["token", "status", "-o", "json"],
        &["token", "rotate", "-o", "json"],
        &["token", "regenerate", "--yes"],
        &["token", "regenerate", "--yes", "--overlap", "1h"],
        &["token", "status"],
        &["token", "revoke-previous", "--yes"],
        &["users", "list"],
    ] {
        let out = run(&mut loud(args));
        assert!(out.code == 0 || out.code == 6, "{args:?}: {out:?}");
        unasked.add(&args.join(" "), &out);
        show(&mut tokens);
    }
    s.expire_token_in_days(1);
    let out = run(&mut loud(&["token", "rotate"]));
    out.code(0);
    unasked.add("rotate when due", &out);
    show(&mut tokens);
    // errors that carry a token in the request: a wrong SCIM URL, a refused token
    let out = run(
        loud(&["token", "status", "--url", "http://127.0.0.1:9/scim/v2"])
            .env("SCIMCTL_TOKEN", &tokens[0]),
    );
    unasked.add("status against a dead URL", &out);
    // (the stored key goes to no other admin URL: the key is given for this one)
    let out = run(loud(&[
        "--admin-url",
        "http://127.0.0.1:9/api/v1",
        "token",
        "regenerate",
        "--yes",
    ])
    .env("SCIMCTL_ADMIN_KEY", &s.admin_key));
    out.code(1);
    unasked.add("regenerate against a dead admin URL", &out);
    let out = run(&mut loud(&["enable", "--idp", "okta"]));
    out.code(1);
    unasked.add("enable twice", &out);
    let out = run(&mut loud(&["disable", "--confirm", "DISABLE"]));
    out.code(0);
    unasked.add("disable", &out);

    // where the user asked, the token is there (so the checks below can fail)
    let s2 = Sandbox::start(&[]);
    let asked = run(s2
        .cli()
        .args(["-vvv", "enable", "--idp", "okta", "--print-token"]));
    let t = asked.stdout.trim();
    assert!(
        t.starts_with("scimtok_") && !asked.stderr.contains(t),
        "{asked:?}"
    );

    let config = std::fs::read_to_string(s.config_dir().join("config.toml")).unwrap();
    let sandbox_log = s.stderr();
    assert!(
        sandbox_log.contains("/scim/v2/Users"),
        "the sandbox logged requests: {sandbox_log}"
    );
    tokens.dedup();
    assert_eq!(
        tokens.len(),
        4,
        "enable, two regenerations (one with an overlap) and the due rotation each made a token"
    );
    for secret in tokens.iter().chain([&s.admin_key]) {
        let head = &secret[..16];
        assert!(
            !unasked.text.contains(head),
            "a secret leaked into output nobody asked for:\n{}",
            unasked.text
        );
        assert!(!config.contains(head), "a secret in config.toml");
        assert!(!sandbox_log.contains(head), "a secret in the sandbox log");
    }
    assert!(!unasked.text.contains("panicked"));
}
