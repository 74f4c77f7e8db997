//! Groups as the IdP pushes them: create, link by name, membership in batches,
//! rename, member removal in the IdP's own shape, delete.

use reqwest::Method;
use serde_json::{Value, json};

use super::{make_user, read};
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
    let mut c = sim.check(
        "group.push",
        "Push a new group (POST /Groups) and read it back",
        "idp-behaviors §1.9, §2.10; RFC 7644 §3.3",
        "Group Push fails and the group shows an error in the Push Groups tab",
        "the group is not created; its memberships fail with it, retried every cycle",
    );
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
            None => c.fail("the 201 answer has no id"),
        }
    }
    if let Some(g) = &group
        && !sim.dry()
    {
        let (rr, v) = read(sim, "Groups", &g.id).await;
        if c.status(&rr, &[200], "read back") {
            c.fail_if(
                v.get("displayName") != Some(&json!(name)),
                "displayName was not stored as sent",
            );
        }
    }
    sim.done(c);
    let Some(group) = group else { return };

    let existing = if sim.opts.product_rules {
        "Administrators".to_owned()
    } else {
        name.clone()
    };
    let mut c = sim.check(
        "group.link-existing",
        "Find an existing group by displayName (to link it)",
        "idp-behaviors §1.11, §2.3, F8, F9",
        "Okta cannot link the app's existing group and pushes a duplicate, or links the wrong one",
        "a filter that returns several groups fails with DuplicateTargetEntries; one that returns none creates a duplicate",
    );
    let r = sim
        .send(Method::GET, &sim.profile.group_lookup(&existing), None)
        .await;
    if c.status(&r, &[200], "lookup") && !sim.dry() {
        let found = r.resources();
        c.fail_if(
            found.len() != 1,
            format!(
                "displayName eq \"{existing}\" found {} groups, not 1",
                found.len()
            ),
        );
        if !sim.profile.is_okta() {
            c.fail_if(
                found.iter().any(|g| g.get("members").is_some()),
                "excludedAttributes=members was ignored (F8)",
            );
        }
    }
    sim.done(c);

    if !sim.profile.is_okta() {
        let mut c = sim.check(
            "group.exclude-members",
            "Read the group by id without members",
            "idp-behaviors §2.10, F8; RFC 7644 §3.9",
            "",
            "Entra reads every group with excludedAttributes=members; big member lists time out or fail with MultipleEntriesInResponse",
        );
        let r = sim
            .send(
                Method::GET,
                &format!("/Groups/{}?excludedAttributes=members", group.id),
                None,
            )
            .await;
        if c.status(&r, &[200], "read") && !sim.dry() {
            c.fail_if(
                r.get("members").is_some(),
                "members came back although excluded",
            );
        }
        sim.done(c);
    }

    membership(sim, &group).await;

    let new_name = sim.name("ren");
    let mut c = sim.check(
        "group.rename",
        "Rename the group and read it back",
        "idp-behaviors §1.13, §2.10, F14",
        "the rename fails; Okta also sends this shape after every membership change, so those fail too",
        "the rename is retried every cycle and the app keeps the old name",
    );
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
            c.fail_if(
                v.get("displayName") != Some(&json!(new_name)),
                "displayName did not change",
            );
            c.fail_if(v.get("id") != Some(&json!(group.id)), "the id changed");
        }
    }
    sim.done(c);

    let mut c = sim.check(
        "group.delete",
        "Delete the group; it is gone afterwards",
        "idp-behaviors §1.14, §2.10; RFC 7644 §3.6",
        "\"Unlink pushed group\" with delete fails and the group stays in the app",
        "the deleted group stays in the app",
    );
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
    let mut c = sim.check(
        "group.add-members",
        "Add members in batches and read them back",
        "idp-behaviors §1.13, §2.10, F13, F14, F27",
        "Group Push reports an error and memberships in the app drift from Okta",
        "memberships fail to export and are retried every cycle",
    );
    let mut members = Vec::new();
    for i in 1..=4 {
        if let Some(u) = make_user(sim, &format!("m{i}")).await {
            members.push(u);
        }
    }
    if members.len() < 4 && !sim.dry() {
        c.fail("could not create the member users");
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
    if !c.failed() && !sim.dry() {
        let (_, v) = read(sim, "Groups", &group.id).await;
        let mut want: Vec<String> = members.iter().map(|m| m.id.clone()).collect();
        want.sort();
        let got = member_ids(&v);
        c.fail_if(
            got != want,
            format!(
                "the group has {} of the {} members added",
                got.iter().filter(|g| want.contains(g)).count(),
                want.len()
            ),
        );
    }
    sim.done(c);
    if c_failed_last(sim) {
        return;
    }

    let mut c = sim.check(
        "group.remove-members",
        "Remove one member in the IdP's shape; the others stay",
        "idp-behaviors §1.13, §2.9, §2.10, F6, F7; RFC 7644 §3.5.2.2",
        "the member keeps access, or every member is removed from the group",
        "Entra's value-list removal wipes all members on servers that read it by the RFC's letter: everyone loses the group's access",
    );
    let gone = members[1].clone();
    let r = match p {
        // §2.10 (default job): path "members" with a value list of the ones to remove.
        Profile::Entra => sim.send(Method::PATCH, &path, Some(&patch(vec![json!({"op": "Remove", "path": "members", "value": [{"$ref": null, "value": gone.id}]})]))).await,
        // §1.13 (Okta), §2.9 (flag): a filter path per member.
        Profile::Okta | Profile::EntraAadopt => sim.send(Method::PATCH, &path, Some(&patch(vec![json!({"op": "remove", "path": format!("members[value eq \"{}\"]", gone.id)})]))).await,
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
            c.fail("every member was removed, not just one");
        } else if got.contains(&gone.id) {
            c.fail("the member is still in the group");
        } else {
            c.fail_if(got != want, "other members were removed too");
        }
    }
    sim.done(c);
}

fn c_failed_last(sim: &Sim) -> bool {
    sim.checks
        .last()
        .is_some_and(|c| c.verdict == crate::simulate::check::Verdict::Fail)
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
