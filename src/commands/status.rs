//! `scimctl status`: the profile and where each setting came from, then the
//! service's view: SCIM on/off and IdP, token expiry, SSO, user and group counts.

use clap::Args;
use serde_json::{Value, json};

use crate::context::{Context, Setting};
use crate::error::Exit;
use crate::output::{self, OutputFormat};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Show the profile, its settings and their sources, and SCIM's state on the service
///
/// Examples:
///   scimctl status
///   scimctl --profile sandbox status -o json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct StatusArgs {}

fn setting(s: &Option<Setting<String>>) -> Value {
    match s {
        Some(s) => json!({"value": s.value, "source": s.source.to_string()}),
        None => Value::Null,
    }
}

pub async fn run(ctx: &Context, _args: StatusArgs) -> anyhow::Result<Exit> {
    // Where the local copy of the token is (null: none), or why it can't be read.
    let (token_place, token_error) = match ctx.scim_token().await {
        Ok(found) => (found.map(|(_, place)| place), None),
        Err(e) => (
            None,
            Some(crate::secret::redact(&format!("{e:#}")).into_owned()),
        ),
    };
    let service = match ctx.admin_client().await {
        Ok(client) => client.status().await,
        Err(e) => Err(e),
    };
    let local = json!({
        "profile": {"value": ctx.profile.value, "source": ctx.profile.source.to_string()},
        "config_file": ctx.config.path,
        "admin_url": setting(&ctx.admin_url),
        "scim_url": setting(&ctx.scim_url),
        "idp": setting(&ctx.idp),
        "credential_store": {"value": ctx.store.value.as_str(), "source": ctx.store.source.to_string()},
        "token": token_place,
    });
    if ctx.output == OutputFormat::Json {
        let mut doc = local;
        doc["service"] = match &service {
            Ok(s) => serde_json::to_value(s)?,
            Err(e) => json!({"error": crate::secret::redact(&format!("{e:#}"))}),
        };
        if let Some(e) = &token_error {
            doc["token_error"] = json!(e);
        }
        output::print_json(&doc)?;
    } else {
        let with_source = |s: &Option<Setting<String>>| match s {
            Some(s) => format!("{}  ({})", s.value, s.source),
            None => "-".to_owned(),
        };
        let mut rows = vec![
            (
                "profile".to_owned(),
                format!("{}  ({})", ctx.profile.value, ctx.profile.source),
            ),
            ("config file".into(), ctx.config.path.display().to_string()),
            ("admin API".into(), with_source(&ctx.admin_url)),
            ("SCIM base URL".into(), with_source(&ctx.scim_url)),
            (
                "credential store".into(),
                format!("{}  ({})", ctx.store.value.as_str(), ctx.store.source),
            ),
            (
                "token".into(),
                match (&token_place, &token_error) {
                    (_, Some(e)) => format!("unavailable: {e}"),
                    (Some(place), None) => place.to_string(),
                    (None, None) => "none".into(),
                },
            ),
        ];
        if let Ok(s) = &service {
            rows.push((
                "SCIM".into(),
                if s.enabled {
                    format!("on, for {}", s.idp.as_deref().unwrap_or("?"))
                } else {
                    "off".into()
                },
            ));
            if let Some(t) = &s.token {
                rows.push((
                    "token expires".into(),
                    format!(
                        "{} ({}){}",
                        output::when(t.expires_at),
                        output::relative(t.expires_at),
                        if t.expired { ", EXPIRED" } else { "" }
                    ),
                ));
            }
            rows.push((
                "SAML SSO".into(),
                match (s.sso.saml, s.sso.strict) {
                    (true, true) => "on, strict".into(),
                    (true, false) => "on, not strict (SCIM needs strict)".into(),
                    _ => "off (SCIM needs it on, strict)".into(),
                },
            ));
            rows.push((
                "users".into(),
                format!("{} ({} IdP-managed)", s.users.total, s.users.idp_managed),
            ));
            rows.push((
                "groups".into(),
                format!("{} ({} IdP-synced)", s.groups.total, s.groups.idp_managed),
            ));
        }
        output::print_fields(&rows, ctx.stdout_is_terminal)?;
    }
    service?;
    Ok(Exit::Success)
}
