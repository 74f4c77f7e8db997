//! A user's life as the IdP drives it: match, create, duplicate, case-variant
//! lookup, read, profile update, deactivate, read back, reactivate, and (Entra)
//! the manager reference, the soft-delete rename and the delete.

use reqwest::Method;
use serde_json::{Value, json};

use super::{make_user, matching, read, removal, set_active};
use crate::simulate::check::{Pending, show};
use crate::simulate::profile::{Profile, patch};
use crate::simulate::{Made, Sim};

const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

pub async fn run(sim: &mut Sim) {
    // Mixed case on purpose: the IdP compares what comes back with what it sent (F18).
    let user_name = format!("Scimctl-Sim-{}-Ada.Lovelace@Example.com", sim.run_id);

    if let Some(mut c) = sim.start("user.match-miss") {
        let r = sim
            .send(Method::GET, &sim.profile.user_lookup(&user_name), None)
            .await;
        if r.status == 404 && sim.profile.is_okta() {
            c.warn(format!("userName eq '{user_name}' (no such user yet) answered HTTP 404; the RFC wants 200 with totalResults 0"));
        } else if c.status(&r, &[200], "lookup") {
            let n = r.get("totalResults");
            c.fail_if(
                n.and_then(Value::as_u64) != Some(0),
                format!(
                    "userName eq '{user_name}' (no such user yet) answered totalResults {}, not 0",
                    show(n)
                ),
            );
        }
        sim.done(c);
    }

    // Okta sends its user id (§1.3); Entra, matching by externalId since 2026,
    // an object id GUID (user.match-external-id).
    let external_id = if sim.profile.is_okta() {
        format!("00u{}okta", sim.run_id)
    } else {
        uuid::Uuid::new_v4().to_string()
    };
    let body = sim
        .profile
        .create_user_body(&user_name, "Ada", "Lovelace", &external_id);
    let Some(mut c) = sim.start("user.create") else {
        return;
    };
    let r = sim.send(Method::POST, "/Users", Some(&body)).await;
    let mut user: Option<Made> = None;
    if c.status(&r, &[201], "create") {
        match r.str("id") {
            Some(id) if !id.is_empty() => {
                let made = Made {
                    id: id.to_owned(),
                    name: user_name.clone(),
                };
                sim.users.push(made.clone());
                user = Some(made);
            }
            _ => c.fail(format!(
                "the 201 answer has no id (id is {}; Okta reports \"Create new user returned empty user\")",
                show(r.get("id"))
            )),
        }
        c.warn_if(
            r.location.is_none(),
            "no Location header on 201 (RFC 7644 §3.3)",
        );
        c.content_type(&r, "create");
    }
    if let Some(u) = &user
        && !sim.dry()
    {
        let (rr, v) = read(sim, "Users", &u.id).await;
        if c.status(&rr, &[200], "read back") {
            if v.get("userName") != Some(&json!(user_name)) {
                c.fail(format!(
                    "userName reads back as {}; sent '{user_name}' (F18: the IdP sees a change every cycle)",
                    show(v.get("userName"))
                ));
            }
            expect(&mut c, &v, "active", &json!(true));
            expect(&mut c, &v, "name.givenName", &json!("Ada"));
        }
    }
    // What later checks need is the user, even when reading it back went wrong.
    c.provides(user.is_some());
    sim.done(c);

    if let Some(mut c) = sim.start("user.duplicate") {
        let r = sim.send(Method::POST, "/Users", Some(&body)).await;
        if (200..300).contains(&r.status) {
            if let Some(id) = r.str("id") {
                sim.users.push(Made {
                    id: id.to_owned(),
                    name: user_name.clone(),
                });
            }
            c.fail(format!(
                "POST /Users with the same userName '{user_name}' answered HTTP {}: a duplicate was accepted",
                r.status
            ));
        } else if c.status(&r, &[409], "duplicate") {
            c.warn_if(
                r.str("scimType") != Some("uniqueness"),
                format!(
                    "the 409 has scimType {}, not 'uniqueness' (RFC 7644 §3.12)",
                    show(r.get("scimType"))
                ),
            );
            c.scim_error_shape(&r, "409 answer");
        }
        sim.done(c);
    }

    if let Some(mut c) = sim.start("user.match-case-variant") {
        let lower = user_name.to_lowercase();
        let r = sim
            .send(Method::GET, &sim.profile.user_lookup(&lower), None)
            .await;
        if c.status(&r, &[200], "case-variant lookup") && !sim.dry() {
            let n = r.get("totalResults");
            c.fail_if(
                n.and_then(Value::as_u64) != Some(1),
                format!(
                    "userName eq '{lower}' (created as '{user_name}') found totalResults {}, not 1",
                    show(n)
                ),
            );
        }
        sim.done(c);
    }

    matching::shared_email(sim, &user_name).await;
    if !sim.profile.is_okta()
        && let Some(u) = &user
    {
        matching::external_id(sim, u, &external_id).await;
    }
    if sim.profile.is_okta() {
        matching::special_characters(sim).await;
    }

    let Some(user) = user else { return };

    let Some(mut c) = sim.start("user.read") else {
        return;
    };
    let (r, v) = read(sim, "Users", &user.id).await;
    if c.status(&r, &[200], "read") && !sim.dry() {
        c.fail_if(
            v.get("Resources").is_some(),
            format!(
                "GET /Users/{} answered with a ListResponse, not the user",
                user.id
            ),
        );
        if v.get("Resources").is_none() && v.get("id") != Some(&json!(user.id)) {
            c.fail(format!(
                "the top-level id is {}; asked for '{}'",
                show(v.get("id")),
                user.id
            ));
        }
        let core = v.get("schemas").and_then(Value::as_array).is_some_and(|s| {
            s.iter()
                .any(|x| x == "urn:ietf:params:scim:schemas:core:2.0:User")
        });
        c.fail_if(
            !core,
            format!(
                "schemas is {}, without urn:ietf:params:scim:schemas:core:2.0:User",
                show(v.get("schemas"))
            ),
        );
        for part in ["location", "resourceType"] {
            c.warn_if(
                v.pointer(&format!("/meta/{part}")).is_none(),
                format!("meta.{part} is missing (RFC 7643 §3.1)"),
            );
        }
    }
    sim.done(c);

    update(sim, &user).await;
    deactivate_and_back(sim, &user).await;
    if !sim.profile.is_okta() {
        manager(sim, &user).await;
        removal::soft_delete_rename(sim, &user).await;
        removal::delete(sim).await;
    }
}

