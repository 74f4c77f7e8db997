//! Users and groups at rest: reading and writing them with the product's rules
//! (unique names, the reserved `Administrators` group, the `Split_Administrators`
//! alias, short group names, IdP management). Rendering rows as SCIM resources is
//! in `render`, list queries (filter, sort, paging) in `query`.

mod query;
mod render;

pub use query::{ListQuery, Page, list};
pub use render::Renderer;

use rusqlite::{Connection, OptionalExtension, Row as SqlRow, params};
use serde_json::{Map, Value, json};

use crate::scim::json_ci::get_ci;
use crate::scim::patch::{self, Operation};
use crate::scim::resource::{check_required, normalize};
use crate::scim::schema::ResourceKind;
use crate::scim::{ScimError, ScimType};

use super::db::now;

pub const ADMINISTRATORS: &str = "Administrators";
pub const ADMINISTRATORS_ALIAS: &str = "Split_Administrators";
/// Group names must be shorter than this many characters (product rule).
pub const GROUP_NAME_LIMIT: usize = 25;

/// Product rules that a sandbox may relax (e.g. so that a generic compliance tester,
/// which names groups with 36-character UUIDs, can run).
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Names must be shorter than this; `None` lifts the limit.
    pub group_name_limit: Option<usize>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            group_name_limit: Some(GROUP_NAME_LIMIT),
        }
    }
}

/// Who manages a user or group: the IdP over SCIM, or the app's own admins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Manager {
    Idp,
    Local,
}

impl Manager {
    pub fn as_str(self) -> &'static str {
        match self {
            Manager::Idp => "idp",
            Manager::Local => "local",
        }
    }
}

/// One stored user or group.
#[derive(Debug, Clone)]
pub struct Row {
    pub seq: i64,
    pub kind: ResourceKind,
    pub id: String,
    pub display: String,
    pub managed_by: String,
    pub reserved: bool,
    pub data: Map<String, Value>,
    pub version: i64,
    pub created: String,
    pub last_modified: String,
}

impl Row {
    pub fn etag(&self) -> String {
        format!("W/\"{}\"", self.version)
    }
}

const COLUMNS: &str =
    "seq, kind, id, display, managed_by, reserved, data, version, created, last_modified";

fn from_sql(r: &SqlRow) -> rusqlite::Result<Row> {
    let kind: String = r.get(1)?;
    let data: String = r.get(6)?;
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
        data: serde_json::from_str(&data).unwrap_or_default(),
        version: r.get(7)?,
        created: r.get(8)?,
        last_modified: r.get(9)?,
    })
}

pub fn get(conn: &Connection, kind: ResourceKind, id: &str) -> Result<Option<Row>, ScimError> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM resources WHERE id = ?1 AND kind = ?2"
    ))?;
    Ok(st
        .query_row(params![id, kind.name()], from_sql)
        .optional()?)
}

pub fn get_or_404(conn: &Connection, kind: ResourceKind, id: &str) -> Result<Row, ScimError> {
    get(conn, kind, id)?
        .ok_or_else(|| ScimError::not_found(format!("{} {id} not found", kind.name())))
}

pub fn administrators(conn: &Connection) -> Result<Row, ScimError> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM resources WHERE kind = 'Group' AND reserved = 1"
    ))?;
    Ok(st.query_row([], from_sql)?)
}

/// Checks an `If-Match` header against the row's version (RFC 7644 §3.14).
pub fn check_if_match(row: &Row, if_match: Option<&str>) -> Result<(), ScimError> {
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
        Err(ScimError::new(
            412,
            None,
            format!(
                "the resource has changed: its version is {}, the request expected {header}",
                row.etag()
            ),
        ))
    }
}

