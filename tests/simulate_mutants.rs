//! Each simulate check can fail: a proxy in front of a real sandbox breaks the
//! one rule a check is about, and that check must fail (with --strict, so that
//! what an IdP merely tolerates counts too). And each prerequisite edge of the
//! registry holds: breaking exactly the prerequisite leaves its dependants
//! `blocked by` it, never failed, and nothing goes missing from the report.

mod common;

use std::sync::Mutex;

use common::mutant::{self, Action, Request, Response, forward, respond, scim_error, unchanged};
use common::*;
use scimctl::simulate::registry::{CHECKS, Idps};
use serde_json::{Value, json};

static VALID_TOKEN: Mutex<String> = Mutex::new(String::new());

struct Mutant {
    check: &'static str,
    profile: &'static str,
    scenario: &'static str,
    before: mutant::Before,
    after: mutant::After,
}

/// The whole JSON report of `profile`'s `scenario` behind the mutant.
fn report_of(profile: &str, scenario: &str, before: mutant::Before, after: mutant::After) -> Value {
    let s = Sandbox::enabled_with(&["--seed-users", "10"]);
    *VALID_TOKEN.lock().unwrap() = s.token.clone().unwrap();
    let origin = s.scim_url.trim_end_matches("/scim/v2").to_owned();
    let proxy = mutant::start(origin, before, after);
    let out = run_with_stdin(
        s.cli().args([
            "simulate",
            profile,
            "--strict",
            "-o",
            "json",
            "--scenario",
            scenario,
            "--url",
            &format!("{proxy}/scim/v2"),
            "--token-stdin",
        ]),
        s.token.as_ref().unwrap(),
    );
    assert!(
        out.code == 0 || out.code == 1,
        "{profile}/{scenario} ran: {out:?}"
    );
    out.json()
}

fn verdict_of(m: &Mutant) -> (String, Value) {
    let s = Sandbox::enabled_with(&["--seed-users", "10"]);
    *VALID_TOKEN.lock().unwrap() = s.token.clone().unwrap();
    let origin = s.scim_url.trim_end_matches("/scim/v2").to_owned();
    let proxy = mutant::start(origin, m.before, m.after);
    let mut cmd = s.cli();
    cmd.args(["simulate", m.profile, "--strict", "-o", "json"]);
    // "users,timing": several scenarios.
    for scenario in m.scenario.split(',') {
        cmd.args(["--scenario", scenario]);
    }
    cmd.args(["--url", &format!("{proxy}/scim/v2"), "--token-stdin"]);
    let out = run_with_stdin(&mut cmd, s.token.as_ref().unwrap());
    assert!(out.code == 0 || out.code == 1, "{} ran: {out:?}", m.check);
    let v = out.json();
    let check = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == m.check)
        .cloned()
        .unwrap_or(Value::Null);
    (
        check["verdict"].as_str().unwrap_or("missing").to_owned(),
        check,
    )
}

fn assert_each_fails(mutants: &[Mutant]) {
    for m in mutants {
        let (verdict, check) = verdict_of(m);
        assert_eq!(
            verdict, "fail",
            "{} should fail against its mutant: {check:#}",
            m.check
        );
        assert!(
            !check["reasons"].as_array().unwrap().is_empty(),
            "{}: says why",
            m.check
        );
    }
}

// ---- the mutants ------------------------------------------------------------

