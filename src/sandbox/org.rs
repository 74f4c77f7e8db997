//! The organization's SCIM settings as the admin API sees them: SSO, enabling and
//! disabling SCIM, the access token's life, invites, and the app-side view of
//! users and groups with who manages them.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::scim::ResourceKind;

use super::api_error::ApiError;
use super::db::now;
use super::secrets;
use super::store::{self, ADMINISTRATORS, Manager};

/// How long an access token lives (product rule: one year).
pub const TOKEN_LIFETIME_DAYS: i64 = 365;
pub const IDPS: [&str; 4] = ["okta", "entra", "onelogin", "other"];
pub const OWNER_USER_NAME: &str = "owner@sandbox.example";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SsoMode {
    Off,
    Saml,
    Strict,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sso {
    pub saml: bool,
    pub strict: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TokenInfo {
    pub created_at: String,
    pub expires_at: String,
    pub last_used_at: Option<String>,
    pub expired: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub total: i64,
    pub idp_managed: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScimStatus {
    pub enabled: bool,
    pub idp: Option<String>,
    pub scim_base_url: String,
    pub enabled_at: Option<String>,
    pub token: Option<TokenInfo>,
    pub sso: Sso,
    pub users: Counts,
    pub groups: Counts,
}

/// What the service hands out once: the token itself.
#[derive(Debug, Clone, Serialize)]
pub struct IssuedToken {
    pub token: String,
    pub created_at: String,
    pub expires_at: String,
    pub scim_base_url: String,
}

/// The hash and expiry of the live token, for the request path.
#[derive(Debug, Clone)]
pub struct TokenRecord {
    pub hash: Vec<u8>,
    pub expires: jiff::Timestamp,
}

/// Creates the organization on first start: the owner, Administrators with the
/// owner in it. Returns whether this was the first start.
pub fn seed_if_new(tx: &Connection, sso: SsoMode) -> Result<bool, ApiError> {
    let exists: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM org)", [], |r| r.get(0))?;
    if exists {
        return Ok(false);
    }
    let ts = now().to_string();
    let (saml, strict) = match sso {
        SsoMode::Off => (false, false),
        SsoMode::Saml => (true, false),
        SsoMode::Strict => (true, true),
    };
    tx.execute(
        "INSERT INTO org (id, created, sso_saml, sso_strict) VALUES (1, ?1, ?2, ?3)",
        params![ts, saml, strict],
    )?;
    let owner_id = uuid::Uuid::new_v4().to_string();
    let owner = serde_json::json!({
        "userName": OWNER_USER_NAME, "displayName": "Sandbox Owner", "active": true,
        "name": {"givenName": "Sandbox", "familyName": "Owner"},
        "emails": [{"value": OWNER_USER_NAME, "type": "work", "primary": true}]
    });
    tx.execute(
        "INSERT INTO resources (kind, id, name_lc, display, managed_by, data, version, created, last_modified)
         VALUES ('User', ?1, ?2, 'Sandbox Owner', 'local', ?3, 1, ?4, ?4)",
        params![owner_id, OWNER_USER_NAME, owner.to_string(), ts],
    )?;
    let admins_id = uuid::Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO resources (kind, id, name_lc, display, managed_by, reserved, data, version, created, last_modified)
         VALUES ('Group', ?1, 'administrators', ?2, 'local', 1, ?3, 1, ?4, ?4)",
        params![admins_id, ADMINISTRATORS, serde_json::json!({"displayName": ADMINISTRATORS}).to_string(), ts],
    )?;
    tx.execute(
        "INSERT INTO members (group_id, member_id) VALUES (?1, ?2)",
        params![admins_id, owner_id],
    )?;
    Ok(true)
}

/// Revokes every admin key and mints a new one; the sandbox does this at each start.
pub fn mint_admin_key(tx: &Connection) -> Result<(String, Vec<u8>), ApiError> {
    let key = secrets::mint(secrets::ADMIN_KEY_PREFIX);
    let hash = secrets::hash(&key).to_vec();
    let ts = now().to_string();
    tx.execute(
        "UPDATE admin_keys SET revoked = ?1 WHERE revoked IS NULL",
        [&ts],
    )?;
    tx.execute(
        "INSERT INTO admin_keys (hash, created) VALUES (?1, ?2)",
        params![hash, ts],
    )?;
    Ok((key, hash))
}

pub fn live_token(conn: &Connection) -> Result<Option<TokenRecord>, ApiError> {
    let row: Option<(Option<Vec<u8>>, Option<String>)> = conn
        .query_row(
            "SELECT token_hash, token_expires FROM org WHERE scim_enabled = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match row {
        Some((Some(hash), Some(expires))) => Some(TokenRecord {
            hash,
            expires: expires
                .parse()
                .map_err(|_| ApiError::internal("bad token expiry in the database"))?,
        }),
        _ => None,
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

fn counts(conn: &Connection, kind: ResourceKind) -> Result<Counts, ApiError> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(managed_by = 'idp'), 0) FROM resources WHERE kind = ?1",
        [kind.name()],
        |r| {
            Ok(Counts {
                total: r.get(0)?,
                idp_managed: r.get(1)?,
            })
        },
    )?)
}

