//! Tables in a real pseudo-terminal at 60, 80, 120 and 220 columns: every id,
//! userName and email on the screen is whole (never wrapped or shortened),
//! lines fit the terminal when the protected columns do, and one resource is a
//! key/value view.

mod common;

use common::pty::Pty;
use common::*;
use serde_json::json;

fn on_screen(s: &Sandbox, cols: u16, args: &[&str]) -> String {
    let mut cmd = s.cli();
    cmd.env("SCIMCTL_TOKEN", s.token.as_deref().unwrap())
        .args(args);
    let mut pty = Pty::spawn_sized(cmd, cols);
    assert!(pty.wait().success(), "{args:?} at {cols}: {}", pty.output());
    pty.output().replace("\r\n", "\n")
}

#[test]
fn ids_and_emails_are_never_broken_at_any_width() {
    let s = Sandbox::enabled_with(&["--seed-users", "3"]);
    let (_, long) = s.post(
        "/Users",
        json!({"schemas": [USER_SCHEMA], "userName": "augusta.ada.king-noel@lovelace.example.org",
               "displayName": "Augusta Ada King-Noel, Countess of Lovelace, Analyst of the Engine",
               "emails": [{"value": "augusta.ada.king-noel@lovelace.example.org", "type": "work"}]}),
    );
    let (_, users) = s.get("/Users?count=100");
    let ids = ids(&users);
    let names: Vec<String> = users["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userName"].as_str().unwrap().to_owned())
        .collect();
    for cols in [60u16, 80, 120, 220] {
        for args in [&["users", "list"][..], &["users", "list", "-o", "wide"]] {
            let screen = on_screen(&s, cols, args);
            for id in &ids {
                assert!(
                    screen.contains(id.as_str()),
                    "{args:?} at {cols}: id {id} is whole:\n{screen}"
                );
            }
            for n in &names {
                assert!(
                    screen.contains(n.as_str()),
                    "{args:?} at {cols}: {n} is whole:\n{screen}"
                );
            }
            let widest = screen.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            let protected: usize = 36 + 3 + 42 + 3 + 42;
            // The default columns fit once the protected ones do; -o wide adds
            // more protected ones (times) and may overflow instead.
            if args.len() == 2 && (cols as usize) >= protected + 3 * 8 + 20 {
                assert!(
                    widest <= cols as usize,
                    "{args:?} fits {cols} columns:\n{screen}"
                );
            }
            if cols == 220 && args.len() == 2 {
                assert!(
                    screen.contains("Countess of Lovelace"),
                    "nothing shortened at 220:\n{screen}"
                );
            }
        }
        let screen = on_screen(&s, cols, &["groups", "list"]);
        assert!(screen.contains("Administrators"), "{screen}");
        // One user: a key/value view with every column, the id whole.
        let screen = on_screen(&s, cols, &["users", "get", long["id"].as_str().unwrap()]);
        assert!(screen.contains(long["id"].as_str().unwrap()), "{screen}");
        assert!(
            screen.lines().any(|l| l.starts_with("USERNAME")),
            "key/value view:\n{screen}"
        );
        assert!(
            screen.lines().any(|l| l.starts_with("CREATED")),
            "wide columns too:\n{screen}"
        );
    }
}

/// The setup text `enable` prints wraps between words at the terminal's width
/// (hanging indents); a field's value (a URL, the token) is never cut.
#[test]
fn setup_text_wraps_between_words() {
    let s = Sandbox::start(&[]);
    let mut cmd = s.cli();
    cmd.args(["enable", "--idp", "okta", "--insecure-storage"]);
    let mut pty = Pty::spawn_sized(cmd, 60);
    assert!(pty.wait().success(), "{}", pty.output());
    let screen = pty.output().replace("\r\n", "\n");
    assert!(screen.contains(&s.scim_url), "the URL is whole:\n{screen}");
    let prose: Vec<&str> = screen
        .lines()
        .filter(|l| !l.contains("http") && !l.contains("scimtok_"))
        .collect();
    assert!(
        prose.iter().all(|l| l.chars().count() <= 60),
        "prose fits 60 columns:\n{screen}"
    );
    assert!(screen.contains("Refresh App Groups"), "{screen}");
}