fn not_a_list_response(req: Request) -> Action {
    if req.is_list("Users") && req.query().contains("count=2") && !req.query().contains("filter") {
        return respond(200, Some(json!({"Resources": []})));
    }
    forward(req)
}
fn groups_404(req: Request) -> Action {
    if req.is_list("Groups") {
        return respond(404, scim_error(404, "no such endpoint"));
    }
    forward(req)
}
fn any_token(mut req: Request) -> Action {
    req.authorization = Some(format!("Bearer {}", VALID_TOKEN.lock().unwrap()));
    forward(req)
}
fn miss_is_404(req: &Request, resp: &mut Response) {
    if req.is_list("Users")
        && req.query().contains("filter")
        && resp.body.as_ref().is_some_and(|b| b["totalResults"] == 0)
    {
        *resp = Response {
            status: 404,
            body: scim_error(404, "User not found"),
            headers: Vec::new(),
        };
    }
}
fn lowercase_user_name(mut req: Request) -> Action {
    if req.method == "POST"
        && req.path().ends_with("/Users")
        && let Some(b) = req.body.as_mut()
    {
        let lower = b["userName"].as_str().unwrap_or("").to_lowercase();
        b["userName"] = json!(lower);
    }
    forward(req)
}
fn duplicates_accepted(req: &Request, resp: &mut Response) {
    if req.method == "POST" && resp.status == 409 {
        let mut b = req.body.clone().unwrap();
        b["id"] = json!("duplicate-id");
        *resp = Response {
            status: 201,
            body: Some(b),
            headers: Vec::new(),
        };
    }
}
fn case_sensitive_filter(req: &Request, resp: &mut Response) {
    if let (true, Some(value)) = (req.is_list("Users"), req.filter_value())
        && let Some(list) = resp.body.as_mut()
    {
        let keep: Vec<Value> = list["Resources"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|u| u["userName"] == value.as_str())
            .collect();
        list["totalResults"] = json!(keep.len());
        list["Resources"] = Value::Array(keep);
    }
}
fn read_as_list(req: &Request, resp: &mut Response) {
    if req.method == "GET" && req.is_one("Users") && resp.status == 200 {
        let one = resp.body.take().unwrap();
        resp.body = Some(
            json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 1, "Resources": [one]}),
        );
    }
}
fn put_ignored(mut req: Request) -> Action {
    if req.method == "PUT" && req.is_one("Users") {
        req.method = "GET".into();
        req.body = None;
    }
    forward(req)
}
fn ignore_if(req: Request, pred: fn(&Request) -> bool) -> Action {
    if pred(&req) {
        respond(204, None)
    } else {
        forward(req)
    }
}
fn deactivation_ignored(req: Request) -> Action {
    ignore_if(req, |r| {
        let body = r.body_text();
        r.method == "PATCH"
            && r.is_one("Users")
            && (body.contains("\"active\":false")
                || (body.contains("\"path\":\"active\"") && body.contains("\"False\"")))
    })
}
fn first_page_500(req: Request) -> Action {
    if req.is_list("Users") && req.query() == "startIndex=1&count=100" {
        return respond(500, scim_error(500, "internal error"));
    }
    forward(req)
}
fn reactivation_ignored(req: Request) -> Action {
    ignore_if(req, |r| {
        let b = r.body_text();
        r.method == "PATCH"
            && r.is_one("Users")
            && b.contains("active")
            && (b.contains("\"active\":true") || b.contains("\"value\":true"))
    })
}
fn inactive_is_404(req: &Request, resp: &mut Response) {
    if req.method == "GET"
        && req.is_one("Users")
        && resp.body.as_ref().is_some_and(|b| b["active"] == false)
    {
        *resp = Response {
            status: 404,
            body: scim_error(404, "gone"),
            headers: Vec::new(),
        };
    }
}
fn manager_ignored(req: Request) -> Action {
    ignore_if(req, |r| {
        r.method == "PATCH" && r.body_text().contains("manager")
    })
}
fn user_create_400(req: Request) -> Action {
    if req.method == "POST"
        && req.path().ends_with("/Users")
        && req.body_text().contains("Ada.Lovelace")
    {
        return respond(400, scim_error(400, "users cannot be created"));
    }
    forward(req)
}
fn nickname_dropped(mut req: Request) -> Action {
    if matches!(req.method.as_str(), "PUT" | "PATCH")
        && req.is_one("Users")
        && req.body_text().contains("nickName")
    {
        let text = req.body_text().replace("nickName", "ignoredAttribute");
        req.body = serde_json::from_str(&text).ok();
    }
    forward(req)
}
fn group_create_400(req: Request) -> Action {
    if req.method == "POST" && req.path().ends_with("/Groups") {
        return respond(400, scim_error(400, "groups are not supported"));
    }
    forward(req)
}
fn group_filter_ignored(mut req: Request) -> Action {
    if req.is_list("Groups") {
        let q: Vec<&str> = req
            .query()
            .split('&')
            .filter(|kv| !kv.starts_with("filter="))
            .collect();
        req.target = format!("{}?{}", req.path(), q.join("&"));
    }
    forward(req)
}
fn excluded_attributes_ignored(mut req: Request) -> Action {
    if req.method == "GET" && req.target.contains("/Groups") {
        req.target = req.target.replace("excludedAttributes=members", "x=1");
    }
    forward(req)
}
fn member_adds_ignored(req: Request) -> Action {
    ignore_if(req, |r| {
        r.method == "PATCH"
            && r.is_one("Groups")
            && r.body_text().contains("\"path\":\"members\"")
            && r.body_text().to_lowercase().contains("\"op\":\"add\"")
    })
}
fn value_removal_wipes_all(mut req: Request) -> Action {
    if req.method == "PATCH"
        && req.is_one("Groups")
        && req.body_text().contains("\"op\":\"Remove\"")
    {
        req.body = Some(
            json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "remove", "path": "members"}]}),
        );
    }
    forward(req)
}
fn rename_ignored(req: Request) -> Action {
    ignore_if(req, |r| {
        r.method == "PATCH" && r.is_one("Groups") && r.body_text().contains("-ren\"")
    })
}
fn delete_ignored(req: Request) -> Action {
    ignore_if(req, |r| r.method == "DELETE" && r.is_one("Groups"))
}
fn start_index_ignored(mut req: Request) -> Action {
    if req.is_list("Users")
        && req.query().contains("startIndex=")
        && !req.query().contains("filter")
    {
        let q: Vec<String> = req
            .query()
            .split('&')
            .map(|kv| {
                if kv.starts_with("startIndex=") {
                    "startIndex=1".to_owned()
                } else {
                    kv.to_owned()
                }
            })
            .collect();
        req.target = format!("{}?{}", req.path(), q.join("&"));
    }
    forward(req)
}
fn second_administrators(req: Request) -> Action {
    if req.method == "POST"
        && req
            .body
            .as_ref()
            .is_some_and(|b| b["displayName"] == "Administrators")
    {
        return respond(
            201,
            Some(json!({"id": "second-admins", "displayName": "Administrators"})),
        );
    }
    forward(req)
}
fn no_split_mapping(mut req: Request) -> Action {
    if req.method == "POST"
        && req
            .body
            .as_ref()
            .is_some_and(|b| b["displayName"] == "Split_Administrators")
    {
        req.body.as_mut().unwrap()["displayName"] = json!("Split_Admins_local");
    }
    forward(req)
}
fn long_names_accepted(req: Request) -> Action {
    if req.method == "POST"
        && req
            .body
            .as_ref()
            .and_then(|b| b["displayName"].as_str())
            .is_some_and(|n| n.len() >= 25)
    {
        return respond(
            201,
            Some(
                json!({"id": "long-group", "displayName": req.body.as_ref().unwrap()["displayName"]}),
            ),
        );
    }
    forward(req)
}

