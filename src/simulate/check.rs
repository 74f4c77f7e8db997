//! One check of a simulation: a stable id, the requests it made, a verdict
//! (pass / warn / fail / skip), the reason, the document behind it, and what the
//! IdP would do in production if it failed.

use serde::Serialize;

use super::wire::Resp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
    Skip,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub title: &'static str,
    pub verdict: Verdict,
    /// Why it failed or warned; empty when it passed.
    pub reasons: Vec<String>,
    /// The IdP document section (shared/reference/idp-behaviors.md) and RFC behind it.
    pub reference: &'static str,
    /// What the IdP does in production when this goes wrong.
    pub in_production: &'static str,
    /// Exchange numbers (1-based) in the transcript.
    pub exchanges: Vec<usize>,
}

/// A check being run: collects failures and warnings.
pub struct Pending {
    pub id: &'static str,
    pub title: &'static str,
    pub reference: &'static str,
    pub in_production: &'static str,
    pub mark: usize,
    fails: Vec<String>,
    warns: Vec<String>,
    skipped: Option<String>,
}

impl Pending {
    pub fn new(
        id: &'static str,
        title: &'static str,
        reference: &'static str,
        in_production: &'static str,
        mark: usize,
    ) -> Pending {
        Pending {
            id,
            title,
            reference,
            in_production,
            mark,
            fails: Vec::new(),
            warns: Vec::new(),
            skipped: None,
        }
    }

    pub fn fail(&mut self, why: impl Into<String>) {
        self.fails.push(why.into());
    }

    pub fn warn(&mut self, why: impl Into<String>) {
        self.warns.push(why.into());
    }

    pub fn skip(&mut self, why: impl Into<String>) {
        self.skipped = Some(why.into());
    }

    pub fn fail_if(&mut self, cond: bool, why: impl Into<String>) {
        if cond {
            self.fail(why);
        }
    }

    pub fn warn_if(&mut self, cond: bool, why: impl Into<String>) {
        if cond {
            self.warn(why);
        }
    }

    pub fn failed(&self) -> bool {
        !self.fails.is_empty()
    }

    /// Requires one of `ok` statuses; says what came instead. Returns whether it held.
    pub fn status(&mut self, r: &Resp, ok: &[u16], what: &str) -> bool {
        if ok.contains(&r.status) {
            return true;
        }
        let wanted: Vec<String> = ok.iter().map(u16::to_string).collect();
        let got = if r.status == 0 {
            "no answer".to_owned()
        } else {
            format!("HTTP {}", r.status)
        };
        let detail = r
            .str("detail")
            .map(|d| format!(" ({})", d.split_whitespace().collect::<Vec<_>>().join(" ")))
            .unwrap_or_default();
        self.fail(format!(
            "{what}: expected HTTP {}, got {got}{detail}",
            wanted.join(" or ")
        ));
        false
    }

    /// RFC 7644 §3.12 error bodies; the IdPs surface `detail` to admins (F28).
    pub fn scim_error_shape(&mut self, r: &Resp, what: &str) {
        let schema_ok = r
            .get("schemas")
            .and_then(|s| s.as_array())
            .is_some_and(|s| {
                s.iter()
                    .any(|v| v == "urn:ietf:params:scim:api:messages:2.0:Error")
            });
        self.warn_if(
            !schema_ok,
            format!("{what}: the error body is not a SCIM Error (RFC 7644 §3.12)"),
        );
        self.warn_if(r.get("status").is_some_and(|s| !s.is_string()), format!("{what}: the error's status is not a string (RFC 7644 §3.12; Okta tolerates numbers)"));
    }

    /// The response content type RFC 7644 §3.1 asks for (both IdPs tolerate others).
    pub fn content_type(&mut self, r: &Resp, what: &str) {
        if r.status != 204 && r.body_len > 0 && !r.content_type.starts_with("application/scim+json")
        {
            self.warn(format!("{what}: Content-Type is '{}', not application/scim+json (RFC 7644 §3.1; the IdPs tolerate it)", r.content_type));
        }
    }

    pub fn finish(self, end: usize) -> Check {
        let verdict = if self.skipped.is_some() {
            Verdict::Skip
        } else if !self.fails.is_empty() {
            Verdict::Fail
        } else if !self.warns.is_empty() {
            Verdict::Warn
        } else {
            Verdict::Pass
        };
        let mut reasons = self.fails;
        reasons.extend(self.warns);
        reasons.extend(self.skipped);
        Check {
            id: self.id,
            title: self.title,
            verdict,
            reasons,
            reference: self.reference,
            in_production: self.in_production,
            exchanges: ((self.mark + 1)..=end).collect(),
        }
    }
}
