//! `--push entra`: the new token into the Entra enterprise app's provisioning
//! job, through Microsoft Graph v1.0, in the documented order
//! (../shared/reference/field-2026.md §1b):
//!
//! 0. a Graph token by client credentials (Microsoft identity platform,
//!    "OAuth 2.0 client credentials flow": `POST {authority}/{tenant}/oauth2/v2.0/token`);
//! 1. the job: `GET /servicePrincipals/{id}/synchronization/jobs` (synchronization-synchronizationjob-list);
//! 2. `POST …/jobs/{jobId}/validateCredentials` with `useSavedCredentials: false`,
//!    `BaseAddress` and `SecretToken` → 204 (synchronization-synchronizationjob-validatecredentials);
//! 3. the existing secrets, `GET …/synchronization/secrets`, merged: the secrets
//!    PUT has no PATCH, and a PUT without the other keys wipes the customer's
//!    settings (notification e-mail, delete threshold; field-2026.md §1b step 3);
//! 4. `PUT /servicePrincipals/{id}/synchronization/secrets` `{"value": [...]}` → 204
//!    (synchronization-serviceprincipal-put-synchronization);
//! 5. a quarantined job is restarted with `resetScope: QuarantineState`
//!    (synchronization-synchronizationjob-restart, synchronizationjobrestartcriteria).
//!
//! Permission: `Application.ReadWrite.OwnedBy` (the app must own the enterprise
//! app) or `Synchronization.ReadWrite.All`. Provision-on-demand for a canary user
//! is not done: it needs a user object id and a rule id per tenant.

use reqwest::Method;
use serde_json::{Value, json};

use super::{Answer, Body, Calls, PushResult, setting, shown};
use crate::context::Context;
use crate::credentials::SecretName;
use crate::error::{Exit, UserError};
use crate::secret::Secret;

pub const ENV_TENANT_ID: &str = "SCIMCTL_ENTRA_TENANT_ID";
pub const ENV_CLIENT_ID: &str = "SCIMCTL_ENTRA_CLIENT_ID";
pub const ENV_CLIENT_SECRET: &str = "SCIMCTL_ENTRA_CLIENT_SECRET";
pub const ENV_SERVICE_PRINCIPAL_ID: &str = "SCIMCTL_ENTRA_SERVICE_PRINCIPAL_ID";
pub const ENV_JOB_ID: &str = "SCIMCTL_ENTRA_JOB_ID";
/// For tests and national clouds: loopback or https only.
pub const ENV_AUTHORITY_URL: &str = "SCIMCTL_ENTRA_AUTHORITY_URL";
pub const ENV_GRAPH_URL: &str = "SCIMCTL_GRAPH_URL";

const AUTHORITY: &str = "https://login.microsoftonline.com";
const GRAPH: &str = "https://graph.microsoft.com";
const PERMISSION_HINT: &str = "the app registration needs the Graph application permission Application.ReadWrite.OwnedBy (and to be an owner of the enterprise app) or Synchronization.ReadWrite.All, with admin consent";

struct Settings {
    tenant_id: String,
    client_id: String,
    client_secret: Secret,
    service_principal_id: String,
    job_id: Option<String>,
    authority: String,
    graph: String,
}

async fn settings(ctx: &Context) -> Result<Settings, UserError> {
    let profile = super::stored_profile(ctx).entra.unwrap_or_default();
    let tenant_id = setting(ENV_TENANT_ID, profile.tenant_id.as_ref());
    let client_id = setting(ENV_CLIENT_ID, profile.client_id.as_ref());
    let service_principal_id = setting(
        ENV_SERVICE_PRINCIPAL_ID,
        profile.service_principal_id.as_ref(),
    );
    let client_secret =
        super::secret(ctx, ENV_CLIENT_SECRET, SecretName::EntraClientSecret).await?;
    let hint = format!(
        "set them in the environment (the client secret only there or in the credential store: `scimctl push-login entra`); the ids can also go in [profiles.{}.entra] of config.toml",
        ctx.profile.value
    );
    let needs = [
        (tenant_id.is_none(), ENV_TENANT_ID),
        (client_id.is_none(), ENV_CLIENT_ID),
        (client_secret.is_none(), ENV_CLIENT_SECRET),
        (service_principal_id.is_none(), ENV_SERVICE_PRINCIPAL_ID),
    ];
    let (Some(tenant_id), Some(client_id), Some(client_secret), Some(service_principal_id)) =
        (tenant_id, client_id, client_secret, service_principal_id)
    else {
        return Err(super::lacking("entra", &needs, hint));
    };
    Ok(Settings {
        tenant_id,
        client_id,
        client_secret,
        service_principal_id,
        job_id: setting(ENV_JOB_ID, profile.job_id.as_ref()),
        authority: setting(ENV_AUTHORITY_URL, None).unwrap_or_else(|| AUTHORITY.into()),
        graph: setting(ENV_GRAPH_URL, None).unwrap_or_else(|| GRAPH.into()),
    })
}

