//! PATCH (RFC 7644 §3.5.2) applied to a resource document, accepting every request
//! shape Okta and Entra really send (idp-behaviors.md §1.6, §1.13, §2.6–§2.10):
//! capitalised ops, path-less values with dotted keys, `"True"`/`"False"`, `id`
//! inside a rename value, manager as object/string/empty, and Entra's removal of
//! `members` with a value list, which removes only the listed members.

use serde_json::{Map, Value};

/// How many operations one PATCH may hold (advertised in docs/admin-api.md).
pub const MAX_OPERATIONS: usize = 1000;

use super::error::{ScimError, ScimType};
use super::filter::{CompareOp, Filter, Path, Scope, parse_path};
use super::json_ci::{get_ci, key_ci};
use super::resource::{coerce, coerce_single};
use super::schema::{Attr, Mutability, PATCH_OP_SCHEMA, ResourceKind};
use super::target::Target;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Replace,
    Remove,
}

/// One parsed operation of a PatchOp request.
#[derive(Debug, Clone)]
pub struct Operation {
    pub op: Op,
    pub path: Option<Path>,
    pub value: Option<Value>,
}

/// Parses and checks a PatchOp body.
pub fn parse_request(body: &Value) -> Result<Vec<Operation>, ScimError> {
    let Some(obj) = body.as_object() else {
        return Err(ScimError::invalid_syntax(
            "the PATCH body must be a JSON object",
        ));
    };
    if let Some(schemas) = get_ci(body, "schemas") {
        let ok = schemas.as_array().is_some_and(|a| {
            a.iter().any(|s| {
                s.as_str()
                    .is_some_and(|s| s.eq_ignore_ascii_case(PATCH_OP_SCHEMA))
            })
        });
        if !ok {
            return Err(ScimError::invalid_syntax(format!(
                "'schemas' must contain {PATCH_OP_SCHEMA}"
            )));
        }
    }
    let ops = key_ci(obj, "Operations")
        .and_then(|k| obj.get(&k))
        .and_then(Value::as_array);
    let Some(ops) = ops.filter(|o| !o.is_empty()) else {
        return Err(ScimError::invalid_syntax(
            "'Operations' must be a non-empty array",
        ));
    };
    if ops.len() > MAX_OPERATIONS {
        return Err(ScimError::invalid_value(format!(
            "a PATCH may hold at most {MAX_OPERATIONS} operations; this one has {}",
            ops.len()
        )));
    }
    ops.iter()
        .enumerate()
        .map(|(i, o)| {
            let op = match get_ci(o, "op")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("add") => Op::Add,
                Some("replace") => Op::Replace,
                Some("remove") => Op::Remove,
                other => {
                    return Err(ScimError::invalid_syntax(format!(
                        "Operations[{i}].op must be add, replace or remove, got {}",
                        other
                            .map(|s| format!("'{s}'"))
                            .unwrap_or_else(|| "nothing".into())
                    )));
                }
            };
            let path = match get_ci(o, "path") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) if s.trim().is_empty() => None,
                Some(Value::String(s)) => Some(parse_path(s).map_err(|e| {
                    ScimError::invalid_path(format!("Operations[{i}].path '{s}': {e}"))
                })?),
                Some(_) => {
                    return Err(ScimError::invalid_path(format!(
                        "Operations[{i}].path must be a string"
                    )));
                }
            };
            let value = get_ci(o, "value").cloned();
            if op != Op::Remove && value.is_none() {
                return Err(ScimError::invalid_syntax(format!(
                    "Operations[{i}] ({op:?}) needs a value"
                )));
            }
            Ok(Operation { op, path, value })
        })
        .collect()
}