/// Okta: GET, change, PUT the whole object back (§1.5); Entra: one PATCH op
/// per attribute (§2.6), or path-less dotted keys with the flag (§2.9).
async fn update(sim: &mut Sim, user: &Made) {
    let Some(mut c) = sim.start("user.update") else {
        return;
    };
    let path = format!("/Users/{}", user.id);
    let work_email = format!("ada.{}@example.org", sim.run_id);
    let mut skipped_attrs: Vec<String> = Vec::new();
    if sim.profile.is_okta() {
        let (_, mut current) = read(sim, "Users", &user.id).await;
        if !current.is_object() {
            current = json!({});
        }
        // Okta merges into what it read and sends it all back, read-only parts too.
        current["name"] =
            json!({"givenName": "Augusta", "middleName": "Ada", "familyName": "Lovelace"});
        current["displayName"] = json!("Augusta Ada Lovelace");
        current["password"] = json!("TkdFNVdIVkxhM2c9");
        current["groups"] = json!([]);
        let r = sim.send(Method::PUT, &path, Some(&current)).await;
        c.status(&r, &[200], "PUT");
        c.warn_if(
            r.status == 200 && r.body_len == 0,
            "PUT answered 200 with an empty body; Okta expects the updated user",
        );
    } else {
        let p = sim.profile;
        let ops = if p == Profile::EntraAadopt {
            // §2.9: one path-less replace with dotted keys, filtered paths apart.
            vec![
                json!({"op": "replace", "value": {"displayName": "Augusta Ada Lovelace", "name.givenName": "Augusta", "name.familyName": "Lovelace", format!("{ENTERPRISE}:department"): "Analytical Engines"}}),
                json!({"op": "replace", "path": "emails[type eq \"work\"].value", "value": work_email}),
            ]
        } else {
            // §2.6: one op per attribute, only attributes of Entra's default
            // mappings (§2.4: displayName, mail, givenName, surname, department).
            vec![
                json!({"op": p.op("replace"), "path": "displayName", "value": "Augusta Ada Lovelace"}),
                json!({"op": p.op("replace"), "path": "emails[type eq \"work\"].value", "value": work_email}),
                json!({"op": p.op("replace"), "path": "name.givenName", "value": "Augusta"}),
                json!({"op": p.op("replace"), "path": "name.familyName", "value": "Lovelace"}),
                json!({"op": p.op("replace"), "path": format!("{ENTERPRISE}:department"), "value": "Analytical Engines"}),
            ]
        };
        let mut ops = ops;
        let mut r = sim
            .send(Method::PATCH, &path, Some(&patch(ops.clone())))
            .await;
        if r.status == 400 {
            // Refused: an attribute the server does not declare at all is one an
            // Entra admin would unmap; try the rest without it.
            let undeclared = undeclared_paths(sim, &ops).await;
            if !undeclared.is_empty() {
                c.warn(format!(
                    "the PATCH was refused (HTTP 400{}); the server's /Schemas does not declare {}, so an Entra admin would remove it from the attribute mappings; sent again without it",
                    r.str("detail").map(|d| format!(" with detail '{d}'")).unwrap_or_default(),
                    undeclared.join(", ")
                ));
                drop_paths(&mut ops, &undeclared);
                skipped_attrs.extend(undeclared);
                r = sim.send(Method::PATCH, &path, Some(&patch(ops))).await;
            }
        }
        c.status(&r, &[200, 204], "PATCH");
    }
    if !c.failed() && !sim.dry() {
        let (r, v) = read(sim, "Users", &user.id).await;
        if c.status(&r, &[200], "read back") {
            expect_changed(
                &mut c,
                &v,
                "name.givenName",
                &json!("Augusta"),
                &json!("Ada"),
            );
            expect(&mut c, &v, "displayName", &json!("Augusta Ada Lovelace"));
            if !sim.profile.is_okta() {
                work_email_changed(&mut c, &v, &work_email);
                let department = format!("{ENTERPRISE}:department");
                if !skipped_attrs.contains(&department) {
                    expect(&mut c, &v, &department, &json!("Analytical Engines"));
                }
            } else if v.get("userName") != Some(&json!(user.name)) {
                c.fail(format!(
                    "the PUT changed userName: it reads back as {}; sent '{}'",
                    show(v.get("userName")),
                    user.name
                ));
            }
        }
    }
    sim.done(c);
}

