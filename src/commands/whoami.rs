//! `scimctl whoami`: in one line, which profile and service the next command
//! talks to, whether the admin key is accepted and whose it is, and the
//! token's state.

use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::error::Exit;
use crate::output::{self, OutputFormat};

/// The formats this command prints.
pub const FORMATS: &[OutputFormat] = output::FIELDS;

/// Show, in one line, the profile and service in use, the admin key and whose it is, and the token's state
///
/// Examples:
///   scimctl whoami
///   scimctl --profile acme whoami -o json
#[derive(Debug, Clone, Args)]
#[command(verbatim_doc_comment)]
pub struct WhoamiArgs {}

pub async fn run(ctx: &Context, _args: WhoamiArgs) -> anyhow::Result<Exit> {
    let admin_url = ctx.admin_url.as_ref().map(|s| s.value.clone());
    let (key_source, status, me) = match ctx.admin_key().await {
        Ok((key, source)) => {
            // The key once: a keyring is asked one time, not twice.
            let (status, me) = match ctx.admin_client_with(key) {
                Ok(c) => {
                    // Both at once; whose key it is only when the service can
                    // say (`GET /me`): a service without it leaves it unknown.
                    let (status, me) = tokio::join!(c.status(), c.me());
                    let status = status.map_err(|e| format!("{e:#}"));
                    let me = match (&status, me) {
                        (Ok(_), Ok(me)) => me,
                        (Ok(_), Err(e)) => {
                            tracing::debug!("no key owner: {e:#}");
                            None
                        }
                        (Err(_), _) => None,
                    };
                    (status, me)
                }
                Err(e) => (Err(format!("{e:#}")), None),
            };
            (Some(source), status, me)
        }
        Err(e) => (None, Err(format!("{e:#}")), None),
    };
    let status_text = |e: &String| crate::secret::redact(e).into_owned();
    if ctx.output == OutputFormat::Json {
        let service = match &status {
            Ok(s) => json!({
                "key_accepted": true,
                "key_fingerprint": me.as_ref().map(|m| &m.key.fingerprint),
                "key_created_at": me.as_ref().map(|m| crate::timestamp::rfc3339_ms(m.key.created_at)),
                "key_owner": me.as_ref().and_then(|m| m.owner.as_ref()),
                "scim_enabled": s.enabled,
                "idp": s.idp,
                "token_expires_at": s.token.as_ref().map(|t| crate::timestamp::rfc3339_ms(t.expires_at)),
                "token_expired": s.token.as_ref().map(|t| t.expired),
            }),
            Err(e) => json!({"key_accepted": false, "error": status_text(e)}),
        };
        output::print_json(&json!({
            "profile": {"value": ctx.profile.value, "source": ctx.profile.source.to_string()},
            "admin_url": admin_url,
            "admin_key": key_source,
            "service": service,
        }))?;
        return Ok(Exit::Success);
    }
    let mut parts = vec![
        format!("profile {} ({})", ctx.profile.value, ctx.profile.source),
        admin_url.clone().unwrap_or_else(|| "no admin URL".into()),
    ];
    match (&key_source, &status) {
        (None, _) => parts.push("no admin key".into()),
        (Some(src), Ok(_)) => parts.push(match me.as_ref().and_then(|m| m.owner.as_ref()) {
            Some(o) if o.display_name.is_empty() || o.display_name == o.user_name => {
                format!("admin key of {} from {src} (accepted)", o.user_name)
            }
            Some(o) => format!(
                "admin key of {} <{}> from {src} (accepted)",
                o.display_name, o.user_name
            ),
            None => format!("admin key from {src} (accepted)"),
        }),
        (Some(src), Err(e)) => parts.push(format!(
            "admin key from {src} (not accepted: {})",
            status_text(e)
        )),
    }
    if let Ok(s) = &status {
        parts.push(match (&s.idp, s.enabled) {
            (Some(idp), true) => format!("SCIM on for {idp}"),
            (None, true) => "SCIM on".into(),
            _ => "SCIM off".into(),
        });
        if let Some(t) = &s.token {
            parts.push(if t.expired {
                format!("token expired {}", output::relative(t.expires_at))
            } else {
                format!(
                    "token expires {} ({})",
                    output::when(t.expires_at),
                    output::relative(t.expires_at)
                )
            });
        }
    }
    println!(
        "{}",
        crate::term::escape(&parts.join(" · "), crate::term::Keep::Nothing)
    );
    Ok(Exit::Success)
}
