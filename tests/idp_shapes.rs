//! The request shapes Okta and Entra really send (shared/reference/idp-behaviors.md
//! §1–§2), replayed over HTTP against a sandbox process; each answer is read back.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{Value, json};

fn okta_user(s: &Sandbox, user_name: &str) -> Value {
    // §1.3: Okta's create body, with the placeholder password and `groups: []`.
    let (st, v) = send(
        s.scim(Method::POST, "/Users")
            .header("user-agent", "Okta SCIM Client 1.0.0")
            .header("accept", "application/scim+json")
            .header("content-type", "application/scim+json; charset=utf-8")
            .json(&json!({"schemas": [USER_SCHEMA], "userName": user_name, "name": {"givenName": "Test", "familyName": "User"},
                "emails": [{"primary": true, "value": user_name, "type": "work"}], "displayName": "Test User", "locale": "en-US",
                "externalId": "00ujl29u0le5T6Aj10h7", "groups": [], "password": "1mz050nq", "active": true})),
    );
    assert_eq!(st, 201, "{v}");
    v
}

#[test]
fn okta_match_create_update_deactivate_reactivate() {
    let s = Sandbox::enabled();
    // §1.3: the existence check, in both encodings, finds nothing: 200 with an empty list.
    for q in [
        "filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100",
        "filter=userName+eq+%22test.user%40okta.local%22&startIndex=1&count=100",
    ] {
        let v = s.get(&format!("/Users?{q}")).1;
        assert_eq!(
            (
                v["totalResults"].clone(),
                v["Resources"].clone(),
                v["startIndex"].clone()
            ),
            (json!(0), json!([]), json!(1))
        );
    }
    let u = okta_user(&s, "test.user@okta.local");
    let id = u["id"].as_str().unwrap();
    let path = format!("/Users/{id}");
    // Duplicate create → 409 uniqueness (§1.3).
    let (st, e) = s.post("/Users", json!({"userName": "Test.User@okta.local"}));
    assert_eq!((st, scim_error_type(&e)), (409, Some("uniqueness")));
    // §1.5: GET then PUT of what came back, with meta/groups/password echoed and non-ISO dates.
    let mut got = s.get(&path).1;
    got["name"]["middleName"] = json!("Excited");
    got["password"] = json!("TkdFNVdIVkxhM2c9");
    got["meta"] = json!({"resourceType": "User", "created": "04-12-2018 00:00:00", "lastModified": "04-12-2018 00:00:00", "version": "v1.0"});
    got["groups"] = json!([]);
    let (st, put) = s.put(&path, got);
    assert_eq!(st, 200, "{put}");
    assert_eq!(s.get(&path).1["name"]["middleName"], "Excited");
    // §1.6: path-less deactivate; the user stays readable, inactive (F15).
    let (st, p) = s.patch(
        &path,
        json!([{"op": "replace", "value": {"active": false}}]),
    );
    assert_eq!((st, p["active"].clone()), (200, json!(false)));
    let (st, v) = s.get(&path);
    assert_eq!((st, v["active"].clone()), (200, json!(false)));
    let v = s
        .get(&format!(
            "/Users?filter={}",
            enc("userName eq \"test.user@okta.local\"")
        ))
        .1;
    assert_eq!(
        v["Resources"][0]["active"], false,
        "deactivated users are still found by the match query"
    );
    // §1.7: reactivate.
    assert_eq!(
        s.patch(&path, json!([{"op": "replace", "value": {"active": true}}]))
            .1["active"],
        true
    );
    // §1.8: password sync, path-less; accepted, never returned.
    let (st, v) = s.patch(
        &path,
        json!([{"op": "replace", "value": {"password": "new-secret"}}]),
    );
    assert_eq!(st, 200);
    assert!(v.get("password").is_none());
}

