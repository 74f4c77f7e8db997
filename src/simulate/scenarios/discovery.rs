//! Okta's "Import User Schema" (OIN, okta/okta-developer-docs#6124, 2026-04):
//! Okta reads the core User attributes from the `urn:…:core:2.0:User` schema
//! in /Schemas, and extension attributes from the schemas the User resource
//! type lists in /ResourceTypes, then offers them to admins to map. This reads
//! both as Okta does and checks that what they declare is what the server
//! keeps: a user written with the declared attributes must read back with them.

use reqwest::Method;
use serde_json::{Value, json};

use super::{make_user, read};
use crate::simulate::Sim;
use crate::simulate::check::show;

const CORE_USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// Okta's four base attributes ("Okta requires that your SCIM implementation
/// stores …", [OKTA-PREPARE]).
const BASE: [&str; 3] = ["userName", "name", "emails"];
/// Declared attributes written back per schema: enough to show loss, bounded.
const TRIED_PER_SCHEMA: usize = 4;

/// `Resources` of a ListResponse, or a bare array (both are seen).
fn listed(v: &Value) -> Vec<Value> {
    v.get("Resources")
        .and_then(Value::as_array)
        .or_else(|| v.as_array())
        .cloned()
        .unwrap_or_default()
}

/// Single-valued, writable string attributes an admin could map.
fn writable_strings(schema: &Value) -> Vec<String> {
    schema
        .get("attributes")
        .and_then(Value::as_array)
        .map(|attrs| {
            attrs
                .iter()
                .filter(|a| a.get("type").and_then(Value::as_str) == Some("string"))
                .filter(|a| a.get("multiValued").and_then(Value::as_bool) != Some(true))
                .filter(|a| {
                    matches!(
                        a.get("mutability").and_then(Value::as_str),
                        None | Some("readWrite")
                    )
                })
                .filter(|a| {
                    a.get("canonicalValues")
                        .is_none_or(|c| c.as_array().is_none_or(Vec::is_empty))
                })
                .filter_map(|a| a.get("name").and_then(Value::as_str).map(str::to_owned))
                .filter(|n| !["userName", "password", "id", "externalId"].contains(&n.as_str()))
                .take(TRIED_PER_SCHEMA)
                .collect()
        })
        .unwrap_or_default()
}

pub async fn run(sim: &mut Sim) {
    let Some(mut c) = sim.start("discovery.user-schema") else {
        return;
    };
    let r = sim.send(Method::GET, "/ResourceTypes", None).await;
    if !c.status(&r, &[200], "/ResourceTypes") || sim.dry() {
        sim.done(c);
        return;
    }
    let types = listed(r.json.as_ref().unwrap_or(&Value::Null));
    let Some(user_type) = types.iter().find(|t| {
        t.get("name").and_then(Value::as_str) == Some("User")
            || t.get("endpoint").and_then(Value::as_str) == Some("/Users")
    }) else {
        c.fail(format!(
            "/ResourceTypes lists no User resource type ({} listed): Okta's import finds no user schema",
            types.len()
        ));
        sim.done(c);
        return;
    };
    if user_type.get("schema").and_then(Value::as_str) != Some(CORE_USER) {
        c.fail(format!(
            "the User resource type's schema is {}, not {CORE_USER}",
            show(user_type.get("schema"))
        ));
    }
    let extensions: Vec<String> = user_type
        .get("schemaExtensions")
        .and_then(Value::as_array)
        .map(|e| {
            e.iter()
                .filter_map(|x| x.get("schema").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let r = sim.send(Method::GET, "/Schemas", None).await;
    if !c.status(&r, &[200], "/Schemas") {
        sim.done(c);
        return;
    }
    let schemas = listed(r.json.as_ref().unwrap_or(&Value::Null));
    let by_id = |id: &str| {
        schemas
            .iter()
            .find(|s| s.get("id").and_then(Value::as_str) == Some(id))
            .cloned()
    };
    let Some(core) = by_id(CORE_USER) else {
        c.fail(format!(
            "/Schemas has no {CORE_USER} ({} schemas listed): Okta imports no core attribute",
            schemas.len()
        ));
        sim.done(c);
        return;
    };
    let declared: Vec<&str> = core
        .get("attributes")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.get("name")?.as_str()).collect())
        .unwrap_or_default();
    for base in BASE {
        c.fail_if(
            !declared.iter().any(|d| d.eq_ignore_ascii_case(base)),
            format!(
                "the core User schema does not declare {base}, one of the attributes Okta requires"
            ),
        );
    }
    let mut tried: Vec<(Option<String>, String)> = writable_strings(&core)
        .into_iter()
        .map(|a| (None, a))
        .collect();
    for urn in &extensions {
        match by_id(urn) {
            Some(s) => tried.extend(writable_strings(&s).into_iter().map(|a| (Some(urn.clone()), a))),
            None => c.fail(format!(
                "the User resource type lists the extension {urn}, which /Schemas does not define: Okta imports none of its attributes"
            )),
        }
    }
    if tried.is_empty() {
        sim.done(c);
        return;
    }
    // What Okta then does with a mapped attribute: GET, set, PUT (§1.5).
    let Some(user) = make_user(sim, "schema").await else {
        c.fail(
            "the user to write the declared attributes to could not be created (see the request)",
        );
        sim.done(c);
        return;
    };
    let (_, mut body) = read(sim, "Users", &user.id).await;
    if !body.is_object() {
        body = json!({"schemas": [CORE_USER], "userName": user.name});
    }
    let value = |attr: &str| format!("sim-{attr}");
    for (urn, attr) in &tried {
        match urn {
            None => body[attr.as_str()] = json!(value(attr)),
            Some(urn) => {
                body[urn.as_str()][attr.as_str()] = json!(value(attr));
                if let Some(s) = body.get_mut("schemas").and_then(Value::as_array_mut)
                    && !s.iter().any(|x| x == urn.as_str())
                {
                    s.push(json!(urn));
                }
            }
        }
    }
    let r = sim
        .send(Method::PUT, &format!("/Users/{}", user.id), Some(&body))
        .await;
    if !c.status(&r, &[200], "PUT with the declared attributes") {
        sim.done(c);
        return;
    }
    let (_, v) = read(sim, "Users", &user.id).await;
    let lost: Vec<String> = tried
        .iter()
        .filter(|(urn, attr)| {
            let got = match urn {
                None => v.get(attr.as_str()),
                Some(u) => v.get(u.as_str()).and_then(|x| x.get(attr.as_str())),
            };
            got != Some(&json!(value(attr)))
        })
        .map(|(urn, attr)| urn.as_ref().map_or(attr.clone(), |u| format!("{u}:{attr}")))
        .collect();
    c.fail_if(
        !lost.is_empty(),
        format!(
            "declared in /Schemas as writable strings but not stored after a PUT that answered 200: {}",
            lost.join(", ")
        ),
    );
    c.note(format!(
        "Okta's import would offer {} core attribute(s) and {} extension schema(s); {} writable string attribute(s) were written and read back",
        declared.len(),
        extensions.len(),
        tried.len()
    ));
    sim.done(c);
}
