//! What happens to a token the service has just issued: it is stored, and the
//! profile learns the SCIM URL. If storing fails, the token is printed once with a
//! loud warning and the command fails: a token the service issued is never lost.

use serde::Serialize;

use crate::admin::IssuedToken;
use crate::config::Config;
use crate::context::Context;
use crate::credentials::SecretName;
use crate::output;

/// Where an issued token ended up.
#[derive(Debug, Clone, Serialize)]
pub struct Kept {
    pub stored_in: String,
}

/// Stores the token and records the SCIM URL (and IdP) in the profile.
pub async fn keep(ctx: &Context, issued: &IssuedToken, idp: Option<&str>) -> anyhow::Result<Kept> {
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
            .set(&ctx.profile.value, SecretName::ScimToken, &issued.token)
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
        output::print_secret(&issued.token)?;
        let mut u = e.into_user_error(ctx.store.value);
        u.message = format!("{}; the token was printed above instead", u.message);
        return Err(u.into());
    }
    let stored_in = store.describe();
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

/// Before asking the service for a token, makes sure it can be kept: a store that
/// cannot hold one is found out while nothing has changed yet.
pub async fn check_store(ctx: &Context) -> anyhow::Result<()> {
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
