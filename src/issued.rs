//! What happens to a token the service has just issued: it is stored, and the
//! profile learns the SCIM URL. If storing fails, the token is printed once with a
//! loud warning and the command fails: a token the service issued is never lost —
//! not when its answer is malformed, and not when two scimctl processes issue at
//! once (issuing and keeping happen under one lock, so the token stored last is
//! the one issued last).

use serde::Serialize;

use crate::admin::{AdminClient, IssuedToken, UnreadableIssue};
use crate::config::{self, Config, Guarded};
use crate::context::Context;
use crate::credentials::SecretName;
use crate::error::UserError;
use crate::output;
use crate::secret::Secret;

/// What the service is asked for.
#[derive(Debug, Clone, Copy)]
pub enum Ask<'a> {
    /// Turn SCIM on for this IdP (the answer holds the first token).
    Enable(&'a str),
    /// Replace the token (with an overlap, if the request asks for one).
    Regenerate(&'a crate::admin::model::RegenerateRequest),
}

/// Asks the service for a token and keeps it, holding the issuing lock from the
/// request until the token is stored. Returns the token and where it was kept.
pub async fn issue(
    ctx: &Context,
    client: &AdminClient,
    ask: Ask<'_>,
) -> anyhow::Result<(IssuedToken, Kept)> {
    check_store(ctx).await?;
    let _lock = config::lock(&ctx.config_dir, Guarded::Issuing).map_err(|e| {
        UserError::failure(format!(
            "cannot take the issuing lock in {}: {e}; nothing was changed on the service",
            ctx.config_dir.display()
        ))
    })?;
    let answer = match ask {
        Ask::Enable(idp) => client.enable(idp).await,
        Ask::Regenerate(req) => client.regenerate(req).await,
    };
    let issued = match answer {
        Ok(issued) => issued,
        Err(e) => match e.downcast::<UnreadableIssue>() {
            Ok(unreadable) => return Err(keep_unreadable(ctx, unreadable).await),
            Err(e) => return Err(e),
        },
    };
    let idp = match ask {
        Ask::Enable(idp) => Some(idp),
        Ask::Regenerate(_) => None,
    };
    let kept = keep(ctx, &issued, idp).await?;
    Ok((issued, kept))
}

/// The service issued a token in an answer scimctl could not read whole: the
/// token found in it is stored (or printed), and the command still fails.
async fn keep_unreadable(ctx: &Context, u: UnreadableIssue) -> anyhow::Error {
    let where_ = match store_or_print(ctx, &u.token).await {
        Ok(stored_in) => format!("the token found in it was stored in the {stored_in}"),
        Err(e) => return e,
    };
    UserError::failure(format!("{}; {where_}", u.problem))
        .hint("`scimctl token status` shows whether the service counts it as the current token; `scimctl token show` prints it")
        .into()
}

/// Where an issued token ended up.
#[derive(Debug, Clone, Serialize)]
pub struct Kept {
    pub stored_in: crate::credentials::Place,
}

/// Stores the token and records the SCIM URL (and IdP) in the profile.
async fn keep(ctx: &Context, issued: &IssuedToken, idp: Option<&str>) -> anyhow::Result<Kept> {
    let stored_in = store_or_print(ctx, &issued.token).await?;
    let kind = ctx.store.value;
    let saved = Config::update_profile(&ctx.config_dir, &ctx.profile.value, |p, _| {
        p.scim_url = Some(issued.scim_base_url.clone());
        if let Some(idp) = idp {
            p.idp = Some(idp.to_owned());
        }
        p.credential_store = Some(kind);
        if p.admin_url.is_none() {
            p.admin_url = ctx.admin_url.as_ref().map(|s| s.value.clone());
        }
    });
    if let Err(e) = saved {
        ctx.warn(format!(
            "the token is stored, but the profile could not be updated: {}",
            e.message
        ));
    }
    Ok(Kept { stored_in })
}

/// Stores the token; if that fails, prints it once with a loud warning and
/// returns the store's error. Returns where it was stored.
async fn store_or_print(
    ctx: &Context,
    token: &Secret,
) -> anyhow::Result<crate::credentials::Place> {
    let store = ctx.credential_store();
    let saved = if injected_store_failure() {
        Err(crate::credentials::StoreError {
            action: "save",
            secret: SecretName::ScimToken.label(),
            store: store.describe(),
            detail: "injected failure (SCIMCTL_TEST_FAIL_STORE)".into(),
            cause_hint: None,
        })
    } else {
        store
            .set(&ctx.profile.value, SecretName::ScimToken, token)
            .await
    };
    if let Err(e) = saved {
        eprintln!(
            "\nwarning: ==================================================================\n\
             warning: the service issued a new SCIM token, but scimctl could not store it.\n\
             warning: It is printed below, once, on stdout. Copy it into your IdP and a\n\
             warning: password manager NOW: it cannot be shown again (only regenerated).\n\
             warning: =================================================================="
        );
        output::print_secret(token)?;
        let mut u = e.into_user_error(ctx.store.value);
        u.message = format!("{}; the token was printed above instead", u.message);
        return Err(u.into());
    }
    // The profile exists wherever one of its secrets does, so that a later
    // `--profile NAME` finds it (best effort: the token is already safe).
    let kind = ctx.store.value;
    let _ = Config::update_profile(&ctx.config_dir, &ctx.profile.value, |p, _| {
        p.credential_store = Some(kind);
        if p.admin_url.is_none() {
            p.admin_url = ctx.admin_url.as_ref().map(|s| s.value.clone());
        }
    });
    Ok(store.place())
}

/// Before asking the service for a token, makes sure it can be kept: a store that
/// cannot hold one is found out while nothing has changed yet.
async fn check_store(ctx: &Context) -> anyhow::Result<()> {
    let store = ctx.credential_store();
    store
        .check_writable(&ctx.profile.value)
        .await
        .map_err(|e| {
            let mut u = e.into_user_error(ctx.store.value);
            u.message = format!("{}; nothing was changed on the service", u.message);
            u
        })?;
    Ok(())
}

/// Whether the token may be shown: on a terminal, or when asked for.
pub fn may_show_token(ctx: &Context, print_token: bool) -> bool {
    print_token || ctx.stdout_is_terminal
}

pub fn env_token_warning(ctx: &Context) {
    if ctx.env_token.is_some() {
        ctx.warn(
            "SCIMCTL_TOKEN is set and wins over the stored token: unset it to use the new one",
        );
    }
}

/// Debug builds only: makes storing an issued token fail after the store passed
/// its check, so that tests can prove the token is still never lost.
fn injected_store_failure() -> bool {
    cfg!(debug_assertions) && std::env::var_os("SCIMCTL_TEST_FAIL_STORE").is_some()
}
