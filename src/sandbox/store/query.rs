//! List queries (RFC 7644 §3.4.2): what runs in SQLite (paging, sorts on stored
//! single-valued attributes, indexed equalities), and the streaming scan that
//! evaluates the rest of a filter in Rust, keeping only the page or sort keys.

use std::cmp::Ordering;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, params_from_iter};
use serde_json::Value;
use serde_json::value::RawValue;

use super::super::db::CountCache;
use super::super::rules::{ADMINISTRATORS, ADMINISTRATORS_ALIAS};
use super::sql_filter::{self, Sql, Translation};
use super::{COLUMNS, Renderer, Row, from_sql, from_sql_text, get_or_404};
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
    /// Rendered: a page is only ever written out.
    pub resources: Vec<Box<RawValue>>,
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
    counts: &CountCache,
    kind: ResourceKind,
    q: &ListQuery,
) -> Result<Page, ScimError> {
    let mut filter = q.filter.clone();
    if let (Some(f), ResourceKind::Group) = (&mut filter, kind) {
        alias_reserved(f);
    }
    // A filter that can't hold is refused before any row is read, so the answer
    // does not depend on the data (RFC 7644 §3.4.2.2 invalidFilter).
    if let Some(f) = &filter {
        f.bind(Scope::Resource(kind))?;
    }
    let sort_col: Option<String> = match &q.sort_by {
        None => Some("seq".to_owned()),
        Some(p) => column_for(kind, p)
            .map(str::to_owned)
            // A sort on another stored attribute reads the expression its index
            // uses (`None`: multi-valued, value filters, dateTimes — sorted in Rust).
            .or_else(|| sql_filter::stored_expr(kind, p)),
    };
    // Parameter ?1 is the kind; a filter's parameters follow.
    let translation = match &filter {
        None => Translation::Whole(Sql::default()),
        Some(f) => sql_filter::translate(f, kind, 2),
    };
    match (translation, sort_col) {
        (Translation::Whole(sql), Some(col)) => list_in_sql(conn, r, counts, kind, q, &sql, &col),
        (Translation::Whole(sql) | Translation::Narrowing(sql), _) => {
            list_by_scan(conn, r, kind, q, filter, Some(&sql))
        }
        (Translation::None, _) => list_by_scan(conn, r, kind, q, filter, None),
    }
}

