//! How an IdP finds a user it already provisioned besides `userName`: Entra's
//! `externalId` matching (2026 reports), values with characters a filter has
//! to carry through URL and JSON escaping (F25, F26), and users who share an
//! email, which is no key (F17).

use super::ids;
use crate::simulate::check::show;
use crate::simulate::{Made, Sim};
use reqwest::Method;

/// Entra looks users up by `externalId eq "<guid>"` (quoted) besides userName:
/// OctopusDeploy/Issues#9841 (2026-01), goauthentik/authentik#25987 (2026-09).
pub async fn external_id(sim: &mut Sim, user: &Made, external_id: &str) {
    let Some(mut c) = sim.start("user.match-external-id") else {
        return;
    };
    let query = format!(
        "/Users?{}",
        sim.wire
            .filter_param(&format!("externalId eq \"{external_id}\""))
    );
    let r = sim.send(Method::GET, &query, None).await;
    if r.status == 400 {
        c.fail(format!(
            "externalId eq \"{external_id}\" answered HTTP 400 ({}): Entra's matching query is refused",
            r.snippet
        ));
    } else if c.status(&r, &[200], "externalId lookup") && !sim.dry() {
        let found = ids(&r.resources());
        let found: Vec<&str> = found.iter().map(String::as_str).collect();
        match found.as_slice() {
            [one] if *one == user.id => {}
            [] => c.fail(format!(
                "externalId eq \"{external_id}\" found nothing (totalResults {}); the user was created with that externalId",
                show(r.get("totalResults"))
            )),
            [one] => c.fail(format!(
                "externalId eq \"{external_id}\" found '{one}', not the user created with it ('{}')",
                user.id
            )),
            many => c.fail(format!(
                "externalId eq \"{external_id}\" found {} users: the filter is ignored",
                many.len()
            )),
        }
    }
    sim.done(c);
}

/// F26: a userName with `+` and `'` (plus-addressing, Irish names); the
/// profile's encoding carries them as `%2B` and `%27`.
pub async fn special_characters(sim: &mut Sim) {
    let Some(mut c) = sim.start("user.special-characters") else {
        return;
    };
    let user_name = sim.user_name("o'neil+sim");
    let body = sim.profile.create_user_body(
        &user_name,
        "Sean",
        "O'Neil",
        &uuid::Uuid::new_v4().to_string(),
    );
    let r = sim.send(Method::POST, "/Users", Some(&body)).await;
    if !c.status(&r, &[201], &format!("create '{user_name}'")) {
        sim.done(c);
        return;
    }
    let Some(id) = r.str("id").map(str::to_owned) else {
        c.fail(format!("the 201 answer for '{user_name}' has no id"));
        sim.done(c);
        return;
    };
    sim.users.push(Made {
        id: id.clone(),
        name: user_name.clone(),
    });
    let r = sim
        .send(Method::GET, &sim.profile.user_lookup(&user_name), None)
        .await;
    if c.status(&r, &[200], "lookup") && !sim.dry() {
        let found = ids(&r.resources());
        c.fail_if(
            found != [id.clone()],
            format!(
                "userName eq \"{user_name}\" (sent as {}) found {} user(s), not the one just created",
                sim.profile.user_lookup(&user_name),
                found.len()
            ),
        );
    }
    sim.done(c);
}

/// F17: emails are not unique (RFC 7643 §4.1.2); a server that refuses a
/// second user sharing one answers a 409 the IdP cannot resolve.
pub async fn shared_email(sim: &mut Sim, email: &str) {
    let Some(mut c) = sim.start("user.shared-email") else {
        return;
    };
    let user_name = sim.user_name("shared");
    let mut body = sim.profile.create_user_body(
        &user_name,
        "Ada",
        "Byron",
        &uuid::Uuid::new_v4().to_string(),
    );
    body["emails"] = serde_json::json!([{"primary": true, "type": "work", "value": email}]);
    let r = sim.send(Method::POST, "/Users", Some(&body)).await;
    if let Some(id) = r.str("id") {
        sim.users.push(Made {
            id: id.to_owned(),
            name: user_name.clone(),
        });
    }
    if r.status == 409 {
        c.fail(format!(
            "POST /Users for '{user_name}' with the work email '{email}' of another user answered HTTP 409 ({}): emails are treated as unique",
            r.snippet
        ));
    } else {
        c.status(&r, &[201], "create the second user");
    }
    sim.done(c);
}