/// Applies `ops` to `doc`, a canonical resource document (as `resource::normalize`
/// produces, plus `members` for groups). `id` is the resource's id, which a path-less
/// value may repeat (Okta's rename) but not change.
pub fn apply(
    kind: ResourceKind,
    doc: &mut Map<String, Value>,
    ops: &[Operation],
    id: &str,
) -> Result<(), ScimError> {
    for o in ops {
        match &o.path {
            Some(p) => apply_at(kind, doc, o.op, p, o.value.as_ref(), true)?,
            None => {
                if o.op == Op::Remove {
                    return Err(ScimError::no_target("a remove operation needs a path"));
                }
                let Some(Value::Object(values)) = &o.value else {
                    return Err(ScimError::invalid_syntax(
                        "an operation without a path needs an object value",
                    ));
                };
                apply_pathless(kind, doc, o.op, values, id)?;
            }
        }
    }
    Ok(())
}

fn apply_pathless(
    kind: ResourceKind,
    doc: &mut Map<String, Value>,
    op: Op,
    values: &Map<String, Value>,
    id: &str,
) -> Result<(), ScimError> {
    for (key, value) in values {
        if key.eq_ignore_ascii_case("schemas") || key.eq_ignore_ascii_case("meta") {
            continue;
        }
        if key.eq_ignore_ascii_case("id") {
            if value.as_str() == Some(id) {
                continue;
            }
            return Err(ScimError::mutability(
                "'id' is read-only and cannot be changed",
            ));
        }
        if let Some((urn, attrs)) = kind.extension(key) {
            let Some(ext) = value.as_object() else {
                return Err(ScimError::invalid_value(format!(
                    "'{key}' must be an object"
                )));
            };
            for (sub_key, sub_value) in ext {
                if attrs.iter().any(|a| a.name.eq_ignore_ascii_case(sub_key)) {
                    let p = Path {
                        urn: Some(urn.to_owned()),
                        attr: sub_key.clone(),
                        filter: None,
                        sub: None,
                    };
                    apply_at(kind, doc, op, &p, Some(sub_value), false)?;
                }
            }
            continue;
        }
        // Dotted keys ("name.givenName") and URN-prefixed keys are paths (Entra, §2.9).
        let Ok(p) = parse_path(key) else { continue };
        apply_at(kind, doc, op, &p, Some(value), false)?;
    }
    Ok(())
}

/// Applies one operation at `path`. `explicit`: the path came from the request, so
/// an unknown attribute is an error; in a path-less value it is ignored.
fn apply_at(
    kind: ResourceKind,
    doc: &mut Map<String, Value>,
    op: Op,
    path: &Path,
    value: Option<&Value>,
    explicit: bool,
) -> Result<(), ScimError> {
    // A path naming a whole extension schema.
    if let Some(u) = &path.urn
        && path.filter.is_none()
        && path.sub.is_none()
        && let Some((urn, attrs)) = kind.extension(&format!("{u}:{}", path.attr))
    {
        return match (op, value) {
            (Op::Remove, _) => {
                doc.remove(urn);
                Ok(())
            }
            (_, Some(Value::Object(ext))) => {
                if op == Op::Replace {
                    doc.remove(urn);
                }
                for (k, v) in ext {
                    if attrs.iter().any(|a| a.name.eq_ignore_ascii_case(k)) {
                        let p = Path {
                            urn: Some(urn.to_owned()),
                            attr: k.clone(),
                            filter: None,
                            sub: None,
                        };
                        apply_at(kind, doc, Op::Replace, &p, Some(v), false)?;
                    }
                }
                Ok(())
            }
            _ => Err(ScimError::invalid_value(format!(
                "'{urn}' must be an object"
            ))),
        };
    }
    let Some(target) = path.target(kind) else {
        if explicit {
            return Err(ScimError::invalid_path(format!(
                "'{path}' is not an attribute of {}",
                kind.name()
            )));
        }
        return Ok(());
    };
    let (ext, def) = (target.ext, target.attr);
    if def.mutability == Mutability::ReadOnly {
        // Echoed read-only attributes in a path-less value are harmless; an explicit target is not.
        if explicit {
            return Err(ScimError::mutability(format!(
                "'{}' is read-only",
                def.name
            )));
        }
        return Ok(());
    }
    let container: &mut Map<String, Value> = match ext {
        None => doc,
        Some(urn) => {
            if op == Op::Remove && !doc.contains_key(urn) {
                return Ok(());
            }
            doc.entry(urn)
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()
                .ok_or_else(|| ScimError::invalid_value(format!("'{urn}' must be an object")))?
        }
    };
    let result = apply_to_attr(container, &target, op, path, value);
    if let Some(urn) = ext
        && doc
            .get(urn)
            .and_then(Value::as_object)
            .is_some_and(Map::is_empty)
    {
        doc.remove(urn);
    }
    result
}

