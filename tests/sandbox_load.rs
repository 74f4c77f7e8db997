//! The sandbox under load and under crashes: 16 concurrent clients × 1,000 mixed
//! writes (creates, If-Match PATCHes, member adds and removes) lose no update and
//! keep the invariants; `kill -9` in the middle of writes loses no acknowledged
//! write and leaves a database that passes `PRAGMA integrity_check`.

mod common;

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::*;
use reqwest::Method;
use serde_json::{Value, json};

const CLIENTS: usize = 16;
fn writes() -> usize {
    std::env::var("SCIMCTL_LOAD_WRITES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

fn patch_body(ops: Value) -> Value {
    json!({"schemas": [PATCH_OP], "Operations": ops})
}

/// Read-modify-write of a counter with If-Match, retried on 412: the final value
/// equals the number of acknowledged increments only if no update is lost.
fn increment(s: &Sandbox, path: &str) -> usize {
    let mut conflicts = 0;
    loop {
        let (st, v) = s.get(path);
        assert_eq!(st, 200);
        let n: u64 = v["nickName"].as_str().unwrap_or("0").parse().unwrap();
        let etag = v["meta"]["version"].as_str().unwrap().to_owned();
        let (st, _) = send(
            s.scim(Method::PATCH, path)
                .header("if-match", etag)
                .json(&patch_body(
                    json!([{"op": "replace", "path": "nickName", "value": (n + 1).to_string()}]),
                )),
        );
        match st {
            200 | 204 => return conflicts,
            412 => conflicts += 1,
            other => panic!("increment answered {other}"),
        }
    }
}

#[test]
fn sixteen_clients_of_mixed_writes_lose_nothing() {
    let s = Arc::new(Sandbox::enabled_with(&["--max-page-size", "100000"]));
    // four counters, each shared by four clients: contention without a queue of 16
    let counters: Vec<String> = (0..4)
        .map(|i| {
            s.user(&format!("counter{i}@example.com"))["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let groups: Vec<String> = (0..4)
        .map(|i| {
            s.group(&format!("Load{i}"), &[])["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let (_, admins) = s.get(&format!(
        "/Groups?filter={}",
        enc(r#"displayName eq "Administrators""#)
    ));
    let admins = admins["Resources"][0]["id"].as_str().unwrap().to_owned();
    let increments: Arc<Vec<AtomicUsize>> = Arc::new((0..4).map(|_| AtomicUsize::new(0)).collect());
    let conflicts = Arc::new(AtomicUsize::new(0));
    let created: Arc<Mutex<Vec<String>>> = Arc::default();
    let started = std::time::Instant::now();
    let workers: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (s, counter, groups, admins) = (s.clone(), counters[c % 4].clone(), groups.clone(), admins.clone());
            let (increments, conflicts, created) = (increments.clone(), conflicts.clone(), created.clone());
            std::thread::spawn(move || {
                let mut mine: Vec<String> = Vec::new();
                for i in 0..writes() {
                    match i % 8 {
                        0 | 1 => {
                            // a case-variant of another client's name must collide, never duplicate
                            let name = if i % 16 == 0 { format!("Shared{}@Example.com", i / 16) } else { format!("c{c}-{i}@example.com") };
                            let (st, v) = s.post("/Users", json!({"schemas": [USER_SCHEMA], "userName": name}));
                            match st {
                                201 => {
                                    let id = v["id"].as_str().unwrap().to_owned();
                                    created.lock().unwrap().push(name.to_lowercase());
                                    mine.push(id);
                                }
                                409 => assert!(name.starts_with("Shared"), "unexpected 409 for {name}"),
                                other => panic!("create answered {other}: {v}"),
                            }
                        }
                        2 | 3 => {
                            conflicts.fetch_add(increment(&s, &format!("/Users/{counter}")), Ordering::Relaxed);
                            increments[c % 4].fetch_add(1, Ordering::Relaxed);
                        }
                        4 => {
                            if let Some(id) = mine.last() {
                                let g = &groups[(i / 8) % groups.len()];
                                let (st, _) = s.patch(&format!("/Groups/{g}"), json!([{"op": "add", "path": "members", "value": [{"value": id}]}]));
                                assert!(st == 200 || st == 204, "member add answered {st}");
                            }
                        }
                        5 => {
                            // an If-Match update of my own user, with the version just read
                            if let Some(id) = mine.last() {
                                let path = format!("/Users/{id}");
                                let (_, v) = s.get(&path);
                                let etag = v["meta"]["version"].as_str().unwrap().to_owned();
                                let (st, _) = send(s.scim(Method::PATCH, &path).header("if-match", etag).json(&patch_body(json!([{"op": "replace", "path": "title", "value": format!("t{i}")}]))));
                                assert!(st == 200 || st == 204, "If-Match update answered {st}");
                            }
                        }
                        6 => {
                            // remove what op 4 added: groups stay small, memberships churn
                            if let Some(id) = mine.last() {
                                let g = &groups[(i / 8) % groups.len()];
                                let (st, _) = s.patch(&format!("/Groups/{g}"), json!([{"op": "remove", "path": format!("members[value eq \"{id}\"]")}]));
                                assert!(st == 200 || st == 204, "member remove answered {st}");
                            }
                        }
                        _ => {
                            // emptying Administrators is always refused
                            let (st, _) = s.patch(&format!("/Groups/{admins}"), json!([{"op": "remove", "path": "members"}]));
                            assert_eq!(st, 400, "Administrators must keep a member");
                        }
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("a client failed");
    }
    let took = started.elapsed();
    // no lost update
    let mut n = 0;
    for (i, counter) in counters.iter().enumerate() {
        let (_, v) = s.get(&format!("/Users/{counter}"));
        let acked = increments[i].load(Ordering::Relaxed);
        assert_eq!(
            v["nickName"],
            acked.to_string(),
            "counter {i}: {acked} acknowledged increments"
        );
        n += acked;
    }
    // every acknowledged create is there, userNames unique case-insensitively
    let (_, all) = s.get("/Users?count=100000");
    let names: Vec<String> = all["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userName"].as_str().unwrap().to_lowercase())
        .collect();
    let unique: HashSet<&String> = names.iter().collect();
    assert_eq!(
        unique.len(),
        names.len(),
        "userName unique, case-insensitively"
    );
    for name in created.lock().unwrap().iter() {
        assert!(
            unique.contains(name),
            "acknowledged create of {name} is missing"
        );
    }
    let (_, a) = s.get(&format!("/Groups/{admins}"));
    assert!(
        !a["members"].as_array().unwrap().is_empty(),
        "Administrators never empty"
    );
    eprintln!(
        "{} writes from {CLIENTS} clients in {took:?}; {n} If-Match increments with {} conflicts retried",
        CLIENTS * writes(),
        conflicts.load(Ordering::Relaxed)
    );
}

#[test]
fn kill_9_during_writes_loses_no_acknowledged_write() {
    let mut s = Sandbox::enabled();
    let token = s.token.clone().unwrap();
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (h, acked, stop) = (s.handle(Some(token.clone())), acked.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let name = format!("crash-{w}-{i}@example.com");
                    if let Ok(r) = h
                        .scim(Method::POST, "/Users")
                        .json(&json!({"schemas": [USER_SCHEMA], "userName": name}))
                        .send()
                        && r.status() == 201
                    {
                        acked.lock().unwrap().push(name);
                    }
                    i += 1;
                }
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(800));
    s.kill9();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() > 50, "writes were in flight: {}", acked.len());
    let dir = s.into_dir();
    {
        let conn = rusqlite::Connection::open(dir.path().join("sandbox.db")).unwrap();
        // The attribute indexes use the sandbox's case folding (store/sql_filter.rs).
        scimctl::sandbox::store::register_functions(&conn).unwrap();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }
    let mut again = Sandbox::start_in(dir, &["--max-page-size", "100000"]);
    again.token = Some(token);
    let (_, all) = again.get("/Users?count=100000");
    let names: HashSet<&str> = all["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userName"].as_str().unwrap())
        .collect();
    let lost: Vec<&String> = acked
        .iter()
        .filter(|n| !names.contains(n.as_str()))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged creates lost: {lost:?}",
        lost.len(),
        acked.len()
    );
    eprintln!("{} acknowledged creates survived kill -9", acked.len());
}