pub fn status(conn: &Connection, scim_base_url: &str) -> Result<ScimStatus, ApiError> {
    #[allow(clippy::type_complexity)]
    let (enabled, idp, enabled_at, created, expires, last_used): (bool, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>) =
        conn.query_row(
            "SELECT scim_enabled, idp, scim_enabled_at, token_created, token_expires, token_last_used FROM org",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )?;
    let token = match (created, expires) {
        (Some(created_at), Some(expires_at)) => {
            let expired = expires_at
                .parse::<jiff::Timestamp>()
                .map(|e| e <= now())
                .unwrap_or(true);
            Some(TokenInfo {
                created_at,
                expires_at,
                last_used_at: last_used,
                expired,
            })
        }
        _ => None,
    };
    Ok(ScimStatus {
        enabled,
        idp,
        scim_base_url: scim_base_url.to_owned(),
        enabled_at,
        token,
        sso: sso(conn)?,
        users: counts(conn, ResourceKind::User)?,
        groups: counts(conn, ResourceKind::Group)?,
    })
}

fn issue_token(tx: &Connection, scim_base_url: &str) -> Result<IssuedToken, ApiError> {
    let token = secrets::mint(secrets::SCIM_TOKEN_PREFIX);
    let created = now();
    let expires = created
        .checked_add(jiff::SignedDuration::from_hours(24 * TOKEN_LIFETIME_DAYS))
        .map_err(|_| ApiError::internal("cannot compute the token's expiry"))?;
    tx.execute(
        "UPDATE org SET token_hash = ?1, token_created = ?2, token_expires = ?3, token_last_used = NULL",
        params![secrets::hash(&token).to_vec(), created.to_string(), expires.to_string()],
    )?;
    Ok(IssuedToken {
        token,
        created_at: created.to_string(),
        expires_at: expires.to_string(),
        scim_base_url: scim_base_url.to_owned(),
    })
}

#[derive(Debug, Serialize)]
pub struct Enabled {
    pub idp: String,
    #[serde(flatten)]
    pub token: IssuedToken,
    pub revoked_invites: usize,
}

pub fn enable(tx: &Connection, idp: &str, scim_base_url: &str) -> Result<Enabled, ApiError> {
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
        [now().to_string()],
    )?;
    tx.execute(
        "UPDATE org SET scim_enabled = 1, idp = ?1, scim_enabled_at = ?2",
        params![idp, now().to_string()],
    )?;
    let token = issue_token(tx, scim_base_url)?;
    Ok(Enabled {
        idp: idp.to_owned(),
        token,
        revoked_invites: revoked,
    })
}

fn require_enabled(tx: &Connection) -> Result<(), ApiError> {
    let enabled: bool = tx.query_row("SELECT scim_enabled FROM org", [], |r| r.get(0))?;
    if !enabled {
        return Err(ApiError::conflict("scim_not_enabled", "SCIM is off")
            .hint("enable it first (POST /api/v1/scim/enable)"));
    }
    Ok(())
}

pub fn regenerate(tx: &Connection, scim_base_url: &str) -> Result<IssuedToken, ApiError> {
    require_enabled(tx)?;
    issue_token(tx, scim_base_url)
}

