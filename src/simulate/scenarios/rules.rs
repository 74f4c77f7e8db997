//! Our service's product rules as an IdP meets them: `Administrators` is
//! reserved, `Split_Administrators` maps onto it, group names are shorter than
//! 25 characters (shared/reference/product-docs).

use reqwest::Method;
use serde_json::{Value, json};

use crate::simulate::{Made, Sim};

pub async fn run(sim: &mut Sim) {
    let admins = sim
        .send(
            Method::GET,
            &sim.profile.group_lookup("Administrators"),
            None,
        )
        .await;
    let admins_id = admins
        .resources()
        .first()
        .and_then(|g| g.get("id"))
        .and_then(Value::as_str)
        .map(str::to_owned);

    let mut c = sim.check(
        "rules.administrators-reserved",
        "Pushing a group named Administrators is refused (it exists and is reserved)",
        "product docs (Administrators is reserved); RFC 7644 §3.3 (409 uniqueness)",
        "Group Push of Administrators fails: link the existing group instead (Refresh App Groups)",
        "EntryConflict on the group: name it Split_Administrators in Entra instead",
    );
    let body = sim
        .profile
        .create_group_body("Administrators", &format!("ext-adm-{}", sim.run_id));
    let r = sim.send(Method::POST, "/Groups", Some(&body)).await;
    if (200..300).contains(&r.status) {
        c.fail("a second Administrators group was created");
        if let Some(id) = r.str("id").filter(|id| Some(*id) != admins_id.as_deref()) {
            sim.groups.push(Made {
                id: id.to_owned(),
                name: "Administrators".into(),
            });
        }
    } else {
        c.status(&r, &[409], "create Administrators");
    }
    sim.done(c);

    let mut c = sim.check(
        "rules.split-administrators",
        "A group named Split_Administrators maps onto Administrators, whose name stays",
        "product docs (Split_Administrators maps to Administrators)",
        "the IdP's admin group does not reach Administrators",
        "the Entra group meant for Administrators does not reach it",
    );
    let body = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Split_Administrators"});
    let r = sim.send(Method::POST, "/Groups", Some(&body)).await;
    if c.status(&r, &[200, 201], "create Split_Administrators") && !sim.dry() {
        c.fail_if(
            r.str("id") != admins_id.as_deref(),
            "it did not map onto the existing Administrators group",
        );
        c.fail_if(
            r.str("displayName") != Some("Administrators"),
            format!(
                "the name came back as {:?}, not Administrators",
                r.str("displayName")
            ),
        );
    }
    sim.done(c);

    let mut c = sim.check(
        "rules.group-name-length",
        "Group names must be shorter than 25 characters",
        "product docs (group names under 25 characters); RFC 7644 §3.12 (invalidValue)",
        "the push of a long-named group fails with the service's message",
        "the long-named group fails to export every cycle",
    );
    let long = format!("{}-0123456789", sim.name("n"));
    let long = format!("{long:x<25}");
    let r = sim
        .send(
            Method::POST,
            "/Groups",
            Some(&sim.profile.create_group_body(&long[..25], "ext-long")),
        )
        .await;
    if (200..300).contains(&r.status) {
        c.fail("a 25-character group name was accepted");
        if let Some(id) = r.str("id") {
            sim.groups.push(Made {
                id: id.to_owned(),
                name: long.clone(),
            });
        }
    } else if c.status(&r, &[400], "25-character name") {
        c.warn_if(
            r.str("scimType") != Some("invalidValue"),
            "the 400 has no scimType invalidValue",
        );
    }
    let ok = &long[..24];
    let r = sim
        .send(
            Method::POST,
            "/Groups",
            Some(&sim.profile.create_group_body(ok, "ext-ok")),
        )
        .await;
    if c.status(&r, &[201], "24-character name")
        && let Some(id) = r.str("id")
    {
        sim.groups.push(Made {
            id: id.to_owned(),
            name: ok.to_owned(),
        });
    }
    sim.done(c);
}
