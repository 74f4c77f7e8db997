//! Filters translated to SQL where SQLite gives exactly the answer
//! `Filter::matches` gives (RFC 7644 §3.4.2.2), so that matching and counting
//! run in the database — on indexes where there are some — instead of rendering
//! every row. Only single-valued stored attributes translate; strings fold case
//! with `scim_fold` (Rust's `to_lowercase`, the same as evaluation); a missing
//! value is "not equal" as in evaluation. Anything else (multi-valued attributes,
//! value filters, dateTimes, members, meta) is left to evaluation in Rust.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use crate::scim::filter::{CompareOp, Filter, Path};
use crate::scim::schema::{AttrType, ResourceKind};

/// Registers `scim_fold(text)`, the case folding of case-insensitive SCIM
/// strings (indexes and queries use it), and `scim_may_hold(data, literal,
/// case_exact)`, the raw-text hint (`raw_text_hint`), on a connection.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "scim_may_hold",
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            use rusqlite::types::ValueRef;
            Ok(match (ctx.get_raw(0), ctx.get_raw(1), ctx.get_raw(2)) {
                (ValueRef::Text(data), ValueRef::Text(lit), ValueRef::Integer(exact)) => {
                    may_hold(data, lit, exact != 0)
                }
                // Not a stored document: no hint, evaluation decides.
                _ => true,
            })
        },
    )?;
    conn.create_scalar_function(
        "scim_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(match ctx.get_raw(0) {
                rusqlite::types::ValueRef::Text(t) => {
                    SqlValue::Text(String::from_utf8_lossy(t).to_lowercase())
                }
                rusqlite::types::ValueRef::Null => SqlValue::Null,
                rusqlite::types::ValueRef::Integer(i) => SqlValue::Integer(i),
                rusqlite::types::ValueRef::Real(f) => SqlValue::Real(f),
                rusqlite::types::ValueRef::Blob(b) => SqlValue::Blob(b.to_vec()),
            })
        },
    )
}

/// SQL for (part of) a filter, with its parameters numbered from `first`.
#[derive(Debug, Default)]
pub struct Sql {
    pub condition: String,
    pub params: Vec<SqlValue>,
    first: usize,
}

/// How much of a filter SQLite can decide.
#[derive(Debug)]
pub enum Translation {
    /// All of it: the condition is the filter.
    Whole(Sql),
    /// Some top-level conjuncts: a row must pass them, then the whole filter.
    Narrowing(Sql),
    None,
}

/// Translates `filter` for resources of `kind`; parameters start at `?first`.
pub fn translate(filter: &Filter, kind: ResourceKind, first: usize) -> Translation {
    let mut sql = Sql {
        first,
        ..Sql::default()
    };
    if let Some(c) = sql.term(filter, kind) {
        sql.condition = c;
        return Translation::Whole(sql);
    }
    // A failed attempt may have pushed parameters; start again from the conjuncts.
    let Filter::And(parts) = filter else {
        return Translation::None;
    };
    let mut sql = Sql {
        first,
        ..Sql::default()
    };
    let mut kept = Vec::new();
    for part in parts {
        let before = sql.params.len();
        match sql.term(part, kind) {
            Some(c) => kept.push(c),
            None => sql.params.truncate(before),
        }
    }
    if kept.is_empty() {
        return Translation::None;
    }
    sql.condition = kept.join(" AND ");
    Translation::Narrowing(sql)
}

/// Where a stored scalar is read, and how.
struct Operand {
    /// The value as SQL, already folded when the attribute is case-insensitive.
    expr: String,
    /// True when a value is there.
    guard: String,
    ty: AttrType,
    case_exact: bool,
}

impl Sql {
    fn param(&mut self, v: SqlValue) -> String {
        self.params.push(v);
        format!("?{}", self.first + self.params.len() - 1)
    }

