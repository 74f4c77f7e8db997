//! The admin API lifecycle against a real sandbox process; every response is checked
//! against docs/admin-api.openapi.json.

mod common;

use common::openapi::Spec;
use common::{Sandbox, body};
use reqwest::Method;
use serde_json::{Value, json};

struct Api {
    sbx: Sandbox,
    spec: Spec,
}

impl Api {
    fn new(extra: &[&str]) -> Api {
        Api {
            sbx: Sandbox::start(extra),
            spec: Spec::load(),
        }
    }

    /// Calls `method path` (documented as `template`) and checks the answer against the spec.
    fn call(&self, method: Method, template: &str, path: &str, req: Option<Value>) -> (u16, Value) {
        let mut b = self.sbx.admin(method.clone(), path);
        if let Some(r) = req {
            b = b.json(&r);
        }
        let (status, v) = body(b.send().unwrap());
        self.spec.check(method.as_str(), template, status, &v);
        if let Some(name) = self.spec.response_type(method.as_str(), template, status) {
            read_as_model(&name, &v).unwrap_or_else(|e| {
                panic!("{method} {template} {status}: the client's {name} cannot read it: {e}\n{v}")
            });
        }
        (status, v)
    }

    fn code(v: &Value) -> &str {
        v["error"]["code"].as_str().unwrap_or("")
    }
}

/// Reads a documented answer with the shared model type of that name
/// (scimctl::admin::model), as the client does.
fn read_as_model(name: &str, v: &Value) -> Result<(), String> {
    use scimctl::admin::model as m;
    fn read<T: serde::de::DeserializeOwned>(v: &Value) -> Result<(), String> {
        T::deserialize(v).map(drop).map_err(|e| e.to_string())
    }
    match name {
        "Error" => read::<m::ErrorBody>(v),
        "Sso" => read::<m::Sso>(v),
        "Counts" => read::<m::Counts>(v),
        "TokenInfo" => read::<m::TokenInfo>(v),
        "PreviousToken" => read::<m::PreviousToken>(v),
        "ScimStatus" => read::<m::ScimStatus>(v),
        "IssuedToken" => read::<m::IssuedToken>(v),
        "Enabled" => read::<m::IssuedToken>(v).and_then(|()| {
            let t: m::IssuedToken = serde_json::from_value(v.clone()).unwrap();
            match (t.idp, t.revoked_invites) {
                (Some(_), Some(_)) => Ok(()),
                _ => Err("Enabled needs idp and revoked_invites".into()),
            }
        }),
        "Disabled" => read::<m::Disabled>(v),
        "AppUser" => read::<m::AppUser>(v),
        "AppGroup" => read::<m::AppGroup>(v),
        "Invite" => read::<m::Invite>(v),
        "Me" => read::<m::Me>(v),
        "AdminKeyInfo" => read::<m::AdminKeyInfo>(v),
        "KeyOwner" => read::<m::KeyOwner>(v),
        "users" => read::<m::Users>(v),
        "groups" => read::<m::Groups>(v),
        "invites" => read::<m::Invites>(v),
        other => Err(format!("no model type for the documented schema {other}")),
    }
}

