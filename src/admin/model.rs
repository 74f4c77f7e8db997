//! The admin API's wire format, once (docs/admin-api.md and
//! docs/admin-api.openapi.json, whose component schemas have these names): the
//! client reads and sends these types, the sandbox serves them, and the OpenAPI
//! test checks both against the spec.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::secret::Secret;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct TokenInfo {
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub expired: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sso {
    pub saml: bool,
    pub strict: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Counts {
    pub total: u64,
    pub idp_managed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
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

/// A freshly issued token: the only time the service shows it. Enabling SCIM
/// answers with `idp` and `revoked_invites` too (the spec's `Enabled`);
/// regenerating without them (`IssuedToken`).
#[derive(Debug, Deserialize, Serialize)]
pub struct IssuedToken {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idp: Option<String>,
    #[serde(serialize_with = "expose_token")]
    pub token: Secret,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub scim_base_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_invites: Option<u64>,
}

/// The token field is where the service hands the token out; it is the only
/// place a `Secret` is ever serialized.
fn expose_token<S: serde::Serializer>(token: &Secret, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(token.expose())
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret::new)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Disabled {
    pub converted_users: u64,
    pub converted_groups: u64,
}

/// Who manages a user or group: the IdP over SCIM, or the app's own admins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ManagedBy {
    Idp,
    Local,
}

impl ManagedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            ManagedBy::Idp => "idp",
            ManagedBy::Local => "local",
        }
    }

    /// The stored form back; anything unknown reads as local (the app's own).
    pub fn parse(s: &str) -> ManagedBy {
        if s == "idp" {
            ManagedBy::Idp
        } else {
            ManagedBy::Local
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AppUser {
    pub id: String,
    pub user_name: String,
    pub display_name: String,
    pub active: bool,
    pub managed_by: ManagedBy,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AppGroup {
    pub id: String,
    pub name: String,
    pub managed_by: ManagedBy,
    pub reserved: bool,
    pub member_ids: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InviteStatus {
    Pending,
    Revoked,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Invite {
    pub id: String,
    pub email: String,
    pub created_at: Timestamp,
    pub status: InviteStatus,
    pub revoked_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Users {
    pub users: Vec<AppUser>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Groups {
    pub groups: Vec<AppGroup>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Invites {
    pub invites: Vec<Invite>,
}

/// The body of every error answer.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

// Requests. Unknown fields are refused, so a typo is an error rather than ignored.

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EnableRequest {
    pub idp: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DisableRequest {
    pub confirm: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CreateGroupRequest {
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EditGroupRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_ids: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    pub email: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TokenExpiryRequest {
    pub expires_at: String,
}
