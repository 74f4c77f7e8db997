//! `scimctl simulate`: replays what Okta's or Entra's provisioning engine sends,
//! step by step, checks every answer the way that engine would (and re-reads to
//! verify, never trusting a 2xx alone), and reports what would break and why.
//! The behaviours come from shared/reference/idp-behaviors.md; each is cited by
//! section beside the code that sends it.

pub mod check;
pub mod cleanup;
pub mod load;
pub mod profile;
pub mod registry;
pub mod report;
mod scenarios;
pub mod suites;
pub mod transcript;
pub mod transport;
pub mod wire;

use std::collections::HashSet;

use reqwest::Method;
use serde::Serialize;
use serde_json::Value;

use check::{Check, Pending, Verdict};
use profile::Profile;
use registry::{CHECKS, Scenario, Spec};
use wire::{Resp, Wire};

use crate::error::Exit;
use crate::secret::Secret;

/// The scenario names `--scenario` takes, in the order a run meets them.
pub const SCENARIOS: [&str; 10] = Scenario::NAMES;

#[derive(Debug, Clone)]
pub struct Options {
    pub profile: Profile,
    pub scenarios: Vec<String>,
    pub keep: bool,
    /// Okta profiles deactivate what they created (as Okta does); this deletes.
    pub cleanup_delete: bool,
    pub dry_run: bool,
    /// Check our service's product rules (Administrators, Split_Administrators, name length).
    pub product_rules: bool,
    /// `okta-spec`: the entitlement endpoint (e.g. `/Entitlements`) Okta's
    /// Entitlements test lists; without it that test is skipped.
    pub entitlements: Option<String>,
}

impl Options {
    /// The checks this run will report, in registry order.
    pub fn plan(&self) -> Vec<&'static Spec> {
        CHECKS
            .iter()
            .filter(|s| s.idps.includes(self.profile))
            .filter(|s| {
                if self.scenarios.is_empty() {
                    s.scenario.by_default()
                } else {
                    self.scenarios.iter().any(|n| n == s.scenario.name())
                }
            })
            .collect()
    }
}

/// Why a run stopped before its plan was done: the target refused the token or
/// did not answer the first request, so nothing else can be learnt.
#[derive(Debug, Clone, Serialize)]
pub struct Stopped {
    /// The check whose request showed it.
    pub check: &'static str,
    /// `token_refused` or `no_answer`, for programs; `reason` is for people.
    pub reason_code: &'static str,
    pub reason: String,
    #[serde(skip)]
    pub exit: Exit,
}

/// What a run found.
#[derive(Debug, Serialize)]
pub struct Report {
    pub profile: &'static str,
    pub target: String,
    pub run_id: String,
    #[serde(with = "crate::timestamp::ms")]
    pub started_at: jiff::Timestamp,
    pub duration_ms: f64,
    pub dry_run: bool,
    /// Every planned check, in plan order, each with one verdict.
    pub checks: Vec<Check>,
    pub stopped: Option<Stopped>,
    #[serde(skip)]
    pub exchanges: Vec<wire::Exchange>,
}

/// A user or group the run created, for the checks that follow and the clean-up.
#[derive(Debug, Clone)]
pub struct Made {
    pub id: String,
    pub name: String,
}

pub struct Sim {
    pub wire: Wire,
    pub profile: Profile,
    pub run_id: String,
    pub opts: Options,
    plan: Vec<&'static Spec>,
    checks: Vec<Check>,
    /// Checks that set up what their dependants use.
    provided: HashSet<&'static str>,
    pub stopped: Option<Stopped>,
    pub users: Vec<Made>,
    pub groups: Vec<Made>,
    /// The target's /Schemas answer, read once when a reason needs it.
    schemas: Option<Value>,
}

impl Sim {
    /// Starts the check `id`, unless it is blocked: the run stopped, or a check
    /// it needs could not set up what it uses (then it is reported `blocked`).
    pub fn start(&mut self, id: &'static str) -> Option<Pending> {
        let spec = registry::spec(id);
        debug_assert!(
            self.plan.iter().any(|s| s.id == id),
            "{id} runs but was not planned"
        );
        if let Some(by) = self.blocker(spec) {
            let check = self.blocked_check(spec, by, &self.checks);
            self.checks.push(check);
            return None;
        }
        self.wire.step = id.to_owned();
        Some(Pending::new(spec, self.profile, self.wire.mark()))
    }

