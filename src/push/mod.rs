//! Putting a newly issued SCIM token into the IdP (`token rotate|regenerate
//! --push entra|okta`): Microsoft Graph for Entra (`entra`), Okta's
//! provisioning-connection API where it exists (`okta`). Every call is recorded
//! as a step, so a failure says how far the push got; the caller keeps the
//! previous token valid (an overlap) until the IdP is seen using the new one.

pub mod entra;
pub mod okta;

use reqwest::Method;
use serde::Serialize;
use serde_json::Value;

use crate::context::Context;
use crate::error::UserError;
use crate::http;
use crate::secret::Secret;

/// Where a new token can be pushed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PushTarget {
    /// The Entra enterprise app's provisioning job, through Microsoft Graph
    Entra,
    /// The Okta app's provisioning connection (pushed only where Okta has an
    /// API for it; otherwise the exact paste step is printed)
    Okta,
}

impl PushTarget {
    pub fn name(self) -> &'static str {
        match self {
            PushTarget::Entra => "entra",
            PushTarget::Okta => "okta",
        }
    }
}

/// How a push ended when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PushResult {
    /// The IdP holds the new token.
    Pushed,
    /// The IdP has no API for it: a person must paste the token (`paste` says where).
    Manual,
}

/// One call of a push, for the report (never with a secret in it).
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub step: &'static str,
    /// `METHOD URL`, without query secrets (there are none) and without userinfo.
    pub request: String,
    pub status: Option<u16>,
    pub ok: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PushReport {
    pub idp: PushTarget,
    /// `None` while the push is unfinished (it failed).
    pub result: Option<PushResult>,
    pub steps: Vec<Step>,
    /// Where a person must paste the token, when there is no API.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paste: Option<String>,
    /// What the push did beyond saving the token (e.g. lifting a quarantine).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A push that stopped: the report of the steps done, and why.
#[derive(Debug)]
pub struct PushFailure {
    pub report: PushReport,
    pub error: UserError,
}

/// Pushes `token` (for the SCIM base URL `scim_url`) into the IdP.
pub async fn push(
    ctx: &Context,
    target: PushTarget,
    token: &Secret,
    scim_url: &str,
) -> Result<PushReport, PushFailure> {
    let mut calls = Calls::new(target);
    let outcome = match target {
        PushTarget::Entra => entra::push(ctx, &mut calls, token, scim_url).await,
        PushTarget::Okta => okta::push(ctx, &mut calls, token).await,
    };
    match outcome {
        Ok(()) => Ok(calls.report),
        Err(error) => Err(PushFailure {
            report: calls.report,
            error,
        }),
    }
}

/// The profile's stored settings (empty for a profile the config lacks).
pub(crate) fn stored_profile(ctx: &Context) -> crate::config::Profile {
    ctx.config
        .file
        .profiles
        .get(&ctx.profile.value)
        .cloned()
        .unwrap_or_default()
}

/// A setting for a push: the environment first, then the profile's table.
pub(crate) fn setting(env: &str, profile: Option<&String>) -> Option<String> {
    std::env::var(env)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| profile.cloned())
}

/// The settings a push lacks, as one usage error (checked before anything is
/// issued). `needs` pairs "is it missing" with its variable's name.
pub(crate) fn lacking(push: &str, needs: &[(bool, &str)], hint: String) -> UserError {
    let missing: Vec<&str> = needs
        .iter()
        .filter_map(|(gone, name)| gone.then_some(*name))
        .collect();
    UserError::usage(format!(
        "--push {push} needs {} (nothing was changed on the service)",
        missing.join(", ")
    ))
    .hint(hint)
}

/// A secret for a push: the environment, else the profile's credential store.
pub(crate) async fn secret(
    ctx: &Context,
    env: &str,
    name: crate::credentials::SecretName,
) -> Result<Option<Secret>, UserError> {
    if let Some(v) = std::env::var(env).ok().filter(|v| !v.trim().is_empty()) {
        return Ok(Some(Secret::new(v.trim())));
    }
    ctx.credential_store()
        .get(&ctx.profile.value, name)
        .await
        .map_err(|e| e.into_user_error(ctx.store.value))
}

/// The answer to one call.
pub(crate) struct Answer {
    pub status: u16,
    pub body: Value,
}

/// The calls of one push, recorded as they are made.
pub(crate) struct Calls {
    client: Option<reqwest::Client>,
    pub report: PushReport,
}

impl Calls {
    fn new(idp: PushTarget) -> Calls {
        Calls {
            client: None,
            report: PushReport {
                idp,
                result: None,
                steps: Vec::new(),
                paste: None,
                notes: Vec::new(),
            },
        }
    }

    /// Sends one request (`auth` is the whole Authorization value) and reads
    /// its answer, bounded; a body that is not JSON reads as `null`.
    pub async fn send(
        &mut self,
        step: &'static str,
        method: Method,
        url: &str,
        auth: Option<&Secret>,
        body: Body<'_>,
    ) -> Result<Answer, UserError> {
        let parsed = http::check_url(step, url)?;
        if self.client.is_none() {
            self.client = Some(http::client().map_err(|e| UserError::failure(e.to_string()))?);
        }
        let client = self.client.as_ref().expect("set above");
        let mut req = client
            .request(method.clone(), parsed)
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(a) = auth {
            let mut v = reqwest::header::HeaderValue::from_str(a.expose()).map_err(|_| {
                UserError::usage(format!(
                    "the credential for {step} holds characters a header can't carry"
                ))
            })?;
            v.set_sensitive(true);
            req = req.header(reqwest::header::AUTHORIZATION, v);
        }
        req = match body {
            Body::None => req,
            Body::Json(v) => req.json(v),
            Body::Form(pairs) => {
                let encoded: String = url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(pairs.iter())
                    .finish();
                req.header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(encoded)
            }
        };
        let shown = format!("{method} {}", crate::secret::without_userinfo(url));
        let resp = match req.send().await {
            Ok(r) => r,
            Err(e) => {
                self.report.steps.push(Step {
                    step,
                    request: shown,
                    status: None,
                    ok: false,
                });
                return Err(http::unreachable(step, url, &e));
            }
        };
        let status = resp.status().as_u16();
        let bytes = http::read_limited(resp, step).await?;
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        self.report.steps.push(Step {
            step,
            request: shown,
            status: Some(status),
            ok: (200..300).contains(&status),
        });
        Ok(Answer { status, body })
    }
}

pub(crate) enum Body<'a> {
    None,
    Json(&'a Value),
    Form(&'a [(&'a str, &'a str)]),
}

/// A string from an answer, made safe to show: control characters escaped,
/// length bounded.
pub(crate) fn shown(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let s: String = s.chars().take(300).collect();
    crate::term::for_stderr(&s)
}