fn apply_to_attr(
    container: &mut Map<String, Value>,
    target: &Target,
    op: Op,
    path: &Path,
    value: Option<&Value>,
) -> Result<(), ScimError> {
    let def = target.attr;
    let name = def.name;
    if let Some(filter) = target.filter {
        if !(def.multi_valued && def.is_complex()) {
            return Err(ScimError::invalid_path(format!(
                "'{name}' is not a multi-valued complex attribute and cannot take a filter"
            )));
        }
        return apply_filtered(container, def, op, filter, path.sub.as_deref(), value);
    }
    if let Some(sub_name) = &path.sub {
        let Some(sub) = target.sub else {
            return Err(ScimError::invalid_path(format!(
                "'{name}' has no sub-attribute '{sub_name}'"
            )));
        };
        if sub.mutability == Mutability::ReadOnly {
            return Err(ScimError::mutability(format!(
                "'{name}.{}' is read-only",
                sub.name
            )));
        }
        let new = match (op, value) {
            (Op::Remove, _) | (_, None) => Value::Null,
            (_, Some(v)) => coerce_single(sub, v, &format!("{name}.{}", sub.name))?,
        };
        match container.get_mut(name) {
            Some(Value::Array(items)) => {
                for item in items.iter_mut().filter_map(Value::as_object_mut) {
                    set_or_remove(item, sub.name, new.clone());
                }
            }
            Some(Value::Object(obj)) => set_or_remove(obj, sub.name, new),
            _ if !new.is_null() && !def.multi_valued => {
                let mut obj = Map::new();
                obj.insert(sub.name.to_owned(), new);
                container.insert(name.to_owned(), Value::Object(obj));
            }
            _ => {}
        }
        drop_if_empty(container, name);
        return Ok(());
    }
    match op {
        Op::Remove => {
            match (value, container.get_mut(name)) {
                // Entra: `remove` of `members` with a value list removes only those (§2.10).
                (Some(Value::Array(listed)), Some(Value::Array(items))) if def.multi_valued => {
                    // Hashed: a request listing tens of thousands stays linear.
                    let ids: std::collections::HashSet<String> = listed
                        .iter()
                        .filter_map(|l| get_ci(l, "value").and_then(Value::as_str).or(l.as_str()))
                        .map(str::to_owned)
                        .collect();
                    items.retain(|i| {
                        get_ci(i, "value")
                            .and_then(Value::as_str)
                            .is_none_or(|v| !ids.contains(v))
                    });
                }
                _ => {
                    container.remove(name);
                }
            }
            drop_if_empty(container, name);
        }
        Op::Add | Op::Replace => {
            let v = coerce(def, value.unwrap_or(&Value::Null), name)?;
            if v.is_null() {
                container.remove(name);
                return Ok(());
            }
            match (op, def.multi_valued, container.get_mut(name)) {
                (Op::Add, true, Some(Value::Array(items))) => {
                    // Duplicates are found by a hashed key (members: their value;
                    // others: the whole element), so adding tens of thousands of
                    // members is linear, not quadratic, inside the write.
                    let key = |i: &Value| -> String {
                        match get_ci(i, "value") {
                            Some(v) if name == "members" => v.to_string(),
                            _ => i.to_string(),
                        }
                    };
                    let mut seen: std::collections::HashSet<String> =
                        items.iter().map(key).collect();
                    for new in v.as_array().into_iter().flatten() {
                        if seen.insert(key(new)) {
                            items.push(new.clone());
                        }
                    }
                }
                (_, false, Some(Value::Object(existing))) if def.is_complex() => {
                    // RFC 7644 §3.5.2.1/§3.5.2.3: sub-attributes not given are left unchanged.
                    if let Value::Object(new) = v {
                        existing.extend(new);
                    }
                }
                _ => {
                    container.insert(name.to_owned(), v);
                }
            }
        }
    }
    Ok(())
}

