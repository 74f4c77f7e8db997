//! Users and groups at rest: reading, listing (filter, sort, paging), and writing
//! them with the product's rules (unique names, the reserved `Administrators` group,
//! the `Split_Administrators` alias, short group names, IdP management).

use std::cmp::Ordering;

use rusqlite::{Connection, OptionalExtension, Row as SqlRow, params};
use serde_json::{Map, Value, json};

use crate::scim::filter::{CompareOp, Filter, Path, Scope};
use crate::scim::json_ci::get_ci;
use crate::scim::patch::{self, Operation};
use crate::scim::resource::{Projection, check_required, normalize, schemas_of};
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

/// How to write URLs into resources.
#[derive(Debug, Clone)]
pub struct Renderer {
    pub base_url: String,
}

impl Renderer {
    pub fn location(&self, kind: ResourceKind, id: &str) -> String {
        format!("{}{}/{id}", self.base_url, kind.endpoint())
    }

    /// The full SCIM representation of `row`; `members` and `groups` only when asked,
    /// since they cost a query.
    pub fn render(
        &self,
        conn: &Connection,
        row: &Row,
        with_members: bool,
        with_groups: bool,
    ) -> Result<Value, ScimError> {
        let groups = match row.kind {
            ResourceKind::User if with_groups => Some(self.groups_of(conn, &row.id)?),
            _ => None,
        };
        self.render_with(conn, row.clone(), with_members, groups)
    }

    /// Renders with the user's `groups` already looked up (a page looks them up
    /// for all its users in one query).
    fn render_with(
        &self,
        conn: &Connection,
        mut row: Row,
        with_members: bool,
        groups: Option<Vec<Value>>,
    ) -> Result<Value, ScimError> {
        let mut obj = Map::with_capacity(row.data.len() + 5);
        obj.insert(
            "schemas".into(),
            Value::Array(schemas_of(row.kind, &row.data)),
        );
        obj.insert("id".into(), Value::String(row.id.clone()));
        if let Some(ext) = row.data.remove("externalId") {
            obj.insert("externalId".into(), ext);
        }
        for (k, v) in std::mem::take(&mut row.data) {
            obj.insert(k, v);
        }
        match row.kind {
            ResourceKind::Group if with_members => {
                obj.insert("members".into(), Value::Array(self.members(conn, &row.id)?));
            }
            ResourceKind::User => {
                if let Some(groups) = groups.filter(|g| !g.is_empty()) {
                    obj.insert("groups".into(), Value::Array(groups));
                }
            }
            _ => {}
        }
        obj.insert(
            "meta".into(),
            json!({
                "resourceType": row.kind.name(),
                "created": row.created,
                "lastModified": row.last_modified,
                "location": self.location(row.kind, &row.id),
                "version": row.etag(),
            }),
        );
        Ok(Value::Object(obj))
    }

    /// Renders and projects, skipping member/group look-ups the projection drops.
    pub fn render_projected(
        &self,
        conn: &Connection,
        row: &Row,
        proj: &Projection,
    ) -> Result<Value, ScimError> {
        let with_members = row.kind == ResourceKind::Group && proj.includes(row.kind, "members");
        let with_groups = row.kind == ResourceKind::User && proj.includes(row.kind, "groups");
        let mut v = self.render(conn, row, with_members, with_groups)?;
        if !proj.is_empty() {
            proj.apply(row.kind, &mut v);
        }
        Ok(v)
    }

    /// Renders a page of rows, looking up the users' groups in one query.
    pub fn render_page(
        &self,
        conn: &Connection,
        rows: Vec<Row>,
        proj: &Projection,
    ) -> Result<Vec<Value>, ScimError> {
        let mut groups = self.groups_of_many(conn, &rows, proj)?;
        rows.into_iter()
            .map(|row| {
                let with_members =
                    row.kind == ResourceKind::Group && proj.includes(row.kind, "members");
                let g = match row.kind {
                    ResourceKind::User if proj.includes(row.kind, "groups") => {
                        Some(groups.remove(&row.id).unwrap_or_default())
                    }
                    _ => None,
                };
                let kind = row.kind;
                let mut v = self.render_with(conn, row, with_members, g)?;
                if !proj.is_empty() {
                    proj.apply(kind, &mut v);
                }
                Ok(v)
            })
            .collect()
    }

