//! Every check simulate can run, declared once: its stable id, title, scenario,
//! which IdPs run it, what it needs set up first, the public documents behind it,
//! and what each IdP does in production when it fails — and, separately, what the
//! IdP tolerates when it only warns. A run plans from this table; docs/simulate.md
//! and the tests are held to it. Internal notes (`idp-behaviors §…`, `F…`) point
//! at shared/reference/idp-behaviors.md for the people who maintain the checks.

use serde::Serialize;

use super::profile::Profile;

mod checks;
mod ms_validator;
mod okta_spec;
mod sources;

/// Every check, in the order a run meets them: the IdP engines' checks, then
/// the replayed test suites'.
pub static CHECKS: std::sync::LazyLock<Vec<Spec>> = std::sync::LazyLock::new(|| {
    checks::IDP_CHECKS
        .iter()
        .chain(okta_spec::OKTA_SPEC_CHECKS)
        .chain(ms_validator::MS_VALIDATOR_CHECKS)
        .copied()
        .collect()
});

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
    /// Okta's "Import User Schema": /ResourceTypes and /Schemas as Okta reads
    /// them (opt-in).
    Discovery,
    /// How long the run's requests took, against the IdPs' timeouts and pace.
    Timing,
    /// Okta's published SPEC test (and Entitlements test), replayed (`simulate okta-spec`).
    OktaSpec,
    /// Microsoft's SCIM Validator, replayed (`simulate ms-validator`).
    MsValidator,
}

impl Scenario {
    pub const ALL: [Scenario; 10] = [
        Scenario::Connection,
        Scenario::Users,
        Scenario::Groups,
        Scenario::Paging,
        Scenario::Rules,
        Scenario::ExtendedAttributes,
        Scenario::Discovery,
        Scenario::Timing,
        Scenario::OktaSpec,
        Scenario::MsValidator,
    ];

    pub const NAMES: [&'static str; 10] = [
        "connection",
        "users",
        "groups",
        "paging",
        "rules",
        "extended-attributes",
        "discovery",
        "timing",
        "okta-spec",
        "ms-validator",
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Part of a run when no `--scenario` is given.
    pub fn by_default(self) -> bool {
        !matches!(self, Scenario::ExtendedAttributes | Scenario::Discovery)
    }
}

/// Which IdPs' profiles run a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idps {
    Both,
    Okta,
    Entra,
    /// Only `simulate okta-spec`, Okta's test suite (no engine profile runs it,
    /// and it runs no engine check).
    OktaSpec,
    /// Only `simulate ms-validator`.
    MsValidator,
}

impl Idps {
    pub fn includes(self, p: Profile) -> bool {
        match self {
            Idps::Both => !p.is_suite(),
            Idps::Okta => p.is_okta() && !p.is_suite(),
            Idps::Entra => !p.is_okta() && !p.is_suite(),
            Idps::OktaSpec => p == Profile::OktaSpec,
            Idps::MsValidator => p == Profile::MsValidator,
        }
    }

    /// Whether a source of these IdPs is cited for `p` (Okta's documents also
    /// back the replay of Okta's own test suite).
    pub fn cites_for(self, p: Profile) -> bool {
        match self {
            Idps::Both => true,
            Idps::Okta => p.is_okta(),
            Idps::Entra => !p.is_okta(),
            Idps::OktaSpec => p == Profile::OktaSpec,
            Idps::MsValidator => p == Profile::MsValidator,
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
            .filter(|s| s.idps.cites_for(p))
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
            for p in [
                Profile::Okta,
                Profile::Entra,
                Profile::OktaSpec,
                Profile::MsValidator,
            ] {
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
