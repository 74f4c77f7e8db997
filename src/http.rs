//! The one HTTP client every command uses: identifies itself, times out, verifies
//! TLS, and marks credentials as sensitive so they stay out of any debug output.

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderValue};

use crate::error::UserError;
use crate::secret::Secret;

pub const USER_AGENT: &str = concat!("scimctl/", env!("CARGO_PKG_VERSION"));

pub fn client() -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| UserError::failure(format!("cannot set up HTTP: {e}")).into())
}

/// `Authorization: Bearer …`, flagged sensitive.
pub fn bearer(secret: &Secret) -> HeaderValue {
    let mut v = HeaderValue::from_str(&format!("Bearer {}", secret.expose()))
        .unwrap_or_else(|_| HeaderValue::from_static("Bearer invalid"));
    v.set_sensitive(true);
    v
}

pub fn with_bearer(req: reqwest::RequestBuilder, secret: &Secret) -> reqwest::RequestBuilder {
    req.header(AUTHORIZATION, bearer(secret))
}

/// Refuses plain `http://` to anything but loopback: a token sent that way can be
/// read on the network.
pub fn check_url(what: &str, url: &str) -> Result<reqwest::Url, UserError> {
    let parsed = reqwest::Url::parse(url).map_err(|e| {
        UserError::usage(format!("the {what} '{url}' is not a URL: {e}"))
            .hint("give a full URL, e.g. https://app.example.com/api/v1")
    })?;
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" => {
            let loopback = match parsed.host() {
                Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            if loopback {
                Ok(parsed)
            } else {
                Err(UserError::usage(format!(
                    "the {what} {url} uses plain http:// to another host, which would send credentials unencrypted"
                ))
                .hint("use https://"))
            }
        }
        other => Err(UserError::usage(format!(
            "the {what} '{url}' has scheme '{other}'; scimctl speaks https:// (and http:// to loopback)"
        ))),
    }
}

/// A request that got no answer: what to check.
pub fn unreachable(what: &str, url: &str, e: &reqwest::Error) -> UserError {
    let why = if e.is_timeout() {
        "it did not answer in time".to_owned()
    } else if e.is_connect() {
        "the connection failed".to_owned()
    } else {
        "the request failed".to_owned()
    };
    let mut detail = String::new();
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = src {
        detail = s.to_string();
        src = s.source();
    }
    let mut u = UserError::failure(format!(
        "cannot reach the {what} at {url}: {why}{}",
        if detail.is_empty() {
            String::new()
        } else {
            format!(" ({detail})")
        }
    ));
    if url.contains("127.0.0.1") || url.contains("localhost") {
        u = u.hint("is the sandbox running? start it with `scimctl sandbox`");
    }
    u.hint("check the URL (`scimctl status` shows where it came from) and your network")
}
