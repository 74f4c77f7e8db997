//! Published IdP test suites, recorded as scimctl's own data: the facts of each
//! request (name, method, URL, headers, body shape) and of each assertion (what
//! it reads and how it compares), with the source repository and commit. The
//! replays (`simulate okta-spec`) are driven by these records, and tests hold
//! the records, the check registry and the replays together.

use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Suite {
    pub source: serde_json::Value,
    pub spec_test: Vec<Request>,
    pub entitlements_test: Request,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Request {
    /// The check (registry id) that replays it (okta-spec: one per request;
    /// ms-validator: on the test, not its steps).
    #[serde(default)]
    pub check: String,
    /// The test's name, as Okta's report shows it (ms-validator: on the test).
    #[serde(default)]
    pub name: String,
    pub method: String,
    /// With `{{variables}}`, as the test writes it.
    pub url: String,
    /// In the order the test lists them (ms-validator: the suite's, for every request).
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    #[serde(default)]
    pub body: Option<String>,
    pub assertions: Vec<Assertion>,
    #[serde(default)]
    pub variables: Vec<Variable>,
    /// What the test's script checks, in our words.
    #[serde(default)]
    pub script_checks: Vec<String>,
    #[serde(default)]
    pub pause_after_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Assertion {
    pub source: String,
    pub comparison: String,
    #[serde(default)]
    pub property: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Variable {
    pub name: String,
    pub property: String,
}

/// Microsoft's SCIM Validator, as recorded (one test: several requests).
#[derive(Debug, Clone, Deserialize)]
pub struct MsSuite {
    pub source: serde_json::Value,
    /// What every request carries (idp-behaviors §3.1, "request traits").
    pub headers: Vec<(String, String)>,
    pub tests: Vec<MsTest>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MsTest {
    pub check: String,
    /// The test's name, as Microsoft's report shows it.
    pub name: String,
    pub steps: Vec<Request>,
}

/// Microsoft's SCIM Validator (idp-behaviors §3.1, §3.1b; field-2026 §2b).
pub fn ms_validator() -> &'static MsSuite {
    static SUITE: LazyLock<MsSuite> = LazyLock::new(|| {
        serde_json::from_str(include_str!("ms-validator.json"))
            .expect("src/simulate/suites/ms-validator.json is valid (a unit test reads it)")
    });
    &SUITE
}

/// Okta's SCIM 2.0 SPEC test and Entitlements test (okta/okta-developer-docs).
pub fn okta_scim_20() -> &'static Suite {
    static SUITE: LazyLock<Suite> = LazyLock::new(|| {
        serde_json::from_str(include_str!("okta-scim-20.json"))
            .expect("src/simulate/suites/okta-scim-20.json is valid (a unit test reads it)")
    });
    &SUITE
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_okta_records_read() {
        let s = super::okta_scim_20();
        assert_eq!(s.spec_test.len(), 12);
        assert!(s.spec_test.iter().all(|r| !r.assertions.is_empty()));
        let m = super::ms_validator();
        assert_eq!(m.tests.len(), 27);
        assert!(
            m.tests
                .iter()
                .all(|t| t.steps.iter().all(|r| !r.assertions.is_empty()))
        );
    }
}
