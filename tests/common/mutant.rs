//! A proxy in front of a real sandbox that breaks one rule on purpose (a
//! "mutant" target), so that each simulate check is shown to fail when, and
//! because, the target breaks the rule it checks.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};

use serde_json::{Value, json};

pub struct Request {
    pub method: String,
    /// Path and query, e.g. `/scim/v2/Users?startIndex=1&count=2`.
    pub target: String,
    pub authorization: Option<String>,
    pub body: Option<Value>,
}

impl Request {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
    pub fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, q)| q)
    }
    pub fn body_text(&self) -> String {
        self.body
            .as_ref()
            .map(|b| b.to_string())
            .unwrap_or_default()
    }
    /// `/scim/v2/Users/{id}` (no query): a read or write of one user.
    pub fn is_one(&self, kind: &str) -> bool {
        let p = self.path();
        p.contains(&format!("/{kind}/")) && !p.ends_with(&format!("/{kind}/"))
    }
    pub fn is_list(&self, kind: &str) -> bool {
        self.method == "GET" && self.path().ends_with(&format!("/{kind}"))
    }
    /// The quoted value in `filter=… eq "value"`, decoded.
    pub fn filter_value(&self) -> Option<String> {
        let q = self
            .query()
            .split('&')
            .find(|kv| kv.starts_with("filter="))?;
        let decoded = percent_decode(&q["filter=".len()..].replace('+', " "));
        let start = decoded.find('"')?;
        let end = decoded.rfind('"')?;
        (end > start).then(|| decoded[start + 1..end].to_owned())
    }
}

pub struct Response {
    pub status: u16,
    pub body: Option<Value>,
    /// The upstream's headers the checks read (WWW-Authenticate, Location),
    /// passed on unless a mutant changes them.
    pub headers: Vec<(String, String)>,
}

pub enum Action {
    Forward(Request),
    Respond(Response),
}

pub type Before = fn(Request) -> Action;
pub type After = fn(&Request, &mut Response);

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Starts the proxy in front of `origin` (e.g. `http://127.0.0.1:1234`); returns
/// its own origin.
pub fn start(origin: String, before: Before, after: After) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let me = format!("http://{}", listener.local_addr().unwrap());
    let client = reqwest::blocking::Client::new();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (origin, client) = (origin.clone(), client.clone());
            std::thread::spawn(move || serve(stream, &origin, &client, before, after));
        }
    });
    me
}

fn serve(
    mut stream: TcpStream,
    origin: &str,
    client: &reqwest::blocking::Client,
    before: Before,
    after: After,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.is_empty() {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("GET").to_owned();
    let target = parts.next().unwrap_or("/").to_owned();
    let (mut length, mut authorization) = (0usize, None);
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h == "\r\n" || h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':').unwrap_or((&h, ""));
        match k.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = v.trim().parse().unwrap_or(0),
            "authorization" => authorization = Some(v.trim().to_owned()),
            _ => {}
        }
    }
    let mut body = vec![0u8; length];
    let _ = reader.read_exact(&mut body);
    let req = Request {
        method,
        target,
        authorization,
        body: serde_json::from_slice(&body).ok(),
    };
    let mut resp = match before(req) {
        Action::Respond(r) => r,
        Action::Forward(req) => {
            let mut b = client.request(
                req.method.parse().unwrap(),
                format!("{origin}{}", req.target),
            );
            if let Some(a) = &req.authorization {
                b = b.header("Authorization", a);
            }
            if let Some(v) = &req.body {
                b = b
                    .header("Content-Type", "application/scim+json")
                    .body(v.to_string());
            }
            let r = b.send().unwrap();
            let status = r.status().as_u16();
            let headers = ["www-authenticate", "location"]
                .iter()
                .filter_map(|h| {
                    let v = r.headers().get(*h)?.to_str().ok()?;
                    Some((h.to_string(), v.to_owned()))
                })
                .collect();
            let text = r.text().unwrap_or_default();
            let mut resp = Response {
                status,
                body: serde_json::from_str(&text).ok(),
                headers,
            };
            after(&req, &mut resp);
            resp
        }
    };
    let text = resp.body.take().map(|b| b.to_string()).unwrap_or_default();
    let _ = write!(
        stream,
        "HTTP/1.1 {} X\r\nContent-Type: application/scim+json\r\n{}Content-Length: {}\r\nConnection: close\r\n\r\n{text}",
        resp.status,
        resp.headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n"))
            .collect::<String>(),
        text.len()
    );
}

pub fn forward(req: Request) -> Action {
    Action::Forward(req)
}

pub fn unchanged(_: &Request, _: &mut Response) {}

pub fn respond(status: u16, body: Option<Value>) -> Action {
    Action::Respond(Response {
        status,
        body,
        headers: Vec::new(),
    })
}

pub fn scim_error(status: u16, detail: &str) -> Option<Value> {
    Some(
        json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": status.to_string(), "detail": detail}),
    )
}
