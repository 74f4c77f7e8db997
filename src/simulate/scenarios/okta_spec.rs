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

use reqwest::Method;
use serde_json::Value;

use crate::simulate::check::{Pending, show};
use crate::simulate::suites::{self, Assertion, Request};
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

/// The registry id of a recorded request (tests hold every record to one).
fn check_id(req: &Request) -> &'static str {
    crate::simulate::registry::CHECKS
        .iter()
        .find(|s| s.id == req.check)
        .map(|s| s.id)
        .unwrap_or("okta-spec.users-endpoint")
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

fn substitute(template: &str, vars: &HashMap<String, String>) -> String {
    let mut out = template.to_owned();
    for (k, v) in vars {
        out = out.replace(&format!("{{{{{k}}}}}"), v);
    }
    out
}

/// The URL's path and query below the base, with spaces and quotes encoded
/// as an HTTP client encodes them.
fn target(url: &str, vars: &HashMap<String, String>) -> String {
    let rest = url.strip_prefix("{{SCIMBaseURL}}").unwrap_or(url);
    substitute(rest, vars)
        .replace(' ', "%20")
        .replace('"', "%22")
}

async fn replay(sim: &mut Sim, req: &Request, vars: &mut HashMap<String, String>) {
    let Some(mut c) = sim.start(check_id(req)) else {
        return;
    };
    let method = Method::from_bytes(req.method.as_bytes()).unwrap_or(Method::GET);
    let path = target(&req.url, vars);
    let headers: Vec<(String, String)> = req
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), substitute(v, vars)))
        .collect();
    let body = req.body.as_ref().map(|b| substitute(b, vars).into_bytes());
    let r = sim.wire.send_exact(method, &path, &headers, body).await;
    let ms = sim.wire.exchanges.last().map_or(0.0, |e| e.ms);
    if r.status == 0 {
        c.status(&r, &[200], &req.name);
        sim.done(c);
        return;
    }
    for a in &req.assertions {
        judge(&mut c, &r, ms, a, vars);
    }
    for fact in &req.script_checks {
        script_check(&mut c, &r, fact);
    }
    let mut all_found = true;
    for v in &req.variables {
        match lookup(r.json.as_ref(), &v.property).and_then(text) {
            Some(t) if !t.is_empty() => {
                vars.insert(v.name.clone(), t);
            }
            _ => {
                all_found = false;
                c.note(format!(
                    "{{{{{}}}}} could not be read from {} in the answer; the tests that use it are blocked",
                    v.name, v.property
                ));
            }
        }
    }
    if !req.variables.is_empty() {
        c.provides(all_found);
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

/// The value at a property path such as `Resources[0].name.familyName`.
fn lookup<'v>(json: Option<&'v Value>, path: &str) -> Option<&'v Value> {
    let mut v = json?;
    for part in path.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if !name.is_empty() {
            v = v.get(name)?;
        }
        if let Some(i) = index {
            v = v.get(i)?;
        }
    }
    Some(v)
}

/// A JSON value as text, the way Okta's runner compares it.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

fn judge(c: &mut Pending, r: &Resp, ms: f64, a: &Assertion, vars: &HashMap<String, String>) {
    let want = a
        .value
        .as_deref()
        .map(|v| substitute(v, vars))
        .unwrap_or_default();
    let prop = a.property.as_deref().unwrap_or("");
    let what = match a.source.as_str() {
        "response_json" => format!("{prop} {} {want:?}", a.comparison).replace(" \"\"", ""),
        other => format!("{other} {} {want}", a.comparison),
    };
    let (ok, got) = match a.source.as_str() {
        "response_status" => (
            compare_number(&r.status.to_string(), &want),
            format!("HTTP {}", r.status),
        ),
        "response_time" => (
            ms < want.parse::<f64>().unwrap_or(0.0),
            format!("{ms:.0} ms"),
        ),
        _ => {
            let Some(json) = r.json.as_ref() else {
                c.fail(format!(
                    "assertion {what}: the answer is not JSON ({} {})",
                    r.status, r.snippet
                ));
                return;
            };
            let v = lookup(Some(json), prop);
            let got = v.map_or_else(|| "nothing (absent)".to_owned(), |v| show(Some(v)));
            let ok = match a.comparison.as_str() {
                "not_empty" => v.is_some_and(|v| !is_empty(v)),
                "has_value" => v.is_some_and(|v| match v {
                    Value::Array(items) => items.iter().any(|i| text(i).as_deref() == Some(&want)),
                    other => text(other).as_deref() == Some(&want),
                }),
                "contains" => v.is_some_and(|v| match v {
                    Value::Array(items) => items
                        .iter()
                        .any(|i| text(i).is_some_and(|t| t.contains(&want))),
                    other => text(other).is_some_and(|t| t.contains(&want)),
                }),
                "is_a_number" => {
                    if let Some(Value::String(s)) = v
                        && s.parse::<f64>().is_ok()
                    {
                        c.warn(format!(
                            "assertion {what}: {prop} is the string {s:?}; RFC 7644 §3.4.2 makes it an integer, and Okta's provisioning engine reads integers"
                        ));
                        return;
                    }
                    v.is_some_and(Value::is_number)
                }
                "equal" => {
                    let same = v.and_then(text).as_deref() == Some(&want);
                    if same && prop == "status" && v.is_some_and(Value::is_number) {
                        c.warn(format!(
                            "assertion {what}: passes Okta's text comparison, but status is the number {got}; RFC 7644 §3.12 makes it a string (\"{want}\")"
                        ));
                    }
                    same
                }
                "equal_number" => v.and_then(text).is_some_and(|t| compare_number(&t, &want)),
                other => {
                    c.note(format!(
                        "assertion {what}: comparison '{other}' is not known to scimctl; not judged"
                    ));
                    true
                }
            };
            (ok, got)
        }
    };
    if !ok {
        c.fail(format!("assertion {what}: got {got}"));
    }
}

fn compare_number(got: &str, want: &str) -> bool {
    matches!((got.parse::<f64>(), want.parse::<f64>()), (Ok(a), Ok(b)) if a == b)
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
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
