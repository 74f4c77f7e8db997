//! `--push okta`: Okta's provisioning-connection API,
//! `/api/v1/apps/{appId}/connections/default` (okta-management-openapi-spec,
//! tag ApplicationConnections; ../shared/reference/field-2026.md §1a). It takes a
//! token only for a few apps (Org2Org, Zscaler 2.0); for a generic SCIM app it
//! answers 200 with `authScheme`/`status` `UNKNOWN` and changes nothing. So the
//! connection is read first, the token is pushed only where its `authScheme` is
//! `TOKEN`, and otherwise the exact paste step is the result (`Manual`).

use reqwest::Method;
use serde_json::json;

use super::{Body, Calls, PushResult, setting, shown};
use crate::context::Context;
use crate::credentials::SecretName;
use crate::error::{Exit, UserError};
use crate::secret::Secret;

pub const ENV_ORG_URL: &str = "SCIMCTL_OKTA_ORG_URL";
pub const ENV_APP_ID: &str = "SCIMCTL_OKTA_APP_ID";
/// An SSWS API token (Security → API → Tokens), with read access to the app.
pub const ENV_API_TOKEN: &str = "SCIMCTL_OKTA_API_TOKEN";

struct Settings {
    org_url: String,
    app_id: String,
    api_token: Secret,
}

async fn settings(ctx: &Context) -> Result<Settings, UserError> {
    let profile = super::stored_profile(ctx).okta.unwrap_or_default();
    let org_url = setting(ENV_ORG_URL, profile.org_url.as_ref());
    let app_id = setting(ENV_APP_ID, profile.app_id.as_ref());
    let api_token = super::secret(ctx, ENV_API_TOKEN, SecretName::OktaApiToken).await?;
    let hint = format!(
        "set them in the environment (the API token only there or in the credential store: `scimctl push-login okta`); the org URL and app id can also go in [profiles.{}.okta] of config.toml",
        ctx.profile.value
    );
    let needs = [
        (org_url.is_none(), ENV_ORG_URL),
        (app_id.is_none(), ENV_APP_ID),
        (api_token.is_none(), ENV_API_TOKEN),
    ];
    let (Some(org_url), Some(app_id), Some(api_token)) = (org_url, app_id, api_token) else {
        return Err(super::lacking("okta", &needs, hint));
    };
    crate::http::check_url(ENV_ORG_URL, &org_url)?;
    Ok(Settings {
        org_url,
        app_id,
        api_token,
    })
}

/// Checks every setting before anything is issued.
pub async fn check_settings(ctx: &Context) -> Result<(), UserError> {
    settings(ctx).await.map(drop)
}

/// Where a person pastes the token in the Okta Admin Console.
pub fn paste_step(app_id: &str) -> String {
    format!(
        "In the Okta Admin Console: Applications → Applications → the app (id {}) → Provisioning → Integration → Edit. Put the new token into API Token (with HTTP Header authentication, into Authorization, as Okta's form asks), then Test API Credentials and Save.",
        shown(&json!(app_id))
    )
}

pub(crate) async fn push(
    ctx: &Context,
    calls: &mut Calls,
    token: &Secret,
) -> Result<(), UserError> {
    let s = settings(ctx).await?;
    let auth = Secret::new(format!("SSWS {}", s.api_token.expose()));
    let url = format!(
        "{}/api/v1/apps/{}/connections/default",
        s.org_url.trim_end_matches('/'),
        url::form_urlencoded::byte_serialize(s.app_id.as_bytes()).collect::<String>()
    );
    let a = calls
        .send(
            "reading the app's provisioning connection",
            Method::GET,
            &url,
            Some(&auth),
            Body::None,
        )
        .await?;
    let okta_error = || {
        format!(
            "HTTP {} {}: {}",
            a.status,
            shown(&a.body["errorCode"]),
            shown(&a.body["errorSummary"])
        )
    };
    match a.status {
        200 => {}
        401 | 403 => {
            return Err(UserError::new(Exit::Auth, format!("Okta refused to read the app's provisioning connection: {}", okta_error()))
                .hint("the API token must belong to an admin who may read the app (scope okta.apps.read for an OAuth service app)"));
        }
        404 => {
            return Err(UserError::failure(format!("Okta has no app {}: {}", shown(&json!(s.app_id)), okta_error()))
                .hint(format!("{ENV_APP_ID} is the id in the app's Admin Console URL (…/admin/app/…/instance/<id>/)")));
        }
        _ => {
            return Err(UserError::failure(format!(
                "Okta answered {}",
                okta_error()
            )));
        }
    }
    if a.body["authScheme"].as_str() != Some("TOKEN") {
        // Okta's spec: UNKNOWN means "Provisioning isn't supported by the app,
        // or the authentication method is unknown"; a generic SCIM app is so.
        calls.report.result = Some(PushResult::Manual);
        calls.report.notes.push(format!(
            "Okta has no API to set this app's SCIM token (its provisioning connection reads authScheme {}, status {})",
            shown(&a.body["authScheme"]),
            shown(&a.body["status"])
        ));
        calls.report.paste = Some(paste_step(&s.app_id));
        return Ok(());
    }
    let body = json!({"profile": {"authScheme": "TOKEN", "token": token.expose()}});
    let a = calls
        .send(
            "updating the app's provisioning connection",
            Method::POST,
            &format!("{url}?activate=TRUE"),
            Some(&auth),
            Body::Json(&body),
        )
        .await?;
    if a.status != 200 {
        return Err(UserError::failure(format!(
            "Okta refused the new token: HTTP {} {}: {}",
            a.status,
            shown(&a.body["errorCode"]),
            shown(&a.body["errorSummary"])
        ))
        .hint(
            "the app keeps the previous token, which stays valid; updating needs okta.apps.manage",
        ));
    }
    calls.report.result = Some(PushResult::Pushed);
    Ok(())
}