#[derive(Debug, Serialize)]
pub struct Disabled {
    pub converted_users: usize,
    pub converted_groups: usize,
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
        "UPDATE org SET scim_enabled = 0, idp = NULL, scim_enabled_at = NULL, token_hash = NULL, token_created = NULL,
         token_expires = NULL, token_last_used = NULL",
        [],
    )?;
    Ok(Disabled {
        converted_users,
        converted_groups,
    })
}

/// Sandbox only: moves the live token's expiry, so expiry handling can be tried.
pub fn set_token_expiry(tx: &Connection, expires_at: &str) -> Result<(), ApiError> {
    require_enabled(tx)?;
    let t: jiff::Timestamp = expires_at.parse().map_err(|_| {
        ApiError::bad_request(
            "invalid_value",
            format!("'{expires_at}' is not an RFC 3339 timestamp"),
        )
    })?;
    tx.execute("UPDATE org SET token_expires = ?1", [t.to_string()])?;
    Ok(())
}

pub fn touch_token(tx: &Connection) -> Result<(), ApiError> {
    tx.execute(
        "UPDATE org SET token_last_used = ?1 WHERE scim_enabled = 1",
        [now().to_string()],
    )?;
    Ok(())
}

#[derive(Debug, Serialize)]
pub struct AppUser {
    pub id: String,
    pub user_name: String,
    pub display_name: String,
    pub active: bool,
    pub managed_by: String,
}

#[derive(Debug, Serialize)]
pub struct AppGroup {
    pub id: String,
    pub name: String,
    pub managed_by: String,
    pub reserved: bool,
    pub member_ids: Vec<String>,
}

fn app_user(row: &store::Row) -> AppUser {
    AppUser {
        id: row.id.clone(),
        user_name: row
            .data
            .get("userName")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        display_name: row.display.clone(),
        active: row
            .data
            .get("active")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        managed_by: row.managed_by.clone(),
    }
}

