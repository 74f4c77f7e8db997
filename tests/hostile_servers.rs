//! What a server sends is untrusted: an endless or huge body is refused at the one
//! response limit (simulate and load mode included); a server that echoes the
//! token back (headers, JSON-escaped, URL-encoded) gets it into no output, file or
//! log; an issuing answer that can't be parsed still has its token kept; and
//! escape sequences in names and error details reach no terminal raw.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::hostile::{self, Reply};
use common::pty::Pty;
use common::*;
use serde_json::{Value, json};

/// Runs `cmd` with stdout and stderr in files; returns what it printed and its
/// peak resident memory in MiB (from wait4's rusage).
fn run_measured(cmd: &mut Command, dir: &Path) -> (Out, u64) {
    let (out_path, err_path) = (dir.join("stdout"), dir.join("stderr"));
    // Reaped by wait4 below (Child::wait would not report the rusage).
    #[allow(clippy::zombie_processes)]
    let child = cmd
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it in for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let out = Out {
        code,
        stdout: std::fs::read_to_string(out_path).unwrap(),
        stderr: std::fs::read_to_string(err_path).unwrap(),
    };
    (out, usage.ru_maxrss as u64 / 1024)
}

fn fresh(dir: &Path) -> Command {
    let mut c = scimctl();
    c.env("SCIMCTL_CONFIG_DIR", dir.join("config"))
        .env("HOME", dir);
    c
}

#[test]
fn endless_and_huge_bodies_are_refused_by_simulate_and_load_mode() {
    let dir = tempfile::tempdir().unwrap();
    let endless = hostile::start(|_| Reply::Endless);
    let url = format!("{}/scim/v2", endless.base);
    let (out, mib) = run_measured(
        fresh(dir.path())
            .env("SCIMCTL_TOKEN", "a-customer-token")
            .args([
                "simulate",
                "okta",
                "--scenario",
                "connection",
                "-o",
                "json",
                "--url",
                &url,
            ]),
        dir.path(),
    );
    out.code(1);
    assert!(out.stdout.contains("larger than 64 MiB"), "{}", out.stdout);
    assert!(mib < 400, "peak RSS {mib} MiB reading endless bodies");

    let huge = hostile::start(|_| Reply::Full {
        status: 200,
        headers: vec![
            ("Content-Type".into(), "application/scim+json".into()),
            ("X-Pad".into(), "x".into()),
        ],
        body: vec![b' '; 80 * 1024 * 1024],
    });
    let url = format!("{}/scim/v2", huge.base);
    let (out, mib) = run_measured(
        fresh(dir.path())
            .env("SCIMCTL_TOKEN", "a-customer-token")
            .args([
                "simulate",
                "okta",
                "--load",
                "--users",
                "2",
                "--concurrency",
                "1",
                "--url",
                &url,
            ]),
        dir.path(),
    );
    out.code(1);
    assert!(out.stderr.contains("larger than 64 MiB"), "{}", out.stderr);
    assert!(mib < 400, "peak RSS {mib} MiB in load mode");
}

/// A token with characters that JSON and URL encodings change.
const CUSTOMER_TOKEN: &str = "Cust0mer/Tok+en=very-secret-value";

fn encodings(t: &str) -> Vec<String> {
    let json = serde_json::to_string(t).unwrap();
    let pct: String = url::form_urlencoded::byte_serialize(t.as_bytes()).collect();
    vec![
        t.to_owned(),
        json[1..json.len() - 1].to_owned(),
        pct,
        t.chars().map(|c| format!("\\u{:04x}", c as u32)).collect(),
        "very-secret-value".to_owned(),
    ]
}

fn assert_no_secret(what: &str, text: &str) {
    for form in encodings(CUSTOMER_TOKEN) {
        assert!(
            !text.contains(&form),
            "{what} holds the token as {form:?}:\n{text}"
        );
    }
}

#[test]
fn a_server_echoing_the_token_gets_it_into_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let echo = hostile::start(|req| {
        let auth = req.header("authorization").unwrap_or("").to_owned();
        let escaped: String = auth
            .chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect();
        let pct: String = url::form_urlencoded::byte_serialize(auth.as_bytes()).collect();
        let body = format!(
            r#"{{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","detail":"you sent {} ({pct})","echo":"{escaped}"}}"#,
            auth.replace('/', "\\/")
        );
        Reply::Full {
            status: 400,
            headers: vec![
                ("Content-Type".into(), "application/scim+json".into()),
                ("X-Echo-Authorization".into(), auth),
            ],
            body: body.into_bytes(),
        }
    });
    let url = format!("{}/scim/v2", echo.base);
    let transcript = dir.path().join("run.txt");
    let har = dir.path().join("run.har");
    for format in ["json", "table", "junit"] {
        let out = run_with_stdin(
            fresh(dir.path())
                .args([
                    "-vvv",
                    "simulate",
                    "okta",
                    "--token-stdin",
                    "--url",
                    &url,
                    "-o",
                    format,
                ])
                .arg("--transcript")
                .arg(&transcript)
                .arg("--transcript")
                .arg(&har),
            &format!("{CUSTOMER_TOKEN}\n"),
        );
        out.code(1);
        let h = std::fs::read_to_string(&har).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&h).unwrap();
        let echoed = parsed["log"]["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| {
                e["response"]["headers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| {
                        x["name"] == "x-echo-authorization" && x["value"] == "Bearer <redacted>"
                    })
            });
        assert!(echoed, "the echoed header is in the HAR, masked: {h}");
        assert_no_secret("the HAR transcript", &h);
        assert_no_secret("stdout", &out.stdout);
        assert_no_secret("stderr", &out.stderr);
        let t = std::fs::read_to_string(&transcript).unwrap();
        assert!(t.contains("x-echo-authorization: Bearer <redacted>"), "{t}");
        assert_no_secret("the transcript", &t);
    }
    // The server really echoed it (so the checks above can fail).
    assert!(
        echo.requests()
            .iter()
            .any(|r| r.header("authorization") == Some(&format!("Bearer {CUSTOMER_TOKEN}")))
    );
    // Error text of the directory commands, at trace level.
    let out = run_with_stdin(
        fresh(dir.path()).args(["-vvv", "users", "list", "--token-stdin", "--url", &url]),
        &format!("{CUSTOMER_TOKEN}\n"),
    );
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("you sent Bearer <redacted>"),
        "{}",
        out.stderr
    );
    assert_no_secret("users list stderr", &out.stderr);
    // A password in a URL is not echoed either.
    let out = run(fresh(dir.path())
        .env("SCIMCTL_TOKEN", "t0ken-for-nowhere")
        .args([
            "users",
            "list",
            "--url",
            "http://bob:hunter2pw@127.0.0.1:9/scim/v2",
        ]));
    assert_ne!(out.code, 0);
    assert!(!out.stderr.contains("hunter2pw"), "{}", out.stderr);
}

