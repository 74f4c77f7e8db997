//! The sandbox: an embedded local service that behaves like ours in production. It
//! serves our admin API at `/api/v1` and SCIM 2.0 at `/scim/v2`, on SQLite. New
//! users try scimctl against it, `simulate` targets it by default, and every
//! integration test talks to it over real HTTP.

mod admin_api;
mod api_error;
mod app;
mod auth;
pub mod db;
mod discovery;
mod http;
pub mod org;
pub mod rules;
mod scim_api;
mod secrets;
mod seed;
pub mod serve;
pub mod store;
mod token;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use org::SsoMode;

use api_error::ApiError;
use auth::Auth;
use db::Db;
use store::Renderer;

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8787";
pub const DEFAULT_MAX_PAGE_SIZE: usize = 1000;
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// How to run a sandbox.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: SocketAddr,
    /// A file path, or `:memory:`.
    pub db: String,
    pub sso: SsoMode,
    pub max_page_size: usize,
    pub max_body_bytes: usize,
    pub rules: rules::Rules,
    /// Synthetic users to make sure exist at start (see `seed::seed_users`).
    pub seed_users: usize,
    /// Connection deadlines and limits.
    pub limits: serve::Limits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            listen: DEFAULT_LISTEN.parse().expect("valid default"),
            db: ":memory:".into(),
            sso: SsoMode::Strict,
            max_page_size: DEFAULT_MAX_PAGE_SIZE,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            rules: rules::Rules::default(),
            seed_users: 0,
            limits: serve::Limits::default(),
        }
    }
}

/// What the handlers share.
pub struct AppState {
    db: Arc<Db>,
    auth: Auth,
    renderer: Renderer,
    max_page_size: usize,
    max_body_bytes: usize,
    body_timeout: std::time::Duration,
    rules: rules::Rules,
}

impl AppState {
    /// Re-reads the live token after it changed.
    pub(super) async fn reload_token(&self) -> Result<(), ApiError> {
        self.reload_tokens(true).await
    }

    /// Re-reads the tokens; `new_tokens` when they were replaced (so the next
    /// use of each is recorded).
    pub(super) async fn reload_tokens(&self, new_tokens: bool) -> Result<(), ApiError> {
        let tokens = self.db.read(token::live_tokens).await?;
        self.auth.set_scim(tokens);
        if new_tokens {
            self.auth.reset_touch();
        }
        Ok(())
    }
}

/// Where a running sandbox can be reached, and with what key. This is also the
/// content of the ready file.
#[derive(Debug, Clone, Serialize)]
pub struct Endpoints {
    pub admin_url: String,
    pub scim_url: String,
    pub admin_key: String,
    pub db: String,
    pub pid: u32,
}

/// A sandbox serving in the background of this process.
pub struct Running {
    pub endpoints: Endpoints,
    pub local_addr: SocketAddr,
    pub first_start: bool,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops accepting connections, lets requests in flight finish, and waits.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.task
            .await
            .context("the sandbox's server task failed")?
            .context("the sandbox's server failed")
    }
}

/// Opens the database, creates the organization on first start, mints a fresh
/// admin key, binds and starts serving.
pub async fn start(opts: Options) -> anyhow::Result<Running> {
    let listener = TcpListener::bind(opts.listen)
        .await
        .with_context(|| format!("cannot listen on {}", opts.listen))?;
    let local_addr = listener.local_addr()?;
    let host = match local_addr {
        SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
        SocketAddr::V4(a) => a.to_string(),
    };
    let origin = format!("http://{host}");
    let db_path = opts.db.clone();
    let sso = opts.sso;
    let rules = opts.rules;
    let seed_users = opts.seed_users;
    let (db, first_start, admin_key, admin_hash, token) =
        tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
            let db = Db::open(&db_path)?;
            let (first, (key, hash)) = db
                .write_now(|tx| -> Result<_, ApiError> {
                    let first = org::seed_if_new(tx, sso)?;
                    seed::seed_users(tx, &rules, seed_users)?;
                    Ok((first, org::mint_admin_key(tx)?))
                })
                .map_err(|e| {
                    anyhow::anyhow!("cannot initialize the sandbox's database: {}", e.message)
                })?;
            db.write_now(|tx| store::refresh_statistics(tx))
                .context("cannot gather the database's statistics")?;
            let token = db.read_now(token::live_tokens).map_err(|e| {
                anyhow::anyhow!("cannot read the sandbox's database: {}", e.message)
            })?;
            Ok((db, first, key, hash, token))
        })
        .await??;
    let auth = Auth::default();
    auth.set_admin(admin_hash);
    auth.set_scim(token);
    let state = Arc::new(AppState {
        db: Arc::new(db),
        auth,
        renderer: Renderer {
            base_url: format!("{origin}/scim/v2"),
        },
        max_page_size: opts.max_page_size.max(1),
        max_body_bytes: opts.max_body_bytes,
        body_timeout: opts.limits.body_timeout,
        rules: opts.rules,
    });
    let app = router(state.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let limits = opts.limits;
    let task = tokio::spawn(serve::serve(listener, app, limits, rx));
    Ok(Running {
        endpoints: Endpoints {
            admin_url: format!("{origin}/api/v1"),
            scim_url: format!("{origin}/scim/v2"),
            admin_key,
            db: opts.db,
            pid: std::process::id(),
        },
        local_addr,
        first_start,
        shutdown: Some(tx),
        task,
    })
}

fn router(state: Arc<AppState>) -> Router {
    let scim = discovery::router()
        .merge(scim_api::router(state.clone()))
        .fallback(scim_api::not_found);
    let admin = admin_api::router(state.clone()).fallback(admin_api::not_found);
    Router::new()
        .nest("/scim/v2", scim)
        .nest("/api/v1", admin)
        .fallback(scim_api::not_found)
        .layer(DefaultBodyLimit::max(state.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            state.body_timeout,
            serve::body_deadline,
        ))
        .layer(axum::middleware::from_fn(http::reject_ambiguous))
        .layer(axum::middleware::from_fn(http::log_requests))
        .with_state(state)
}

/// Writes the ready file atomically with mode 0600: it holds the admin key.
pub fn write_ready_file(path: &Path, endpoints: &Endpoints) -> anyhow::Result<()> {
    let body = serde_json::to_vec_pretty(endpoints)?;
    crate::config::write_atomically(path, &body, 0o600)
        .with_context(|| format!("cannot write {}", path.display()))
}
