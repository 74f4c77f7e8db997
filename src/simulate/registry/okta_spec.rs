//! The checks of `simulate okta-spec`: one per request of Okta's published
//! "Okta SCIM 2.0 SPEC Test" (and its Entitlements Test), titled by Okta's own
//! test names, so that a report reads like Okta's. Which requests and assertions
//! they replay is recorded in src/simulate/suites/okta-scim-20.json (with the
//! source commit); tests/okta_spec.rs holds this list and that file together.

use super::sources::*;
use super::{Idps, Impact, Scenario, Spec};

const REQUIRED: Impact = Impact {
    fail: "Okta's SPEC test reports this required test as failed; the OIN submission needs the SPEC test to pass, and Okta's engine meets the same answer in production",
    warn: "Okta's SPEC test passes this test, but the answer departs from RFC 7644 in a way a stricter client (or a later Okta test) refuses",
};
const OPTIONAL: Impact = Impact {
    fail: "Okta's SPEC test reports this optional test as failed: group push would not work",
    warn: "Okta's SPEC test passes this optional test, with the remark below",
};
const NO_ENTRA: Impact = Impact { fail: "", warn: "" };

const fn spec(
    id: &'static str,
    title: &'static str,
    needs: &'static [&'static str],
    okta: Impact,
) -> Spec {
    Spec {
        id,
        title,
        scenario: Scenario::OktaSpec,
        idps: Idps::OktaSpec,
        needs,
        sources: &[OKTA_PREPARE, OKTA_SPEC_FILES],
        notes: "idp-behaviors §3.2; the recorded facts in src/simulate/suites/okta-scim-20.json",
        okta,
        entra: NO_ENTRA,
    }
}

pub const OKTA_SPEC_CHECKS: &[Spec] = &[
    spec(
        "okta-spec.users-endpoint",
        "Required Test: Test Users endpoint",
        &[],
        REQUIRED,
    ),
    spec(
        "okta-spec.get-user-by-id",
        "Required Test: Get Users/{{id}}",
        &["okta-spec.users-endpoint"],
        REQUIRED,
    ),
    spec(
        "okta-spec.invalid-user-by-username",
        "Required Test: Test invalid User by username",
        &[],
        REQUIRED,
    ),
    spec(
        "okta-spec.invalid-user-by-id",
        "Required Test: Test invalid User by ID",
        &[],
        REQUIRED,
    ),
    spec(
        "okta-spec.random-user-absent",
        "Required Test: Make sure random user doesn't exist",
        &[],
        REQUIRED,
    ),
    spec(
        "okta-spec.create-user",
        "Required Test: Create Okta user with realistic values",
        &[],
        REQUIRED,
    ),
    spec(
        "okta-spec.verify-user-created",
        "Required Test: Verify that user was created",
        &["okta-spec.create-user"],
        REQUIRED,
    ),
    spec(
        "okta-spec.recreate-user-conflict",
        "Required Test: Expect failure when recreating user with same values",
        &["okta-spec.create-user"],
        REQUIRED,
    ),
    spec(
        "okta-spec.username-case",
        "Required Test: Username Case Sensitivity Check",
        &[],
        REQUIRED,
    ),
    spec(
        "okta-spec.groups-endpoint",
        "Optional Test: Verify Groups endpoint",
        &[],
        OPTIONAL,
    ),
    spec(
        "okta-spec.status-401",
        "Required Test: Check status 401",
        &[],
        REQUIRED,
    ),
    spec(
        "okta-spec.status-404",
        "Required Test: Check status 404",
        &[],
        REQUIRED,
    ),
    spec(
        "okta-spec.entitlements",
        "Okta SCIM 2.0 Entitlements Test: list an entitlement endpoint (--entitlements PATH)",
        &[],
        Impact {
            fail: "Okta's Entitlements test fails: Okta cannot import this endpoint's entitlements (Governance / entitlement management)",
            warn: "Okta's Entitlements test passes, with the remark below",
        },
    ),
];
