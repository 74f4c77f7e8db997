//! What every integration test needs: the real `scimctl` binary serving a sandbox on
//! a random loopback port with a temporary SQLite file, and a small HTTP client.

#![allow(dead_code)]

pub mod fake_scim;
pub mod hostile;
pub mod idp_standins;
pub mod jsonschema;
pub mod mutant;
pub mod openapi;
pub mod pty;
pub mod suite_mutant;
pub mod tap;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, RequestBuilder, Response};
use serde_json::{Value, json};

pub const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
pub const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

pub fn scimctl() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("scimctl"));
    for var in [
        "SCIMCTL_SANDBOX_DB",
        "SCIMCTL_SANDBOX_LISTEN",
        "SCIMCTL_TOKEN",
        "SCIMCTL_ADMIN_KEY",
        "SCIMCTL_PROFILE",
        "SCIMCTL_URL",
        "SCIMCTL_ADMIN_URL",
        "SCIMCTL_CREDENTIAL_STORE",
        "SCIMCTL_NO_INPUT",
        "SCIMCTL_CONFIG_DIR",
    ] {
        c.env_remove(var);
    }
    c.env("RUST_BACKTRACE", "0").env("NO_COLOR", "1");
    c
}

/// scimctl against any SCIM server at `origin` (a stand-in's
/// `http://127.0.0.1:port`): a config dir of its own, a token in the
/// environment, and `--url origin/scim/v2`.
pub fn scimctl_against(config_dir: &Path, origin: &str) -> Command {
    let mut c = scimctl();
    c.env("SCIMCTL_CONFIG_DIR", config_dir)
        .env("SCIMCTL_TOKEN", "scimtok_any-token-000000")
        .args(["--url", &format!("{origin}/scim/v2")]);
    c
}

/// An IdP stand-in provisioning with `token` in the background: `times` SCIM
/// requests, `every` apart (the first after one pause); each must be accepted.
pub fn idp_uses_token(
    scim_url: &str,
    token: &str,
    times: usize,
    every: Duration,
) -> std::thread::JoinHandle<()> {
    let (url, token) = (format!("{scim_url}/Users?count=1"), token.to_owned());
    std::thread::spawn(move || {
        let http = http_client();
        for _ in 0..times {
            std::thread::sleep(every);
            let st = http.get(&url).bearer_auth(&token).send().unwrap().status();
            assert_eq!(st, 200, "the IdP's request with its token");
        }
    })
}

/// A sandbox process; killed when dropped.
pub struct Sandbox {
    pub child: Option<Child>,
    pub dir: tempfile::TempDir,
    pub admin_url: String,
    pub scim_url: String,
    pub admin_key: String,
    pub token: Option<String>,
    pub http: Client,
    pub stderr_path: PathBuf,
}

pub fn http_client() -> Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("http client")
}

impl Sandbox {
    pub fn start(extra: &[&str]) -> Sandbox {
        let dir = tempfile::tempdir().expect("tempdir");
        Self::start_in(dir, extra)
    }

    /// Starts on the database in `dir` (restarts reuse it).
    pub fn start_in(dir: tempfile::TempDir, extra: &[&str]) -> Sandbox {
        let db = dir.path().join("sandbox.db");
        let ready = dir.path().join("ready.json");
        let _ = std::fs::remove_file(&ready);
        let stderr_path = dir.path().join(format!(
            "stderr-{}.log",
            Instant::now().elapsed().as_nanos()
        ));
        let stderr = std::fs::File::create(&stderr_path).unwrap();
        let child = scimctl()
            .env("HOME", dir.path())
            .env("SCIMCTL_CONFIG_DIR", dir.path().join("config"))
            .args(["sandbox", "--listen", "127.0.0.1:0", "--db"])
            .arg(&db)
            .arg("--ready-file")
            .arg(&ready)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("spawn scimctl sandbox");
        let endpoints = wait_for_json(&ready, Duration::from_secs(30));
        Sandbox {
            child: Some(child),
            admin_url: endpoints["admin_url"].as_str().unwrap().to_owned(),
            scim_url: endpoints["scim_url"].as_str().unwrap().to_owned(),
            admin_key: endpoints["admin_key"].as_str().unwrap().to_owned(),
            dir,
            token: None,
            http: http_client(),
            stderr_path,
        }
    }

