//! The simulator's HTTP/1.1 transport: it sends exactly the request line, headers
//! and body it is given — no default `Accept`, `User-Agent`, `Accept-Encoding`
//! or `Host` of its own, as reqwest would add — so that what a profile says an
//! IdP sends is what goes on the wire. One kept-alive connection per target,
//! over TCP or TLS (the platform's roots plus `--ca-cert`), with the policy's
//! timeouts and the bounded read every answer gets.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use reqwest::header::HeaderMap;
use reqwest::{Method, Url};
use rustls::pki_types::ServerName;

use crate::http::{MAX_RESPONSE_BYTES, NoAnswer, policy};

/// An answer, read whole (within [`MAX_RESPONSE_BYTES`]).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// Why a request got no whole answer.
#[derive(Debug)]
pub enum Failure {
    /// No answer (or no whole answer) within the policy's timeout.
    Timeout,
    /// The connection (TCP or TLS) could not be opened.
    Connect(String),
    /// The connection broke while the request or the answer was under way.
    Broken(String),
    /// The answer was larger than [`MAX_RESPONSE_BYTES`].
    TooBig,
}

impl Failure {
    pub fn no_answer(&self) -> NoAnswer {
        match self {
            Failure::Timeout => NoAnswer::Timeout,
            Failure::Connect(d) => NoAnswer::Connect(d.clone()),
            Failure::Broken(d) => NoAnswer::Other(d.clone()),
            Failure::TooBig => NoAnswer::Other(format!(
                "the answer is larger than {} MiB; scimctl refuses to read it",
                MAX_RESPONSE_BYTES / (1024 * 1024)
            )),
        }
    }
}

pub struct Transport {
    host: url::Host<String>,
    port: u16,
    /// `host[:port]`, the port only when it is not the scheme's default.
    authority: String,
    tls: Option<(Arc<rustls::ClientConfig>, ServerName<'static>)>,
    conn: Option<SendRequest<Full<Bytes>>>,
    timeout: Duration,
    connect_timeout: Duration,
}

impl Transport {
    /// A transport to the origin of `base` (http or https).
    pub fn new(base: &Url) -> anyhow::Result<Transport> {
        let host = base
            .host()
            .ok_or_else(|| anyhow::anyhow!("the URL {base} names no host"))?
            .to_owned();
        let port = base
            .port_or_known_default()
            .ok_or_else(|| anyhow::anyhow!("the URL {base} has no port"))?;
        let mut authority = base.host_str().unwrap_or_default().to_owned();
        if let Some(p) = base.port() {
            authority.push_str(&format!(":{p}"));
        }
        let tls = if base.scheme() == "https" {
            let name = match &host {
                url::Host::Domain(d) => ServerName::try_from(d.clone())?,
                url::Host::Ipv4(ip) => ServerName::IpAddress((*ip).into()),
                url::Host::Ipv6(ip) => ServerName::IpAddress((*ip).into()),
            };
            Some((tls_config()?, name))
        } else {
            None
        };
        let p = policy();
        Ok(Transport {
            host,
            port,
            authority,
            tls,
            conn: None,
            timeout: p.timeout,
            connect_timeout: p.timeout.min(Duration::from_secs(10)),
        })
    }

    /// The `Host` header a request to this target carries (RFC 9112 §3.2).
    pub fn authority(&self) -> &str {
        &self.authority
    }

    /// Sends `method target` (origin-form: path and query) with exactly
    /// `headers` and `body`, and reads the whole answer.
    pub async fn send(
        &mut self,
        method: &Method,
        target: &str,
        headers: &HeaderMap,
        body: Bytes,
    ) -> Result<Answer, Failure> {
        let timeout = self.timeout;
        match tokio::time::timeout(timeout, self.exchange(method, target, headers, body)).await {
            Ok(Ok(a)) => Ok(a),
            Ok(Err(e)) => {
                self.conn = None;
                Err(e)
            }
            Err(_) => {
                // A half-read answer leaves the connection unusable.
                self.conn = None;
                Err(Failure::Timeout)
            }
        }
    }

    async fn exchange(
        &mut self,
        method: &Method,
        target: &str,
        headers: &HeaderMap,
        body: Bytes,
    ) -> Result<Answer, Failure> {
        let mut req = hyper::Request::builder()
            .method(method.clone())
            .uri(target)
            .body(Full::new(body))
            .map_err(|e| Failure::Broken(format!("the request could not be built: {e}")))?;
        *req.headers_mut() = headers.clone();
        let sender = self.connection().await?;
        let resp = sender
            .send_request(req)
            .await
            .map_err(|e| Failure::Broken(cause(&e)))?;
        let status = resp.status().as_u16();
        let (parts, body) = resp.into_parts();
        if parts
            .headers
            .get(reqwest::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok())
            .is_some_and(|n| n > MAX_RESPONSE_BYTES)
        {
            return Err(Failure::TooBig);
        }
        let body = Limited::new(body, MAX_RESPONSE_BYTES)
            .collect()
            .await
            .map_err(|e| {
                if e.is::<http_body_util::LengthLimitError>() {
                    Failure::TooBig
                } else {
                    Failure::Broken(format!("the answer broke off: {e}"))
                }
            })?
            .to_bytes();
        Ok(Answer {
            status,
            headers: parts.headers,
            body,
        })
    }

    /// The kept-alive connection, or a new one when there is none or the
    /// server closed it.
    async fn connection(&mut self) -> Result<&mut SendRequest<Full<Bytes>>, Failure> {
        if let Some(c) = &mut self.conn
            && c.ready().await.is_err()
        {
            self.conn = None;
        }
        if self.conn.is_none() {
            let c = tokio::time::timeout(self.connect_timeout, self.connect())
                .await
                .map_err(|_| Failure::Timeout)??;
            self.conn = Some(c);
        }
        Ok(self.conn.as_mut().expect("connected above"))
    }

    async fn connect(&self) -> Result<SendRequest<Full<Bytes>>, Failure> {
        let tcp = match &self.host {
            url::Host::Domain(d) => tokio::net::TcpStream::connect((d.as_str(), self.port)).await,
            url::Host::Ipv4(ip) => tokio::net::TcpStream::connect((*ip, self.port)).await,
            url::Host::Ipv6(ip) => tokio::net::TcpStream::connect((*ip, self.port)).await,
        }
        .map_err(|e| Failure::Connect(e.to_string()))?;
        let _ = tcp.set_nodelay(true);
        match &self.tls {
            None => handshake(tcp).await,
            Some((config, name)) => {
                let tls = tokio_rustls::TlsConnector::from(config.clone())
                    .connect(name.clone(), tcp)
                    .await
                    .map_err(|e| Failure::Connect(format!("TLS: {e}")))?;
                handshake(tls).await
            }
        }
    }
}

async fn handshake<S>(io: S) -> Result<SendRequest<Full<Bytes>>, Failure>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io))
        .await
        .map_err(|e| Failure::Connect(cause(&e)))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

/// The platform's trusted roots plus `--ca-cert`, HTTP/1.1 by ALPN.
fn tls_config() -> anyhow::Result<Arc<rustls::ClientConfig>> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new_with_extra_roots(
        crate::http::extra_roots()?,
        provider.clone(),
    )?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// The innermost cause of a hyper error, which names what went wrong.
fn cause(e: &hyper::Error) -> String {
    let mut last = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        last = s.to_string();
        src = s.source();
    }
    last
}
