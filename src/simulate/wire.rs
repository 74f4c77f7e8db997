//! Sends the IdP's requests exactly as its profile says and records every
//! exchange, token redacted, for the report and the transcript. In a dry run
//! nothing is sent: each request is recorded and answered with a placeholder.

use std::time::Instant;

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{
    AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST, HeaderMap, HeaderName, HeaderValue,
};
use serde::Serialize;
use serde_json::{Value, json};

use super::profile::{Profile, patch};
use super::transport::Transport;
use crate::secret::{Secret, redact};

/// One request and its answer, as recorded: the headers and body exactly as
/// they went on the wire (Host and Content-Length included), secrets masked.
#[derive(Debug, Clone, Serialize)]
pub struct Exchange {
    pub n: usize,
    pub step: String,
    #[serde(with = "crate::timestamp::ms")]
    pub started_at: jiff::Timestamp,
    pub method: String,
    pub url: String,
    pub request_headers: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<Value>,
    /// The body's bytes as sent (compact JSON).
    #[serde(skip)]
    pub request_text: Option<String>,
    pub status: u16,
    pub response_headers: Vec<(String, String)>,
    pub response_body: String,
    /// Every duration in scimctl's JSON is `*_ms`.
    #[serde(rename = "duration_ms")]
    pub ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Exchange {
    pub fn is_write(&self) -> bool {
        matches!(self.method.as_str(), "POST" | "PUT" | "PATCH" | "DELETE")
    }
}

/// An answer as the checks see it.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub json: Option<Value>,
    pub content_type: String,
    pub location: Option<String>,
    /// `WWW-Authenticate`, when the answer has one (RFC 7644 §3.12, RFC 6750 §3).
    pub www_authenticate: Option<String>,
    pub body_len: usize,
    /// The start of the body (whitespace folded, secrets masked), for reasons.
    pub snippet: String,
    /// Why there was no answer (status 0).
    pub error: Option<String>,
}

impl Resp {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.json.as_ref()?.get(key)
    }
    pub fn str(&self, key: &str) -> Option<&str> {
        self.get(key)?.as_str()
    }
    /// `Resources` of a ListResponse (absent counts as empty).
    pub fn resources(&self) -> Vec<Value> {
        self.get("Resources")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    }
}

/// How the token goes into `Authorization`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthForm {
    /// `Bearer <token>` (RFC 6750 §2.1), what both IdPs send by default.
    Bearer,
    /// The token alone: what Okta sends when an admin pastes it without
    /// `Bearer ` in "Authentication Mode: HTTP Header" (idp-behaviors §1.0).
    Raw,
}

pub struct Wire {
    transport: Option<Transport>,
    base: String,
    /// The path of the base URL, which every request's target starts with.
    base_path: String,
    token: Secret,
    profile: Profile,
    pub exchanges: Vec<Exchange>,
    pub step: String,
    placeholder: usize,
}

impl Wire {
    pub fn new(base: &str, token: Secret, profile: Profile, dry_run: bool) -> anyhow::Result<Wire> {
        let base = base.trim_end_matches('/').to_owned();
        let url = reqwest::Url::parse(&base)?;
        // The transport adds no header of its own: each profile decides them all.
        let transport = if dry_run {
            None
        } else {
            Some(Transport::new(&url)?)
        };
        Ok(Wire {
            transport,
            base_path: url.path().trim_end_matches('/').to_owned(),
            base,
            token,
            profile,
            exchanges: Vec::new(),
            step: String::new(),
            placeholder: 0,
        })
    }

    /// The token the run was given.
    pub fn token(&self) -> &Secret {
        &self.token
    }

    /// The target's base URL (no trailing slash).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The number of the next exchange, to mark where a check's requests begin.
    pub fn mark(&self) -> usize {
        self.exchanges.len()
    }

    pub async fn send(&mut self, method: Method, path: &str, body: Option<&Value>) -> Resp {
        let token = self.token.clone();
        self.send_as(method, path, body, Some((&token, AuthForm::Bearer)))
            .await
    }

    /// Sends with another token, another form of it, or none (the bad-token
    /// and header-form probes).
    pub async fn send_as(
        &mut self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        auth: Option<(&Secret, AuthForm)>,
    ) -> Resp {
        let body_bytes = body.map(|b| Bytes::from(serde_json::to_vec(b).unwrap_or_default()));
        let headers = wire_headers(self.profile, &self.authority(), body_bytes.as_ref(), auth);
        self.transmit(method, path, body, body_bytes, headers).await
    }