macro_rules! m {
    ($check:expr, $profile:expr, $scenario:expr, $before:expr, $after:expr) => {
        Mutant {
            check: $check,
            profile: $profile,
            scenario: $scenario,
            before: $before,
            after: $after,
        }
    };
}

// ---- mutants of the checks added for the wire and 2026 IdP behaviour --------

fn raw_token_crashes(req: Request) -> Action {
    if req
        .authorization
        .as_deref()
        .is_some_and(|a| !a.starts_with("Bearer "))
    {
        return respond(500, Some(json!({"error": "cannot parse Authorization"})));
    }
    forward(req)
}
fn no_www_authenticate(_: &Request, resp: &mut Response) {
    if resp.status == 401 {
        resp.headers.retain(|(k, _)| k != "www-authenticate");
    }
}
fn external_id_filter_refused(req: Request) -> Action {
    if req.is_list("Users") && req.query().contains("externalId") {
        return respond(
            400,
            scim_error(400, "The filter 'externalId eq' is not supported."),
        );
    }
    forward(req)
}
fn plus_decoded_as_space(req: Request) -> Action {
    if req.is_list("Users") && req.filter_value().is_some_and(|v| v.contains("o'neil+")) {
        return respond(
            200,
            Some(
                json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 0, "Resources": []}),
            ),
        );
    }
    forward(req)
}
/// A userName of 32 hex digits and the UPN (Entra's tombstone) is refused.
fn tombstone_refused(req: Request) -> Action {
    let tombstone = req.body.as_ref().is_some_and(|b| {
        b["Operations"].as_array().is_some_and(|ops| {
            ops.iter().any(|op| {
                op["value"]
                    .as_str()
                    .is_some_and(|v| v.len() > 32 && v[..32].bytes().all(|c| c.is_ascii_hexdigit()))
            })
        })
    });
    if req.method == "PATCH" && req.is_one("Users") && tombstone {
        return respond(409, scim_error(409, "userName already in use"));
    }
    forward(req)
}
fn user_delete_ignored(req: Request) -> Action {
    ignore_if(req, |r| r.method == "DELETE" && r.is_one("Users"))
}
static DELETED_USERS: Mutex<Vec<String>> = Mutex::new(Vec::new());
fn remember_deleted_users(req: &Request, resp: &mut Response) {
    if req.method == "DELETE" && req.is_one("Users") && resp.status == 204 {
        let id = req.path().rsplit('/').next().unwrap_or("").to_owned();
        DELETED_USERS.lock().unwrap().push(id);
    }
}
fn deleted_member_removal_404(req: Request) -> Action {
    let body = req.body_text();
    let names_deleted = DELETED_USERS
        .lock()
        .unwrap()
        .iter()
        .any(|id| body.contains(id.as_str()));
    if req.method == "PATCH"
        && req.is_one("Groups")
        && body.to_lowercase().contains("\"remove\"")
        && names_deleted
    {
        return respond(404, scim_error(404, "member not found"));
    }
    forward(req)
}
fn count_ignored(mut req: Request) -> Action {
    if req.is_list("Users") && req.query().contains("count=1") && !req.query().contains("filter") {
        req.target = req.target.replace("count=1", "count=100");
    }
    forward(req)
}
fn typed_add_no_target(req: Request) -> Action {
    if req.method == "PATCH" && req.is_one("Users") && req.body_text().contains("[type eq") {
        return respond(
            400,
            Some(
                json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "400", "scimType": "noTarget", "detail": "no such element"}),
            ),
        );
    }
    forward(req)
}
/// Keeps only what is not a test value: the declared attributes Okta would map are lost.
fn declared_attributes_dropped(mut req: Request) -> Action {
    if req.method == "PUT"
        && req.is_one("Users")
        && let Some(Value::Object(b)) = &mut req.body
    {
        b.retain(|_, v| !v.as_str().is_some_and(|s| s.starts_with("sim-")));
    }
    forward(req)
}
fn emails_unique(req: Request) -> Action {
    if req.method == "POST"
        && req.path().ends_with("/Users")
        && req.body_text().contains("-shared@")
    {
        return respond(409, scim_error(409, "email already in use"));
    }
    forward(req)
}
fn group_filter_case_sensitive(req: &Request, resp: &mut Response) {
    if req.is_list("Groups")
        && req.filter_value().is_some_and(|v| {
            v.chars().any(|c| c.is_ascii_uppercase()) && v.starts_with("SCIMCTL-SIM-")
        })
    {
        resp.body = Some(
            json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 0, "Resources": []}),
        );
    }
}
fn slow_writes(req: Request) -> Action {
    if req.method != "GET" {
        std::thread::sleep(std::time::Duration::from_millis(80));
    }
    forward(req)
}

