//! Our service's product rules, enforced by the sandbox over SCIM: the reserved
//! Administrators group, the Split_Administrators alias, short group names, and
//! IdP management of what SCIM writes.

mod common;

use common::*;
use reqwest::Method;
use serde_json::json;

fn administrators(s: &Sandbox) -> serde_json::Value {
    let v = s
        .get(&format!(
            "/Groups?filter={}",
            enc("displayName eq \"Administrators\"")
        ))
        .1;
    assert_eq!(v["totalResults"], 1);
    v["Resources"][0].clone()
}

#[test]
fn administrators_always_exists_cannot_be_deleted_renamed_or_emptied() {
    let s = Sandbox::enabled();
    let admins = administrators(&s);
    let path = format!("/Groups/{}", admins["id"].as_str().unwrap());
    assert_eq!(
        admins["members"].as_array().unwrap().len(),
        1,
        "the owner is in it from the start"
    );
    let owner = admins["members"][0]["value"].as_str().unwrap().to_owned();

    let (st, e) = s.delete(&path);
    assert_eq!((st, scim_error_type(&e)), (400, Some("mutability")));
    assert!(e["detail"].as_str().unwrap().contains("reserved"));
    let (st, e) = s.patch(
        &path,
        json!([{"op": "replace", "path": "displayName", "value": "Admins"}]),
    );
    assert_eq!((st, scim_error_type(&e)), (400, Some("mutability")));
    let (st, e) = s.put(
        &path,
        json!({"displayName": "Admins", "members": [{"value": owner}]}),
    );
    assert_eq!((st, scim_error_type(&e)), (400, Some("mutability")));
    for empty in [
        json!([{"op": "remove", "path": "members"}]),
        json!([{"op": "remove", "path": format!("members[value eq \"{owner}\"]")}]),
        json!([{"op": "replace", "path": "members", "value": []}]),
    ] {
        let (st, e) = s.patch(&path, empty.clone());
        assert_eq!(
            (st, scim_error_type(&e)),
            (400, Some("invalidValue")),
            "{empty}"
        );
        assert!(
            e["detail"]
                .as_str()
                .unwrap()
                .contains("at least one member")
        );
    }
    // The last member can't be deleted out from under it either.
    let (st, e) = s.delete(&format!("/Users/{owner}"));
    assert_eq!((st, scim_error_type(&e)), (400, Some("invalidValue")));
    // Okta's rename-with-id after a membership change repeats the same name: fine.
    let newbie = s.user("second.admin@example.com")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        s.patch(
            &path,
            json!([{"op": "add", "path": "members", "value": [{"value": newbie}]}])
        )
        .0,
        200
    );
    let (st, r) = s.patch(
        &path,
        json!([{"op": "replace", "value": {"id": admins["id"], "displayName": "Administrators"}}]),
    );
    assert_eq!(
        (st, r["displayName"].clone()),
        (200, json!("Administrators"))
    );
    // With two members, one may go.
    assert_eq!(
        s.patch(
            &path,
            json!([{"op": "remove", "path": format!("members[value eq \"{owner}\"]")}])
        )
        .0,
        200
    );
    assert_eq!(s.delete(&format!("/Users/{owner}")).0, 204);
    // Creating another group called Administrators is refused with directions.
    let (st, e) = s.post("/Groups", json!({"displayName": "administrators"}));
    assert_eq!((st, scim_error_type(&e)), (409, Some("uniqueness")));
    assert!(
        e["detail"]
            .as_str()
            .unwrap()
            .contains("Split_Administrators")
    );
}

