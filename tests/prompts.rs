//! Prompts in a real pseudo-terminal: the typed DISABLE confirmation (wrong word,
//! empty, Ctrl-C, Ctrl-D, right word), the regenerate confirmation (waits for
//! Enter, names profile and service, Ctrl-D cancels), and the hidden admin-key
//! prompt of `login` (asked only once the service and store are known good).

mod common;

use std::os::unix::process::ExitStatusExt;

use common::pty::Pty;
use common::*;
use reqwest::Method;

fn enabled(s: &Sandbox) -> bool {
    send(s.admin(Method::GET, "/scim")).1["enabled"] == true
}

fn enabled_sandbox() -> Sandbox {
    let s = Sandbox::start(&[]);
    run(s.cli().args(["enable", "--idp", "okta"])).code(0);
    s
}

#[test]
fn disable_with_the_wrong_word_cancels() {
    let s = enabled_sandbox();
    let mut cmd = s.cli();
    cmd.arg("disable");
    let mut t = Pty::spawn(cmd);
    t.expect("Type DISABLE to confirm");
    assert!(t.output().contains("become local ones"), "{}", t.output());
    t.send("disable\r");
    let st = t.wait();
    assert_eq!(st.code(), Some(3), "{}", t.output());
    assert!(
        t.output().contains("you typed 'disable', not DISABLE"),
        "{}",
        t.output()
    );
    assert!(enabled(&s), "nothing changed");
}

#[test]
fn disable_with_nothing_typed_cancels() {
    let s = enabled_sandbox();
    let mut cmd = s.cli();
    cmd.arg("disable");
    let mut t = Pty::spawn(cmd);
    t.expect("Type DISABLE to confirm");
    t.send("\r");
    assert_eq!(t.wait().code(), Some(3), "{}", t.output());
    assert!(t.output().contains("you typed nothing"), "{}", t.output());
    assert!(enabled(&s));
}

#[test]
fn disable_interrupted_with_ctrl_c_changes_nothing() {
    let s = enabled_sandbox();
    let mut cmd = s.cli();
    cmd.arg("disable");
    let mut t = Pty::spawn(cmd);
    t.expect("Type DISABLE to confirm");
    t.send("DISA");
    t.send("\x03");
    let st = t.wait();
    assert!(
        st.signal() == Some(libc::SIGINT) || st.code() == Some(130),
        "Ctrl-C ends it like any Unix tool: {st:?}\n{}",
        t.output()
    );
    assert!(enabled(&s), "nothing changed");
}

#[test]
fn disable_cancelled_with_ctrl_d_changes_nothing() {
    let s = enabled_sandbox();
    let mut cmd = s.cli();
    cmd.arg("disable");
    let mut t = Pty::spawn(cmd);
    t.expect("Type DISABLE to confirm");
    t.send("\x04");
    assert_eq!(t.wait().code(), Some(3), "{}", t.output());
    assert!(
        t.output().contains("cancelled (end of input)"),
        "{}",
        t.output()
    );
    assert!(enabled(&s), "nothing changed");
}

#[test]
fn login_checks_the_service_before_asking_and_refuses_an_empty_key() {
    let cfg = tempfile::tempdir().unwrap();
    // Nothing listens on port 9: the error comes before any prompt.
    let mut cmd = scimctl();
    cmd.env("SCIMCTL_CONFIG_DIR", cfg.path()).args([
        "--profile",
        "acme",
        "--insecure-storage",
        "--admin-url",
        "http://127.0.0.1:9/api/v1",
        "login",
    ]);
    let mut t = Pty::spawn(cmd);
    assert_eq!(t.wait().code(), Some(1), "{}", t.output());
    assert!(
        !t.output().contains("Admin API key"),
        "not asked: {}",
        t.output()
    );
    assert!(
        t.output().contains("cannot reach the admin API"),
        "{}",
        t.output()
    );

    let s = Sandbox::start(&[]);
    let mut cmd = scimctl();
    cmd.env("SCIMCTL_CONFIG_DIR", cfg.path()).args([
        "--profile",
        "acme",
        "--insecure-storage",
        "--admin-url",
        &s.admin_url,
        "login",
    ]);
    let mut t = Pty::spawn(cmd);
    t.expect("Admin API key for profile 'acme'");
    t.send("\r");
    assert_eq!(t.wait().code(), Some(3), "{}", t.output());
    assert!(t.output().contains("no key was entered"), "{}", t.output());
}

#[test]
fn disable_with_the_right_word_disables() {
    let s = enabled_sandbox();
    let mut cmd = s.cli();
    cmd.arg("disable");
    let mut t = Pty::spawn(cmd);
    t.expect("Type DISABLE to confirm");
    t.send("DISABLE\r");
    assert_eq!(t.wait().code(), Some(0), "{}", t.output());
    assert!(t.output().contains("SCIM is off"), "{}", t.output());
    assert!(!enabled(&s));
}

