//! Turning what a client sent into the canonical form of a resource: attribute names
//! in schema case, values of the schema's type (Entra's `"True"` becomes `true`),
//! read-only and unknown attributes dropped, nulls meaning "unassigned". Also the
//! `attributes`/`excludedAttributes` projection of RFC 7644 §3.4.2.5.

use serde_json::{Map, Value};

use super::error::ScimError;
use super::filter::{Path, parse_path};
use super::json_ci::{get_ci, key_ci};
use super::schema::{Attr, AttrType, Mutability, ResourceKind, Returned};

/// Canonicalizes a POST or PUT body. The result holds writable attributes only
/// (no `id`, `meta`, `schemas`, `groups`, password), keyed by canonical names, with
/// extension attributes nested under their schema URN.
pub fn normalize(kind: ResourceKind, input: &Value) -> Result<Map<String, Value>, ScimError> {
    let Some(obj) = input.as_object() else {
        return Err(ScimError::invalid_syntax(
            "the request body must be a JSON object",
        ));
    };
    let mut out = Map::new();
    for (key, value) in obj {
        if key.eq_ignore_ascii_case("schemas") {
            continue;
        }
        if let Some((urn, attrs)) = kind.extension(key) {
            let Some(ext) = value.as_object() else {
                if value.is_null() {
                    continue;
                }
                return Err(ScimError::invalid_value(format!(
                    "'{key}' must be an object"
                )));
            };
            for (sub_key, sub_value) in ext {
                if let Some(def) = attrs.iter().find(|a| a.name.eq_ignore_ascii_case(sub_key)) {
                    put(&mut out, Some(urn), def, sub_value)?;
                }
            }
            continue;
        }
        let Ok(path) = parse_path(key) else { continue };
        if path.sub.is_some() {
            continue;
        }
        if let Some(t) = path.target(kind) {
            put(&mut out, t.ext, t.attr, value)?;
        }
    }
    Ok(out)
}

fn put(
    out: &mut Map<String, Value>,
    ext: Option<&'static str>,
    def: &'static Attr,
    value: &Value,
) -> Result<(), ScimError> {
    if matches!(def.mutability, Mutability::ReadOnly | Mutability::WriteOnly) {
        return Ok(());
    }
    let v = coerce(def, value, def.name)?;
    if v.is_null() {
        return Ok(());
    }
    let target = match ext {
        None => out,
        Some(urn) => out
            .entry(urn)
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
            .expect("extension is an object"),
    };
    target.insert(def.name.to_owned(), v);
    Ok(())
}

/// Coerces `value` to what `def` holds. `Null` means "no value": the caller unassigns.
pub fn coerce(def: &'static Attr, value: &Value, at: &str) -> Result<Value, ScimError> {
    if def.multi_valued {
        let items: Vec<&Value> = match value {
            Value::Null => return Ok(Value::Null),
            Value::Array(a) => a.iter().collect(),
            single => vec![single],
        };
        // Exact duplicates are dropped, found by hash (their JSON text): a list of
        // tens of thousands (members) stays linear.
        let mut out = Vec::with_capacity(items.len());
        let mut seen = std::collections::HashSet::with_capacity(items.len());
        for item in items {
            let v = coerce_single(def, item, at)?;
            if !v.is_null() && seen.insert(v.to_string()) {
                out.push(v);
            }
        }
        return Ok(if out.is_empty() {
            Value::Null
        } else {
            Value::Array(out)
        });
    }
    coerce_single(def, value, at)
}

