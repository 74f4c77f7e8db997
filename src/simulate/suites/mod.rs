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
    /// The check (registry id) that replays it.
    pub check: String,
    /// The test's name, as Okta's report shows it.
    pub name: String,
    pub method: String,
    /// With `{{variables}}`, as the test writes it.
    pub url: String,
    /// In the order the test lists them.
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
    }
}