/// Checks every setting before anything is issued, so a rotation never starts
/// that can't be pushed.
pub async fn check_settings(ctx: &Context) -> Result<(), UserError> {
    settings(ctx).await.map(drop)
}

/// Graph's error text: `error.code` and `error.message` (Graph's error format).
fn graph_error(a: &Answer) -> String {
    let e = &a.body["error"];
    match (e["code"].as_str(), e["message"].as_str()) {
        (Some(code), Some(msg)) => format!(
            "HTTP {} {}: {}",
            a.status,
            shown(&json!(code)),
            shown(&json!(msg))
        ),
        _ => format!("HTTP {}", a.status),
    }
}

fn refused(step: &str, a: &Answer, what_next: &str) -> UserError {
    let mut e = UserError::failure(format!("Graph refused {step}: {}", graph_error(a)));
    if a.status == 401 || a.status == 403 {
        e = UserError::new(
            Exit::Auth,
            format!("Graph refused {step}: {}", graph_error(a)),
        )
        .hint(PERMISSION_HINT);
    }
    e.hint(what_next)
}

pub(crate) async fn push(
    ctx: &Context,
    calls: &mut Calls,
    token: &Secret,
    scim_url: &str,
) -> Result<(), UserError> {
    let s = settings(ctx).await?;
    let graph = format!("{}/v1.0", s.graph.trim_end_matches('/'));
    let sp = format!(
        "{graph}/servicePrincipals/{}",
        urlencoding(&s.service_principal_id)
    );

    // 0. A Graph token, by client credentials.
    let token_url = format!(
        "{}/{}/oauth2/v2.0/token",
        s.authority.trim_end_matches('/'),
        urlencoding(&s.tenant_id)
    );
    let form = [
        ("client_id", s.client_id.as_str()),
        ("scope", "https://graph.microsoft.com/.default"),
        ("client_secret", s.client_secret.expose()),
        ("grant_type", "client_credentials"),
    ];
    let a = calls
        .send(
            "the Graph sign-in",
            Method::POST,
            &token_url,
            None,
            Body::Form(&form),
        )
        .await?;
    let access = match (a.status, a.body["access_token"].as_str()) {
        (200, Some(t)) => Secret::new(format!("Bearer {t}")),
        _ => {
            let why = match a.body["error_description"].as_str() {
                Some(d) => shown(&json!(d.lines().next().unwrap_or(d))),
                None => format!("HTTP {}", a.status),
            };
            return Err(UserError::new(
                Exit::Auth,
                format!("the Entra sign-in (client credentials) failed: {why}"),
            )
            .hint(format!("check {ENV_TENANT_ID}, {ENV_CLIENT_ID} and the client secret (an expired client secret reads AADSTS7000222)")));
        }
    };

    // 1. The provisioning job.
    let a = calls
        .send(
            "listing the provisioning jobs",
            Method::GET,
            &format!("{sp}/synchronization/jobs"),
            Some(&access),
            Body::None,
        )
        .await?;
    if a.status == 404 {
        return Err(UserError::failure(format!(
            "Graph has no service principal {}: {}",
            shown(&json!(s.service_principal_id)),
            graph_error(&a)
        ))
        .hint(format!("{ENV_SERVICE_PRINCIPAL_ID} is the enterprise app's Object ID (Enterprise applications → the app → Overview), not the app registration's")));
    }
    if a.status != 200 {
        return Err(refused(
            "listing the provisioning jobs",
            &a,
            "nothing was pushed",
        ));
    }
    let jobs = a.body["value"].as_array().cloned().unwrap_or_default();
    let job = pick_job(&jobs, s.job_id.as_deref())?;
    let job_id = job["id"].as_str().unwrap_or_default().to_owned();
    let job_url = format!("{sp}/synchronization/jobs/{}", urlencoding(&job_id));

    // 2. Entra tries the new token against our SCIM URL.
    let credentials = json!({
        "useSavedCredentials": false,
        "credentials": [
            {"key": "BaseAddress", "value": scim_url},
            {"key": "SecretToken", "value": token.expose()},
        ]
    });
    let a = calls
        .send(
            "validateCredentials",
            Method::POST,
            &format!("{job_url}/validateCredentials"),
            Some(&access),
            Body::Json(&credentials),
        )
        .await?;
    if a.status != 204 && a.status != 200 {
        return Err(refused(
            "the new token (validateCredentials)",
            &a,
            "Entra could not use the new token against the SCIM URL; the job still has the previous token, which stays valid",
        ));
    }

    // 3. The job's saved secrets, so that the PUT keeps every other key.
    let a = calls
        .send(
            "reading the saved secrets",
            Method::GET,
            &format!("{sp}/synchronization/secrets"),
            Some(&access),
            Body::None,
        )
        .await?;
    let Some(existing) = a.body["value"].as_array().filter(|_| a.status == 200) else {
        return Err(refused(
            "reading the saved secrets",
            &a,
            "scimctl does not PUT the secrets without them: a PUT replaces them all and would wipe the job's other settings",
        ));
    };
    let merged = merge_secrets(existing, scim_url, token);

    // 4. Save.
    let a = calls
        .send(
            "saving the secrets",
            Method::PUT,
            &format!("{sp}/synchronization/secrets"),
            Some(&access),
            Body::Json(&json!({"value": merged})),
        )
        .await?;
    if a.status != 204 && a.status != 200 {
        return Err(refused(
            "saving the secrets",
            &a,
            "the job may still hold the previous token, which stays valid",
        ));
    }

    // 5. A job quarantined by the old token's failures is released.
    if job["status"]["code"].as_str() == Some("Quarantine") {
        let criteria = json!({"criteria": {"resetScope": "QuarantineState"}});
        let a = calls
            .send(
                "restarting the quarantined job",
                Method::POST,
                &format!("{job_url}/restart"),
                Some(&access),
                Body::Json(&criteria),
            )
            .await?;
        if a.status != 204 && a.status != 200 {
            return Err(refused(
                "restarting the quarantined job",
                &a,
                "the new token is saved; restart provisioning in the portal (Provisioning → Restart provisioning)",
            ));
        }
        let reason = shown(&job["status"]["quarantine"]["reason"]);
        calls.report.notes.push(format!(
            "the job was in quarantine ({}); it was restarted with resetScope QuarantineState",
            if reason.is_empty() {
                "no reason given".into()
            } else {
                reason
            }
        ));
    }
    calls.report.result = Some(PushResult::Pushed);
    Ok(())
}

