//! `simulate okta-spec` is held to Okta's published SPEC and Entitlements tests
//! as recorded in src/simulate/suites/okta-scim-20.json: every recorded request
//! has its check (named by Okta's test name) and every check its record; a run
//! sends the recorded requests in order with exactly the recorded headers; the
//! sandbox passes every test; and for every recorded assertion, a proxy that
//! breaks exactly what it reads makes exactly that test fail, quoting it.

mod common;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::mutant::{self, Request, Response, forward};
use common::*;
use scimctl::simulate::registry::{CHECKS, Idps};
use scimctl::simulate::suites::{self, Assertion};
use serde_json::{Value, json};

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
    let mut c = s.cli();
    c.args([
        "simulate",
        "okta-spec",
        "--strict",
        "-o",
        "json",
        "--url",
        url,
        "--token-stdin",
        "--entitlements",
        "/Groups",
    ]);
    c.args(extra);
    let out = run_with_stdin(&mut c, s.token.as_ref().unwrap());
    assert!(out.code == 0 || out.code == 1, "{out:?}");
    out.json()
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
    let har: Value = serde_json::from_str(&std::fs::read_to_string(&har).unwrap()).unwrap();
    let entries: Vec<&Value> = har["log"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["comment"]
                .as_str()
                .is_some_and(|c| c.contains(" okta-spec."))
        })
        .collect();
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

/// Which record's answer to break, and which of its assertions.
static TARGET: Mutex<Option<(usize, Assertion, bool)>> = Mutex::new(None);
static SEEN: AtomicUsize = AtomicUsize::new(0);

fn segments(path: &str) -> Vec<(String, Option<usize>)> {
    path.split('.')
        .map(|p| match p.split_once('[') {
            Some((n, i)) => (n.to_owned(), i.trim_end_matches(']').parse().ok()),
            None => (p.to_owned(), None),
        })
        .collect()
}

/// Sets (or with `None`, removes) the value at a property path.
fn set_path(body: &mut Value, path: &str, to: Option<Value>) {
    let segs = segments(path);
    let mut v = body;
    for (i, (name, index)) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        if last && index.is_none() {
            match to {
                Some(t) => v[name.as_str()] = t,
                None => {
                    v.as_object_mut().map(|o| o.remove(name));
                }
            }
            return;
        }
        let Some(next) = v.get_mut(name.as_str()) else {
            return;
        };
        v = next;
        if let Some(ix) = index {
            if last {
                if let (Some(a), Some(t)) = (v.as_array_mut(), to.clone()) {
                    a[*ix] = t;
                }
                return;
            }
            let Some(next) = v.get_mut(*ix) else { return };
            v = next;
        }
    }
}

fn break_it(req: &Request, resp: &mut Response) {
    if !req.path().starts_with("/scim/v2/") || req.path().ends_with("/ServiceProviderConfig") {
        return;
    }
    let n = SEEN.fetch_add(1, Ordering::SeqCst);
    let Some((k, a, script)) = TARGET.lock().unwrap().clone() else {
        return;
    };
    if n != k {
        return;
    }
    if script {
        resp.body = Some(
            json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 1, "Resources": {"not": "a list"}}),
        );
        return;
    }
    let prop = a.property.clone().unwrap_or_default();
    let want = a.value.clone().unwrap_or_default();
    match (a.source.as_str(), a.comparison.as_str()) {
        ("response_status", _) => resp.status = want.parse::<u16>().unwrap() + 1,
        ("response_time", _) => {
            std::thread::sleep(Duration::from_millis(want.parse::<u64>().unwrap() + 100))
        }
        (_, "not_empty") => set_path(resp.body.as_mut().unwrap(), &prop, None),
        (_, "has_value") => set_path(resp.body.as_mut().unwrap(), &prop, Some(json!([]))),
        (_, "contains") => set_path(
            resp.body.as_mut().unwrap(),
            &prop,
            Some(json!(["urn:example:other"])),
        ),
        (_, "is_a_number") => set_path(resp.body.as_mut().unwrap(), &prop, Some(json!("many"))),
        (_, "equal") => set_path(resp.body.as_mut().unwrap(), &prop, Some(json!("mutated"))),
        (_, "equal_number") => set_path(resp.body.as_mut().unwrap(), &prop, Some(json!(7))),
        other => panic!("no mutant for {other:?}"),
    }
}

#[test]
fn each_recorded_assertion_fails_exactly_its_test_when_broken() {
    let mut cases = Vec::new();
    for (k, rec) in records().iter().enumerate() {
        for a in &rec.assertions {
            cases.push((k, rec.check.clone(), a.clone(), false));
        }
        if !rec.script_checks.is_empty() {
            cases.push((k, rec.check.clone(), rec.assertions[0].clone(), true));
        }
    }
    assert!(cases.len() > 40, "{} assertions", cases.len());
    for (k, check, a, script) in cases {
        *TARGET.lock().unwrap() = Some((k, a.clone(), script));
        SEEN.store(0, Ordering::SeqCst);
        let s = Sandbox::enabled();
        let proxy = mutant::start(
            s.scim_url.trim_end_matches("/scim/v2").to_owned(),
            forward,
            break_it,
        );
        let v = run_spec(&s, &format!("{proxy}/scim/v2"), &[]);
        let what = format!("{:?} {} {:?}", a.property, a.comparison, a.value);
        for c in v["checks"].as_array().unwrap() {
            if c["id"] == check.as_str() {
                assert_eq!(
                    c["verdict"], "fail",
                    "{check} / {what} (script: {script}): {c:#}"
                );
                let reasons = c["reasons"].to_string();
                let named = if script {
                    "Resources is an array".to_owned()
                } else {
                    a.property.clone().unwrap_or(a.source.clone())
                };
                assert!(
                    reasons.contains(&named),
                    "{check}: the reason quotes {named}: {reasons}"
                );
            } else {
                assert_ne!(
                    c["verdict"], "fail",
                    "breaking {check} / {what} fails only it, not {c:#}"
                );
            }
        }
        // A broken variable (the id a later test reads) blocks the tests that need it.
        let rec = records()[k];
        if !script
            && rec
                .variables
                .iter()
                .any(|var| a.property.as_deref() == Some(&var.property))
        {
            for dep in CHECKS
                .iter()
                .filter(|d| d.needs.contains(&rec.check.as_str()))
            {
                let c = v["checks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| c["id"] == dep.id)
                    .unwrap();
                assert_eq!(
                    (c["verdict"].as_str(), c["blocked_by"].as_str()),
                    (Some("blocked"), Some(rec.check.as_str())),
                    "{c:#}"
                );
            }
        }
    }
}
