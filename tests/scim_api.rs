//! SCIM 2.0 over real HTTP against a sandbox process: CRUD, filters, paging,
//! sorting, projection, versions, discovery and errors (RFC 7643, RFC 7644).

mod common;

use common::*;
use reqwest::Method;
use serde_json::{Value, json};

#[test]
fn user_crud_with_meta_etag_and_location() {
    let s = Sandbox::enabled();
    let r = s
        .scim(Method::POST, "/Users")
        .header("content-type", "application/scim+json; charset=utf-8")
        .json(&json!({"schemas": [USER_SCHEMA, ENTERPRISE], "userName": "Ada@Example.com", "externalId": "00u1",
            "name": {"givenName": "Ada", "familyName": "Lovelace"}, "active": true,
            ENTERPRISE: {"department": "Math"}, "groups": [], "password": "placeholder"}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(r.headers()["content-type"], "application/scim+json");
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let (_, u) = body(r);
    let id = u["id"].as_str().unwrap();
    assert_eq!(location, format!("{}/Users/{id}", s.scim_url));
    assert_eq!(u["meta"]["location"], location.as_str());
    assert_eq!(u["meta"]["version"], etag.as_str());
    assert_eq!(u["meta"]["resourceType"], "User");
    assert_eq!(u["meta"]["created"], u["meta"]["lastModified"]);
    assert_eq!(u["schemas"], json!([USER_SCHEMA, ENTERPRISE]));
    assert!(u.get("password").is_none(), "password is never returned");

    let (st, got) = s.get(&format!("/Users/{id}"));
    assert_eq!((st, &got), (200, &u));

    // PUT replaces: attributes left out are gone.
    let (st, put) = s.put(&format!("/Users/{id}"), json!({"schemas": [USER_SCHEMA], "id": id, "userName": "ada@example.com", "displayName": "Ada"}));
    assert_eq!(st, 200, "{put}");
    assert!(put.get("name").is_none());
    assert!(put.get(ENTERPRISE).is_none());
    assert_ne!(put["meta"]["version"], u["meta"]["version"]);
    assert_eq!(put["meta"]["created"], u["meta"]["created"]);

    assert_eq!(s.delete(&format!("/Users/{id}")).0, 204);
    let (st, e) = s.get(&format!("/Users/{id}"));
    assert_eq!(st, 404);
    assert_eq!(
        e["schemas"],
        json!(["urn:ietf:params:scim:api:messages:2.0:Error"])
    );
    assert_eq!(e["status"], "404");
    assert_eq!(s.delete(&format!("/Users/{id}")).0, 404);
}

#[test]
fn if_match_and_if_none_match() {
    let s = Sandbox::enabled();
    let u = s.user("etag@example.com");
    let path = format!("/Users/{}", u["id"].as_str().unwrap());
    let v1 = u["meta"]["version"].as_str().unwrap().to_owned();
    let r = s
        .scim(Method::GET, &path)
        .header("if-none-match", &v1)
        .send()
        .unwrap();
    assert_eq!(r.status(), 304);
    let ops = json!({"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "title", "value": "x"}]});
    let (st, p) = send(
        s.scim(Method::PATCH, &path)
            .header("if-match", &v1)
            .json(&ops),
    );
    assert_eq!(st, 200);
    // The old version no longer matches: 412, nothing written.
    let stale = json!({"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "title", "value": "lost update"}]});
    let (st, e) = send(
        s.scim(Method::PATCH, &path)
            .header("if-match", &v1)
            .json(&stale),
    );
    assert_eq!(st, 412, "{e}");
    assert_eq!(s.get(&path).1["title"], "x");
    assert_eq!(
        send(s.scim(Method::DELETE, &path).header("if-match", &v1)).0,
        412
    );
    let (st, _) = send(
        s.scim(Method::PUT, &path)
            .header("if-match", "*")
            .json(&json!({"userName": "etag@example.com"})),
    );
    assert_eq!(st, 200);
    assert_ne!(p["meta"]["version"], s.get(&path).1["meta"]["version"]);
}

fn seed(s: &Sandbox) -> Vec<String> {
    let people = [
        ("alice@example.com", "Alice", true, "work", "2001"),
        ("bob@example.com", "Bob", false, "home", "2002"),
        ("carol@example.org", "Carol", true, "work", "2003"),
        ("dave@example.org", "Dave", true, "other", "2004"),
    ];
    people
        .iter()
        .map(|(u, given, active, etype, emp)| {
            let (st, v) = s.post("/Users", json!({"userName": u, "externalId": format!("ext-{given}"), "name": {"givenName": given, "familyName": "Test"},
                "active": active, "title": if *given == "Dave" { Value::Null } else { json!("Engineer") },
                "emails": [{"value": u, "type": etype}], ENTERPRISE: {"employeeNumber": emp}}));
            assert_eq!(st, 201, "{v}");
            v["id"].as_str().unwrap().to_owned()
        })
        .collect()
}

fn names(s: &Sandbox, filter: &str) -> Vec<String> {
    let (st, v) = s.get(&format!("/Users?filter={}", enc(filter)));
    assert_eq!(st, 200, "{filter}: {v}");
    assert_eq!(
        v["totalResults"].as_u64().unwrap() as usize,
        v["Resources"].as_array().unwrap().len()
    );
    v["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["userName"]
                .as_str()
                .unwrap()
                .split('@')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn every_filter_operator_over_http() {
    let s = Sandbox::enabled();
    seed(&s);
    assert_eq!(names(&s, r#"userName eq "ALICE@example.com""#), ["alice"]);
    assert_eq!(
        names(&s, r#"userName ne "alice@example.com""#),
        ["owner", "bob", "carol", "dave"]
    );
    assert_eq!(names(&s, r#"userName co "example.org""#), ["carol", "dave"]);
    assert_eq!(names(&s, r#"userName sw "B""#), ["bob"]);
    assert_eq!(names(&s, r#"userName ew ".ORG""#), ["carol", "dave"]);
    assert_eq!(
        names(&s, r#"userName gt "carol@example.org""#),
        ["owner", "dave"]
    );
    assert_eq!(
        names(&s, r#"userName ge "carol@example.org""#),
        ["owner", "carol", "dave"]
    );
    assert_eq!(names(&s, r#"userName lt "bob@example.com""#), ["alice"]);
    assert_eq!(
        names(&s, r#"userName le "bob@example.com""#),
        ["alice", "bob"]
    );
    assert_eq!(
        names(&s, "title pr and userName ne \"owner@sandbox.example\""),
        ["alice", "bob", "carol"]
    );
    assert_eq!(names(&s, "active eq false"), ["bob"]);
    assert_eq!(
        names(&s, r#"not (active eq true) or name.givenName eq "carol""#),
        ["bob", "carol"]
    );
    assert_eq!(
        names(
            &s,
            r#"(userName sw "a" or userName sw "d") and emails[type eq "work"]"#
        ),
        ["alice"]
    );
    assert_eq!(
        names(&s, r#"emails[type eq "work" and value co "example.org"]"#),
        ["carol"]
    );
    assert_eq!(
        names(&s, r#"emails[type eq "work"].value eq "carol@example.org""#),
        ["carol"]
    );
    assert_eq!(names(&s, r#"externalId eq "ext-Bob""#), ["bob"]);
    assert_eq!(
        names(&s, r#"externalId eq "EXT-BOB""#),
        Vec::<String>::new(),
        "externalId is caseExact"
    );
    assert_eq!(
        names(&s, &format!(r#"{ENTERPRISE}:employeeNumber ge "2003""#)),
        ["carol", "dave"]
    );
    assert_eq!(
        names(
            &s,
            r#"meta.created gt "2000-01-01T00:00:00Z" and userName sw "a""#
        ),
        ["alice"]
    );
    assert_eq!(
        names(&s, r#"meta.lastModified lt "2000-01-01T00:00:00Z""#),
        Vec::<String>::new()
    );
    // Legacy Okta encoding: '+' for spaces.
    let (st, v) = s.get("/Users?filter=userName+eq+%22bob%40example.com%22&startIndex=1&count=100");
    assert_eq!((st, v["totalResults"].clone()), (200, json!(1)));
}

#[test]
fn bad_filters_are_invalid_filter_errors() {
    let s = Sandbox::enabled();
    for f in [
        r#"userName eq"#,
        r#"userName zz "x""#,
        r#"(userName eq "x""#,
        r#"active gt true"#,
        "",
        r#"userName eq "x" garbage"#,
    ] {
        let (st, e) = s.get(&format!("/Users?filter={}", enc(f)));
        assert_eq!(
            (st, scim_error_type(&e)),
            (400, Some("invalidFilter")),
            "{f}: {e}"
        );
    }
}

#[test]
fn paging_edges_and_totals() {
    let s = Sandbox::enabled_with(&["--max-page-size", "3"]);
    let page = |q: &str| -> Value { s.get(&format!("/Users?{q}")).1 };
    // One user (the owner).
    let v = page("startIndex=1&count=10");
    assert_eq!(
        (v["totalResults"].clone(), v["itemsPerPage"].clone()),
        (json!(1), json!(1))
    );
    seed(&s); // 5 users now
    let all: Vec<String> = (0..)
        .map(|i| page(&format!("startIndex={}&count=2", 1 + 2 * i)))
        .take_while(|v| !v["Resources"].as_array().unwrap().is_empty())
        .flat_map(|v| ids(&v))
        .collect();
    assert_eq!(all.len(), 5, "walking pages of 2 sees everyone once");
    let mut dedup = all.clone();
    dedup.dedup();
    assert_eq!(dedup.len(), 5);
    // The cap: count=100 gives 3, itemsPerPage says 3, totalResults stays 5.
    let v = page("count=100");
    assert_eq!(
        (
            v["itemsPerPage"].clone(),
            v["totalResults"].clone(),
            v["startIndex"].clone()
        ),
        (json!(3), json!(5), json!(1))
    );
    // count=0: only the total.
    let v = page("count=0");
    assert_eq!(
        (v["itemsPerPage"].clone(), v["totalResults"].clone()),
        (json!(0), json!(5))
    );
    // Past the end, and startIndex below 1 (treated as 1).
    assert_eq!(page("startIndex=6")["itemsPerPage"], 0);
    assert_eq!(
        ids(&page("startIndex=0&count=1")),
        ids(&page("startIndex=1&count=1"))
    );
    // Exact multiple of the page size with a filter.
    let v = page(&format!(
        "filter={}&startIndex=3&count=2",
        enc("userName ne \"x\"")
    ));
    assert_eq!(ids(&v), all[2..4]);
    let (st, e) = s.get("/Users?count=abc");
    assert_eq!((st, scim_error_type(&e)), (400, Some("invalidValue")));
    let sp = s.get("/ServiceProviderConfig").1;
    assert_eq!(sp["filter"]["maxResults"], 3);
}

#[test]
fn sorting_and_projection() {
    let s = Sandbox::enabled();
    seed(&s);
    let v = s.get("/Users?sortBy=userName&sortOrder=descending").1;
    let got: Vec<&str> = v["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["userName"].as_str().unwrap())
        .collect();
    assert_eq!(
        got,
        [
            "owner@sandbox.example",
            "dave@example.org",
            "carol@example.org",
            "bob@example.com",
            "alice@example.com"
        ]
    );
    let v = s
        .get(&format!(
            "/Users?sortBy=name.givenName&filter={}",
            enc("userName ne \"owner@sandbox.example\"")
        ))
        .1;
    let got: Vec<&str> = v["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"]["givenName"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["Alice", "Bob", "Carol", "Dave"]);
    let v = s.get("/Users?sortBy=title&count=5").1;
    assert_eq!(
        v["Resources"][4]["title"],
        Value::Null,
        "missing values sort last"
    );

    let v = s.get("/Users?attributes=userName,name.givenName&count=1").1;
    let r = &v["Resources"][0];
    let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["schemas", "id", "userName", "name"]);
    let v = s
        .get("/Users?excludedAttributes=emails,groups,meta&count=1")
        .1;
    assert!(
        v["Resources"][0].get("emails").is_none()
            && v["Resources"][0].get("meta").is_none()
            && v["Resources"][0].get("id").is_some()
    );

    // POST .search takes the same parameters in a body.
    let (st, v) = s.post("/Users/.search", json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "filter": "active eq true", "attributes": ["userName"], "sortBy": "userName", "startIndex": 2, "count": 2}));
    assert_eq!(st, 200, "{v}");
    assert_eq!(
        (v["totalResults"].clone(), v["itemsPerPage"].clone()),
        (json!(4), json!(2))
    );
    assert_eq!(v["Resources"][0]["userName"], "carol@example.org");
    let (st, v) = s.post(
        "/.search",
        json!({"filter": "displayName eq \"Administrators\" or userName eq \"bob@example.com\""}),
    );
    assert_eq!((st, v["totalResults"].clone()), (200, json!(2)));
}

#[test]
fn groups_crud_members_and_user_groups() {
    let s = Sandbox::enabled();
    let ids_ = seed(&s);
    let g = s.group("Eng", &[&ids_[0], &ids_[1]]);
    let gid = g["id"].as_str().unwrap();
    assert_eq!(g["members"].as_array().unwrap().len(), 2);
    assert_eq!(
        g["members"][0],
        json!({"value": ids_[0], "$ref": format!("{}/Users/{}", s.scim_url, ids_[0]), "type": "User"})
    );
    let u = s.get(&format!("/Users/{}", ids_[0])).1;
    let gs: Vec<&str> = u["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["display"].as_str().unwrap())
        .collect();
    assert_eq!(gs, ["Eng"]);
    // Filters on members (Entra's membership check) and on a user's groups.
    let v = s
        .get(&format!(
            "/Groups?filter={}",
            enc(&format!("id eq \"{gid}\" and members eq \"{}\"", ids_[1]))
        ))
        .1;
    assert_eq!(v["totalResults"], 1);
    let v = s
        .get(&format!(
            "/Users?filter={}",
            enc(&format!("groups.value eq \"{gid}\""))
        ))
        .1;
    assert_eq!(v["totalResults"], 2);
    // excludedAttributes=members leaves members out.
    let v = s
        .get(&format!("/Groups/{gid}?excludedAttributes=members"))
        .1;
    assert!(v.get("members").is_none());
    // Unknown member ids are refused.
    let (st, e) = s.patch(
        &format!("/Groups/{gid}"),
        json!([{"op": "add", "path": "members", "value": [{"value": "nope"}]}]),
    );
    assert_eq!((st, scim_error_type(&e)), (400, Some("invalidValue")));
    // Deleting a user removes its memberships; deleting the group works.
    assert_eq!(s.delete(&format!("/Users/{}", ids_[0])).0, 204);
    assert_eq!(
        s.get(&format!("/Groups/{gid}")).1["members"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // A group's displayName is unique, case-insensitively.
    let (st, e) = s.post("/Groups", json!({"displayName": "ENG"}));
    assert_eq!((st, scim_error_type(&e)), (409, Some("uniqueness")));
    assert_eq!(s.delete(&format!("/Groups/{gid}")).0, 204);
    let (st, g2) = s.post("/Groups", json!({"displayName": "ENG"}));
    assert_eq!(st, 201, "{g2}");
}

#[test]
fn discovery_endpoints() {
    let s = Sandbox::enabled();
    let anon = s.handle(None);
    let (st, spc) = anon.get("/ServiceProviderConfig");
    assert_eq!(st, 200, "discovery needs no token");
    assert_eq!(
        (
            spc["patch"]["supported"].clone(),
            spc["bulk"]["supported"].clone(),
            spc["etag"]["supported"].clone()
        ),
        (json!(true), json!(false), json!(true))
    );
    let rt = anon.get("/ResourceTypes").1;
    assert_eq!(rt["totalResults"], 2);
    assert_eq!(
        anon.get("/ResourceTypes/User").1["schemaExtensions"][0]["schema"],
        ENTERPRISE
    );
    assert_eq!(anon.get("/ResourceTypes/Nope").0, 404);
    let sc = anon.get("/Schemas").1;
    assert_eq!(sc["totalResults"], 3);
    let user_schema = anon.get(&format!("/Schemas/{USER_SCHEMA}")).1;
    let attrs: Vec<&str> = user_schema["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(attrs.contains(&"userName") && attrs.contains(&"x509Certificates"));
    assert_eq!(anon.get("/Schemas/urn:nope").0, 404);
    for path in ["/ServiceProviderConfig", "/Schemas", "/ResourceTypes"] {
        let (st, e) = send(anon.scim(Method::POST, path).json(&json!({})));
        assert_eq!((st, e["status"].clone()), (405, json!("405")), "{path}");
    }
}

#[test]
fn errors_are_scim_shaped() {
    let s = Sandbox::enabled_with(&["--max-body-size", "2048"]);
    // Unknown path and method.
    let (st, e) = s.get("/Nope");
    assert_eq!((st, e["status"].clone()), (404, json!("404")));
    let (st, _) = send(s.scim(Method::PUT, "/Users"));
    assert_eq!(st, 405);
    // Bodies: not JSON, too large, wrong content type.
    let (st, e) = send(
        s.scim(Method::POST, "/Users")
            .header("content-type", "application/scim+json")
            .body("{"),
    );
    assert_eq!((st, scim_error_type(&e)), (400, Some("invalidSyntax")));
    let big = json!({"userName": "x".repeat(5000)});
    let (st, e) = send(s.scim(Method::POST, "/Users").json(&big));
    assert_eq!((st, e["status"].clone()), (413, json!("413")));
    let (st, _) = send(
        s.scim(Method::POST, "/Users")
            .header("content-type", "text/plain")
            .body("{}"),
    );
    assert_eq!(st, 415);
    // Required and typed attributes.
    let (st, e) = s.post("/Users", json!({"name": {"givenName": "x"}}));
    assert_eq!((st, scim_error_type(&e)), (400, Some("invalidValue")));
    let (st, e) = s.post("/Users", json!({"userName": "t@x", "active": "perhaps"}));
    assert_eq!((st, scim_error_type(&e)), (400, Some("invalidValue")));
    // Uniqueness of userName is case-insensitive.
    s.user("dup@example.com");
    let (st, e) = s.post("/Users", json!({"userName": "DUP@example.com"}));
    assert_eq!((st, scim_error_type(&e)), (409, Some("uniqueness")));
    // PATCH errors.
    let u = s.user("p@example.com");
    let path = format!("/Users/{}", u["id"].as_str().unwrap());
    for (ops, t) in [
        (
            json!([{"op": "add", "path": "title[", "value": "x"}]),
            "invalidPath",
        ),
        (json!([{"op": "remove"}]), "noTarget"),
        (
            json!([{"op": "explode", "path": "title", "value": "x"}]),
            "invalidSyntax",
        ),
        (
            json!([{"op": "add", "path": "groups", "value": [{"value": "g"}]}]),
            "mutability",
        ),
        (
            json!([{"op": "replace", "path": "emails[type eq \"home\"].type", "value": "x"}]),
            "noTarget",
        ),
        (
            json!([{"op": "replace", "path": "userName", "value": "dup@example.com"}]),
            "uniqueness",
        ),
    ] {
        let (st, e) = s.patch(&path, ops.clone());
        assert!(st == 400 || st == 409, "{ops}: {st} {e}");
        assert_eq!(scim_error_type(&e), Some(t), "{ops}: {e}");
    }
}

#[test]
fn authentication_failures() {
    let s = Sandbox::enabled();
    let anon = s.handle(None);
    let r = anon.scim(Method::GET, "/Users").send().unwrap();
    assert_eq!(r.status(), 401);
    assert!(
        r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    let (_, e) = body(r);
    assert_eq!(e["status"], "401");
    let wrong = s.handle(Some("scimtok_wrong".into()));
    assert_eq!(wrong.get("/Users").0, 401);
    assert_eq!(wrong.get("/Groups/x").0, 401);
    let (st, _) = send(s.http.get(format!("{}/Users", s.scim_url)).header(
        "authorization",
        format!("Basic {}", s.token.as_deref().unwrap()),
    ));
    assert_eq!(st, 401, "only the Bearer scheme is accepted");
    // Scheme names are case-insensitive.
    let (st, _) = send(s.http.get(format!("{}/Users", s.scim_url)).header(
        "authorization",
        format!("bearer {}", s.token.as_deref().unwrap()),
    ));
    assert_eq!(st, 200);
    // Before SCIM is enabled, no token works.
    let off = Sandbox::start(&[]);
    assert_eq!(off.handle(Some("scimtok_x".into())).get("/Users").0, 401);
}
