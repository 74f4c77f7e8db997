//! What `token rotate` and `token regenerate` share after the service issued a
//! token: the overlap they ask for, the push into the IdP (`--push`), and the
//! wait until the IdP is seen using the new token (`--wait-for-use`). No path
//! here revokes the previous token: it ends by the service's switch rule, by its
//! overlap running out, or by `token revoke-previous`.

use std::time::Duration;

use clap::Args;
use serde::Serialize;

use crate::admin::AdminClient;
use crate::admin::model::{DEFAULT_SETTLE_SECONDS, MAX_OVERLAP_SECONDS, RegenerateRequest};
use crate::context::Context;
use crate::error::{Exit, UserError};
use crate::push::{self, PushReport, PushResult, PushTarget};
use crate::secret::Secret;
use crate::token_state::{self, Switch};
use crate::units::{parse_window, show_window};

/// The overlap a push gets when none is asked for: a day, so that a push that
/// fails at night still leaves the morning to fix it.
const PUSH_OVERLAP: Duration = Duration::from_secs(86_400);

#[derive(Debug, Clone, Args)]
pub struct HandoverArgs {
    /// Keep the current token valid this long beside the new one (at most 7d)
    ///
    /// Without it the current token stops working at once; with --push the
    /// overlap is 1d unless given.
    /// Example: scimctl token rotate --overlap 2d
    #[arg(long, value_name = "DURATION", value_parser = parse_window)]
    pub overlap: Option<Duration>,
    /// With an overlap: how long the IdP must use the new token, and not the old
    /// one, before the service revokes the old one for it (default 15m)
    ///
    /// Longer than a validation call or Test Connection takes: one use of the
    /// new token proves nothing.
    /// Example: scimctl token rotate --overlap 1d --settle 30m
    #[arg(long, value_name = "DURATION", value_parser = parse_window)]
    pub settle: Option<Duration>,
    /// Put the new token into the IdP: entra (Microsoft Graph) or okta (where
    /// Okta has an API for the app; otherwise the paste step is printed, exit 9)
    ///
    /// Settings come from SCIMCTL_ENTRA_* / SCIMCTL_OKTA_* (`scimctl help
    /// environment`) or the profile (`scimctl help push-login`).
    /// Example: scimctl token rotate --push entra --wait-for-use 2h
    #[arg(long, value_name = "IDP")]
    pub push: Option<PushTarget>,
    /// Wait until the IdP is seen using the new token, at most this long (exit
    /// 10 if it wasn't; the previous token stays valid until its overlap ends)
    ///
    /// With an overlap this means the service saw the IdP switch (see --settle).
    /// Example: scimctl token rotate --overlap 1d --wait-for-use 1h
    #[arg(long, value_name = "DURATION", value_parser = parse_window)]
    pub wait_for_use: Option<Duration>,
    /// How often --wait-for-use asks the service (default: a twentieth of the
    /// wait, between 100ms and 15s)
    #[arg(long, value_name = "DURATION", value_parser = parse_window, hide = true)]
    pub poll_every: Option<Duration>,
}

impl HandoverArgs {
    /// The service request these flags make; refuses what the service would.
    pub fn request(&self) -> Result<RegenerateRequest, UserError> {
        let overlap = self
            .overlap
            .or(self.push.map(|_| PUSH_OVERLAP))
            .unwrap_or_default();
        if overlap.as_secs() > MAX_OVERLAP_SECONDS {
            return Err(UserError::usage(format!(
                "--overlap {} is longer than the 7d the service grants",
                show_window(overlap)
            )));
        }
        if overlap.is_zero() {
            if self.settle.is_some() {
                return Err(
                    UserError::usage("--settle needs an overlap").hint("add --overlap DURATION")
                );
            }
            return Ok(RegenerateRequest::default());
        }
        if overlap.as_secs() == 0 {
            return Err(UserError::usage("--overlap must be at least 1s"));
        }
        let settle = self
            .settle
            .map(|s| s.as_secs())
            .unwrap_or(DEFAULT_SETTLE_SECONDS.min(overlap.as_secs()));
        if settle == 0 || settle > overlap.as_secs() {
            return Err(UserError::usage(format!(
                "--settle must be at least 1s and at most the overlap ({})",
                show_window(overlap)
            )));
        }
        Ok(RegenerateRequest {
            overlap_seconds: overlap.as_secs(),
            settle_seconds: self.settle.map(|_| settle),
        })
    }

    /// Checks what a push needs before anything is issued.
    pub async fn preflight(&self, ctx: &Context) -> Result<(), UserError> {
        match self.push {
            Some(PushTarget::Entra) => push::entra::check_settings(ctx).await,
            Some(PushTarget::Okta) => push::okta::check_settings(ctx).await,
            None => Ok(()),
        }
    }

