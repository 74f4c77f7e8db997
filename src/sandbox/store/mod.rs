//! Users and groups at rest: rows, and the one write path, which applies the
//! product rules (`super::rules`) and keeps names unique. Rendering rows as SCIM
//! resources is in `render`, list queries (filter, sort, paging) in `query`.

mod query;
mod render;
mod sql_filter;

pub use query::{ListQuery, Page, list};
pub use render::Renderer;

/// The SQL functions list queries and indexes use; on every connection.
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    sql_filter::register(conn)
}

/// Samples the indexes (ANALYZE, bounded), so that the query planner knows that
/// `active eq true` matches nearly everyone and `name.givenName eq …` almost no
/// one, and picks the selective index for a conjunction. Runs at every start.
pub fn refresh_statistics(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("PRAGMA analysis_limit = 1000; ANALYZE;")
}

/// Creates the attribute indexes list queries use (after the migrations).
pub fn ensure_indexes(conn: &Connection) -> rusqlite::Result<()> {
    sql_filter::ensure_indexes(conn)
}

use rusqlite::{Connection, OptionalExtension, Row as SqlRow, params};
use serde_json::{Map, Value, json};

use crate::scim::json_ci::get_ci;
use crate::scim::patch::{self, Operation};
use crate::scim::resource::{check_required, normalize};
use crate::scim::schema::ResourceKind;
use crate::scim::{ScimError, ScimType};

use super::api_error::ApiError;
use super::db::now;
use super::rules::{self, MAX_MEMBERS_PER_REQUEST, Rules, Violation};

/// Why a store call refused a write or failed.
#[derive(Debug)]
pub enum StoreError {
    /// A product rule (`rules`).
    Rule(Violation),
    NotFound {
        kind: ResourceKind,
        id: String,
    },
    /// The document or PATCH is not valid SCIM, or `If-Match` names an old version.
    Scim(ScimError),
    Db(rusqlite::Error),
}

impl From<Violation> for StoreError {
    fn from(v: Violation) -> Self {
        StoreError::Rule(v)
    }
}

impl From<ScimError> for StoreError {
    fn from(e: ScimError) -> Self {
        StoreError::Scim(e)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(e)
    }
}

impl From<StoreError> for ScimError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Rule(v) => v.to_scim(),
            StoreError::NotFound { kind, id } => {
                ScimError::not_found(format!("{} {id} not found", kind.name()))
            }
            StoreError::Scim(e) => e,
            StoreError::Db(e) => e.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Rule(v) => v.to_admin(),
            StoreError::NotFound { kind, id } => {
                ApiError::not_found(format!("{} {id} not found", kind.name().to_lowercase()))
            }
            // What the admin API sends is a name and member ids; a document the
            // schema refuses is a bad value there.
            StoreError::Scim(e) if (400..500).contains(&e.status) => {
                ApiError::bad_request("invalid_value", e.detail)
            }
            StoreError::Scim(e) => ApiError::internal(e.detail),
            StoreError::Db(e) => e.into(),
        }
    }
}

/// Who manages a user or group (the admin API's `managed_by`).
pub use crate::admin::model::ManagedBy as Manager;

/// One stored user or group. `D` is its document: parsed, or (for a page of a
/// list, written out as it is stored) the JSON text SQLite holds.
#[derive(Debug, Clone)]
pub struct Row<D = Map<String, Value>> {
    pub seq: i64,
    pub kind: ResourceKind,
    pub id: String,
    pub display: String,
    pub managed_by: String,
    pub reserved: bool,
    pub data: D,
    pub version: i64,
    pub created: String,
    pub last_modified: String,
}

impl<D> Row<D> {
    pub fn etag(&self) -> String {
        format!("W/\"{}\"", self.version)
    }
}

impl Row<String> {
    /// The row with its document parsed.
    pub fn parsed(self) -> Row {
        Row {
            data: serde_json::from_str(&self.data).unwrap_or_default(),
            seq: self.seq,
            kind: self.kind,
            id: self.id,
            display: self.display,
            managed_by: self.managed_by,
            reserved: self.reserved,
            version: self.version,
            created: self.created,
            last_modified: self.last_modified,
        }
    }
}

const COLUMNS: &str =
    "seq, kind, id, display, managed_by, reserved, data, version, created, last_modified";