/// The attribute paths of `ops` (path-less ones: their value's keys) that the
/// target's /Schemas does not declare.
async fn undeclared_paths(sim: &mut Sim, ops: &[Value]) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for op in ops {
        match (op.get("path").and_then(Value::as_str), op.get("value")) {
            (Some(p), _) => paths.push(p.to_owned()),
            (None, Some(Value::Object(m))) => paths.extend(m.keys().cloned()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if sim.declares(&p).await == Some(false) && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// `ops` without the operations on `paths` (and path-less values without those keys).
fn drop_paths(ops: &mut Vec<Value>, paths: &[String]) {
    ops.retain(|op| {
        op.get("path")
            .and_then(Value::as_str)
            .is_none_or(|p| !paths.iter().any(|x| x == p))
    });
    for op in ops.iter_mut() {
        if let Some(Value::Object(m)) = op.get_mut("value") {
            m.retain(|k, _| !paths.iter().any(|x| x == k));
        }
    }
}

/// The value at a SCIM attribute path (`name.givenName`, or an extension URN
/// followed by `:attr`).
pub fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    if let Some((urn, attr)) = path.rsplit_once(':')
        && urn.starts_with("urn:")
    {
        return v.get(urn)?.get(attr);
    }
    path.split('.').try_fold(v, |v, k| v.get(k))
}

/// Fails unless `path` reads back as `sent`, saying whether it was not stored
/// or stored differently.
pub fn expect(c: &mut Pending, v: &Value, path: &str, sent: &Value) {
    match at(v, path) {
        Some(got) if got == sent => {}
        None | Some(Value::Null) => c.fail(format!(
            "{path} was not stored: it is absent; sent {}",
            show(Some(sent))
        )),
        Some(got) => c.fail(format!(
            "{path} is {}; sent {}",
            show(Some(got)),
            show(Some(sent))
        )),
    }
}

/// Like [`expect`], and tells an ignored update (still the old value) apart.
fn expect_changed(c: &mut Pending, v: &Value, path: &str, sent: &Value, before: &Value) {
    match at(v, path) {
        Some(got) if got == before => c.fail(format!(
            "{path} did not change: it is still {}; sent {}",
            show(Some(got)),
            show(Some(sent))
        )),
        _ => expect(c, v, path, sent),
    }
}

/// F20: `emails[type eq "work"].value` must change that element's value and
/// keep its type.
fn work_email_changed(c: &mut Pending, v: &Value, sent: &str) {
    let emails: Vec<&Value> = v
        .get("emails")
        .and_then(Value::as_array)
        .map(|e| e.iter().collect())
        .unwrap_or_default();
    let is_work = |m: &&Value| {
        m.get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("work"))
    };
    if emails
        .iter()
        .any(|m| is_work(m) && m.get("value") == Some(&json!(sent)))
    {
        return;
    }
    if let Some(m) = emails.iter().find(|m| m.get("value") == Some(&json!(sent))) {
        c.fail(format!(
            "the work email's value changed to '{sent}', but its type was dropped: that email now has type {} (F20)",
            show(m.get("type"))
        ));
    } else if let Some(m) = emails.iter().find(|m| is_work(m)) {
        c.fail(format!(
            "emails[type eq \"work\"].value is {}; sent '{sent}' (F20)",
            show(m.get("value"))
        ));
    } else {
        c.fail(format!(
            "there is no work email after the update (emails is {}); sent '{sent}' (F20)",
            show(v.get("emails"))
        ));
    }
}

async fn deactivate_and_back(sim: &mut Sim, user: &Made) {
    let Some(mut c) = sim.start("user.deactivate") else {
        return;
    };
    let r = set_active(sim, &user.id, false).await;
    if c.status(&r, &[200, 204], "deactivate") && !sim.dry() {
        let (rr, v) = read(sim, "Users", &user.id).await;
        if rr.status == 404 {
            // The deactivation was accepted; hiding inactive users is what
            // user.read-inactive is about, so it is judged there, not here.
            c.note(format!(
                "the deactivation was answered HTTP {}, but the user could not be read back (HTTP 404), so active:false was not confirmed; see user.read-inactive",
                r.status
            ));
            c.provides(true);
        } else if c.status(&rr, &[200], "read back") {
            match v.get("active") {
                Some(Value::Bool(false)) => {}
                Some(Value::String(s)) => c.fail(format!(
                    "active is now the string '{s}', not the boolean false (F5)"
                )),
                other => c.fail(format!(
                    "active is {} after the deactivation was answered HTTP {}: it was ignored",
                    show(other),
                    r.status
                )),
            }
        }
    }
    sim.done(c);

    if let Some(mut c) = sim.start("user.read-inactive") {
        let (r, _) = read(sim, "Users", &user.id).await;
        c.status(&r, &[200], "read the inactive user by id");
        let r = sim
            .send(Method::GET, &sim.profile.user_lookup(&user.name), None)
            .await;
        if c.status(&r, &[200], "look the inactive user up by userName") && !sim.dry() {
            let n = r.get("totalResults");
            c.fail_if(
                n.and_then(Value::as_u64) != Some(1),
                format!(
                    "userName eq '{}' (inactive) found totalResults {}, not 1",
                    user.name,
                    show(n)
                ),
            );
        }
        sim.done(c);
    }

    let Some(mut c) = sim.start("user.reactivate") else {
        return;
    };
    let r = set_active(sim, &user.id, true).await;
    if c.status(&r, &[200, 204], "reactivate") && !sim.dry() {
        let (rr, v) = read(sim, "Users", &user.id).await;
        if c.status(&rr, &[200], "read back") {
            c.fail_if(
                v.get("active") != Some(&json!(true)),
                format!(
                    "active is {} after the reactivation was answered HTTP {}; sent true",
                    show(v.get("active")),
                    r.status
                ),
            );
        }
    }
    sim.done(c);
}

/// §2.7 / F21: the manager is set after the user, changed, and cleared; the
/// value is the target-side id, as a bare string.
async fn manager(sim: &mut Sim, user: &Made) {
    let Some(mut c) = sim.start("user.manager") else {
        return;
    };
    let m1 = make_user(sim, "mgr1").await;
    let m2 = make_user(sim, "mgr2").await;
    let (Some(m1), Some(m2)) = (m1, m2) else {
        c.fail("POST /Users for the two manager users did not answer with ids, so no manager could be set");
        sim.done(c);
        return;
    };
    let p = sim.profile;
    let path = format!("/Users/{}", user.id);
    let mpath = format!("{ENTERPRISE}:manager");
    for (step, op, value, expect) in [
        ("set", "add", Some(json!(m1.id)), Some(m1.id.clone())),
        ("change", "replace", Some(json!(m2.id)), Some(m2.id.clone())),
        ("clear", "remove", None, None),
    ] {
        let mut o = json!({"op": p.op(op), "path": mpath});
        if let Some(v) = value {
            o["value"] = v;
        }
        let r = sim.send(Method::PATCH, &path, Some(&patch(vec![o]))).await;
        if r.status == 400 && sim.declares(&mpath).await == Some(false) {
            c.warn(format!(
                "the manager {step} was refused (HTTP 400); the server's /Schemas does not declare {mpath}, so an Entra admin would remove the manager mapping"
            ));
            break;
        }
        if !c.status(&r, &[200, 204], &format!("manager {step}")) || sim.dry() {
            break;
        }
        let (_, v) = read(sim, "Users", &user.id).await;
        let got = v
            .pointer(&format!("/{ENTERPRISE}/manager/value"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        if got != expect {
            let shown =
                |s: &Option<String>| s.as_ref().map_or("absent".to_owned(), |s| format!("'{s}'"));
            c.fail(format!(
                "after the manager {step}, manager.value is {}; expected {}",
                shown(&got),
                shown(&expect)
            ));
            break;
        }
    }
    sim.done(c);
}
