//! Evaluating filters against resources (RFC 7644 §3.4.2.2), honouring the
//! schema's case-exactness and types, and binding a filter to the schema before
//! any resource is read.

use std::cmp::Ordering;

use serde_json::Value;

use super::{CompareOp, Filter, Path};
use crate::scim::error::{ScimError, ScimType};
use crate::scim::json_ci::get_ci;
use crate::scim::schema::{Attr, AttrType, ResourceKind};

/// Where attribute names in a filter are looked up: a resource, or an element of a
/// multi-valued complex attribute (inside `[...]`).
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Resource(ResourceKind),
    Element(&'static Attr),
}

impl Filter {
    /// Whether `resource` matches, per RFC 7644 §3.4.2.2.
    pub fn matches(&self, resource: &Value, scope: Scope) -> Result<bool, ScimError> {
        Ok(match self {
            Filter::And(all) => {
                for f in all {
                    if !f.matches(resource, scope)? {
                        return Ok(false);
                    }
                }
                true
            }
            Filter::Or(any) => {
                for f in any {
                    if f.matches(resource, scope)? {
                        return Ok(true);
                    }
                }
                false
            }
            Filter::Not(a) => !a.matches(resource, scope)?,
            Filter::Present(p) => operands(p, resource, scope, false)?
                .values
                .iter()
                .any(|v| is_present(v)),
            Filter::Has(p) => !operands(p, resource, scope, false)?.values.is_empty(),
            Filter::Compare(p, op, expected) => {
                let ops = operands(p, resource, scope, true)?;
                let def = ops.def;
                if *expected == Value::Null {
                    let present = ops.values.iter().any(|v| is_present(v));
                    return match op {
                        CompareOp::Eq => Ok(!present),
                        CompareOp::Ne => Ok(present),
                        _ => Err(ScimError::bad_request(
                            ScimType::InvalidFilter,
                            format!("'{}' cannot compare with null", op.as_str()),
                        )),
                    };
                }
                if let Some(d) = def {
                    check_operator(d, *op)?;
                }
                let mut any = false;
                for v in &ops.values {
                    if compare(v, *op, expected, def) {
                        any = true;
                        break;
                    }
                }
                // `ne` on a multi-valued attribute: no value equals (RFC is silent; this is
                // the reading most servers take, and absent attributes are "not equal").
                if *op == CompareOp::Ne {
                    !ops.values
                        .iter()
                        .any(|v| compare(v, CompareOp::Eq, expected, def))
                } else {
                    any
                }
            }
        })
    }

    /// Checks the whole filter against the schema before any resource is read:
    /// an operator an attribute cannot take, a comparison with null other than
    /// eq/ne, or a value filter on a simple attribute is a 400 invalidFilter
    /// whatever the data (evaluation would only raise it on a row that gets that
    /// far). Unknown attributes stay allowed: they match nothing.
    pub fn bind(&self, scope: Scope) -> Result<(), ScimError> {
        match self {
            Filter::And(parts) | Filter::Or(parts) => parts.iter().try_for_each(|p| p.bind(scope)),
            Filter::Not(a) => a.bind(scope),
            Filter::Present(p) | Filter::Has(p) => bind_path(p, scope).map(|_| ()),
            Filter::Compare(p, op, expected) => {
                let def = bind_path(p, scope)?;
                if *expected == Value::Null && !matches!(op, CompareOp::Eq | CompareOp::Ne) {
                    return Err(ScimError::bad_request(
                        ScimType::InvalidFilter,
                        format!("'{}' cannot compare with null", op.as_str()),
                    ));
                }
                match def {
                    Some(d) => check_operator(d, *op),
                    None => Ok(()),
                }
            }
        }
    }

    /// Every path the filter names, outermost first.
    pub fn paths(&self) -> Vec<&Path> {
        let mut out = Vec::new();
        self.collect_paths(&mut out);
        out
    }

    fn collect_paths<'a>(&'a self, out: &mut Vec<&'a Path>) {
        match self {
            Filter::And(parts) | Filter::Or(parts) => {
                for p in parts {
                    p.collect_paths(out);
                }
            }
            Filter::Not(a) => a.collect_paths(out),
            Filter::Present(p) | Filter::Compare(p, _, _) | Filter::Has(p) => out.push(p),
        }
    }

    /// The `attr eq "string"` terms that must all hold (top-level conjuncts), so a
    /// store can narrow candidates with an index before evaluating the whole filter.
    pub fn required_equalities(&self) -> Vec<(&Path, &str)> {
        match self {
            Filter::And(all) => all.iter().flat_map(Filter::required_equalities).collect(),
            Filter::Compare(p, CompareOp::Eq, Value::String(s)) if p.filter.is_none() => {
                vec![(p, s.as_str())]
            }
            _ => Vec::new(),
        }
    }
}

/// Resolves `path` in `scope` as evaluation does; returns the definition of what
/// a comparison compares (the sub-attribute, or a complex attribute's `value`).
fn bind_path(path: &Path, scope: Scope) -> Result<Option<&'static Attr>, ScimError> {
    let def = match scope {
        Scope::Resource(kind) => path.target(kind).map(|t| t.attr),
        Scope::Element(parent) => parent.sub(&path.attr),
    };
    if let Some(flt) = &path.filter {
        let Some(d) = def.filter(|d| d.is_complex()) else {
            return Err(ScimError::bad_request(
                ScimType::InvalidFilter,
                format!("'{}' has no sub-attributes to filter on", path.attr),
            ));
        };
        flt.bind(Scope::Element(d))?;
    }
    Ok(match (&path.sub, def) {
        (Some(s), Some(d)) => d.sub(s),
        (None, Some(d)) if d.is_complex() => d.sub("value"),
        (_, d) => d.filter(|_| path.sub.is_none()),
    })
}

