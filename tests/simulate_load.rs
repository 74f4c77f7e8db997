//! Load mode stops cleanly: Ctrl-C in a real terminal stops the push, cleans up
//! as the IdP would and prints the summary; what a killed run left is found by
//! its run id and removed by `simulate cleanup`.

mod common;

use std::time::{Duration, Instant};

use common::pty::Pty;
use common::*;

/// The users of run `run_id` on the sandbox that are still active.
fn active_of_run(s: &Sandbox, run_id: &str) -> usize {
    let filter = enc(&format!("userName sw \"scimctl-sim-{run_id}-\""));
    let (_, v) = s.get(&format!("/Users?count=1000&filter={filter}"));
    v["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["active"] == true)
        .count()
}

/// Waits until `run_id` has at least `n` active users (bounded).
fn wait_for_users(s: &Sandbox, run_id: &str, n: usize) {
    let t0 = Instant::now();
    while active_of_run(s, run_id) < n && t0.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(active_of_run(s, run_id) >= n, "the run created no users");
}

/// `simulate okta --load` of more users than it will push before it is stopped.
fn endless_load(s: &Sandbox) -> std::process::Command {
    let mut cmd = s.cli();
    cmd.env("SCIMCTL_TOKEN", s.token.as_ref().unwrap()).args([
        "simulate",
        "okta",
        "--load",
        "--users",
        "100000",
        "--concurrency",
        "2",
        "--url",
        &s.scim_url,
    ]);
    cmd
}

#[test]
fn ctrl_c_during_load_stops_cleans_up_and_prints_the_summary() {
    let s = Sandbox::enabled();
    let mut cmd = endless_load(&s);
    cmd.env_remove("NO_COLOR");
    let mut pty = Pty::spawn(cmd);
    pty.expect("(Ctrl-C stops and cleans up)");
    let screen = pty.output();
    let run_id = screen
        .split("Load run ")
        .nth(1)
        .and_then(|r| r.get(..6))
        .unwrap()
        .to_owned();
    wait_for_users(&s, &run_id, 20);
    pty.expect("users,"); // the progress line
    pty.send("\x03");
    let st = pty.wait();
    let screen = pty.output();
    assert_eq!(st.code(), Some(130), "{screen}");
    assert!(
        screen.contains("interrupted: no more users are pushed"),
        "{screen}"
    );
    assert!(
        screen.contains("users pushed"),
        "the summary is printed: {screen}"
    );
    assert!(screen.contains("created users cleaned up"), "{screen}");
    assert_eq!(
        active_of_run(&s, &run_id),
        0,
        "nothing the run created is left active"
    );
}

#[test]
fn simulate_cleanup_removes_what_a_killed_load_run_left() {
    let s = Sandbox::enabled();
    let token = s.token.clone().unwrap();
    let mut child = endless_load(&s)
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Read the run id from the first status line, let it create some users, kill it.
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut err, &mut line).unwrap();
    let run_id = line
        .split_whitespace()
        .nth(2)
        .unwrap()
        .trim_end_matches(':')
        .to_owned();
    assert_eq!(run_id.len(), 6, "{line}");
    let prefix = format!("scimctl-sim-{run_id}-");
    let active = |s: &Sandbox| {
        let (_, v) = s.get(&format!(
            "/Users?count=1000&filter={}",
            enc(&format!("userName sw \"{prefix}\""))
        ));
        v["Resources"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["active"] == true)
            .count()
    };
    let t0 = std::time::Instant::now();
    while active(&s) < 20 && t0.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let left = active(&s);
    assert!(
        left >= 20,
        "the run created users before it was killed: {left}"
    );

    let out = run(s.cli().env("SCIMCTL_TOKEN", &token).args([
        "simulate",
        "cleanup",
        "--run-id",
        &run_id,
        "--url",
        &s.scim_url,
        "-o",
        "json",
    ]));
    out.code(0);
    let v = out.json();
    assert_eq!(
        v["users_deactivated"].as_u64().unwrap() as usize,
        v["users_found"].as_u64().unwrap() as usize
            - v["users_already_inactive"].as_u64().unwrap() as usize
    );
    assert_eq!(
        active_of_run(&s, &run_id),
        0,
        "nothing of the run is left active: {v}"
    );
    // Other users are untouched, and a second cleanup finds nothing to do.
    let (_, all) = s.get("/Users?count=1000");
    assert!(
        all["Resources"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["active"] == true || u["userName"].as_str().unwrap().starts_with(&prefix))
    );
    let out = run(s.cli().env("SCIMCTL_TOKEN", &token).args([
        "simulate",
        "cleanup",
        "--run-id",
        &run_id,
        "--url",
        &s.scim_url,
        "--how",
        "delete",
        "-o",
        "json",
    ]));
    out.code(0);
    let (_, v) = s.get(&format!(
        "/Users?count=1000&filter={}",
        enc(&format!("userName sw \"{prefix}\""))
    ));
    assert_eq!(v["totalResults"], 0, "--how delete removed them");
}