    pub fn asks_anything(&self) -> bool {
        self.push.is_some() || self.wait_for_use.is_some()
    }
}

/// How `--wait-for-use` ended.
#[derive(Debug, Clone, Serialize)]
pub struct Waited {
    pub used: bool,
    pub waited_ms: u64,
    pub switch: Switch,
}

/// What the handover did, for the report.
#[derive(Debug, Default, Serialize)]
pub struct Handover {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub push: Option<PushReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait: Option<Waited>,
    #[serde(skip)]
    pub failure: Option<UserError>,
}

impl Handover {
    /// The exit code the handover asks for (success when it asked nothing).
    pub fn exit(&self) -> Exit {
        if let Some(e) = &self.failure {
            return e.exit;
        }
        let manual = self
            .push
            .as_ref()
            .is_some_and(|p| p.result == Some(PushResult::Manual));
        match &self.wait {
            // The paste step is what is still missing.
            Some(w) if !w.used && manual => Exit::PushManual,
            Some(w) if !w.used => Exit::NotUsedYet,
            Some(_) => Exit::Success,
            None if manual => Exit::PushManual,
            None => Exit::Success,
        }
    }
}

/// Pushes the new token and waits, as asked. Never fails outright: a failure
/// is kept in the result, so the caller reports what happened first.
pub async fn hand_over(
    ctx: &Context,
    client: &AdminClient,
    args: &HandoverArgs,
    token: &Secret,
    scim_url: &str,
) -> Handover {
    let mut done = Handover::default();
    if let Some(target) = args.push {
        ctx.status(format!("Pushing the new token into {}…", target.name()));
        match push::push(ctx, target, token, scim_url).await {
            Ok(report) => done.push = Some(report),
            Err(f) => {
                done.push = Some(f.report);
                done.failure = Some(f.error.hint(
                    "the previous token stays valid until its overlap ends (`scimctl token status`); fix the cause and run the same command again: it pushes the stored new token without issuing another",
                ));
                return done;
            }
        }
        if let Some(paste) = done.push.as_ref().and_then(|p| p.paste.clone()) {
            ctx.warn("Okta has no API to set this app's token: paste it by hand");
            ctx.status(paste);
            ctx.status("`scimctl token show` prints the token; the previous one stays valid until the overlap ends.");
        }
    }
    if let Some(limit) = args.wait_for_use {
        let every = args.poll_every.unwrap_or_else(|| {
            (limit / 20).clamp(Duration::from_millis(100), Duration::from_secs(15))
        });
        match wait(ctx, client, limit, every).await {
            Ok(w) => done.wait = Some(w),
            Err(e) => done.failure = Some(e),
        }
    }
    done
}

/// Polls the service's status until the IdP uses the new token, or `limit` passes.
async fn wait(
    ctx: &Context,
    client: &AdminClient,
    limit: Duration,
    every: Duration,
) -> Result<Waited, UserError> {
    let started = std::time::Instant::now();
    let every = every.max(Duration::from_millis(50));
    ctx.status(format!(
        "Waiting up to {} for the IdP to use the new token…",
        show_window(limit)
    ));
    let mut last_said = String::new();
    loop {
        let status = client
            .status()
            .await
            .map_err(|e| UserError::failure(format!("while waiting for the IdP: {e}")))?;
        let switch = token_state::switch(&status);
        let said = switch.describe();
        if said != last_said {
            ctx.status(format!("  {said}"));
            last_said = said;
        }
        let waited_ms = started.elapsed().as_millis() as u64;
        if switch.idp_uses_new_token() {
            return Ok(Waited {
                used: true,
                waited_ms,
                switch,
            });
        }
        if started.elapsed() + every > limit {
            return Ok(Waited {
                used: false,
                waited_ms,
                switch,
            });
        }
        tokio::time::sleep(every).await;
    }
}

/// The status line for a handover, on stderr.
pub fn say(ctx: &Context, done: &Handover) {
    if let Some(p) = &done.push
        && p.result == Some(PushResult::Pushed)
    {
        ctx.status(format!("Pushed: {} holds the new token.", p.idp.name()));
        for n in &p.notes {
            ctx.status(format!("  {n}"));
        }
    }
    if let Some(w) = &done.wait {
        if w.used {
            ctx.status(format!("Confirmed: {}.", w.switch.describe()));
        } else {
            ctx.warn(format!(
                "the IdP was not seen using the new token within the wait: {}",
                w.switch.describe()
            ));
        }
    }
}
