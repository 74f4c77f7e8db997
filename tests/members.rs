//! `groups get --members` resolves member names in batches
//! (`filter=id eq … or …`, 50 ids a request) on any SCIM server, and falls
//! back to one GET per member where a server refuses or ignores the filter.

mod common;

use common::hostile::{self, Reply, Request};
use common::*;
use serde_json::{Value, json};

const MEMBERS: usize = 120;

fn user_name(id: &str) -> String {
    format!("{id}@example.com")
}

/// The query parameters of a request target.
fn query(req: &Request) -> Vec<(String, String)> {
    let url = url::Url::parse(&format!("http://x{}", req.target)).unwrap();
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn list(resources: Vec<Value>) -> Reply {
    Reply::json(
        200,
        &json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
            "totalResults": resources.len(), "Resources": resources}),
    )
}

/// A server with one group of `MEMBERS` users and one nested group;
/// `filters` says how it treats `id eq … or …`: "honour", "refuse" or "ignore".
fn server(filters: &'static str) -> hostile::Hostile {
    hostile::start(move |req| {
        let path = req.target.split('?').next().unwrap().to_owned();
        let q = query(req);
        let filter = q
            .iter()
            .find(|(k, _)| k == "filter")
            .map(|(_, v)| v.clone());
        if path == "/scim/v2/Groups" && filter.as_deref() == Some("displayName eq \"Big\"") {
            let mut members: Vec<Value> = (0..MEMBERS)
                .map(|i| json!({"value": format!("u{i}"), "type": "User"}))
                .collect();
            members.push(json!({"value": "g1", "type": "Group", "display": "Nested (display)"}));
            return list(vec![
                json!({"id": "big", "displayName": "Big", "members": members}),
            ]);
        }
        if let Some(id) = path.strip_prefix("/scim/v2/Users/") {
            return Reply::json(200, &json!({"id": id, "userName": user_name(id)}));
        }
        if path == "/scim/v2/Groups/g1" {
            return Reply::json(200, &json!({"id": "g1", "displayName": "Nested"}));
        }
        let Some(filter) = filter else {
            return Reply::json(404, &json!({}));
        };
        match filters {
            "refuse" => Reply::json(
                400,
                &json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "400",
                    "scimType": "invalidFilter", "detail": "no or"}),
            ),
            // Answers a page of users whatever was asked.
            "ignore" => list(
                (0..10)
                    .map(|i| json!({"id": format!("other{i}"), "userName": "x"}))
                    .collect(),
            ),
            _ => {
                let ids: Vec<&str> = filter
                    .split(" or ")
                    .map(|t| t.trim_start_matches("id eq \"").trim_end_matches('"'))
                    .collect();
                let groups = path.ends_with("/Groups");
                list(
                    ids.iter()
                        .map(|id| {
                            if groups {
                                json!({"id": id, "displayName": "Nested"})
                            } else {
                                json!({"id": id, "userName": user_name(id)})
                            }
                        })
                        .collect(),
                )
            }
        }
    })
}

fn members_of(server: &hostile::Hostile) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let out = run(scimctl_against(dir.path(), &server.base).args([
        "groups",
        "get",
        "--name",
        "Big",
        "--members",
        "-o",
        "json",
    ]));
    out.code(0);
    out.json()["members"].as_array().unwrap().clone()
}

fn assert_all_named(members: &[Value]) {
    assert_eq!(members.len(), MEMBERS + 1);
    for m in members {
        let id = m["value"].as_str().unwrap();
        let want = if id == "g1" {
            "Nested".to_owned()
        } else {
            user_name(id)
        };
        assert_eq!(m["name"], want.as_str(), "{m}");
    }
}

#[test]
fn names_come_in_batches_of_fifty() {
    let s = server("honour");
    assert_all_named(&members_of(&s));
    let asked: Vec<String> = s.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        asked.len(),
        1 + 3 + 1,
        "the group, three user batches, one group batch: {asked:#?}"
    );
    assert!(
        asked.iter().all(|t| !t.starts_with("/scim/v2/Users/")),
        "{asked:#?}"
    );
}

#[test]
fn a_server_that_refuses_the_filter_gets_one_get_per_member() {
    let s = server("refuse");
    assert_all_named(&members_of(&s));
    let singles = s
        .requests()
        .iter()
        .filter(|r| r.target.starts_with("/scim/v2/Users/"))
        .count();
    assert_eq!(singles, MEMBERS);
}

#[test]
fn a_server_that_ignores_the_filter_is_not_believed() {
    let s = server("ignore");
    let members = members_of(&s);
    assert_all_named(&members);
    assert!(members.iter().all(|m| m["name"] != "x"));
}
