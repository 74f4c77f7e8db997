//! The app-side view the admin API gives of users, groups and invites: who
//! manages each, local (de)activation and group edits through the store's one
//! write path, and invites, which SCIM blocks.

use rusqlite::{Connection, params};
use serde_json::Value;

use crate::admin::model::{AppGroup, AppUser, Invite, InviteStatus};
use crate::scim::ResourceKind;

use super::api_error::ApiError;
use super::db::now;
use super::org::stored_time;
use super::rules::{self, Rules};
use super::store::{self, Manager};

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
        managed_by: Manager::parse(&row.managed_by),
    }
}

fn app_group(conn: &Connection, row: &store::Row) -> Result<AppGroup, ApiError> {
    Ok(AppGroup {
        id: row.id.clone(),
        name: row.display.clone(),
        managed_by: Manager::parse(&row.managed_by),
        reserved: row.reserved,
        member_ids: store::member_ids_of(conn, &row.id)?,
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

/// At most this many ids in one `ids=` lookup (docs/admin-api.md): a client
/// asks for one page of a listing at a time.
const MAX_IDS: usize = crate::admin::MAX_IDS_PER_LOOKUP;

/// The ids of an `ids=a,b,c` query: `None` when absent (every row is listed).
pub fn requested_ids(ids: Option<&str>) -> Result<Option<Vec<String>>, ApiError> {
    let Some(ids) = ids else { return Ok(None) };
    let ids: Vec<String> = ids
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    if ids.len() > MAX_IDS {
        return Err(ApiError::bad_request(
            "too_many_ids",
            format!(
                "ids= names {} ids; at most {MAX_IDS} are looked up at once",
                ids.len()
            ),
        )
        .hint(format!("ask in batches of {MAX_IDS} ids or fewer")));
    }
    Ok(Some(ids))
}

/// Every app user, or only those of `ids` that exist (in that order).
pub fn users(conn: &Connection, ids: Option<&[String]>) -> Result<Vec<AppUser>, ApiError> {
    Ok(rows(conn, ResourceKind::User, ids)?
        .iter()
        .map(app_user)
        .collect())
}

/// Every app group, or only those of `ids` that exist (in that order).
pub fn groups(conn: &Connection, ids: Option<&[String]>) -> Result<Vec<AppGroup>, ApiError> {
    rows(conn, ResourceKind::Group, ids)?
        .iter()
        .map(|r| app_group(conn, r))
        .collect()
}

fn rows(
    conn: &Connection,
    kind: ResourceKind,
    ids: Option<&[String]>,
) -> Result<Vec<store::Row>, ApiError> {
    match ids {
        None => all(conn, kind),
        Some(ids) => {
            let mut rows = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(row) = store::get(conn, kind, id)? {
                    rows.push(row);
                }
            }
            Ok(rows)
        }
    }
}

fn idp_managed(row: &store::Row) -> bool {
    Manager::parse(&row.managed_by) == Manager::Idp
}

/// Activates or deactivates a local user (IdP-managed ones are the IdP's to change).
pub fn set_user_active(
    tx: &Connection,
    rules: &Rules,
    id: &str,
    active: bool,
) -> Result<AppUser, ApiError> {
    let row = store::get_or_404(tx, ResourceKind::User, id)?;
    rules::app_may_change("user", &row.display, idp_managed(&row))?;
    let mut doc = row.data.clone();
    doc.insert("active".into(), Value::Bool(active));
    let row = store::save(
        tx,
        rules,
        ResourceKind::User,
        Some(&row),
        doc,
        Manager::Local,
    )?;
    Ok(app_user(&row))
}

/// Creates a local group.
pub fn create_group(tx: &Connection, rules: &Rules, name: &str) -> Result<AppGroup, ApiError> {
    let mut doc = serde_json::Map::new();
    doc.insert("displayName".into(), Value::String(name.to_owned()));
    let row = store::save(tx, rules, ResourceKind::Group, None, doc, Manager::Local)?;
    app_group(tx, &row)
}

/// Renames a local group or sets its members; the store applies the reserved
/// group's rules.
pub fn edit_group(
    tx: &Connection,
    rules: &Rules,
    id: &str,
    name: Option<&str>,
    member_ids: Option<&[String]>,
) -> Result<AppGroup, ApiError> {
    let row = store::get_or_404(tx, ResourceKind::Group, id)?;
    rules::app_may_change("group", &row.display, idp_managed(&row))?;
    let mut doc = row.data.clone();
    if let Some(n) = name {
        doc.insert("displayName".into(), Value::String(n.to_owned()));
    }
    let members: Vec<String> = match member_ids {
        Some(m) => m.to_vec(),
        None => store::member_ids_of(tx, id)?,
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

pub fn invites(conn: &Connection) -> Result<Vec<Invite>, ApiError> {
    conn.prepare_cached(
        "SELECT id, email, created, status, revoked_at FROM invites ORDER BY created, id",
    )?
    .query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?
    .collect::<rusqlite::Result<Vec<_>>>()?
    .into_iter()
    .map(|(id, email, created, status, revoked)| {
        Ok(Invite {
            id,
            email,
            created_at: stored_time(&created)?,
            status: if status == "revoked" {
                InviteStatus::Revoked
            } else {
                InviteStatus::Pending
            },
            revoked_at: revoked.as_deref().map(stored_time).transpose()?,
        })
    })
    .collect()
}

pub fn create_invite(tx: &Connection, email: &str) -> Result<Invite, ApiError> {
    let enabled: bool = tx.query_row("SELECT scim_enabled FROM org", [], |r| r.get(0))?;
    rules::may_invite(enabled)?;
    if !email.contains('@') || email.trim() != email || email.is_empty() {
        return Err(ApiError::bad_request(
            "invalid_value",
            format!("'{email}' is not an email address"),
        ));
    }
    let invite = Invite {
        id: uuid::Uuid::new_v4().to_string(),
        email: email.to_owned(),
        created_at: now(),
        status: InviteStatus::Pending,
        revoked_at: None,
    };
    tx.execute(
        "INSERT INTO invites (id, email, created, status) VALUES (?1, ?2, ?3, 'pending')",
        params![invite.id, invite.email, invite.created_at.to_string()],
    )?;
    Ok(invite)
}

pub fn revoke_invite(tx: &Connection, id: &str) -> Result<(), ApiError> {
    let n = tx.execute("UPDATE invites SET status = 'revoked', revoked_at = ?2 WHERE id = ?1 AND status = 'pending'", params![id, crate::timestamp::rfc3339_ms(now())])?;
    if n == 0 {
        return Err(ApiError::not_found(format!("no pending invite {id}")));
    }
    Ok(())
}
