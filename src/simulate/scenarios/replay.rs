//! Replaying a recorded test suite's request (src/simulate/suites): variables
//! filled in, the recorded headers sent exactly, and each recorded assertion
//! judged as the suite's runner compares (text for `equal`, numbers for
//! `equal_number`), a failure quoting the assertion and what came back. Shared
//! by `okta-spec` and `ms-validator`.

use std::collections::HashMap;

use reqwest::Method;
use serde_json::Value;

use crate::simulate::Sim;
use crate::simulate::check::{Pending, show};
use crate::simulate::suites::{Assertion, Request};
use crate::simulate::wire::Resp;

pub type Vars = HashMap<String, String>;

pub fn substitute(template: &str, vars: &Vars) -> String {
    let mut out = template.to_owned();
    for (k, v) in vars {
        out = out.replace(&format!("{{{{{k}}}}}"), v);
    }
    out
}

/// The URL's path and query below the base, with spaces and quotes encoded
/// as an HTTP client encodes them.
pub fn target(url: &str, vars: &Vars) -> String {
    let rest = url.strip_prefix("{{SCIMBaseURL}}").unwrap_or(url);
    substitute(rest, vars)
        .replace(' ', "%20")
        .replace('"', "%22")
}

/// What a step's answer was.
pub struct Answer {
    pub r: Resp,
}

/// Sends one recorded request with `headers` (the record's own, or the
/// suite's) and judges its assertions into `c`; reads its variables into
/// `vars`. Returns the answer and whether every assertion held and every
/// variable was found.
pub async fn step(
    sim: &mut Sim,
    c: &mut Pending,
    req: &Request,
    headers: &[(String, String)],
    vars: &mut Vars,
) -> (Answer, bool) {
    let method = Method::from_bytes(req.method.as_bytes()).unwrap_or(Method::GET);
    let path = target(&req.url, vars);
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.clone(), substitute(v, vars)))
        .collect();
    let body = req.body.as_ref().map(|b| substitute(b, vars).into_bytes());
    let r = sim.wire.send_exact(method, &path, &headers, body).await;
    let ms = sim.wire.exchanges.last().map_or(0.0, |e| e.ms);
    if r.status == 0 {
        c.status(&r, &[200], &format!("{} {}", req.method, req.url));
        return (Answer { r }, false);
    }
    let before = c.failed();
    for a in &req.assertions {
        judge(c, &r, ms, a, vars);
    }
    let mut ok = !c.failed() || before;
    for v in &req.variables {
        match lookup(r.json.as_ref(), &v.property).as_ref().and_then(text) {
            Some(t) if !t.is_empty() => {
                vars.insert(v.name.clone(), t);
            }
            _ => {
                ok = false;
                c.note(format!(
                    "{{{{{}}}}} could not be read from {} in the answer; the tests that use it are blocked",
                    v.name, v.property
                ));
            }
        }
    }
    (Answer { r }, ok && !c.failed())
}

/// The value at a property path: `Resources[0].name.familyName`, a key that
/// holds dots (`urn:…:enterprise:2.0:User.department`), or `members[].value`
/// (that sub-attribute of every element, as an array).
pub fn lookup(json: Option<&Value>, path: &str) -> Option<Value> {
    let v = json?;
    if path.is_empty() {
        return Some(v.clone());
    }
    let obj = v.as_object()?;
    // The longest key the path starts with (URN keys contain dots).
    let key = obj
        .keys()
        .filter(|k| {
            path == k.as_str()
                || path.starts_with(&format!("{k}."))
                || path.starts_with(&format!("{k}["))
        })
        .max_by_key(|k| k.len())?;
    let mut rest = &path[key.len()..];
    let mut v = obj.get(key)?.clone();
    while let Some(after) = rest.strip_prefix('[') {
        let (index, tail) = after.split_once(']')?;
        rest = tail;
        if index.is_empty() {
            let sub = rest.strip_prefix('.').unwrap_or(rest);
            let items = v.as_array()?;
            let all: Vec<Value> = items.iter().filter_map(|i| lookup(Some(i), sub)).collect();
            return Some(Value::Array(all));
        }
        v = v.get(index.parse::<usize>().ok()?)?.clone();
    }
    match rest.strip_prefix('.') {
        Some(sub) => lookup(Some(&v), sub),
        None if rest.is_empty() => Some(v),
        None => None,
    }
}

/// A JSON value as text, the way the runners compare it.
pub fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

pub fn judge(c: &mut Pending, r: &Resp, ms: f64, a: &Assertion, vars: &Vars) {
    let want = a
        .value
        .as_deref()
        .map(|v| substitute(v, vars))
        .unwrap_or_default();
    let prop = a.property.as_deref().unwrap_or("");
    let what = match a.source.as_str() {
        "response_json" if want.is_empty() => format!("{prop} {}", a.comparison),
        "response_json" => format!("{prop} {} {want:?}", a.comparison),
        other => format!("{other} {} {want}", a.comparison),
    };
    let (ok, got) = match a.source.as_str() {
        "response_status" => {
            let ok = match a.comparison.as_str() {
                "one_of" => want
                    .split(',')
                    .any(|w| compare_number(&r.status.to_string(), w)),
                _ => compare_number(&r.status.to_string(), &want),
            };
            let detail = r
                .str("detail")
                .map(|d| format!(": {d}"))
                .unwrap_or_default();
            (ok, format!("HTTP {}{detail}", r.status))
        }
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
            let got = v
                .as_ref()
                .map_or_else(|| "nothing (absent)".to_owned(), |v| show(Some(v)));
            let ok = match a.comparison.as_str() {
                "not_empty" => v.as_ref().is_some_and(|v| !is_empty(v)),
                "absent" => v.is_none(),
                "empty" => v.as_ref().is_none_or(is_empty),
                "has_value" => v.as_ref().is_some_and(|v| match v {
                    Value::Array(items) => items.iter().any(|i| text(i).as_deref() == Some(&want)),
                    other => text(other).as_deref() == Some(&want),
                }),
                "contains" => v.as_ref().is_some_and(|v| match v {
                    Value::Array(items) => items
                        .iter()
                        .any(|i| text(i).is_some_and(|t| t.contains(&want))),
                    other => text(other).is_some_and(|t| t.contains(&want)),
                }),
                "is_a_number" => {
                    if let Some(Value::String(s)) = &v
                        && s.parse::<f64>().is_ok()
                    {
                        c.warn(format!(
                            "assertion {what}: {prop} is the string {s:?}; RFC 7644 §3.4.2 makes it an integer, and the IdPs' engines read integers"
                        ));
                        return;
                    }
                    v.as_ref().is_some_and(Value::is_number)
                }
                "equal" => {
                    let same = v.as_ref().and_then(text).as_deref() == Some(&want);
                    if same && prop == "status" && v.as_ref().is_some_and(Value::is_number) {
                        c.warn(format!(
                            "assertion {what}: passes the runner's text comparison, but status is the number {got}; RFC 7644 §3.12 makes it a string (\"{want}\")"
                        ));
                    }
                    same
                }
                "equal_number" => v
                    .as_ref()
                    .and_then(text)
                    .is_some_and(|t| compare_number(&t, &want)),
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
    matches!((got.trim().parse::<f64>(), want.trim().parse::<f64>()), (Ok(a), Ok(b)) if a == b)
}

pub fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}
