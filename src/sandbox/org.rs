//! The organization's SCIM settings as the admin API sees them: SSO, enabling and
//! disabling SCIM, and the access token's life. The app-side view of users,
//! groups and invites is in `super::app`.

use rusqlite::{Connection, OptionalExtension, params};

use crate::admin::model::{
    AdminKeyInfo, Counts, Disabled, IssuedToken, KeyOwner, Me, RegenerateRequest, ScimStatus, Sso,
    fingerprint_of_hash,
};
use crate::scim::ResourceKind;

use super::api_error::ApiError;
use super::db::now;
use super::rules::Rules;
use super::secrets;
use super::store::{self, Manager, StoreError};
use super::token;
use crate::scim::resource::normalize;

pub const IDPS: [&str; 4] = ["okta", "entra", "onelogin", "other"];
pub const OWNER_USER_NAME: &str = "owner@sandbox.example";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SsoMode {
    Off,
    Saml,
    Strict,
}

/// Creates the organization on first start: the owner, Administrators with the
/// owner in it. Returns whether this was the first start.
pub fn seed_if_new(tx: &Connection, sso: SsoMode) -> Result<bool, ApiError> {
    let exists: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM org)", [], |r| r.get(0))?;
    if exists {
        return Ok(false);
    }
    let ts = crate::timestamp::rfc3339_ms(now());
    let (saml, strict) = match sso {
        SsoMode::Off => (false, false),
        SsoMode::Saml => (true, false),
        SsoMode::Strict => (true, true),
    };
    tx.execute(
        "INSERT INTO org (id, created, sso_saml, sso_strict) VALUES (1, ?1, ?2, ?3)",
        params![ts, saml, strict],
    )?;
    let owner = serde_json::json!({
        "userName": OWNER_USER_NAME, "displayName": "Sandbox Owner", "active": true,
        "name": {"givenName": "Sandbox", "familyName": "Owner"},
        "emails": [{"value": OWNER_USER_NAME, "type": "work", "primary": true}]
    });
    let owner = normalize(ResourceKind::User, &owner).map_err(StoreError::from)?;
    let owner = store::save(
        tx,
        &Rules::default(),
        ResourceKind::User,
        None,
        owner,
        Manager::Local,
    )?;
    store::create_administrators(tx, &owner)?;
    Ok(true)
}

/// Revokes every admin key and mints a new one; the sandbox does this at each start.
pub fn mint_admin_key(tx: &Connection) -> Result<(String, Vec<u8>), ApiError> {
    let key = secrets::mint(secrets::ADMIN_KEY_PREFIX);
    let hash = secrets::hash(&key).to_vec();
    let ts = crate::timestamp::rfc3339_ms(now());
    tx.execute(
        "UPDATE admin_keys SET revoked = ?1 WHERE revoked IS NULL",
        [&ts],
    )?;
    // The sandbox's one admin is its owner: the key is theirs.
    let owner: Option<String> = tx
        .query_row(
            "SELECT id FROM resources WHERE kind = ?1 AND lower(json_extract(data, '$.userName')) = ?2",
            params![ResourceKind::User.name(), OWNER_USER_NAME],
            |r| r.get(0),
        )
        .optional()?;
    tx.execute(
        "INSERT INTO admin_keys (hash, created, owner_id) VALUES (?1, ?2, ?3)",
        params![hash, ts, owner],
    )?;
    Ok((key, hash))
}

/// The live admin key (the one a request passed `Auth::check_admin` with)
/// and its owner, as `GET /me` answers.
pub fn me(conn: &Connection) -> Result<Me, ApiError> {
    let (created, hash, owner_id): (String, Vec<u8>, Option<String>) = conn.query_row(
        "SELECT created, hash, owner_id FROM admin_keys WHERE revoked IS NULL ORDER BY id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let owner = match owner_id {
        Some(id) => store::get(conn, ResourceKind::User, &id)?.map(|row| KeyOwner {
            id: row.id.clone(),
            user_name: row
                .data
                .get("userName")
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            display_name: row.display.clone(),
        }),
        None => None,
    };
    Ok(Me {
        key: AdminKeyInfo {
            created_at: stored_time(&created)?,
            fingerprint: fingerprint_of_hash(&hash),
        },
        owner,
    })
}

pub fn sso(conn: &Connection) -> Result<Sso, ApiError> {
    Ok(
        conn.query_row("SELECT sso_saml, sso_strict FROM org", [], |r| {
            Ok(Sso {
                saml: r.get(0)?,
                strict: r.get(1)?,
            })
        })?,
    )
}

pub fn set_sso(tx: &Connection, saml: bool, strict: bool) -> Result<Sso, ApiError> {
    if strict && !saml {
        return Err(
            ApiError::bad_request("invalid_sso", "strict mode needs SAML SSO on")
                .hint("send {\"saml\": true, \"strict\": true}"),
        );
    }
    let enabled: bool = tx.query_row("SELECT scim_enabled FROM org", [], |r| r.get(0))?;
    if enabled && !strict {
        return Err(ApiError::conflict(
            "scim_requires_strict",
            "SCIM is on, and it needs SAML SSO in strict mode",
        )
        .hint("disable SCIM first (POST /api/v1/scim/disable), then change SSO"));
    }
    tx.execute(
        "UPDATE org SET sso_saml = ?1, sso_strict = ?2",
        params![saml, strict],
    )?;
    sso(tx)
}

