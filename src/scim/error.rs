//! The SCIM error message (RFC 7644 §3.12): one type used by the sandbox to answer
//! and by the client to understand what a server answered.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// The `scimType` keywords of RFC 7644 Table 9, plus the ones we answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ScimType {
    InvalidFilter,
    TooMany,
    Uniqueness,
    Mutability,
    InvalidSyntax,
    InvalidPath,
    NoTarget,
    InvalidValue,
    InvalidVers,
    Sensitive,
}

impl ScimType {
    pub fn as_str(self) -> &'static str {
        match self {
            ScimType::InvalidFilter => "invalidFilter",
            ScimType::TooMany => "tooMany",
            ScimType::Uniqueness => "uniqueness",
            ScimType::Mutability => "mutability",
            ScimType::InvalidSyntax => "invalidSyntax",
            ScimType::InvalidPath => "invalidPath",
            ScimType::NoTarget => "noTarget",
            ScimType::InvalidValue => "invalidValue",
            ScimType::InvalidVers => "invalidVers",
            ScimType::Sensitive => "sensitive",
        }
    }
}

/// An error as SCIM expresses it: an HTTP status, an optional `scimType` and a human detail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status}{}: {detail}", scim_type.map(|t| format!(" {}", t.as_str())).unwrap_or_default())]
pub struct ScimError {
    pub status: u16,
    pub scim_type: Option<ScimType>,
    pub detail: String,
}

impl ScimError {
    pub fn new(status: u16, scim_type: Option<ScimType>, detail: impl Into<String>) -> Self {
        ScimError {
            status,
            scim_type,
            detail: detail.into(),
        }
    }
    pub fn bad_request(scim_type: ScimType, detail: impl Into<String>) -> Self {
        Self::new(400, Some(scim_type), detail)
    }
    pub fn invalid_value(detail: impl Into<String>) -> Self {
        Self::bad_request(ScimType::InvalidValue, detail)
    }
    pub fn invalid_syntax(detail: impl Into<String>) -> Self {
        Self::bad_request(ScimType::InvalidSyntax, detail)
    }
    pub fn invalid_path(detail: impl Into<String>) -> Self {
        Self::bad_request(ScimType::InvalidPath, detail)
    }
    pub fn no_target(detail: impl Into<String>) -> Self {
        Self::bad_request(ScimType::NoTarget, detail)
    }
    pub fn mutability(detail: impl Into<String>) -> Self {
        Self::bad_request(ScimType::Mutability, detail)
    }
    pub fn uniqueness(detail: impl Into<String>) -> Self {
        Self::new(409, Some(ScimType::Uniqueness), detail)
    }
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(404, None, detail)
    }

    /// The body RFC 7644 §3.12 prescribes; `status` is a string there.
    pub fn to_json(&self) -> Value {
        let mut body = json!({
            "schemas": [ERROR_SCHEMA],
            "status": self.status.to_string(),
            "detail": self.detail,
        });
        if let Some(t) = self.scim_type {
            body["scimType"] = Value::String(t.as_str().to_owned());
        }
        body
    }

    /// Reads an error body from a server, tolerating a numeric `status` (Okta's own examples use one).
    pub fn from_json(http_status: u16, body: &Value) -> Option<Self> {
        let schemas = body.get("schemas")?.as_array()?;
        if !schemas.iter().any(|s| s.as_str() == Some(ERROR_SCHEMA)) {
            return None;
        }
        let status = match body.get("status") {
            Some(Value::String(s)) => s.parse().unwrap_or(http_status),
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|n| u16::try_from(n).ok())
                .unwrap_or(http_status),
            _ => http_status,
        };
        let scim_type = body
            .get("scimType")
            .and_then(|t| serde_json::from_value::<ScimType>(t.clone()).ok());
        let detail = body
            .get("detail")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        Some(ScimError {
            status,
            scim_type,
            detail,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json_with_string_status() {
        let e = ScimError::uniqueness("userName is taken");
        let body = e.to_json();
        assert_eq!(body["status"], "409");
        assert_eq!(body["scimType"], "uniqueness");
        assert_eq!(ScimError::from_json(409, &body), Some(e));
    }

    #[test]
    fn accepts_numeric_status_from_lenient_servers() {
        let body = json!({"schemas": [ERROR_SCHEMA], "status": 404, "detail": "nope"});
        let e = ScimError::from_json(404, &body).unwrap();
        assert_eq!(e.status, 404);
        assert_eq!(e.scim_type, None);
    }
}