/// Coerces one value (one element, for a multi-valued attribute).
pub fn coerce_single(def: &'static Attr, value: &Value, at: &str) -> Result<Value, ScimError> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    match def.ty {
        AttrType::Complex => {
            let obj = match value {
                Value::Object(o) => o.clone(),
                // Entra sends the manager as a bare id, and "" to clear it (idp-behaviors §2.7).
                Value::String(s) if def.sub("value").is_some() => {
                    if s.is_empty() {
                        return Ok(Value::Null);
                    }
                    let mut m = Map::new();
                    m.insert("value".into(), Value::String(s.clone()));
                    m
                }
                _ => {
                    return Err(ScimError::invalid_value(format!(
                        "'{at}' must be an object"
                    )));
                }
            };
            let mut out = Map::new();
            for (k, v) in &obj {
                let Some(sub) = def.sub(k) else { continue };
                if matches!(sub.mutability, Mutability::ReadOnly | Mutability::WriteOnly) {
                    continue;
                }
                let cv = coerce_single(sub, v, &format!("{at}.{}", sub.name))?;
                if !cv.is_null() {
                    out.insert(sub.name.to_owned(), cv);
                }
            }
            // A reference with an empty value is a removal (`{"value": ""}` from Entra).
            if def.sub("value").is_some() && def.sub("$ref").is_some() {
                match out.get("value") {
                    Some(Value::String(s)) if s.is_empty() => return Ok(Value::Null),
                    None if !def.multi_valued => return Ok(Value::Null),
                    _ => {}
                }
            }
            Ok(if out.is_empty() {
                Value::Null
            } else {
                Value::Object(out)
            })
        }
        AttrType::Boolean => match value {
            Value::Bool(_) => Ok(value.clone()),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(Value::Bool(true)),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(Value::Bool(false)),
            _ => Err(ScimError::invalid_value(format!(
                "'{at}' must be a boolean, got {value}"
            ))),
        },
        AttrType::String | AttrType::Reference | AttrType::Binary => match value {
            Value::String(_) => Ok(value.clone()),
            Value::Number(n) => Ok(Value::String(n.to_string())),
            _ => Err(ScimError::invalid_value(format!(
                "'{at}' must be a string, got {value}"
            ))),
        },
        AttrType::Integer | AttrType::Decimal => match value {
            Value::Number(n) if def.ty == AttrType::Decimal || n.is_i64() || n.is_u64() => {
                Ok(value.clone())
            }
            Value::String(s) => serde_json::from_str::<serde_json::Number>(s)
                .map(Value::Number)
                .map_err(|_| {
                    ScimError::invalid_value(format!("'{at}' must be a number, got {value}"))
                }),
            _ => Err(ScimError::invalid_value(format!(
                "'{at}' must be a number, got {value}"
            ))),
        },
        AttrType::DateTime => match value {
            Value::String(s) if s.parse::<jiff::Timestamp>().is_ok() => Ok(value.clone()),
            _ => Err(ScimError::invalid_value(format!(
                "'{at}' must be an RFC 3339 date-time, got {value}"
            ))),
        },
    }
}

