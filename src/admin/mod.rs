//! Client for our service's admin API (docs/admin-api.md): SCIM status, enable,
//! token regeneration, disable. Errors become `UserError`s that keep the
//! service's stable code, message and hint.

pub mod model;

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use model::{
    AppGroup, AppUser, DisableRequest, Disabled, EnableRequest, ErrorBody, Groups, Invite,
    IssuedToken, ManagedBy, ScimStatus, Users,
};

use crate::error::{Exit, UserError};
use crate::http;
use crate::secret::Secret;

/// The service issued a token but its answer was not what scimctl expects; the
/// token found in it is carried here so that it is kept all the same.
#[derive(Debug, thiserror::Error)]
#[error("{problem}")]
pub struct UnreadableIssue {
    pub token: Secret,
    pub problem: String,
}

/// A token in an answer scimctl could not read whole: the `token` field of a JSON
/// object that parses loosely, else the first run of our token prefix.
fn find_issued_token(bytes: &[u8]) -> Option<Secret> {
    const PREFIX: &str = crate::secret::SCIM_TOKEN_PREFIX;
    if let Ok(v) = serde_json::from_slice::<Value>(bytes)
        && let Some(t) = v.get("token").and_then(Value::as_str)
        && !t.is_empty()
    {
        return Some(Secret::new(t));
    }
    let text = String::from_utf8_lossy(bytes);
    let start = text.find(PREFIX)?;
    let run: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (run.len() > PREFIX.len()).then(|| Secret::new(run))
}

/// The most ids one `GET /users?ids=` or `/groups?ids=` names (docs/admin-api.md).
pub const MAX_IDS_PER_LOOKUP: usize = 200;

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

    /// The admin key in use and who it belongs to; `None` from a service
    /// without `GET /me` (404), which then cannot say.
    pub async fn me(&self) -> anyhow::Result<Option<model::Me>> {
        let (status, content_type, bytes) = self.exchange(Method::GET, "/me", None).await?;
        if status == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !status.is_success() {
            return Err(self.refusal(status, &bytes));
        }
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| self.unreadable("/me", &content_type, &e, &bytes).into())
    }

    /// Turns SCIM on; the answer carries the first token. Callers go through
    /// `issued::issue`, which keeps the token whatever happens next.
    pub async fn enable(&self, idp: &str) -> anyhow::Result<IssuedToken> {
        let req = EnableRequest {
            idp: idp.to_owned(),
        };
        self.issue("/scim/enable", Some(body(&req))).await
    }

    /// Replaces the token (see `enable` for how callers keep it); with an
    /// overlap, the current one stays valid beside the new one for a while.
    pub async fn regenerate(&self, req: &model::RegenerateRequest) -> anyhow::Result<IssuedToken> {
        let body = (req.overlap_seconds > 0).then(|| self::body(req));
        self.issue("/scim/token", body).await
    }

    /// Ends an overlap now: the previous token stops working.
    pub async fn revoke_previous(&self) -> anyhow::Result<model::PreviousToken> {
        self.call(Method::POST, "/scim/token/revoke-previous", None)
            .await
    }

    /// A call whose answer holds a new token. If the answer can't be read as
    /// expected but a token can be found in it, the error carries that token
    /// ([`UnreadableIssue`]) so that it is still kept, never lost.
    async fn issue(&self, path: &str, body: Option<Value>) -> anyhow::Result<IssuedToken> {
        let (status, content_type, bytes) = self.exchange(Method::POST, path, body).await?;
        if !status.is_success() {
            return Err(self.refusal(status, &bytes));
        }
        serde_json::from_slice(&bytes).map_err(|e| {
            let unreadable = self.unreadable(path, &content_type, &e, &bytes);
            match find_issued_token(&bytes) {
                Some(token) => UnreadableIssue {
                    token,
                    problem: unreadable.message,
                }
                .into(),
                None => unreadable.into(),
            }
        })
    }

    pub async fn disable(&self, confirm: &str) -> anyhow::Result<Disabled> {
        self.call(
            Method::POST,
            "/scim/disable",
            Some(body(&DisableRequest {
                confirm: Some(confirm.to_owned()),
            })),
        )
        .await
    }

    /// Who manages each of `ids` (users or groups), asked in batches of the
    /// admin API's `ids=` bound: a listing asks for the page it shows, never
    /// for the whole service (docs/admin-api.md, "The app-side view").
    pub async fn managers(
        &self,
        kind: crate::scim::ResourceKind,
        ids: &[&str],
    ) -> anyhow::Result<std::collections::HashMap<String, ManagedBy>> {
        let mut found = std::collections::HashMap::with_capacity(ids.len());
        for batch in ids.chunks(MAX_IDS_PER_LOOKUP) {
            let query: String = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("ids", &batch.join(","))
                .finish();
            match kind {
                crate::scim::ResourceKind::User => {
                    let list: Users = self
                        .call(Method::GET, &format!("/users?{query}"), None)
                        .await?;
                    found.extend(list.users.into_iter().map(|u| (u.id, u.managed_by)));
                }
                crate::scim::ResourceKind::Group => {
                    let list: Groups = self
                        .call(Method::GET, &format!("/groups?{query}"), None)
                        .await?;
                    found.extend(list.groups.into_iter().map(|g| (g.id, g.managed_by)));
                }
            }
        }
        Ok(found)
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<T> {
        let (status, content_type, bytes) = self.exchange(method, path, body).await?;
        if status.is_success() {
            return serde_json::from_slice(&bytes)
                .map_err(|e| self.unreadable(path, &content_type, &e, &bytes).into());
        }
        Err(self.refusal(status, &bytes))
    }

    fn unreadable(
        &self,
        path: &str,
        content_type: &str,
        e: &serde_json::Error,
        bytes: &[u8],
    ) -> UserError {
        UserError::failure(format!(
            "the admin API at {} answered {path} with {content_type}, not the JSON scimctl expects ({e}); it begins: {:?}",
            self.base,
            http::head(bytes)
        ))
        .hint("is this URL our service's admin API (it ends in /api/v1)?")
    }

    /// Sends one request; returns the status, content type and (bounded) body.
    async fn exchange(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<(StatusCode, String, bytes::Bytes)> {
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
        Ok((status, content_type, bytes))
    }

    fn refusal(&self, status: StatusCode, bytes: &[u8]) -> anyhow::Error {
        let Ok(body) = serde_json::from_slice::<ErrorBody>(bytes) else {
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

/// A request body as JSON (the model's types always serialize).
fn body(req: &impl Serialize) -> Value {
    serde_json::to_value(req).expect("admin API requests serialize")
}