#[test]
fn checks_for_2026_behaviour_and_the_wire_can_fail() {
    assert_each_fails(&[
        m!(
            "connection.header-auth",
            "okta",
            "connection",
            raw_token_crashes,
            unchanged
        ),
        m!(
            "connection.bad-token",
            "entra",
            "connection",
            forward,
            no_www_authenticate
        ),
        m!(
            "user.match-external-id",
            "entra",
            "users",
            external_id_filter_refused,
            unchanged
        ),
        m!(
            "user.shared-email",
            "okta",
            "users",
            emails_unique,
            unchanged
        ),
        m!(
            "user.special-characters",
            "okta",
            "users",
            plus_decoded_as_space,
            unchanged
        ),
        m!(
            "user.soft-delete-rename",
            "entra",
            "users",
            tombstone_refused,
            unchanged
        ),
        m!(
            "user.delete",
            "entra",
            "users",
            user_delete_ignored,
            unchanged
        ),
        m!(
            "group.remove-deleted-member",
            "entra",
            "groups",
            deleted_member_removal_404,
            remember_deleted_users
        ),
        m!(
            "paging.count-limit",
            "okta",
            "paging",
            count_ignored,
            unchanged
        ),
        m!(
            "user.add-typed-elements",
            "entra",
            "extended-attributes",
            typed_add_no_target,
            unchanged
        ),
        m!(
            "discovery.user-schema",
            "okta",
            "discovery",
            declared_attributes_dropped,
            unchanged
        ),
        m!(
            "timing.latency",
            "entra",
            "users,timing",
            slow_writes,
            unchanged
        ),
        m!(
            "group.match-case-variant",
            "entra",
            "groups",
            forward,
            group_filter_case_sensitive
        ),
    ]);
}