#[test]
fn every_documented_shape_is_one_model_type() {
    let spec = Spec::load();
    for name in spec.component_names() {
        let err = read_as_model(&name, &json!(null)).unwrap_err();
        assert!(!err.starts_with("no model type"), "{err}");
    }
    for (method, template, status) in spec.operations() {
        if let Some(name) = spec.response_type(&method, &template, status) {
            let err = read_as_model(&name, &json!(null)).unwrap_err();
            assert!(
                !err.starts_with("no model type"),
                "{method} {template} {status}: {err}"
            );
        }
    }
    // Every request the client or a test sends is built from the model and
    // matches the documented request body.
    use scimctl::admin::model as m;
    let requests: [(&str, &str, Value); 7] = [
        (
            "POST",
            "/scim/enable",
            serde_json::to_value(m::EnableRequest { idp: "okta".into() }).unwrap(),
        ),
        (
            "POST",
            "/scim/disable",
            serde_json::to_value(m::DisableRequest {
                confirm: Some("DISABLE".into()),
            })
            .unwrap(),
        ),
        (
            "PUT",
            "/sso",
            serde_json::to_value(m::Sso {
                saml: true,
                strict: true,
            })
            .unwrap(),
        ),
        (
            "POST",
            "/groups",
            serde_json::to_value(m::CreateGroupRequest {
                name: "Sales".into(),
            })
            .unwrap(),
        ),
        (
            "PATCH",
            "/groups/{id}",
            serde_json::to_value(m::EditGroupRequest {
                name: Some("Ops".into()),
                member_ids: Some(vec!["a".into()]),
            })
            .unwrap(),
        ),
        (
            "POST",
            "/invites",
            serde_json::to_value(m::InviteRequest {
                email: "a@example.com".into(),
            })
            .unwrap(),
        ),
        (
            "POST",
            "/sandbox/token-expiry",
            serde_json::to_value(m::TokenExpiryRequest {
                expires_at: "2027-01-01T00:00:00Z".into(),
            })
            .unwrap(),
        ),
    ];
    for (method, template, req) in requests {
        let schema = spec.request_schema(method, template);
        assert!(
            schema.is_object(),
            "{method} {template} documents no request body"
        );
        spec.validate(schema, &req, "$")
            .unwrap_or_else(|e| panic!("{method} {template}: {e}\n{req}"));
    }
    // Unknown fields are refused on the way in, as the spec's additionalProperties says.
    assert!(serde_json::from_value::<m::EnableRequest>(json!({"idp": "okta", "ipd": 1})).is_err());
}

