//! The command line's promises, pinned: case-insensitive enumerations, flags
//! that would be ignored are refused, reference texts show this machine's paths.

mod common;

use common::hostile;
use common::*;

#[test]
fn idp_names_are_accepted_in_any_case() {
    let s = Sandbox::start(&[]);
    let out = run(s.cli().args([
        "enable",
        "--idp",
        "Okta",
        "--insecure-storage",
        "-o",
        "json",
    ]));
    out.code(0);
    assert_eq!(out.json()["idp"], "okta");
}

#[test]
fn token_stdin_without_a_url_is_refused_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_with_stdin(
        scimctl().env("SCIMCTL_CONFIG_DIR", dir.path()).args([
            "simulate",
            "entra",
            "--token-stdin",
        ]),
        "scimtok_some-token-0000",
    );
    out.code(2);
    assert!(out.stderr.contains("--url"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn help_files_shows_where_the_files_are_here() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", dir.path())
        .args(["help", "files"]));
    out.code(0);
    let here = format!("here: {}", dir.path().join("config.toml").display());
    assert!(out.stdout.contains(&here), "{}", out.stdout);
}

const EVERY_FORMAT: [&str; 7] = ["table", "wide", "json", "ndjson", "csv", "name", "junit"];

/// The command's name and the formats the command line `argv` prints, as it
/// declares them.
fn declared(argv: &[&str]) -> (&'static str, Vec<String>) {
    use clap::Parser;
    let cli =
        scimctl::cli::Cli::try_parse_from(std::iter::once("scimctl").chain(argv.iter().copied()))
            .unwrap_or_else(|e| panic!("{argv:?} parses: {e}"));
    let (name, formats) = scimctl::commands::formats(&cli.command);
    (name, formats.iter().map(|f| f.name()).collect())
}

/// Whatever the format promises, stdout holds it.
fn assert_shape(argv: &[&str], format: &str, stdout: &str) {
    let what = format!("{argv:?} -o {format}: {stdout}");
    match format {
        "json" => {
            serde_json::from_str::<serde_json::Value>(stdout)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
        }
        "ndjson" => {
            assert!(!stdout.is_empty(), "{what}");
            for line in stdout.lines() {
                serde_json::from_str::<serde_json::Value>(line)
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
            }
        }
        "csv" => assert!(
            stdout.lines().next().is_some_and(|h| h.contains(',')),
            "{what}"
        ),
        "name" => assert!(
            !stdout.is_empty()
                && stdout
                    .lines()
                    .all(|l| !l.trim().is_empty() && !l.contains(' ')),
            "{what}"
        ),
        "junit" => assert!(stdout.starts_with("<?xml"), "{what}"),
        _ => assert!(!stdout.trim().is_empty(), "{what}"),
    }
}