    /// The Host header's value.
    fn authority(&self) -> String {
        self.transport
            .as_ref()
            .map_or_else(|| host_of(&self.base), |t| t.authority().to_owned())
    }

    /// Sends exactly these headers, in this order (after Host, and before
    /// Content-Length), and this body: a recorded test's request as it was
    /// written (`okta-spec`). `Authorization` values are flagged sensitive.
    pub async fn send_exact(
        &mut self,
        method: Method,
        path: &str,
        headers: &[(String, String)],
        body: Option<Vec<u8>>,
    ) -> Resp {
        let mut map = HeaderMap::new();
        if let Ok(h) = HeaderValue::from_str(&self.authority()) {
            map.insert(HOST, h);
        }
        for (k, v) in headers {
            let (Ok(name), Ok(mut value)) = (
                HeaderName::from_bytes(k.as_bytes()),
                HeaderValue::from_str(v),
            ) else {
                continue;
            };
            if name == AUTHORIZATION {
                value.set_sensitive(true);
            }
            map.append(name, value);
        }
        let body_bytes = body.map(Bytes::from);
        if let Some(b) = &body_bytes {
            map.insert(CONTENT_LENGTH, HeaderValue::from(b.len()));
        }
        let value = body_bytes
            .as_ref()
            .and_then(|b| serde_json::from_slice::<Value>(b).ok());
        self.transmit(method, path, value.as_ref(), body_bytes, map)
            .await
    }

    async fn transmit(
        &mut self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        body_bytes: Option<Bytes>,
        headers: HeaderMap,
    ) -> Resp {
        let url = format!("{}{path}", self.base);
        let recorded_headers = recorded(&headers);
        let request_text = body_bytes
            .as_ref()
            .map(|b| redact(&String::from_utf8_lossy(b)).into_owned());
        let n = self.exchanges.len() + 1;
        let started_at = jiff::Timestamp::now();
        let Some(transport) = self.transport.as_mut() else {
            let resp = self.placeholder_answer(&method, path, body);
            self.exchanges.push(Exchange {
                n,
                step: self.step.clone(),
                started_at,
                method: method.to_string(),
                url,
                request_headers: recorded_headers,
                request_body: body.cloned(),
                request_text,
                status: resp.status,
                response_headers: Vec::new(),
                response_body: "(dry run: not sent)".into(),
                ms: 0.0,
                error: None,
            });
            return resp;
        };
        let target = format!("{}{path}", self.base_path);
        let started = Instant::now();
        let answer = transport
            .send(&method, &target, &headers, body_bytes.unwrap_or_default())
            .await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let (status, answer_headers, text, error) = match answer {
            Ok(a) => (
                a.status,
                a.headers,
                String::from_utf8_lossy(&a.body).into_owned(),
                None,
            ),
            Err(f) => (
                0,
                HeaderMap::new(),
                String::new(),
                Some(crate::http::no_answer("target", &self.base, &f.no_answer()).message),
            ),
        };
        // A server may echo the Authorization header back: every value is
        // redacted before it is recorded.
        let response_headers = recorded(&answer_headers);
        let header = |name: HeaderName| {
            answer_headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(CONTENT_TYPE).unwrap_or_default();
        let location = header(reqwest::header::LOCATION);
        let www_authenticate = header(reqwest::header::WWW_AUTHENTICATE);
        let redacted = redact(&text).into_owned();
        let error = error.map(|e| redact(&e).into_owned());
        let resp_error = error.clone();
        let json = serde_json::from_str(&text).ok();
        self.exchanges.push(Exchange {
            n,
            step: self.step.clone(),
            started_at,
            method: method.to_string(),
            url,
            request_headers: recorded_headers,
            request_body: body.cloned(),
            request_text,
            status,
            response_headers,
            response_body: redacted.clone(),
            ms,
            error,
        });
        let snippet: String = redacted
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(120)
            .collect();
        Resp {
            status,
            json,
            content_type,
            location,
            www_authenticate,
            body_len: text.len(),
            snippet,
            error: resp_error,
        }
    }

    /// `filter=…` as the profile's IdP encodes it.
    pub fn filter_param(&self, expr: &str) -> String {
        self.profile.filter_param(expr)
    }

    /// GET /Users/{id} (or /Groups/{id}) and the JSON, when it is there.
    pub async fn read(&mut self, kind: &str, id: &str) -> (Resp, Value) {
        let r = self.send(Method::GET, &format!("/{kind}/{id}"), None).await;
        let v = r.json.clone().unwrap_or(Value::Null);
        (r, v)
    }

    /// Deactivates (or reactivates) a user the way the profile's IdP does (§1.6
    /// Okta OIN: path-less PATCH; §1.6 AIW: GET + PUT; §2.8 Entra: Replace active).
    pub async fn set_active(&mut self, id: &str, active: bool) -> Resp {
        let path = format!("/Users/{id}");
        match self.profile {
            Profile::Okta => {
                let body = patch(vec![json!({"op": "replace", "value": {"active": active}})]);
                self.send(Method::PATCH, &path, Some(&body)).await
            }
            Profile::OktaAiw => {
                let (_, mut current) = self.read("Users", id).await;
                if !current.is_object() {
                    current = json!({});
                }
                current["active"] = Value::Bool(active);
                self.send(Method::PUT, &path, Some(&current)).await
            }
            p => {
                let body = patch(vec![
                    json!({"op": p.op("replace"), "path": "active", "value": p.boolean(active)}),
                ]);
                self.send(Method::PATCH, &path, Some(&body)).await
            }
        }
    }

    /// What a dry run pretends the server said, so that the plan can go on.
    fn placeholder_answer(&mut self, method: &Method, path: &str, body: Option<&Value>) -> Resp {
        self.placeholder += 1;
        let id = format!("{{id-{}}}", self.placeholder);
        let (status, json) = match *method {
            Method::POST => {
                let mut b = body.cloned().unwrap_or(json!({}));
                b["id"] = Value::String(id);
                (201, Some(b))
            }
            Method::DELETE => (204, None),
            Method::PATCH => (204, None),
            _ if path.contains('?') => (
                200,
                Some(
                    json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 0, "Resources": []}),
                ),
            ),
            _ => (
                200,
                Some(json!({"id": path.rsplit('/').next().unwrap_or(&id)})),
            ),
        };
        Resp {
            status,
            json,
            content_type: "application/scim+json".into(),
            location: None,
            www_authenticate: None,
            body_len: 0,
            snippet: String::new(),
            error: None,
        }
    }
}

