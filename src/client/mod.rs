//! A SCIM 2.0 client for any RFC 7644 server: bearer auth, GETs retried with
//! backoff on 429 (honouring Retry-After) and 502/503/504, errors that say what
//! the server answered and what to do. `pager` walks list results.

pub mod names;
pub mod pager;

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde_json::Value;

use crate::error::{Exit, UserError};
use crate::http;
use crate::scim::ScimError;
use crate::secret::Secret;

pub const SCIM_JSON: &str = "application/scim+json";

/// Escapes a value for a SCIM filter string literal (RFC 7644 §3.4.2.2).
pub fn quote(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Percent-encodes an id for a path segment.
pub fn encode(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}
const MAX_ATTEMPTS: u32 = 5;
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct ScimClient {
    base: String,
    token: Secret,
    http: reqwest::Client,
    /// Where the token came from, for the 401 hint.
    token_source: String,
    /// The target is the profile's own SCIM URL (our service): hints may name
    /// our token commands; for any other server they do not.
    ours: bool,
}

impl ScimClient {
    pub fn new(base: &str, token: Secret, token_source: String) -> anyhow::Result<ScimClient> {
        http::check_url("SCIM base URL", base)?;
        Ok(ScimClient {
            base: base.trim_end_matches('/').to_owned(),
            token,
            http: http::client()?,
            token_source,
            ours: false,
        })
    }

    /// Marks the target as the profile's own SCIM URL (our service).
    pub fn ours(mut self, ours: bool) -> ScimClient {
        self.ours = ours;
        self
    }

    /// GET `path` (relative to the base) with `query`, retried when the server
    /// says it is busy or a gateway failed. Returns the JSON body.
    pub async fn get(&self, path: &str, query: &[(&str, String)]) -> anyhow::Result<Value> {
        let body = self.get_bytes(path, query).await?;
        body.json()
    }

    /// Like `get`, but returns the body unparsed (for the pager, which reads it
    /// without building a JSON tree); a failure is already an explained error.
    pub async fn get_bytes(&self, path: &str, query: &[(&str, String)]) -> anyhow::Result<Body> {
        let url = format!("{}{path}", self.base);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let req = http::with_bearer(self.http.get(&url), &self.token)
                .query(query)
                .header("Accept", SCIM_JSON);
            tracing::info!(url = %url, ?query, attempt, "SCIM GET");
            let resp = match req.send().await {
                Ok(r) => r,
                // A timeout is retried once: a server that stalls twice is down, and each
                // wait costs the whole --timeout.
                Err(e)
                    if attempt < if e.is_timeout() { 2 } else { MAX_ATTEMPTS }
                        && http::is_transient(&e) =>
                {
                    let wait = backoff(attempt);
                    tracing::info!("{url}: {e}; retrying in {wait:?}");
                    tokio::time::sleep(wait).await;
                    continue;
                }
                Err(e) => return Err(http::unreachable("SCIM API", &self.base, &e).into()),
            };
            let status = resp.status();
            tracing::info!(url = %url, status = status.as_u16(), "SCIM response");
            if attempt < MAX_ATTEMPTS && retryable(status) {
                let wait = retry_after(resp.headers()).unwrap_or_else(|| backoff(attempt));
                tracing::info!(
                    "{url} answered {status}; retrying in {wait:?} ({attempt}/{MAX_ATTEMPTS})"
                );
                tokio::time::sleep(wait).await;
                continue;
            }
            let content_type = resp
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            let bytes = crate::http::read_limited(resp, "SCIM API").await?;
            if status.is_success() {
                return Ok(Body {
                    url,
                    content_type,
                    bytes,
                });
            }
            return Err(self.refusal(&url, status, &content_type, &bytes));
        }
    }

    /// An unsuccessful answer as an explained error.
    fn refusal(
        &self,
        url: &str,
        status: StatusCode,
        content_type: &str,
        bytes: &[u8],
    ) -> anyhow::Error {
        let parsed: Option<Value> = serde_json::from_slice(bytes).ok();
        let scim = parsed
            .as_ref()
            .and_then(|v| ScimError::from_json(status.as_u16(), v));
        let detail = scim
            .as_ref()
            .map(|e| e.detail.clone())
            .filter(|d| !d.is_empty());
        let what = match &detail {
            Some(d) => format!("{url} answered HTTP {status}: {d}"),
            None if parsed.is_none() && !bytes.is_empty() => {
                return not_json(url, status, content_type, bytes)
                    .http_status(status.as_u16())
                    .into();
            }
            None => format!("{url} answered HTTP {status}"),
        };
        let u = match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN if self.ours => UserError::new(Exit::Auth, what)
                .hint(format!("the token (from {}) was refused: it may be expired, revoked or for another service", self.token_source))
                .hint("`scimctl token status` checks it; `scimctl token regenerate` issues a new one; or pipe a valid one to --token-stdin"),
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => UserError::new(Exit::Auth, what)
                .hint(format!("the server refused the token (from {}): pipe the one it issued to --token-stdin, or set SCIMCTL_TOKEN", self.token_source)),
            // A 404 on a collection means the base URL is wrong, not a missing resource.
            StatusCode::NOT_FOUND if url.split('?').next().is_some_and(|p| p.ends_with("/Users") || p.ends_with("/Groups")) => UserError::failure(what)
                .hint(format!("is the SCIM base URL right? {} is not a SCIM collection there; the base usually ends in /scim/v2", url.split('?').next().unwrap_or(url))),
            StatusCode::NOT_FOUND => UserError::failure(what),
            StatusCode::TOO_MANY_REQUESTS => UserError::failure(what).hint("the server kept throttling after several retries; try again later"),
            s if s.is_server_error() => UserError::failure(what).hint("the server failed; retrying later may help, its logs will say more"),
            _ => UserError::failure(what),
        }
        .http_status(status.as_u16());
        match scim.and_then(|e| e.scim_type) {
            Some(t) => u.code(t.as_str()).into(),
            None => u.into(),
        }
    }
}

