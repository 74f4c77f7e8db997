//! List queries (RFC 7644 §3.4.2): what runs in SQLite (paging, sorts on stored
//! single-valued attributes, indexed equalities), and the streaming scan that
//! evaluates the rest of a filter in Rust, keeping only the page or sort keys.

use std::cmp::Ordering;

use rusqlite::{Connection, params};
use serde_json::Value;

use super::super::rules::{ADMINISTRATORS, ADMINISTRATORS_ALIAS};
use super::{COLUMNS, Renderer, Row, from_sql, get_or_404};
use crate::scim::ScimError;
use crate::scim::filter::{CompareOp, Filter, Path, Scope};
use crate::scim::json_ci::get_ci;
use crate::scim::resource::Projection;
use crate::scim::schema::ResourceKind;

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
    let t = p.target(kind)?;
    if t.ext.is_some() || t.filter.is_some() || t.unknown_sub {
        return None;
    }
    match (t.attr.name, t.sub.map(|s| s.name)) {
        ("userName", None) if kind == ResourceKind::User => Some("name_lc"),
        ("displayName", None) if kind == ResourceKind::Group => Some("name_lc"),
        ("externalId", None) => Some("external_id"),
        ("id", None) => Some("id"),
        ("meta", Some("created")) => Some("seq"),
        ("meta", Some("lastModified")) => Some("last_modified"),
        _ => None,
    }
}

/// An SQL expression for a single-valued attribute (or sub-attribute) as stored,
/// so that a sort on it runs in SQLite and reads only the page: `json_extract` of
/// the stored document, compared case-insensitively unless the attribute is
/// caseExact. The path is built from the schema's own names, never the request's.
/// `None` for what needs the whole resource (multi-valued, value filters).
fn stored_value(kind: ResourceKind, p: &Path) -> Option<String> {
    let t = p.target(kind)?;
    let json_path = t.json_path()?;
    let collate = if t.compared().case_exact {
        ""
    } else {
        " COLLATE NOCASE"
    };
    Some(format!("json_extract(data, '{json_path}'){collate}"))
}

fn mentions(filter: &Filter, kind: ResourceKind, attr: &str) -> bool {
    filter
        .paths()
        .iter()
        .any(|p| p.target(kind).is_some_and(|t| t.attr.name == attr))
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
        let case_exact = path.target(kind).is_some_and(|t| t.compared().case_exact);
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
    let t = p.target(kind).filter(|t| !t.unknown_sub)?;
    let mut val = t.value_in(v)?;
    if let Value::Array(items) = val {
        val = items
            .iter()
            .find(|i| get_ci(i, "primary") == Some(&Value::Bool(true)))
            .or(items.first())?;
    }
    if t.attr.is_complex() {
        val = get_ci(val, t.compared().name)?;
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