fn apply_filtered(
    container: &mut Map<String, Value>,
    def: &'static Attr,
    op: Op,
    filter: &Filter,
    sub: Option<&str>,
    value: Option<&Value>,
) -> Result<(), ScimError> {
    let name = def.name;
    let sub_def = match sub {
        Some(s) => Some(def.sub(s).ok_or_else(|| {
            ScimError::invalid_path(format!("'{name}' has no sub-attribute '{s}'"))
        })?),
        None => None,
    };
    let items = match container.get_mut(name) {
        Some(Value::Array(items)) => std::mem::take(items),
        _ => Vec::new(),
    };
    let mut matched = Vec::with_capacity(items.len());
    for item in &items {
        matched.push(filter.matches(item, Scope::Element(def))?);
    }
    let mut out: Vec<Value> = Vec::with_capacity(items.len() + 1);
    let any = matched.iter().any(|m| *m);
    for (item, hit) in items.into_iter().zip(matched) {
        if !hit {
            out.push(item);
            continue;
        }
        match (op, sub_def) {
            (Op::Remove, None) => {}
            (Op::Remove, Some(sd)) => {
                let mut item = item;
                if let Some(o) = item.as_object_mut() {
                    o.remove(sd.name);
                }
                out.push(item);
            }
            (_, Some(sd)) => {
                let mut item = item;
                let v = coerce_single(
                    sd,
                    value.unwrap_or(&Value::Null),
                    &format!("{name}.{}", sd.name),
                )?;
                if let Some(o) = item.as_object_mut() {
                    set_or_remove(o, sd.name, v);
                }
                out.push(item);
            }
            (_, None) => {
                let new = coerce_single(def, value.unwrap_or(&Value::Null), name)?;
                match (item, new) {
                    (Value::Object(mut old), Value::Object(new)) => {
                        old.extend(new);
                        out.push(Value::Object(old));
                    }
                    (_, Value::Null) => {}
                    (_, new) => out.push(new),
                }
            }
        }
    }
    if !any && op != Op::Remove {
        // Entra replaces `emails[type eq "work"].value` on users with no work email yet
        // (§2.6): create the element the filter describes rather than fail with noTarget.
        // Only when the filter names the element and the target is another sub-attribute:
        // setting `type` of `emails[type eq "home"]` would contradict the filter.
        let element = element_from_filter(filter).filter(|e| {
            sub_def.is_none_or(|sd| !e.keys().any(|k| k.eq_ignore_ascii_case(sd.name)))
        });
        let Some(mut element) = element else {
            return Err(ScimError::no_target(format!(
                "no value of '{name}' matches the filter"
            )));
        };
        let v = match sub_def {
            Some(sd) => {
                let v = coerce_single(
                    sd,
                    value.unwrap_or(&Value::Null),
                    &format!("{name}.{}", sd.name),
                )?;
                element.insert(sd.name.to_owned(), v);
                Value::Object(element)
            }
            None => match coerce_single(def, value.unwrap_or(&Value::Null), name)? {
                Value::Object(o) => {
                    element.extend(o);
                    Value::Object(element)
                }
                _ => {
                    return Err(ScimError::invalid_value(format!(
                        "'{name}' needs an object value"
                    )));
                }
            },
        };
        let v = coerce_single(def, &v, name)?;
        if !v.is_null() {
            out.push(v);
        }
    }
    if out.is_empty() {
        container.remove(name);
    } else {
        container.insert(name.to_owned(), Value::Array(out));
    }
    Ok(())
}

