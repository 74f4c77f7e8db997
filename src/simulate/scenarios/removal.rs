//! How Entra takes a user away: the soft delete that renames userName to
//! `<object id><UPN>` with `active: false` (and the restore that renames it
//! back), and the hard delete after which the user must be gone (404).

use reqwest::Method;
use serde_json::{Value, json};

use super::users::expect;
use super::{make_user, read};
use crate::simulate::check::show;
use crate::simulate::profile::{Profile, patch};
use crate::simulate::{Made, Sim};

/// onyx-dot-app/onyx#14074 (2026-08): a user soft-deleted in Entra arrives
/// with userName `<objectId, 32 hex digits><UPN>` and `active: false`; the
/// restore renames it back. The server must store both as sent and leave the
/// email alone.
pub async fn soft_delete_rename(sim: &mut Sim, user: &Made) {
    let Some(mut c) = sim.start("user.soft-delete-rename") else {
        return;
    };
    let (_, before) = read(sim, "Users", &user.id).await;
    let tombstone = format!("{}{}", uuid::Uuid::new_v4().simple(), user.name);
    let r = rename(sim, &user.id, &tombstone, false).await;
    if !c.status(&r, &[200, 204], "soft-delete rename") || sim.dry() {
        sim.done(c);
        return;
    }
    let (rr, v) = read(sim, "Users", &user.id).await;
    if c.status(&rr, &[200], "read after the soft delete") {
        expect(&mut c, &v, "userName", &json!(tombstone));
        expect(&mut c, &v, "active", &json!(false));
        let emails = |v: &Value| v.get("emails").cloned().unwrap_or(Value::Null);
        if emails(&v) != emails(&before) {
            c.fail(format!(
                "the emails changed when only userName and active were sent: {} became {}",
                show(Some(&emails(&before))),
                show(Some(&emails(&v)))
            ));
        }
    }
    let r = rename(sim, &user.id, &user.name, true).await;
    if c.status(&r, &[200, 204], "restore") {
        let (rr, v) = read(sim, "Users", &user.id).await;
        if c.status(&rr, &[200], "read after the restore") {
            expect(&mut c, &v, "userName", &json!(user.name));
            expect(&mut c, &v, "active", &json!(true));
        }
    }
    sim.done(c);
}

/// userName and active in one PATCH, as the profile sends them (§2.6, §2.8;
/// §2.9 with the flag: one path-less replace).
async fn rename(
    sim: &mut Sim,
    id: &str,
    user_name: &str,
    active: bool,
) -> crate::simulate::wire::Resp {
    let p = sim.profile;
    let ops = if p == Profile::EntraAadopt {
        vec![json!({"op": "replace", "value": {"userName": user_name, "active": active}})]
    } else {
        vec![
            json!({"op": p.op("replace"), "path": "userName", "value": user_name}),
            json!({"op": p.op("replace"), "path": "active", "value": p.boolean(active)}),
        ]
    };
    sim.send(Method::PATCH, &format!("/Users/{id}"), Some(&patch(ops)))
        .await
}

/// §2.8: the hard delete (30 days after a soft delete); RFC 7644 §3.6: the
/// resource then answers 404, by id and in lookups.
pub async fn delete(sim: &mut Sim) {
    let Some(mut c) = sim.start("user.delete") else {
        return;
    };
    let Some(user) = make_user(sim, "del").await else {
        c.fail("the user to delete could not be created (see the request)");
        sim.done(c);
        return;
    };
    let r = sim
        .send(Method::DELETE, &format!("/Users/{}", user.id), None)
        .await;
    if c.status(&r, &[204, 200], "delete") && !sim.dry() {
        sim.users.retain(|u| u.id != user.id);
        let (rr, _) = read(sim, "Users", &user.id).await;
        c.fail_if(
            rr.status != 404,
            format!(
                "GET /Users/{} answered HTTP {} after the DELETE was answered HTTP {}; RFC 7644 §3.6 wants 404",
                user.id, rr.status, r.status
            ),
        );
        let lookup = sim
            .send(Method::GET, &sim.profile.user_lookup(&user.name), None)
            .await;
        if c.status(&lookup, &[200], "lookup after the delete") {
            c.fail_if(
                lookup.get("totalResults").and_then(Value::as_u64) != Some(0),
                format!(
                    "userName eq \"{}\" still finds totalResults {} after the delete",
                    user.name,
                    show(lookup.get("totalResults"))
                ),
            );
        }
    }
    sim.done(c);
}
