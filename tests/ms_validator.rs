//! `simulate ms-validator` is held to Microsoft's SCIM Validator as recorded in
//! src/simulate/suites/ms-validator.json: every recorded test has its check
//! (named as Microsoft names it) and every check its record; a run sends every
//! recorded step in order with the validator's headers; the sandbox passes every
//! test; and for every recorded assertion, a proxy that breaks exactly what it
//! reads makes exactly that test fail (others pass or are blocked by it).

mod common;

use common::suite_mutant::{Target, assert_breaking_fails_only};
use common::*;
use scimctl::simulate::registry::{CHECKS, Idps};
use scimctl::simulate::suites;
use serde_json::Value;

#[test]
fn every_recorded_test_has_its_check_and_every_check_its_record() {
    let s = suites::ms_validator();
    let specs: Vec<_> = CHECKS
        .iter()
        .filter(|c| c.idps == Idps::MsValidator)
        .collect();
    assert_eq!(specs.len(), s.tests.len());
    for (spec, t) in specs.iter().zip(&s.tests) {
        assert_eq!(
            (spec.id, spec.title),
            (t.check.as_str(), t.name.as_str()),
            "in order, under Microsoft's name"
        );
    }
    // The recorded traits (idp-behaviors §3.1): lower-case ops, roles[].primary "True".
    let bodies: Vec<&str> = s
        .tests
        .iter()
        .flat_map(|t| &t.steps)
        .filter_map(|r| r.body.as_deref())
        .collect();
    assert!(bodies.iter().any(|b| b.contains(r#""primary":"True""#)));
    for b in &bodies {
        for op in ["\"op\":\"Add\"", "\"op\":\"Replace\"", "\"op\":\"Remove\""] {
            assert!(!b.contains(op), "the validator's ops are lower-case: {b}");
        }
    }
    assert!(
        s.headers
            .iter()
            .any(|(k, v)| k == "Content-Type" && v == "application/scim+json; charset=utf-8")
    );
}

fn run_validator(s: &Sandbox, url: &str, extra: &[&str]) -> Value {
    common::suite_mutant::run_suite(s, "ms-validator", url, extra)
}

#[test]
fn the_sandbox_passes_and_every_step_goes_out_in_order() {
    let s = Sandbox::enabled();
    let har = s.dir.path().join("ms.har");
    let v = run_validator(
        &s,
        &s.scim_url.clone(),
        &["--transcript", har.to_str().unwrap()],
    );
    let suite = suites::ms_validator();
    assert_eq!(v["checks"].as_array().unwrap().len(), suite.tests.len());
    for c in v["checks"].as_array().unwrap() {
        assert_eq!(c["verdict"], "pass", "{c:#}");
    }
    let entries = common::suite_mutant::har_entries(&har, "ms-validator.");
    let steps: Vec<(&str, &suites::Request)> = suite
        .tests
        .iter()
        .flat_map(|t| t.steps.iter().map(move |r| (t.check.as_str(), r)))
        .collect();
    assert_eq!(entries.len(), steps.len(), "every recorded step, once");
    for (e, (check, req)) in entries.iter().zip(&steps) {
        assert!(e["comment"].as_str().unwrap().ends_with(check));
        assert_eq!(e["request"]["method"], req.method.as_str());
        let fixed = req
            .url
            .split("{{")
            .next()
            .unwrap()
            .replace(' ', "%20")
            .replace('"', "%22");
        assert!(
            e["request"]["url"].as_str().unwrap().contains(&fixed),
            "{check}: {}",
            e["request"]["url"]
        );
        let names: Vec<String> = e["request"]["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["name"].as_str().unwrap().to_ascii_lowercase())
            .filter(|k| k != "host" && k != "content-length")
            .collect();
        assert_eq!(
            names,
            ["content-type", "authorization"],
            "{check}: the validator's headers only"
        );
    }
}

#[test]
fn each_recorded_assertion_fails_exactly_its_test_when_broken() {
    let suite = suites::ms_validator();
    let mut k = 0;
    let mut n = 0;
    for t in &suite.tests {
        for req in &t.steps {
            for a in &req.assertions {
                // Breaking a value a later test reads (an id) blocks that test.
                let blocks = req
                    .variables
                    .iter()
                    .any(|v| a.property.as_deref() == Some(&v.property));
                let target = Target {
                    request: k,
                    assertion: a.clone(),
                    script: false,
                };
                assert_breaking_fails_only("ms-validator", &[], target, &t.check, blocks);
                n += 1;
            }
            k += 1;
        }
    }
    assert!(n > 60, "{n} assertions");
}