/// A successful answer, not yet parsed.
pub struct Body {
    pub url: String,
    pub content_type: String,
    pub bytes: bytes::Bytes,
}

impl Body {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> anyhow::Result<T> {
        serde_json::from_slice(&self.bytes).map_err(|_| self.not_json().into())
    }

    pub fn not_json(&self) -> UserError {
        not_json(&self.url, StatusCode::OK, &self.content_type, &self.bytes)
    }
}

fn not_json(url: &str, status: StatusCode, content_type: &str, bytes: &[u8]) -> UserError {
    let head = http::head(bytes);
    let ct = if content_type.is_empty() {
        "no content type".to_owned()
    } else {
        format!("content type {content_type}")
    };
    UserError::failure(format!(
        "{url} answered HTTP {status} with {ct}, not SCIM JSON; it begins: {head:?}"
    ))
    .hint("is the SCIM base URL right? an HTML page usually means a login page, a proxy or the wrong path (the base usually ends in /scim/v2)")
}

fn retryable(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    )
}

/// Exponential backoff with jitter: about 0.25 s, 0.5 s, 1 s, 2 s.
fn backoff(attempt: u32) -> Duration {
    let base = 250u64 << (attempt - 1).min(6);
    let mut jitter = [0u8; 2];
    let _ = getrandom::fill(&mut jitter);
    let jitter = u64::from(u16::from_le_bytes(jitter)) % (base / 2 + 1);
    Duration::from_millis(base + jitter)
}

/// `Retry-After` as seconds or an HTTP date, capped.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let d = if let Ok(secs) = v.parse::<u64>() {
        Duration::from_secs(secs)
    } else {
        let when = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
        let secs = when.as_second() - jiff::Timestamp::now().as_second();
        Duration::from_secs(secs.max(0) as u64)
    };
    Some(d.min(MAX_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_reads_seconds_and_dates_and_caps() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("86400"));
        assert_eq!(retry_after(&h), Some(MAX_RETRY_AFTER));
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn backoff_grows() {
        assert!(backoff(1) < Duration::from_millis(400));
        assert!(backoff(3) >= Duration::from_secs(1));
    }
}