    /// A condition that is true exactly when evaluation says the filter matches,
    /// or `None` if SQL can't decide it. It may be NULL where evaluation says
    /// false (a missing value): WHERE, AND and OR treat NULL as false already, so
    /// only a negation folds NULL to false first (`coalesce`) — and the terms stay
    /// plain comparisons an index can answer.
    fn term(&mut self, f: &Filter, kind: ResourceKind) -> Option<String> {
        match f {
            Filter::And(parts) | Filter::Or(parts) => {
                let joiner = if matches!(f, Filter::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                let mut out = Vec::with_capacity(parts.len());
                for p in parts {
                    out.push(self.term(p, kind)?);
                }
                Some(format!("({})", out.join(joiner)))
            }
            Filter::Not(inner) => Some(format!("(NOT coalesce({}, 0))", self.term(inner, kind)?)),
            Filter::Present(p) => {
                let o = operand(kind, p)?;
                Some(match o.ty {
                    AttrType::String | AttrType::Reference => {
                        format!("({} AND {} <> '')", o.guard, o.expr)
                    }
                    _ => format!("({})", o.guard),
                })
            }
            Filter::Has(_) => None,
            Filter::Compare(p, op, expected) => self.compare(kind, p, *op, expected),
        }
    }

    /// A condition on the stored JSON text that every matching row meets, for an
    /// `eq`/`co`/`sw`/`ew` on a string attribute that has no index: the literal
    /// occurs in the text (ASCII-case-insensitively when the attribute is, which
    /// is exact for an ASCII literal because only U+0130 and U+212A fold to
    /// something with ASCII in it — rows holding those are kept). `None` when the
    /// literal could be escaped in JSON, is not ASCII for a case-insensitive
    /// attribute, or an index answers anyway.
    fn raw_text_hint(&mut self, o: &Operand, op: CompareOp, lit: &str) -> Option<String> {
        if !matches!(
            op,
            CompareOp::Eq | CompareOp::Co | CompareOp::Sw | CompareOp::Ew
        ) || lit.is_empty()
            || !o.expr.contains("json_extract(data")
            || indexed_expressions().contains(&o.expr)
            || lit.chars().any(|c| c == '"' || c == '\\' || c.is_control())
            || (!o.case_exact && !lit.is_ascii())
        {
            return None;
        }
        let v = self.param(SqlValue::Text(lit.to_owned()));
        Some(format!(
            "scim_may_hold(data, {v}, {})",
            i32::from(o.case_exact)
        ))
    }

    fn compare(
        &mut self,
        kind: ResourceKind,
        p: &Path,
        op: CompareOp,
        expected: &Value,
    ) -> Option<String> {
        let o = operand(kind, p)?;
        // What evaluation does per value; `ne` is "no value equals", so true when
        // the attribute is absent.
        let (op, negate) = match op {
            CompareOp::Ne => (CompareOp::Eq, true),
            other => (other, false),
        };
        let holds = match (o.ty, expected) {
            (_, Value::Null) => return None,
            (AttrType::String | AttrType::Reference, Value::String(s)) => {
                let lit = if o.case_exact {
                    s.clone()
                } else {
                    s.to_lowercase()
                };
                let v = self.param(SqlValue::Text(lit.clone()));
                let test = match op {
                    CompareOp::Eq => format!("{} = {v}", o.expr),
                    CompareOp::Gt => format!("{} > {v}", o.expr),
                    CompareOp::Ge => format!("{} >= {v}", o.expr),
                    CompareOp::Lt => format!("{} < {v}", o.expr),
                    CompareOp::Le => format!("{} <= {v}", o.expr),
                    CompareOp::Co => format!("instr({}, {v}) > 0", o.expr),
                    // A prefix is a range in code-point (UTF-8 byte) order, which an
                    // index answers: p <= s < p with its last character's successor.
                    CompareOp::Sw => match successor(&lit) {
                        Some(next) => {
                            let hi = self.param(SqlValue::Text(next));
                            format!("{e} >= {v} AND {e} < {hi}", e = o.expr)
                        }
                        None => format!("instr({}, {v}) = 1", o.expr),
                    },
                    CompareOp::Ew => format!(
                        "{e} IS NOT NULL AND (length({v}) = 0 OR substr({e}, -length({v})) = {v})",
                        e = o.expr
                    ),
                    CompareOp::Ne => unreachable!("mapped to eq"),
                };
                // An attribute without an index is read from every row's JSON; a
                // cheap necessary condition on the raw text skips most rows first.
                match self.raw_text_hint(&o, op, &lit) {
                    Some(hint) => format!("{hint} AND {test}"),
                    None => test,
                }
            }
            (AttrType::Boolean, lit) => {
                let b = match lit {
                    Value::Bool(b) => *b,
                    Value::String(s) if s.eq_ignore_ascii_case("true") => true,
                    Value::String(s) if s.eq_ignore_ascii_case("false") => false,
                    _ => return Some(if negate { "1" } else { "0" }.to_owned()),
                };
                if op != CompareOp::Eq {
                    return Some(if negate { "1" } else { "0" }.to_owned());
                }
                let v = self.param(SqlValue::Integer(i64::from(b)));
                format!("{} = {v}", o.expr)
            }
            (AttrType::Integer | AttrType::Decimal, Value::Number(n)) => {
                // Evaluation compares as f64; so does SQLite for these magnitudes.
                let x = n.as_f64().filter(|x| x.abs() < 9.0e15)?;
                let sym = match op {
                    CompareOp::Eq => "=",
                    CompareOp::Gt => ">",
                    CompareOp::Ge => ">=",
                    CompareOp::Lt => "<",
                    CompareOp::Le => "<=",
                    CompareOp::Co | CompareOp::Sw | CompareOp::Ew => {
                        return Some(if negate { "1" } else { "0" }.to_owned());
                    }
                    CompareOp::Ne => unreachable!("mapped to eq"),
                };
                let v = self.param(SqlValue::Real(x));
                format!("{} {sym} {v}", o.expr)
            }
            _ => return None,
        };
        Some(if negate {
            format!("(NOT coalesce({holds}, 0))")
        } else {
            format!("({holds})")
        })
    }
}

/// The SQL a sort or an index reads for a stored single-valued attribute: a
/// column, or `json_extract` of the document (folded unless caseExact). The one
/// spelling queries and indexes share, so that SQLite matches them.
pub fn stored_expr(kind: ResourceKind, p: &Path) -> Option<String> {
    operand(kind, p).map(|o| o.expr)
}

/// The stored attributes with an index of their own, besides the columns
/// (userName, externalId, id, a group's displayName). Each index costs every
/// write (an extraction per index: all 23 single-valued attributes indexed made
/// creates 2.6× slower), so these are the ones lists filter and sort on:
/// admins' lists and exports (active, displayName, name.familyName,
/// name.givenName), HR-driven matching (employeeNumber) and Entra's manager
/// references (manager.value). Other attributes still run in SQLite, reading
/// each row's JSON.
pub const INDEXED: &[&str] = &[
    "active",
    "displayName",
    "name.familyName",
    "name.givenName",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
];

/// The declared indexes as (name, expression), the expression being exactly the
/// one queries use for that attribute on users.
pub fn attribute_indexes() -> Vec<(String, String)> {
    INDEXED
        .iter()
        .map(|path| {
            let parsed =
                crate::scim::filter::parse_path(path).expect("a declared index path parses");
            let expr = stored_expr(ResourceKind::User, &parsed)
                .expect("a declared index names a stored attribute");
            let name: String = format!("attr_{}", path.rsplit(':').next().unwrap_or(path))
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            (name, expr)
        })
        .collect()
}

/// The expressions that have an index.
fn indexed_expressions() -> &'static [String] {
    static EXPRS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    EXPRS.get_or_init(|| attribute_indexes().into_iter().map(|(_, e)| e).collect())
}