    /// A sandbox with SCIM enabled for `okta` and the token kept.
    pub fn enabled() -> Sandbox {
        Self::enabled_with(&[])
    }

    pub fn enabled_with(extra: &[&str]) -> Sandbox {
        let mut s = Sandbox::start(extra);
        let r = s
            .admin(reqwest::Method::POST, "/scim/enable")
            .json(&json!({"idp": "okta"}))
            .send()
            .unwrap();
        assert_eq!(r.status(), 201);
        let body: Value = r.json().unwrap();
        s.token = Some(body["token"].as_str().unwrap().to_owned());
        s
    }

    /// Another handle on this sandbox (no process of its own), using `token`.
    pub fn handle(&self, token: Option<String>) -> Sandbox {
        Sandbox {
            child: None,
            dir: tempfile::tempdir().unwrap(),
            admin_url: self.admin_url.clone(),
            scim_url: self.scim_url.clone(),
            admin_key: self.admin_key.clone(),
            token,
            http: self.http.clone(),
            stderr_path: self.stderr_path.clone(),
        }
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    /// The config directory the sandbox wrote its `sandbox` profile into.
    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// scimctl as a user of this sandbox runs it: its config dir, the `sandbox`
    /// profile as the default, no terminal.
    pub fn cli(&self) -> Command {
        let mut c = scimctl();
        c.env("SCIMCTL_CONFIG_DIR", self.config_dir())
            .env("HOME", self.dir.path())
            .stdin(Stdio::null());
        c
    }

    /// The HTTP status of `GET /Users?count=1` with `token`: 200 works, 401 refused.
    pub fn status_with_token(&self, token: &str) -> u16 {
        self.http
            .get(format!("{}/Users?count=1", self.scim_url))
            .bearer_auth(token)
            .send()
            .unwrap()
            .status()
            .as_u16()
    }

    /// Moves the live token's expiry `days` from now (negative: in the past).
    pub fn expire_token_in_days(&self, days: i64) {
        let at = jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_hours(24 * days))
            .unwrap();
        let (st, _) = send(
            self.admin(reqwest::Method::POST, "/sandbox/token-expiry")
                .json(&json!({"expires_at": at.to_string()})),
        );
        assert_eq!(st, 204);
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("sandbox.db")
    }

