//! `simulate okta-spec`: Okta's "SCIM 2.0 SPEC Test" (and, with
//! `--entitlements PATH`, its Entitlements Test) replayed from the recorded facts
//! (src/simulate/suites/okta-scim-20.json): every request in order, with its
//! headers as the test lists them and its test data (the Initial Script's
//! `Runscope…@atko.com` users), and every assertion evaluated as Okta's runner
//! compares (text for `equal`, numbers for `equal_number`). Each test is one
//! check named by Okta's test name; a failure quotes each assertion that failed
//! and what came back. What is approximate: the pauses between steps (5–10 s in
//! Okta's file) are not waited, and `is_less_than` on the response time is
//! measured from here, not from Okta's runners.

use std::collections::HashMap;

use serde_json::Value;

use super::replay::{self, Answer, Vars};
use crate::simulate::check::{Pending, show};
use crate::simulate::suites::{self, Request};
use crate::simulate::wire::Resp;
use crate::simulate::{Made, Sim};

pub async fn run(sim: &mut Sim) {
    let suite = suites::okta_scim_20();
    let mut vars = initial_variables(&sim.run_id);
    // The test's {{auth}}: what an ISV types into Runscope, "Bearer <token>".
    vars.insert(
        "auth".into(),
        format!("Bearer {}", sim.wire.token().expose()),
    );
    for req in &suite.spec_test {
        replay(sim, req, &mut vars).await;
    }
    let ent = &suite.entitlements_test;
    match sim.opts.entitlements.clone() {
        Some(path) if valid_endpoint(&path) => {
            vars.insert("EntitlementEndpoint".into(), path);
            replay(sim, ent, &mut vars).await;
        }
        Some(path) => {
            if let Some(mut c) = sim.start(check_id(ent)) {
                c.fail(format!(
                    "--entitlements {path:?} is not an endpoint path: give one like /Entitlements or /Roles (a leading /, no query)"
                ));
                sim.done(c);
            }
        }
        None => sim.skip(
            check_id(ent),
            "no --entitlements PATH was given: Okta runs its Entitlements test for apps that publish entitlements (e.g. --entitlements /Roles)",
        ),
    }
}

fn valid_endpoint(p: &str) -> bool {
    p.starts_with('/')
        && p.len() < 200
        && p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b))
}

/// The registry id of a recorded request (tests hold every record to one; an
/// unknown id is caught by `registry::spec` as for every scenario).
fn check_id(req: &Request) -> &'static str {
    crate::simulate::registry::spec(&req.check).id
}

/// The Initial Script's variables (Okta's Initial_Script_Spec.txt), as facts:
/// `Runscope` + 3 digits, a family name of one capital, 8 small letters and 3
/// digits, the e-mail `<given><family>@atko.com` as userName. The digits and
/// letters come from this run's id, so a run's users can be found again.
fn initial_variables(run_id: &str) -> HashMap<String, String> {
    let bytes: Vec<u8> = run_id
        .bytes()
        .chain(run_id.bytes().rev())
        .cycle()
        .take(12)
        .collect();
    let digit = |i: usize| (b'0' + bytes[i] % 10) as char;
    let given = format!("Runscope{}{}{}", digit(0), digit(1), digit(2));
    let mut family = String::new();
    family.push((b'A' + bytes[3] % 26) as char);
    for b in &bytes[4..12] {
        family.push((b'a' + b % 26) as char);
    }
    for i in 0..3 {
        family.push(digit(i + 5));
    }
    let email = format!("{given}{family}@atko.com");
    HashMap::from([
        ("randomGivenName".into(), given),
        ("randomFamilyName".into(), family),
        ("randomEmail".into(), email.clone()),
        ("randomUsername".into(), email.clone()),
        ("randomUsernameCaps".into(), email.to_uppercase()),
        ("InvalidUserEmail".into(), "abcdefgh@atko.com".into()),
        (
            "UserIdThatDoesNotExist".into(),
            "010101001010101011001010101011".into(),
        ),
    ])
}

async fn replay(sim: &mut Sim, req: &Request, vars: &mut Vars) {
    let Some(mut c) = sim.start(check_id(req)) else {
        return;
    };
    let (Answer { r }, _) = replay::step(sim, &mut c, req, &req.headers, vars).await;
    if r.status == 0 {
        sim.done(c);
        return;
    }
    for fact in &req.script_checks {
        script_check(&mut c, &r, fact);
    }
    if !req.variables.is_empty() {
        // What later tests read was found (whatever else failed).
        let found = req.variables.iter().all(|v| vars.contains_key(&v.name));
        c.provides(found);
    }
    // What the run created is cleaned up afterwards (Okta's test leaves it).
    if req.method == "POST"
        && r.status == 201
        && let Some(id) = r.str("id")
    {
        sim.users.push(Made {
            id: id.to_owned(),
            name: vars.get("randomUsername").cloned().unwrap_or_default(),
        });
    }
    if req.check == "okta-spec.username-case" {
        let n = r.get("totalResults");
        c.note(format!(
            "Okta's test asserts only HTTP 200 here; the upper-cased userName found {} user(s). Okta's engine matches userName case-insensitively (RFC 7643 §4.1.1, caseExact false), so 0 means Okta would create a duplicate",
            show(n)
        ));
    }
    if req.check == "okta-spec.users-endpoint" && c.failed() {
        c.note("Okta's guide says to create at least one user on the server before running the SPEC test: this test reads the first one");
    }
    sim.done(c);
}

/// The one script check Okta's SPEC test has (Verify Groups endpoint).
fn script_check(c: &mut Pending, r: &Resp, fact: &str) {
    let total = r.get("totalResults").and_then(Value::as_u64).unwrap_or(0);
    if total >= 1 && !r.get("Resources").is_some_and(Value::is_array) {
        c.fail(format!(
            "{fact}: totalResults is {total}, and Resources is {}",
            show(r.get("Resources"))
        ));
    }
}
