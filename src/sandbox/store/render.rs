//! Rows as SCIM resources: meta, locations, members and groups, projections.

use rusqlite::Connection;
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
