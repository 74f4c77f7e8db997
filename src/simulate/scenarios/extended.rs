//! Attributes outside the IdPs' default mappings (opt-in, `--scenario
//! extended-attributes`): an admin may map them, so the server must store what
//! it accepts — or not declare it in /Schemas, so that nobody maps it.

use reqwest::Method;
use serde_json::{Value, json};

use super::users::at;
use super::{make_user, read};
use crate::simulate::Sim;
use crate::simulate::check::show;
use crate::simulate::profile::patch;

/// Each attribute with the value sent: §2.6 ([MS-KI] "Add a single-value
/// string attribute": `{"op":"Add","path":"nickName","value":"Babs"}`).
const ATTRIBUTES: [(&str, &str); 1] = [("nickName", "Babs")];

pub async fn run(sim: &mut Sim) {
    extended_attributes(sim).await;
    if !sim.profile.is_okta() {
        typed_elements(sim).await;
    }
}

/// F20, §2.6: Entra adds a typed element's sub-attribute through a filtered
/// path even when the user has no such element yet; the server must create
/// it, with the type from the filter. Mapping mobile or a work address is an
/// admin's choice, so this is opt-in here.
const TYPED: [(&str, &str, &str, &str); 2] = [
    ("phoneNumbers", "mobile", "value", "+1 555 0100"),
    ("addresses", "work", "streetAddress", "1 Main Street"),
];

async fn typed_elements(sim: &mut Sim) {
    let Some(mut c) = sim.start("user.add-typed-elements") else {
        return;
    };
    let Some(user) = make_user(sim, "typed").await else {
        c.fail(
            "POST /Users for the test user did not answer with an id, so no element could be added",
        );
        sim.done(c);
        return;
    };
    let p = sim.profile;
    for (attr, kind, sub, value) in TYPED {
        let op_path = format!("{attr}[type eq \"{kind}\"].{sub}");
        let body = patch(vec![
            json!({"op": p.op("add"), "path": op_path, "value": value}),
        ]);
        let r = sim
            .send(Method::PATCH, &format!("/Users/{}", user.id), Some(&body))
            .await;
        if sim.dry() {
            continue;
        }
        let (_, v) = read(sim, "Users", &user.id).await;
        let created = v.get(attr).and_then(Value::as_array).is_some_and(|a| {
            a.iter().any(|e| {
                e.get("type").and_then(Value::as_str) == Some(kind)
                    && e.get(sub) == Some(&json!(value))
            })
        });
        if (200..300).contains(&r.status) && created {
            continue;
        }
        let what = if (200..300).contains(&r.status) {
            format!(
                "Add {op_path} = '{value}' on a user without {attr} answered HTTP {}, but {attr} reads back as {}",
                r.status,
                show(v.get(attr))
            )
        } else {
            format!(
                "Add {op_path} = '{value}' on a user without {attr} answered HTTP {} ({})",
                r.status, r.snippet
            )
        };
        match sim.declares(attr).await {
            Some(false) => c.warn(format!("{what}; the server's /Schemas does not declare {attr}, so an admin would not map it")),
            _ => c.fail(what),
        }
    }
    sim.done(c);
}

async fn extended_attributes(sim: &mut Sim) {
    let Some(mut c) = sim.start("user.extended-attributes") else {
        return;
    };
    let Some(user) = make_user(sim, "ext").await else {
        c.fail("POST /Users for the test user did not answer with an id, so no attribute could be tried");
        sim.done(c);
        return;
    };
    let path = format!("/Users/{}", user.id);
    for (attr, value) in ATTRIBUTES {
        // Okta merges into what it read and PUTs it back (§1.5); Entra adds (§2.6).
        let r = if sim.profile.is_okta() {
            let (_, mut current) = read(sim, "Users", &user.id).await;
            if !current.is_object() {
                current = json!({});
            }
            current[attr] = json!(value);
            sim.send(Method::PUT, &path, Some(&current)).await
        } else {
            let p = sim.profile;
            let body = patch(vec![
                json!({"op": p.op("add"), "path": attr, "value": value}),
            ]);
            sim.send(Method::PATCH, &path, Some(&body)).await
        };
        if sim.dry() {
            continue;
        }
        let accepted = (200..300).contains(&r.status);
        let (_, v) = read(sim, "Users", &user.id).await;
        if accepted && at(&v, attr) == Some(&json!(value)) {
            continue;
        }
        let stored = at(&v, attr).cloned().unwrap_or(Value::Null);
        let what = if accepted {
            format!(
                "the write answered HTTP {}, but {attr} reads back as {}; sent '{value}'",
                r.status,
                show(Some(&stored))
            )
        } else {
            format!(
                "the write of {attr} = '{value}' answered HTTP {}{}",
                r.status,
                r.str("detail")
                    .map(|d| format!(" with detail '{d}'"))
                    .unwrap_or_default()
            )
        };
        match sim.declares(attr).await {
            Some(false) => c.warn(format!("{what}; the server's /Schemas does not declare {attr}, so an admin would not map it")),
            Some(true) => c.fail(format!("{what}, although the server's /Schemas declares {attr}")),
            None => c.fail(format!("{what} (the server's /Schemas could not be read to tell whether it supports {attr})")),
        }
    }
    sim.done(c);
}