fn from_sql(r: &SqlRow) -> rusqlite::Result<Row> {
    Ok(from_sql_text(r)?.parsed())
}

/// A row with its document left as text.
fn from_sql_text(r: &SqlRow) -> rusqlite::Result<Row<String>> {
    let kind: String = r.get(1)?;
    Ok(Row {
        seq: r.get(0)?,
        kind: if kind == "User" {
            ResourceKind::User
        } else {
            ResourceKind::Group
        },
        id: r.get(2)?,
        display: r.get(3)?,
        managed_by: r.get(4)?,
        reserved: r.get(5)?,
        data: r.get(6)?,
        version: r.get(7)?,
        created: r.get(8)?,
        last_modified: r.get(9)?,
    })
}

pub fn get(conn: &Connection, kind: ResourceKind, id: &str) -> Result<Option<Row>, StoreError> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM resources WHERE id = ?1 AND kind = ?2"
    ))?;
    Ok(st
        .query_row(params![id, kind.name()], from_sql)
        .optional()?)
}

pub fn get_or_404(conn: &Connection, kind: ResourceKind, id: &str) -> Result<Row, StoreError> {
    get(conn, kind, id)?.ok_or_else(|| StoreError::NotFound {
        kind,
        id: id.to_owned(),
    })
}

pub fn administrators(conn: &Connection) -> Result<Row, StoreError> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM resources WHERE kind = 'Group' AND reserved = 1"
    ))?;
    Ok(st.query_row([], from_sql)?)
}

/// Checks an `If-Match` header against the row's version (RFC 7644 §3.14).
pub fn check_if_match(row: &Row, if_match: Option<&str>) -> Result<(), StoreError> {
    let Some(header) = if_match else {
        return Ok(());
    };
    let current = row.version.to_string();
    let ok = header
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/").trim_matches('"') == current);
    if ok {
        Ok(())
    } else {
        Err(StoreError::Scim(ScimError::new(
            412,
            None,
            format!(
                "the resource has changed: its version is {}, the request expected {header}",
                row.etag()
            ),
        )))
    }
}

/// Creates a resource from a POST body. For a group named `Split_Administrators`
/// the existing Administrators group is linked instead and returned.
pub fn create(
    tx: &Connection,
    rules: &Rules,
    kind: ResourceKind,
    body: &Value,
) -> Result<Row, StoreError> {
    let doc = normalize(kind, body)?;
    check_required(kind, &doc)?;
    if kind == ResourceKind::Group {
        let name = doc
            .get("displayName")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if rules::links_administrators(name)? {
            return link_administrators(tx, rules, doc);
        }
    }
    save(tx, rules, kind, None, doc, Manager::Idp)
}

fn link_administrators(
    tx: &Connection,
    rules: &Rules,
    mut doc: Map<String, Value>,
) -> Result<Row, StoreError> {
    let admins = administrators(tx)?;
    let mut merged = admins.data.clone();
    let mut members = current_member_values(tx, &admins.id)?;
    if let Some(Value::Array(new)) = doc.remove("members") {
        let mut seen: std::collections::HashSet<String> = members
            .iter()
            .filter_map(|x| get_ci(x, "value").map(Value::to_string))
            .collect();
        for m in new {
            if get_ci(&m, "value").is_none_or(|v| seen.insert(v.to_string())) {
                members.push(m);
            }
        }
    }
    if let Some(ext) = doc.remove("externalId") {
        merged.insert("externalId".into(), ext);
    }
    merged.insert("members".into(), Value::Array(members));
    save(
        tx,
        rules,
        ResourceKind::Group,
        Some(&admins),
        merged,
        Manager::Idp,
    )
}