/// Headers as recorded: in order, every value with its secrets masked.
fn recorded(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            let v = String::from_utf8_lossy(v.as_bytes());
            (k.as_str().to_owned(), redact(&v).into_owned())
        })
        .collect()
}

/// `host[:port]` of a URL, for a dry run's record.
fn host_of(base: &str) -> String {
    reqwest::Url::parse(base)
        .map(|u| {
            let mut a = u.host_str().unwrap_or_default().to_owned();
            if let Some(p) = u.port() {
                a.push_str(&format!(":{p}"));
            }
            a
        })
        .unwrap_or_default()
}

/// Every header of one request, in the order they are sent: `Host` (RFC 9112
/// §3.2), the profile's own, and the body's `Content-Length`. Nothing else is
/// added on the way.
pub fn wire_headers(
    profile: Profile,
    authority: &str,
    body: Option<&Bytes>,
    auth: Option<(&Secret, AuthForm)>,
) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Ok(h) = HeaderValue::from_str(authority) {
        headers.insert(HOST, h);
    }
    let profile_headers = headers_for(profile, body.is_some(), auth.map(|(t, _)| t));
    for (k, v) in &profile_headers {
        headers.insert(k.clone(), v.clone());
    }
    if let Some((t, AuthForm::Raw)) = auth {
        let mut v = HeaderValue::from_str(t.expose())
            .unwrap_or_else(|_| HeaderValue::from_static("invalid"));
        v.set_sensitive(true);
        headers.insert(AUTHORIZATION, v);
    }
    if let Some(b) = body {
        headers.insert(CONTENT_LENGTH, HeaderValue::from(b.len()));
    }
    headers
}

/// The headers the profile's IdP sends (§1.0, §2.0).
fn headers_for(profile: Profile, has_body: bool, token: Option<&Secret>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Some(ua) = profile.user_agent() {
        headers.insert(reqwest::header::USER_AGENT, HeaderValue::from_static(ua));
    }
    for (k, v) in profile.accept_headers() {
        headers.insert(HeaderName::from_static(k), HeaderValue::from_static(v));
    }
    if has_body {
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static(profile.content_type()),
        );
    }
    if let Some(t) = token {
        headers.insert(AUTHORIZATION, crate::http::bearer(t));
    }
    headers
}