/// Every command × every `-o`: a format it cannot print is refused before
/// anything runs (exit 2, empty stdout, the formats it can print named); the
/// read-only commands print each format they declare in that format.
#[test]
fn every_command_prints_what_it_declares_and_refuses_the_rest() {
    let s = Sandbox::enabled_with(&["--seed-users", "3"]);
    // A token for the profile, so that the SCIM commands run.
    run_with_stdin(
        s.cli()
            .args(["token", "regenerate", "--yes", "--insecure-storage"]),
        "",
    )
    .code(0);
    let read_only: &[&[&str]] = &[
        &["status"],
        &["token", "status"],
        &["users", "list"],
        &["users", "get", "--user-name", "user000001@example.test"],
        &["groups", "list"],
        &["groups", "get", "--name", "Administrators"],
        &["groups", "get", "--name", "Administrators", "--members"],
        &["simulate", "okta", "--scenario", "connection"],
        &["profiles", "list"],
        &["whoami"],
    ];
    let changing: &[&[&str]] = &[
        &["login"],
        &["enable", "--idp", "okta"],
        &["disable", "--confirm", "DISABLE"],
        &["token", "regenerate"],
        &["token", "rotate", "--if-expiring-within", "1d"],
        &["token", "revoke-previous"],
        &["token", "show"],
        &[
            "simulate",
            "cleanup",
            "--run-id",
            "abc123",
            "--url",
            "http://127.0.0.1:9/scim/v2",
        ],
        &["simulate", "okta", "--load", "--users", "1"],
        &["sandbox"],
        &["help"],
        &["completions", "bash"],
        &["logout"],
        &[
            "push-login",
            "okta",
            "--org-url",
            "https://acme.okta.com",
            "--app-id",
            "0oa1",
        ],
        &[
            "push-login",
            "entra",
            "--tenant-id",
            "t",
            "--client-id",
            "c",
            "--service-principal-id",
            "s",
        ],
        &["profiles", "use", "sandbox"],
        &["profiles", "remove", "sandbox"],
    ];
    // Every command of the command model is in one of the two lists.
    use clap::CommandFactory;
    fn paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
        let subs: Vec<&clap::Command> =
            cmd.get_subcommands().filter(|c| !c.is_hide_set()).collect();
        if subs.is_empty() || !prefix.is_empty() && cmd.is_args_conflicts_with_subcommands_set() {
            out.push(prefix.clone());
        }
        for c in subs {
            let mut p = prefix.clone();
            p.push(c.get_name().to_owned());
            paths(c, p, out);
        }
    }
    let mut all = Vec::new();
    // Built, so that deferred subcommands (cli.rs) are in the tree.
    let mut root = scimctl::cli::Cli::command();
    root.build();
    paths(&root, Vec::new(), &mut all);
    for path in all.iter().filter(|p| !p.is_empty()) {
        assert!(
            read_only
                .iter()
                .chain(changing)
                .any(|argv| argv
                    .starts_with(&path.iter().map(String::as_str).collect::<Vec<_>>()[..])),
            "`scimctl {}` is not in the format matrix of this test",
            path.join(" ")
        );
    }
    // Every command that prints JSON has its schema, and every schema file is
    // some command's (docs/cli.md, "Output contracts").
    let schemas = common::jsonschema::Schemas::new();
    let mut documented = std::collections::BTreeSet::new();
    for argv in read_only.iter().chain(changing) {
        let (name, supported) = declared(argv);
        if supported.iter().any(|f| f == "json") {
            let path = common::jsonschema::command_schema(name);
            assert!(
                path.exists(),
                "`scimctl {name}` prints JSON but has no schema: write {}",
                path.display()
            );
            documented.insert(path);
        }
    }
    for entry in std::fs::read_dir(common::jsonschema::docs_dir().join("schemas")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "common.json" {
            assert!(
                documented.contains(&path),
                "{} is no command's schema",
                path.display()
            );
        }
    }
    for argv in read_only.iter().chain(changing) {
        let (name, supported) = declared(argv);
        assert!(
            supported.contains(&"table".to_owned()),
            "{argv:?}: the default prints"
        );
        for format in EVERY_FORMAT {
            let only_refusal = changing.contains(argv);
            if supported.iter().any(|f| f == format) && only_refusal {
                continue;
            }
            let out = run(s.cli().args(*argv).args(["-o", format]));
            if supported.iter().any(|f| f == format) {
                assert_eq!(out.code, 0, "{argv:?} -o {format}: {out:?}");
                assert_shape(argv, format, &out.stdout);
                common::jsonschema::check_command_output(&schemas, name, format, &out.stdout);
            } else {
                assert_eq!(out.code, 2, "{argv:?} -o {format} is refused: {out:?}");
                assert!(
                    out.stdout.is_empty(),
                    "{argv:?} -o {format}: {}",
                    out.stdout
                );
                assert!(
                    out.stderr.contains(&format!("cannot print -o {format}")),
                    "{argv:?}: {}",
                    out.stderr
                );
            }
        }
    }
}