#[test]
fn split_administrators_maps_onto_administrators() {
    let s = Sandbox::enabled();
    let admins = administrators(&s);
    let aid = admins["id"].as_str().unwrap().to_owned();
    let owner = admins["members"][0]["value"].as_str().unwrap().to_owned();
    // Entra's match query by the alias finds Administrators.
    let v = s
        .get(&format!(
            "/Groups?excludedAttributes=members&filter={}",
            enc("displayName eq \"Split_Administrators\"")
        ))
        .1;
    assert_eq!(
        (v["totalResults"].clone(), v["Resources"][0]["id"].clone()),
        (json!(1), json!(aid))
    );
    // Creating the alias links Administrators: same id, name stays, members added.
    let u = s.user("idp.admin@contoso.com")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (st, g) = s.post("/Groups", json!({"displayName": "Split_Administrators", "externalId": "obj-1", "members": [{"value": u}]}));
    assert_eq!(st, 201, "{g}");
    assert_eq!(
        (
            g["id"].clone(),
            g["displayName"].clone(),
            g["externalId"].clone()
        ),
        (json!(aid), json!("Administrators"), json!("obj-1"))
    );
    let members: Vec<&str> = g["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["value"].as_str().unwrap())
        .collect();
    assert_eq!(members, [owner.as_str(), u.as_str()]);
    // Renaming to the alias keeps the name Administrators.
    let (st, r) = s.patch(
        &format!("/Groups/{aid}"),
        json!([{"op": "Replace", "path": "displayName", "value": "Split_Administrators"}]),
    );
    assert_eq!(
        (st, r["displayName"].clone()),
        (200, json!("Administrators"))
    );
    // It is now IdP-managed; no other group may take either name.
    let (_, app) = body(s.admin(Method::GET, "/groups").send().unwrap());
    let a = app["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == aid.as_str())
        .unwrap();
    assert_eq!(a["managed_by"], "idp");
    let other = s.group("Ops", &[])["id"].as_str().unwrap().to_owned();
    let (st, e) = s.patch(
        &format!("/Groups/{other}"),
        json!([{"op": "replace", "path": "displayName", "value": "Split_Administrators"}]),
    );
    assert_eq!((st, scim_error_type(&e)), (409, Some("uniqueness")));
}

#[test]
fn group_names_must_be_shorter_than_25_characters() {
    let s = Sandbox::enabled();
    let ok = "x".repeat(24);
    assert_eq!(s.post("/Groups", json!({"displayName": ok})).0, 201);
    let (st, e) = s.post("/Groups", json!({"displayName": "y".repeat(25)}));
    assert_eq!((st, scim_error_type(&e)), (400, Some("invalidValue")));
    assert!(
        e["detail"]
            .as_str()
            .unwrap()
            .contains("shorter than 25 characters"),
        "{e}"
    );
    // Characters, not bytes: 24 accented letters are fine.
    assert_eq!(
        s.post("/Groups", json!({"displayName": "é".repeat(24)})).0,
        201
    );
    let g = s.group("Short", &[]);
    let (st, _) = s.patch(
        &format!("/Groups/{}", g["id"].as_str().unwrap()),
        json!([{"op": "replace", "path": "displayName", "value": "z".repeat(30)}]),
    );
    assert_eq!(st, 400);
    // The limit can be lifted for generic testers, and only then.
    let relaxed = Sandbox::enabled_with(&["--group-name-limit", "0"]);
    assert_eq!(
        relaxed
            .post("/Groups", json!({"displayName": "y".repeat(36)}))
            .0,
        201
    );
}

#[test]
fn what_arrives_over_scim_is_idp_managed() {
    let s = Sandbox::enabled();
    let u = s.user("managed@example.com");
    let (_, app) = body(s.admin(Method::GET, "/users").send().unwrap());
    let users = app["users"].as_array().unwrap();
    assert_eq!(
        users.iter().find(|x| x["id"] == u["id"]).unwrap()["managed_by"],
        "idp"
    );
    assert_eq!(
        users
            .iter()
            .find(|x| x["user_name"] == "owner@sandbox.example")
            .unwrap()["managed_by"],
        "local"
    );
    // A SCIM write to a local user (Okta matching an existing account) makes it IdP-managed.
    let owner = users
        .iter()
        .find(|x| x["user_name"] == "owner@sandbox.example")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    s.patch(
        &format!("/Users/{owner}"),
        json!([{"op": "replace", "path": "title", "value": "Owner"}]),
    );
    let (_, app) = body(s.admin(Method::GET, "/users").send().unwrap());
    assert_eq!(
        app["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == owner.as_str())
            .unwrap()["managed_by"],
        "idp"
    );
}
