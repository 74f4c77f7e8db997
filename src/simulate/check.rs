//! One check of a simulation as it runs and as it is reported: the registry's
//! spec, the requests it made, exactly one verdict (pass / warn / fail / blocked /
//! skipped), reasons that quote what was sent and what came back, and the
//! production consequence for the verdict and failure mode actually seen.

use serde::Serialize;
use serde_json::Value;

use super::profile::Profile;
use super::registry::{self, Source, Spec};
use super::wire::Resp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
    /// A check it needs could not set up what it uses (`blocked_by` names it).
    Blocked,
    /// Not applicable to this target (the reason says why).
    Skipped,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
            Verdict::Blocked => "blocked",
            Verdict::Skipped => "skipped",
        }
    }

    /// Whether the check set up what later checks use (unless it says otherwise).
    fn provides(self) -> bool {
        matches!(self, Verdict::Pass | Verdict::Warn)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub title: &'static str,
    pub verdict: Verdict,
    /// Why it failed, warned, was blocked or skipped; notes on a pass.
    pub reasons: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked_by: Option<&'static str>,
    /// Internal references (shared/reference/idp-behaviors.md sections).
    pub reference: &'static str,
    /// Public documents behind the check, for this IdP.
    pub sources: Vec<Source>,
    /// What the IdP does in production, for this verdict; empty on pass,
    /// blocked and skipped.
    pub in_production: String,
    /// Exchange numbers (1-based) in the transcript.
    pub exchanges: Vec<usize>,
}

impl Check {
    /// A check that did not run because `by` could not set up what it needs.
    pub fn blocked(spec: &'static Spec, p: Profile, by: &'static str, why: String) -> Check {
        Check {
            id: spec.id,
            title: spec.title,
            verdict: Verdict::Blocked,
            reasons: vec![why],
            blocked_by: Some(by),
            reference: spec.notes,
            sources: spec.sources_for(p),
            in_production: String::new(),
            exchanges: Vec::new(),
        }
    }

    /// A check that does not apply to this target.
    pub fn skipped(spec: &'static Spec, p: Profile, why: String) -> Check {
        Check {
            verdict: Verdict::Skipped,
            blocked_by: None,
            ..Check::blocked(spec, p, "", why)
        }
    }
}

