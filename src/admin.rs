//! Client for our service's admin API (docs/admin-api.md): SCIM status, enable,
//! token regeneration, disable. Errors become `UserError`s that keep the
//! service's stable code, message and hint.

use jiff::Timestamp;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::error::{Exit, UserError};
use crate::http;
use crate::secret::Secret;

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TokenInfo {
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub expired: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Sso {
    pub saml: bool,
    pub strict: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Counts {
    pub total: u64,
    pub idp_managed: u64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ScimStatus {
    pub enabled: bool,
    pub idp: Option<String>,
    pub scim_base_url: String,
    pub enabled_at: Option<Timestamp>,
    pub token: Option<TokenInfo>,
    pub sso: Sso,
    pub users: Counts,
    pub groups: Counts,
}

/// A freshly issued token: the only time the service shows it.
#[derive(Deserialize)]
pub struct IssuedToken {
    pub token: Secret,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub scim_base_url: String,
    #[serde(default)]
    pub revoked_invites: u64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Disabled {
    pub converted_users: u64,
    pub converted_groups: u64,
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret::new)
    }
}

/// The error body of the admin API.
#[derive(Debug, Deserialize)]
struct ApiErrorBody {
    error: ApiErrorDetail,
}

#[derive(Debug, Deserialize)]
struct ApiErrorDetail {
    code: String,
    message: String,
    hint: Option<String>,
}

pub struct AdminClient {
    base: String,
    key: Secret,
    http: reqwest::Client,
}

impl AdminClient {
    pub fn new(base: &str, key: Secret) -> anyhow::Result<AdminClient> {
        http::check_url("admin API URL", base)?;
        Ok(AdminClient {
            base: base.trim_end_matches('/').to_owned(),
            key,
            http: http::client()?,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub async fn status(&self) -> anyhow::Result<ScimStatus> {
        self.call(Method::GET, "/scim", None).await
    }

    pub async fn enable(&self, idp: &str) -> anyhow::Result<IssuedToken> {
        self.call(Method::POST, "/scim/enable", Some(json!({ "idp": idp })))
            .await
    }

    pub async fn regenerate(&self) -> anyhow::Result<IssuedToken> {
        self.call(Method::POST, "/scim/token", None).await
    }

    pub async fn disable(&self, confirm: &str) -> anyhow::Result<Disabled> {
        self.call(
            Method::POST,
            "/scim/disable",
            Some(json!({ "confirm": confirm })),
        )
        .await
    }

    /// Who manages each app user or group (`idp` or `local`), by id.
    pub async fn managers(
        &self,
        kind: crate::scim::ResourceKind,
    ) -> anyhow::Result<std::collections::HashMap<String, String>> {
        let (path, key) = match kind {
            crate::scim::ResourceKind::User => ("/users", "users"),
            crate::scim::ResourceKind::Group => ("/groups", "groups"),
        };
        let body: Value = self.call(Method::GET, path, None).await?;
        Ok(body
            .get(key)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| {
                        Some((
                            i.get("id")?.as_str()?.to_owned(),
                            i.get("managed_by")?.as_str()?.to_owned(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default())
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<T> {
        let url = format!("{}{path}", self.base);
        tracing::info!(%method, %url, "admin API request");
        let mut req = http::with_bearer(self.http.request(method.clone(), &url), &self.key);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req
            .send()
            .await
            .map_err(|e| http::unreachable("admin API", &self.base, &e))?;
        let status = resp.status();
        tracing::info!(%method, %url, status = status.as_u16(), "admin API response");
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type")
            .to_owned();
        let bytes = crate::http::read_limited(resp, "admin API").await?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| {
                UserError::failure(format!(
                    "the admin API at {} answered {path} with {content_type}, not the JSON scimctl expects ({e}); it begins: {:?}",
                    self.base,
                    http::head(&bytes)
                ))
                .hint("is this URL our service's admin API (it ends in /api/v1)?")
                .into()
            });
        }
        Err(self.refusal(status, &bytes))
    }

    fn refusal(&self, status: StatusCode, bytes: &[u8]) -> anyhow::Error {
        let Ok(body) = serde_json::from_slice::<ApiErrorBody>(bytes) else {
            return UserError::failure(format!(
                "the admin API at {} answered HTTP {status} without an error body scimctl understands; it begins: {:?}",
                self.base,
                http::head(bytes)
            ))
            .hint("is this URL our service's admin API (it ends in /api/v1)?")
            .into();
        };
        let e = body.error;
        let exit = match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Exit::Auth,
            _ => Exit::Failure,
        };
        let mut u = UserError::new(exit, e.message).code(e.code);
        if let Some(h) = e.hint {
            u = u.hint(h);
        }
        if exit == Exit::Auth {
            u = u.hint(
                "store a valid admin API key with `scimctl login` (or set SCIMCTL_ADMIN_KEY)",
            );
        }
        u.into()
    }
}
