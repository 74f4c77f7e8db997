//! The import walk (§1.2: `startIndex=1&count=100`, then +100): stable order,
//! no duplicates or gaps, integer counts, and `itemsPerPage` that matches.

use reqwest::Method;
use serde_json::Value;

use super::list_shape_problems;
use crate::simulate::Sim;
use crate::simulate::check::show;

/// Pages of two cover this many users; enough to see order and overlaps while
/// staying bounded on a target with a big directory.
const SMALL_PAGES: usize = 15;

pub async fn run(sim: &mut Sim) {
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

fn ids(resources: &[Value]) -> Vec<String> {
    resources
        .iter()
        .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_owned))
        .collect()
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