fn check_operator(def: &Attr, op: CompareOp) -> Result<(), ScimError> {
    let ordering = matches!(
        op,
        CompareOp::Gt | CompareOp::Ge | CompareOp::Lt | CompareOp::Le
    );
    if ordering && matches!(def.ty, AttrType::Boolean | AttrType::Binary) {
        return Err(ScimError::bad_request(
            ScimType::InvalidFilter,
            format!(
                "'{}' cannot be used with the {} attribute '{}'",
                op.as_str(),
                def.ty_name(),
                def.name
            ),
        ));
    }
    Ok(())
}

impl Attr {
    fn ty_name(&self) -> &'static str {
        match self.ty {
            AttrType::Boolean => "boolean",
            AttrType::Binary => "binary",
            _ => "other",
        }
    }
}

struct Operands<'v> {
    values: Vec<&'v Value>,
    def: Option<&'static Attr>,
}

fn is_present(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

/// The values a path selects in `resource`, with the definition of what they are.
/// `comparing`: a complex attribute without a sub-attribute compares its `value`.
fn operands<'v>(
    path: &Path,
    resource: &'v Value,
    scope: Scope,
    comparing: bool,
) -> Result<Operands<'v>, ScimError> {
    let (container, def): (Option<&'v Value>, Option<&'static Attr>) = match scope {
        Scope::Resource(kind) => match path.target(kind) {
            Some(t) => (t.value_in(resource), Some(t.attr)),
            None => (None, None),
        },
        Scope::Element(parent) => match parent.sub(&path.attr) {
            Some(def) => (get_ci(resource, def.name), Some(def)),
            None => (get_ci(resource, &path.attr), None),
        },
    };
    let Some(found) = container else {
        return Ok(Operands {
            values: Vec::new(),
            def,
        });
    };
    let mut elements: Vec<&'v Value> = match found {
        Value::Array(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        v => vec![v],
    };
    if let Some(flt) = &path.filter {
        let Some(d) = def.filter(|d| d.is_complex()) else {
            return Err(ScimError::bad_request(
                ScimType::InvalidFilter,
                format!("'{}' has no sub-attributes to filter on", path.attr),
            ));
        };
        let mut kept = Vec::new();
        for e in elements {
            if flt.matches(e, Scope::Element(d))? {
                kept.push(e);
            }
        }
        elements = kept;
    }
    let sub_name = match (&path.sub, def) {
        (Some(s), _) => Some(s.as_str()),
        (None, Some(d)) if comparing && d.is_complex() => Some("value"),
        _ => None,
    };
    match sub_name {
        None => Ok(Operands {
            values: elements,
            def,
        }),
        Some(name) => {
            let sub_def = def.and_then(|d| d.sub(name));
            let values = elements
                .into_iter()
                .filter_map(|e| get_ci(e, name))
                .collect();
            Ok(Operands {
                values,
                def: sub_def,
            })
        }
    }
}

fn compare(actual: &Value, op: CompareOp, expected: &Value, def: Option<&Attr>) -> bool {
    let ty = def.map(|d| d.ty).unwrap_or(AttrType::String);
    let case_exact = def.map(|d| d.case_exact).unwrap_or(false);
    match (actual, expected) {
        (Value::Bool(a), e) => {
            let e = match e {
                Value::Bool(b) => *b,
                Value::String(s) if s.eq_ignore_ascii_case("true") => true,
                Value::String(s) if s.eq_ignore_ascii_case("false") => false,
                _ => return false,
            };
            match op {
                CompareOp::Eq => *a == e,
                CompareOp::Ne => *a != e,
                _ => false,
            }
        }
        (Value::Number(a), Value::Number(e)) => {
            let (Some(a), Some(e)) = (a.as_f64(), e.as_f64()) else {
                return false;
            };
            ordered(a.partial_cmp(&e), op)
        }
        (Value::String(a), Value::String(e)) => {
            if ty == AttrType::DateTime
                && let (Ok(a), Ok(e)) = (a.parse::<jiff::Timestamp>(), e.parse::<jiff::Timestamp>())
            {
                return ordered(Some(a.cmp(&e)), op);
            }
            let (a, e) = if case_exact {
                (a.clone(), e.clone())
            } else {
                (a.to_lowercase(), e.to_lowercase())
            };
            match op {
                CompareOp::Co => a.contains(&e),
                CompareOp::Sw => a.starts_with(&e),
                CompareOp::Ew => a.ends_with(&e),
                _ => ordered(Some(a.cmp(&e)), op),
            }
        }
        (Value::String(a), Value::Number(e)) => compare(
            &Value::String(a.clone()),
            op,
            &Value::String(e.to_string()),
            def,
        ),
        _ => false,
    }
}

fn ordered(ord: Option<Ordering>, op: CompareOp) -> bool {
    let Some(ord) = ord else { return false };
    match op {
        CompareOp::Eq => ord == Ordering::Equal,
        CompareOp::Ne => ord != Ordering::Equal,
        CompareOp::Gt => ord == Ordering::Greater,
        CompareOp::Ge => ord != Ordering::Less,
        CompareOp::Lt => ord == Ordering::Less,
        CompareOp::Le => ord != Ordering::Greater,
        CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
    }
}