#[test]
fn regenerate_asks_and_no_keeps_the_token() {
    let s = enabled_sandbox();
    let before = run(s.cli().args(["token", "show"])).stdout;
    let mut cmd = s.cli();
    cmd.args(["token", "regenerate"]);
    let mut t = Pty::spawn(cmd);
    t.expect("[y/N]");
    assert!(
        t.output().contains("profile 'sandbox'"),
        "names the profile: {}",
        t.output()
    );
    assert!(
        t.output().contains(&s.admin_url),
        "names the service: {}",
        t.output()
    );
    // A single keypress answers nothing: the prompt waits for Enter.
    t.send("n");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(t.child_running(), "waits for Enter after a keypress");
    t.send("\r");
    assert_eq!(t.wait().code(), Some(3), "{}", t.output());
    assert_eq!(run(s.cli().args(["token", "show"])).stdout, before);

    // Ctrl-D cancels.
    let mut cmd = s.cli();
    cmd.args(["token", "regenerate"]);
    let mut t = Pty::spawn(cmd);
    t.expect("[y/N]");
    t.send("\x04");
    assert_eq!(t.wait().code(), Some(3), "{}", t.output());
    assert!(t.output().contains("cancelled"), "{}", t.output());
    assert_eq!(run(s.cli().args(["token", "show"])).stdout, before);

    // `yes` and Enter: the whole line is the answer, nothing is left over.
    let mut cmd = s.cli();
    cmd.args(["token", "regenerate"]);
    let mut t = Pty::spawn(cmd);
    t.expect("[y/N]");
    t.send("yes\r");
    assert_eq!(t.wait().code(), Some(0), "{}", t.output());
    let after = run(s.cli().args(["token", "show"])).stdout;
    assert_ne!(after, before);
    assert!(
        t.output().contains(after.trim()),
        "on a terminal the new token is shown once"
    );
}

#[test]
fn enable_on_a_terminal_shows_the_token_once_with_the_setup() {
    let s = Sandbox::start(&[]);
    let mut cmd = s.cli();
    cmd.args(["enable", "--idp", "entra"]);
    let mut t = Pty::spawn(cmd);
    assert_eq!(t.wait().code(), Some(0), "{}", t.output());
    let token = run(s.cli().args(["token", "show"]))
        .stdout
        .trim()
        .to_owned();
    let screen = t.output();
    assert_eq!(
        screen.matches(&token).count(),
        1,
        "shown exactly once:\n{screen}"
    );
    assert!(screen.contains("Tenant URL"), "{screen}");
    assert!(screen.contains(&s.scim_url), "{screen}");
}

#[test]
fn login_prompts_for_the_key_without_echo() {
    let s = Sandbox::start(&[]);
    let cfg = tempfile::tempdir().unwrap();
    let mut cmd = scimctl();
    cmd.env("SCIMCTL_CONFIG_DIR", cfg.path()).args([
        "--profile",
        "acme",
        "--insecure-storage",
        "--admin-url",
        &s.admin_url,
        "login",
    ]);
    let mut t = Pty::spawn(cmd);
    t.expect("Admin API key");
    t.send(&format!("{}\r", s.admin_key));
    assert_eq!(t.wait().code(), Some(0), "{}", t.output());
    assert!(
        !t.output().contains(&s.admin_key),
        "the key is not echoed:\n{}",
        t.output()
    );
    assert!(t.output().contains("Logged in"), "{}", t.output());
}

/// `profiles remove` on a terminal names the profile, its service and store,
/// waits for Enter (a lone `y` keypress answers nothing), and Ctrl-D cancels;
/// `yes` and Enter removes it. `whoami` on a terminal is one line.
#[test]
fn profiles_remove_asks_and_whoami_is_one_line_on_a_terminal() {
    let s = Sandbox::start(&[]);
    let profiles = || {
        run(s.cli().args(["profiles", "list", "-o", "json"])).json()["profiles"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(profiles(), 1);

    let mut cmd = s.cli();
    cmd.arg("whoami");
    let mut t = Pty::spawn_sized(cmd, 220);
    assert_eq!(t.wait().code(), Some(0), "{}", t.output());
    let line = t.output();
    assert_eq!(line.trim_end().lines().count(), 1, "one line: {line}");
    assert!(line.contains("admin key of Sandbox Owner"), "{line}");

    let mut cmd = s.cli();
    cmd.args(["profiles", "remove", "sandbox"]);
    let mut t = Pty::spawn(cmd);
    t.expect("[y/N]");
    assert!(
        t.output()
            .contains("Remove profile 'sandbox' (http://127.0.0.1:"),
        "{}",
        t.output()
    );
    t.send("y");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        t.child_running(),
        "a keypress without Enter answered: {}",
        t.output()
    );
    t.send("\x04\x04");
    assert_eq!(t.wait().code(), Some(3), "{}", t.output());
    assert_eq!(profiles(), 1, "Ctrl-D kept the profile");

    let mut cmd = s.cli();
    cmd.args(["profiles", "remove", "sandbox"]);
    let mut t = Pty::spawn(cmd);
    t.expect("[y/N]");
    t.send("yes\r");
    assert_eq!(t.wait().code(), Some(0), "{}", t.output());
    assert_eq!(profiles(), 0);
}
