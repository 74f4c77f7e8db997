//! Rows as SCIM resources: meta, locations, members and groups, projections.

use std::fmt;

use rusqlite::Connection;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::{RawValue, to_raw_value};
use serde_json::{Map, Value, json};

use super::Row;
use crate::scim::ScimError;
use crate::scim::resource::{Projection, schemas_of};
use crate::scim::schema::ResourceKind;

/// How to write URLs into resources.
#[derive(Debug, Clone)]
pub struct Renderer {
    pub base_url: String,
}

impl Renderer {
    pub fn location(&self, kind: ResourceKind, id: &str) -> String {
        format!("{}{}/{id}", self.base_url, kind.endpoint())
    }

    /// A resource's `meta` (RFC 7643 §3.1).
    fn meta<'r, D>(&self, row: &'r Row<D>) -> Meta<'r> {
        Meta {
            resource_type: row.kind.name(),
            created: &row.created,
            last_modified: &row.last_modified,
            location: self.location(row.kind, &row.id),
            version: row.etag(),
        }
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
            Value::from(schemas_of(row.kind, |k| row.data.contains_key(k))),
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
        let meta = serde_json::to_value(self.meta(&row)).map_err(unwritable)?;
        obj.insert("meta".into(), meta);
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
    ) -> Result<Vec<Box<RawValue>>, ScimError> {
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
                written(&v)
            })
            .collect()
    }

    /// Renders a page of rows read with their documents as text. Without a
    /// projection each document is written out as stored, member by member,
    /// never built into a JSON tree: the output is the same as `render_page`'s,
    /// at a fraction of its allocations (a 1,000-user page is most of what
    /// listing costs the sandbox, docs/benchmarks.md).
    pub fn render_stored_page(
        &self,
        conn: &Connection,
        rows: Vec<Row<String>>,
        proj: &Projection,
    ) -> Result<Vec<Box<RawValue>>, ScimError> {
        if !proj.is_empty() {
            return self.render_page(conn, rows.into_iter().map(Row::parsed).collect(), proj);
        }
        let mut groups = self.groups_of_many(conn, &rows, proj)?;
        rows.into_iter()
            .map(|row| {
                let Ok(doc) = serde_json::from_str::<Members>(&row.data) else {
                    // Not an object of plain keys (never written so): the tree
                    // path decides what it means.
                    let row = row.parsed();
                    let (members, groups) = (
                        row.kind == ResourceKind::Group,
                        row.kind == ResourceKind::User,
                    );
                    return written(&self.render(conn, &row, members, groups)?);
                };
                let (groups, members) = match row.kind {
                    ResourceKind::User => (groups.remove(&row.id).filter(|g| !g.is_empty()), None),
                    ResourceKind::Group => (None, Some(self.members(conn, &row.id)?)),
                };
                written(&Stored {
                    row: &row,
                    doc,
                    groups,
                    members,
                    meta: self.meta(&row),
                })
            })
            .collect()
    }

    fn groups_of_many<D>(
        &self,
        conn: &Connection,
        rows: &[Row<D>],
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

/// A resource as JSON text. Maps with string keys always serialise; a failure
/// would be a 500, not a panic.
fn written(resource: &impl Serialize) -> Result<Box<RawValue>, ScimError> {
    to_raw_value(resource).map_err(unwritable)
}

fn unwritable(e: serde_json::Error) -> ScimError {
    ScimError::new(500, None, format!("could not write a resource: {e}"))
}

/// The top-level members of a stored document, in stored order, values as text.
struct Members<'a>(Vec<(&'a str, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(entry) = map.next_entry::<&'de str, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(Members(entries))
            }
        }
        d.deserialize_map(Entries)
    }
}

/// A resource written from its stored text, member for member as `render_with`
/// builds it: schemas, id, externalId, the stored attributes, groups or
/// members, meta.
struct Stored<'a> {
    row: &'a Row<String>,
    doc: Members<'a>,
    groups: Option<Vec<Value>>,
    members: Option<Vec<Value>>,
    meta: Meta<'a>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Meta<'a> {
    resource_type: &'static str,
    created: &'a str,
    last_modified: &'a str,
    location: String,
    version: String,
}

impl Serialize for Stored<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let row = self.row;
        let entries = &self.doc.0;
        let mut m = s.serialize_map(None)?;
        let schemas = schemas_of(row.kind, |k| entries.iter().any(|(e, _)| *e == k));
        m.serialize_entry("schemas", &schemas)?;
        m.serialize_entry("id", &row.id)?;
        if let Some((_, ext)) = entries.iter().find(|(k, _)| *k == "externalId") {
            m.serialize_entry("externalId", ext)?;
        }
        for (k, v) in entries.iter().filter(|(k, _)| *k != "externalId") {
            m.serialize_entry(k, v)?;
        }
        if let Some(members) = &self.members {
            m.serialize_entry("members", members)?;
        }
        if let Some(groups) = &self.groups {
            m.serialize_entry("groups", groups)?;
        }
        m.serialize_entry("meta", &self.meta)?;
        m.end()
    }
}
