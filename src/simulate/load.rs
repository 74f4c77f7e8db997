//! Load mode: an initial push as the IdP runs it (look each user up, create the
//! ones not found), N users from C workers, bounded in count and time, with an
//! optional request rate; throttling is honoured (Retry-After) and counted. The
//! first Ctrl-C stops sending and cleans up as the IdP would; a second quits at
//! once, saying how to remove the leftovers (`simulate cleanup --run-id`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::Mutex;

use super::profile::Profile;
use super::transport::Transport;
use super::wire::{AuthForm, wire_headers};
use crate::secret::Secret;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub profile: Profile,
    pub users: usize,
    pub concurrency: usize,
    /// Requests per second, all workers together.
    pub rate: Option<f64>,
    pub duration: Option<Duration>,
    pub keep: bool,
    pub cleanup_delete: bool,
    /// Show a progress line on stderr (a terminal, not --quiet).
    pub progress: bool,
}

#[derive(Debug, Serialize)]
pub struct LoadReport {
    pub profile: &'static str,
    pub target: String,
    pub run_id: String,
    pub users_requested: usize,
    pub users_pushed: usize,
    pub users_created: usize,
    pub requests: usize,
    /// The run's wall time; every duration in scimctl's JSON is `*_ms`.
    pub duration_ms: f64,
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub errors: usize,
    pub throttled: usize,
    pub stopped_by_duration: bool,
    /// Stopped by Ctrl-C (then cleaned up unless --keep).
    pub interrupted: bool,
    pub users_cleaned_up: usize,
    #[serde(skip)]
    pub first_errors: Vec<String>,
}

struct Shared {
    /// Each worker opens its own connection from this (the transport adds no
    /// header of its own, so the profile's are all that is sent).
    url: reqwest::Url,
    base: String,
    /// The path every request's target starts with.
    base_path: String,
    token: Secret,
    profile: Profile,
    next: AtomicUsize,
    latencies: Mutex<Vec<f64>>,
    created: Mutex<Vec<String>>,
    pushed: AtomicUsize,
    errors: AtomicUsize,
    throttled: AtomicUsize,
    first_errors: Mutex<Vec<String>>,
    slot: Mutex<Instant>,
    interval: Option<Duration>,
    deadline: Option<Instant>,
    /// Set by the first Ctrl-C: workers take no new user.
    interrupted: AtomicBool,
    /// Requests sent so far, for the progress line (without taking the latencies' lock).
    sent: AtomicUsize,
}

impl Shared {
    async fn pace(&self) {
        let Some(step) = self.interval else { return };
        let wait = {
            let mut slot = self.slot.lock().await;
            let now = Instant::now();
            let at = (*slot).max(now);
            *slot = at + step;
            at - now
        };
        tokio::time::sleep(wait).await;
    }

    fn transport(&self) -> Option<Transport> {
        Transport::new(&self.url).ok()
    }

    /// One request, retried (at most five times) while the server throttles.
    async fn send(
        &self,
        t: &mut Transport,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Option<(StatusCode, Value)> {
        let body = body.map(|b| bytes::Bytes::from(serde_json::to_vec(b).unwrap_or_default()));
        let headers = wire_headers(
            self.profile,
            t.authority(),
            body.as_ref(),
            Some((&self.token, AuthForm::Bearer)),
        );
        let target = format!("{}{path}", self.base_path);
        for _ in 0..5 {
            self.pace().await;
            let t0 = Instant::now();
            let result = t
                .send(&method, &target, &headers, body.clone().unwrap_or_default())
                .await;
            let ms = t0.elapsed().as_secs_f64() * 1000.0;
            self.latencies.lock().await.push(ms);
            self.sent.fetch_add(1, Ordering::Relaxed);
            match result {
                Ok(r) if r.status == StatusCode::TOO_MANY_REQUESTS.as_u16() => {
                    self.throttled.fetch_add(1, Ordering::Relaxed);
                    let secs = r
                        .headers
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.parse::<u64>().ok())
                        .unwrap_or(1);
                    tokio::time::sleep(Duration::from_secs(secs.min(30))).await;
                }
                Ok(r) => {
                    let status = StatusCode::from_u16(r.status).unwrap_or(StatusCode::BAD_GATEWAY);
                    let v = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
                    if !status.is_success() {
                        self.error(format!("{method} {path}: HTTP {status}")).await;
                    }
                    return Some((status, v));
                }
                Err(e) => {
                    let e = crate::http::no_answer("target", &self.base, &e.no_answer());
                    self.error(format!("{method} {path}: {}", e.message)).await;
                    return None;
                }
            }
        }
        self.error(format!("{method} {path}: still throttled after 5 tries"))
            .await;
        None
    }

