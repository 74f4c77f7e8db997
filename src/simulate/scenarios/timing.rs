//! How long the run's requests took, against what the IdPs allow: Okta gives
//! up on a request after 60 seconds (idp-behaviors §1.0, [OKTA-FAQ]); Entra
//! asks gallery apps to sustain 25 requests per second per tenant and paces
//! itself at 0.01–0.08 minutes per object (§2.2, [MS-TUT], [MS-WHEN]). The
//! fastest request of the run stands for the network's share, so that a
//! distant but healthy server is not called slow; nothing here can fail a
//! healthy loopback server.

use crate::simulate::Sim;
use crate::simulate::wire::Exchange;

/// Okta's per-request timeout.
const OKTA_TIMEOUT_MS: f64 = 60_000.0;
/// A quarter of it: slow enough to warn.
const OKTA_SLOW_MS: f64 = 15_000.0;
/// 25 requests per second, one at a time.
const ENTRA_BUDGET_MS: f64 = 40.0;
/// Entra's own fastest pace per object in an initial cycle (0.01 min).
const ENTRA_PACE_MS: f64 = 600.0;

pub async fn run(sim: &mut Sim) {
    let Some(mut c) = sim.start("timing.latency") else {
        return;
    };
    if sim.dry() {
        c.skip("a dry run sends nothing, so nothing was timed");
        sim.done(c);
        return;
    }
    let timed: Vec<&Exchange> = sim
        .wire
        .exchanges
        .iter()
        .filter(|e| !e.step.starts_with("scimctl:") && !e.step.starts_with("diagnosis"))
        .collect();
    if timed.is_empty() {
        c.skip("no request of the IdP's was sent before this check");
        sim.done(c);
        return;
    }
    let label = |e: &Exchange| {
        format!(
            "#{} {} {} ({})",
            e.n,
            e.method,
            path_of(&e.url),
            millis(e.ms)
        )
    };
    let mut slowest = timed.clone();
    slowest.sort_by(|a, b| b.ms.total_cmp(&a.ms));
    c.cite(slowest.iter().take(3).map(|e| e.n).collect());
    let timeouts: Vec<String> = timed
        .iter()
        .filter(|e| {
            e.status == 0
                && e.error
                    .as_deref()
                    .is_some_and(|m| m.contains("did not answer within"))
        })
        .map(|e| label(e))
        .collect();
    if !timeouts.is_empty() {
        c.fail(format!("no answer in time: {}", timeouts.join(", ")));
    }
    if sim.profile.is_okta() {
        let over: Vec<String> = timed
            .iter()
            .filter(|e| e.ms >= OKTA_TIMEOUT_MS)
            .map(|e| label(e))
            .collect();
        if !over.is_empty() {
            c.fail(format!(
                "longer than Okta's 60 s timeout: {}",
                over.join(", ")
            ));
        }
        let slow: Vec<String> = timed
            .iter()
            .filter(|e| (OKTA_SLOW_MS..OKTA_TIMEOUT_MS).contains(&e.ms))
            .map(|e| label(e))
            .collect();
        if !slow.is_empty() {
            c.warn(format!(
                "more than a quarter of Okta's 60 s timeout: {}",
                slow.join(", ")
            ));
        }
    }
    let answered: Vec<&Exchange> = timed.iter().copied().filter(|e| e.status != 0).collect();
    let baseline = answered.iter().map(|e| e.ms).fold(f64::INFINITY, f64::min);
    let writes: Vec<f64> = answered
        .iter()
        .filter(|e| e.is_write())
        .map(|e| e.ms)
        .collect();
    let lookups: Vec<f64> = answered
        .iter()
        .filter(|e| e.method == "GET" && e.url.contains("/Users?") && e.url.contains("filter="))
        .map(|e| e.ms)
        .collect();
    let creates: Vec<f64> = answered
        .iter()
        .filter(|e| e.method == "POST" && path_of(&e.url).ends_with("/Users"))
        .map(|e| e.ms)
        .collect();
    let Some(write_ms) = median(&writes) else {
        c.note(format!(
            "{} request(s), none a write; the slowest: {}",
            timed.len(),
            slowest
                .iter()
                .take(3)
                .map(|e| label(e))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        sim.done(c);
        return;
    };
    let server_ms = (write_ms - baseline).max(0.0);
    let per_user = median(&lookups).unwrap_or(write_ms) + median(&creates).unwrap_or(write_ms);
    c.note(format!(
        "writes take {} (median of {}), {} more than the fastest request ({}, taken as the network's share); one at a time that is {:.0} requests/s. A first push of 1,000 users (a lookup and a create each, {}) takes {} one at a time, of 10,000 users {}. Slowest: {}",
        millis(write_ms),
        writes.len(),
        millis(server_ms),
        millis(baseline),
        1000.0 / write_ms.max(0.001),
        millis(per_user),
        duration(per_user * 1_000.0),
        duration(per_user * 10_000.0),
        slowest.iter().take(3).map(|e| label(e)).collect::<Vec<_>>().join(", ")
    ));
    if !sim.profile.is_okta() && server_ms > ENTRA_BUDGET_MS {
        c.warn(format!(
            "writes take {} beyond the network's share, more than the {} that 25 requests per second allow one at a time{}",
            millis(server_ms),
            millis(ENTRA_BUDGET_MS),
            if per_user > ENTRA_PACE_MS {
                format!(
                    "; at {} per user the server, not Entra (0.6 s per object at its fastest), sets the pace of an initial cycle: 10,000 users take {}",
                    millis(per_user),
                    duration(per_user * 10_000.0)
                )
            } else {
                String::new()
            }
        ));
    }
    sim.done(c);
}

fn median(v: &[f64]) -> Option<f64> {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

/// The path of a recorded URL, without the query.
fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    path.split('?').next().unwrap_or(path)
}

/// `0.4 ms`, `12 ms`: on loopback most requests take well under a millisecond,
/// and "0 ms" beside "3,076 requests/s" reads as a contradiction.
fn millis(ms: f64) -> String {
    if ms < 0.05 {
        "< 0.1 ms".to_owned()
    } else if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

/// `0.7 s`, `42 s`, `7 min`, `2.3 h`.
fn duration(ms: f64) -> String {
    let s = ms / 1000.0;
    if s < 9.95 {
        format!("{s:.1} s")
    } else if s < 120.0 {
        format!("{s:.0} s")
    } else if s < 7200.0 {
        format!("{:.0} min", s / 60.0)
    } else {
        format!("{:.1} h", s / 3600.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_paths_read_as_people_say_them() {
        assert_eq!(duration(42_000.0), "42 s");
        assert_eq!(duration(650.0), "0.7 s");
        assert_eq!(millis(0.34), "0.3 ms");
        assert_eq!(millis(0.01), "< 0.1 ms");
        assert_eq!(millis(12.4), "12 ms");
        assert_eq!(duration(420_000.0), "7 min");
        assert_eq!(duration(8_280_000.0), "2.3 h");
        assert_eq!(
            path_of("http://h:1/scim/v2/Users?filter=x"),
            "/scim/v2/Users"
        );
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[]), None);
    }
}
