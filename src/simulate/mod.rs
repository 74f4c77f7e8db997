//! `scimctl simulate`: replays what Okta's or Entra's provisioning engine sends,
//! step by step, checks every answer the way that engine would (and re-reads to
//! verify, never trusting a 2xx alone), and reports what would break and why.
//! The behaviours come from shared/reference/idp-behaviors.md; each is cited by
//! section beside the code that sends it.

pub mod check;
pub mod load;
pub mod profile;
pub mod report;
mod scenarios;
pub mod wire;

use reqwest::Method;
use serde::Serialize;
use serde_json::Value;

use check::{Check, Pending};
use profile::Profile;
use wire::{Resp, Wire};

use crate::secret::Secret;

/// The scenarios, in the order a real rollout meets them.
pub const SCENARIOS: [&str; 5] = ["connection", "users", "groups", "paging", "rules"];

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
}

/// What a run found.
#[derive(Debug, Serialize)]
pub struct Report {
    pub profile: &'static str,
    pub target: String,
    pub run_id: String,
    pub started_at: jiff::Timestamp,
    pub duration_ms: f64,
    pub dry_run: bool,
    pub checks: Vec<Check>,
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
    pub checks: Vec<Check>,
    pub users: Vec<Made>,
    pub groups: Vec<Made>,
}

impl Sim {
    /// Starts a check: its requests are the ones sent until `done`.
    pub fn check(
        &mut self,
        id: &'static str,
        title: &'static str,
        reference: &'static str,
        okta: &'static str,
        entra: &'static str,
    ) -> Pending {
        self.wire.step = id.to_owned();
        let in_production = if self.profile.is_okta() { okta } else { entra };
        Pending::new(id, title, reference, in_production, self.wire.mark())
    }

    pub fn done(&mut self, c: Pending) {
        let end = self.wire.mark();
        self.checks.push(c.finish(end));
    }

    pub async fn send(&mut self, method: Method, path: &str, body: Option<&Value>) -> Resp {
        self.wire.send(method, path, body).await
    }

    /// `scimctl-sim-<run>-<what>`: everything the run creates is recognisable.
    pub fn name(&self, what: &str) -> String {
        format!("scimctl-sim-{}-{what}", self.run_id)
    }

    pub fn user_name(&self, what: &str) -> String {
        format!("{}@example.com", self.name(what))
    }

    pub fn dry(&self) -> bool {
        self.opts.dry_run
    }
}

pub fn new_run_id() -> String {
    let mut b = [0u8; 3];
    let _ = getrandom::fill(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Runs the chosen scenarios against `base` with `token`, then cleans up.
pub async fn run(base: &str, token: Secret, opts: Options) -> anyhow::Result<Report> {
    let started_at = jiff::Timestamp::now();
    let t0 = std::time::Instant::now();
    let mut sim = Sim {
        wire: Wire::new(base, token, opts.profile, opts.dry_run)?,
        profile: opts.profile,
        run_id: new_run_id(),
        opts: opts.clone(),
        checks: Vec::new(),
        users: Vec::new(),
        groups: Vec::new(),
    };
    for name in SCENARIOS {
        if !opts.scenarios.is_empty() && !opts.scenarios.iter().any(|s| s == name) {
            continue;
        }
        match name {
            "connection" => scenarios::connection::run(&mut sim).await,
            "users" => scenarios::users::run(&mut sim).await,
            "groups" => scenarios::groups::run(&mut sim).await,
            "paging" => scenarios::paging::run(&mut sim).await,
            "rules" if opts.product_rules => scenarios::rules::run(&mut sim).await,
            _ => {}
        }
    }
    if !opts.keep {
        scenarios::cleanup(&mut sim).await;
    }
    Ok(Report {
        profile: opts.profile.name(),
        target: base.to_owned(),
        run_id: sim.run_id,
        started_at,
        duration_ms: t0.elapsed().as_secs_f64() * 1000.0,
        dry_run: opts.dry_run,
        checks: sim.checks,
        exchanges: sim.wire.exchanges,
    })
}