/// Fails unless every required attribute has a value.
pub fn check_required(kind: ResourceKind, doc: &Map<String, Value>) -> Result<(), ScimError> {
    for def in kind.core_attrs().iter().filter(|a| a.required) {
        match doc.get(def.name) {
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            Some(Value::String(_)) | None | Some(Value::Null) => {
                return Err(ScimError::invalid_value(format!(
                    "'{}' is required",
                    def.name
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The `schemas` a resource declares: its core schema and the extensions it uses.
pub fn schemas_of(kind: ResourceKind, has_member: impl Fn(&str) -> bool) -> Vec<&'static str> {
    let mut v = vec![kind.core_schema()];
    v.extend(
        kind.extensions()
            .iter()
            .map(|(urn, _)| *urn)
            .filter(|urn| has_member(urn)),
    );
    v
}

/// A parsed `attributes` / `excludedAttributes` parameter.
#[derive(Debug, Clone, Default)]
pub struct Projection {
    pub attributes: Vec<Path>,
    pub excluded: Vec<Path>,
}

impl Projection {
    pub fn parse(
        attributes: Option<&str>,
        excluded: Option<&str>,
    ) -> Result<Projection, ScimError> {
        fn list(s: Option<&str>) -> Result<Vec<Path>, ScimError> {
            s.map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(parse_path)
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()
            .map(Option::unwrap_or_default)
            .map_err(|e| ScimError::invalid_value(format!("invalid attribute list: {e}")))
        }
        Ok(Projection {
            attributes: list(attributes)?,
            excluded: list(excluded)?,
        })
    }

    /// Whether `attr` (a top-level name) will be left in the output; lets a store skip
    /// expensive parts such as a large group's members.
    pub fn includes(&self, kind: ResourceKind, attr: &str) -> bool {
        let named = |ps: &[Path]| {
            ps.iter().any(|p| {
                p.target(kind)
                    .is_some_and(|t| t.attr.name.eq_ignore_ascii_case(attr))
                    && p.sub.is_none()
            })
        };
        if !self.attributes.is_empty() {
            return self.attributes.iter().any(|p| {
                p.target(kind)
                    .is_some_and(|t| t.attr.name.eq_ignore_ascii_case(attr))
            });
        }
        !named(&self.excluded)
    }

    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.excluded.is_empty()
    }

    /// Applies the projection to a rendered resource.
    pub fn apply(&self, kind: ResourceKind, resource: &mut Value) {
        let Some(obj) = resource.as_object_mut() else {
            return;
        };
        if !self.attributes.is_empty() {
            let original = std::mem::take(obj);
            for (key, value) in original {
                if let Some(kept) = keep_requested(kind, &key, value, &self.attributes) {
                    obj.insert(key, kept);
                }
            }
        }
        for p in &self.excluded {
            exclude(kind, obj, p);
        }
    }
}

fn always_returned(kind: ResourceKind, key: &str) -> bool {
    key == "schemas"
        || kind
            .core_attr(key)
            .map(|d| d.returned == Returned::Always)
            .unwrap_or(false)
}

fn keep_requested(kind: ResourceKind, key: &str, value: Value, wanted: &[Path]) -> Option<Value> {
    if always_returned(kind, key) {
        return Some(value);
    }
    if let Some((urn, _)) = kind.extension(key) {
        let whole = wanted.iter().any(|p| {
            p.urn
                .as_ref()
                .map(|u| format!("{u}:{}", p.attr))
                .is_some_and(|full| full.eq_ignore_ascii_case(urn))
        });
        if whole {
            return Some(value);
        }
        let Value::Object(ext) = value else {
            return None;
        };
        let mut kept = Map::new();
        for (k, v) in ext {
            let subs: Vec<&Path> = wanted
                .iter()
                .filter(|p| {
                    p.urn
                        .as_deref()
                        .is_some_and(|u| u.eq_ignore_ascii_case(urn))
                        && p.attr.eq_ignore_ascii_case(&k)
                })
                .collect();
            if subs.iter().any(|p| p.sub.is_none()) {
                kept.insert(k, v);
            } else if !subs.is_empty() {
                kept.insert(k, keep_subs(v, &subs));
            }
        }
        return (!kept.is_empty()).then_some(Value::Object(kept));
    }
    let matching: Vec<&Path> = wanted
        .iter()
        .filter(|p| {
            p.attr.eq_ignore_ascii_case(key)
                && p.urn
                    .as_deref()
                    .is_none_or(|u| u.eq_ignore_ascii_case(kind.core_schema()))
        })
        .collect();
    if matching.is_empty() {
        return None;
    }
    if matching.iter().any(|p| p.sub.is_none()) {
        return Some(value);
    }
    Some(keep_subs(value, &matching))
}

fn keep_subs(value: Value, paths: &[&Path]) -> Value {
    let keep_obj = |o: Map<String, Value>| -> Value {
        Value::Object(
            o.into_iter()
                .filter(|(k, _)| {
                    paths
                        .iter()
                        .any(|p| p.sub.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(k)))
                })
                .collect(),
        )
    };
    match value {
        Value::Object(o) => keep_obj(o),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|i| {
                    if let Value::Object(o) = i {
                        keep_obj(o)
                    } else {
                        i
                    }
                })
                .collect(),
        ),
        other => other,
    }
}

fn exclude(kind: ResourceKind, obj: &mut Map<String, Value>, p: &Path) {
    let container = match &p.urn {
        Some(u) if kind.extension(&format!("{u}:{}", p.attr)).is_some() => {
            if let Some(k) = key_ci(obj, &format!("{u}:{}", p.attr)) {
                obj.remove(&k);
            }
            return;
        }
        Some(u) if !u.eq_ignore_ascii_case(kind.core_schema()) => {
            match kind.extension(u).and_then(|(urn, _)| key_ci(obj, urn)) {
                Some(k) => match obj.get_mut(&k).and_then(Value::as_object_mut) {
                    Some(ext) => ext,
                    None => return,
                },
                None => return,
            }
        }
        _ => {
            if always_returned(kind, &p.attr) {
                return;
            }
            &mut *obj
        }
    };
    let Some(k) = key_ci(container, &p.attr) else {
        return;
    };
    match &p.sub {
        None => {
            container.remove(&k);
        }
        Some(sub) => match container.get_mut(&k) {
            Some(Value::Object(o)) => {
                if let Some(sk) = key_ci(o, sub) {
                    o.remove(&sk);
                }
            }
            Some(Value::Array(items)) => {
                for i in items.iter_mut().filter_map(Value::as_object_mut) {
                    if let Some(sk) = key_ci(i, sub) {
                        i.remove(&sk);
                    }
                }
            }
            _ => {}
        },
    }
}

/// The first value of `key` in `obj`, case-insensitively, as a string.
pub fn str_ci<'v>(obj: &'v Value, key: &str) -> Option<&'v str> {
    get_ci(obj, key).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scim::schema::ENTERPRISE_USER_SCHEMA;
    use serde_json::json;

    #[test]
    fn normalizes_names_types_and_drops_read_only() {
        let input = json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:bogus"],
            "id": "client-chosen", "USERNAME": "a@b.c", "Active": "False",
            "groups": [], "password": "x", "meta": {"resourceType": "User"},
            "emails": [{"Value": "a@b.c", "type": "work", "primary": "True"}],
            "addresses": null, "unknownThing": 1,
            ENTERPRISE_USER_SCHEMA: {"department": "R&D", "manager": "boss"},
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": 7
        });
        let out = normalize(ResourceKind::User, &input).unwrap();
        assert_eq!(
            Value::Object(out),
            json!({
                "userName": "a@b.c", "active": false,
                "emails": [{"value": "a@b.c", "type": "work", "primary": true}],
                ENTERPRISE_USER_SCHEMA: {"department": "R&D", "manager": {"value": "boss"}, "employeeNumber": "7"}
            })
        );
    }

    #[test]
    fn rejects_wrong_types_with_the_attribute_named() {
        let e = normalize(
            ResourceKind::User,
            &json!({"userName": "x", "active": "maybe"}),
        )
        .unwrap_err();
        assert!(e.detail.contains("'active'"), "{e}");
        let e =
            normalize(ResourceKind::User, &json!({"userName": "x", "name": "str"})).unwrap_err();
        assert!(e.detail.contains("'name'"), "{e}");
        assert!(normalize(ResourceKind::User, &json!([1])).is_err());
    }

    #[test]
    fn required_attributes() {
        assert!(
            check_required(
                ResourceKind::User,
                &normalize(ResourceKind::User, &json!({"userName": " "})).unwrap()
            )
            .is_err()
        );
        assert!(check_required(ResourceKind::Group, &Map::new()).is_err());
    }

    #[test]
    fn projection_keeps_always_returned_and_sub_attributes() {
        let mut r = json!({"schemas": [], "id": "1", "userName": "u", "name": {"givenName": "g", "familyName": "f"},
            "emails": [{"value": "v", "type": "work"}], "meta": {"created": "x"},
            ENTERPRISE_USER_SCHEMA: {"department": "d", "division": "x"}});
        let p = Projection::parse(
            Some(&format!(
                "name.givenName,emails.value,{ENTERPRISE_USER_SCHEMA}:department"
            )),
            None,
        )
        .unwrap();
        p.apply(ResourceKind::User, &mut r);
        assert_eq!(
            r,
            json!({"schemas": [], "id": "1", "name": {"givenName": "g"}, "emails": [{"value": "v"}], ENTERPRISE_USER_SCHEMA: {"department": "d"}})
        );

        let mut r =
            json!({"schemas": [], "id": "1", "displayName": "g", "members": [{"value": "u"}]});
        let p = Projection::parse(None, Some("members,id")).unwrap();
        assert!(!p.includes(ResourceKind::Group, "members"));
        p.apply(ResourceKind::Group, &mut r);
        assert_eq!(r, json!({"schemas": [], "id": "1", "displayName": "g"}));
    }
}
