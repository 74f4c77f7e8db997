//! Errors of our admin API: an HTTP status, a stable machine-readable `code`, a
//! message, and a hint saying what to do. Documented in docs/admin-api.md.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::scim::ScimError;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            hint: None,
        }
    }
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        tracing::error!("database error: {e}");
        ApiError::internal("the sandbox's database failed; see its log")
    }
}

/// Store errors surface through the admin API with codes of their own.
impl From<ScimError> for ApiError {
    fn from(e: ScimError) -> Self {
        let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let code = match (e.status, e.scim_type) {
            (404, _) => "not_found",
            (409, _) => "name_taken",
            (_, Some(crate::scim::ScimType::Mutability)) => "reserved_group",
            (400, _) => "invalid_value",
            _ => "internal",
        };
        let status = if code == "reserved_group" {
            StatusCode::CONFLICT
        } else {
            status
        };
        ApiError::new(status, code, e.detail)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = json!({"code": self.code, "message": self.message});
        if let Some(h) = self.hint {
            error["hint"] = json!(h);
        }
        let mut resp = (self.status, axum::Json(json!({ "error": error }))).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"scimctl-sandbox-admin\""),
            );
        }
        resp
    }
}
