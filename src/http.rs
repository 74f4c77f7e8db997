//! The one HTTP client every command uses: identifies itself, times out, verifies
//! TLS, and marks credentials as sensitive so they stay out of any debug output.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderValue};

use crate::error::UserError;
use crate::secret::Secret;

pub const USER_AGENT: &str = concat!("scimctl/", env!("CARGO_PKG_VERSION"));

/// What every request obeys, set once from the resolved flags (`--timeout`,
/// `--ca-cert`, `--allow-insecure`) before any command runs.
#[derive(Debug, Clone)]
pub struct Policy {
    pub timeout: Duration,
    pub ca_cert: Option<PathBuf>,
    pub allow_insecure: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            timeout: DEFAULT_TIMEOUT,
            ca_cert: None,
            allow_insecure: false,
        }
    }
}

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest response scimctl reads; a bigger one is refused, not buffered.
pub const MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

static POLICY: OnceLock<Policy> = OnceLock::new();

pub fn set_policy(p: Policy) {
    let _ = POLICY.set(p);
}

pub fn policy() -> Policy {
    POLICY.get().cloned().unwrap_or_default()
}

pub fn client() -> anyhow::Result<reqwest::Client> {
    builder()?
        .user_agent(USER_AGENT)
        .build()
        .map_err(|e| UserError::failure(format!("cannot set up HTTP: {e}")).into())
}

/// The policy's timeouts and trusted CAs, without a User-Agent (simulate sets
/// the IdP's own, or none).
pub fn builder() -> anyhow::Result<reqwest::ClientBuilder> {
    let p = policy();
    let mut b = reqwest::Client::builder()
        .connect_timeout(p.timeout.min(Duration::from_secs(10)))
        .timeout(p.timeout);
    for der in extra_roots()? {
        let cert = reqwest::Certificate::from_der(&der)
            .map_err(|e| UserError::failure(format!("cannot use --ca-cert: {e}")))?;
        b = b.add_root_certificate(cert);
    }
    Ok(b)
}

/// The certificates of `--ca-cert` (DER), trusted besides the platform's roots.
pub fn extra_roots() -> anyhow::Result<Vec<rustls::pki_types::CertificateDer<'static>>> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let Some(path) = policy().ca_cert else {
        return Ok(Vec::new());
    };
    let not_pem = |detail: String| {
        UserError::usage(format!("--ca-cert {} {detail}", path.display()))
            .hint("give the private CA's certificate in PEM form (-----BEGIN CERTIFICATE-----)")
    };
    let pem = std::fs::read(&path)
        .map_err(|e| UserError::usage(format!("cannot read --ca-cert {}: {e}", path.display())))?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| not_pem(format!("is not a PEM certificate: {e}")))?;
    if certs.is_empty() {
        return Err(not_pem("holds no PEM certificate".into()).into());
    }
    Ok(certs)
}

/// The first characters of a body, printable and with secrets masked (before it
/// is cut, so that no part of a secret survives), for error messages.
pub fn head(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    crate::secret::redact(&text)
        .chars()
        .take(80)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A failure worth one more try of an idempotent request: a timeout, or a
/// connection reset or closed mid-request. Refused connections, DNS and TLS
/// failures do not change with a retry.
pub fn is_transient(e: &reqwest::Error) -> bool {
    if e.is_timeout() {
        return true;
    }
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = src {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::UnexpectedEof
            );
        }
        if s.to_string()
            .contains("connection closed before message completed")
        {
            return true;
        }
        src = s.source();
    }
    false
}

/// Reads a body, refusing one over [`MAX_RESPONSE_BYTES`] instead of buffering it.
pub async fn read_limited(resp: reqwest::Response, what: &str) -> Result<bytes::Bytes, UserError> {
    if resp
        .content_length()
        .is_some_and(|n| n as usize > MAX_RESPONSE_BYTES)
    {
        return Err(too_big(what));
    }
    let mut resp = resp;
    let mut buf = bytes::BytesMut::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                if buf.len() + chunk.len() > MAX_RESPONSE_BYTES {
                    return Err(too_big(what));
                }
                buf.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(buf.freeze()),
            Err(e) => {
                return Err(UserError::failure(format!(
                    "the answer from the {what} broke off after {} bytes: {}",
                    buf.len(),
                    root_cause(&e)
                ))
                .hint("the connection was reset or timed out mid-answer; retrying may help (--timeout gives slow servers longer)"));
            }
        }
    }
}

