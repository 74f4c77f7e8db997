//! Every check simulate can run, declared once: its stable id, title, scenario,
//! which IdPs run it, what it needs set up first, the public documents behind it,
//! and what each IdP does in production when it fails — and, separately, what the
//! IdP tolerates when it only warns. A run plans from this table; docs/simulate.md
//! and the tests are held to it. Internal notes (`idp-behaviors §…`, `F…`) point
//! at shared/reference/idp-behaviors.md for the people who maintain the checks.

use serde::Serialize;

use super::profile::Profile;

/// The scenarios, in the order a real rollout meets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scenario {
    Connection,
    Users,
    Groups,
    Paging,
    /// Our service's product rules (auto: when the target is ours).
    Rules,
    /// Attributes outside the IdPs' default mappings (opt-in).
    ExtendedAttributes,
}

impl Scenario {
    pub const ALL: [Scenario; 6] = [
        Scenario::Connection,
        Scenario::Users,
        Scenario::Groups,
        Scenario::Paging,
        Scenario::Rules,
        Scenario::ExtendedAttributes,
    ];

    pub const NAMES: [&'static str; 6] = [
        "connection",
        "users",
        "groups",
        "paging",
        "rules",
        "extended-attributes",
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Part of a run when no `--scenario` is given.
    pub fn by_default(self) -> bool {
        self != Scenario::ExtendedAttributes
    }
}

/// Which IdPs' profiles run a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idps {
    Both,
    Okta,
    Entra,
}

impl Idps {
    pub fn includes(self, p: Profile) -> bool {
        match self {
            Idps::Both => true,
            Idps::Okta => p.is_okta(),
            Idps::Entra => !p.is_okta(),
        }
    }
}

/// A public document a user can open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Source {
    pub name: &'static str,
    pub url: &'static str,
    /// Cited in reports for these IdPs (RFCs for both).
    #[serde(skip)]
    pub idps: Idps,
}

/// What the IdP does in production: when the check fails, and when it only warns
/// (what it tolerates, and what still goes wrong). Empty where that verdict
/// can't happen for the IdP.
#[derive(Debug, Clone, Copy)]
pub struct Impact {
    pub fail: &'static str,
    pub warn: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub id: &'static str,
    pub title: &'static str,
    pub scenario: Scenario,
    pub idps: Idps,
    /// Checks whose set-up this one uses; when one of them could not set it up,
    /// this one is `blocked`, never failed for it.
    pub needs: &'static [&'static str],
    pub sources: &'static [Source],
    /// Internal references: idp-behaviors sections and failure modes.
    pub notes: &'static str,
    pub okta: Impact,
    pub entra: Impact,
}

impl Spec {
    pub fn impact(&self, p: Profile) -> &Impact {
        if p.is_okta() { &self.okta } else { &self.entra }
    }

    /// The documents to cite for this IdP.
    pub fn sources_for(&self, p: Profile) -> Vec<Source> {
        self.sources
            .iter()
            .filter(|s| s.idps.includes(p))
            .copied()
            .collect()
    }
}

/// What an IdP does when a request gets no answer, added to a failure caused by
/// a timeout or a refused connection.
pub fn on_no_answer(p: Profile) -> &'static str {
    if p.is_okta() {
        "Okta gives up on a request after 60 seconds, counts it as failed and retries the task later"
    } else {
        "Entra logs a Timeout, retries the object in the next cycle (about 40 minutes later), and quarantines the job if most requests fail"
    }
}

// ---- the public documents ------------------------------------------------

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

