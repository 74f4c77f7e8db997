//! The public documents checks cite: RFCs for both IdPs, Okta's and Microsoft's
//! pages for theirs, and our product rules.

use super::{Idps, Source};

const fn rfc(name: &'static str, url: &'static str) -> Source {
    Source {
        name,
        url,
        idps: Idps::Both,
    }
}

const fn okta(name: &'static str, url: &'static str) -> Source {
    Source {
        name,
        url,
        idps: Idps::Okta,
    }
}

const fn entra(name: &'static str, url: &'static str) -> Source {
    Source {
        name,
        url,
        idps: Idps::Entra,
    }
}

pub(super) const RFC7644_LIST: Source = rfc(
    "RFC 7644 §3.4.2 (filtering, ListResponse)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2",
);
pub(super) const RFC7644_PAGING: Source = rfc(
    "RFC 7644 §3.4.2.4 (pagination)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2.4",
);
pub(super) const RFC7644_READ: Source = rfc(
    "RFC 7644 §3.4.1 (retrieving a known resource)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.4.1",
);
pub(super) const RFC7644_CREATE: Source = rfc(
    "RFC 7644 §3.3 (creating resources)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.3",
);
pub(super) const RFC7644_PUT: Source = rfc(
    "RFC 7644 §3.5.1 (replacing with PUT)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.5.1",
);
pub(super) const RFC7644_PATCH: Source = rfc(
    "RFC 7644 §3.5.2 (modifying with PATCH)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2",
);
pub(super) const RFC7644_DELETE: Source = rfc(
    "RFC 7644 §3.6 (deleting resources)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.6",
);
pub(super) const RFC7644_ATTRS: Source = rfc(
    "RFC 7644 §3.9 (attributes and excludedAttributes)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.9",
);
pub(super) const RFC7644_ERRORS: Source = rfc(
    "RFC 7644 §3.12 (error responses)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.12",
);
pub(super) const RFC7643_USERNAME: Source = rfc(
    "RFC 7643 §4.1.1 (userName, caseExact false)",
    "https://www.rfc-editor.org/rfc/rfc7643#section-4.1.1",
);
pub(super) const RFC7643_ENTERPRISE: Source = rfc(
    "RFC 7643 §4.3 (enterprise user extension)",
    "https://www.rfc-editor.org/rfc/rfc7643#section-4.3",
);
pub(super) const RFC7643_SCHEMAS: Source = rfc(
    "RFC 7643 §7 (schema definitions)",
    "https://www.rfc-editor.org/rfc/rfc7643#section-7",
);
pub(super) const OKTA_SCIM20: Source = okta(
    "Okta: SCIM 2.0 with Okta",
    "https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20/",
);
pub(super) const OKTA_PREPARE: Source = okta(
    "Okta: Build your SCIM API service",
    "https://developer.okta.com/docs/guides/scim-provisioning-integration-prepare/main/",
);
pub(super) const OKTA_SPEC_FILES: Source = okta(
    "Okta: the SCIM test suites (Okta-SCIM-20-SPEC-Test.json, Okta-SCIM-20-Entitlements-Test.json)",
    "https://github.com/okta/okta-developer-docs/tree/master/packages/@okta/vuepress-site/.vuepress/public/standards/SCIM/SCIMFiles",
);
pub(super) const OKTA_GROUP_PUSH: Source = okta(
    "Okta Help: Group Push operations",
    "https://help.okta.com/en-us/Content/topics/users-groups-profiles/usgp-group-push-operations.htm",
);
pub(super) const ENTRA_TUTORIAL: Source = entra(
    "Microsoft: Develop and plan provisioning for a SCIM endpoint",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups",
);
pub(super) const MS_VALIDATOR_TUTORIAL: Source = entra(
    "Microsoft Learn: Tutorial: Validate a SCIM endpoint (SCIM Validator)",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/scim-validator-tutorial",
);
pub(super) const MS_LOGIC_APP: Source = entra(
    "Microsoft: SCIM Validation Logic App template (AzureAD/SCIMReferenceCode)",
    "https://github.com/AzureAD/SCIMReferenceCode/tree/master/Microsoft.SCIM.LogicAppValidationTemplate",
);
pub(super) const ENTRA_KNOWN_ISSUES: Source = entra(
    "Microsoft: Known issues with SCIM 2.0 protocol compliance",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility",
);
pub(super) const ENTRA_HOW: Source = entra(
    "Microsoft: How application provisioning works",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/how-provisioning-works",
);
pub(super) const PRODUCT_DOCS: Source = rfc(
    "scimctl: our service's product rules",
    "https://github.com/scimctl/scimctl/blob/main/docs/simulate.md#product-rules",
);
pub(super) const RFC7644_COUNT: Source = rfc(
    "RFC 7644 §3.4.2.4 (a page MUST NOT hold more than count)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2.4",
);
pub(super) const RFC7644_DISCOVERY: Source = rfc(
    "RFC 7644 §4 (/Schemas and /ResourceTypes)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-4",
);
pub(super) const RFC7235_CHALLENGE: Source = rfc(
    "RFC 7235 §3.1 (a 401 carries WWW-Authenticate)",
    "https://www.rfc-editor.org/rfc/rfc7235#section-3.1",
);
pub(super) const RFC6750_BEARER: Source = rfc(
    "RFC 6750 §2.1 and §3 (the Bearer scheme and its challenge)",
    "https://www.rfc-editor.org/rfc/rfc6750#section-3",
);
pub(super) const RFC7644_FILTER_STRINGS: Source = rfc(
    "RFC 7644 §3.4.2.2 (filter values are JSON strings)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2.2",
);
pub(super) const OKTA_OIN_SCIM: Source = okta(
    "Okta: Submit a SCIM integration with the OIN Wizard (authentication mode, Import User Schema)",
    "https://developer.okta.com/docs/guides/submit-oin-app/scim/main/",
);
pub(super) const OKTA_FAQ: Source = okta(
    "Okta: SCIM technical questions (60-second timeout)",
    "https://developer.okta.com/docs/concepts/scim/faqs/",
);
pub(super) const ENTRA_WHEN: Source = entra(
    "Microsoft: How long will it take to provision users",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-when-will-provisioning-finish-specific-user",
);
pub(super) const ENTRA_RESTORE: Source = entra(
    "Microsoft: Restore or remove a recently deleted user",
    "https://learn.microsoft.com/en-us/entra/fundamentals/users-restore",
);
pub(super) const RFC7643_GROUP: Source = rfc(
    "RFC 7643 §4.2 (Group displayName, caseExact false)",
    "https://www.rfc-editor.org/rfc/rfc7643#section-4.2",
);