/// A value as a reason quotes it: strings in single quotes, the rest as compact
/// JSON, long ones cut; never Rust's debug form.
pub fn show(v: Option<&Value>) -> String {
    let text = match v {
        None => return "absent".to_owned(),
        Some(Value::String(s)) => format!("'{s}'"),
        Some(other) => other.to_string(),
    };
    if text.chars().count() > 120 {
        let cut: String = text.chars().take(117).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// A check being run: collects failures, warnings and notes.
#[must_use = "a started check must end in `sim.done(check)`, or it would vanish from the report"]
pub struct Pending {
    spec: &'static Spec,
    profile: Profile,
    pub mark: usize,
    fails: Vec<String>,
    warns: Vec<String>,
    notes: Vec<String>,
    skipped: Option<String>,
    /// A failing request got no answer at all (timeout, refused connection).
    no_answer: bool,
    /// Overrides whether later checks may use what this one set up.
    provides: Option<bool>,
    /// Requests this check points at instead of its own (see [`Pending::cite`]).
    cited: Option<Vec<usize>>,
}

impl Pending {
    pub fn new(spec: &'static Spec, profile: Profile, mark: usize) -> Pending {
        Pending {
            spec,
            profile,
            mark,
            fails: Vec::new(),
            warns: Vec::new(),
            notes: Vec::new(),
            skipped: None,
            no_answer: false,
            provides: None,
            cited: None,
        }
    }

    pub fn id(&self) -> &'static str {
        self.spec.id
    }

    pub fn fail(&mut self, why: impl Into<String>) {
        self.fails.push(why.into());
    }

    pub fn warn(&mut self, why: impl Into<String>) {
        self.warns.push(why.into());
    }

    /// Something worth saying on a pass (shown in every report).
    pub fn note(&mut self, what: impl Into<String>) {
        self.notes.push(what.into());
    }

    pub fn skip(&mut self, why: impl Into<String>) {
        self.skipped = Some(why.into());
    }

    /// Points the check at requests other checks sent (a check that judges the
    /// whole run, such as timing, cites the ones its reasons name).
    pub fn cite(&mut self, exchanges: Vec<usize>) {
        self.cited = Some(exchanges);
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

    /// What later checks use exists (or not), whatever this check's verdict: a
    /// user created but read back wrong still exists for the checks after it.
    pub fn provides(&mut self, yes: bool) {
        self.provides = Some(yes);
    }

    /// Requires one of `ok` statuses; says what came instead, quoting the
    /// server's detail or the start of its body. Returns whether it held.
    pub fn status(&mut self, r: &Resp, ok: &[u16], what: &str) -> bool {
        if ok.contains(&r.status) {
            return true;
        }
        let wanted: Vec<String> = ok.iter().map(u16::to_string).collect();
        if r.status == 0 {
            self.no_answer = true;
            let why = r.error.as_deref().unwrap_or("the request failed");
            self.fail(format!(
                "{what}: expected HTTP {}, got no answer ({why})",
                wanted.join(" or ")
            ));
            return false;
        }
        let said = match r
            .str("detail")
            .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        {
            Some(d) if !d.is_empty() => format!(" with detail '{d}'"),
            _ if !r.snippet.is_empty() => format!(", body '{}'", r.snippet),
            _ => String::new(),
        };
        self.fail(format!(
            "{what}: expected HTTP {}, got HTTP {}{said}",
            wanted.join(" or "),
            r.status
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
            format!(
                "{what}: the body is not a SCIM Error (schemas is {}; RFC 7644 §3.12)",
                show(r.get("schemas"))
            ),
        );
        if let Some(s) = r.get("status").filter(|s| !s.is_string()) {
            self.warn(format!(
                "{what}: the error's status is {s}, not the string \"{s}\" (RFC 7644 §3.12)"
            ));
        }
    }

    /// The response content type RFC 7644 §3.1 asks for (both IdPs tolerate others).
    pub fn content_type(&mut self, r: &Resp, what: &str) {
        if r.status != 204 && r.body_len > 0 && !r.content_type.starts_with("application/scim+json")
        {
            self.warn(format!(
                "{what}: Content-Type is '{}', not application/scim+json (RFC 7644 §3.1)",
                r.content_type
            ));
        }
    }

    /// The reported check, and whether it set up what later checks need.
    pub fn finish(self, end: usize) -> (Check, bool) {
        let verdict = if self.skipped.is_some() {
            Verdict::Skipped
        } else if !self.fails.is_empty() {
            Verdict::Fail
        } else if !self.warns.is_empty() {
            Verdict::Warn
        } else {
            Verdict::Pass
        };
        let impact = self.spec.impact(self.profile);
        let in_production = match verdict {
            Verdict::Fail if self.no_answer => format!(
                "{}; until it answers, {}",
                registry::on_no_answer(self.profile),
                impact.fail
            ),
            Verdict::Fail => impact.fail.to_owned(),
            Verdict::Warn => impact.warn.to_owned(),
            _ => String::new(),
        };
        let mut reasons = Vec::new();
        for r in self
            .fails
            .into_iter()
            .chain(self.warns)
            .chain(self.skipped)
            .chain(self.notes)
        {
            if !reasons.contains(&r) {
                reasons.push(r);
            }
        }
        let provided = self.provides.unwrap_or(verdict.provides());
        let check = Check {
            id: self.spec.id,
            title: self.spec.title,
            verdict,
            reasons,
            blocked_by: None,
            reference: self.spec.notes,
            sources: self.spec.sources_for(self.profile),
            in_production,
            exchanges: self
                .cited
                .unwrap_or_else(|| ((self.mark + 1)..=end).collect()),
        };
        (check, provided)
    }
}