/// Creates the declared attribute indexes that don't exist yet (their expressions
/// come from the code that queries them, so they can't be a fixed migration).
pub fn ensure_indexes(conn: &Connection) -> rusqlite::Result<()> {
    for (name, expr) in attribute_indexes() {
        conn.execute_batch(&format!(
            "CREATE INDEX IF NOT EXISTS {name} ON resources (kind, {expr})"
        ))?;
    }
    Ok(())
}

/// The raw-text hint itself, one pass over the document's bytes: whether
/// `data` holds `lit` (ASCII-case-insensitively unless `case_exact`), or, when
/// case-insensitive, U+0130 or U+212A, whose lowercase holds ASCII. SQLite's
/// `LIKE` and two `instr`s said the same in three passes, `instr` counting
/// characters as it went: `title eq "none"` over 100,000 users took 92–101 ms
/// a request, now 42–45 ms (docs/benchmarks.md, Round 5).
fn may_hold(data: &[u8], lit: &[u8], case_exact: bool) -> bool {
    if case_exact {
        return memchr::memmem::find(data, lit).is_some();
    }
    let Some(&first) = lit.first() else {
        return true;
    };
    let found = memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), data)
        .any(|i| {
            data.get(i..i + lit.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(lit))
        });
    found
        || memchr::memchr2_iter(0xC4, 0xE2, data).any(|i| {
            data[i..].starts_with("\u{130}".as_bytes())
                || data[i..].starts_with("\u{212A}".as_bytes())
        })
}

