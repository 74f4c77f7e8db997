//! The admin API's wire format, once (docs/admin-api.md and
//! docs/admin-api.openapi.json, whose component schemas have these names): the
//! client reads and sends these types, the sandbox serves them, and the OpenAPI
//! test checks both against the spec.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::secret::Secret;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct TokenInfo {
    #[serde(with = "crate::timestamp::ms")]
    pub created_at: Timestamp,
    #[serde(with = "crate::timestamp::ms")]
    pub expires_at: Timestamp,
    /// The first and the latest authenticated SCIM request with this token.
    #[serde(default, with = "crate::timestamp::ms_option")]
    pub first_used_at: Option<Timestamp>,
    #[serde(default, with = "crate::timestamp::ms_option")]
    pub last_used_at: Option<Timestamp>,
    pub expired: bool,
    /// `sha256:` and the first 16 hex digits of the token's SHA-256: lets a
    /// client tell which token it holds without sending (or spending) it.
    pub fingerprint: String,
}

/// The token a rotation with an overlap replaced: valid until `valid_until`,
/// or until it is revoked, or until the IdP has switched to the new token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct PreviousToken {
    #[serde(with = "crate::timestamp::ms")]
    pub created_at: Timestamp,
    #[serde(with = "crate::timestamp::ms")]
    pub expires_at: Timestamp,
    #[serde(with = "crate::timestamp::ms")]
    pub valid_until: Timestamp,
    #[serde(default, with = "crate::timestamp::ms_option")]
    pub first_used_at: Option<Timestamp>,
    #[serde(default, with = "crate::timestamp::ms_option")]
    pub last_used_at: Option<Timestamp>,
    pub fingerprint: String,
    /// Whether the service still accepts it.
    pub valid: bool,
    #[serde(default, with = "crate::timestamp::ms_option")]
    pub ended_at: Option<Timestamp>,
    pub end_reason: Option<OverlapEnd>,
    /// How long the new token must be used, with this one unused, before the
    /// service decides that the IdP has switched and revokes this one.
    pub settle_seconds: u64,
    /// The first use of the new token after this token's last use: the IdP
    /// seems to hold the new token since then. `None` when the new token is
    /// unused, or this token was used after it.
    #[serde(default, with = "crate::timestamp::ms_option")]
    pub new_token_alone_since: Option<Timestamp>,
}

/// Why an overlap ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverlapEnd {
    /// The IdP used the new token over the settle period, and this one not.
    IdpSwitched,
    /// `valid_until` passed.
    OverlapOver,
    /// An admin revoked it (`POST /scim/token/revoke-previous`).
    Revoked,
    /// It reached its own expiry first.
    Expired,
}

impl OverlapEnd {
    pub fn describe(self) -> &'static str {
        match self {
            OverlapEnd::IdpSwitched => "the IdP switched to the new token",
            OverlapEnd::OverlapOver => "the overlap ended",
            OverlapEnd::Revoked => "it was revoked",
            OverlapEnd::Expired => "it expired",
        }
    }
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
    #[serde(default, with = "crate::timestamp::ms_option")]
    pub enabled_at: Option<Timestamp>,
    pub token: Option<TokenInfo>,
    /// The token the current one replaced with an overlap, while the service
    /// remembers it (until the next regeneration or disable).
    #[serde(default)]
    pub previous_token: Option<PreviousToken>,
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
    #[serde(with = "crate::timestamp::ms")]
    pub created_at: Timestamp,
    #[serde(with = "crate::timestamp::ms")]
    pub expires_at: Timestamp,
    pub scim_base_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_invites: Option<u64>,
    /// Until when the token this one replaced stays valid (a regeneration with
    /// an overlap); absent when it stopped working at once.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::timestamp::ms_option"
    )]
    pub previous_valid_until: Option<Timestamp>,
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
    #[serde(with = "crate::timestamp::ms")]
    pub created_at: Timestamp,
    pub status: InviteStatus,
    #[serde(default, with = "crate::timestamp::ms_option")]
    pub revoked_at: Option<Timestamp>,
}

/// `GET /me`: the admin key a request used, and the person it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Me {
    pub key: AdminKeyInfo,
    /// `None` when the service no longer knows the person (or never recorded one).
    pub owner: Option<KeyOwner>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AdminKeyInfo {
    #[serde(with = "crate::timestamp::ms")]
    pub created_at: Timestamp,
    /// `sha256:` and the first 16 hex digits of the key's SHA-256, as for tokens.
    pub fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct KeyOwner {
    pub id: String,
    pub user_name: String,
    pub display_name: String,
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

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RegenerateRequest {
    /// Keep the current token valid this long beside the new one (0: replace at once).
    #[serde(default)]
    pub overlap_seconds: u64,
    /// See `PreviousToken::settle_seconds`; defaults to `DEFAULT_SETTLE_SECONDS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settle_seconds: Option<u64>,
}

/// The longest overlap the service grants: 7 days.
pub const MAX_OVERLAP_SECONDS: u64 = 7 * 86_400;
/// How long the IdP must use the new token alone before the previous one is
/// revoked for it: longer than a validation call or a Test Connection takes,
/// shorter than Entra's 40-minute cycle (idp-behaviors.md §2.2).
pub const DEFAULT_SETTLE_SECONDS: u64 = 15 * 60;

/// The fingerprint of a token (see `TokenInfo::fingerprint`), from its SHA-256.
pub fn fingerprint_of_hash(hash: &[u8]) -> String {
    let mut s = String::from("sha256:");
    for b in hash.iter().take(8) {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The fingerprint of a token scimctl holds.
pub fn fingerprint(token: &Secret) -> String {
    use sha2::Digest;
    fingerprint_of_hash(&sha2::Sha256::digest(token.expose().as_bytes()))
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TokenExpiryRequest {
    pub expires_at: String,
}
