//! `simulate ms-validator`: the tests of Microsoft's SCIM Validator (mode "Use
//! default attributes", group tests on, idp-behaviors §3.1) and of its
//! schema-discovery mode (field-2026 §2b), replayed from the recorded facts
//! (src/simulate/suites/ms-validator.json), each named as Microsoft names it.
//! Every request carries what the validator's do: `Content-Type:
//! application/scim+json; charset=utf-8` and the bearer token, lower-case PATCH
//! ops, `roles[].primary` as the string "True"; each write is verified by a
//! follow-up GET, as the validator does. A test stops at its first failed step.

use super::replay::{self, Vars};
use crate::simulate::suites;
use crate::simulate::{Made, Sim};

pub async fn run(sim: &mut Sim) {
    let suite = suites::ms_validator();
    let mut vars = variables(sim);
    vars.insert(
        "auth".into(),
        format!("Bearer {}", sim.wire.token().expose()),
    );
    for test in &suite.tests {
        let Some(mut c) = sim.start(crate::simulate::registry::spec(&test.check).id) else {
            continue;
        };
        let mut found = true;
        let mut refused_a_boolean = false;
        for (i, req) in test.steps.iter().enumerate() {
            let (answer, ok) = replay::step(sim, &mut c, req, &suite.headers, &mut vars).await;
            // Only where the server's own answer points there: another refusal
            // (Canaille's of `emails[].type`) has another cause.
            refused_a_boolean |=
                !ok && names_a_boolean(answer.r.str("detail").unwrap_or(&answer.r.snippet));
            found &= req.variables.iter().all(|v| vars.contains_key(&v.name));
            // What the run created is cleaned up afterwards.
            if req.method == "POST"
                && answer.r.status == 201
                && let Some(id) = answer.r.str("id")
            {
                let made = Made {
                    id: id.to_owned(),
                    name: String::new(),
                };
                if req.url.starts_with("/Groups") {
                    sim.groups.push(made);
                } else {
                    sim.users.push(made);
                }
            }
            if !ok {
                if i + 1 < test.steps.len() {
                    c.note(format!(
                        "step {} of {} failed, so the validator's later steps of this test were not sent",
                        i + 1,
                        test.steps.len()
                    ));
                }
                break;
            }
        }
        if test.steps.iter().any(|s| !s.variables.is_empty()) {
            c.provides(found);
        }
        if test.check == "ms-validator.empty-operations" {
            c.note("RFC 7644 §3.5.2 asks for one or more operations, so a strict server answers 400; the validator sent this PATCH in a captured run (scimmyjs/scimmy#59), and either answer is accepted here");
        }
        if test.check == "ms-validator.create-user" && c.failed() && refused_a_boolean {
            c.note("the validator sends roles[].primary as the string \"True\" (idp-behaviors §3.1): a strict boolean parser refuses the whole user");
        }
        sim.done(c);
    }
}

/// Whether a refusal's text is about a boolean or `roles[].primary`, the one
/// value the validator sends as a string.
fn names_a_boolean(answer: &str) -> bool {
    let a = answer.to_ascii_lowercase();
    ["boolean", "primary", "roles"]
        .iter()
        .any(|w| a.contains(w))
}

/// The validator fills random data; these are named after the run, so that a
/// killed run's leftovers can be found (`simulate cleanup --run-id`).
fn variables(sim: &Sim) -> Vars {
    let user = sim.user_name("msval-user");
    let group = sim.name("g");
    Vars::from([
        ("userNameCaps".into(), user.to_uppercase()),
        ("userName".into(), user),
        ("newUserName".into(), sim.user_name("msval-renamed")),
        ("managerName".into(), sim.user_name("msval-manager")),
        ("displayName".into(), "Ada Validator".into()),
        ("externalId".into(), uuid::Uuid::new_v4().to_string()),
        ("random".into(), uuid::Uuid::new_v4().to_string()),
        ("groupNameCaps".into(), group.to_uppercase()),
        ("groupName".into(), group),
        ("newGroupName".into(), sim.name("g2")),
        ("groupExternalId".into(), uuid::Uuid::new_v4().to_string()),
        (
            "newGroupExternalId".into(),
            uuid::Uuid::new_v4().to_string(),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::names_a_boolean;

    #[test]
    fn the_string_boolean_note_follows_the_servers_own_words() {
        assert!(names_a_boolean(
            "{\"detail\":\"expected value type 'boolean' but found type 'string'\"}"
        ));
        assert!(names_a_boolean("roles[0].Primary: invalid"));
        assert!(!names_a_boolean(
            "Extra inputs are not permitted: emails, 0, type"
        ));
    }
}