#[test]
fn okta_groups_push_membership_rename_with_id_and_delete() {
    let s = Sandbox::enabled();
    let a = okta_user(&s, "a@okta.local")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let b = s.user("b@okta.local")["id"].as_str().unwrap().to_owned();
    let c = s.user("c@okta.local")["id"].as_str().unwrap().to_owned();
    // §1.10 probe and §1.9 push with empty members.
    assert_eq!(s.get("/Groups?startIndex=1&count=100").0, 200);
    let (st, g) = s.post(
        "/Groups",
        json!({"schemas": [GROUP_SCHEMA], "displayName": "Test SCIMv2", "members": []}),
    );
    assert_eq!(st, 201, "{g}");
    assert_eq!(g["members"], json!([]));
    let gid = g["id"].as_str().unwrap().to_owned();
    let path = format!("/Groups/{gid}");
    // §1.13: add with display, several at once; then the rename-with-id PATCH that follows.
    let (st, _) = s.patch(&path, json!([{"op": "add", "path": "members", "value": [{"value": a, "display": "a@okta.local"}, {"value": b, "display": "b@okta.local"}]}]));
    assert_eq!(st, 200);
    let (st, r) = s.patch(
        &path,
        json!([{"op": "replace", "value": {"id": gid, "displayName": "Test SCIMv2"}}]),
    );
    assert_eq!((st, r["displayName"].clone()), (200, json!("Test SCIMv2")));
    // Remove one by filter and add one, in one request (§1.13 membership delta).
    let (st, _) = s.patch(
        &path,
        json!([
            {"op": "remove", "path": format!("members[value eq \"{a}\"]")},
            {"op": "add", "path": "members", "value": [{"value": c, "display": "c@okta.local"}]}
        ]),
    );
    assert_eq!(st, 200);
    let members: Vec<String> = s.get(&path).1["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["value"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(members, [b.clone(), c.clone()]);
    // Full push: replace members.
    s.patch(
        &path,
        json!([{"op": "replace", "path": "members", "value": [{"value": a, "display": "x"}]}]),
    );
    assert_eq!(s.get(&path).1["members"].as_array().unwrap().len(), 1);
    // Rename for real.
    let (_, r) = s.patch(
        &path,
        json!([{"op": "replace", "value": {"id": gid, "displayName": "Renamed"}}]),
    );
    assert_eq!(r["displayName"], "Renamed");
    // AIW (okta-aiw): full PUT with members.
    let (st, r) = s.put(&path, json!({"schemas": [GROUP_SCHEMA], "id": gid, "displayName": "Renamed", "members": [{"value": b, "display": "b"}, {"value": c, "display": "c"}]}));
    assert_eq!((st, r["members"].as_array().unwrap().len()), (200, 2));
    // §1.14: unlink and delete.
    assert_eq!(s.delete(&path).0, 204);
    assert_eq!(s.get(&path).0, 404);
}

#[test]
fn entra_user_lifecycle_shapes() {
    let s = Sandbox::enabled();
    // §2.1: Test Connection probe for a random GUID → 200, empty.
    let v = s
        .get("/Users?filter=userName+eq+%227d420df3-9995-4831-a406-ecf8166f5f6a%22")
        .1;
    assert_eq!(v["totalResults"], 0);
    // §2.4: create with meta, roles: [] and explicit nulls (and a misspelled extension URN).
    let (st, u) = s.post("/Users", json!({
        "schemas": [USER_SCHEMA, "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
        "externalId": "jyoung", "userName": "jyoung@testuser.com", "active": true, "addresses": null,
        "displayName": "Joy Young", "emails": [{"type": "work", "value": "jyoung@Contoso.com", "primary": true}],
        "meta": {"resourceType": "User"}, "name": {"familyName": "Young", "givenName": "Joy"},
        "phoneNumbers": null, "preferredLanguage": null, "title": null, "department": null, "manager": null, "roles": []
    }));
    assert_eq!(st, 201, "{u}");
    let id = u["id"].as_str().unwrap().to_owned();
    let path = format!("/Users/{id}");
    // §2.3: lookups by externalId (unquoted in Microsoft's example) and by work email.
    assert_eq!(
        s.get(&format!("/Users?filter={}", enc("externalId eq jyoung")))
            .1["totalResults"],
        1
    );
    assert_eq!(
        s.get(&format!(
            "/Users?filter={}",
            enc("emails[type eq \"work\"].value eq \"jyoung@contoso.com\"")
        ))
        .1["totalResults"],
        1
    );
    // §2.6: one capitalised op per attribute, incl. filtered and extension paths.
    let (st, p) = s.patch(&path, json!([
        {"op": "Replace", "path": "displayName", "value": "Pvlo"},
        {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "TestBcwqnm@test.microsoft.com"},
        {"op": "Replace", "path": "name.givenName", "value": "Gtfd"},
        {"op": "Replace", "path": "name.familyName", "value": "Pkqf"},
        {"op": "Replace", "path": "externalId", "value": "Eqpj"},
        {"op": "Replace", "path": format!("{ENTERPRISE}:employeeNumber"), "value": "Eqpj"},
        {"op": "Add", "path": "nickName", "value": "Babs"},
        {"op": "Replace", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+1 555 0100"},
        {"op": "Replace", "path": "addresses[type eq \"work\"].Formatted", "value": "1 Main St"}
    ]));
    assert_eq!(st, 200, "{p}");
    let v = s.get(&path).1;
    assert_eq!(
        v["emails"],
        json!([{"type": "work", "value": "TestBcwqnm@test.microsoft.com", "primary": true}])
    );
    assert_eq!(
        (
            v["displayName"].clone(),
            v["externalId"].clone(),
            v["nickName"].clone()
        ),
        (json!("Pvlo"), json!("Eqpj"), json!("Babs"))
    );
    assert_eq!(v[ENTERPRISE]["employeeNumber"], "Eqpj");
    assert_eq!(
        v["phoneNumbers"],
        json!([{"type": "mobile", "value": "+1 555 0100"}])
    );
    assert_eq!(
        v["addresses"],
        json!([{"type": "work", "formatted": "1 Main St"}])
    );
    // §2.8: disable and enable with string booleans; the user stays queryable.
    assert_eq!(
        s.patch(
            &path,
            json!([{"op": "Replace", "path": "active", "value": "False"}])
        )
        .1["active"],
        false
    );
    assert_eq!(
        s.get(&format!(
            "/Users?filter={}",
            enc("userName eq \"jyoung@testuser.com\"")
        ))
        .1["Resources"][0]["active"],
        false
    );
    assert_eq!(
        s.patch(
            &path,
            json!([{"op": "Replace", "path": "active", "value": "True"}])
        )
        .1["active"],
        true
    );
    // §2.9 (aadOptscim062020): booleans, and dotted keys in a path-less replace.
    assert_eq!(
        s.patch(
            &path,
            json!([{"op": "replace", "path": "active", "value": false}])
        )
        .1["active"],
        false
    );
    let (st, p) = s.patch(&path, json!([
        {"op": "replace", "value": {"displayName": "Bjfe", "name.givenName": "Kkom", "name.familyName": "Unua", format!("{ENTERPRISE}:employeeNumber"): "Aklq"}},
        {"op": "replace", "path": "emails[type eq \"work\"].value", "value": "TestMhvaes@test.microsoft.com"}
    ]));
    assert_eq!(st, 200, "{p}");
    let v = s.get(&path).1;
    assert_eq!(
        v["name"],
        json!({"familyName": "Unua", "givenName": "Kkom"})
    );
    assert_eq!(v[ENTERPRISE]["employeeNumber"], "Aklq");
    assert_eq!(v["emails"][0]["value"], "TestMhvaes@test.microsoft.com");
    // Roles with Entra's "True" primary.
    let (st, _) = s.patch(&path, json!([{"op": "Add", "path": "roles", "value": [{"primary": "True", "type": "WindowsAzureActiveDirectoryRole", "value": "Admin"}]}]));
    assert_eq!(st, 200);
    assert_eq!(s.get(&path).1["roles"][0]["primary"], true);
    // §2.8: hard delete.
    assert_eq!(s.delete(&path).0, 204);
}

#[test]
fn entra_manager_every_form() {
    let s = Sandbox::enabled();
    let boss = s.user("boss@contoso.com")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let boss2 = s.user("boss2@contoso.com")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let u = s.user("emp@contoso.com");
    let path = format!("/Users/{}", u["id"].as_str().unwrap());
    let mgr = format!("{ENTERPRISE}:manager");
    let manager = |s: &Sandbox| s.get(&path).1[ENTERPRISE]["manager"]["value"].clone();
    // §2.7: set as object, change as bare string, check with Entra's reference filter.
    assert_eq!(
        s.patch(
            &path,
            json!([{"op": "add", "path": mgr, "value": {"value": boss}}])
        )
        .0,
        200
    );
    assert_eq!(manager(&s), json!(boss));
    assert_eq!(
        s.patch(
            &path,
            json!([{"op": "replace", "path": mgr, "value": boss2}])
        )
        .0,
        200
    );
    assert_eq!(manager(&s), json!(boss2));
    let check = format!(
        "id eq {} and {ENTERPRISE}:manager eq {boss2}",
        u["id"].as_str().unwrap()
    );
    let v = s
        .get(&format!("/Users?filter={}&attributes=id", enc(&check)))
        .1;
    assert_eq!(v["totalResults"], 1);
    assert_eq!(
        v["Resources"][0]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["schemas", "id"]
    );
    // Clear in each of the three ways.
    for clear in [
        json!({"op": "replace", "path": mgr, "value": {"value": ""}}),
        json!({"op": "replace", "path": mgr, "value": ""}),
        json!({"op": "remove", "path": mgr}),
    ] {
        s.patch(
            &path,
            json!([{"op": "add", "path": mgr, "value": {"value": boss}}]),
        );
        let (st, v) = s.patch(&path, json!([clear.clone()]));
        assert_eq!(st, 200, "{clear}: {v}");
        assert_eq!(manager(&s), Value::Null, "{clear}");
    }
    // A path-less replace carrying a null manager clears it too.
    s.patch(
        &path,
        json!([{"op": "add", "path": mgr, "value": {"value": boss}}]),
    );
    s.patch(
        &path,
        json!([{"op": "replace", "value": {ENTERPRISE: {"manager": null}}}]),
    );
    assert_eq!(manager(&s), Value::Null);
}

#[test]
fn entra_groups_create_query_members_rename() {
    let s = Sandbox::enabled();
    let u1 = s.user("u1@contoso.com")["id"].as_str().unwrap().to_owned();
    let u2 = s.user("u2@contoso.com")["id"].as_str().unwrap().to_owned();
    let u3 = s.user("u3@contoso.com")["id"].as_str().unwrap().to_owned();
    // §2.10: create with Microsoft's extra schema URI and meta.
    let (st, g) = s.post("/Groups", json!({"schemas": [GROUP_SCHEMA, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
        "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", "displayName": "displayName", "meta": {"resourceType": "Group"}}));
    assert_eq!(st, 201, "{g}");
    assert_eq!(g["members"], json!([]));
    let gid = g["id"].as_str().unwrap().to_owned();
    let path = format!("/Groups/{gid}");
    // Query by displayName with excludedAttributes=members.
    let v = s
        .get(&format!(
            "/Groups?excludedAttributes=members&filter={}",
            enc("displayName eq \"displayName\"")
        ))
        .1;
    assert_eq!(v["totalResults"], 1);
    assert!(v["Resources"][0].get("members").is_none());
    // Add members with $ref: null, several per op.
    let (st, _) = s.patch(&path, json!([{"op": "Add", "path": "members", "value": [{"$ref": null, "value": u1}, {"$ref": null, "value": u2}, {"value": u3}]}]));
    assert_eq!(st, 200);
    assert!(
        s.get(&format!("{path}?excludedAttributes=members"))
            .1
            .get("members")
            .is_none()
    );
    // Default job: Remove with a value list removes only those listed.
    let (st, _) = s.patch(
        &path,
        json!([{"op": "Remove", "path": "members", "value": [{"$ref": null, "value": u2}]}]),
    );
    assert_eq!(st, 200);
    let ms: Vec<String> = s.get(&path).1["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["value"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ms, [u1.clone(), u3.clone()]);
    // aadOptscim062020: filter-path removal.
    s.patch(
        &path,
        json!([{"op": "remove", "path": format!("members[value eq \"{u3}\"]")}]),
    );
    assert_eq!(s.get(&path).1["members"].as_array().unwrap().len(), 1);
    // Membership reference check (§2.3).
    let v = s
        .get(&format!(
            "/Groups?filter={}&attributes=id",
            enc(&format!("id eq \"{gid}\" and members eq \"{u1}\""))
        ))
        .1;
    assert_eq!(v["totalResults"], 1);
    // Rename.
    let (st, r) = s.patch(
        &path,
        json!([{"op": "Replace", "path": "displayName", "value": "1879db59updated"}]),
    );
    assert_eq!(
        (st, r["displayName"].clone()),
        (200, json!("1879db59updated"))
    );
    assert_eq!(s.delete(&path).0, 204);
}
