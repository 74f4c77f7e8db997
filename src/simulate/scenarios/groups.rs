//! Groups as the IdP pushes them: create, link by name, membership in batches,
//! rename, member removal in the IdP's own shape (also of a deleted user), delete.

use reqwest::Method;
use serde_json::{Value, json};

use super::users::expect;
use super::{make_user, read};
use crate::simulate::check::show;
use crate::simulate::profile::{Profile, patch};
use crate::simulate::{Made, Sim};

fn member_ids(v: &Value) -> Vec<String> {
    let mut ids: Vec<String> = v
        .get("members")
        .and_then(Value::as_array)
        .map(|m| {
            m.iter()
                .filter_map(|x| x.get("value").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

pub async fn run(sim: &mut Sim) {
    let name = sim.name("grp");
    let Some(mut c) = sim.start("group.push") else {
        return;
    };
    let body = sim
        .profile
        .create_group_body(&name, &format!("ext-grp-{}", sim.run_id));
    let r = sim.send(Method::POST, "/Groups", Some(&body)).await;
    let mut group: Option<Made> = None;
    if c.status(&r, &[201], "create group") {
        match r.str("id") {
            Some(id) => {
                let g = Made {
                    id: id.to_owned(),
                    name: name.clone(),
                };
                sim.groups.push(g.clone());
                group = Some(g);
            }
            None => c.fail(format!(
                "the 201 answer has no id (id is {})",
                show(r.get("id"))
            )),
        }
    }
    if let Some(g) = &group
        && !sim.dry()
    {
        let (rr, v) = read(sim, "Groups", &g.id).await;
        if c.status(&rr, &[200], "read back") {
            expect(&mut c, &v, "displayName", &json!(name));
        }
    }
    c.provides(group.is_some());
    sim.done(c);
    let Some(group) = group else { return };

    let existing = if sim.opts.product_rules {
        "Administrators".to_owned()
    } else {
        name.clone()
    };
    if let Some(mut c) = sim.start("group.link-existing") {
        let r = sim
            .send(Method::GET, &sim.profile.group_lookup(&existing), None)
            .await;
        if c.status(&r, &[200], "lookup") && !sim.dry() {
            let found = r.resources();
            c.fail_if(
                found.len() != 1,
                format!(
                    "displayName eq '{existing}' found {} groups, not 1",
                    found.len()
                ),
            );
        }
        sim.done(c);
    }
    if let Some(mut c) = sim.start("group.match-case-variant") {
        // F1: displayName is caseExact false (RFC 7643 §4.2); an admin links an
        // app group whose name differs in case from the IdP's.
        let upper = group.name.to_uppercase();
        let r = sim
            .send(Method::GET, &sim.profile.group_lookup(&upper), None)
            .await;
        if c.status(&r, &[200], "case-variant lookup") && !sim.dry() {
            let found = super::ids(&r.resources());
            c.fail_if(
                found != [group.id.clone()],
                format!(
                    "displayName eq '{upper}' (created as '{}') found {} group(s), not the one",
                    group.name,
                    found.len()
                ),
            );
        }
        sim.done(c);
    }

    membership(sim, &group).await;
    if !sim.profile.is_okta() {
        remove_deleted_member(sim, &group).await;
    }

    let new_name = sim.name("ren");
    let Some(mut c) = sim.start("group.rename") else {
        return;
    };
    let path = format!("/Groups/{}", group.id);
    let r = match sim.profile {
        // §1.13: path-less replace carrying the read-only id.
        Profile::Okta => {
            sim.send(
                Method::PATCH,
                &path,
                Some(&patch(vec![
                    json!({"op": "replace", "value": {"id": group.id, "displayName": new_name}}),
                ])),
            )
            .await
        }
        Profile::OktaAiw => {
            let (_, mut v) = read(sim, "Groups", &group.id).await;
            if !v.is_object() {
                v = json!({});
            }
            v["displayName"] = json!(new_name);
            sim.send(Method::PUT, &path, Some(&v)).await
        }
        p => {
            sim.send(
                Method::PATCH,
                &path,
                Some(&patch(vec![
                    json!({"op": p.op("replace"), "path": "displayName", "value": new_name}),
                ])),
            )
            .await
        }
    };
    if c.status(&r, &[200, 204], "rename") && !sim.dry() {
        let (rr, v) = read(sim, "Groups", &group.id).await;
        if c.status(&rr, &[200], "read back") {
            if v.get("displayName") == Some(&json!(group.name)) {
                c.fail(format!(
                    "displayName did not change: it is still '{}'; sent '{new_name}'",
                    group.name
                ));
            } else {
                expect(&mut c, &v, "displayName", &json!(new_name));
            }
            c.fail_if(
                v.get("id") != Some(&json!(group.id)),
                format!("the id is now {}; it was '{}'", show(v.get("id")), group.id),
            );
        }
    }
    sim.done(c);

    let Some(mut c) = sim.start("group.delete") else {
        return;
    };
    let r = sim.send(Method::DELETE, &path, None).await;
    if c.status(&r, &[204, 200], "delete") && !sim.dry() {
        sim.groups.retain(|g| g.id != group.id);
        let (rr, _) = read(sim, "Groups", &group.id).await;
        if c.status(&rr, &[404], "read after delete") {
            c.scim_error_shape(&rr, "404 answer");
        }
    }
    sim.done(c);
}

/// Members added in batches, then one removed, in the IdP's shapes; read back
/// each time (a 204 alone proves nothing, F4/F6).
async fn membership(sim: &mut Sim, group: &Made) {
    let Some(mut c) = sim.start("group.add-members") else {
        return;
    };
    let mut members = Vec::new();
    for i in 1..=4 {
        if let Some(u) = make_user(sim, &format!("m{i}")).await {
            members.push(u);
        }
    }
    if members.len() < 4 && !sim.dry() {
        c.fail(format!(
            "POST /Users for the 4 member users answered with {} id(s), so no members could be added",
            members.len()
        ));
        sim.done(c);
        return;
    }
    let path = format!("/Groups/{}", group.id);
    let p = sim.profile;
    for batch in members.chunks(p.member_batch()) {
        let r = if p == Profile::OktaAiw {
            put_members(
                sim,
                group,
                &members[..members
                    .iter()
                    .position(|m| m.id == batch[batch.len() - 1].id)
                    .unwrap_or(0)
                    + 1],
            )
            .await
        } else {
            let value: Vec<Value> = batch.iter().map(|m| p.member(&m.id, &m.name)).collect();
            sim.send(
                Method::PATCH,
                &path,
                Some(&patch(vec![
                    json!({"op": p.op("add"), "path": "members", "value": value}),
                ])),
            )
            .await
        };
        if !c.status(&r, &[200, 204], "add members") {
            break;
        }
        if p == Profile::Okta {
            // §1.13: after a membership PATCH Okta reads the group and sends the
            // rename shape with the unchanged name and the read-only id.
            read(sim, "Groups", &group.id).await;
            let r = sim.send(Method::PATCH, &path, Some(&patch(vec![json!({"op": "replace", "value": {"id": group.id, "displayName": group.name}})]))).await;
            c.status(&r, &[200, 204], "Okta's follow-up rename with id");
        }
    }
    // Read back even when a request failed (Okta's follow-up rename may fail
    // while the members were added): what is there decides what can follow.
    let mut want: Vec<String> = members.iter().map(|m| m.id.clone()).collect();
    want.sort();
    let got = if sim.dry() {
        want.clone()
    } else {
        let (rr, v) = read(sim, "Groups", &group.id).await;
        c.status(&rr, &[200], "read back");
        member_ids(&v)
    };
    let present = got.iter().filter(|g| want.contains(g)).count();
    c.fail_if(
        present != want.len(),
        format!(
            "the group has {present} of the {} members added",
            want.len()
        ),
    );
    // Removal needs at least two members there: one to remove, one to keep.
    c.provides(present >= 2);
    sim.done(c);

    exclude_members(sim, group).await;

    let Some(mut c) = sim.start("group.remove-members") else {
        return;
    };
    let members: Vec<Made> = members
        .into_iter()
        .filter(|m| got.contains(&m.id))
        .collect();
    let gone = members[1].clone();
    let r = match p {
        // §2.10 (default job): path "members" with a value list of the ones to remove.
        Profile::Entra => sim.send(Method::PATCH, &path, Some(&patch(vec![json!({"op": "Remove", "path": "members", "value": [{"$ref": null, "value": gone.id}]})]))).await,
        // §1.13 (Okta), §2.9 (flag): a filter path per member.
        Profile::Okta | Profile::OktaSpec | Profile::MsValidator | Profile::EntraAadopt => sim.send(Method::PATCH, &path, Some(&patch(vec![json!({"op": "remove", "path": format!("members[value eq \"{}\"]", gone.id)})]))).await,
        Profile::OktaAiw => {
            let keep: Vec<Made> = members.iter().filter(|m| m.id != gone.id).cloned().collect();
            put_members(sim, group, &keep).await
        }
    };
    if c.status(&r, &[200, 204], "remove member") && !sim.dry() {
        let (_, v) = read(sim, "Groups", &group.id).await;
        let mut want: Vec<String> = members
            .iter()
            .filter(|m| m.id != gone.id)
            .map(|m| m.id.clone())
            .collect();
        want.sort();
        let got = member_ids(&v);
        if got.is_empty() {
            c.fail(format!(
                "every member was removed, not just '{}': the group had {} members, now none",
                gone.id,
                members.len()
            ));
        } else if got.contains(&gone.id) {
            c.fail(format!(
                "'{}' is still a member after its removal was answered HTTP {}",
                gone.id, r.status
            ));
        } else if got != want {
            c.fail(format!(
                "other members were removed too: {} of the {} that should stay are left",
                got.iter().filter(|g| want.contains(g)).count(),
                want.len()
            ));
        }
    }
    sim.done(c);
}

/// §2.10, §2.2: after deleting a user Entra still removes it from the groups
/// it was in, in its own removal shape, and retries that removal every cycle
/// until it succeeds. The server must answer it with a 2xx (the member is
/// gone either way), and the deleted user must not stay a member.
async fn remove_deleted_member(sim: &mut Sim, group: &Made) {
    let Some(mut c) = sim.start("group.remove-deleted-member") else {
        return;
    };
    let path = format!("/Groups/{}", group.id);
    let p = sim.profile;
    let Some(user) = make_user(sim, "gone").await else {
        c.fail("the member to delete could not be created (see the request)");
        sim.done(c);
        return;
    };
    let add = patch(vec![
        json!({"op": p.op("add"), "path": "members", "value": [p.member(&user.id, &user.name)]}),
    ]);
    let r = sim.send(Method::PATCH, &path, Some(&add)).await;
    if !c.status(&r, &[200, 204], "add the member") {
        sim.done(c);
        return;
    }
    let r = sim
        .send(Method::DELETE, &format!("/Users/{}", user.id), None)
        .await;
    if !c.status(&r, &[204, 200], "delete the member's user") {
        sim.done(c);
        return;
    }
    sim.users.retain(|u| u.id != user.id);
    let removal = if p == Profile::Entra {
        json!({"op": "Remove", "path": "members", "value": [{"$ref": null, "value": user.id}]})
    } else {
        json!({"op": "remove", "path": format!("members[value eq \"{}\"]", user.id)})
    };
    let r = sim
        .send(Method::PATCH, &path, Some(&patch(vec![removal])))
        .await;
    if !(200..300).contains(&r.status) && !sim.dry() {
        c.fail(format!(
            "removing the deleted user '{}' from the group answered HTTP {} ({}): Entra treats that as a failed export",
            user.id,
            r.status,
            if r.snippet.is_empty() { "no body" } else { &r.snippet }
        ));
    }
    if !sim.dry() {
        let (rr, v) = read(sim, "Groups", &group.id).await;
        if c.status(&rr, &[200], "read the group") {
            c.fail_if(
                member_ids(&v).contains(&user.id),
                format!(
                    "the deleted user '{}' is still a member of the group",
                    user.id
                ),
            );
        }
    }
    sim.done(c);
}

/// §2.10 / F8: Entra reads groups with `excludedAttributes=members`; this reads
/// one that has members, so that ignoring the parameter shows.
async fn exclude_members(sim: &mut Sim, group: &Made) {
    if !sim.profile.is_okta() {
        let Some(mut c) = sim.start("group.exclude-members") else {
            return;
        };
        let r = sim
            .send(
                Method::GET,
                &format!("/Groups/{}?excludedAttributes=members", group.id),
                None,
            )
            .await;
        if c.status(&r, &[200], "read") && !sim.dry() {
            match r.get("members") {
                None | Some(Value::Null) => {}
                Some(Value::Array(m)) if m.is_empty() => c.note(
                    "members came back as an empty array, which RFC 7643 §2.5 treats as unassigned, like leaving it out",
                ),
                Some(Value::Array(m)) => c.fail(format!(
                    "excludedAttributes=members was ignored: the answer lists {} members",
                    m.len()
                )),
                Some(other) => c.fail(format!("members came back as {} although excluded", show(Some(other)))),
            }
        }
        sim.done(c);
    }
}

/// §1.13 (AIW): the whole group with its full member list, by PUT.
async fn put_members(sim: &mut Sim, group: &Made, members: &[Made]) -> crate::simulate::wire::Resp {
    let (_, mut v) = read(sim, "Groups", &group.id).await;
    if !v.is_object() {
        v = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": group.name});
    }
    v["members"] = Value::Array(
        members
            .iter()
            .map(|m| json!({"value": m.id, "display": m.name}))
            .collect(),
    );
    sim.send(Method::PUT, &format!("/Groups/{}", group.id), Some(&v))
        .await
}