    async fn error(&self, e: String) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        let mut first = self.first_errors.lock().await;
        if first.len() < 5 {
            first.push(e);
        }
    }

    fn out_of_time(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

/// The first Ctrl-C stops the push (cleanup follows); a second quits at once and
/// says how to remove what the run created.
fn watch_interrupts(shared: Arc<Shared>, run_id: String) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        shared.interrupted.store(true, Ordering::SeqCst);
        eprintln!(
            "\ninterrupted: no more users are pushed; cleaning up what run {run_id} created (Ctrl-C again quits at once)"
        );
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!(
                "quit: run {run_id} may have left users behind; remove them with:\n  scimctl simulate cleanup --run-id {run_id} --url {} --token-stdin",
                crate::secret::without_userinfo(&shared.base)
            );
            std::process::exit(130);
        }
    })
}

/// A progress line on stderr, redrawn four times a second until aborted.
fn show_progress(shared: Arc<Shared>, users: usize) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let started = Instant::now();
        loop {
            tokio::time::sleep(Duration::from_millis(250)).await;
            let n = shared.sent.load(Ordering::Relaxed);
            eprint!(
                "\r\x1b[2K{} / {users} users, {n} requests ({:.0}/s), {} errors",
                shared.pushed.load(Ordering::Relaxed),
                n as f64 / started.elapsed().as_secs_f64().max(1e-3),
                shared.errors.load(Ordering::Relaxed)
            );
        }
    })
}

