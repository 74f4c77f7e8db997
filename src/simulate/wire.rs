//! Sends the IdP's requests exactly as its profile says and records every
//! exchange, token redacted, for the report and the transcript. In a dry run
//! nothing is sent: each request is recorded and answered with a placeholder.

use std::time::Instant;

use reqwest::Method;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde_json::{Value, json};

use super::profile::{Profile, patch};
use crate::secret::{Secret, redact};

/// One request and its answer, as recorded.
#[derive(Debug, Clone, Serialize)]
pub struct Exchange {
    pub n: usize,
    pub step: String,
    pub method: String,
    pub url: String,
    pub request_headers: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<Value>,
    pub status: u16,
    pub response_headers: Vec<(String, String)>,
    pub response_body: String,
    pub ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// An answer as the checks see it.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub json: Option<Value>,
    pub content_type: String,
    pub location: Option<String>,
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

pub struct Wire {
    http: reqwest::Client,
    base: String,
    token: Secret,
    profile: Profile,
    dry_run: bool,
    pub exchanges: Vec<Exchange>,
    pub step: String,
    placeholder: usize,
}

impl Wire {
    pub fn new(base: &str, token: Secret, profile: Profile, dry_run: bool) -> anyhow::Result<Wire> {
        // No default User-Agent: each profile sets its own, or none (Entra).
        // The global HTTP policy (--timeout, --ca-cert), and no default User-Agent:
        // each profile sets its own, or none (Entra).
        let http = crate::http::builder()?.build()?;
        Ok(Wire {
            http,
            base: base.trim_end_matches('/').to_owned(),
            token,
            profile,
            dry_run,
            exchanges: Vec::new(),
            step: String::new(),
            placeholder: 0,
        })
    }

    /// The number of the next exchange, to mark where a check's requests begin.
    pub fn mark(&self) -> usize {
        self.exchanges.len()
    }

    pub async fn send(&mut self, method: Method, path: &str, body: Option<&Value>) -> Resp {
        let token = self.token.clone();
        self.send_as(method, path, body, Some(&token)).await
    }

    /// Sends with another token (or none): the bad-token probe.
    pub async fn send_as(
        &mut self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        token: Option<&Secret>,
    ) -> Resp {
        let url = format!("{}{path}", self.base);
        let headers = headers_for(self.profile, body.is_some(), token);
        let recorded_headers: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| {
                let shown = if k == AUTHORIZATION {
                    "Bearer <redacted>".to_owned()
                } else {
                    v.to_str().unwrap_or("?").to_owned()
                };
                (k.as_str().to_owned(), shown)
            })
            .collect();
        let n = self.exchanges.len() + 1;
        if self.dry_run {
            let resp = self.placeholder_answer(&method, path, body);
            self.exchanges.push(Exchange {
                n,
                step: self.step.clone(),
                method: method.to_string(),
                url,
                request_headers: recorded_headers,
                request_body: body.cloned(),
                status: resp.status,
                response_headers: Vec::new(),
                response_body: "(dry run: not sent)".into(),
                ms: 0.0,
                error: None,
            });
            return resp;
        }
        let started = Instant::now();
        let mut req = self.http.request(method.clone(), &url).headers(headers);
        if let Some(b) = body {
            req = req.body(serde_json::to_vec(b).unwrap_or_default());
        }
        let (status, response_headers, text, error, content_type, location) = match req.send().await
        {
            Ok(r) => {
                let status = r.status().as_u16();
                // A server may echo the Authorization header back: every value
                // is redacted before it is recorded.
                let hs: Vec<(String, String)> = r
                    .headers()
                    .iter()
                    .map(|(k, v)| {
                        let v = String::from_utf8_lossy(v.as_bytes());
                        (k.as_str().to_owned(), redact(&v).into_owned())
                    })
                    .collect();
                let ct = r
                    .headers()
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                let loc = r
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                // Bounded like every read (http::MAX_RESPONSE_BYTES).
                match crate::http::read_limited(r, "target").await {
                    Ok(bytes) => (
                        status,
                        hs,
                        String::from_utf8_lossy(&bytes).into_owned(),
                        None,
                        ct,
                        loc,
                    ),
                    Err(e) => (status, hs, String::new(), Some(e.message), ct, loc),
                }
            }
            Err(e) => (
                0,
                Vec::new(),
                String::new(),
                Some(crate::http::unreachable("target", &self.base, &e).message),
                String::new(),
                None,
            ),
        };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let redacted = redact(&text).into_owned();
        let error = error.map(|e| redact(&e).into_owned());
        let resp_error = error.clone();
        let json = serde_json::from_str(&text).ok();
        self.exchanges.push(Exchange {
            n,
            step: self.step.clone(),
            method: method.to_string(),
            url,
            request_headers: recorded_headers,
            request_body: body.cloned(),
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
            body_len: 0,
            snippet: String::new(),
            error: None,
        }
    }
}

/// The headers the profile's IdP sends (§1.0, §2.0).
pub fn headers_for(profile: Profile, has_body: bool, token: Option<&Secret>) -> HeaderMap {
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
