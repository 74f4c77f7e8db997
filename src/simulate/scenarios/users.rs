//! A user's life as the IdP drives it: match, create, duplicate, case-variant
//! lookup, read, profile update, deactivate, read back, reactivate, and (Entra)
//! the manager reference.

use reqwest::Method;
use serde_json::{Value, json};

use super::{make_user, read, set_active};
use crate::simulate::profile::{Profile, patch};
use crate::simulate::{Made, Sim};

const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

pub async fn run(sim: &mut Sim) {
    // Mixed case on purpose: the IdP compares what comes back with what it sent (F18).
    let user_name = format!("Scimctl-Sim-{}-Ada.Lovelace@Example.com", sim.run_id);

    let mut c = sim.check(
        "user.match-miss",
        "Look the user up before creating it (no match yet)",
        "idp-behaviors §1.3, §2.3, F2; RFC 7644 §3.4.2",
        "Okta tolerates a 404 here, but its SPEC test requires 200 with totalResults 0",
        "Entra requires 200 with an empty ListResponse; anything else fails the match and the user is never created",
    );
    let r = sim
        .send(Method::GET, &sim.profile.user_lookup(&user_name), None)
        .await;
    if r.status == 404 && sim.profile.is_okta() {
        c.warn("a filter that matches nothing answered 404; Okta tolerates it, the RFC wants 200 with totalResults 0");
    } else if c.status(&r, &[200], "lookup") {
        c.fail_if(
            r.get("totalResults").and_then(Value::as_u64) != Some(0),
            "a user that does not exist yet was found",
        );
    }
    sim.done(c);

    let body = sim.profile.create_user_body(
        &user_name,
        "Ada",
        "Lovelace",
        &format!("00u{}okta", sim.run_id),
    );
    let mut c = sim.check(
        "user.create",
        "Create the user (POST /Users) and read it back",
        "idp-behaviors §1.3, §2.4, F12, F13, F18; RFC 7644 §3.3",
        "the assignment fails with \"Error while creating user\" and a provisioning task waits for an admin",
        "the create is logged as failed and retried in the next cycle (about 40 minutes later)",
    );
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
            _ => c.fail("the 201 answer has no id (Okta: \"Create new user returned empty user\")"),
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
            c.fail_if(v.get("userName").and_then(Value::as_str) != Some(&user_name), format!("userName came back as {}, not {user_name} as sent (F18: the IdP sees a change every cycle)", v.get("userName").unwrap_or(&Value::Null)));
            c.fail_if(
                v.get("active") != Some(&json!(true)),
                "the new user is not active:true",
            );
            c.fail_if(
                v.pointer("/name/givenName") != Some(&json!("Ada")),
                "name.givenName was not stored",
            );
        }
    }
    sim.done(c);

    let mut c = sim.check(
        "user.duplicate",
        "Creating the same userName again is refused with 409",
        "idp-behaviors F17; RFC 7644 §3.3, §3.12",
        "Okta would provision a second account for the same person",
        "Entra would create duplicates; later matches fail with DuplicateTargetEntries",
    );
    let r = sim.send(Method::POST, "/Users", Some(&body)).await;
    if (200..300).contains(&r.status) {
        if let Some(id) = r.str("id") {
            sim.users.push(Made {
                id: id.to_owned(),
                name: user_name.clone(),
            });
        }
        c.fail("a duplicate userName was accepted");
    } else if c.status(&r, &[409], "duplicate") {
        c.warn_if(
            r.str("scimType") != Some("uniqueness"),
            "the 409 has no scimType \"uniqueness\" (RFC 7644 §3.12)",
        );
        c.scim_error_shape(&r, "409 answer");
    }
    sim.done(c);

    let mut c = sim.check(
        "user.match-case-variant",
        "The lookup finds the user whatever the case of userName",
        "idp-behaviors F1; RFC 7643 §4.1.1 (userName caseExact false)",
        "Okta does not find the existing account, POSTs again, gets 409, and the assignment fails",
        "Entra does not match the existing account, POSTs again, gets 409 (EntryConflict) every cycle, and may quarantine the job",
    );
    let r = sim
        .send(
            Method::GET,
            &sim.profile.user_lookup(&user_name.to_lowercase()),
            None,
        )
        .await;
    if c.status(&r, &[200], "case-variant lookup") && !sim.dry() {
        let n = r.get("totalResults").and_then(Value::as_u64);
        c.fail_if(
            n != Some(1),
            format!(
                "a lower-case lookup found {} users, not 1",
                n.map_or("?".into(), |n| n.to_string())
            ),
        );
    }
    sim.done(c);

    let Some(user) = user else { return };

    let mut c = sim.check(
        "user.read",
        "Read the user by id: one resource, not a list",
        "idp-behaviors §1.4, §2.5, F12, F30; RFC 7644 §3.4.1",
        "Okta PUTs back what it read: a wrong shape here breaks every later update",
        "Entra reads by id on every cycle; a wrong answer fails with InvalidAnchor or ServiceIncompatible",
    );
    let (r, v) = read(sim, "Users", &user.id).await;
    if c.status(&r, &[200], "read") && !sim.dry() {
        c.fail_if(
            v.get("Resources").is_some(),
            "GET by id answered with a ListResponse",
        );
        c.fail_if(
            v.get("id").and_then(Value::as_str) != Some(&user.id),
            "the id at the top level does not match",
        );
        let core = v.get("schemas").and_then(Value::as_array).is_some_and(|s| {
            s.iter()
                .any(|x| x == "urn:ietf:params:scim:schemas:core:2.0:User")
        });
        c.fail_if(!core, "schemas lacks the core User URN");
        c.warn_if(
            v.pointer("/meta/location").is_none() || v.pointer("/meta/resourceType").is_none(),
            "meta.location or meta.resourceType is missing (Okta's support KB expects both)",
        );
    }
    sim.done(c);

    update(sim, &user).await;
    deactivate_and_back(sim, &user).await;
    if !sim.profile.is_okta() {
        manager(sim, &user).await;
    }
}