fn too_big(what: &str) -> UserError {
    UserError::failure(format!(
        "the answer from the {what} is larger than {} MiB; scimctl refuses to read it",
        MAX_RESPONSE_BYTES / (1024 * 1024)
    ))
    .hint("for lists, a smaller --page-size keeps each answer small")
}

fn root_cause(e: &dyn std::error::Error) -> String {
    deepest_source(e).unwrap_or_else(|| e.to_string())
}

/// The innermost cause under `e`, if it has one.
fn deepest_source(e: &dyn std::error::Error) -> Option<String> {
    let mut last = None;
    let mut src = e.source();
    while let Some(s) = src {
        last = Some(s.to_string());
        src = s.source();
    }
    last
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
            if loopback || policy().allow_insecure {
                Ok(parsed)
            } else {
                Err(UserError::usage(format!(
                    "the {what} {url} uses plain http:// to another host, which would send credentials unencrypted"
                ))
                .hint("use https://, or pass --allow-insecure on a lab network you trust"))
            }
        }
        other => Err(UserError::usage(format!(
            "the {what} '{url}' has scheme '{other}'; scimctl speaks https:// (and http:// to loopback)"
        ))),
    }
}

/// Why a request got no answer, whichever client sent it.
#[derive(Debug, Clone)]
pub enum NoAnswer {
    Timeout,
    Connect(String),
    Other(String),
}

impl NoAnswer {
    pub fn of(e: &reqwest::Error) -> NoAnswer {
        let detail = deepest_source(e).unwrap_or_default();
        if e.is_timeout() {
            NoAnswer::Timeout
        } else if e.is_connect() {
            NoAnswer::Connect(detail)
        } else {
            NoAnswer::Other(detail)
        }
    }
}

/// A request that got no answer: what to check.
pub fn unreachable(what: &str, url: &str, e: &reqwest::Error) -> UserError {
    no_answer(what, url, &NoAnswer::of(e))
}

/// A request that got no answer (`why`): what to check.
pub fn no_answer(what: &str, url: &str, why: &NoAnswer) -> UserError {
    let (summary, detail) = match why {
        NoAnswer::Timeout => (
            format!(
                "it did not answer within {} s",
                policy().timeout.as_secs_f64()
            ),
            "",
        ),
        NoAnswer::Connect(d) => ("the connection failed".to_owned(), d.as_str()),
        NoAnswer::Other(d) => ("the request failed".to_owned(), d.as_str()),
    };
    let mut u = UserError::failure(format!(
        "cannot reach the {what} at {url}: {summary}{}",
        if detail.is_empty() {
            String::new()
        } else {
            format!(" ({detail})")
        }
    ));
    let lower = detail.to_lowercase();
    if lower.contains("certificate") || lower.contains("unknownissuer") || lower.contains("tls") {
        u = u.hint("the server's TLS certificate was not trusted: for a private CA pass --ca-cert FILE (PEM); TLS is never turned off");
    }
    if lower.contains("corrupt message")
        || lower.contains("invalidcontenttype")
        || lower.contains("wrong version number")
    {
        u = u.hint("the server does not speak TLS on that port: check the scheme and port (plain http:// is accepted for loopback only)");
    }
    if matches!(why, NoAnswer::Timeout) {
        u = u.hint("a slow server may need a longer --timeout (e.g. --timeout 2m)");
    }
    if url.contains("127.0.0.1") || url.contains("localhost") {
        u = u.hint("is the server running? (for the sandbox: `scimctl sandbox`)");
    }
    u.hint("check the URL (`scimctl status` shows where it came from) and your network")
}
