//! The lifecycle steps an IdP goes through, one module per scenario, and the
//! clean-up after them.

pub mod connection;
pub mod discovery;
pub mod extended;
pub mod groups;
mod matching;
pub mod ms_validator;
pub mod okta_spec;
pub mod paging;
mod removal;
mod replay;
pub mod rules;
pub mod timing;
pub mod users;

use reqwest::Method;
use serde_json::Value;

use super::wire::Resp;
use super::{Made, Sim};

/// Is this a SCIM ListResponse with integer counts (§1.0: "integers, not strings")?
pub fn list_shape_problems(r: &Resp) -> Vec<String> {
    let mut out = Vec::new();
    let schema = r.get("schemas").and_then(Value::as_array).is_some_and(|s| {
        s.iter()
            .any(|v| v == "urn:ietf:params:scim:api:messages:2.0:ListResponse")
    });
    if !schema {
        out.push("the answer is not a ListResponse (schemas lacks urn:ietf:params:scim:api:messages:2.0:ListResponse)".to_owned());
    }
    match r.get("totalResults") {
        Some(v) if v.is_u64() => {}
        Some(v) => out.push(format!("totalResults is {v}, not an integer")),
        None => out.push("totalResults is missing".to_owned()),
    }
    if let Some(v) = r.get("Resources")
        && !v.is_array()
    {
        out.push("Resources is not an array".to_owned());
    }
    out
}

/// The ids of a page's resources, in order.
pub fn ids(resources: &[Value]) -> Vec<String> {
    resources
        .iter()
        .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// Creates a user as the profile's IdP does, for a scenario's own use (members,
/// managers). Failures show in the calling check.
pub async fn make_user(sim: &mut Sim, what: &str) -> Option<Made> {
    let name = sim.user_name(what);
    let body =
        sim.profile
            .create_user_body(&name, "Sim", what, &format!("ext-{what}-{}", sim.run_id));
    let r = sim.send(Method::POST, "/Users", Some(&body)).await;
    let id = r.str("id")?.to_owned();
    let made = Made { id, name };
    sim.users.push(made.clone());
    Some(made)
}

/// GET /Users/{id} (or /Groups/{id}) and the JSON, when it is there.
pub async fn read(sim: &mut Sim, kind: &str, id: &str) -> (Resp, Value) {
    sim.wire.read(kind, id).await
}

/// Deactivates (or reactivates) a user the way the profile's IdP does.
pub async fn set_active(sim: &mut Sim, id: &str, active: bool) -> Resp {
    sim.wire.set_active(id, active).await
}

/// Removes what the run created, as the IdP would: Okta deactivates users and
/// deletes pushed groups (§1.6, §1.14); Entra deletes both (§2.8, §2.10).
pub async fn cleanup(sim: &mut Sim) {
    sim.wire.step = "cleanup".into();
    for g in std::mem::take(&mut sim.groups) {
        sim.send(Method::DELETE, &format!("/Groups/{}", g.id), None)
            .await;
    }
    let delete = !sim.profile.is_okta() || sim.opts.cleanup_delete;
    for u in std::mem::take(&mut sim.users) {
        if delete {
            sim.send(Method::DELETE, &format!("/Users/{}", u.id), None)
                .await;
        } else {
            set_active(sim, &u.id, false).await;
        }
    }
}