    pub fn admin(&self, method: reqwest::Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.admin_url))
            .bearer_auth(&self.admin_key)
    }

    pub fn scim(&self, method: reqwest::Method, path: &str) -> RequestBuilder {
        let b = self
            .http
            .request(method, format!("{}{path}", self.scim_url));
        match &self.token {
            Some(t) => b.bearer_auth(t),
            None => b,
        }
    }

    pub fn get(&self, path: &str) -> (u16, Value) {
        send(self.scim(reqwest::Method::GET, path))
    }
    pub fn post(&self, path: &str, body: Value) -> (u16, Value) {
        send(
            self.scim(reqwest::Method::POST, path)
                .header("content-type", "application/scim+json")
                .json(&body),
        )
    }
    pub fn put(&self, path: &str, body: Value) -> (u16, Value) {
        send(self.scim(reqwest::Method::PUT, path).json(&body))
    }
    pub fn patch(&self, path: &str, ops: Value) -> (u16, Value) {
        send(
            self.scim(reqwest::Method::PATCH, path)
                .json(&json!({"schemas": [PATCH_OP], "Operations": ops})),
        )
    }
    pub fn delete(&self, path: &str) -> (u16, Value) {
        send(self.scim(reqwest::Method::DELETE, path))
    }

    /// Creates a user named `user_name` and returns it.
    pub fn user(&self, user_name: &str) -> Value {
        let (s, v) = self.post("/Users", json!({"schemas": [USER_SCHEMA], "userName": user_name, "active": true,
            "name": {"givenName": "G", "familyName": "F"}, "emails": [{"value": user_name, "type": "work", "primary": true}]}));
        assert_eq!(s, 201, "{v}");
        v
    }

    pub fn group(&self, name: &str, members: &[&str]) -> Value {
        let members: Vec<Value> = members.iter().map(|m| json!({"value": m})).collect();
        let (s, v) = self.post(
            "/Groups",
            json!({"schemas": [GROUP_SCHEMA], "displayName": name, "members": members}),
        );
        assert_eq!(s, 201, "{v}");
        v
    }

    /// Stops the process with SIGTERM and waits; returns its exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let mut child = self.child.take().expect("running");
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        wait_with_timeout(&mut child, Duration::from_secs(20))
    }

    /// Kills the process with SIGKILL, as a crash would.
    pub fn kill9(&mut self) {
        let mut child = self.child.take().expect("running");
        child.kill().unwrap();
        child.wait().unwrap();
    }

    /// Takes the temporary directory (to restart on the same database).
    pub fn into_dir(mut self) -> tempfile::TempDir {
        if self.child.is_some() {
            self.kill9();
        }
        std::mem::replace(&mut self.dir, tempfile::tempdir().unwrap())
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Spawns `scimctl sandbox` with an in-memory database and `extra` arguments, stderr
/// piped; returns the child and its ready file's contents.
pub fn spawn_memory_sandbox(dir: &Path, extra: &[&str]) -> (Child, Value) {
    let ready = dir.join("ready-raw.json");
    let child = scimctl()
        .env("HOME", dir)
        .env("SCIMCTL_CONFIG_DIR", dir.join("config"))
        .args(["sandbox", "--db", ":memory:", "--ready-file"])
        .arg(&ready)
        .args(extra)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn scimctl sandbox");
    let endpoints = wait_for_json(&ready, Duration::from_secs(30));
    (child, endpoints)
}

/// Sends `signal` and returns the exit status and everything written to stderr.
pub fn stop_with(mut child: Child, signal: i32) -> (std::process::ExitStatus, String) {
    unsafe { libc::kill(child.id() as i32, signal) };
    let status = wait_with_timeout(&mut child, Duration::from_secs(20));
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    (status, err)
}

pub fn wait_with_timeout(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return st;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("process did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn wait_for_json(path: &Path, limit: Duration) -> Value {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && let Ok(v) = serde_json::from_str::<Value>(&text)
        {
            return v;
        }
        assert!(
            start.elapsed() < limit,
            "{} did not appear within {limit:?}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

pub fn send(b: RequestBuilder) -> (u16, Value) {
    let r = b.send().expect("request");
    body(r)
}

pub fn body(r: Response) -> (u16, Value) {
    let status = r.status().as_u16();
    let text = r.text().unwrap_or_default();
    let v = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, v)
}

/// Percent-encodes a filter for a query string (spaces as %20, as Okta does today).
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Ids of the resources of a ListResponse.
pub fn ids(list: &Value) -> Vec<String> {
    list["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

pub fn scim_error_type(v: &Value) -> Option<&str> {
    v.get("scimType").and_then(Value::as_str)
}

/// What a finished scimctl run left behind.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(self.code, expected, "exit code; {self:#?}");
        self
    }
}

pub fn run(cmd: &mut Command) -> Out {
    Out::from(cmd.output().expect("run scimctl"))
}

impl From<std::process::Output> for Out {
    fn from(o: std::process::Output) -> Out {
        Out {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Starts scimctl with `stdin` written to its standard input (then closed).
pub fn spawn_with_stdin(cmd: &mut Command, stdin: &str) -> Child {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn scimctl");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child
}

/// Runs scimctl with `stdin` as its standard input.
pub fn run_with_stdin(cmd: &mut Command, stdin: &str) -> Out {
    Out::from(spawn_with_stdin(cmd, stdin).wait_with_output().unwrap())
}