    /// What blocks `spec`, if anything: the stop, or the first planned
    /// prerequisite that did not set up what it needs.
    fn blocker(&self, spec: &Spec) -> Option<&'static str> {
        if let Some(s) = &self.stopped {
            return Some(s.check);
        }
        spec.needs
            .iter()
            .copied()
            .find(|n| self.plan.iter().any(|p| p.id == *n) && !self.provided.contains(n))
    }

    fn blocked_check(&self, spec: &'static Spec, by: &'static str, done: &[Check]) -> Check {
        let why = match (&self.stopped, done.iter().find(|c| c.id == by)) {
            (Some(s), _) if s.check == by => format!("blocked by {by}: the run stopped there"),
            (_, Some(c)) if c.verdict == Verdict::Blocked => {
                format!("blocked by {by}, which was blocked itself")
            }
            (_, Some(c)) => format!(
                "blocked by {by} ({}): it did not set up what this check uses",
                c.verdict.as_str()
            ),
            (_, None) => format!("blocked by {by}, which did not run"),
        };
        Check::blocked(spec, self.profile, by, why)
    }

    pub fn done(&mut self, c: Pending) {
        let first = self.checks.iter().all(|c| c.verdict == Verdict::Skipped);
        let (check, provided) = c.finish(self.wire.mark());
        if provided {
            self.provided.insert(check.id);
        }
        if first && !self.opts.dry_run {
            self.stop_if_fatal(&check);
        }
        self.checks.push(check);
    }

    /// The first check's first request tells whether anything else can run: a
    /// refused token (401/403) or no answer ends the run with one clear error.
    fn stop_if_fatal(&mut self, check: &Check) {
        let Some(e) = check
            .exchanges
            .first()
            .and_then(|n| self.wire.exchanges.get(n - 1))
        else {
            return;
        };
        let base = &e.url;
        let (exit, reason_code, reason) = match e.status {
            401 | 403 => (
                Exit::Auth,
                "token_refused",
                format!(
                    "the target refused the token: {} {} answered HTTP {}",
                    e.method, base, e.status
                ),
            ),
            0 => (
                Exit::Failure,
                "no_answer",
                format!(
                    "the target did not answer: {} {}: {}",
                    e.method,
                    base,
                    e.error.as_deref().unwrap_or("no answer")
                ),
            ),
            _ => return,
        };
        self.stopped = Some(Stopped {
            check: check.id,
            reason_code,
            reason,
            exit,
        });
    }

    /// Records that `id` does not apply here.
    pub fn skip(&mut self, id: &'static str, why: impl Into<String>) {
        let spec = registry::spec(id);
        self.checks
            .push(Check::skipped(spec, self.profile, why.into()));
    }

    pub async fn send(&mut self, method: Method, path: &str, body: Option<&Value>) -> Resp {
        self.wire.send(method, path, body).await
    }

    /// `scimctl-sim-<run>-<what>`: everything the run creates is recognisable.
    pub fn name(&self, what: &str) -> String {
        format!("{}{what}", name_prefix(&self.run_id))
    }

    pub fn user_name(&self, what: &str) -> String {
        format!("{}@example.com", self.name(what))
    }

    pub fn dry(&self) -> bool {
        self.opts.dry_run
    }

    /// Whether the target's /Schemas declares the User attribute at `path`
    /// (`name.givenName`, `emails[type eq "work"].value`, or an extension's
    /// `urn:…:User:department`). Read once, only when a reason needs to tell "not
    /// declared" from "lost". `None` when the target has no readable /Schemas.
    pub async fn declares(&mut self, path: &str) -> Option<bool> {
        const CORE_USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
        if self.schemas.is_none() {
            let step = std::mem::replace(&mut self.wire.step, "diagnosis: read /Schemas".into());
            let r = self.send(Method::GET, "/Schemas", None).await;
            self.wire.step = step;
            self.schemas = Some(r.json.clone().unwrap_or(Value::Null));
        }
        let (schema_id, attr) = match path.rsplit_once(':') {
            Some((urn, attr)) if urn.starts_with("urn:") => (urn, attr),
            _ => (CORE_USER, path),
        };
        let attr = attr.split(['.', '[']).next().unwrap_or(attr);
        let schemas = self.schemas.as_ref()?;
        let list = schemas
            .get("Resources")
            .and_then(Value::as_array)
            .or_else(|| schemas.as_array())?;
        if !list.iter().any(|s| s.get("id").is_some()) {
            return None;
        }
        let Some(schema) = list
            .iter()
            .find(|s| s.get("id").and_then(Value::as_str) == Some(schema_id))
        else {
            return Some(false);
        };
        let attrs = schema.get("attributes").and_then(Value::as_array)?;
        Some(attrs.iter().any(|a| {
            a.get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| n.eq_ignore_ascii_case(attr))
        }))
    }
}