#[test]
fn connection_checks_can_fail() {
    assert_each_fails(&[
        m!(
            "connection.users-probe",
            "okta",
            "connection",
            not_a_list_response,
            unchanged
        ),
        m!(
            "connection.groups-probe",
            "okta",
            "connection",
            groups_404,
            unchanged
        ),
        m!(
            "connection.bad-token",
            "okta",
            "connection",
            any_token,
            unchanged
        ),
    ]);
}

#[test]
fn user_checks_can_fail() {
    assert_each_fails(&[
        m!("user.match-miss", "entra", "users", forward, miss_is_404),
        m!("user.match-miss", "okta", "users", forward, miss_is_404),
        m!(
            "user.create",
            "okta",
            "users",
            lowercase_user_name,
            unchanged
        ),
        m!(
            "user.duplicate",
            "okta",
            "users",
            forward,
            duplicates_accepted
        ),
        m!(
            "user.match-case-variant",
            "okta",
            "users",
            forward,
            case_sensitive_filter
        ),
        m!("user.read", "okta", "users", forward, read_as_list),
        m!("user.update", "okta", "users", put_ignored, unchanged),
    ]);
}

#[test]
fn lifecycle_checks_can_fail() {
    assert_each_fails(&[
        m!(
            "user.deactivate",
            "okta",
            "users",
            deactivation_ignored,
            unchanged
        ),
        m!(
            "user.read-inactive",
            "okta",
            "users",
            forward,
            inactive_is_404
        ),
        m!(
            "user.reactivate",
            "entra-aadopt",
            "users",
            reactivation_ignored,
            unchanged
        ),
        m!("user.manager", "entra", "users", manager_ignored, unchanged),
    ]);
}

#[test]
fn group_checks_can_fail() {
    assert_each_fails(&[
        m!("group.push", "okta", "groups", group_create_400, unchanged),
        m!(
            "group.link-existing",
            "okta",
            "groups",
            group_filter_ignored,
            unchanged
        ),
        m!(
            "group.exclude-members",
            "entra",
            "groups",
            excluded_attributes_ignored,
            unchanged
        ),
        m!(
            "group.add-members",
            "okta",
            "groups",
            member_adds_ignored,
            unchanged
        ),
        m!(
            "group.remove-members",
            "entra",
            "groups",
            value_removal_wipes_all,
            unchanged
        ),
        m!("group.rename", "okta", "groups", rename_ignored, unchanged),
        m!("group.delete", "okta", "groups", delete_ignored, unchanged),
    ]);
}

