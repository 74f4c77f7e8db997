//! A run's exchanges as files people already use: an HTTP text transcript with a
//! ready-to-run `curl` line per request (the token as `$SCIMCTL_TOKEN`), and HAR
//! 1.2 (http://www.softwareishard.com/blog/har-12-spec/), which browser devtools
//! and HTTP tools open. Both show the headers and bodies exactly as they went on
//! the wire; the wire has already masked every secret, and the writer masks the
//! whole file again (a server may echo a token in any form).

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use super::Report;
use super::wire::Exchange;
use crate::secret::MASK;

/// Which form a transcript file takes, by its name: `.har` is HAR, anything
/// else the text form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Text,
    Har,
}

impl Form {
    pub fn of(path: &Path) -> Form {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("har") => Form::Har,
            _ => Form::Text,
        }
    }
}

/// The variable a transcript's `curl` lines read the token from.
pub const TOKEN_VARIABLE: &str = "SCIMCTL_TOKEN";

impl Report {
    pub fn write_transcript_as(&self, form: Form, out: &mut impl Write) -> std::io::Result<()> {
        match form {
            Form::Text => self.write_transcript(out),
            Form::Har => {
                serde_json::to_writer_pretty(&mut *out, &self.har())?;
                writeln!(out)
            }
        }
    }

