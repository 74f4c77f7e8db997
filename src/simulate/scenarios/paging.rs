//! The import walk (§1.2: `startIndex=1&count=100`, then +100): stable order,
//! no duplicates or gaps, integer counts, `itemsPerPage` that matches, and
//! pages that hold no more than `count` from `startIndex` on.

use reqwest::Method;
use serde_json::Value;

use super::{ids, list_shape_problems};
use crate::simulate::Sim;
use crate::simulate::check::show;

/// Pages of two cover this many users; enough to see order and overlaps while
/// staying bounded on a target with a big directory.
const SMALL_PAGES: usize = 15;

pub async fn run(sim: &mut Sim) {
    walk(sim).await;
    count_limit(sim).await;
}

/// How many users the count-limit check needs: three pages of one.
const PAGES_NEEDED: u64 = 3;

/// RFC 7644 §3.4.2.4: a page "MUST NOT" hold more than `count`, and starts at
/// `startIndex`. Okta pages by `count=100` (§1.2), so a server that ignores
/// either repeats users on every page of a bigger tenant; pages of one show it
/// with a few users (created here when the target has fewer).
async fn count_limit(sim: &mut Sim) {
    let Some(mut c) = sim.start("paging.count-limit") else {
        return;
    };
    let r = sim
        .send(Method::GET, "/Users?startIndex=1&count=1", None)
        .await;
    if !c.status(&r, &[200], "page of one") {
        sim.done(c);
        return;
    }
    let total = r.get("totalResults").and_then(Value::as_u64).unwrap_or(0);
    for i in total..PAGES_NEEDED {
        if super::make_user(sim, &format!("page{i}")).await.is_none() {
            c.fail("a user needed for several pages could not be created (see the request)");
            sim.done(c);
            return;
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for start in 1..=PAGES_NEEDED {
        let query = format!("/Users?startIndex={start}&count=1");
        let r = sim.send(Method::GET, &query, None).await;
        if !c.status(&r, &[200], &format!("page at startIndex={start}")) || sim.dry() {
            break;
        }
        let page = ids(&r.resources());
        if page.len() > 1 {
            c.fail(format!(
                "GET {query} answered {} resources: a page must not hold more than count (RFC 7644 §3.4.2.4 \"MUST NOT\")",
                page.len()
            ));
            break;
        }
        if let Some(id) = page.first() {
            if seen.contains(id) {
                c.fail(format!(
                    "GET {query} answered '{id}' again, already on the page at startIndex={}: startIndex is ignored, so every page repeats the first",
                    seen.iter().position(|s| s == id).unwrap_or(0) + 1
                ));
                break;
            }
            seen.push(id.clone());
        } else {
            c.fail(format!(
                "GET {query} answered no resource although totalResults is at least {PAGES_NEEDED}"
            ));
            break;
        }
    }
    sim.done(c);
}

async fn walk(sim: &mut Sim) {
    let Some(mut c) = sim.start("paging.walk") else {
        return;
    };
    // One Okta-sized page (count=100) as the reference order…
    let r = sim
        .send(Method::GET, "/Users?startIndex=1&count=100", None)
        .await;
    if !c.status(&r, &[200], "first page") {
        sim.done(c);
        return;
    }
    // What count-limit needs is a list that answers; the walk's own findings
    // (order, duplicates) are its own.
    c.provides(true);
    for p in list_shape_problems(&r) {
        c.fail(p);
    }
    let total = r.get("totalResults").and_then(Value::as_u64);
    let r_total = r.get("totalResults").cloned();
    let reference: Vec<String> = ids(&r.resources());
    check_items_per_page(&mut c, &r);
    // …then the same range in pages of two.
    let mut walked: Vec<String> = Vec::new();
    let mut start = 1;
    for _ in 0..SMALL_PAGES {
        let r = sim
            .send(
                Method::GET,
                &format!("/Users?startIndex={start}&count=2"),
                None,
            )
            .await;
        if !c.status(&r, &[200], &format!("page at startIndex={start}")) {
            break;
        }
        check_items_per_page(&mut c, &r);
        let t = r.get("totalResults").and_then(Value::as_u64);
        c.fail_if(
            t != total && !c.failed(),
            format!(
                "totalResults changed from {} to {} between pages",
                show(r_total.as_ref()),
                show(r.get("totalResults"))
            ),
        );
        let page = ids(&r.resources());
        if page.is_empty() {
            break;
        }
        start += page.len();
        walked.extend(page);
        if total.is_some_and(|t| start as u64 > t) {
            break;
        }
    }
    if sim.dry() {
        sim.done(c);
        return;
    }
    let mut unique = walked.clone();
    unique.sort();
    unique.dedup();
    c.fail_if(
        unique.len() != walked.len(),
        format!(
            "{} user(s) appeared twice across pages",
            walked.len() - unique.len()
        ),
    );
    let n = walked.len().min(reference.len());
    c.fail_if(
        walked[..n] != reference[..n],
        format!(
            "pages of 2 list the first {n} users in another order than one page of 100 (first difference at position {}): the order is not stable",
            walked.iter().zip(&reference).position(|(a, b)| a != b).map_or(0, |i| i + 1)
        ),
    );
    c.fail_if(
        total.is_some_and(|t| (t as usize) < reference.len()),
        format!(
            "totalResults is {}, smaller than the {} users on the first page",
            total.unwrap_or(0),
            reference.len()
        ),
    );
    sim.done(c);
}

fn check_items_per_page(c: &mut crate::simulate::check::Pending, r: &crate::simulate::wire::Resp) {
    let n = r.resources().len() as u64;
    if let Some(ipp) = r.get("itemsPerPage").and_then(Value::as_u64) {
        c.warn_if(
            ipp != n && !c.failed(),
            format!("itemsPerPage is {ipp} but the page holds {n} (F16)"),
        );
    }
}