const RFC7644_LIST: Source = rfc(
    "RFC 7644 §3.4.2 (filtering, ListResponse)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2",
);
const RFC7644_PAGING: Source = rfc(
    "RFC 7644 §3.4.2.4 (pagination)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2.4",
);
const RFC7644_READ: Source = rfc(
    "RFC 7644 §3.4.1 (retrieving a known resource)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.4.1",
);
const RFC7644_CREATE: Source = rfc(
    "RFC 7644 §3.3 (creating resources)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.3",
);
const RFC7644_PUT: Source = rfc(
    "RFC 7644 §3.5.1 (replacing with PUT)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.5.1",
);
const RFC7644_PATCH: Source = rfc(
    "RFC 7644 §3.5.2 (modifying with PATCH)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2",
);
const RFC7644_DELETE: Source = rfc(
    "RFC 7644 §3.6 (deleting resources)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.6",
);
const RFC7644_ATTRS: Source = rfc(
    "RFC 7644 §3.9 (attributes and excludedAttributes)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.9",
);
const RFC7644_ERRORS: Source = rfc(
    "RFC 7644 §3.12 (error responses)",
    "https://www.rfc-editor.org/rfc/rfc7644#section-3.12",
);
const RFC7643_USERNAME: Source = rfc(
    "RFC 7643 §4.1.1 (userName, caseExact false)",
    "https://www.rfc-editor.org/rfc/rfc7643#section-4.1.1",
);
const RFC7643_ENTERPRISE: Source = rfc(
    "RFC 7643 §4.3 (enterprise user extension)",
    "https://www.rfc-editor.org/rfc/rfc7643#section-4.3",
);
const RFC7643_SCHEMAS: Source = rfc(
    "RFC 7643 §7 (schema definitions)",
    "https://www.rfc-editor.org/rfc/rfc7643#section-7",
);
const OKTA_SCIM20: Source = okta(
    "Okta: SCIM 2.0 with Okta",
    "https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20/",
);
const OKTA_PREPARE: Source = okta(
    "Okta: Build your SCIM API service",
    "https://developer.okta.com/docs/guides/scim-provisioning-integration-prepare/main/",
);
const OKTA_GROUP_PUSH: Source = okta(
    "Okta Help: Group Push operations",
    "https://help.okta.com/en-us/Content/topics/users-groups-profiles/usgp-group-push-operations.htm",
);
const ENTRA_TUTORIAL: Source = entra(
    "Microsoft: Develop and plan provisioning for a SCIM endpoint",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups",
);
const ENTRA_KNOWN_ISSUES: Source = entra(
    "Microsoft: Known issues with SCIM 2.0 protocol compliance",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility",
);
const ENTRA_HOW: Source = entra(
    "Microsoft: How application provisioning works",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/how-provisioning-works",
);
const PRODUCT_DOCS: Source = rfc(
    "scimctl: our service's product rules",
    "https://github.com/scimctl/scimctl/blob/main/docs/simulate.md#product-rules",
);

const NONE: &str = "";

// ---- the checks ----------------------------------------------------------

