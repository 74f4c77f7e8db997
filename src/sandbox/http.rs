//! HTTP plumbing shared by the sandbox's endpoints: SCIM-shaped responses and
//! errors, reading JSON bodies within the size limit, the request log.

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::{CONTENT_TYPE, ETAG, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::scim::ScimError;

pub const SCIM_CONTENT_TYPE: &str = "application/scim+json";

impl IntoResponse for ScimError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = scim_json(status, &self.to_json());
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"scimctl-sandbox\""),
            );
        }
        resp
    }
}

/// A SCIM JSON response.
pub fn scim_json(status: StatusCode, body: &impl serde::Serialize) -> Response {
    let bytes = serde_json::to_vec(body).expect("JSON values serialize");
    (
        status,
        [(CONTENT_TYPE, HeaderValue::from_static(SCIM_CONTENT_TYPE))],
        bytes,
    )
        .into_response()
}

/// A resource response with its `ETag` and, for 201, its `Location`.
pub fn resource_response(status: StatusCode, body: &Value) -> Response {
    let mut resp = scim_json(status, body);
    let meta = body.get("meta");
    if let Some(v) = meta
        .and_then(|m| m.get("version"))
        .and_then(Value::as_str)
        .and_then(|v| HeaderValue::from_str(v).ok())
    {
        resp.headers_mut().insert(ETAG, v);
    }
    if status == StatusCode::CREATED
        && let Some(l) = meta
            .and_then(|m| m.get("location"))
            .and_then(Value::as_str)
            .and_then(|v| HeaderValue::from_str(v).ok())
    {
        resp.headers_mut().insert(LOCATION, l);
    }
    resp
}

/// A JSON request body for the SCIM API, with errors in SCIM form: 413 past the
/// size limit, 400 `invalidSyntax` when it is not JSON.
pub struct ScimBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for ScimBody {
    type Rejection = ScimError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(ct) = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
        {
            let mime = ct
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if !(mime.is_empty()
                || mime.ends_with("/json")
                || mime.ends_with("+json")
                || mime == "text/json")
            {
                return Err(ScimError::new(
                    415,
                    None,
                    format!("unsupported Content-Type '{ct}': send application/scim+json"),
                ));
            }
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.body_text().contains(super::serve::BODY_TOO_SLOW) {
                return ScimError::new(408, None, "the request body did not arrive in time");
            }
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ScimError::new(413, None, "the request body is larger than the service accepts (see maxPayloadSize in /ServiceProviderConfig)")
            } else {
                ScimError::invalid_syntax(format!("cannot read the request body: {e}"))
            }
        })?;
        serde_json::from_slice(&bytes).map(ScimBody).map_err(|e| {
            ScimError::invalid_syntax(format!("the request body is not valid JSON: {e}"))
        })
    }
}

/// The value of a header, if it is text.
pub fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Logs one line per request (method, path and query, status, time); never headers,
/// so no credential reaches the log.
pub async fn log_requests(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let uri = req.uri().clone();
    let resp = next.run(req).await;
    tracing::info!(target: "scimctl::sandbox::access", "{method} {uri} {} {:.1}ms", resp.status().as_u16(), start.elapsed().as_secs_f64() * 1000.0);
    resp
}

/// Middleware: a request that could be read two ways is refused with 400 before
/// anything acts on it: more than one Authorization header (which one would
/// count?), or a query parameter given twice (names compare case-insensitively,
/// as SCIM's do).
pub async fn reject_ambiguous(req: Request, next: Next) -> Response {
    let problem = if req
        .headers()
        .get_all(axum::http::header::AUTHORIZATION)
        .iter()
        .count()
        > 1
    {
        Some("the request has more than one Authorization header".to_owned())
    } else {
        repeated_parameter(req.uri().query().unwrap_or(""))
            .map(|p| format!("the query parameter '{p}' is given more than once"))
    };
    let Some(problem) = problem else {
        return next.run(req).await;
    };
    if req.uri().path().starts_with("/api/") {
        super::api_error::ApiError::bad_request("ambiguous_request", problem).into_response()
    } else {
        ScimError::invalid_syntax(problem).into_response()
    }
}

/// The first query parameter name that appears twice (case-insensitively).
fn repeated_parameter(query: &str) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, _)| k.to_ascii_lowercase())
        .find(|k| !seen.insert(k.clone()))
}