/// A time the sandbox stored (RFC 3339, written by `now()`).
pub(crate) fn stored_time(text: &str) -> Result<jiff::Timestamp, ApiError> {
    text.parse()
        .map_err(|_| ApiError::internal(format!("the database holds a bad time: {text:?}")))
}

fn counts(conn: &Connection, kind: ResourceKind) -> Result<Counts, ApiError> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(managed_by = 'idp'), 0) FROM resources WHERE kind = ?1",
        [kind.name()],
        |r| {
            Ok(Counts {
                total: r.get::<_, i64>(0)?.unsigned_abs(),
                idp_managed: r.get::<_, i64>(1)?.unsigned_abs(),
            })
        },
    )?)
}

pub fn status(conn: &Connection, scim_base_url: &str) -> Result<ScimStatus, ApiError> {
    let (enabled, idp, enabled_at): (bool, Option<String>, Option<String>) = conn.query_row(
        "SELECT scim_enabled, idp, scim_enabled_at FROM org",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let (token, previous_token) = token::current_info(conn)?;
    Ok(ScimStatus {
        enabled,
        idp,
        scim_base_url: scim_base_url.to_owned(),
        enabled_at: enabled_at.as_deref().map(stored_time).transpose()?,
        token,
        previous_token,
        sso: sso(conn)?,
        users: counts(conn, ResourceKind::User)?,
        groups: counts(conn, ResourceKind::Group)?,
    })
}

pub fn enable(tx: &Connection, idp: &str, scim_base_url: &str) -> Result<IssuedToken, ApiError> {
    if !IDPS.contains(&idp) {
        return Err(
            ApiError::bad_request("invalid_idp", format!("unknown IdP '{idp}'"))
                .hint(format!("use one of: {}", IDPS.join(", "))),
        );
    }
    let (enabled, current_idp): (bool, Option<String>) =
        tx.query_row("SELECT scim_enabled, idp FROM org", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    if enabled {
        return Err(ApiError::conflict("scim_already_enabled", format!("SCIM is already on, for {}", current_idp.unwrap_or_default()))
            .hint("to get a new token, regenerate it (POST /api/v1/scim/token); to change the IdP, disable SCIM first"));
    }
    let sso = self::sso(tx)?;
    if !(sso.saml && sso.strict) {
        let state = if sso.saml {
            "on but not in strict mode"
        } else {
            "off"
        };
        return Err(ApiError::conflict("sso_not_strict", format!("SCIM needs SAML SSO in strict mode, and SAML SSO is {state}"))
            .hint("turn on SAML SSO in strict mode first (PUT /api/v1/sso with {\"saml\": true, \"strict\": true})"));
    }
    let revoked = tx.execute(
        "UPDATE invites SET status = 'revoked', revoked_at = ?1 WHERE status = 'pending'",
        [crate::timestamp::rfc3339_ms(now())],
    )?;
    tx.execute(
        "UPDATE org SET scim_enabled = 1, idp = ?1, scim_enabled_at = ?2",
        params![idp, crate::timestamp::rfc3339_ms(now())],
    )?;
    let mut token = token::issue(tx, scim_base_url)?;
    token.idp = Some(idp.to_owned());
    token.revoked_invites = Some(revoked as u64);
    Ok(token)
}

fn require_enabled(tx: &Connection) -> Result<(), ApiError> {
    let enabled: bool = tx.query_row("SELECT scim_enabled FROM org", [], |r| r.get(0))?;
    if !enabled {
        return Err(ApiError::conflict("scim_not_enabled", "SCIM is off")
            .hint("enable it first (POST /api/v1/scim/enable)"));
    }
    Ok(())
}

pub fn regenerate(
    tx: &Connection,
    scim_base_url: &str,
    req: &RegenerateRequest,
) -> Result<IssuedToken, ApiError> {
    require_enabled(tx)?;
    token::regenerate(tx, scim_base_url, req)
}

pub fn revoke_previous(tx: &Connection) -> Result<crate::admin::model::PreviousToken, ApiError> {
    require_enabled(tx)?;
    token::revoke_previous(tx)
}

pub fn disable(tx: &Connection, confirm: Option<&str>) -> Result<Disabled, ApiError> {
    if confirm != Some("DISABLE") {
        return Err(ApiError::bad_request(
            "confirmation_required",
            "disabling SCIM needs the confirmation word DISABLE",
        )
        .hint("send {\"confirm\": \"DISABLE\"}"));
    }
    require_enabled(tx)?;
    let converted_users = tx.execute(
        "UPDATE resources SET managed_by = 'local' WHERE kind = 'User' AND managed_by = 'idp'",
        [],
    )?;
    let converted_groups = tx.execute(
        "UPDATE resources SET managed_by = 'local' WHERE kind = 'Group' AND managed_by = 'idp'",
        [],
    )?;
    tx.execute(
        "UPDATE org SET scim_enabled = 0, idp = NULL, scim_enabled_at = NULL",
        [],
    )?;
    token::clear(tx)?;
    Ok(Disabled {
        converted_users: converted_users as u64,
        converted_groups: converted_groups as u64,
    })
}

/// Sandbox only: moves the live token's expiry, so expiry handling can be tried.
pub fn set_token_expiry(tx: &Connection, expires_at: &str) -> Result<(), ApiError> {
    require_enabled(tx)?;
    token::set_expiry(tx, expires_at)
}