/// The job to push to: the one named, else the only one.
fn pick_job<'j>(jobs: &'j [Value], wanted: Option<&str>) -> Result<&'j Value, UserError> {
    let ids: Vec<String> = jobs.iter().map(|j| shown(&j["id"])).collect();
    if let Some(w) = wanted {
        return jobs
            .iter()
            .find(|j| j["id"].as_str() == Some(w))
            .ok_or_else(|| {
                UserError::failure(format!(
                    "the enterprise app has no provisioning job '{}' (it has: {})",
                    shown(&json!(w)),
                    if ids.is_empty() {
                        "none".into()
                    } else {
                        ids.join(", ")
                    }
                ))
            });
    }
    match jobs {
        [one] => Ok(one),
        [] => Err(UserError::failure(
            "the enterprise app has no provisioning job: provisioning was never set up for it",
        )
        .hint(
            "set provisioning up once in the portal (Provisioning → Get started, mode Automatic)",
        )),
        _ => Err(UserError::usage(format!(
            "the enterprise app has {} provisioning jobs ({}); scimctl does not guess",
            jobs.len(),
            ids.join(", ")
        ))
        .hint(format!(
            "name one with {ENV_JOB_ID} or [profiles.NAME.entra] job_id"
        ))),
    }
}

/// The saved secrets with `BaseAddress` and `SecretToken` set, every other key
/// kept as it was, in its place.
fn merge_secrets(existing: &[Value], scim_url: &str, token: &Secret) -> Vec<Value> {
    let mut merged: Vec<Value> = Vec::with_capacity(existing.len() + 2);
    let (mut base_set, mut token_set) = (false, false);
    for pair in existing {
        match pair["key"].as_str() {
            Some("BaseAddress") => {
                merged.push(json!({"key": "BaseAddress", "value": scim_url}));
                base_set = true;
            }
            Some("SecretToken") => {
                merged.push(json!({"key": "SecretToken", "value": token.expose()}));
                token_set = true;
            }
            _ => merged.push(pair.clone()),
        }
    }
    if !base_set {
        merged.push(json!({"key": "BaseAddress", "value": scim_url}));
    }
    if !token_set {
        merged.push(json!({"key": "SecretToken", "value": token.expose()}));
    }
    merged
}

/// A path segment, percent-encoded (ids come from settings, never unescaped into a path).
fn urlencoding(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_merge_keeps_every_other_key_in_place() {
        let token = Secret::new("scimtok_new_for_merge_test");
        let existing = vec![
            json!({"key": "BaseAddress", "value": "https://old"}),
            json!({"key": "SyncNotificationSettings", "value": "{\"Enabled\":true}"}),
            json!({"key": "SecretToken", "value": "old"}),
            json!({"key": "SyncAll", "value": "false"}),
        ];
        let merged = merge_secrets(&existing, "https://new/scim/v2", &token);
        let keys: Vec<&str> = merged.iter().map(|p| p["key"].as_str().unwrap()).collect();
        assert_eq!(
            keys,
            [
                "BaseAddress",
                "SyncNotificationSettings",
                "SecretToken",
                "SyncAll"
            ]
        );
        assert_eq!(merged[0]["value"], "https://new/scim/v2");
        assert_eq!(merged[1]["value"], "{\"Enabled\":true}");
        assert_eq!(merged[2]["value"], token.expose());
        let fresh = merge_secrets(&[], "https://new", &token);
        assert_eq!(fresh.len(), 2);
    }
}