pub async fn run(
    base: &str,
    token: Secret,
    run_id: &str,
    opts: LoadOptions,
) -> anyhow::Result<LoadReport> {
    let base = base.trim_end_matches('/');
    let url = reqwest::Url::parse(base)?;
    // Fails here, once, for a URL no worker could reach.
    Transport::new(&url)?;
    let started = Instant::now();
    let shared = Arc::new(Shared {
        base_path: url.path().trim_end_matches('/').to_owned(),
        url,
        base: base.to_owned(),
        token,
        profile: opts.profile,
        next: AtomicUsize::new(0),
        latencies: Mutex::new(Vec::with_capacity(opts.users * 2)),
        created: Mutex::new(Vec::new()),
        pushed: AtomicUsize::new(0),
        errors: AtomicUsize::new(0),
        throttled: AtomicUsize::new(0),
        first_errors: Mutex::new(Vec::new()),
        slot: Mutex::new(Instant::now()),
        interval: opts
            .rate
            .filter(|r| *r > 0.0)
            .map(|r| Duration::from_secs_f64(1.0 / r)),
        deadline: opts.duration.map(|d| started + d),
        interrupted: AtomicBool::new(false),
        sent: AtomicUsize::new(0),
    });
    let watcher = watch_interrupts(shared.clone(), run_id.to_owned());
    let progress = opts
        .progress
        .then(|| show_progress(shared.clone(), opts.users));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..opts.concurrency.max(1) {
        let s = shared.clone();
        let run_id = run_id.to_owned();
        let n = opts.users;
        workers.spawn(async move {
            let Some(mut t) = s.transport() else { return };
            loop {
                let i = s.next.fetch_add(1, Ordering::Relaxed);
                if i >= n || s.out_of_time() || s.interrupted.load(Ordering::SeqCst) {
                    break;
                }
                // §1.3 / §2.3: match first, create only what is not found.
                let user_name = format!("scimctl-sim-{run_id}-load{i:06}@example.com");
                let Some((st, found)) = s
                    .send(
                        &mut t,
                        Method::GET,
                        &s.profile.user_lookup(&user_name),
                        None,
                    )
                    .await
                else {
                    continue;
                };
                if st.is_success() && found.get("totalResults").and_then(Value::as_u64) == Some(0) {
                    let body = s.profile.create_user_body(
                        &user_name,
                        "Load",
                        &format!("{i}"),
                        &format!("ext-load-{run_id}-{i}"),
                    );
                    if let Some((st, v)) = s.send(&mut t, Method::POST, "/Users", Some(&body)).await
                        && st == StatusCode::CREATED
                        && let Some(id) = v.get("id").and_then(Value::as_str)
                    {
                        s.created.lock().await.push(id.to_owned());
                    }
                }
                s.pushed.fetch_add(1, Ordering::Relaxed);
            }
        });
    }
    while workers.join_next().await.is_some() {}
    if let Some(p) = progress {
        p.abort();
        eprintln!();
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut lat = std::mem::take(&mut *shared.latencies.lock().await);
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        if lat.is_empty() {
            0.0
        } else {
            lat[((lat.len() as f64 - 1.0) * p).round() as usize]
        }
    };
    let created = std::mem::take(&mut *shared.created.lock().await);
    let mut report = LoadReport {
        profile: opts.profile.name(),
        target: base.to_owned(),
        run_id: run_id.to_owned(),
        users_requested: opts.users,
        users_pushed: shared.pushed.load(Ordering::Relaxed),
        users_created: created.len(),
        requests: lat.len(),
        duration_ms: seconds * 1000.0,
        requests_per_second: lat.len() as f64 / seconds.max(1e-9),
        p50_ms: pct(0.50),
        p95_ms: pct(0.95),
        p99_ms: pct(0.99),
        errors: shared.errors.load(Ordering::Relaxed),
        throttled: shared.throttled.load(Ordering::Relaxed),
        stopped_by_duration: shared.out_of_time(),
        interrupted: shared.interrupted.load(Ordering::SeqCst),
        users_cleaned_up: 0,
        first_errors: shared.first_errors.lock().await.clone(),
    };
    if !opts.keep {
        report.users_cleaned_up = cleanup(
            &shared,
            created,
            opts.profile.is_okta() && !opts.cleanup_delete,
            opts.concurrency,
        )
        .await;
    }
    watcher.abort();
    Ok(report)
}

/// Okta deactivates what it pushed (§1.6); Entra, or `--cleanup delete`, deletes.
/// Returns how many were cleaned up (answered 2xx).
async fn cleanup(
    shared: &Arc<Shared>,
    ids: Vec<String>,
    deactivate: bool,
    concurrency: usize,
) -> usize {
    let queue = Arc::new(Mutex::new(ids));
    let done = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (s, q, d) = (shared.clone(), queue.clone(), done.clone());
        workers.spawn(async move {
            let Some(mut t) = s.transport() else { return };
            while let Some(id) = q.lock().await.pop() {
                let path = format!("/Users/{id}");
                let answer = if deactivate {
                    let body = super::profile::patch(vec![
                        serde_json::json!({"op": "replace", "value": {"active": false}}),
                    ]);
                    s.send(&mut t, Method::PATCH, &path, Some(&body)).await
                } else {
                    s.send(&mut t, Method::DELETE, &path, None).await
                };
                if answer.is_some_and(|(st, _)| st.is_success()) {
                    d.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
    }
    while workers.join_next().await.is_some() {}
    done.load(Ordering::Relaxed)
}