    fn groups_of_many(
        &self,
        conn: &Connection,
        rows: &[Row],
        proj: &Projection,
    ) -> Result<std::collections::HashMap<String, Vec<Value>>, ScimError> {
        let mut out: std::collections::HashMap<String, Vec<Value>> = Default::default();
        let users: Vec<&str> = rows
            .iter()
            .filter(|r| r.kind == ResourceKind::User && proj.includes(r.kind, "groups"))
            .map(|r| r.id.as_str())
            .collect();
        for chunk in users.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let sql = format!(
                "SELECT m.member_id, g.id, g.display FROM members m JOIN resources g ON g.id = m.group_id
                 WHERE m.member_id IN ({marks}) ORDER BY g.seq"
            );
            let mut st = conn.prepare_cached(&sql)?;
            let found = st.query_map(rusqlite::params_from_iter(chunk.iter()), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            for f in found {
                let (user, id, display) = f?;
                out.entry(user).or_default().push(json!({"value": id, "$ref": self.location(ResourceKind::Group, &id), "display": display, "type": "direct"}));
            }
        }
        Ok(out)
    }

    fn members(&self, conn: &Connection, group_id: &str) -> Result<Vec<Value>, ScimError> {
        let mut st = conn.prepare_cached(
            "SELECT r.id, r.kind FROM members m JOIN resources r ON r.id = m.member_id
             WHERE m.group_id = ?1 ORDER BY r.seq",
        )?;
        let rows = st.query_map([group_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        // No `display`: RFC 7643's Group schema has none, and a client that reads back
        // what it wrote must get exactly that (Okta's `display` is accepted and ignored).
        for r in rows {
            let (id, kind) = r?;
            let k = if kind == "User" {
                ResourceKind::User
            } else {
                ResourceKind::Group
            };
            out.push(json!({"value": id, "$ref": self.location(k, &id), "type": kind}));
        }
        Ok(out)
    }

    fn groups_of(&self, conn: &Connection, user_id: &str) -> Result<Vec<Value>, ScimError> {
        let mut st = conn.prepare_cached(
            "SELECT g.id, g.display FROM members m JOIN resources g ON g.id = m.group_id
             WHERE m.member_id = ?1 ORDER BY g.seq",
        )?;
        let rows = st.query_map([user_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (id, display) = r?;
            out.push(json!({"value": id, "$ref": self.location(ResourceKind::Group, &id), "display": display, "type": "direct"}));
        }
        Ok(out)
    }
}

/// A list request after parsing (RFC 7644 §3.4.2).
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub filter: Option<Filter>,
    pub sort_by: Option<Path>,
    pub descending: bool,
    /// 1-based.
    pub start_index: usize,
    pub count: usize,
    pub projection: Projection,
}

pub struct Page {
    pub total: usize,
    pub resources: Vec<Value>,
}

/// The column a sort or lookup can use directly, if any.
fn column_for(kind: ResourceKind, p: &Path) -> Option<&'static str> {
    if p.filter.is_some() {
        return None;
    }
    let (ext, def) = kind.resolve(p.urn.as_deref(), &p.attr)?;
    if ext.is_some() {
        return None;
    }
    match (def.name, p.sub.as_deref()) {
        ("userName", None) if kind == ResourceKind::User => Some("name_lc"),
        ("displayName", None) if kind == ResourceKind::Group => Some("name_lc"),
        ("externalId", None) => Some("external_id"),
        ("id", None) => Some("id"),
        ("meta", Some(s)) if s.eq_ignore_ascii_case("created") => Some("seq"),
        ("meta", Some(s)) if s.eq_ignore_ascii_case("lastModified") => Some("last_modified"),
        _ => None,
    }
}

/// An SQL expression for a single-valued attribute (or sub-attribute) as stored,
/// so that a sort on it runs in SQLite and reads only the page: `json_extract` of
/// the stored document, compared case-insensitively unless the attribute is
/// caseExact. The path is built from the schema's own names, never the request's.
/// `None` for what needs the whole resource (multi-valued, value filters).
fn stored_value(kind: ResourceKind, p: &Path) -> Option<String> {
    if p.filter.is_some() {
        return None;
    }
    let (ext, def) = kind.resolve(p.urn.as_deref(), &p.attr)?;
    if def.multi_valued {
        return None;
    }
    let mut json_path = String::from("$");
    if let Some(urn) = ext {
        json_path.push_str(&format!(".\"{urn}\""));
    }
    json_path.push_str(&format!(".\"{}\"", def.name));
    let leaf = match p.sub.as_deref() {
        Some(s) => {
            let sub = def.sub(s)?;
            json_path.push_str(&format!(".\"{}\"", sub.name));
            sub
        }
        None if def.is_complex() => return None,
        None => def,
    };
    let collate = if leaf.case_exact {
        ""
    } else {
        " COLLATE NOCASE"
    };
    Some(format!("json_extract(data, '{json_path}'){collate}"))
}

fn mentions(filter: &Filter, kind: ResourceKind, attr: &str) -> bool {
    filter.paths().iter().any(|p| {
        kind.resolve(p.urn.as_deref(), &p.attr)
            .is_some_and(|(_, d)| d.name == attr)
    })
}

/// Makes `displayName eq "Split_Administrators"` find the Administrators group, as
/// Entra's matching query expects (product rule).
fn alias_reserved(filter: &mut Filter) {
    match filter {
        Filter::And(parts) | Filter::Or(parts) => parts.iter_mut().for_each(alias_reserved),
        Filter::Not(a) => alias_reserved(a),
        Filter::Compare(p, CompareOp::Eq, Value::String(s))
            if p.attr.eq_ignore_ascii_case("displayName")
                && s.eq_ignore_ascii_case(ADMINISTRATORS_ALIAS) =>
        {
            *s = ADMINISTRATORS.to_owned();
        }
        _ => {}
    }
}

pub fn list(
    conn: &Connection,
    r: &Renderer,
    kind: ResourceKind,
    q: &ListQuery,
) -> Result<Page, ScimError> {
    let offset = q.start_index.saturating_sub(1);
    let sort_col: Option<String> = match &q.sort_by {
        None => Some("seq".to_owned()),
        Some(p) => column_for(kind, p)
            .map(str::to_owned)
            .or_else(|| stored_value(kind, p)),
    };
    let Some(filter) = q.filter.clone() else {
        if let Some(col) = sort_col {
            let total: i64 = conn
                .prepare_cached("SELECT count(*) FROM resources WHERE kind = ?1")?
                .query_row([kind.name()], |r| r.get(0))?;
            let dir = if q.descending { "DESC" } else { "ASC" };
            // `seq` is never NULL: ordering by it alone lets SQLite walk the
            // (kind, seq) index instead of sorting the whole table per page.
            let order = if col == "seq" {
                format!("seq {dir}")
            } else {
                format!("({col}) IS NULL, {col} {dir}, seq {dir}")
            };
            let sql = format!(
                "SELECT {COLUMNS} FROM resources WHERE kind = ?1 ORDER BY {order} LIMIT ?2 OFFSET ?3"
            );
            let mut st = conn.prepare_cached(&sql)?;
            let rows = st
                .query_map(
                    params![
                        kind.name(),
                        q.count.min(i64::MAX as usize) as i64,
                        offset as i64
                    ],
                    from_sql,
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let resources = r.render_page(conn, rows, &q.projection)?;
            return Ok(Page {
                total: total as usize,
                resources,
            });
        }
        return list_by_scan(conn, r, kind, q, None);
    };
    list_by_scan(conn, r, kind, q, Some(filter))
}

fn list_by_scan(
    conn: &Connection,
    r: &Renderer,
    kind: ResourceKind,
    q: &ListQuery,
    mut filter: Option<Filter>,
) -> Result<Page, ScimError> {
    if let (Some(f), ResourceKind::Group) = (&mut filter, kind) {
        alias_reserved(f);
    }
    // A filter that can't hold is refused before any row is read, so the answer
    // does not depend on the data (RFC 7644 §3.4.2.2 invalidFilter).
    if let Some(f) = &filter {
        f.bind(Scope::Resource(kind))?;
    }
    let with_members = filter
        .as_ref()
        .is_some_and(|f| mentions(f, kind, "members"));
    let with_groups = filter.as_ref().is_some_and(|f| mentions(f, kind, "groups"));
    // Rows stream from SQLite one at a time. Unsorted, only the page's rows are
    // kept (the rest are counted); sorted, only each match's sort key and id are
    // kept, and the page's rows are read again by id: memory follows the page and
    // the number of matches, not the size of the resources.
    let offset = q.start_index.saturating_sub(1);
    let sort = q.sort_by.as_ref().map(|path| {
        let def = kind
            .resolve(path.urn.as_deref(), &path.attr)
            .map(|(_, d)| d);
        let case_exact = def
            .and_then(|d| path.sub.as_deref().and_then(|s| d.sub(s)).or(Some(d)))
            .is_some_and(|d| d.case_exact);
        (path, case_exact)
    });
    let mut keyed: Vec<(Option<String>, i64, String)> = Vec::new();
    let mut page_rows: Vec<Row> = Vec::new();
    let mut total = 0usize;
    each_candidate(conn, kind, filter.as_ref(), |row| {
        let rendered = r.render(conn, &row, with_members, with_groups)?;
        if let Some(f) = &filter
            && !f.matches(&rendered, Scope::Resource(kind))?
        {
            return Ok(());
        }
        match &sort {
            Some((path, case_exact)) => {
                let key = sort_key(&rendered, kind, path).map(|k| {
                    if *case_exact {
                        k
                    } else {
                        k.to_ascii_lowercase()
                    }
                });
                keyed.push((key, row.seq, row.id));
            }
            None if total >= offset && page_rows.len() < q.count => page_rows.push(row),
            None => {}
        }
        total += 1;
        Ok(())
    })?;
    if sort.is_some() {
        keyed.sort_by(|(a, sa, _), (b, sb, _)| {
            let ord = match (a, b) {
                (Some(a), Some(b)) => a.cmp(b),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            let ord = if q.descending && a.is_some() && b.is_some() {
                ord.reverse()
            } else {
                ord
            };
            ord.then(sa.cmp(sb))
        });
        page_rows = keyed
            .into_iter()
            .skip(offset)
            .take(q.count)
            .map(|(_, _, id)| get_or_404(conn, kind, &id))
            .collect::<Result<_, _>>()?;
    }
    let resources = r.render_page(conn, page_rows, &q.projection)?;
    Ok(Page { total, resources })
}

/// The value to sort by: for multi-valued attributes the primary one, else the first.
fn sort_key(v: &Value, kind: ResourceKind, p: &Path) -> Option<String> {
    let (ext, def) = kind.resolve(p.urn.as_deref(), &p.attr)?;
    let container = match ext {
        Some(u) => get_ci(v, u)?,
        None => v,
    };
    let mut val = get_ci(container, def.name)?;
    if let Value::Array(items) = val {
        val = items
            .iter()
            .find(|i| get_ci(i, "primary") == Some(&Value::Bool(true)))
            .or(items.first())?;
    }
    let sub = p.sub.as_deref().or(def.is_complex().then_some("value"));
    if let Some(s) = sub {
        val = get_ci(val, s)?;
    }
    Some(match val {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// Rows that may match: narrowed by an indexed equality when the filter requires one.
fn each_candidate(
    conn: &Connection,
    kind: ResourceKind,
    filter: Option<&Filter>,
    mut visit: impl FnMut(Row) -> Result<(), ScimError>,
) -> Result<(), ScimError> {
    let indexed = filter
        .into_iter()
        .flat_map(|f| f.required_equalities())
        .find_map(|(p, v)| {
            column_for(kind, p)
                .filter(|c| *c != "seq" && *c != "last_modified")
                .map(|c| (c, v))
        });
    match indexed {
        Some((col, v)) => {
            let v = if col == "name_lc" {
                v.to_lowercase()
            } else {
                v.to_owned()
            };
            let mut st = conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM resources WHERE kind = ?1 AND {col} = ?2 ORDER BY seq"
            ))?;
            for row in st.query_map(params![kind.name(), v], from_sql)? {
                visit(row?)?;
            }
        }
        None => {
            let mut st = conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM resources WHERE kind = ?1 ORDER BY seq"
            ))?;
            for row in st.query_map(params![kind.name()], from_sql)? {
                visit(row?)?;
            }
        }
    };
    Ok(())
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
