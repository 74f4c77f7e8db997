//! Breaking exactly what one recorded assertion of a replayed test suite
//! (src/simulate/suites) reads, in a proxied answer: its status, or the one
//! property it compares.

use std::time::Duration;

use scimctl::simulate::suites::Assertion;
use serde_json::{Value, json};

use super::mutant::Response;

/// The key of `obj` that `path` starts with, longest first (URN keys hold dots).
fn key_of<'p>(obj: &serde_json::Map<String, Value>, path: &'p str) -> Option<(String, &'p str)> {
    let key = obj
        .keys()
        .filter(|k| {
            path == k.as_str()
                || path.starts_with(&format!("{k}."))
                || path.starts_with(&format!("{k}["))
        })
        .max_by_key(|k| k.len())?
        .clone();
    let rest = &path[key.len()..];
    Some((key, rest))
}

/// Sets (or with `None`, removes) the value at a property path; `x[].y` sets
/// `x` itself (every element's `y` is gone with it).
pub fn set_path(v: &mut Value, path: &str, to: Option<Value>) {
    let Some(obj) = v.as_object_mut() else { return };
    let Some((key, rest)) = key_of(obj, path).or_else(|| {
        // An absent final key is added.
        (!path.contains(['.', '['])).then(|| (path.to_owned(), ""))
    }) else {
        return;
    };
    if rest.is_empty() || rest.starts_with("[]") {
        match to {
            Some(t) => {
                obj.insert(key, t);
            }
            None => {
                obj.remove(&key);
            }
        }
        return;
    }
    let Some(child) = obj.get_mut(&key) else {
        return;
    };
    if let Some(after) = rest.strip_prefix('[') {
        let Some((index, tail)) = after.split_once(']') else {
            return;
        };
        let Some(item) = index.parse::<usize>().ok().and_then(|i| child.get_mut(i)) else {
            return;
        };
        match tail.strip_prefix('.') {
            Some(sub) => set_path(item, sub, to),
            None => {
                if let Some(t) = to {
                    *item = t;
                }
            }
        }
    } else if let Some(sub) = rest.strip_prefix('.') {
        set_path(child, sub, to);
    }
}

/// Changes the answer so that exactly assertion `a` no longer holds.
pub fn break_assertion(resp: &mut Response, a: &Assertion) {
    let prop = a.property.clone().unwrap_or_default();
    let want = a.value.clone().unwrap_or_default();
    let body = resp.body.get_or_insert_with(|| json!({}));
    match (a.source.as_str(), a.comparison.as_str()) {
        ("response_status", "one_of") => resp.status = 299,
        ("response_status", _) => resp.status = want.parse::<u16>().unwrap() + 1,
        ("response_time", _) => {
            std::thread::sleep(Duration::from_millis(want.parse::<u64>().unwrap() + 100))
        }
        (_, "not_empty") => set_path(body, &prop, None),
        (_, "absent" | "empty") => {
            set_path(body, &prop, Some(json!([{"value": "added-by-the-mutant"}])))
        }
        (_, "has_value") => set_path(body, &prop, Some(json!([]))),
        (_, "contains") => set_path(body, &prop, Some(json!(["urn:example:other"]))),
        (_, "is_a_number") => set_path(body, &prop, Some(json!("many"))),
        (_, "equal") => set_path(body, &prop, Some(json!("mutated"))),
        (_, "equal_number") => set_path(body, &prop, Some(json!(7))),
        other => panic!("no mutant for {other:?}"),
    }
}

/// `scimctl simulate PROFILE --strict -o json --url URL --token-stdin ARGS…`
/// with the sandbox's token: the report (exit 0 or 1).
pub fn run_suite(s: &super::Sandbox, profile: &str, url: &str, args: &[&str]) -> Value {
    let mut c = s.cli();
    c.args([
        "simulate",
        profile,
        "--strict",
        "-o",
        "json",
        "--url",
        url,
        "--token-stdin",
    ]);
    c.args(args);
    let out = super::run_with_stdin(&mut c, s.token.as_ref().unwrap());
    assert!(out.code == 0 || out.code == 1, "{out:?}");
    out.json()
}

/// The HAR transcript's entries of the checks whose ids start with `prefix`.
pub fn har_entries(path: &std::path::Path, prefix: &str) -> Vec<Value> {
    let har: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    har["log"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["comment"]
                .as_str()
                .is_some_and(|c| c.contains(&format!(" {prefix}")))
        })
        .cloned()
        .collect()
}

/// The recorded request to break (its place among the run's SCIM requests),
/// and what of its answer: one assertion, or (`script`) the Resources array.
#[derive(Clone)]
pub struct Target {
    pub request: usize,
    pub assertion: Assertion,
    pub script: bool,
}

static TARGET: std::sync::Mutex<Option<Target>> = std::sync::Mutex::new(None);
static SEEN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The proxy's hook: breaks the target request's answer (scimctl's own probe
/// of /ServiceProviderConfig is not counted).
fn break_target(req: &super::mutant::Request, resp: &mut Response) {
    if !req.path().starts_with("/scim/v2/") || req.path().ends_with("/ServiceProviderConfig") {
        return;
    }
    let n = SEEN.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let Some(t) = TARGET.lock().unwrap().clone() else {
        return;
    };
    if n != t.request {
        return;
    }
    if t.script {
        resp.body = Some(
            json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 1, "Resources": {"not": "a list"}}),
        );
    } else {
        break_assertion(resp, &t.assertion);
    }
}

/// Runs `profile` against a fresh sandbox behind a proxy that breaks `t`, and
/// checks that exactly `check` fails, quoting what broke, and (`blocks`) that
/// the checks needing it are blocked by it.
pub fn assert_breaking_fails_only(
    profile: &str,
    extra: &[&str],
    t: Target,
    check: &str,
    blocks: bool,
) {
    let what = format!(
        "{:?} {} {:?}",
        t.assertion.property, t.assertion.comparison, t.assertion.value
    );
    let named = if t.script {
        "Resources is an array".to_owned()
    } else {
        t.assertion
            .property
            .clone()
            .unwrap_or(t.assertion.source.clone())
    };
    *TARGET.lock().unwrap() = Some(t);
    SEEN.store(0, std::sync::atomic::Ordering::SeqCst);
    let s = super::Sandbox::enabled();
    let origin = s.scim_url.trim_end_matches("/scim/v2").to_owned();
    let proxy = super::mutant::start(origin, super::mutant::forward, break_target);
    let v = run_suite(&s, profile, &format!("{proxy}/scim/v2"), extra);
    let checks = v["checks"].as_array().unwrap();
    for c in checks {
        if c["id"] == check {
            assert_eq!(c["verdict"], "fail", "{check} / {what}: {c:#}");
            assert!(
                c["reasons"].to_string().contains(&named),
                "{check}: the reason quotes {named}: {c:#}"
            );
        } else {
            assert_ne!(
                c["verdict"], "fail",
                "breaking {check} / {what} fails only it, not {c:#}"
            );
        }
    }
    if blocks {
        for dep in scimctl::simulate::registry::CHECKS
            .iter()
            .filter(|d| d.needs.contains(&check))
        {
            let c = checks.iter().find(|c| c["id"] == dep.id).unwrap();
            assert_eq!(
                (c["verdict"].as_str(), c["blocked_by"].as_str()),
                (Some("blocked"), Some(check)),
                "{c:#}"
            );
        }
    }
}