/// Creates a resource from a POST body. For a group named `Split_Administrators`
/// the existing Administrators group is linked instead and returned.
pub fn create(
    tx: &Connection,
    rules: &Rules,
    kind: ResourceKind,
    body: &Value,
) -> Result<Row, ScimError> {
    let doc = normalize(kind, body)?;
    check_required(kind, &doc)?;
    if kind == ResourceKind::Group {
        let name = doc
            .get("displayName")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if name.eq_ignore_ascii_case(ADMINISTRATORS_ALIAS) {
            return link_administrators(tx, rules, doc);
        }
        if name.eq_ignore_ascii_case(ADMINISTRATORS) {
            return Err(ScimError::uniqueness(
                "'Administrators' is reserved and already exists: link the existing group in your IdP, \
                 or name the IdP group 'Split_Administrators', which maps onto it",
            ));
        }
    }
    save(tx, rules, kind, None, doc, Manager::Idp)
}

fn link_administrators(
    tx: &Connection,
    rules: &Rules,
    mut doc: Map<String, Value>,
) -> Result<Row, ScimError> {
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

fn current_member_values(tx: &Connection, group_id: &str) -> Result<Vec<Value>, ScimError> {
    let mut st = tx.prepare_cached("SELECT m.member_id FROM members m JOIN resources r ON r.id = m.member_id WHERE m.group_id = ?1 ORDER BY r.seq")?;
    let ids = st
        .query_map([group_id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids.into_iter().map(|id| json!({"value": id})).collect())
}

/// Replaces a resource with a PUT body.
pub fn replace(
    tx: &Connection,
    rules: &Rules,
    kind: ResourceKind,
    id: &str,
    body: &Value,
    if_match: Option<&str>,
) -> Result<Row, ScimError> {
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
) -> Result<Row, ScimError> {
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
) -> Result<(), ScimError> {
    let row = get_or_404(tx, kind, id)?;
    check_if_match(&row, if_match)?;
    if row.reserved {
        return Err(ScimError::mutability(
            "the Administrators group is reserved and cannot be deleted",
        ));
    }
    if kind == ResourceKind::User {
        ensure_not_last_admin(tx, &row, "deleted")?;
    }
    tx.prepare_cached("DELETE FROM resources WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Fails if `user` is the only member of Administrators.
pub fn ensure_not_last_admin(tx: &Connection, user: &Row, action: &str) -> Result<(), ScimError> {
    let admins = administrators(tx)?;
    let (is_member, count): (bool, i64) = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM members WHERE group_id = ?1 AND member_id = ?2), (SELECT count(*) FROM members WHERE group_id = ?1)",
        params![admins.id, user.id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if is_member && count <= 1 {
        return Err(ScimError::invalid_value(format!(
            "{} is the last member of Administrators and cannot be {action}: Administrators must keep at least one member",
            user.display
        )));
    }
    Ok(())
}

/// Writes `doc` as the new state of `existing` (or a new resource), applying the
/// product rules. Anything written over SCIM becomes IdP-managed.
pub(crate) fn save(
    tx: &Connection,
    rules: &Rules,
    kind: ResourceKind,
    existing: Option<&Row>,
    mut doc: Map<String, Value>,
    managed_by: Manager,
) -> Result<Row, ScimError> {
    let members: Option<Vec<String>> = match kind {
        ResourceKind::Group => Some(member_ids(doc.remove("members"))?),
        ResourceKind::User => None,
    };
    canonical_names(&mut doc)?;
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
    let reserved = existing.is_some_and(|r| r.reserved);
    if kind == ResourceKind::Group {
        if reserved {
            if !name.eq_ignore_ascii_case(ADMINISTRATORS)
                && !name.eq_ignore_ascii_case(ADMINISTRATORS_ALIAS)
            {
                return Err(ScimError::mutability(
                    "the Administrators group is reserved and cannot be renamed",
                ));
            }
            // The alias maps onto the group; the name stays Administrators.
            name = ADMINISTRATORS.to_owned();
            doc.insert("displayName".into(), Value::String(name.clone()));
            if members.as_ref().is_some_and(Vec::is_empty) {
                return Err(ScimError::invalid_value(
                    "Administrators must keep at least one member",
                ));
            }
        } else {
            check_group_name(&name, rules)?;
        }
    }
    let name_lc = name.to_lowercase();
    let self_id = existing.map(|r| r.id.as_str()).unwrap_or("");
    let clash: Option<String> = tx
        .prepare_cached("SELECT id FROM resources WHERE kind = ?1 AND name_lc = ?2 AND id != ?3")?
        .query_row(params![kind.name(), name_lc, self_id], |r| r.get(0))
        .optional()?;
    if clash.is_some() {
        return Err(ScimError::uniqueness(format!(
            "{name_attr} '{name}' is already taken (names are compared case-insensitively)"
        )));
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
    let ts = now().to_string();
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

pub fn check_group_name(name: &str, rules: &Rules) -> Result<(), ScimError> {
    let len = name.chars().count();
    if let Some(limit) = rules.group_name_limit
        && len >= limit
    {
        return Err(ScimError::invalid_value(format!(
            "group names must be shorter than {limit} characters; '{name}' has {len}"
        )));
    }
    if name.eq_ignore_ascii_case(ADMINISTRATORS) || name.eq_ignore_ascii_case(ADMINISTRATORS_ALIAS)
    {
        return Err(ScimError::uniqueness(format!(
            "'{name}' is reserved for the Administrators group"
        )));
    }
    Ok(())
}

/// userName and displayName as a person reads them: NFC-normalized, so that a
/// composed and a decomposed "é" are one name (uniqueness included), and refused
/// when they hold control or invisible formatting characters (zero-width spaces,
/// bidi overrides), which make look-alike names.
fn canonical_names(doc: &mut Map<String, Value>) -> Result<(), ScimError> {
    for attr in ["userName", "displayName"] {
        let Some(Value::String(s)) = doc.get_mut(attr) else {
            continue;
        };
        if let Some(c) = s.chars().find(|c| is_hidden(*c)) {
            return Err(ScimError::invalid_value(format!(
                "{attr} contains the control or invisible character U+{:04X}, which names may not hold",
                c as u32
            )));
        }
        let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(s);
        if nfc != s.as_str() {
            *s = nfc.into_owned();
        }
    }
    Ok(())
}

/// Control characters, and the format characters that change nothing visible.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// How many members one request may set or add (docs/admin-api.md).
pub const MAX_MEMBERS_PER_REQUEST: usize = 10_000;

/// The member ids of a members list, de-duplicated by hash (so a huge list stays
/// linear inside the write transaction), refused past the limit.
fn member_ids(members: Option<Value>) -> Result<Vec<String>, ScimError> {
    let listed = members
        .as_ref()
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    if listed.len() > MAX_MEMBERS_PER_REQUEST {
        return Err(ScimError::invalid_value(format!(
            "a request may list at most {MAX_MEMBERS_PER_REQUEST} members; this one lists {}",
            listed.len()
        )));
    }
    let mut seen = std::collections::HashSet::with_capacity(listed.len());
    let mut out = Vec::with_capacity(listed.len());
    for m in listed {
        let Some(id) = get_ci(m, "value").and_then(Value::as_str) else {
            return Err(ScimError::invalid_value(
                "every member needs a 'value' (the member's id)",
            ));
        };
        if seen.insert(id) {
            out.push(id.to_owned());
        }
    }
    Ok(out)
}

/// Makes the group's members exactly `wanted`, touching only the differences.
pub fn set_members(tx: &Connection, group_id: &str, wanted: &[String]) -> Result<(), ScimError> {
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
            return Err(ScimError::invalid_value(
                "a group cannot be a member of itself",
            ));
        }
        let exists: bool = tx
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM resources WHERE id = ?1)")?
            .query_row([new], |r| r.get(0))?;
        if !exists {
            return Err(ScimError::invalid_value(format!(
                "member '{new}' is not a user or group of this service"
            )));
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