/// A listing whose first page fails prints nothing on stdout, in any format:
/// no header, no lone `[`.
#[test]
fn a_list_that_fails_at_once_leaves_stdout_empty() {
    let server =
        hostile::start(|_| hostile::Reply::json(500, &serde_json::json!({"detail": "down"})));
    let dir = tempfile::tempdir().unwrap();
    for kind in ["users", "groups"] {
        for format in ["table", "wide", "json", "ndjson", "csv", "name"] {
            let out = run(scimctl()
                .env("SCIMCTL_CONFIG_DIR", dir.path())
                .env("SCIMCTL_TOKEN", "scimtok_any-token-000000")
                .args([
                    kind,
                    "list",
                    "--url",
                    &format!("{}/scim/v2", server.base),
                    "-o",
                    format,
                ]));
            assert_ne!(out.code, 0, "{kind} -o {format}");
            assert_eq!(
                out.stdout, "",
                "{kind} list -o {format} printed before failing"
            );
        }
    }
}

/// A `--url` that is not the profile's own SCIM URL is any SCIM server: our
/// admin API is not asked who manages its users, and a 404 on the collection
/// says the base path is wrong.
#[test]
fn a_foreign_target_is_not_looked_up_in_our_admin_api_and_a_wrong_base_is_named() {
    let admin = hostile::start(|_| hostile::Reply::json(200, &serde_json::json!({"users": []})));
    let scim = hostile::start(|req| {
        if req.target.starts_with("/scim/v2/Users") {
            hostile::Reply::json(
                200,
                &serde_json::json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 1,
                    "Resources": [{"id": "u1", "userName": "ada@example.com"}]}),
            )
        } else {
            hostile::Reply::json(404, &serde_json::json!({"detail": "no such path"}))
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let cli = || {
        let mut c = scimctl();
        c.env("SCIMCTL_CONFIG_DIR", dir.path())
            .env("SCIMCTL_TOKEN", "scimtok_foreign-token-0000")
            .env("SCIMCTL_ADMIN_KEY", "scimadm_some-key-0000")
            .args(["--admin-url", &format!("{}/api/v1", admin.base)]);
        c
    };
    let out = run(cli().args(["users", "list", "--url", &format!("{}/scim/v2", scim.base)]));
    out.code(0);
    assert!(out.stdout.contains("ada@example.com"), "{}", out.stdout);
    assert!(
        admin.requests().is_empty(),
        "the admin API was asked: {:?}",
        admin.requests()
    );
    let out = run(cli().args([
        "users",
        "list",
        "--url",
        &format!("{}/wrong/base", scim.base),
    ]));
    out.code(1);
    assert!(
        out.stderr.contains("is the SCIM base URL right?"),
        "{}",
        out.stderr
    );
}

/// On the profile's own SCIM URL the IdP-MANAGED column is filled from our
/// admin API, asking only for the ids on each page (`ids=`), never for the
/// service's whole user list; an id the admin API doesn't know shows "?".
#[test]
fn the_idp_managed_column_asks_the_admin_api_for_the_page_ids_only() {
    let admin = hostile::start(|req| {
        let ids = req.target.split("ids=").nth(1).unwrap_or_default();
        let ids = url::form_urlencoded::parse(format!("ids={ids}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        let users: Vec<serde_json::Value> = ids
            .split(',')
            .filter(|id| *id != "u3")
            .map(|id| {
                serde_json::json!({"id": id, "user_name": id, "display_name": id, "active": true,
                "managed_by": if id == "u1" { "idp" } else { "local" }})
            })
            .collect();
        hostile::Reply::json(200, &serde_json::json!({ "users": users }))
    });
    let scim = hostile::start(|req| {
        let page = if req.target.contains("startIndex=3") {
            serde_json::json!([{"id": "u3", "userName": "c@example.com"}])
        } else {
            serde_json::json!([{"id": "u1", "userName": "a@example.com"}, {"id": "u2", "userName": "b@example.com"}])
        };
        hostile::Reply::json(
            200,
            &serde_json::json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
                "totalResults": 3, "itemsPerPage": 2, "Resources": page}),
        )
    });
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "default_profile = \"own\"\n[profiles.own]\nadmin_url = \"{}/api/v1\"\nscim_url = \"{}/scim/v2\"\n",
            admin.base, scim.base
        ),
    )
    .unwrap();
    let out = run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", dir.path())
        .env("SCIMCTL_TOKEN", "scimtok_own-token-00000000")
        .env("SCIMCTL_ADMIN_KEY", "scimadm_own-key-0000")
        .args([
            "users",
            "list",
            "--page-size",
            "2",
            "-o",
            "csv",
            "--columns",
            "id,idpManaged",
        ]));
    out.code(0);
    assert_eq!(
        out.stdout, "id,idpManaged\nu1,true\nu2,false\nu3,\n",
        "{}",
        out.stderr
    );
    let asked: Vec<String> = admin.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        asked,
        ["/api/v1/users?ids=u1%2Cu2", "/api/v1/users?ids=u3"],
        "the admin API was asked for more than each page"
    );
}

