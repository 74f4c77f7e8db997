//! Our service's product rules as an IdP meets them: `Administrators` is
//! reserved, `Split_Administrators` maps onto it, group names are shorter than
//! 25 characters (shared/reference/product-docs).

use reqwest::Method;
use serde_json::{Value, json};

use crate::simulate::check::show;
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

    if let Some(mut c) = sim.start("rules.administrators-reserved") {
        let body = sim
            .profile
            .create_group_body("Administrators", &format!("ext-adm-{}", sim.run_id));
        let r = sim.send(Method::POST, "/Groups", Some(&body)).await;
        if (200..300).contains(&r.status) {
            c.fail(format!(
                "POST /Groups with displayName 'Administrators' answered HTTP {}: a second Administrators group was created",
                r.status
            ));
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
    }

    if let Some(mut c) = sim.start("rules.split-administrators") {
        let body = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Split_Administrators"});
        let r = sim.send(Method::POST, "/Groups", Some(&body)).await;
        if c.status(&r, &[200, 201], "create Split_Administrators") && !sim.dry() {
            c.fail_if(
                r.str("id") != admins_id.as_deref(),
                format!(
                    "it answered with id {}, not the existing Administrators group's {}",
                    show(r.get("id")),
                    admins_id
                        .as_deref()
                        .map_or("(none found)".to_owned(), |i| format!("'{i}'"))
                ),
            );
            c.fail_if(
                r.str("displayName") != Some("Administrators"),
                format!(
                    "displayName came back as {}; Administrators keeps its name",
                    show(r.get("displayName"))
                ),
            );
        }
        sim.done(c);
    }

    if let Some(mut c) = sim.start("rules.group-name-length") {
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
            c.fail(format!(
                "POST /Groups with the 25-character name '{}' answered HTTP {}: it was accepted",
                &long[..25],
                r.status
            ));
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
}