#[test]
fn a_token_in_an_unreadable_issuing_answer_is_kept_and_not_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let issued = format!("scimtok_{}", "0123456789abcdef".repeat(4));
    let body = json!({"token": issued, "created_at": "not a time", "scim_base_url": 42});
    let admin = hostile::start(move |_| Reply::json(200, &body));
    let out = run(fresh(dir.path())
        .env("SCIMCTL_ADMIN_KEY", "scimadm_the_key_for_it")
        .args(["--profile", "x", "--insecure-storage", "--admin-url"])
        .arg(format!("{}/api/v1", admin.base))
        .args(["token", "regenerate", "--yes"]));
    out.code(1);
    assert!(
        out.stderr.contains("the token found in it was stored"),
        "{}",
        out.stderr
    );
    // No 8 characters in a row of the token's secret part anywhere.
    let secret = &issued["scimtok_".len()..];
    for w in secret.as_bytes().windows(8) {
        let w = std::str::from_utf8(w).unwrap();
        assert!(
            !out.stderr.contains(w) && !out.stdout.contains(w),
            "{w} leaked: {out:?}"
        );
    }
    let shown =
        run(fresh(dir.path()).args(["--profile", "x", "--insecure-storage", "token", "show"]));
    shown.code(0);
    assert_eq!(shown.stdout.trim(), issued, "the issued token was kept");
}

/// Every escape a hostile server might plant, in every user field shown.
const HOSTILE: &str = "\x1b[2J\x1b]0;owned\x07\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\\r\x08\u{9b}31m\u{202e}gnp.exe\tX\nY\u{7f}";

fn hostile_users() -> Value {
    let user = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": format!("id-{HOSTILE}"), "userName": format!("u{HOSTILE}@x"),
        "displayName": format!("Name{HOSTILE}"), "active": true,
        "emails": [{"value": format!("e{HOSTILE}@x"), "type": "work"}],
        "externalId": HOSTILE, "meta": {"created": HOSTILE, "lastModified": HOSTILE}
    });
    json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
           "totalResults": 1, "itemsPerPage": 1, "startIndex": 1, "Resources": [user]})
}

fn assert_inert(what: &str, text: &str) {
    for c in text.chars() {
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(
            (matches!(c, '\n' | '\t' | '\r') || !c.is_control()) && !bidi,
            "{what} holds {c:?} raw:\n{text:?}"
        );
    }
    assert!(text.contains("\\x1b"), "{what} shows the escapes: {text:?}");
}

#[test]
fn escape_sequences_from_a_server_reach_no_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let server = hostile::start(|req| {
        if req.target.contains("/Users/") {
            let detail = format!("no such user{HOSTILE}");
            Reply::json(
                404,
                &json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "404", "detail": detail}),
            )
        } else {
            Reply::json(200, &hostile_users())
        }
    });
    let url = format!("{}/scim/v2", server.base);
    let list = |format: &str| {
        run(fresh(dir.path())
            .env("SCIMCTL_TOKEN", "tok-for-the-hostile-one")
            .args(["users", "list", "--url", &url, "-o", format]))
    };
    for format in ["table", "wide", "csv", "name"] {
        let out = list(format);
        out.code(0);
        assert_inert(format, &out.stdout);
        // TSV/CSV: one header and one row; no forged rows or cells.
        if format != "name" {
            assert_eq!(out.stdout.lines().count(), 2, "{format}: {:?}", out.stdout);
        }
    }
    // Machine formats stay byte-exact.
    let out = list("json");
    out.code(0);
    assert_eq!(out.json()[0]["userName"], format!("u{HOSTILE}@x"));
    let out = list("ndjson");
    let v: Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(v["displayName"], format!("Name{HOSTILE}"));
    // An error detail on stderr, and `users get`'s fields.
    let out = run(fresh(dir.path())
        .env("SCIMCTL_TOKEN", "tok-for-the-hostile-one")
        .args(["users", "get", "--url", &url, "nobody"]));
    assert_ne!(out.code, 0);
    assert_inert("an error", &out.stderr);

    // The table on a real terminal.
    let mut cmd = fresh(dir.path());
    cmd.env("SCIMCTL_TOKEN", "tok-for-the-hostile-one")
        .args(["users", "list", "--url", &url]);
    let mut pty = Pty::spawn(cmd);
    pty.wait();
    assert_inert("the terminal table", &pty.output());
}
