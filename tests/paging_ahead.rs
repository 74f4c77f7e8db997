//! The pager asks for the next pages while the server serves the current one
//! (several requests in flight), and still lists every resource once, in the
//! server's order.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::hostile::{self, Reply};
use common::*;
use serde_json::json;

#[test]
fn pages_are_asked_for_ahead_and_listed_in_order() {
    const USERS: usize = 12;
    let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (now2, most2) = (now.clone(), most.clone());
    let server = hostile::start(move |req| {
        let current = now2.fetch_add(1, Ordering::SeqCst) + 1;
        most2.fetch_max(current, Ordering::SeqCst);
        // Long enough that requests sent ahead arrive while this one is served.
        std::thread::sleep(std::time::Duration::from_millis(150));
        let q = url::Url::parse(&format!("http://x{}", req.target)).unwrap();
        let arg = |k: &str| {
            q.query_pairs()
                .find(|(n, _)| n == k)
                .and_then(|(_, v)| v.parse::<usize>().ok())
        };
        let (start, count) = (
            arg("startIndex").unwrap_or(1),
            arg("count").unwrap_or(USERS),
        );
        let resources: Vec<_> = (start..(start + count).min(USERS + 1))
            .map(|i| json!({"id": format!("u{i:02}"), "userName": format!("u{i:02}@example.com")}))
            .collect();
        now2.fetch_sub(1, Ordering::SeqCst);
        Reply::json(
            200,
            &json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
                "totalResults": USERS, "startIndex": start, "Resources": resources}),
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let out = run(scimctl_against(dir.path(), &server.base).args([
        "users",
        "list",
        "--page-size",
        "2",
        "-o",
        "name",
    ]));
    out.code(0);
    let want: Vec<String> = (1..=USERS).map(|i| format!("u{i:02}")).collect();
    assert_eq!(
        out.stdout.lines().collect::<Vec<_>>(),
        want,
        "{}",
        out.stderr
    );
    assert!(
        most.load(Ordering::SeqCst) >= 2,
        "never more than one request in flight"
    );
    assert_eq!(server.requests().len(), USERS / 2, "each page asked once");
}
