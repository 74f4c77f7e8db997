//! `simulate okta-spec` is held to Okta's published SPEC and Entitlements tests
//! as recorded in src/simulate/suites/okta-scim-20.json: every recorded request
//! has its check (named by Okta's test name) and every check its record; a run
//! sends the recorded requests in order with exactly the recorded headers; the
//! sandbox passes every test; and for every recorded assertion, a proxy that
//! breaks exactly what it reads makes exactly that test fail, quoting it.

mod common;

use common::suite_mutant::{Target, assert_breaking_fails_only};
use common::*;
use scimctl::simulate::registry::{CHECKS, Idps};
use scimctl::simulate::suites;
use serde_json::Value;

fn records() -> Vec<&'static suites::Request> {
    let s = suites::okta_scim_20();
    s.spec_test.iter().chain([&s.entitlements_test]).collect()
}

#[test]
fn every_recorded_request_has_its_check_and_every_check_its_record() {
    let s = suites::okta_scim_20();
    assert_eq!(s.source["repository"], "okta/okta-developer-docs");
    assert_eq!(
        s.source["commit"].as_str().unwrap().len(),
        40,
        "a pinned commit"
    );
    let recs = records();
    let specs: Vec<_> = CHECKS.iter().filter(|c| c.idps == Idps::OktaSpec).collect();
    assert_eq!(specs.len(), recs.len(), "one check per recorded request");
    for (spec, rec) in specs.iter().zip(&recs) {
        assert_eq!(spec.id, rec.check, "in the recorded order");
        assert!(
            spec.title.starts_with(&rec.name)
                || rec.name.starts_with(spec.title.split(':').next().unwrap()),
            "{} is titled by Okta's test name {:?}, not {:?}",
            spec.id,
            rec.name,
            spec.title
        );
    }
    // The facts the issue names, as Okta publishes them.
    let ua = |r: &suites::Request| {
        r.headers
            .iter()
            .find(|(k, _)| k == "User-Agent")
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        ua(&s.spec_test[0]).as_deref(),
        Some("OKTA SCIM Integration")
    );
    let r401 = s
        .spec_test
        .iter()
        .find(|r| r.check == "okta-spec.status-401")
        .unwrap();
    assert!(
        r401.headers
            .contains(&("Authorization".into(), "non-token".into()))
    );
    let r404 = s
        .spec_test
        .iter()
        .find(|r| r.check == "okta-spec.status-404")
        .unwrap();
    assert!(r404.assertions.iter().any(|a| a.comparison == "equal"
        && a.property.as_deref() == Some("status")
        && a.value.as_deref() == Some("404")));
    assert!(
        s.entitlements_test
            .assertions
            .iter()
            .any(|a| a.property.as_deref() == Some("itemsPerPage")
                && a.value.as_deref() == Some("1"))
    );
}

fn run_spec(s: &Sandbox, url: &str, extra: &[&str]) -> Value {
    let mut all = vec!["--entitlements", "/Groups"];
    all.extend_from_slice(extra);
    common::suite_mutant::run_suite(s, "okta-spec", url, &all)
}

#[test]
fn the_sandbox_passes_and_the_wire_carries_exactly_the_recorded_requests() {
    let s = Sandbox::enabled();
    let har = s.dir.path().join("spec.har");
    let v = run_spec(
        &s,
        &s.scim_url.clone(),
        &["--transcript", har.to_str().unwrap()],
    );
    for c in v["checks"].as_array().unwrap() {
        assert_eq!(c["verdict"], "pass", "{c:#}");
    }
    assert_eq!(v["checks"].as_array().unwrap().len(), records().len());
    let entries = common::suite_mutant::har_entries(&har, "okta-spec.");
    let recs = records();
    assert_eq!(
        entries.len(),
        recs.len(),
        "one request per record, in order"
    );
    for (e, rec) in entries.iter().zip(&recs) {
        assert!(
            e["comment"]
                .as_str()
                .unwrap()
                .ends_with(&format!(" {}", rec.check)),
            "{}",
            e["comment"]
        );
        assert_eq!(e["request"]["method"], rec.method.as_str(), "{}", rec.check);
        let url = e["request"]["url"].as_str().unwrap();
        let fixed = rec
            .url
            .replace("{{SCIMBaseURL}}", "")
            .split("{{")
            .next()
            .unwrap()
            .replace(' ', "%20")
            .replace('"', "%22");
        assert!(
            url.contains(&fixed),
            "{}: {url} follows {}",
            rec.check,
            rec.url
        );
        assert!(
            !url.contains("{{"),
            "{}: every variable filled: {url}",
            rec.check
        );
        let sent: Vec<(String, String)> = e["request"]["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["name"].as_str().unwrap().to_ascii_lowercase(),
                    h["value"].as_str().unwrap().to_owned(),
                )
            })
            .filter(|(k, _)| k != "host" && k != "content-length")
            .collect();
        let names: Vec<&str> = sent.iter().map(|(k, _)| k.as_str()).collect();
        let want: Vec<String> = rec
            .headers
            .iter()
            .map(|(k, _)| k.to_ascii_lowercase())
            .collect();
        assert_eq!(
            names, want,
            "{}: the recorded headers, in order, and no others",
            rec.check
        );
        for ((k, v), (_, recorded)) in sent.iter().zip(&rec.headers) {
            if k == "authorization" {
                let expected = if recorded == "non-token" {
                    "non-token"
                } else {
                    "<redacted>"
                };
                assert!(v.contains(expected), "{}: {k}: {v}", rec.check);
            } else {
                assert_eq!(v, recorded, "{}: {k}", rec.check);
            }
        }
        if let Some(body) = &rec.body {
            let sent: Value =
                serde_json::from_str(e["request"]["postData"]["text"].as_str().unwrap()).unwrap();
            let shape: Value = serde_json::from_str(body).unwrap();
            assert_eq!(
                keys(&sent),
                keys(&shape),
                "{}: the recorded body shape",
                rec.check
            );
            assert!(sent["userName"].as_str().unwrap().ends_with("@atko.com"));
            assert!(
                sent["name"]["givenName"]
                    .as_str()
                    .unwrap()
                    .starts_with("Runscope")
            );
        }
    }
}

fn keys(v: &Value) -> Vec<String> {
    match v {
        Value::Object(o) => o
            .iter()
            .flat_map(|(k, v)| {
                std::iter::once(k.clone())
                    .chain(keys(v).into_iter().map(move |s| format!("{k}.{s}")))
            })
            .collect(),
        Value::Array(a) => a.iter().flat_map(keys).collect(),
        _ => Vec::new(),
    }
}

// ---- one mutant per recorded assertion ------------------------------------

#[test]
fn each_recorded_assertion_fails_exactly_its_test_when_broken() {
    let mut n = 0;
    for (k, rec) in records().iter().enumerate() {
        let script = rec
            .script_checks
            .iter()
            .map(|_| (rec.assertions[0].clone(), true));
        for (a, script) in rec
            .assertions
            .iter()
            .map(|a| (a.clone(), false))
            .chain(script)
        {
            // A broken variable (the id a later test reads) blocks the tests that need it.
            let blocks = !script
                && rec
                    .variables
                    .iter()
                    .any(|v| a.property.as_deref() == Some(&v.property));
            let target = Target {
                request: k,
                assertion: a,
                script,
            };
            assert_breaking_fails_only(
                "okta-spec",
                &["--entitlements", "/Groups"],
                target,
                &rec.check,
                blocks,
            );
            n += 1;
        }
    }
    assert!(n > 40, "{n} assertions");
}
