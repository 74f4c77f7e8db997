//! A deliberately misbehaving SCIM server for the client's tests: it lists
//! `total` users `u1…uN` and breaks one rule on demand (ignores `count`, caps
//! it, lies in `itemsPerPage`, changes `totalResults`, ignores `startIndex`,
//! shuffles, throttles, fails, answers HTML, refuses the token).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Misbehaviour {
    None,
    IgnoresCount,
    CapsCount(usize),
    WrongItemsPerPage,
    TotalGrowsMidWalk,
    IgnoresStartIndex,
    /// Page 2 repeats the last element of page 1 (an unstable order).
    RepeatsAcrossPages,
    /// The first request gets 429 with `Retry-After: 1`.
    ThrottlesOnce,
    /// The first two requests get 503.
    Unavailable(usize),
    HtmlLoginPage,
    RefusesToken,
    /// Accepts the connection and never answers.
    Stalls,
    /// Closes the connection without a word.
    Resets,
    /// Sends half of a JSON body, then closes.
    TruncatedJson,
    /// Announces a 200 MB body.
    Oversized,
    /// Sends the body one byte every 300 ms.
    SlowDrip,
    /// 429 without Retry-After, forever.
    AlwaysThrottles,
}

pub struct FakeScim {
    pub url: String,
    pub requests: Arc<AtomicUsize>,
    pub log: Arc<Mutex<Vec<(std::time::Instant, String)>>>,
}

pub fn start(total: usize, mode: Misbehaviour) -> FakeScim {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/scim/v2", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let log = Arc::new(Mutex::new(Vec::new()));
    let (r2, l2) = (requests.clone(), log.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let n = r2.fetch_add(1, Ordering::SeqCst);
            let log = l2.clone();
            std::thread::spawn(move || serve(stream, n, total, mode, &log));
        }
    });
    FakeScim { url, requests, log }
}

fn param(target: &str, name: &str) -> Option<usize> {
    let q = target.split_once('?')?.1;
    q.split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| v.parse().ok())
}

fn user(i: usize) -> serde_json::Value {
    serde_json::json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": format!("u{i}"), "userName": format!("user{i}@fake.test"), "active": true,
        "meta": {"resourceType": "User"}
    })
}

fn serve(
    mut stream: TcpStream,
    n: usize,
    total: usize,
    mode: Misbehaviour,
    log: &Mutex<Vec<(std::time::Instant, String)>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h == "\r\n" || h.is_empty() {
            break;
        }
    }
    log.lock()
        .unwrap()
        .push((std::time::Instant::now(), target.clone()));
    if fault(&mut stream, mode) {
        return;
    }
    let (status, ctype, body, extra) = answer(&target, n, total, mode);
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
        body.len()
    );
}

/// Produces a transport-level fault; returns whether it did.
fn fault(stream: &mut TcpStream, mode: Misbehaviour) -> bool {
    match mode {
        Misbehaviour::Stalls => std::thread::sleep(std::time::Duration::from_secs(30)),
        Misbehaviour::Resets => {}
        Misbehaviour::TruncatedJson => {
            let body = r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":5,"Resources":[{"id":"u1","#;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\nContent-Length: 400\r\n\r\n{body}"
            );
        }
        Misbehaviour::Oversized => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\nContent-Length: 200000000\r\n\r\n{{\"schemas\":["
            );
            std::thread::sleep(std::time::Duration::from_secs(2));
        }
        Misbehaviour::SlowDrip => {
            let body = r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}"#;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            for b in body.bytes() {
                if stream.write_all(&[b]).is_err() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(300));
            }
        }
        Misbehaviour::AlwaysThrottles => {
            let _ = write!(
                stream,
                "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/scim+json\r\nContent-Length: 2\r\n\r\n{{}}"
            );
        }
        _ => return false,
    }
    true
}

fn answer(
    target: &str,
    n: usize,
    total: usize,
    mode: Misbehaviour,
) -> (&'static str, &'static str, String, String) {
    const SCIM: &str = "application/scim+json";
    match mode {
        Misbehaviour::RefusesToken => {
            let e = r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401","detail":"bad token"}"#;
            return (
                "401 Unauthorized",
                SCIM,
                e.into(),
                "WWW-Authenticate: Bearer\r\n".into(),
            );
        }
        Misbehaviour::HtmlLoginPage => {
            return (
                "200 OK",
                "text/html; charset=utf-8",
                "<!DOCTYPE html><html><title>Sign in</title></html>".into(),
                String::new(),
            );
        }
        Misbehaviour::ThrottlesOnce if n == 0 => {
            return (
                "429 Too Many Requests",
                SCIM,
                "{}".into(),
                "Retry-After: 1\r\n".into(),
            );
        }
        Misbehaviour::Unavailable(k) if n < k => {
            return (
                "503 Service Unavailable",
                "text/plain",
                "busy".into(),
                String::new(),
            );
        }
        _ => {}
    }
    let mut start = param(target, "startIndex").unwrap_or(1).max(1);
    let mut count = param(target, "count").unwrap_or(100);
    let mut reported_total = total;
    match mode {
        Misbehaviour::IgnoresCount => count = total,
        Misbehaviour::CapsCount(cap) => count = count.min(cap),
        Misbehaviour::IgnoresStartIndex => start = 1,
        Misbehaviour::TotalGrowsMidWalk if start > 1 => reported_total = total + 5,
        Misbehaviour::RepeatsAcrossPages if start > 1 => start -= 1,
        _ => {}
    }
    let end = (start + count).min(total + 1);
    let resources: Vec<_> = (start..end).map(user).collect();
    let items = if mode == Misbehaviour::WrongItemsPerPage {
        1000
    } else {
        resources.len()
    };
    let body = serde_json::json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": reported_total, "itemsPerPage": items, "startIndex": start, "Resources": resources
    });
    ("200 OK", SCIM, body.to_string(), String::new())
}
