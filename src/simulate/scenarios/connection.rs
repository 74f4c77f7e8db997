//! "Test connection": the probes each IdP makes when the admin saves the
//! settings, and a bad-token probe that must be refused.

use reqwest::Method;

use super::list_shape_problems;
use crate::secret::Secret;
use crate::simulate::Sim;

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

    let mut c = sim.check(
        "connection.users-probe",
        "Test connection: list or look up users",
        "idp-behaviors §1.1, §2.1, F2, F11; RFC 7644 §3.4.2",
        "\"Test Connector Configuration\" fails and provisioning cannot be turned on",
        "\"Test Connection\" fails (\"the supplied credentials are not authorized\" or an HTTP error), so the job cannot be saved or started",
    );
    let r = sim.send(Method::GET, &users_probe, None).await;
    if c.status(&r, &[200], "users probe") {
        for p in list_shape_problems(&r) {
            c.fail(p);
        }
        if !sim.profile.is_okta() {
            c.fail_if(
                r.get("totalResults").and_then(|v| v.as_u64()) != Some(0),
                "a random userName matched something: Entra expects totalResults 0",
            );
        }
        c.content_type(&r, "users probe");
    }
    sim.done(c);

    let mut c = sim.check(
        "connection.groups-probe",
        "Test connection: list or look up groups",
        "idp-behaviors §1.1, §1.10, §2.1",
        "group push and \"Refresh App Groups\" fail; the connector test reports the error",
        "with groups in scope the job is quarantined (\"An HTTP/404 Not Found response was returned rather than the expected HTTP/200 OK\")",
    );
    let r = sim.send(Method::GET, &groups_probe, None).await;
    if c.status(&r, &[200], "groups probe") {
        for p in list_shape_problems(&r) {
            c.fail(p);
        }
        if !sim.profile.is_okta() {
            let leaked = r.resources().iter().any(|g| g.get("members").is_some());
            c.fail_if(
                leaked,
                "excludedAttributes=members was ignored: groups came back with members (F8)",
            );
        }
    }
    sim.done(c);

    let mut c = sim.check(
        "connection.bad-token",
        "A wrong token is refused with 401",
        "idp-behaviors §5.3, F28; RFC 7644 §3.12",
        "a server that accepts any token lets anyone provision accounts; Okta's SPEC test requires the 401",
        "a server that accepts any token lets anyone provision accounts; an expired token must quarantine the job, not keep working",
    );
    let bad = Secret::new("scimctl-simulated-invalid-token");
    let r = sim
        .wire
        .send_as(Method::GET, &users_probe, None, Some(&bad))
        .await;
    if c.status(&r, &[401], "wrong token") {
        c.scim_error_shape(&r, "401 answer");
    } else if (200..300).contains(&r.status) {
        c.fail("the target accepted a wrong token");
    }
    sim.done(c);
}
