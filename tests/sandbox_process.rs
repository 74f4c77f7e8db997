//! The sandbox as a process: its ready file, signals, restarts on the same database
//! (including after `kill -9`), its request log, and how it fails to start.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::*;
use reqwest::Method;
use serde_json::json;

#[test]
fn ready_file_is_private_and_removed_on_sigterm() {
    let mut s = Sandbox::start(&[]);
    let ready = s.dir.path().join("ready.json");
    let mode = std::fs::metadata(&ready).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the ready file holds the admin key");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&ready).unwrap()).unwrap();
    for k in ["admin_url", "scim_url", "admin_key", "db", "pid"] {
        assert!(v.get(k).is_some(), "ready file lacks {k}");
    }
    assert!(
        v["scim_url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    let status = s.terminate();
    assert_eq!(
        status.code(),
        Some(0),
        "SIGTERM is a graceful, successful stop"
    );
    assert!(!ready.exists());
    let err = s.stderr();
    assert!(err.contains("Created the sandbox organization"), "{err}");
    assert!(err.contains("Stopped."), "{err}");
    assert!(
        !err.contains(v["admin_key"].as_str().unwrap()),
        "the banner never prints the admin key"
    );
}

#[test]
fn acknowledged_writes_survive_kill_9_and_restart() {
    let mut s = Sandbox::enabled();
    let token = s.token.clone().unwrap();
    let old_key = s.admin_key.clone();
    let mut ids = Vec::new();
    for i in 0..50 {
        ids.push(
            s.user(&format!("durable{i}@example.com"))["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let g = s.group("Durable", &[&ids[0], &ids[1]]);
    s.patch(
        &format!("/Users/{}", ids[2]),
        json!([{"op": "replace", "path": "active", "value": false}]),
    );
    s.kill9();
    let dir = s.into_dir();
    // The database is consistent after the crash.
    {
        let conn = rusqlite::Connection::open(dir.path().join("sandbox.db")).unwrap();
        // The attribute indexes use the sandbox's case folding (store/sql_filter.rs).
        scimctl::sandbox::store::register_functions(&conn).unwrap();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }
    let mut s2 = Sandbox::start_in(dir, &[]);
    assert!(
        !s2.stderr().contains("Created the sandbox organization"),
        "a restart does not re-create the organization"
    );
    s2.token = Some(token);
    let v = s2.get("/Users?count=100").1;
    assert_eq!(
        v["totalResults"], 51,
        "every acknowledged user is there (plus the owner)"
    );
    assert_eq!(s2.get(&format!("/Users/{}", ids[2])).1["active"], false);
    assert_eq!(
        s2.get(&format!("/Groups/{}", g["id"].as_str().unwrap())).1["members"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // A new admin key at every start; the old one is revoked.
    assert_ne!(s2.admin_key, old_key);
    let (st, _) = body(
        s2.http
            .get(format!("{}/scim", s2.admin_url))
            .bearer_auth(&old_key)
            .send()
            .unwrap(),
    );
    assert_eq!(st, 401);
    let (st, status) = body(s2.admin(Method::GET, "/scim").send().unwrap());
    assert_eq!((st, status["enabled"].clone()), (200, json!(true)));
}

#[test]
fn verbose_request_log_has_no_secrets() {
    let mut s = Sandbox::enabled_with(&["-v"]);
    s.user("logged@example.com");
    s.get("/Users?filter=userName%20eq%20%22logged%40example.com%22");
    s.handle(Some("scimtok_bad".into())).get("/Users");
    s.terminate();
    let log = s.stderr();
    assert!(log.contains("POST /scim/v2/Users 201"), "{log}");
    assert!(log.contains("GET /scim/v2/Users?filter="), "{log}");
    assert!(log.contains(" 401 "), "{log}");
    assert!(
        !log.contains(s.token.as_deref().unwrap()),
        "the SCIM token never reaches the log"
    );
    assert!(
        !log.contains(&s.admin_key),
        "the admin key never reaches the log"
    );
    assert!(!log.contains("scimtok_bad"));
}

#[test]
fn in_memory_database_works() {
    let dir = tempfile::tempdir().unwrap();
    let (child, ep) = spawn_memory_sandbox(dir.path(), &["--listen", "127.0.0.1:0", "-q"]);
    let http = http_client();
    let (st, v) = body(
        http.post(format!("{}/scim/enable", ep["admin_url"].as_str().unwrap()))
            .bearer_auth(ep["admin_key"].as_str().unwrap())
            .json(&json!({"idp": "other"}))
            .send()
            .unwrap(),
    );
    assert_eq!(st, 201, "{v}");
    let (st, list) = body(
        http.get(format!("{}/Users", ep["scim_url"].as_str().unwrap()))
            .bearer_auth(v["token"].as_str().unwrap())
            .send()
            .unwrap(),
    );
    assert_eq!((st, list["totalResults"].clone()), (200, json!(1)));
    let (status, err) = stop_with(child, libc::SIGINT);
    assert_eq!(status.code(), Some(0));
    assert!(
        err.is_empty(),
        "--quiet prints nothing on a clean run: {err}"
    );
}

#[test]
fn start_failures_explain_themselves() {
    let s = Sandbox::start(&[]);
    let port = s
        .scim_url
        .trim_start_matches("http://127.0.0.1:")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let dir = tempfile::tempdir().unwrap();
    let out = scimctl()
        .env("HOME", dir.path())
        .args(["sandbox", "--listen", &format!("127.0.0.1:{port}"), "--db"])
        .arg(dir.path().join("x.db"))
        .arg("--ready-file")
        .arg(dir.path().join("r.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error: cannot listen on 127.0.0.1:"), "{err}");
    assert!(err.contains("hint: another process uses"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let out = scimctl()
        .args(["sandbox", "--listen", "not an address"])
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hint: use HOST:PORT"));

    // A database directory that cannot be created.
    let out = scimctl()
        .args([
            "sandbox",
            "--listen",
            "127.0.0.1:0",
            "--db",
            "/proc/nope/x.db",
            "--ready-file",
        ])
        .arg(dir.path().join("r2.json"))
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/proc/nope"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn non_loopback_listen_warns() {
    let dir = tempfile::tempdir().unwrap();
    let (child, _) = spawn_memory_sandbox(dir.path(), &["--listen", "0.0.0.0:0"]);
    let (_, err) = stop_with(child, libc::SIGTERM);
    assert!(err.contains("warning: listening on 0.0.0.0:"), "{err}");
    assert!(err.contains("not loopback"), "{err}");
}

#[test]
fn seed_users_adds_synthetic_users_once() {
    let s = Sandbox::enabled_with(&["--seed-users", "120"]);
    let (st, list) = s.get("/Users?count=1");
    assert_eq!(st, 200);
    assert_eq!(list["totalResults"], 121, "the owner plus 120 seeded users");
    let (_, hit) = s.get(&format!(
        "/Users?filter={}",
        enc(r#"userName eq "user000120@example.test""#)
    ));
    assert_eq!(hit["totalResults"], 1);
    assert_eq!(
        hit["Resources"][0]["emails"][0]["value"],
        "user000120@example.test"
    );
    let dir = s.into_dir();
    let again = Sandbox::start_in(dir, &["--seed-users", "150"]);
    let (_, st) = send(again.admin(Method::GET, "/scim"));
    assert_eq!(
        st["users"]["total"], 151,
        "a second seeding adds only the missing names"
    );
}