pub const CHECKS: &[Spec] = &[
    Spec {
        id: "connection.users-probe",
        title: "Test connection: list or look up users",
        scenario: Scenario::Connection,
        idps: Idps::Both,
        needs: &[],
        sources: &[RFC7644_LIST, OKTA_SCIM20, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.1, §2.1, F2, F11",
        okta: Impact {
            fail: "\"Test Connector Configuration\" fails and provisioning cannot be turned on",
            warn: "Okta accepts the answer (it does not check the Content-Type), so the connector test passes",
        },
        entra: Impact {
            fail: "\"Test Connection\" fails (\"the supplied credentials are not authorized\" or an HTTP error), so the job cannot be saved or started",
            warn: "Entra accepts the answer (it does not check the Content-Type), so Test Connection passes",
        },
    },
    Spec {
        id: "connection.groups-probe",
        title: "Test connection: list or look up groups",
        scenario: Scenario::Connection,
        idps: Idps::Both,
        needs: &[],
        sources: &[RFC7644_LIST, OKTA_GROUP_PUSH, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.1, §1.10, §2.1",
        okta: Impact {
            fail: "group push and \"Refresh App Groups\" fail; the connector test reports the error",
            warn: NONE,
        },
        entra: Impact {
            fail: "with groups in scope the job is quarantined (\"An HTTP/404 Not Found response was returned rather than the expected HTTP/200 OK\")",
            warn: NONE,
        },
    },
    Spec {
        id: "connection.bad-token",
        title: "A wrong token is refused with 401",
        scenario: Scenario::Connection,
        idps: Idps::Both,
        needs: &[],
        sources: &[RFC7644_ERRORS, OKTA_PREPARE, ENTRA_TUTORIAL],
        notes: "idp-behaviors §5.3, F28",
        okta: Impact {
            fail: "a server that accepts any token lets anyone provision accounts; Okta's SPEC test (required for the OIN catalog) expects the 401",
            warn: "Okta only needs the 401 status; an error body in another shape shows admins no useful message",
        },
        entra: Impact {
            fail: "a server that accepts any token lets anyone provision accounts; an expired token must stop the job, not keep working",
            warn: "Entra only needs the 401 status; an error body in another shape shows admins no useful message in the provisioning logs",
        },
    },
    Spec {
        id: "user.match-miss",
        title: "Look the user up before creating it (no match yet)",
        scenario: Scenario::Users,
        idps: Idps::Both,
        needs: &[],
        sources: &[RFC7644_LIST, OKTA_SCIM20, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.3, §2.3, F2",
        okta: Impact {
            fail: "Okta cannot tell whether the user exists, so the assignment fails with an error and waits for an admin",
            warn: "Okta tolerates a 404 here and goes on to create the user; its SPEC test (required for the OIN catalog) fails on it",
        },
        entra: Impact {
            fail: "Entra requires 200 with an empty ListResponse; anything else fails the match and the user is never created",
            warn: NONE,
        },
    },
    Spec {
        id: "user.create",
        title: "Create the user (POST /Users) and read it back",
        scenario: Scenario::Users,
        idps: Idps::Both,
        needs: &[],
        sources: &[RFC7644_CREATE, OKTA_SCIM20, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.3, §2.4, F12, F13, F18",
        okta: Impact {
            fail: "the assignment fails with \"Error while creating user\" and a provisioning task waits for an admin",
            warn: "Okta creates and assigns the user all the same (it reads the id from the body, not Location, and ignores the Content-Type); strict clients and Okta's SPEC test may not",
        },
        entra: Impact {
            fail: "the create is logged as failed and retried in the next cycle (about 40 minutes later)",
            warn: "Entra creates the user all the same (it reads the id from the body, not Location, and ignores the Content-Type)",
        },
    },
    Spec {
        id: "user.duplicate",
        title: "Creating the same userName again is refused with 409",
        scenario: Scenario::Users,
        idps: Idps::Both,
        needs: &["user.create"],
        sources: &[RFC7644_CREATE, RFC7644_ERRORS],
        notes: "idp-behaviors F17",
        okta: Impact {
            fail: "Okta would provision a second account for the same person",
            warn: "Okta treats the 409 as \"already exists\" and stops; an error body that deviates from RFC 7644 §3.12 (above) gives the admin a less precise message",
        },
        entra: Impact {
            fail: "Entra would create duplicates; later matches fail with DuplicateTargetEntries",
            warn: "Entra logs the 409 as EntryConflict; an error body that deviates from RFC 7644 §3.12 (above) makes the log entry less precise",
        },
    },
    Spec {
        id: "user.match-case-variant",
        title: "The lookup finds the user whatever the case of userName",
        scenario: Scenario::Users,
        idps: Idps::Both,
        needs: &["user.create"],
        sources: &[RFC7643_USERNAME, RFC7644_LIST],
        notes: "idp-behaviors F1",
        okta: Impact {
            fail: "Okta does not find the existing account, POSTs again, gets 409, and the assignment fails",
            warn: NONE,
        },
        entra: Impact {
            fail: "Entra does not match the existing account, POSTs again, gets 409 (EntryConflict) every cycle, and may quarantine the job",
            warn: NONE,
        },
    },
    Spec {
        id: "user.read",
        title: "Read the user by id: one resource, not a list",
        scenario: Scenario::Users,
        idps: Idps::Both,
        needs: &["user.create"],
        sources: &[RFC7644_READ, OKTA_SCIM20, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.4, §2.5, F12, F30",
        okta: Impact {
            fail: "Okta PUTs back what it read: a wrong shape here breaks every later update",
            warn: "Okta reads the user all the same; without meta.location and meta.resourceType Okta's support articles call the server non-compliant",
        },
        entra: Impact {
            fail: "Entra reads by id on every cycle; a wrong answer fails with InvalidAnchor or ServiceIncompatible",
            warn: "Entra reads the user all the same; meta.location and meta.resourceType are missing",
        },
    },
    Spec {
        id: "user.update",
        title: "Update the profile and read it back",
        scenario: Scenario::Users,
        idps: Idps::Both,
        needs: &["user.create"],
        sources: &[RFC7644_PUT, RFC7644_PATCH, OKTA_SCIM20, ENTRA_KNOWN_ISSUES],
        notes: "idp-behaviors §1.5, §2.6, §2.9, F4, F13, F19, F20",
        okta: Impact {
            fail: "the profile push fails (or is silently lost) and a provisioning task is created",
            warn: "Okta counts the push as done, but without the updated user in the answer it cannot confirm what was stored",
        },
        entra: Impact {
            fail: "the update is logged as failed and retried every cycle; a silently ignored op leaves the app out of date",
            warn: "once an admin removes the undeclared attribute from the attribute mappings the rest updates; until then every update of a user with it fails and is retried each cycle",
        },
    },
    Spec {
        id: "user.deactivate",
        title: "Deactivate the user and read it back",
        scenario: Scenario::Users,
        idps: Idps::Both,
        needs: &["user.create"],
        sources: &[RFC7644_PATCH, RFC7644_PUT, OKTA_SCIM20, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.6, §2.8, F3, F4, F5",
        okta: Impact {
            fail: "the user keeps access after being unassigned; Okta creates a deprovisioning task (there is no PUT fallback)",
            warn: NONE,
        },
        entra: Impact {
            fail: "the user keeps access after being disabled in Entra; the failure is retried every 40 minutes",
            warn: NONE,
        },
    },
    Spec {
        id: "user.read-inactive",
        title: "An inactive user can still be read and found",
        scenario: Scenario::Users,
        idps: Idps::Both,
        needs: &["user.deactivate"],
        sources: &[RFC7644_READ, ENTRA_TUTORIAL, ENTRA_HOW],
        notes: "idp-behaviors F15; Entra requirements table (\"returned whether or not the user is active\")",
        okta: Impact {
            fail: "on reassignment Okta does not find the user and tries to create it again (409)",
            warn: NONE,
        },
        entra: Impact {
            fail: "Entra reads the user by id each cycle: a 404 is InvalidAnchor, and it re-creates the user into a 409",
            warn: NONE,
        },
    },
    Spec {
        id: "user.reactivate",
        title: "Reactivate the user and read it back",
        scenario: Scenario::Users,
        idps: Idps::Both,
        needs: &["user.deactivate"],
        sources: &[RFC7644_PATCH, OKTA_SCIM20, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.7, §2.8, F5",
        okta: Impact {
            fail: "the re-assigned user stays locked out",
            warn: NONE,
        },
        entra: Impact {
            fail: "the re-enabled user stays locked out",
            warn: NONE,
        },
    },
    Spec {
        id: "user.manager",
        title: "Set, change and clear the manager (enterprise extension)",
        scenario: Scenario::Users,
        idps: Idps::Entra,
        needs: &["user.create"],
        sources: &[RFC7643_ENTERPRISE, ENTRA_KNOWN_ISSUES],
        notes: "idp-behaviors §2.7, F21",
        okta: Impact {
            fail: NONE,
            warn: NONE,
        },
        entra: Impact {
            fail: "the manager reference fails to export each cycle; reports in the app show no or the wrong manager",
            warn: "the server has no manager attribute: once an admin removes the manager mapping nothing fails, and the app has no managers",
        },
    },
    Spec {
        id: "group.push",
        title: "Push a new group (POST /Groups) and read it back",
        scenario: Scenario::Groups,
        idps: Idps::Both,
        needs: &[],
        sources: &[RFC7644_CREATE, OKTA_GROUP_PUSH, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.9, §2.10",
        okta: Impact {
            fail: "Group Push fails and the group shows an error in the Push Groups tab",
            warn: NONE,
        },
        entra: Impact {
            fail: "the group is not created; its memberships fail with it, retried every cycle",
            warn: NONE,
        },
    },
    Spec {
        id: "group.link-existing",
        title: "Find an existing group by displayName (to link it)",
        scenario: Scenario::Groups,
        idps: Idps::Both,
        needs: &["group.push"],
        sources: &[RFC7644_LIST, OKTA_GROUP_PUSH, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.11, §2.3, F8, F9",
        okta: Impact {
            fail: "Okta cannot link the app's existing group and pushes a duplicate, or links the wrong one",
            warn: NONE,
        },
        entra: Impact {
            fail: "a filter that returns several groups fails with DuplicateTargetEntries; one that returns none creates a duplicate",
            warn: NONE,
        },
    },
    Spec {
        id: "group.add-members",
        title: "Add members in batches and read them back",
        scenario: Scenario::Groups,
        idps: Idps::Both,
        needs: &["group.push"],
        sources: &[RFC7644_PATCH, OKTA_GROUP_PUSH, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.13, §2.10, F13, F14, F27",
        okta: Impact {
            fail: "Group Push reports an error and memberships in the app drift from Okta",
            warn: NONE,
        },
        entra: Impact {
            fail: "memberships fail to export and are retried every cycle",
            warn: NONE,
        },
    },
    Spec {
        id: "group.exclude-members",
        title: "Read a group that has members, without its members",
        scenario: Scenario::Groups,
        idps: Idps::Entra,
        needs: &["group.add-members"],
        sources: &[RFC7644_ATTRS, ENTRA_KNOWN_ISSUES],
        notes: "idp-behaviors §2.10, F8",
        okta: Impact {
            fail: NONE,
            warn: NONE,
        },
        entra: Impact {
            fail: "Entra reads every group with excludedAttributes=members; big member lists make those reads slow, time out or fail",
            warn: NONE,
        },
    },
    Spec {
        id: "group.remove-members",
        title: "Remove one member in the IdP's shape; the others stay",
        scenario: Scenario::Groups,
        idps: Idps::Both,
        needs: &["group.add-members"],
        sources: &[RFC7644_PATCH, OKTA_GROUP_PUSH, ENTRA_KNOWN_ISSUES],
        notes: "idp-behaviors §1.13, §2.9, §2.10, F6, F7; RFC 7644 §3.5.2.2",
        okta: Impact {
            fail: "the member keeps access, or every member is removed from the group",
            warn: NONE,
        },
        entra: Impact {
            fail: "Entra's value-list removal wipes all members on servers that read it by the RFC's letter: everyone loses the group's access",
            warn: NONE,
        },
    },
    Spec {
        id: "group.rename",
        title: "Rename the group and read it back",
        scenario: Scenario::Groups,
        idps: Idps::Both,
        needs: &["group.push"],
        sources: &[RFC7644_PATCH, RFC7644_PUT, OKTA_GROUP_PUSH, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.13, §2.10, F14",
        okta: Impact {
            fail: "the rename fails; Okta also sends this shape after every membership change, so those fail too",
            warn: NONE,
        },
        entra: Impact {
            fail: "the rename is retried every cycle and the app keeps the old name",
            warn: NONE,
        },
    },
    Spec {
        id: "group.delete",
        title: "Delete the group; it is gone afterwards",
        scenario: Scenario::Groups,
        idps: Idps::Both,
        needs: &["group.push"],
        sources: &[RFC7644_DELETE, OKTA_GROUP_PUSH, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.14, §2.10",
        okta: Impact {
            fail: "\"Unlink pushed group\" with delete fails and the group stays in the app",
            warn: "the group is gone, which is what Okta needs; only the 404 that follows deviates from RFC 7644 §3.12 (above)",
        },
        entra: Impact {
            fail: "the deleted group stays in the app",
            warn: "the group is gone, which is what Entra needs; only the 404 that follows deviates from RFC 7644 §3.12 (above)",
        },
    },
    Spec {
        id: "paging.walk",
        title: "Walk the users page by page: same order, no duplicates, correct counts",
        scenario: Scenario::Paging,
        idps: Idps::Both,
        needs: &[],
        sources: &[RFC7644_PAGING, OKTA_SCIM20, ENTRA_TUTORIAL],
        notes: "idp-behaviors §1.2, F16",
        okta: Impact {
            fail: "the import misses or repeats users; Okta's review blocks integrations whose paging is wrong",
            warn: "Okta pages by startIndex and the number of Resources it got, so a wrong itemsPerPage does not break the import; stricter clients may stop early",
        },
        entra: Impact {
            fail: "the initial cycle misses or repeats users",
            warn: "Entra reads by filter rather than by page, so a wrong itemsPerPage does not break provisioning; stricter clients may stop early",
        },
    },
    Spec {
        id: "rules.administrators-reserved",
        title: "Pushing a group named Administrators is refused (it exists and is reserved)",
        scenario: Scenario::Rules,
        idps: Idps::Both,
        needs: &[],
        sources: &[PRODUCT_DOCS, RFC7644_CREATE],
        notes: "product docs (Administrators is reserved); RFC 7644 §3.3 (409 uniqueness)",
        okta: Impact {
            fail: "a second Administrators group exists; link the existing group in Okta instead (Refresh App Groups)",
            warn: NONE,
        },
        entra: Impact {
            fail: "a second Administrators group exists; name the Entra group Split_Administrators instead",
            warn: NONE,
        },
    },
    Spec {
        id: "rules.split-administrators",
        title: "A group named Split_Administrators maps onto Administrators, whose name stays",
        scenario: Scenario::Rules,
        idps: Idps::Both,
        needs: &[],
        sources: &[PRODUCT_DOCS],
        notes: "product docs (Split_Administrators maps to Administrators)",
        okta: Impact {
            fail: "the IdP's admin group does not reach Administrators",
            warn: NONE,
        },
        entra: Impact {
            fail: "the Entra group meant for Administrators does not reach it",
            warn: NONE,
        },
    },
    Spec {
        id: "rules.group-name-length",
        title: "Group names must be shorter than 25 characters",
        scenario: Scenario::Rules,
        idps: Idps::Both,
        needs: &[],
        sources: &[PRODUCT_DOCS, RFC7644_ERRORS],
        notes: "product docs (group names under 25 characters); RFC 7644 §3.12 (invalidValue)",
        okta: Impact {
            fail: "the push of a long-named group is not refused as the service documents, or a valid name is refused",
            warn: "the long name is refused as it should be; an error body that deviates from RFC 7644 §3.12 (above) gives the admin a less precise message",
        },
        entra: Impact {
            fail: "the long-named group is not refused as the service documents, or a valid name is refused",
            warn: "the long name is refused as it should be; an error body that deviates from RFC 7644 §3.12 (above) makes the provisioning log less precise",
        },
    },
    Spec {
        id: "user.extended-attributes",
        title: "Attributes outside the default mappings (nickName) are stored, or not declared",
        scenario: Scenario::ExtendedAttributes,
        idps: Idps::Both,
        needs: &[],
        sources: &[RFC7643_SCHEMAS, RFC7644_PATCH, ENTRA_KNOWN_ISSUES],
        notes: "idp-behaviors §2.6 (Add nickName), F19, F20",
        okta: Impact {
            fail: "an attribute an admin maps in Okta is accepted but lost: the app silently keeps the old value",
            warn: "the server does not declare the attribute in /Schemas: an Okta admin would leave it unmapped, and nothing breaks",
        },
        entra: Impact {
            fail: "an attribute an admin maps in Entra is accepted but lost: the app silently keeps the old value",
            warn: "the server does not declare the attribute in /Schemas: an Entra admin would remove it from the attribute mappings, and nothing breaks",
        },
    },
];

/// The spec of a check id (a typo in scenario code is caught by the tests that
/// run every scenario).
pub fn spec(id: &str) -> &'static Spec {
    CHECKS
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("simulate check {id} is not in the registry"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_needs_point_backwards() {
        for (i, s) in CHECKS.iter().enumerate() {
            assert!(CHECKS[..i].iter().all(|o| o.id != s.id), "{} twice", s.id);
            for n in s.needs {
                let pos = CHECKS.iter().position(|o| o.id == *n);
                assert!(
                    pos.is_some_and(|p| p < i),
                    "{} needs {n}, which must be declared before it",
                    s.id
                );
            }
            for p in [Profile::Okta, Profile::Entra] {
                if s.idps.includes(p) {
                    assert!(
                        !s.impact(p).fail.is_empty(),
                        "{}: no fail text for {p:?}",
                        s.id
                    );
                    assert!(
                        !s.sources_for(p).is_empty(),
                        "{}: no source for {p:?}",
                        s.id
                    );
                }
            }
            assert!(
                s.sources.iter().all(|src| src.url.starts_with("https://")),
                "{}",
                s.id
            );
        }
    }
}