/// What every name a run creates begins with: `scimctl-sim-<run id>-`.
pub fn name_prefix(run_id: &str) -> String {
    format!("scimctl-sim-{run_id}-")
}

pub fn new_run_id() -> String {
    let mut b = [0u8; 3];
    let _ = getrandom::fill(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Runs the planned checks against `base` with `token`, then cleans up. Every
/// planned check ends in exactly one verdict in the report.
pub async fn run(base: &str, token: Secret, opts: Options) -> anyhow::Result<Report> {
    let wire = Wire::new(base, token, opts.profile, opts.dry_run)?;
    run_on(wire, opts).await
}

/// Whether the target is our service: its ServiceProviderConfig names our
/// documentation. Asked without the token, and recorded in the transcript as
/// scimctl's own request (no IdP sends it), so that the transcript still holds
/// everything that went on the wire.
pub async fn is_ours(wire: &mut Wire) -> bool {
    wire.step = "scimctl: is the target our service? (--product-rules auto)".into();
    let r = wire
        .send_as(Method::GET, "/ServiceProviderConfig", None, None)
        .await;
    wire.step.clear();
    r.str("documentationUri")
        .is_some_and(|d| d.contains("scimctl"))
}

/// [`run`] on a wire that may already hold scimctl's own requests.
pub async fn run_on(wire: Wire, opts: Options) -> anyhow::Result<Report> {
    let started_at = jiff::Timestamp::now();
    let t0 = std::time::Instant::now();
    let plan = opts.plan();
    let base = wire.base().to_owned();
    let mut sim = Sim {
        wire,
        profile: opts.profile,
        run_id: new_run_id(),
        opts: opts.clone(),
        plan: plan.clone(),
        checks: Vec::new(),
        provided: HashSet::new(),
        stopped: None,
        users: Vec::new(),
        groups: Vec::new(),
        schemas: None,
    };
    for scenario in Scenario::ALL {
        if !plan.iter().any(|s| s.scenario == scenario) {
            continue;
        }
        if sim.stopped.is_some() {
            break;
        }
        match scenario {
            Scenario::Connection => scenarios::connection::run(&mut sim).await,
            Scenario::Users => scenarios::users::run(&mut sim).await,
            Scenario::Groups => scenarios::groups::run(&mut sim).await,
            Scenario::Paging => scenarios::paging::run(&mut sim).await,
            Scenario::Rules if opts.product_rules => scenarios::rules::run(&mut sim).await,
            Scenario::Rules => {
                for s in plan.iter().filter(|s| s.scenario == Scenario::Rules) {
                    sim.skip(s.id, "the target is not our service, whose product rules these are (--product-rules on runs them anyway)");
                }
            }
            Scenario::ExtendedAttributes => scenarios::extended::run(&mut sim).await,
            Scenario::Discovery => scenarios::discovery::run(&mut sim).await,
            Scenario::Timing => scenarios::timing::run(&mut sim).await,
            Scenario::OktaSpec => scenarios::okta_spec::run(&mut sim).await,
            Scenario::MsValidator => scenarios::ms_validator::run(&mut sim).await,
        }
    }
    if !opts.keep {
        scenarios::cleanup(&mut sim).await;
    }
    let checks = settle(&mut sim);
    Ok(Report {
        profile: opts.profile.name(),
        target: base,
        run_id: sim.run_id,
        started_at,
        duration_ms: t0.elapsed().as_secs_f64() * 1000.0,
        dry_run: opts.dry_run,
        checks,
        stopped: sim.stopped,
        exchanges: sim.wire.exchanges,
    })
}

/// The reason of a planned check that nothing ran or blocked; the tests
/// require that no report ever holds it.
pub const NOT_REACHED: &str =
    "not reached: its scenario ended before it (a scimctl bug; please report it)";

/// Every planned check exactly once, in plan order: one a scenario never
/// reached is `blocked` by what stopped it.
fn settle(sim: &mut Sim) -> Vec<Check> {
    let mut done = std::mem::take(&mut sim.checks);
    let mut out = Vec::with_capacity(sim.plan.len());
    for spec in sim.plan.clone() {
        match done.iter().position(|c| c.id == spec.id) {
            Some(i) => out.push(done.remove(i)),
            None => {
                let c = match sim.blocker(spec) {
                    Some(by) => sim.blocked_check(spec, by, &out),
                    None => {
                        let mut c = Check::blocked(spec, sim.profile, "", NOT_REACHED.into());
                        c.blocked_by = None;
                        c
                    }
                };
                out.push(c);
            }
        }
    }
    debug_assert!(
        done.is_empty(),
        "checks ran that were not planned: {done:?}"
    );
    out
}