/// Okta: GET, change, PUT the whole object back (§1.5); Entra: one PATCH op
/// per attribute (§2.6), or path-less dotted keys with the flag (§2.9).
async fn update(sim: &mut Sim, user: &Made) {
    let mut c = sim.check(
        "user.update",
        "Update the profile and read it back",
        "idp-behaviors §1.5, §2.6, §2.9, F4, F13, F19, F20; RFC 7644 §3.5.1, §3.5.2",
        "the profile push fails (or is silently lost) and a provisioning task is created",
        "the update is logged as failed and retried every cycle; a silently ignored op leaves the app out of date",
    );
    let path = format!("/Users/{}", user.id);
    let work_email = format!("ada.{}@example.org", sim.run_id);
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
            "PUT answered 200 with no body; Okta needs the updated user",
        );
    } else {
        let p = sim.profile;
        let ops = if p == Profile::EntraAadopt {
            vec![
                json!({"op": "replace", "value": {"displayName": "Augusta Ada Lovelace", "name.givenName": "Augusta", "name.familyName": "Lovelace", format!("{ENTERPRISE}:department"): "Analytical Engines"}}),
                json!({"op": "replace", "path": "emails[type eq \"work\"].value", "value": work_email}),
                json!({"op": "add", "path": "nickName", "value": "Ada"}),
            ]
        } else {
            vec![
                json!({"op": p.op("replace"), "path": "displayName", "value": "Augusta Ada Lovelace"}),
                json!({"op": p.op("replace"), "path": "emails[type eq \"work\"].value", "value": work_email}),
                json!({"op": p.op("replace"), "path": "name.givenName", "value": "Augusta"}),
                json!({"op": p.op("replace"), "path": "name.familyName", "value": "Lovelace"}),
                json!({"op": p.op("replace"), "path": format!("{ENTERPRISE}:department"), "value": "Analytical Engines"}),
                json!({"op": p.op("add"), "path": "nickName", "value": "Ada"}),
            ]
        };
        let r = sim.send(Method::PATCH, &path, Some(&patch(ops))).await;
        c.status(&r, &[200, 204], "PATCH");
    }
    if !c.failed() && !sim.dry() {
        let (r, v) = read(sim, "Users", &user.id).await;
        if c.status(&r, &[200], "read back") {
            c.fail_if(
                v.pointer("/name/givenName") != Some(&json!("Augusta")),
                "name.givenName did not change: the update was ignored",
            );
            c.fail_if(
                v.get("displayName") != Some(&json!("Augusta Ada Lovelace")),
                "displayName did not change",
            );
            if !sim.profile.is_okta() {
                let work = v
                    .get("emails")
                    .and_then(Value::as_array)
                    .and_then(|e| e.iter().find(|m| m.get("type") == Some(&json!("work"))))
                    .and_then(|m| m.get("value"));
                c.fail_if(
                    work != Some(&json!(work_email)),
                    "emails[type eq \"work\"].value did not change (F20)",
                );
                c.fail_if(
                    v.pointer(&format!("/{ENTERPRISE}/department"))
                        != Some(&json!("Analytical Engines")),
                    "the enterprise department did not change (F19)",
                );
                c.fail_if(
                    v.get("nickName") != Some(&json!("Ada")),
                    "nickName was not added",
                );
            } else {
                c.fail_if(
                    v.get("userName") != Some(&json!(user.name)),
                    "the PUT changed userName",
                );
            }
        }
    }
    sim.done(c);
}