/// The least string greater than every string starting with `prefix`: the
/// prefix with its last character replaced by the next one. `None` for an empty
/// prefix or one ending in U+10FFFF.
fn successor(prefix: &str) -> Option<String> {
    let last = prefix.chars().next_back()?;
    let next = match last as u32 + 1 {
        0xD800 => '\u{E000}',
        n => char::from_u32(n)?,
    };
    let mut out = prefix[..prefix.len() - last.len_utf8()].to_owned();
    out.push(next);
    Some(out)
}

/// The stored scalar a path names, if SQL can read it exactly as evaluation
/// reads the rendered resource.
fn operand(kind: ResourceKind, p: &Path) -> Option<Operand> {
    let t = p.target(kind)?;
    let leaf = t.compared();
    if t.ext.is_none() && t.sub.is_none() {
        let column = match (kind, t.attr.name) {
            // name_lc holds the NFC name folded by `to_lowercase`, as scim_fold does.
            (ResourceKind::User, "userName") | (ResourceKind::Group, "displayName") => {
                Some("name_lc")
            }
            (_, "externalId") => Some("external_id"),
            (_, "id") => Some("id"),
            (_, "meta" | "schemas" | "members" | "groups") => return None,
            _ => None,
        };
        if let Some(col) = column {
            return Some(Operand {
                expr: col.to_owned(),
                guard: format!("{col} IS NOT NULL"),
                ty: leaf.ty,
                case_exact: col != "name_lc" && leaf.case_exact,
            });
        }
    }
    if t.ext.is_none() && t.attr.name == "meta" {
        return None;
    }
    let path = t.json_path()?;
    let raw = format!("json_extract(data, '{path}')");
    let ty = leaf.ty;
    if !matches!(
        ty,
        AttrType::String
            | AttrType::Reference
            | AttrType::Boolean
            | AttrType::Integer
            | AttrType::Decimal
    ) {
        return None;
    }
    // Stored documents are normalized to the schema's types (resource::normalize),
    // so a value there has the attribute's type, or is NULL.
    let guard = format!("{raw} IS NOT NULL");
    let expr = if matches!(ty, AttrType::String | AttrType::Reference) && !leaf.case_exact {
        format!("scim_fold({raw})")
    } else {
        raw
    };
    Some(Operand {
        expr,
        guard,
        ty,
        case_exact: leaf.case_exact,
    })
}