#[test]
fn extended_attribute_checks_can_fail() {
    assert_each_fails(&[
        m!(
            "user.extended-attributes",
            "entra",
            "extended-attributes",
            nickname_dropped,
            unchanged
        ),
        m!(
            "user.extended-attributes",
            "okta",
            "extended-attributes",
            nickname_dropped,
            unchanged
        ),
    ]);
}

/// A mutant that breaks exactly `need`, with the profile and scenario to run it in.
fn breaking(need: &str, dependant_idps: Idps) -> (mutant::Before, &'static str, &'static str) {
    let profile = if dependant_idps == Idps::Entra {
        "entra"
    } else {
        "okta"
    };
    match need {
        "user.create" => (user_create_400, profile, "users"),
        "user.deactivate" => (deactivation_ignored, profile, "users"),
        "paging.walk" => (first_page_500, profile, "paging"),
        "group.remove-members" => (value_removal_wipes_all, "entra", "groups"),
        "group.link-existing" => (group_filter_ignored, profile, "groups"),
        "group.push" => (group_create_400, profile, "groups"),
        "group.add-members" => (member_adds_ignored, profile, "groups"),
        other => panic!("no mutant breaks {other}: add one here so that its edges are tested"),
    }
}

#[test]
fn every_prerequisite_edge_blocks_its_dependants() {
    let mut runs: Vec<(&str, &str, &str, Value)> = Vec::new();
    // The replayed suites' edges are tested with their per-assertion mutants
    // (tests/okta_spec.rs, tests/ms_validator.rs).
    for spec in CHECKS
        .iter()
        .filter(|s| !matches!(s.idps, Idps::OktaSpec | Idps::MsValidator))
    {
        for need in spec.needs {
            let (before, profile, scenario) = breaking(need, spec.idps);
            let report = match runs.iter().find(|r| r.0 == *need && r.1 == profile) {
                Some(r) => r.3.clone(),
                None => {
                    let v = report_of(profile, scenario, before, unchanged);
                    runs.push((need, profile, scenario, v.clone()));
                    v
                }
            };
            let checks = report["checks"].as_array().unwrap();
            let find = |id: &str| {
                checks
                    .iter()
                    .find(|c| c["id"] == id)
                    .unwrap_or_else(|| panic!("{id} is missing from the report: {report:#}"))
            };
            assert_eq!(
                find(need)["verdict"],
                "fail",
                "the mutant breaks {need}: {report:#}"
            );
            let dep = find(spec.id);
            assert_eq!(
                dep["verdict"], "blocked",
                "{} depends on {need}: {dep:#}",
                spec.id
            );
            assert_eq!(dep["blocked_by"], *need, "{dep:#}");
            let s = &report["summary"];
            let total: u64 = ["passed", "failed", "warnings", "blocked", "skipped"]
                .iter()
                .map(|k| s[k].as_u64().unwrap())
                .sum();
            assert_eq!(total, s["planned"].as_u64().unwrap());
            assert_eq!(total as usize, checks.len());
        }
    }
}

#[test]
fn every_check_in_the_registry_has_a_mutant_here() {
    let src = include_str!("simulate_mutants.rs");
    // The replayed suites have a mutant per recorded assertion in
    // tests/okta_spec.rs and tests/ms_validator.rs.
    for spec in CHECKS
        .iter()
        .filter(|s| !matches!(s.idps, Idps::OktaSpec | Idps::MsValidator))
    {
        assert!(
            src.contains(&format!("m!(\"{}\"", spec.id))
                || src.contains(&format!("\"{}\",\n", spec.id)),
            "{} has no mutant test in tests/simulate_mutants.rs",
            spec.id
        );
    }
}

#[test]
fn paging_and_rule_checks_can_fail() {
    assert_each_fails(&[
        m!(
            "paging.walk",
            "okta",
            "paging",
            start_index_ignored,
            unchanged
        ),
        m!(
            "rules.administrators-reserved",
            "okta",
            "rules",
            second_administrators,
            unchanged
        ),
        m!(
            "rules.split-administrators",
            "okta",
            "rules",
            no_split_mapping,
            unchanged
        ),
        m!(
            "rules.group-name-length",
            "okta",
            "rules",
            long_names_accepted,
            unchanged
        ),
    ]);
}
