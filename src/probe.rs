//! One authenticated SCIM request to learn whether a token works, the way an
//! IdP's "Test connection" does: `GET /Users?startIndex=1&count=1`.

use reqwest::StatusCode;

use crate::http;
use crate::secret::Secret;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Probe {
    /// The server listed users with this token.
    Works,
    /// The server refused the token (401 or 403).
    Refused { status: u16 },
    /// Something else went wrong; the token's state is unknown.
    Unknown { reason: String },
}

impl Probe {
    pub fn describe(&self) -> String {
        match self {
            Probe::Works => "yes (the SCIM API accepted it just now)".into(),
            Probe::Refused { status } => format!("no: the SCIM API refused it (HTTP {status})"),
            Probe::Unknown { reason } => format!("unknown: {reason}"),
        }
    }
}

pub async fn probe(scim_url: &str, token: &Secret) -> Probe {
    if let Err(e) = http::check_url("SCIM base URL", scim_url) {
        return Probe::Unknown { reason: e.message };
    }
    let client = match http::client() {
        Ok(c) => c,
        Err(e) => {
            return Probe::Unknown {
                reason: e.to_string(),
            };
        }
    };
    let url = format!("{}/Users", scim_url.trim_end_matches('/'));
    let req = http::with_bearer(client.get(&url), token)
        .query(&[("startIndex", "1"), ("count", "1")])
        .header("Accept", "application/scim+json");
    match req.send().await {
        Ok(r) if r.status().is_success() => Probe::Works,
        Ok(r) if matches!(r.status(), StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) => {
            Probe::Refused {
                status: r.status().as_u16(),
            }
        }
        Ok(r) => Probe::Unknown {
            reason: format!("{url} answered HTTP {}", r.status()),
        },
        Err(e) => Probe::Unknown {
            reason: http::unreachable("SCIM API", scim_url, &e).message,
        },
    }
}
