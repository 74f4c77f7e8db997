//! "Test connection": the probes each IdP makes when the admin saves the
//! settings, and a bad-token probe that must be refused.

use reqwest::Method;

use super::list_shape_problems;
use crate::secret::Secret;
use crate::simulate::Sim;
use crate::simulate::check::show;
use crate::simulate::wire::AuthForm;

pub async fn run(sim: &mut Sim) {
    // §1.1: Okta's constant probes; §2.1: Entra looks up a random GUID userName
    // (and a random group), spaces encoded as '+'.
    let random = uuid::Uuid::new_v4().to_string();
    let (users_probe, groups_probe) = if sim.profile.is_okta() {
        (
            "/Users?startIndex=1&count=2".to_owned(),
            "/Groups?startIndex=1&count=100".to_owned(),
        )
    } else {
        (
            sim.profile.user_lookup(&random),
            sim.profile.group_lookup(&random),
        )
    };

    if let Some(mut c) = sim.start("connection.users-probe") {
        let r = sim.send(Method::GET, &users_probe, None).await;
        if c.status(&r, &[200], "users probe") {
            for p in list_shape_problems(&r) {
                c.fail(p);
            }
            if !sim.profile.is_okta() {
                let n = r.get("totalResults");
                c.fail_if(
                    n.and_then(|v| v.as_u64()) != Some(0),
                    format!(
                        "userName eq '{random}' (a random GUID) matched: totalResults is {}; Entra expects 0",
                        show(n)
                    ),
                );
            }
            c.content_type(&r, "users probe");
        }
        sim.done(c);
    }

    let Some(mut c) = sim.start("connection.groups-probe") else {
        return bad_token(sim, &users_probe).await;
    };
    let r = sim.send(Method::GET, &groups_probe, None).await;
    if c.status(&r, &[200], "groups probe") {
        for p in list_shape_problems(&r) {
            c.fail(p);
        }
        if !sim.profile.is_okta() {
            let with_members = r
                .resources()
                .iter()
                .filter(|g| {
                    g.get("members")
                        .and_then(|m| m.as_array())
                        .is_some_and(|m| !m.is_empty())
                })
                .count();
            c.fail_if(
                with_members > 0,
                format!("excludedAttributes=members was ignored: {with_members} group(s) came back with members (F8)"),
            );
        }
    }
    sim.done(c);
    bad_token(sim, &users_probe).await;
}

async fn bad_token(sim: &mut Sim, users_probe: &str) {
    let Some(mut c) = sim.start("connection.bad-token") else {
        return;
    };
    let bad = Secret::new("scimctl-simulated-invalid-token");
    let r = sim
        .wire
        .send_as(
            Method::GET,
            users_probe,
            None,
            Some((&bad, AuthForm::Bearer)),
        )
        .await;
    if (200..300).contains(&r.status) {
        c.fail(format!(
            "GET {users_probe} with 'Authorization: Bearer scimctl-simulated-invalid-token' answered HTTP {}: the target accepted a wrong token",
            r.status
        ));
    } else if c.status(&r, &[401], "wrong token") {
        c.scim_error_shape(&r, "401 answer");
        // RFC 7235 §3.1 (MUST), RFC 6750 §3, RFC 7644 §3.12.
        c.warn_if(
            r.www_authenticate.is_none(),
            "the 401 has no WWW-Authenticate header (RFC 7235 §3.1: a 401 MUST carry one; RFC 6750 §3: `Bearer`)",
        );
    }
    sim.done(c);
    if sim.profile.is_okta() {
        header_auth(sim, users_probe).await;
    }
}

/// Okta's OIN Wizard "Header" authentication mode sends `Authorization:`
/// followed by exactly what the admin pasted; "Bearer" mode adds `Bearer `
/// (okta-developer-docs commit e1b984b; for App Integration Wizard apps the
/// reference records Okta adding `Bearer ` itself, §1.0 [LAB]). Which form the
/// server takes decides what to paste.
async fn header_auth(sim: &mut Sim, users_probe: &str) {
    let Some(mut c) = sim.start("connection.header-auth") else {
        return;
    };
    let token = sim.wire.token().clone();
    let r = sim
        .wire
        .send_as(
            Method::GET,
            users_probe,
            None,
            Some((&token, AuthForm::Raw)),
        )
        .await;
    match r.status {
        200..=299 => c.note(
            "the server takes the token with or without `Bearer `: in Okta's \"Header\" authentication mode (which sends what was pasted) the token alone works, as does \"Bearer\" mode",
        ),
        401 | 403 => c.note(format!(
            "the server refuses the token without `Bearer ` (HTTP {}): in Okta's \"Header\" authentication mode (which sends what was pasted) paste `Bearer <token>`, or choose \"Bearer\" mode and paste the token alone",
            r.status
        )),
        0 => c.fail(format!(
            "GET {users_probe} with the token alone in Authorization (no `Bearer `) got no answer: {}",
            r.error.as_deref().unwrap_or("no answer")
        )),
        s => c.fail(format!(
            "GET {users_probe} with the token alone in Authorization (no `Bearer `) answered HTTP {s} ({}), not 2xx or 401",
            r.snippet
        )),
    }
    sim.done(c);
}
