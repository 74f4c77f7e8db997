//! A byte-level tap in front of a server: relays every connection unchanged and
//! keeps the bytes the client sent, so that a test can compare what really went
//! on the wire with what the client says it sent.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// One request as it arrived: the request line, the header lines in order (names
/// and values exactly as sent) and the body bytes.
#[derive(Debug, Clone)]
pub struct RawRequest {
    pub method: String,
    pub target: String,
    pub version: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// One connection's client bytes, shared with the thread that relays them.
type Recorded = Arc<Mutex<Vec<u8>>>;

pub struct Tap {
    pub origin: String,
    /// Each connection's client bytes, in the order the connections opened.
    streams: Arc<Mutex<Vec<Recorded>>>,
}

impl Tap {
    /// Every request the client sent so far, in order (a client that sends one
    /// request at a time, as simulate does).
    pub fn requests(&self) -> Vec<RawRequest> {
        let streams = self.streams.lock().unwrap();
        let mut out = Vec::new();
        for s in streams.iter() {
            out.extend(parse(&s.lock().unwrap()));
        }
        out
    }
}

/// Starts a tap in front of `upstream` (`host:port`).
pub fn start(upstream: String) -> Tap {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let streams: Arc<Mutex<Vec<Recorded>>> = Arc::default();
    let kept = streams.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect(&upstream) else {
                continue;
            };
            let record: Recorded = Arc::default();
            kept.lock().unwrap().push(record.clone());
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(move || relay(client, server, Some(record)));
            std::thread::spawn(move || relay(s2, c2, None));
        }
    });
    Tap { origin, streams }
}

fn relay(mut from: TcpStream, mut to: TcpStream, record: Option<Recorded>) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if let Some(r) = &record {
                    r.lock().unwrap().extend_from_slice(&buf[..n]);
                }
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

/// The requests in one connection's bytes (Content-Length bodies only: the
/// client under test never chunks).
fn parse(mut bytes: &[u8]) -> Vec<RawRequest> {
    let mut out = Vec::new();
    while let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
        let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
        let mut lines = head.split("\r\n");
        let mut first = lines.next().unwrap_or("").splitn(3, ' ');
        let method = first.next().unwrap_or("").to_owned();
        let target = first.next().unwrap_or("").to_owned();
        let version = first.next().unwrap_or("").to_owned();
        let headers: Vec<(String, String)> = lines
            .map(|l| {
                let (k, v) = l.split_once(':').unwrap_or((l, ""));
                (k.to_owned(), v.trim_start().to_owned())
            })
            .collect();
        let length: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let start = end + 4;
        let stop = (start + length).min(bytes.len());
        out.push(RawRequest {
            method,
            target,
            version,
            headers,
            body: bytes[start..stop].to_vec(),
        });
        bytes = &bytes[stop..];
    }
    out
}