#[test]
fn full_lifecycle_matches_the_documented_contract() {
    let api = Api::new(&["--sso", "saml"]);
    let sbx = &api.sbx;

    let (s, st) = api.call(Method::GET, "/scim", "/scim", None);
    assert_eq!(s, 200);
    assert_eq!(st["enabled"], false);
    assert_eq!(st["token"], Value::Null);
    assert_eq!(st["sso"], json!({"saml": true, "strict": false}));
    assert_eq!(st["users"]["total"], 1);
    assert_eq!(st["groups"]["total"], 1);

    // Whose key this is: the sandbox's owner; the fingerprint is of this key.
    let (s, me) = api.call(Method::GET, "/me", "/me", None);
    assert_eq!(s, 200);
    assert_eq!(me["owner"]["user_name"], "owner@sandbox.example", "{me}");
    assert_eq!(
        me["key"]["fingerprint"],
        scimctl::admin::model::fingerprint(&scimctl::secret::Secret::new(sbx.admin_key.clone())),
        "{me}"
    );

    // Invites before SCIM: create, list, revoke, revoke again.
    let (s, inv) = api.call(
        Method::POST,
        "/invites",
        "/invites",
        Some(json!({"email": "new@example.com"})),
    );
    assert_eq!(s, 201);
    let path = format!("/invites/{}", inv["id"].as_str().unwrap());
    assert_eq!(
        api.call(Method::DELETE, "/invites/{id}", &path, None).0,
        204
    );
    assert_eq!(
        api.call(Method::DELETE, "/invites/{id}", &path, None).0,
        404
    );
    let (s, v) = api.call(
        Method::POST,
        "/invites",
        "/invites",
        Some(json!({"email": "not-an-email"})),
    );
    assert_eq!((s, Api::code(&v)), (400, "invalid_value"));
    let (_, pending) = api.call(
        Method::POST,
        "/invites",
        "/invites",
        Some(json!({"email": "pending@example.com"})),
    );

    // SAML on but not strict: enabling is refused, machine-readably, with a hint.
    let (s, v) = api.call(
        Method::POST,
        "/scim/enable",
        "/scim/enable",
        Some(json!({"idp": "okta"})),
    );
    assert_eq!((s, Api::code(&v)), (409, "sso_not_strict"));
    assert!(v["error"]["hint"].as_str().unwrap().contains("strict"));
    let (s, v) = api.call(
        Method::PUT,
        "/sso",
        "/sso",
        Some(json!({"saml": false, "strict": true})),
    );
    assert_eq!((s, Api::code(&v)), (400, "invalid_sso"));
    let (s, _) = api.call(
        Method::PUT,
        "/sso",
        "/sso",
        Some(json!({"saml": true, "strict": true})),
    );
    assert_eq!(s, 200);

    let (s, v) = api.call(
        Method::POST,
        "/scim/enable",
        "/scim/enable",
        Some(json!({"idp": "okta2"})),
    );
    assert_eq!((s, Api::code(&v)), (400, "invalid_idp"));
    let (s, en) = api.call(
        Method::POST,
        "/scim/enable",
        "/scim/enable",
        Some(json!({"idp": "entra"})),
    );
    assert_eq!(s, 201);
    assert_eq!(en["revoked_invites"], 1);
    assert_eq!(en["scim_base_url"], sbx.scim_url.as_str());
    let created: jiff::Timestamp = en["created_at"].as_str().unwrap().parse().unwrap();
    let expires: jiff::Timestamp = en["expires_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        expires.duration_since(created).as_hours(),
        365 * 24,
        "a token lives one year"
    );
    let token1 = en["token"].as_str().unwrap().to_owned();

    let (_, invites) = api.call(Method::GET, "/invites", "/invites", None);
    let p = invites["invites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == pending["id"])
        .unwrap();
    assert_eq!(
        p["status"], "revoked",
        "enabling SCIM revokes pending invites"
    );
    let (s, v) = api.call(
        Method::POST,
        "/invites",
        "/invites",
        Some(json!({"email": "late@example.com"})),
    );
    assert_eq!((s, Api::code(&v)), (409, "invites_blocked"));
    let (s, v) = api.call(
        Method::POST,
        "/scim/enable",
        "/scim/enable",
        Some(json!({"idp": "okta"})),
    );
    assert_eq!((s, Api::code(&v)), (409, "scim_already_enabled"));
    let (s, v) = api.call(
        Method::PUT,
        "/sso",
        "/sso",
        Some(json!({"saml": true, "strict": false})),
    );
    assert_eq!((s, Api::code(&v)), (409, "scim_requires_strict"));

    // The token works over SCIM, and its use is recorded; the status never shows it.
    let scim_get = |tok: &str| {
        sbx.http
            .get(format!("{}/Users", sbx.scim_url))
            .bearer_auth(tok)
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(scim_get(&token1), 200);
    let mut last_used = Value::Null;
    for _ in 0..100 {
        let (_, st) = api.call(Method::GET, "/scim", "/scim", None);
        assert!(
            !st.to_string().contains(&token1),
            "status must never carry the token"
        );
        last_used = st["token"]["last_used_at"].clone();
        if !last_used.is_null() {
            assert_eq!(st["enabled"], true);
            assert_eq!(st["idp"], "entra");
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        last_used.is_string(),
        "last_used_at is recorded after a SCIM call"
    );

    // Regenerating: the old token stops working at once.
    let (s, re) = api.call(Method::POST, "/scim/token", "/scim/token", None);
    assert_eq!(s, 201);
    let token2 = re["token"].as_str().unwrap().to_owned();
    assert_ne!(token1, token2);
    assert_eq!(scim_get(&token1), 401);
    assert_eq!(scim_get(&token2), 200);

    // An expired token gets 401, and the status says so.
    let (s, _) = api.call(
        Method::POST,
        "/sandbox/token-expiry",
        "/sandbox/token-expiry",
        Some(json!({"expires_at": "2020-01-01T00:00:00Z"})),
    );
    assert_eq!(s, 204);
    assert_eq!(scim_get(&token2), 401);
    let (_, st) = api.call(Method::GET, "/scim", "/scim", None);
    assert_eq!(st["token"]["expired"], true);
    let (_, re) = api.call(Method::POST, "/scim/token", "/scim/token", None);
    let token3 = re["token"].as_str().unwrap().to_owned();

    // The app-side view: what SCIM wrote is IdP-managed and can't be changed here.
    let sbx_tok = sbx.handle(Some(token3.clone()));
    let u = sbx_tok.user("idp.user@example.com");
    let g = sbx_tok.group("Engineering", &[u["id"].as_str().unwrap()]);
    let (_, users) = api.call(Method::GET, "/users", "/users", None);
    let idp_user = users["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == u["id"])
        .unwrap();
    assert_eq!(idp_user["managed_by"], "idp");
    let owner = users["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["managed_by"] == "local")
        .unwrap()
        .clone();
    // `ids=` answers only the named ids that exist, in the order asked.
    let (uid, oid) = (u["id"].as_str().unwrap(), owner["id"].as_str().unwrap());
    let (s, some) = api.call(
        Method::GET,
        "/users",
        &format!("/users?ids={oid},no-such-id,{uid}"),
        None,
    );
    let listed: Vec<&str> = some["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!((s, listed), (200, vec![oid, uid]));
    let (s, some) = api.call(
        Method::GET,
        "/groups",
        &format!("/groups?ids={}", g["id"].as_str().unwrap()),
        None,
    );
    assert_eq!(
        (s, some["groups"][0]["name"].clone()),
        (200, json!("Engineering"))
    );
    assert_eq!(some["groups"].as_array().unwrap().len(), 1);
    let many: Vec<String> = (0..=scimctl::admin::MAX_IDS_PER_LOOKUP)
        .map(|i| format!("id{i}"))
        .collect();
    let (s, v) = api.call(
        Method::GET,
        "/users",
        &format!("/users?ids={}", many.join(",")),
        None,
    );
    assert_eq!((s, Api::code(&v)), (400, "too_many_ids"));
    let (s, v) = api.call(
        Method::POST,
        "/users/{id}/deactivate",
        &format!("/users/{}/deactivate", u["id"].as_str().unwrap()),
        None,
    );
    assert_eq!((s, Api::code(&v)), (409, "idp_managed"));
    let (s, v) = api.call(
        Method::POST,
        "/users/{id}/deactivate",
        &format!("/users/{}/deactivate", owner["id"].as_str().unwrap()),
        None,
    );
    assert_eq!((s, v["active"].clone()), (200, json!(false)));
    let (s, v) = api.call(
        Method::POST,
        "/users/{id}/activate",
        &format!("/users/{}/activate", owner["id"].as_str().unwrap()),
        None,
    );
    assert_eq!((s, v["active"].clone()), (200, json!(true)));
    assert_eq!(
        api.call(
            Method::POST,
            "/users/{id}/activate",
            "/users/nope/activate",
            None
        )
        .0,
        404
    );

    let (s, v) = api.call(
        Method::PATCH,
        "/groups/{id}",
        &format!("/groups/{}", g["id"].as_str().unwrap()),
        Some(json!({"name": "Renamed"})),
    );
    assert_eq!((s, Api::code(&v)), (409, "idp_managed"));
    let (_, groups) = api.call(Method::GET, "/groups", "/groups", None);
    let admins = groups["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["reserved"] == true)
        .unwrap()
        .clone();
    assert_eq!(admins["name"], "Administrators");
    let admins_path = format!("/groups/{}", admins["id"].as_str().unwrap());
    let (s, v) = api.call(
        Method::PATCH,
        "/groups/{id}",
        &admins_path,
        Some(json!({"name": "Admins"})),
    );
    assert_eq!((s, Api::code(&v)), (409, "reserved_group"));
    let (s, v) = api.call(
        Method::PATCH,
        "/groups/{id}",
        &admins_path,
        Some(json!({"member_ids": []})),
    );
    assert_eq!((s, Api::code(&v)), (409, "reserved_group"));
    let (s, local) = api.call(
        Method::POST,
        "/groups",
        "/groups",
        Some(json!({"name": "Support"})),
    );
    assert_eq!((s, local["managed_by"].clone()), (201, json!("local")));
    let (s, v) = api.call(
        Method::POST,
        "/groups",
        "/groups",
        Some(json!({"name": "A name that is far too long"})),
    );
    assert_eq!((s, Api::code(&v)), (400, "invalid_value"));
    let (s, v) = api.call(
        Method::POST,
        "/groups",
        "/groups",
        Some(json!({"name": "support"})),
    );
    assert_eq!((s, Api::code(&v)), (409, "name_taken"));
    let (s, v) = api.call(
        Method::PATCH,
        "/groups/{id}",
        &format!("/groups/{}", local["id"].as_str().unwrap()),
        Some(json!({"member_ids": [owner["id"]]})),
    );
    assert_eq!((s, v["member_ids"].clone()), (200, json!([owner["id"]])));

    // Disabling needs the exact word; then everything the IdP managed is local again.
    for wrong in [
        json!({}),
        json!({"confirm": "disable"}),
        json!({"confirm": " DISABLE"}),
    ] {
        let (s, v) = api.call(Method::POST, "/scim/disable", "/scim/disable", Some(wrong));
        assert_eq!((s, Api::code(&v)), (400, "confirmation_required"));
    }
    let (s, v) = api.call(
        Method::POST,
        "/scim/disable",
        "/scim/disable",
        Some(json!({"confirm": "DISABLE"})),
    );
    assert_eq!(s, 200);
    assert_eq!(v, json!({"converted_users": 1, "converted_groups": 1}));
    assert_eq!(scim_get(&token3), 401);
    let (_, users) = api.call(Method::GET, "/users", "/users", None);
    assert!(
        users["users"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["managed_by"] == "local")
    );
    let (_, st) = api.call(Method::GET, "/scim", "/scim", None);
    assert_eq!(
        (
            st["enabled"].clone(),
            st["token"].clone(),
            st["idp"].clone()
        ),
        (json!(false), Value::Null, Value::Null)
    );
    let (s, v) = api.call(
        Method::POST,
        "/scim/disable",
        "/scim/disable",
        Some(json!({"confirm": "DISABLE"})),
    );
    assert_eq!((s, Api::code(&v)), (409, "scim_not_enabled"));
    let (s, v) = api.call(Method::POST, "/scim/token", "/scim/token", None);
    assert_eq!((s, Api::code(&v)), (409, "scim_not_enabled"));
    // Invites work again.
    assert_eq!(
        api.call(
            Method::POST,
            "/invites",
            "/invites",
            Some(json!({"email": "back@example.com"}))
        )
        .0,
        201
    );
}

#[test]
fn authentication_and_malformed_requests() {
    let api = Api::new(&[]);
    let sbx = &api.sbx;
    let spec = &api.spec;
    let r = sbx
        .http
        .get(format!("{}/scim", sbx.admin_url))
        .send()
        .unwrap();
    assert_eq!(
        r.headers().get("www-authenticate").unwrap(),
        "Bearer realm=\"scimctl-sandbox-admin\""
    );
    let (s, v) = body(r);
    spec.check("GET", "/scim", s, &v);
    assert_eq!((s, Api::code(&v)), (401, "unauthorized"));
    let (s, v) = body(
        sbx.http
            .get(format!("{}/scim", sbx.admin_url))
            .bearer_auth("scimadm_wrong")
            .send()
            .unwrap(),
    );
    assert_eq!((s, Api::code(&v)), (401, "unauthorized"));
    // The SCIM token is not an admin key.
    let (s, _) = body(
        sbx.http
            .get(format!("{}/scim", sbx.admin_url))
            .bearer_auth(format!("{}x", sbx.admin_key))
            .send()
            .unwrap(),
    );
    assert_eq!(s, 401);

    let (s, v) = body(
        sbx.admin(Method::POST, "/scim/enable")
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .unwrap(),
    );
    spec.check("POST", "/scim/enable", s, &v);
    assert_eq!((s, Api::code(&v)), (400, "invalid_request"));
    let (s, v) = api.call(
        Method::POST,
        "/scim/enable",
        "/scim/enable",
        Some(json!({"idp": "okta", "extra": 1})),
    );
    assert_eq!((s, Api::code(&v)), (400, "invalid_request"));
    let (s, v) = body(sbx.admin(Method::GET, "/nowhere").send().unwrap());
    assert_eq!((s, Api::code(&v)), (404, "not_found"));
    let (s, v) = body(sbx.admin(Method::DELETE, "/scim").send().unwrap());
    assert_eq!((s, Api::code(&v)), (405, "method_not_allowed"));
}

#[test]
fn sso_off_at_first_start_names_the_state() {
    let api = Api::new(&["--sso", "off"]);
    let (s, v) = api.call(
        Method::POST,
        "/scim/enable",
        "/scim/enable",
        Some(json!({"idp": "okta"})),
    );
    assert_eq!((s, Api::code(&v)), (409, "sso_not_strict"));
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("SAML SSO is off")
    );
}
