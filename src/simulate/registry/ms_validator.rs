//! The checks of `simulate ms-validator`: one per test of Microsoft's SCIM
//! Validator (mode "Use default attributes", group tests on) and of its
//! schema-discovery mode, titled by Microsoft's test names. What each replays is
//! recorded in src/simulate/suites/ms-validator.json; tests/ms_validator.rs
//! holds this list and that file together.

use super::sources::*;
use super::{Idps, Impact, Scenario, Spec};

const MANDATORY: Impact = Impact {
    fail: "Microsoft's SCIM Validator reports this mandatory test as failed and the endpoint as not SCIM compliant; Entra's provisioning meets the same answer in production",
    warn: "Microsoft's SCIM Validator passes this test, but the answer departs from RFC 7644 in a way a stricter client refuses",
};
const DISCOVERY: Impact = Impact {
    fail: "the validator's schema-discovery mode cannot read the server's schema, so it tests none of its attributes",
    warn: "",
};
const NO_OKTA: Impact = Impact { fail: "", warn: "" };

const fn spec(
    id: &'static str,
    title: &'static str,
    needs: &'static [&'static str],
    entra: Impact,
) -> Spec {
    Spec {
        id,
        title,
        scenario: Scenario::MsValidator,
        idps: Idps::MsValidator,
        needs,
        sources: &[MS_VALIDATOR_TUTORIAL, MS_LOGIC_APP, RFC7644_PATCH],
        notes: "idp-behaviors §3.1, §3.1b; field-2026 §2b; the recorded facts in src/simulate/suites/ms-validator.json",
        okta: NO_OKTA,
        entra,
    }
}

pub const MS_VALIDATOR_CHECKS: &[Spec] = &[
    spec(
        "ms-validator.create-user",
        "Create a new User",
        &[],
        MANDATORY,
    ),
    spec(
        "ms-validator.create-duplicate-user",
        "Create a duplicate User",
        &["ms-validator.create-user"],
        MANDATORY,
    ),
    spec(
        "ms-validator.filter-existing-user",
        "Filter for an existing user",
        &["ms-validator.create-user"],
        MANDATORY,
    ),
    spec(
        "ms-validator.filter-non-existing-user",
        "Filter for a non-existing user",
        &[],
        MANDATORY,
    ),
    spec(
        "ms-validator.filter-user-case",
        "Filter for an existing user with a different case",
        &["ms-validator.create-user"],
        MANDATORY,
    ),
    spec(
        "ms-validator.patch-user-replace-verbose",
        "Patch User - Replace Attributes Verbose",
        &["ms-validator.create-user"],
        MANDATORY,
    ),
    spec(
        "ms-validator.update-user-name",
        "Update User userName",
        &["ms-validator.create-user"],
        MANDATORY,
    ),
    spec(
        "ms-validator.disable-user",
        "Patch User - Disable User",
        &["ms-validator.create-user"],
        MANDATORY,
    ),
    spec(
        "ms-validator.add-manager",
        "Patch User - Add Manager",
        &["ms-validator.create-user"],
        MANDATORY,
    ),
    spec(
        "ms-validator.replace-manager",
        "Patch User - Replace Manager",
        &["ms-validator.add-manager"],
        MANDATORY,
    ),
    spec(
        "ms-validator.remove-manager",
        "Patch User - Remove Manager",
        &["ms-validator.add-manager"],
        MANDATORY,
    ),
    spec(
        "ms-validator.delete-user",
        "Delete a User",
        &["ms-validator.create-user"],
        MANDATORY,
    ),
    spec(
        "ms-validator.create-group",
        "Create a new Group",
        &[],
        MANDATORY,
    ),
    spec(
        "ms-validator.create-duplicate-group",
        "Create a duplicate Group",
        &["ms-validator.create-group"],
        MANDATORY,
    ),
    spec(
        "ms-validator.get-group-excluding-members",
        "Get group by id excluding members",
        &["ms-validator.create-group"],
        MANDATORY,
    ),
    spec(
        "ms-validator.filter-group-excluding-members",
        "Filter for existing group excluding members",
        &["ms-validator.create-group"],
        MANDATORY,
    ),
    spec(
        "ms-validator.filter-existing-group",
        "Filter for an existing group",
        &["ms-validator.create-group"],
        MANDATORY,
    ),
    spec(
        "ms-validator.filter-non-existing-group",
        "Filter for a non-existing group",
        &[],
        MANDATORY,
    ),
    spec(
        "ms-validator.filter-group-case",
        "Filter for an existing group with a different case",
        &["ms-validator.create-group"],
        MANDATORY,
    ),
    spec(
        "ms-validator.patch-group-replace",
        "Patch Group - Replace Attributes",
        &["ms-validator.create-group"],
        MANDATORY,
    ),
    spec(
        "ms-validator.update-group-name",
        "Update Group displayName",
        &["ms-validator.create-group"],
        MANDATORY,
    ),
    spec(
        "ms-validator.group-add-member",
        "Patch Group - Add Member",
        &["ms-validator.create-group", "ms-validator.add-manager"],
        MANDATORY,
    ),
    spec(
        "ms-validator.group-remove-member",
        "Patch Group - Remove Member",
        &["ms-validator.group-add-member"],
        MANDATORY,
    ),
    spec(
        "ms-validator.delete-group",
        "Delete a Group",
        &["ms-validator.create-group"],
        MANDATORY,
    ),
    spec(
        "ms-validator.discovery-schemas",
        "Schema discovery: /Schemas as a ListResponse",
        &[],
        DISCOVERY,
    ),
    spec(
        "ms-validator.discovery-resource-types",
        "Schema discovery: /ResourceTypes as a ListResponse",
        &[],
        DISCOVERY,
    ),
    spec(
        "ms-validator.empty-operations",
        "Patch with an empty Operations array",
        &["ms-validator.add-manager"],
        MANDATORY,
    ),
];