async fn deactivate_and_back(sim: &mut Sim, user: &Made) {
    let mut c = sim.check(
        "user.deactivate",
        "Deactivate the user and read it back",
        "idp-behaviors §1.6, §2.8, F3, F4, F5; RFC 7644 §3.5.2",
        "the user keeps access after being unassigned; Okta creates a deprovisioning task (there is no PUT fallback)",
        "the user keeps access after being disabled in Entra; the failure is retried every 40 minutes",
    );
    let r = set_active(sim, &user.id, false).await;
    if c.status(&r, &[200, 204], "deactivate") && !sim.dry() {
        let (rr, v) = read(sim, "Users", &user.id).await;
        if c.status(&rr, &[200], "read back") {
            match v.get("active") {
                Some(Value::Bool(false)) => {}
                Some(Value::String(s)) => c.fail(format!(
                    "active is now the string {s:?}, not the boolean false (F5)"
                )),
                other => c.fail(format!(
                    "active is {}, not false: the deactivation was ignored",
                    other.unwrap_or(&Value::Null)
                )),
            }
        }
    }
    sim.done(c);

    let mut c = sim.check(
        "user.read-inactive",
        "An inactive user can still be read and found",
        "idp-behaviors F15; Entra requirements table (\"returned whether or not the user is active\")",
        "on reassignment Okta does not find the user and tries to create it again (409)",
        "Entra reads the user by id each cycle: a 404 is InvalidAnchor, and it re-creates the user into a 409",
    );
    let (r, v) = read(sim, "Users", &user.id).await;
    if c.status(&r, &[200], "read by id") && !sim.dry() {
        c.fail_if(v.get("active") == Some(&json!(true)), "still active");
    }
    let r = sim
        .send(Method::GET, &sim.profile.user_lookup(&user.name), None)
        .await;
    if c.status(&r, &[200], "lookup by userName") && !sim.dry() {
        c.fail_if(
            r.get("totalResults").and_then(Value::as_u64) != Some(1),
            "the inactive user is not found by userName",
        );
    }
    sim.done(c);

    let mut c = sim.check(
        "user.reactivate",
        "Reactivate the user and read it back",
        "idp-behaviors §1.7, §2.8, F5",
        "the re-assigned user stays locked out",
        "the re-enabled user stays locked out",
    );
    let r = set_active(sim, &user.id, true).await;
    if c.status(&r, &[200, 204], "reactivate") && !sim.dry() {
        let (rr, v) = read(sim, "Users", &user.id).await;
        if c.status(&rr, &[200], "read back") {
            c.fail_if(
                v.get("active") != Some(&json!(true)),
                format!(
                    "active is {}, not true",
                    v.get("active").unwrap_or(&Value::Null)
                ),
            );
        }
    }
    sim.done(c);
}

/// §2.7 / F21: the manager is set after the user, changed, and cleared; the
/// value is the target-side id, as a bare string.
async fn manager(sim: &mut Sim, user: &Made) {
    let mut c = sim.check(
        "user.manager",
        "Set, change and clear the manager (enterprise extension)",
        "idp-behaviors §2.7, F21; RFC 7643 §4.3",
        "",
        "the manager reference fails to export each cycle; reports in the app show no or the wrong manager",
    );
    let m1 = make_user(sim, "mgr1").await;
    let m2 = make_user(sim, "mgr2").await;
    let (Some(m1), Some(m2)) = (m1, m2) else {
        c.fail("could not create the manager users");
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
        if !c.status(&r, &[200, 204], &format!("manager {step}")) || sim.dry() {
            break;
        }
        let (_, v) = read(sim, "Users", &user.id).await;
        let got = v
            .pointer(&format!("/{ENTERPRISE}/manager/value"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        if got != expect {
            c.fail(format!(
                "after the manager {step}, manager.value is {got:?}, expected {expect:?}"
            ));
            break;
        }
    }
    sim.done(c);
}