fn app_group(conn: &Connection, row: &store::Row) -> Result<AppGroup, ApiError> {
    let member_ids = conn
        .prepare_cached("SELECT m.member_id FROM members m JOIN resources r ON r.id = m.member_id WHERE m.group_id = ?1 ORDER BY r.seq")?
        .query_map([&row.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(AppGroup {
        id: row.id.clone(),
        name: row.display.clone(),
        managed_by: row.managed_by.clone(),
        reserved: row.reserved,
        member_ids,
    })
}

fn all(conn: &Connection, kind: ResourceKind) -> Result<Vec<store::Row>, ApiError> {
    let ids: Vec<String> = conn
        .prepare_cached("SELECT id FROM resources WHERE kind = ?1 ORDER BY seq")?
        .query_map([kind.name()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter()
        .map(|id| store::get_or_404(conn, kind, id).map_err(ApiError::from))
        .collect()
}

pub fn users(conn: &Connection) -> Result<Vec<AppUser>, ApiError> {
    Ok(all(conn, ResourceKind::User)?
        .iter()
        .map(app_user)
        .collect())
}

pub fn groups(conn: &Connection) -> Result<Vec<AppGroup>, ApiError> {
    all(conn, ResourceKind::Group)?
        .iter()
        .map(|r| app_group(conn, r))
        .collect()
}

fn idp_managed(what: &str, name: &str) -> ApiError {
    ApiError::conflict(
        "idp_managed",
        format!("{what} '{name}' is managed by your IdP and cannot be changed here"),
    )
    .hint("make the change in the IdP; it reaches this service on the next provisioning cycle")
}

/// Activates or deactivates a local user (IdP-managed ones are the IdP's to change).
pub fn set_user_active(tx: &Connection, id: &str, active: bool) -> Result<AppUser, ApiError> {
    let row = store::get_or_404(tx, ResourceKind::User, id)?;
    if row.managed_by == Manager::Idp.as_str() {
        return Err(idp_managed("user", &row.display));
    }
    let mut data = row.data.clone();
    data.insert("active".into(), Value::Bool(active));
    tx.execute(
        "UPDATE resources SET data = ?2, version = version + 1, last_modified = ?3 WHERE id = ?1",
        params![id, Value::Object(data).to_string(), now().to_string()],
    )?;
    Ok(app_user(&store::get_or_404(tx, ResourceKind::User, id)?))
}

/// Creates a local group.
pub fn create_group(
    tx: &Connection,
    rules: &store::Rules,
    name: &str,
) -> Result<AppGroup, ApiError> {
    let mut doc = Map::new();
    doc.insert("displayName".into(), Value::String(name.to_owned()));
    let row = store::save(tx, rules, ResourceKind::Group, None, doc, Manager::Local)?;
    app_group(tx, &row)
}

/// Renames a local group or sets its members.
pub fn edit_group(
    tx: &Connection,
    rules: &store::Rules,
    id: &str,
    name: Option<&str>,
    member_ids: Option<&[String]>,
) -> Result<AppGroup, ApiError> {
    let row = store::get_or_404(tx, ResourceKind::Group, id)?;
    if row.managed_by == Manager::Idp.as_str() {
        return Err(idp_managed("group", &row.display));
    }
    if row.reserved && name.is_some_and(|n| n != ADMINISTRATORS) {
        return Err(ApiError::conflict(
            "reserved_group",
            "the Administrators group is reserved and cannot be renamed",
        ));
    }
    if row.reserved && member_ids.is_some_and(<[String]>::is_empty) {
        return Err(ApiError::conflict(
            "reserved_group",
            "Administrators must keep at least one member",
        ));
    }
    let mut doc = row.data.clone();
    if let Some(n) = name {
        doc.insert("displayName".into(), Value::String(n.to_owned()));
    }
    let members: Vec<String> = match member_ids {
        Some(m) => m.to_vec(),
        None => app_group(tx, &row)?.member_ids,
    };
    doc.insert(
        "members".into(),
        Value::Array(
            members
                .into_iter()
                .map(|m| serde_json::json!({"value": m}))
                .collect(),
        ),
    );
    let row = store::save(
        tx,
        rules,
        ResourceKind::Group,
        Some(&row),
        doc,
        Manager::Local,
    )?;
    app_group(tx, &row)
}

#[derive(Debug, Serialize)]
pub struct Invite {
    pub id: String,
    pub email: String,
    pub created_at: String,
    pub status: String,
    pub revoked_at: Option<String>,
}

pub fn invites(conn: &Connection) -> Result<Vec<Invite>, ApiError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, email, created, status, revoked_at FROM invites ORDER BY created, id",
        )?
        .query_map([], |r| {
            Ok(Invite {
                id: r.get(0)?,
                email: r.get(1)?,
                created_at: r.get(2)?,
                status: r.get(3)?,
                revoked_at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn create_invite(tx: &Connection, email: &str) -> Result<Invite, ApiError> {
    let enabled: bool = tx.query_row("SELECT scim_enabled FROM org", [], |r| r.get(0))?;
    if enabled {
        return Err(ApiError::conflict(
            "invites_blocked",
            "new invites are blocked while SCIM is on",
        )
        .hint("assign the user to the app in your IdP instead"));
    }
    if !email.contains('@') || email.trim() != email || email.is_empty() {
        return Err(ApiError::bad_request(
            "invalid_value",
            format!("'{email}' is not an email address"),
        ));
    }
    let invite = Invite {
        id: uuid::Uuid::new_v4().to_string(),
        email: email.to_owned(),
        created_at: now().to_string(),
        status: "pending".into(),
        revoked_at: None,
    };
    tx.execute(
        "INSERT INTO invites (id, email, created, status) VALUES (?1, ?2, ?3, 'pending')",
        params![invite.id, invite.email, invite.created_at],
    )?;
    Ok(invite)
}

pub fn revoke_invite(tx: &Connection, id: &str) -> Result<(), ApiError> {
    let n = tx.execute("UPDATE invites SET status = 'revoked', revoked_at = ?2 WHERE id = ?1 AND status = 'pending'", params![id, now().to_string()])?;
    if n == 0 {
        return Err(ApiError::not_found(format!("no pending invite {id}")));
    }
    Ok(())
}