/// `--active` on a server without an `active` filter: listed without it, the
/// inactive users left out here, with a note.
#[test]
fn active_falls_back_to_this_side_when_the_server_refuses_the_filter() {
    let scim = hostile::start(|req| {
        if req.target.contains("filter=") {
            return hostile::Reply::json(
                400,
                &serde_json::json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "400", "scimType": "invalidFilter", "detail": "filters are not supported"}),
            );
        }
        hostile::Reply::json(
            200,
            &serde_json::json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 3,
                "Resources": [{"id": "u1", "userName": "on@example.com", "active": true},
                              {"id": "u2", "userName": "off@example.com", "active": false},
                              {"id": "u3", "userName": "unsaid@example.com"}]}),
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let list = |flag: &str| {
        run(scimctl()
            .env("SCIMCTL_CONFIG_DIR", dir.path())
            .env("SCIMCTL_TOKEN", "scimtok_foreign-token-0000")
            .args([
                "users",
                "list",
                flag,
                "-o",
                "name",
                "--url",
                &format!("{}/scim/v2", scim.base),
            ]))
    };
    let out = list("--active");
    out.code(0);
    assert_eq!(out.stdout, "u1\nu3\n", "{out:?}");
    assert!(
        out.stderr.contains("refused the filter 'active eq true'"),
        "{}",
        out.stderr
    );
    let out = list("--inactive");
    out.code(0);
    assert_eq!(out.stdout, "u2\n", "{out:?}");
}

/// One JSON shape per concept: the profile is `{"value", "source"}` wherever
/// a command reports it.
#[test]
fn the_profile_has_one_json_shape_in_every_command() {
    let s = Sandbox::start(&[]);
    let enabled = run(s.cli().args([
        "enable",
        "--idp",
        "okta",
        "--insecure-storage",
        "-o",
        "json",
    ]));
    enabled.code(0);
    assert_eq!(
        enabled.json()["setup"]["where"]
            .as_str()
            .map(|w| !w.is_empty()),
        Some(true)
    );
    for (argv, out) in [
        (vec!["enable"], enabled),
        (vec!["status"], run(s.cli().args(["status", "-o", "json"]))),
        (
            vec!["token", "status"],
            run(s.cli().args(["token", "status", "-o", "json"])),
        ),
        (
            vec!["token", "rotate"],
            run(s.cli().args(["token", "rotate", "-o", "json"])),
        ),
        (vec!["whoami"], run(s.cli().args(["whoami", "-o", "json"]))),
        (vec!["logout"], run(s.cli().args(["logout", "-o", "json"]))),
    ] {
        let v = out.json();
        assert_eq!(v["profile"]["value"], "sandbox", "{argv:?}: {v}");
        assert_eq!(
            v["profile"]["source"], "config default_profile",
            "{argv:?}: {v}"
        );
    }
}
