//! The sandbox as an attacker on loopback meets it: connections that send nothing,
//! half a header or a body one byte at a time are closed; SIGTERM ends the process
//! even with such a connection open; a request that could be read two ways is
//! refused; look-alike names collide or are refused; the database files are
//! private; a second sandbox on the same database refuses to start; many
//! clients at once do not each get a thread.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use common::*;
use serde_json::json;

const SHORT: [&str; 6] = [
    "--header-timeout",
    "1s",
    "--body-timeout",
    "1s",
    "--shutdown-timeout",
    "1s",
];

fn addr(s: &Sandbox) -> String {
    s.scim_url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_owned()
}

/// What the server sends back before it closes the connection (bounded: a
/// connection still open after 10 s fails the test).
fn until_closed(mut c: TcpStream) -> String {
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut out = Vec::new();
    match c.read_to_end(&mut out) {
        Ok(_) => String::from_utf8_lossy(&out).into_owned(),
        Err(e) => panic!(
            "the connection was not closed: {e} (got {:?})",
            String::from_utf8_lossy(&out)
        ),
    }
}

#[test]
fn slow_and_silent_connections_are_closed_and_sigterm_still_ends_the_process() {
    let mut s = Sandbox::start(&SHORT);
    let a = addr(&s);
    // Nothing at all, then half a header: closed without an answer.
    assert_eq!(until_closed(TcpStream::connect(&a).unwrap()), "");
    let mut c = TcpStream::connect(&a).unwrap();
    c.write_all(b"GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    assert_eq!(until_closed(c), "");
    // A body that never arrives: 408, then closed.
    let mut c = TcpStream::connect(&a).unwrap();
    write!(
        c,
        "PUT /api/v1/sso HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{",
        s.admin_key
    )
    .unwrap();
    let answer = until_closed(c);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    // An idle keep-alive connection is closed too, after a good request.
    let mut c = TcpStream::connect(&a).unwrap();
    c.write_all(b"GET /scim/v2/ServiceProviderConfig HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert!(until_closed(c).starts_with("HTTP/1.1 200"));
    // SIGTERM with a half-sent request open: the process still ends.
    let mut open = TcpStream::connect(&a).unwrap();
    open.write_all(b"POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{")
        .unwrap();
    let t0 = Instant::now();
    let st = s.terminate();
    assert!(st.success(), "{st:?}");
    assert!(t0.elapsed() < Duration::from_secs(15));
}

#[test]
fn requests_that_could_be_read_two_ways_are_refused() {
    let s = Sandbox::enabled();
    let token = s.token.clone().unwrap();
    let two_auth = s
        .http
        .get(format!("{}/Users", s.scim_url))
        .header("Authorization", format!("Bearer {token}"))
        .header("Authorization", "Bearer wrong")
        .send()
        .unwrap();
    assert_eq!(two_auth.status(), 400);
    let (status, v) = s.get(&format!(
        "/Users?filter={}&FILTER={}",
        enc("userName eq \"a\""),
        enc("userName pr")
    ));
    assert_eq!(status, 400, "{v}");
    assert!(
        v["detail"].as_str().unwrap().contains("more than once"),
        "{v}"
    );
    let r = s
        .admin(reqwest::Method::GET, "/scim")
        .header("Authorization", "Bearer other")
        .send()
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[test]
fn look_alike_names_collide_or_are_refused() {
    let s = Sandbox::enabled();
    let composed = "jos\u{e9}@example.com";
    let decomposed = "jose\u{301}@example.com";
    assert_eq!(s.user(composed)["userName"], composed);
    let (status, v) = s.post(
        "/Users",
        json!({"schemas": [USER_SCHEMA], "userName": decomposed}),
    );
    assert_eq!(status, 409, "NFD is the same name as NFC: {v}");
    for hidden in [
        "zero\u{200b}width@example.com",
        "bidi\u{202e}moc.elpmaxe@x",
        "nul\u{0}@example.com",
        "esc\u{1b}[2J@x",
    ] {
        let (status, v) = s.post(
            "/Users",
            json!({"schemas": [USER_SCHEMA], "userName": hidden}),
        );
        assert_eq!(status, 400, "{hidden:?}: {v}");
        assert_eq!(scim_error_type(&v), Some("invalidValue"), "{v}");
    }
    let (status, v) = s.post(
        "/Groups",
        json!({"schemas": [GROUP_SCHEMA], "displayName": "Admins\u{200d}"}),
    );
    assert_eq!(status, 400, "{v}");
}

#[test]
fn the_database_is_private_and_a_second_sandbox_on_it_refuses_to_start() {
    let s = Sandbox::start(&[]);
    for suffix in ["", "-wal", "-shm"] {
        let p = format!("{}{suffix}", s.db_path().display());
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{p}");
    }
    let out = run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", s.dir.path().join("config2"))
        .args(["sandbox", "--listen", "127.0.0.1:0", "--db"])
        .arg(s.db_path())
        .arg("--ready-file")
        .arg(s.dir.path().join("second.json")));
    assert_ne!(out.code, 0);
    let pid = s.child.as_ref().unwrap().id().to_string();
    assert!(
        out.stderr.contains("another sandbox") && out.stderr.contains(&pid),
        "{}",
        out.stderr
    );
    assert!(
        s.dir.path().join("ready.json").exists(),
        "the first one's ready file stays"
    );
    assert_eq!(
        s.status_with_token("nope"),
        401,
        "the first one still serves"
    );
}

#[test]
fn many_clients_at_once_do_not_each_get_a_thread() {
    let s = Sandbox::enabled_with(&["--seed-users", "500"]);
    let pid = s.child.as_ref().unwrap().id();
    let threads = || -> usize {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap()
            .lines()
            .find_map(|l| l.strip_prefix("Threads:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let token = s.token.clone().unwrap();
    let url = format!("{}/Users?count=100&sortBy=name.familyName", s.scim_url);
    let clients: Vec<_> = (0..200)
        .map(|_| {
            let (url, token) = (url.clone(), token.clone());
            std::thread::spawn(move || {
                http_client()
                    .get(&url)
                    .bearer_auth(token)
                    .send()
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0)
            })
        })
        .collect();
    let mut peak = 0;
    while clients.iter().any(|c| !c.is_finished()) {
        peak = peak.max(threads());
        std::thread::sleep(Duration::from_millis(20));
    }
    let statuses: Vec<u16> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert!(
        peak <= 40,
        "the sandbox grew to {peak} threads for 200 clients"
    );
}