/// `type eq "work" and primary eq true` → `{"type": "work", "primary": true}`.
fn element_from_filter(f: &Filter) -> Option<Map<String, Value>> {
    match f {
        Filter::Compare(p, CompareOp::Eq, v)
            if p.filter.is_none() && p.sub.is_none() && p.urn.is_none() =>
        {
            let mut m = Map::new();
            m.insert(p.attr.clone(), v.clone());
            Some(m)
        }
        Filter::And(all) => {
            let mut m = Map::new();
            for f in all {
                m.extend(element_from_filter(f)?);
            }
            Some(m)
        }
        _ => None,
    }
}

fn set_or_remove(obj: &mut Map<String, Value>, key: &str, v: Value) {
    if v.is_null() {
        obj.remove(key);
    } else {
        obj.insert(key.to_owned(), v);
    }
}

fn drop_if_empty(container: &mut Map<String, Value>, name: &str) {
    let empty = match container.get(name) {
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        _ => false,
    };
    if empty {
        container.remove(name);
    }
}

/// Whether an error is about the request's form rather than the resource's state.
pub fn is_syntax_error(e: &ScimError) -> bool {
    matches!(
        e.scim_type,
        Some(ScimType::InvalidSyntax | ScimType::InvalidPath)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scim::schema::ENTERPRISE_USER_SCHEMA;
    use serde_json::json;

    fn patch(kind: ResourceKind, doc: Value, body: Value) -> Result<Value, ScimError> {
        let mut d = doc.as_object().unwrap().clone();
        let ops = parse_request(&body)?;
        apply(kind, &mut d, &ops, "id-1")?;
        Ok(Value::Object(d))
    }

    fn body(ops: Value) -> Value {
        json!({"schemas": [PATCH_OP_SCHEMA], "Operations": ops})
    }

    fn user() -> Value {
        json!({"userName": "u@x", "active": true, "name": {"givenName": "A", "familyName": "B"},
               "emails": [{"value": "u@x", "type": "work", "primary": true}]})
    }

    #[test]
    fn okta_pathless_deactivate() {
        let r = patch(
            ResourceKind::User,
            user(),
            body(json!([{"op": "replace", "value": {"active": false}}])),
        )
        .unwrap();
        assert_eq!(r["active"], false);
    }

    #[test]
    fn entra_capitalised_ops_and_string_booleans() {
        let r = patch(
            ResourceKind::User,
            user(),
            body(json!([{"op": "Replace", "path": "active", "value": "False"}])),
        )
        .unwrap();
        assert_eq!(r["active"], false);
        let r = patch(
            ResourceKind::User,
            r,
            body(json!([{"op": "Replace", "path": "active", "value": "True"}])),
        )
        .unwrap();
        assert_eq!(r["active"], true);
    }

    #[test]
    fn entra_one_op_per_attribute_including_filtered_and_extension() {
        let r = patch(ResourceKind::User, user(), body(json!([
            {"op": "Replace", "path": "displayName", "value": "Pvlo"},
            {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "new@x"},
            {"op": "Replace", "path": "name.givenName", "value": "Gtfd"},
            {"op": "Add", "path": "nickName", "value": "Babs"},
            {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "value": "Eqpj"}
        ]))).unwrap();
        assert_eq!(r["displayName"], "Pvlo");
        assert_eq!(
            r["emails"],
            json!([{"value": "new@x", "type": "work", "primary": true}])
        );
        assert_eq!(r["name"], json!({"givenName": "Gtfd", "familyName": "B"}));
        assert_eq!(r["nickName"], "Babs");
        assert_eq!(r[ENTERPRISE_USER_SCHEMA]["employeeNumber"], "Eqpj");
    }

    #[test]
    fn filtered_replace_creates_the_missing_element() {
        let r = patch(
            ResourceKind::User,
            json!({"userName": "u"}),
            body(json!([
                {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "w@x"}
            ])),
        )
        .unwrap();
        assert_eq!(r["emails"], json!([{"type": "work", "value": "w@x"}]));
        let e = patch(
            ResourceKind::User,
            json!({"userName": "u"}),
            body(json!([
                {"op": "replace", "path": "emails[value co \"x\"].type", "value": "home"}
            ])),
        )
        .unwrap_err();
        assert_eq!(e.scim_type, Some(ScimType::NoTarget));
    }

    #[test]
    fn aadopt_dotted_keys_in_pathless_value() {
        let r = patch(
            ResourceKind::User,
            user(),
            body(json!([{"op": "replace", "value": {
                "displayName": "Bjfe", "name.givenName": "Kkom", "name.familyName": "Unua",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "Aklq"
            }}])),
        )
        .unwrap();
        assert_eq!(
            r["name"],
            json!({"givenName": "Kkom", "familyName": "Unua"})
        );
        assert_eq!(r[ENTERPRISE_USER_SCHEMA]["employeeNumber"], "Aklq");
    }

    #[test]
    fn manager_as_object_string_and_empty() {
        let path = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";
        let r = patch(
            ResourceKind::User,
            user(),
            body(json!([{"op": "add", "path": path, "value": {"value": "m1"}}])),
        )
        .unwrap();
        assert_eq!(r[ENTERPRISE_USER_SCHEMA]["manager"], json!({"value": "m1"}));
        let r = patch(
            ResourceKind::User,
            r,
            body(json!([{"op": "replace", "path": path, "value": "m2"}])),
        )
        .unwrap();
        assert_eq!(r[ENTERPRISE_USER_SCHEMA]["manager"], json!({"value": "m2"}));
        let r2 = patch(
            ResourceKind::User,
            r.clone(),
            body(json!([{"op": "replace", "path": path, "value": {"value": ""}}])),
        )
        .unwrap();
        assert!(r2.get(ENTERPRISE_USER_SCHEMA).is_none());
        let r3 = patch(
            ResourceKind::User,
            r.clone(),
            body(json!([{"op": "replace", "path": path, "value": ""}])),
        )
        .unwrap();
        assert!(r3.get(ENTERPRISE_USER_SCHEMA).is_none());
        let r4 = patch(
            ResourceKind::User,
            r,
            body(json!([{"op": "remove", "path": path}])),
        )
        .unwrap();
        assert!(r4.get(ENTERPRISE_USER_SCHEMA).is_none());
        // Entra's older form: an array with $ref.
        let r5 = patch(
            ResourceKind::User,
            user(),
            body(
                json!([{"op": "Add", "path": "manager", "value": [{"$ref": "http://x/Users/m9", "value": "m9"}]}]),
            ),
        );
        assert!(
            r5.is_err() || r5.unwrap().get("manager").is_none(),
            "core 'manager' does not exist"
        );
    }

    fn group() -> Value {
        json!({"displayName": "G", "members": [{"value": "u1"}, {"value": "u2"}, {"value": "u3"}]})
    }

    #[test]
    fn members_add_remove_every_shape() {
        // Okta: remove by filter, add with display.
        let r = patch(ResourceKind::Group, group(), body(json!([
            {"op": "remove", "path": "members[value eq \"u1\"]"},
            {"op": "add", "path": "members", "value": [{"value": "u4", "display": "four@x"}, {"value": "u2"}]}
        ]))).unwrap();
        assert_eq!(
            r["members"],
            json!([{"value": "u2"}, {"value": "u3"}, {"value": "u4"}])
        );
        // Entra default: Remove with a value list removes only those, $ref null accepted.
        let r = patch(
            ResourceKind::Group,
            group(),
            body(json!([
                {"op": "Remove", "path": "members", "value": [{"$ref": null, "value": "u2"}]}
            ])),
        )
        .unwrap();
        assert_eq!(r["members"], json!([{"value": "u1"}, {"value": "u3"}]));
        let r = patch(
            ResourceKind::Group,
            group(),
            body(
                json!([{"op": "Add", "path": "members", "value": [{"$ref": null, "value": "u9"}]}]),
            ),
        )
        .unwrap();
        assert_eq!(r["members"].as_array().unwrap().len(), 4);
        // A bare remove of members empties the list (RFC).
        let r = patch(
            ResourceKind::Group,
            group(),
            body(json!([{"op": "remove", "path": "members"}])),
        )
        .unwrap();
        assert!(r.get("members").is_none());
        // Okta full push.
        let r = patch(ResourceKind::Group, group(), body(json!([{"op": "replace", "path": "members", "value": [{"value": "u7", "display": "x"}]}]))).unwrap();
        assert_eq!(r["members"], json!([{"value": "u7"}]));
    }

    #[test]
    fn okta_rename_with_id_and_wrong_id() {
        let r = patch(
            ResourceKind::Group,
            group(),
            body(json!([{"op": "replace", "value": {"id": "id-1", "displayName": "New"}}])),
        )
        .unwrap();
        assert_eq!(r["displayName"], "New");
        let e = patch(
            ResourceKind::Group,
            group(),
            body(json!([{"op": "replace", "value": {"id": "other", "displayName": "New"}}])),
        )
        .unwrap_err();
        assert_eq!(e.scim_type, Some(ScimType::Mutability));
    }

    #[test]
    fn explicit_nulls_unassign() {
        let r = patch(
            ResourceKind::User,
            user(),
            body(json!([{"op": "replace", "value": {"name": null, "title": null}}])),
        )
        .unwrap();
        assert!(r.get("name").is_none());
    }

    #[test]
    fn malformed_requests() {
        let cases = [
            (json!({"Operations": []}), ScimType::InvalidSyntax),
            (
                json!({"schemas": ["urn:x"], "Operations": [{"op": "add", "path": "title", "value": "x"}]}),
                ScimType::InvalidSyntax,
            ),
            (
                body(json!([{"op": "frobnicate", "path": "title", "value": "x"}])),
                ScimType::InvalidSyntax,
            ),
            (body(json!([{"op": "remove"}])), ScimType::NoTarget),
            (
                body(json!([{"op": "add", "path": "title[", "value": "x"}])),
                ScimType::InvalidPath,
            ),
            (
                body(json!([{"op": "add", "path": "nope", "value": "x"}])),
                ScimType::InvalidPath,
            ),
            (
                body(json!([{"op": "add", "path": "groups", "value": [{"value": "g"}]}])),
                ScimType::Mutability,
            ),
            (
                body(json!([{"op": "add", "path": "active", "value": "maybe"}])),
                ScimType::InvalidValue,
            ),
            (
                body(json!([{"op": "add", "path": "title"}])),
                ScimType::InvalidSyntax,
            ),
        ];
        for (b, t) in cases {
            let e = patch(ResourceKind::User, user(), b.clone()).unwrap_err();
            assert_eq!(e.scim_type, Some(t), "{b} → {e}");
        }
    }

    #[test]
    fn pathless_add_merges_complex_and_appends_multi() {
        let r = patch(
            ResourceKind::User,
            user(),
            body(json!([{"op": "add", "value": {
                "name": {"middleName": "M"}, "emails": [{"value": "h@x", "type": "home"}]
            }}])),
        )
        .unwrap();
        assert_eq!(r["name"]["givenName"], "A");
        assert_eq!(r["name"]["middleName"], "M");
        assert_eq!(r["emails"].as_array().unwrap().len(), 2);
    }
}
