//! One request can no longer hurt the sandbox: filters with thousands of terms
//! (in a query, a `.search` body or a PATCH path) are refused with 400 and the
//! process keeps answering; a filter that can't hold is refused whatever the data;
//! member lists and PATCH operations have documented limits, and a request at the
//! member limit is applied (hashed de-duplication keeps it linear).

mod common;

use common::*;
use serde_json::{Value, json};

fn chain(n: usize, sep: &str) -> String {
    vec!["a pr"; n].join(sep)
}

#[test]
fn huge_filters_are_refused_and_the_sandbox_survives() {
    let s = Sandbox::enabled();
    // 5,500 terms in a query (60 KB, about as long as a URL can be), 6,000 in a
    // .search body, 30,000 in a PATCH path.
    let (status, v) = s.get(&format!(
        "/Users?filter={}",
        chain(5500, " and ").replace(' ', "+")
    ));
    assert_eq!(status, 400, "{v}");
    assert_eq!(scim_error_type(&v), Some("invalidFilter"), "{v}");
    let (status, v) = s.post(
        "/Users/.search",
        json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": chain(6000, " or ")}),
    );
    assert_eq!(status, 400, "{v}");
    let user = s.user("limits@example.com");
    let id = user["id"].as_str().unwrap();
    let path = format!(
        "emails[{}].value",
        vec!["type eq \"work\""; 30_000].join(" or ")
    );
    let (status, v) = s.patch(
        &format!("/Users/{id}"),
        json!([{"op": "replace", "path": path, "value": "x@example.com"}]),
    );
    assert_eq!(status, 400, "{v}");
    // Still alive, and a long but legal chain works (flat, not a deep tree).
    let legal = vec!["userName pr"; 900].join(" and ");
    let (status, v) = s.get(&format!("/Users?filter={}", enc(&legal)));
    assert_eq!(status, 200, "{v}");
    assert_eq!(
        v["totalResults"],
        s.get("/Users").1["totalResults"],
        "every user has a userName"
    );
    let deep = format!("{}userName pr{}", "(".repeat(60), ")".repeat(60));
    assert_eq!(s.get(&format!("/Users?filter={}", enc(&deep))).0, 200);
    let too_deep = format!("{}userName pr{}", "(".repeat(70), ")".repeat(70));
    assert_eq!(s.get(&format!("/Users?filter={}", enc(&too_deep))).0, 400);
}

#[test]
fn a_filter_that_cannot_hold_is_refused_whatever_the_data() {
    let s = Sandbox::enabled();
    for f in [
        "userName eq \"nobody\" and active gt true",
        "userName eq \"nobody\" and userName[value eq \"x\"] pr",
        "userName eq \"nobody\" and emails gt null",
    ] {
        let (status, v) = s.get(&format!("/Users?filter={}", enc(f)));
        assert_eq!(status, 400, "{f}: {v}");
        assert_eq!(scim_error_type(&v), Some("invalidFilter"), "{f}: {v}");
    }
}

#[test]
fn member_lists_and_operations_have_limits_and_the_limit_is_applied() {
    let s = Sandbox::enabled_with(&["--seed-users", "10000"]);
    let mut ids: Vec<String> = Vec::new();
    while ids.len() < 10_000 {
        let (_, page) = s.get(&format!(
            "/Users?startIndex={}&count=1000&attributes=id",
            ids.len() + 1
        ));
        let got = page["Resources"].as_array().unwrap();
        assert!(!got.is_empty());
        ids.extend(got.iter().map(|u| u["id"].as_str().unwrap().to_owned()));
    }
    assert_eq!(ids.len(), 10_000);
    let group = s.group("limit-group", &[]);
    let gid = group["id"].as_str().unwrap();
    // 10,000 members at once, then duplicates of some, then a write right after.
    let members: Vec<Value> = ids.iter().map(|i| json!({"value": i})).collect();
    let (status, v) = s.patch(
        &format!("/Groups/{gid}"),
        json!([{"op": "add", "path": "members", "value": members}]),
    );
    assert!(status == 200 || status == 204, "{status}: {v}");
    let (_, g) = s.get(&format!("/Groups/{gid}"));
    assert_eq!(g["members"].as_array().unwrap().len(), 10_000);
    let twice: Vec<Value> = ids[..10]
        .iter()
        .chain(&ids[..10])
        .map(|i| json!({"value": i}))
        .collect();
    let (status, _) = s.patch(
        &format!("/Groups/{gid}"),
        json!([{"op": "add", "path": "members", "value": twice}]),
    );
    assert!(status == 200 || status == 204);
    let (_, g) = s.get(&format!("/Groups/{gid}"));
    assert_eq!(
        g["members"].as_array().unwrap().len(),
        10_000,
        "duplicates are not added"
    );
    // Past the limits: a clear 400, and nothing changed.
    let over: Vec<Value> = (0..10_001)
        .map(|i| json!({"value": format!("x{i}")}))
        .collect();
    let (status, v) = s.patch(
        &format!("/Groups/{gid}"),
        json!([{"op": "add", "path": "members", "value": over}]),
    );
    assert_eq!(status, 400, "{v}");
    assert!(
        v["detail"]
            .as_str()
            .unwrap()
            .contains("at most 10000 members"),
        "{v}"
    );
    let ops: Vec<Value> = (0..1001)
        .map(|_| json!({"op": "replace", "path": "displayName", "value": "x"}))
        .collect();
    let (status, v) = s.patch(&format!("/Groups/{gid}"), Value::Array(ops));
    assert_eq!(status, 400, "{v}");
    assert!(
        v["detail"]
            .as_str()
            .unwrap()
            .contains("at most 1000 operations"),
        "{v}"
    );
    assert_eq!(s.user("after@example.com")["userName"], "after@example.com");
}

/// Filters on stored single-valued attributes run in SQLite over indexes, so they
/// answer whatever the size; what must be evaluated in Rust (multi-valued
/// attributes) is bounded: past 10,000 rows a 400 tooMany that says how to
/// narrow it, and narrowed by an indexed condition it answers.
#[test]
fn rust_side_evaluation_is_bounded_and_indexed_filters_are_not() {
    let s = Sandbox::enabled_with(&["--seed-users", "10500"]);
    let (status, v) = s.get(&format!("/Users?count=1&filter={}", enc("active eq true")));
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["totalResults"], 10_501, "the seeded users and the owner");
    let (status, v) = s.get(&format!(
        "/Users?count=5&sortBy=name.familyName&sortOrder=descending&filter={}",
        enc("name.familyName sw \"family1\"")
    ));
    assert_eq!(status, 200, "{v}");
    // Seeded users are numbered 1..=10500: Family1, Family10–19, …100–199, …1000–1999, …10000–10500.
    assert_eq!(v["totalResults"], 1 + 10 + 100 + 1000 + 501);
    let multi = "emails.value co \"@example.test\"";
    let (status, v) = s.get(&format!("/Users?count=1&filter={}", enc(multi)));
    assert_eq!(status, 400, "{v}");
    assert_eq!(scim_error_type(&v), Some("tooMany"), "{v}");
    assert!(
        v["detail"].as_str().unwrap().contains("more than 10000"),
        "{v}"
    );
    let narrowed = format!("{multi} and userName sw \"user0001\"");
    let (status, v) = s.get(&format!("/Users?count=1&filter={}", enc(&narrowed)));
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["totalResults"], 100, "user000100 … user000199");
    // The sandbox still answers cheap requests at once.
    let (status, _) = s.get(&format!(
        "/Users?filter={}",
        enc("userName eq \"user000001@example.test\"")
    ));
    assert_eq!(status, 200);
}