/// A list SQLite answers alone: the count, then the page in order. A sort on an
/// attribute puts resources without it last in both directions (in creation
/// order), and descending is the exact reverse of ascending, as in the scan; the
/// two parts are read separately, so that an index on the attribute (which ends
/// in seq, the rowid) gives the order either way.
fn list_in_sql(
    conn: &Connection,
    r: &Renderer,
    counts: &CountCache,
    kind: ResourceKind,
    q: &ListQuery,
    sql: &Sql,
    col: &str,
) -> Result<Page, ScimError> {
    let cond = if sql.condition.is_empty() {
        "1".to_owned()
    } else {
        sql.condition.clone()
    };
    let mut params: Vec<SqlValue> = vec![SqlValue::Text(kind.name().to_owned())];
    params.extend(sql.params.iter().cloned());
    let n = params.len();
    let count = |extra: &str| -> Result<usize, ScimError> {
        let sql = format!("SELECT count(*) FROM resources WHERE kind = ?1 AND ({cond}){extra}");
        let key = format!("{sql}\u{0}{params:?}");
        counts.get_or(key, || {
            let total: i64 = conn
                .prepare_cached(&sql)?
                .query_row(params_from_iter(params.iter()), |r| r.get(0))?;
            Ok::<_, ScimError>(total as usize)
        })
    };
    let page = |extra: &str, order: &str, limit: usize, offset: usize| {
        let what = if offset < DEEP_OFFSET { COLUMNS } else { "seq" };
        let sql = format!(
            "SELECT {what} FROM resources WHERE kind = ?1 AND ({cond}){extra} ORDER BY {order} LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        );
        let mut all = params.clone();
        all.push(SqlValue::Integer(limit.min(i64::MAX as usize) as i64));
        all.push(SqlValue::Integer(offset.min(i64::MAX as usize) as i64));
        if offset < DEEP_OFFSET {
            Ok(conn
                .prepare_cached(&sql)?
                .query_map(params_from_iter(all.iter()), from_sql_text)?
                .collect::<rusqlite::Result<Vec<_>>>()?)
        } else {
            rows_at(conn, &sql, &all)
        }
    };
    let offset = q.start_index.saturating_sub(1);
    // sortOrder orders by sortBy (RFC 7644 §3.4.2.3); without sortBy, creation order.
    let dir = if q.descending && q.sort_by.is_some() {
        "DESC"
    } else {
        "ASC"
    };
    // A first page holding fewer than `count` rows is the whole result (a lookup by
    // userName, say): no count query then.
    if col == "seq" && offset == 0 {
        let rows = page("", &format!("seq {dir}"), q.count, 0)?;
        if rows.len() < q.count {
            let total = rows.len();
            let resources = r.render_stored_page(conn, rows, &q.projection)?;
            return Ok(Page { total, resources });
        }
    }
    let total = count("")?;
    let rows = if col == "seq" {
        page("", &format!("seq {dir}"), q.count, offset)?
    } else {
        // Counting the few without a value is an index lookup; counting those
        // with one would walk the index.
        let with_value = total - count(&format!(" AND ({col}) IS NULL"))?;
        let mut rows = Vec::new();
        if offset < with_value {
            rows = page(
                &format!(" AND ({col}) IS NOT NULL"),
                &format!("{col} {dir}, seq {dir}"),
                q.count,
                offset,
            )?;
        }
        if rows.len() < q.count && with_value < total {
            rows.extend(page(
                &format!(" AND ({col}) IS NULL"),
                "seq ASC",
                q.count - rows.len(),
                offset.saturating_sub(with_value),
            )?);
        }
        rows
    };
    let resources = r.render_stored_page(conn, rows, &q.projection)?;
    Ok(Page { total, resources })
}

/// How many rows one list request may evaluate in Rust (filters and sorts SQLite
/// can't decide: multi-valued attributes, value filters, dateTimes, members).
/// Past it the answer is 400 tooMany (RFC 7644 §3.12), in about 70 ms, rather
/// than seconds of CPU per request (docs/admin-api.md, "Limits").
pub const MAX_SCANNED_ROWS: usize = 10_000;

fn too_many(q: &ListQuery) -> ScimError {
    let what = match (&q.filter, &q.sort_by) {
        (Some(f), _) => format!("the filter '{f}'"),
        (None, Some(s)) => format!("sortBy={s}"),
        (None, None) => "this list".to_owned(),
    };
    ScimError::bad_request(
        crate::scim::ScimType::TooMany,
        format!(
            "{what} would be evaluated over more than {MAX_SCANNED_ROWS} resources, which this server does not do: \
             narrow it with a condition on an indexed attribute (userName, externalId, displayName, active, name.*, \
             or another single-valued attribute), e.g. 'userName sw \"a\" and …'"
        ),
    )
}

/// From this offset on, a page's positions are found on the index alone (seq is
/// the rowid, in every index) and only the page's rows are read, so skipping rows
/// never reads their documents; below it one query reads the rows directly.
const DEEP_OFFSET: usize = 1_000;

/// The rows whose seqs `sql` selects, in its order, documents as text.
fn rows_at(
    conn: &Connection,
    sql: &str,
    params: &[SqlValue],
) -> Result<Vec<Row<String>>, ScimError> {
    let seqs = conn
        .prepare_cached(sql)?
        .query_map(params_from_iter(params.iter()), |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut by_seq =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM resources WHERE seq = ?1"))?;
    Ok(seqs
        .into_iter()
        .map(|s| by_seq.query_row([s], from_sql_text))
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A list evaluated in Rust over streamed rows (narrowed by SQL where a part of
/// the filter translates), for filters and sorts SQLite can't decide alone.
fn list_by_scan(
    conn: &Connection,
    r: &Renderer,
    kind: ResourceKind,
    q: &ListQuery,
    filter: Option<Filter>,
    narrowing: Option<&Sql>,
) -> Result<Page, ScimError> {
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
    let mut scanned = 0usize;
    each_candidate(conn, kind, narrowing, |row| {
        scanned += 1;
        if scanned > MAX_SCANNED_ROWS {
            return Err(too_many(q));
        }
        let rendered = r.render(conn, &row, with_members, with_groups)?;
        if let Some(f) = &filter
            && !f.matches(&rendered, Scope::Resource(kind))?
        {
            return Ok(());
        }
        match &sort {
            Some((path, case_exact)) => {
                let key = sort_key(&rendered, kind, path)
                    .map(|k| if *case_exact { k } else { k.to_lowercase() });
                keyed.push((key, row.seq, row.id));
            }
            None if total >= offset && page_rows.len() < q.count => page_rows.push(row),
            None => {}
        }
        total += 1;
        Ok(())
    })?;
    if sort.is_some() {
        // Descending is the exact reverse of ascending (equal keys included);
        // resources without a value come last in creation order either way.
        keyed.sort_by(|(a, sa, _), (b, sb, _)| match (a, b) {
            (Some(a), Some(b)) => {
                let ord = a.cmp(b).then(sa.cmp(sb));
                if q.descending { ord.reverse() } else { ord }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => sa.cmp(sb),
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

/// Rows that may match, in creation order: all of the kind, or those passing
/// the SQL part of the filter.
fn each_candidate(
    conn: &Connection,
    kind: ResourceKind,
    narrowing: Option<&Sql>,
    mut visit: impl FnMut(Row) -> Result<(), ScimError>,
) -> Result<(), ScimError> {
    let mut params: Vec<SqlValue> = vec![SqlValue::Text(kind.name().to_owned())];
    let cond = match narrowing {
        Some(sql) if !sql.condition.is_empty() => {
            params.extend(sql.params.iter().cloned());
            format!(" AND ({})", sql.condition)
        }
        _ => String::new(),
    };
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM resources WHERE kind = ?1{cond} ORDER BY seq"
    ))?;
    for row in st.query_map(params_from_iter(params.iter()), from_sql)? {
        visit(row?)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