    /// Every exchange as HTTP text, with a `curl` line that sends it again.
    pub fn write_transcript(&self, out: &mut impl Write) -> std::io::Result<()> {
        writeln!(
            out,
            "# scimctl simulate {} against {} (run {}, {})",
            self.profile, self.target, self.run_id, self.started_at
        )?;
        writeln!(
            out,
            "# each curl line sends its request again: export {TOKEN_VARIABLE} first"
        )?;
        for e in &self.exchanges {
            writeln!(out, "\n### #{} {} ({:.1} ms)", e.n, e.step, e.ms)?;
            writeln!(out, "$ {}", curl(e))?;
            writeln!(out, "{} {} HTTP/1.1", e.method, e.url)?;
            for (k, v) in &e.request_headers {
                writeln!(out, "{k}: {v}")?;
            }
            if let Some(b) = &e.request_text {
                writeln!(out, "\n{b}")?;
            }
            match &e.error {
                Some(err) => writeln!(out, "\n--> no answer: {err}")?,
                None => {
                    writeln!(out, "\n--> HTTP {}", e.status)?;
                    for (k, v) in &e.response_headers {
                        writeln!(out, "{k}: {v}")?;
                    }
                    if !e.response_body.is_empty() {
                        writeln!(out, "\n{}", e.response_body)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The run as a HAR 1.2 log; each entry's `comment` names the check.
    pub fn har(&self) -> Value {
        let entries: Vec<Value> = self.exchanges.iter().map(har_entry).collect();
        json!({"log": {
            "version": "1.2",
            "creator": {"name": "scimctl", "version": env!("CARGO_PKG_VERSION")},
            "comment": format!("scimctl simulate {} against {} (run {})", self.profile, self.target, self.run_id),
            "entries": entries,
        }})
    }
}

fn har_headers(headers: &[(String, String)]) -> Vec<Value> {
    headers
        .iter()
        .map(|(k, v)| json!({"name": k, "value": v}))
        .collect()
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn har_entry(e: &Exchange) -> Value {
    let query: Vec<Value> = reqwest::Url::parse(&e.url)
        .map(|u| {
            u.query_pairs()
                .map(|(k, v)| json!({"name": k, "value": v}))
                .collect()
        })
        .unwrap_or_default();
    let mut request = json!({
        "method": e.method,
        "url": e.url,
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": har_headers(&e.request_headers),
        "queryString": query,
        "headersSize": -1,
        "bodySize": e.request_text.as_ref().map_or(0, |t| t.len() as i64),
    });
    if let Some(text) = &e.request_text {
        request["postData"] = json!({
            "mimeType": header(&e.request_headers, "content-type").unwrap_or(""),
            "text": text,
        });
    }
    let mut response = json!({
        "status": e.status,
        "statusText": reqwest::StatusCode::from_u16(e.status).ok().and_then(|s| s.canonical_reason()).unwrap_or(""),
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": har_headers(&e.response_headers),
        "content": {
            "size": e.response_body.len(),
            "mimeType": header(&e.response_headers, "content-type").unwrap_or(""),
            "text": e.response_body,
        },
        "redirectURL": header(&e.response_headers, "location").unwrap_or(""),
        "headersSize": -1,
        "bodySize": e.response_body.len(),
    });
    if let Some(err) = &e.error {
        // HAR has no field for "no answer"; custom fields start with `_`.
        response["_error"] = json!(err);
        response["bodySize"] = json!(-1);
    }
    json!({
        "startedDateTime": e.started_at.to_string(),
        "time": e.ms,
        "request": request,
        "response": response,
        "cache": {},
        "timings": {"send": 0, "wait": e.ms, "receive": 0},
        "comment": format!("#{} {}", e.n, e.step),
    })
}

/// A `curl` command that sends `e` again with the same headers: curl's own
/// `User-Agent` and `Accept` are removed where the IdP sends none, and the
/// token is read from `$SCIMCTL_TOKEN`.
pub fn curl(e: &Exchange) -> String {
    let mut parts = vec!["curl -sS".to_owned()];
    if e.method != "GET" {
        parts.push(format!("-X {}", e.method));
    }
    parts.push(single_quoted(&e.url));
    for (k, v) in &e.request_headers {
        // curl computes these from the URL and the body, identically.
        if k.eq_ignore_ascii_case("host") || k.eq_ignore_ascii_case("content-length") {
            continue;
        }
        let line = format!("{k}: {v}");
        if line.contains(MASK) {
            parts.push(format!(
                "-H {}",
                double_quoted_with_token(&line.replace(MASK, "\u{0}"))
            ));
        } else {
            parts.push(format!("-H {}", single_quoted(&line)));
        }
    }
    for absent in ["user-agent", "accept"] {
        if header(&e.request_headers, absent).is_none() {
            parts.push(format!("-H '{absent}:'"));
        }
    }
    if let Some(body) = &e.request_text {
        parts.push(format!("--data-binary {}", single_quoted(body)));
    }
    parts.join(" ")
}

/// `'…'` for a POSIX shell (a `'` inside becomes `'\''`).
fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// `"…"` with the NUL marker turned into `${SCIMCTL_TOKEN}` and everything else
/// kept literal.
fn double_quoted_with_token(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\u{0}' => out.push_str(&format!("${{{TOKEN_VARIABLE}}}")),
            '"' | '\\' | '$' | '`' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(headers: &[(&str, &str)], body: Option<&str>) -> Exchange {
        Exchange {
            n: 1,
            step: "user.create".into(),
            started_at: jiff::Timestamp::UNIX_EPOCH,
            method: "POST".into(),
            url: "http://127.0.0.1:1/scim/v2/Users".into(),
            request_headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            request_body: None,
            request_text: body.map(str::to_owned),
            status: 201,
            response_headers: Vec::new(),
            response_body: String::new(),
            ms: 1.0,
            error: None,
        }
    }

    #[test]
    fn curl_lines_read_the_token_from_the_environment_and_quote_everything_else() {
        let e = exchange(
            &[
                ("host", "127.0.0.1:1"),
                ("content-type", "application/scim+json; charset=utf-8"),
                ("authorization", "Bearer <redacted>"),
                ("content-length", "20"),
            ],
            Some(r#"{"userName":"o'neil$x"}"#),
        );
        let line = curl(&e);
        assert_eq!(
            line,
            r#"curl -sS -X POST 'http://127.0.0.1:1/scim/v2/Users' -H 'content-type: application/scim+json; charset=utf-8' -H "authorization: Bearer ${SCIMCTL_TOKEN}" -H 'user-agent:' -H 'accept:' --data-binary '{"userName":"o'\''neil$x"}'"#
        );
    }

    #[test]
    fn har_entries_carry_the_request_and_the_answer() {
        let mut e = exchange(&[("content-type", "application/scim+json")], Some("{}"));
        e.response_headers = vec![("location".into(), "http://x/Users/1".into())];
        let v = har_entry(&e);
        assert_eq!(v["request"]["postData"]["text"], "{}");
        assert_eq!(
            v["request"]["postData"]["mimeType"],
            "application/scim+json"
        );
        assert_eq!(v["response"]["status"], 201);
        assert_eq!(v["response"]["statusText"], "Created");
        assert_eq!(v["response"]["redirectURL"], "http://x/Users/1");
        assert_eq!(v["comment"], "#1 user.create");
    }
}
