//! `users` and `groups` against the sandbox with many users (paging edges, every
//! output format, filters), against servers that misbehave, and the errors a
//! client meets (401, HTML, throttling, outages).

mod common;

use common::fake_scim::{self, Misbehaviour};
use common::*;
use serde_json::{Value, json};

fn seeded(n: &str, extra: &[&str]) -> Sandbox {
    let mut args = vec!["--seed-users", n];
    args.extend_from_slice(extra);
    let s = Sandbox::start(&args);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    s
}

fn ids_of(out: &Out) -> Vec<String> {
    out.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap().to_owned())
        .collect()
}

fn unique(v: &[String]) -> usize {
    let mut s = v.to_vec();
    s.sort();
    s.dedup();
    s.len()
}

#[test]
fn paging_edges_against_the_sandbox() {
    let s = seeded("250", &[]);
    let list = |extra: &[&str]| {
        let out = run(s.cli().args(["users", "list", "-o", "json"]).args(extra));
        out.code(0);
        ids_of(&out)
    };
    // everything, across pages of 7: no gaps, no duplicates
    let all = list(&["--page-size", "7"]);
    assert_eq!(all.len(), 251);
    assert_eq!(unique(&all), 251);
    // empty
    assert!(list(&["--filter", r#"userName eq "nobody@example.test""#]).is_empty());
    // one
    assert_eq!(
        list(&["--filter", r#"userName eq "user000042@example.test""#]).len(),
        1
    );
    // exact multiple of the page size (100 users with prefix user0001, pages of 25) and not
    let f = r#"userName sw "user0001""#;
    assert_eq!(list(&["--filter", f, "--page-size", "25"]).len(), 100);
    assert_eq!(list(&["--filter", f, "--page-size", "30"]).len(), 100);
    assert_eq!(list(&["--filter", f, "--page-size", "100"]).len(), 100);
    // limits
    assert_eq!(list(&["--limit", "10", "--page-size", "3"]).len(), 10);
    assert_eq!(list(&["--limit", "1000"]).len(), 251);
}

#[test]
fn a_server_cap_below_the_page_size_is_followed() {
    let s = seeded("40", &["--max-page-size", "7"]);
    let out = run(s
        .cli()
        .args(["users", "list", "-o", "json", "--page-size", "50"]));
    out.code(0);
    let ids = ids_of(&out);
    assert_eq!((ids.len(), unique(&ids)), (41, 41));
    assert!(
        out.stderr.is_empty(),
        "a cap is normal, not a warning: {}",
        out.stderr
    );
}

#[test]
fn every_output_format() {
    let s = seeded("5", &[]);
    let out = run(s.cli().args(["users", "list", "-o", "ndjson"]));
    out.code(0);
    let lines: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    assert!(
        lines.iter().all(|u| u["schemas"].is_array()),
        "full resources"
    );

    let out = run(s.cli().args(["users", "list", "-o", "csv", "--limit", "2"]));
    let rows: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        rows[0],
        "id,userName,displayName,active,email,idpManaged,externalId,created,lastModified"
    );
    assert_eq!(rows.len(), 3);
    assert!(rows[1].contains("owner@sandbox.example"));

    let out = run(s.cli().args(["users", "list", "-o", "name"]));
    assert_eq!(out.stdout.lines().count(), 6);
    assert!(
        out.stdout.lines().all(|l| l.len() == 36),
        "ids only: {}",
        out.stdout
    );

    // piped table: tab-separated, a header, no decoration
    let out = run(s.cli().args([
        "users",
        "list",
        "--filter",
        r#"userName eq "user000003@example.test""#,
    ]));
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "ID\tUSERNAME\tDISPLAY NAME\tACTIVE\tWORK EMAIL\tIDP-MANAGED"
    );
    let cells: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(
        &cells[1..],
        [
            "user000003@example.test",
            "User 3",
            "true",
            "user000003@example.test",
            "no"
        ]
    );
    assert!(!out.stdout.contains('│') && !out.stdout.contains('─'));

    let out = run(s.cli().args([
        "users",
        "list",
        "-o",
        "wide",
        "--no-headers",
        "--limit",
        "1",
    ]));
    assert_eq!(out.stdout.lines().count(), 1);
    assert_eq!(out.stdout.trim_end().split('\t').count(), 9);

    let out = run(s.cli().args([
        "users",
        "list",
        "--columns",
        "userName,active",
        "--no-headers",
        "--limit",
        "2",
    ]));
    assert_eq!(
        out.stdout,
        "owner@sandbox.example\ttrue\nuser000001@example.test\ttrue\n"
    );
    let out = run(s
        .cli()
        .args(["users", "list", "--columns", "userName,shoeSize"]));
    out.code(2);
    assert!(
        out.stderr.contains("unknown column 'shoeSize'"),
        "{}",
        out.stderr
    );

    // IdP-managed is learned from the admin API: a user pushed over SCIM says yes
    let token = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    s.handle(Some(token)).user("pushed@example.com");
    let out = run(s.cli().args([
        "users",
        "list",
        "--columns",
        "userName,idpManaged",
        "--filter",
        r#"userName eq "pushed@example.com""#,
        "--no-headers",
    ]));
    assert_eq!(out.stdout, "pushed@example.com\tyes\n");
}

#[test]
fn filters_active_sorting_and_get() {
    let s = seeded("30", &[]);
    let token = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    let h = s.handle(Some(token));
    let (_, hit) = h.get(&format!(
        "/Users?filter={}",
        enc(r#"userName eq "user000007@example.test""#)
    ));
    let id = hit["Resources"][0]["id"].as_str().unwrap().to_owned();
    h.patch(
        &format!("/Users/{id}"),
        json!([{"op": "replace", "path": "active", "value": false}]),
    );

    let out = run(s.cli().args(["users", "list", "--inactive", "-o", "name"]));
    assert_eq!(out.stdout.trim(), id);
    let out = run(s.cli().args(["users", "list", "--active", "-o", "name"]));
    assert_eq!(out.stdout.lines().count(), 30);
    let out = run(s.cli().args([
        "users",
        "list",
        "--active",
        "--filter",
        r#"userName sw "user00000""#,
        "-o",
        "name",
    ]));
    assert_eq!(out.stdout.lines().count(), 8, "9 names, one inactive");

    let out = run(s.cli().args([
        "users",
        "list",
        "--sort-by",
        "userName",
        "--columns",
        "userName",
        "--no-headers",
        "--limit",
        "2",
        "--page-size",
        "1",
    ]));
    assert_eq!(
        out.stdout,
        "owner@sandbox.example\nuser000001@example.test\n"
    );

    let out = run(s.cli().args(["users", "get", &id, "-o", "json"]));
    out.code(0);
    assert_eq!(out.json()["userName"], "user000007@example.test");
    assert_eq!(out.json()["active"], false);
    let out = run(s.cli().args([
        "users",
        "get",
        "--user-name",
        "USER000007@example.test",
        "-o",
        "json",
    ]));
    assert_eq!(out.json()["id"], id.as_str());
    let out = run(s
        .cli()
        .args(["users", "get", "--user-name", "ghost@example.test"]));
    out.code(1);
    assert!(
        out.stderr
            .contains("no user has userName 'ghost@example.test'"),
        "{}",
        out.stderr
    );
    run(s.cli().args(["users", "get", "no-such-id"])).code(1);
}

#[test]
fn a_bad_filter_is_refused_before_any_request() {
    // the URL is dead: had a request been made, the error would be "cannot reach"
    let out = run(scimctl().env("SCIMCTL_TOKEN", "t").args([
        "users",
        "list",
        "--url",
        "http://127.0.0.1:9/scim/v2",
        "--filter",
        r#"userName eq "a" and"#,
    ]));
    out.code(2);
    assert!(
        out.stderr.contains("the filter is not valid"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains('^'),
        "points at the position: {}",
        out.stderr
    );
    assert!(!out.stderr.contains("cannot reach"), "{}", out.stderr);
}

#[test]
fn groups_list_and_members_resolved_to_user_names() {
    let s = seeded("5", &[]);
    let token = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    let h = s.handle(Some(token));
    let a = h.user("ada@example.com")["id"].as_str().unwrap().to_owned();
    let b = h.user("bob@example.com")["id"].as_str().unwrap().to_owned();
    h.group("Engineering", &[&a, &b]);
    let out = run(s.cli().args([
        "groups",
        "list",
        "-o",
        "csv",
        "--columns",
        "displayName,members,idpManaged",
    ]));
    out.code(0);
    // CSV says booleans as true/false (the table says yes/no).
    assert!(out.stdout.contains("Engineering,2,true"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Administrators,1,false"),
        "{}",
        out.stdout
    );
    let out = run(s.cli().args([
        "groups",
        "get",
        "--name",
        "Engineering",
        "--members",
        "-o",
        "json",
    ]));
    out.code(0);
    let mut names: Vec<String> = out.json()["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["ada@example.com", "bob@example.com"]);
    let out = run(s
        .cli()
        .args(["groups", "get", "--name", "Engineering", "--members"]));
    assert!(out.stdout.contains("ada@example.com"), "{}", out.stdout);
}

#[test]
fn any_server_with_url_and_a_token_on_stdin() {
    let s = seeded("3", &[]);
    let token = run(s.cli().args(["token", "show"])).stdout;
    let cfg = tempfile::tempdir().unwrap();
    let out = run_with_stdin(
        scimctl().env("SCIMCTL_CONFIG_DIR", cfg.path()).args([
            "users",
            "list",
            "--url",
            &s.scim_url,
            "--token-stdin",
            "-o",
            "name",
        ]),
        &token,
    );
    out.code(0);
    assert_eq!(out.stdout.lines().count(), 4);
    let out = run_with_stdin(
        scimctl().env("SCIMCTL_CONFIG_DIR", cfg.path()).args([
            "users",
            "list",
            "--url",
            &s.scim_url,
            "--token-stdin",
        ]),
        "scimtok_wrong\n",
    );
    out.code(4);
    assert!(out.stderr.contains("refused"), "{}", out.stderr);
    assert!(out.stderr.contains("hint:"), "{}", out.stderr);
    assert!(!out.stderr.contains("scimtok_wrong"), "{}", out.stderr);
}

fn list_fake(fake: &fake_scim::FakeScim, page: &str) -> Out {
    let cfg = tempfile::tempdir().unwrap();
    run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", cfg.path())
        .env("SCIMCTL_TOKEN", "fake-token")
        .args([
            "users",
            "list",
            "--url",
            &fake.url,
            "-o",
            "json",
            "--page-size",
            page,
        ]))
}

#[test]
fn misbehaving_servers_neither_duplicate_nor_hang() {
    // Exit 8 when the list knows it lacks what the server reported (after
    // printing what it has, as valid JSON).
    for (mode, warns, code) in [
        (Misbehaviour::None, None, 0),
        (Misbehaviour::IgnoresCount, None, 0),
        (Misbehaviour::CapsCount(3), None, 0),
        (Misbehaviour::WrongItemsPerPage, None, 0),
        (
            Misbehaviour::TotalGrowsMidWalk,
            Some("totalResults changed from 23 to 28"),
            8,
        ),
        (
            Misbehaviour::RepeatsAcrossPages,
            Some("returned 1 resource(s) twice"),
            0,
        ),
    ] {
        let fake = fake_scim::start(23, mode);
        let out = list_fake(&fake, "4");
        out.code(code);
        let ids = ids_of(&out);
        assert_eq!((ids.len(), unique(&ids)), (23, 23), "{mode:?}: {out:?}");
        match warns {
            Some(w) => assert!(
                out.stderr.contains(w),
                "{mode:?} warns {w:?}: {}",
                out.stderr
            ),
            None => assert!(out.stderr.is_empty(), "{mode:?}: {}", out.stderr),
        }
    }
    let fake = fake_scim::start(23, Misbehaviour::IgnoresStartIndex);
    let out = list_fake(&fake, "4");
    out.code(8);
    assert!(
        out.stderr.contains("the list is incomplete"),
        "{}",
        out.stderr
    );
    assert_eq!(ids_of(&out).len(), 4);
    assert!(out.stderr.contains("ignore startIndex"), "{}", out.stderr);
    // Two pages, and at most the three requests the pager sends ahead.
    let requests = fake.requests.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        (2..=5).contains(&requests),
        "stops at once: {requests} requests"
    );
}

#[test]
fn throttling_and_outages_are_retried() {
    let fake = fake_scim::start(5, Misbehaviour::ThrottlesOnce);
    let out = list_fake(&fake, "100");
    out.code(0);
    assert_eq!(ids_of(&out).len(), 5);
    let log = fake.log.lock().unwrap();
    let waited = log[1].0 - log[0].0;
    assert!(
        waited >= std::time::Duration::from_millis(950),
        "honoured Retry-After: 1 ({waited:?})"
    );
    drop(log);
    let fake = fake_scim::start(5, Misbehaviour::Unavailable(2));
    let out = list_fake(&fake, "100");
    out.code(0);
    assert_eq!(ids_of(&out).len(), 5);
    assert_eq!(fake.requests.load(std::sync::atomic::Ordering::SeqCst), 3);
    let fake = fake_scim::start(5, Misbehaviour::Unavailable(100));
    let out = list_fake(&fake, "100");
    out.code(1);
    assert!(out.stderr.contains("503"), "{}", out.stderr);
    assert_eq!(
        fake.requests.load(std::sync::atomic::Ordering::SeqCst),
        5,
        "gives up after 5 attempts"
    );
}

#[test]
fn html_and_refusals_are_explained() {
    let fake = fake_scim::start(5, Misbehaviour::HtmlLoginPage);
    let out = list_fake(&fake, "100");
    out.code(1);
    assert!(out.stderr.contains("text/html"), "{}", out.stderr);
    assert!(
        out.stderr.contains("<!DOCTYPE html>"),
        "quotes the first bytes: {}",
        out.stderr
    );
    assert!(
        out.stdout.is_empty(),
        "nothing before the first page: {}",
        out.stdout
    );
    // A foreign server's refusal: the hint is about its token, not our token
    // commands (which manage our service's tokens).
    let fake = fake_scim::start(5, Misbehaviour::RefusesToken);
    let out = list_fake(&fake, "100");
    out.code(4);
    assert!(out.stderr.contains("bad token"), "{}", out.stderr);
    assert!(out.stderr.contains("--token-stdin"), "{}", out.stderr);
    assert!(!out.stderr.contains("token regenerate"), "{}", out.stderr);
}

#[test]
fn a_progress_bar_only_on_a_terminal_and_only_for_several_pages() {
    let s = seeded("250", &[]);
    let bin = assert_cmd::cargo::cargo_bin!("scimctl");
    let in_pty = |page: &str| {
        let cmd = s.cli();
        let script = format!(
            "'{}' users list -o ndjson --page-size {page} > /dev/null",
            bin.display()
        );
        let mut sh = std::process::Command::new("sh");
        sh.args(["-c", &script]).envs(
            cmd.get_envs()
                .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned()))),
        );
        let mut t = common::pty::Pty::spawn(sh);
        assert_eq!(t.wait().code(), Some(0), "{}", t.output());
        t.output()
    };
    assert!(
        in_pty("10").contains("/251"),
        "a bar with the total: {:?}",
        in_pty("10")
    );
    assert!(!in_pty("1000").contains("/251"), "one page: no bar");
    let piped = run(s
        .cli()
        .args(["users", "list", "-o", "ndjson", "--page-size", "10"]));
    assert!(
        piped.stderr.is_empty(),
        "not a terminal: no bar: {}",
        piped.stderr
    );
}