/// A group's member ids, in the order the members were created.
pub fn member_ids_of(conn: &Connection, group_id: &str) -> Result<Vec<String>, StoreError> {
    let mut st = conn.prepare_cached("SELECT m.member_id FROM members m JOIN resources r ON r.id = m.member_id WHERE m.group_id = ?1 ORDER BY r.seq")?;
    Ok(st
        .query_map([group_id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

fn current_member_values(tx: &Connection, group_id: &str) -> Result<Vec<Value>, StoreError> {
    Ok(member_ids_of(tx, group_id)?
        .into_iter()
        .map(|id| json!({"value": id}))
        .collect())
}

/// Replaces a resource with a PUT body.
pub fn replace(
    tx: &Connection,
    rules: &Rules,
    kind: ResourceKind,
    id: &str,
    body: &Value,
    if_match: Option<&str>,
) -> Result<Row, StoreError> {
    let row = get_or_404(tx, kind, id)?;
    check_if_match(&row, if_match)?;
    let doc = normalize(kind, body)?;
    check_required(kind, &doc)?;
    save(tx, rules, kind, Some(&row), doc, Manager::Idp)
}

/// Applies a PATCH request.
pub fn patch(
    tx: &Connection,
    rules: &Rules,
    kind: ResourceKind,
    id: &str,
    ops: &[Operation],
    if_match: Option<&str>,
) -> Result<Row, StoreError> {
    let row = get_or_404(tx, kind, id)?;
    check_if_match(&row, if_match)?;
    let mut doc = row.data.clone();
    if kind == ResourceKind::Group {
        doc.insert(
            "members".into(),
            Value::Array(current_member_values(tx, id)?),
        );
    }
    patch::apply(kind, &mut doc, ops, id)?;
    // Re-check the patched document as a whole, as a PUT of it would be.
    let doc = normalize(kind, &Value::Object(doc))?;
    check_required(kind, &doc)?;
    save(tx, rules, kind, Some(&row), doc, Manager::Idp)
}

/// Deletes a resource, refusing what the product rules protect.
pub fn delete(
    tx: &Connection,
    kind: ResourceKind,
    id: &str,
    if_match: Option<&str>,
) -> Result<(), StoreError> {
    let row = get_or_404(tx, kind, id)?;
    check_if_match(&row, if_match)?;
    if row.reserved {
        return Err(Violation::ReservedDeleted.into());
    }
    if kind == ResourceKind::User {
        let admins = administrators(tx)?;
        let (is_member, count): (bool, i64) = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM members WHERE group_id = ?1 AND member_id = ?2), (SELECT count(*) FROM members WHERE group_id = ?1)",
            params![admins.id, row.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        rules::may_delete_user(&row.display, is_member, count)?;
    }
    tx.prepare_cached("DELETE FROM resources WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Creates the reserved Administrators group with its first member, once, when
/// the organization is created (the only row written outside `save`, because
/// `save` never makes a group reserved).
pub fn create_administrators(tx: &Connection, first_member: &Row) -> Result<Row, StoreError> {
    let id = uuid::Uuid::new_v4().to_string();
    let doc = json!({ "displayName": rules::ADMINISTRATORS });
    tx.prepare_cached(
        "INSERT INTO resources (kind, id, name_lc, display, managed_by, reserved, data, version, created, last_modified)
         VALUES ('Group', ?1, ?2, ?3, 'local', 1, ?4, 1, ?5, ?5)",
    )?
    .execute(params![
        id,
        rules::ADMINISTRATORS.to_lowercase(),
        rules::ADMINISTRATORS,
        doc.to_string(),
        crate::timestamp::rfc3339_ms(now())
    ])?;
    set_members(tx, &id, std::slice::from_ref(&first_member.id))?;
    get_or_404(tx, ResourceKind::Group, &id)
}

/// The one write path: stores `doc` as the new state of `existing` (or as a new
/// resource) after the product rules, managed by `managed_by` (anything written
/// over SCIM is IdP-managed; the app and seeding write local resources).
pub fn save(
    tx: &Connection,
    rules: &Rules,
    kind: ResourceKind,
    existing: Option<&Row>,
    mut doc: Map<String, Value>,
    managed_by: Manager,
) -> Result<Row, StoreError> {
    let members: Option<Vec<String>> = match kind {
        ResourceKind::Group => Some(member_ids(doc.remove("members"))?),
        ResourceKind::User => None,
    };
    rules::canonical_names(&mut doc)?;
    let name_attr = if kind == ResourceKind::User {
        "userName"
    } else {
        "displayName"
    };
    let mut name = doc
        .get(name_attr)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if kind == ResourceKind::Group {
        let reserved = existing.is_some_and(|r| r.reserved);
        name = rules::group_name(rules, reserved, &name, members.as_deref())?;
        doc.insert("displayName".into(), Value::String(name.clone()));
    }
    let name_lc = name.to_lowercase();
    let self_id = existing.map(|r| r.id.as_str()).unwrap_or("");
    let clash: Option<String> = tx
        .prepare_cached("SELECT id FROM resources WHERE kind = ?1 AND name_lc = ?2 AND id != ?3")?
        .query_row(params![kind.name(), name_lc, self_id], |r| r.get(0))
        .optional()?;
    if clash.is_some() {
        return Err(Violation::NameTaken {
            attr: name_attr,
            name,
        }
        .into());
    }
    let display = match kind {
        ResourceKind::User => doc
            .get("displayName")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or(&name)
            .to_owned(),
        ResourceKind::Group => name.clone(),
    };
    let external_id = doc
        .get("externalId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let data = serde_json::to_string(&doc).expect("a JSON map serializes");
    let ts = crate::timestamp::rfc3339_ms(now());
    let id = match existing {
        Some(row) => {
            tx.prepare_cached(
                "UPDATE resources SET name_lc = ?2, display = ?3, external_id = ?4, managed_by = ?7, data = ?5,
                 version = version + 1, last_modified = ?6 WHERE id = ?1",
            )?
            .execute(params![row.id, name_lc, display, external_id, data, ts, managed_by.as_str()])?;
            row.id.clone()
        }
        None => {
            let id = uuid::Uuid::new_v4().to_string();
            tx.prepare_cached(
                "INSERT INTO resources (kind, id, name_lc, display, external_id, managed_by, reserved, data, version, created, last_modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?8, 0, ?6, 1, ?7, ?7)",
            )?
            .execute(params![kind.name(), id, name_lc, display, external_id, data, ts, managed_by.as_str()])?;
            id
        }
    };
    if let Some(members) = members {
        set_members(tx, &id, &members)?;
    }
    get_or_404(tx, kind, &id)
}

/// The member ids of a members list, de-duplicated by hash (so a huge list stays
/// linear inside the write transaction), refused past the limit.
fn member_ids(members: Option<Value>) -> Result<Vec<String>, StoreError> {
    let listed = members
        .as_ref()
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    if listed.len() > MAX_MEMBERS_PER_REQUEST {
        return Err(Violation::TooManyMembers {
            listed: listed.len(),
        }
        .into());
    }
    let mut seen = std::collections::HashSet::with_capacity(listed.len());
    let mut out = Vec::with_capacity(listed.len());
    for m in listed {
        let Some(id) = get_ci(m, "value").and_then(Value::as_str) else {
            return Err(
                ScimError::invalid_value("every member needs a 'value' (the member's id)").into(),
            );
        };
        if seen.insert(id) {
            out.push(id.to_owned());
        }
    }
    Ok(out)
}

/// Makes the group's members exactly `wanted`, touching only the differences.
fn set_members(tx: &Connection, group_id: &str, wanted: &[String]) -> Result<(), StoreError> {
    let current: Vec<String> = tx
        .prepare_cached("SELECT member_id FROM members WHERE group_id = ?1")?
        .query_map([group_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let wanted_set: std::collections::HashSet<&str> = wanted.iter().map(String::as_str).collect();
    let current_set: std::collections::HashSet<&str> = current.iter().map(String::as_str).collect();
    for gone in current.iter().filter(|m| !wanted_set.contains(m.as_str())) {
        tx.prepare_cached("DELETE FROM members WHERE group_id = ?1 AND member_id = ?2")?
            .execute(params![group_id, gone])?;
    }
    for new in wanted.iter().filter(|m| !current_set.contains(m.as_str())) {
        if new == group_id {
            return Err(Violation::SelfMember.into());
        }
        let exists: bool = tx
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM resources WHERE id = ?1)")?
            .query_row([new], |r| r.get(0))?;
        if !exists {
            return Err(Violation::UnknownMember { id: new.clone() }.into());
        }
        tx.prepare_cached("INSERT INTO members (group_id, member_id) VALUES (?1, ?2)")?
            .execute(params![group_id, new])?;
    }
    Ok(())
}

/// Whether an error came from the client's request (4xx), for the request log.
pub fn is_client_error(e: &ScimError) -> bool {
    (400..500).contains(&e.status) || e.scim_type == Some(ScimType::InvalidFilter)
}
