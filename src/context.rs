//! Raw flags become one resolved context before any command runs: the profile,
//! URLs, credential store, output format, whether prompting is possible, and for
//! each setting where it came from (flag > environment > profile > default).

use std::fmt;
use std::io::IsTerminal;
use std::path::PathBuf;

use crate::admin::AdminClient;
use crate::cli::GlobalArgs;
use crate::client::ScimClient;
use crate::config::{self, Config, DEFAULT_PROFILE};
use crate::credentials::{Place, SecretName, Store, StoreKind};
use crate::error::{Exit, UserError};
use crate::output::OutputFormat;
use crate::secret::{Secret, read_stdin_secret};

pub const ENV_PROFILE: &str = "SCIMCTL_PROFILE";
pub const ENV_ADMIN_URL: &str = "SCIMCTL_ADMIN_URL";
pub const ENV_URL: &str = "SCIMCTL_URL";
pub const ENV_STORE: &str = "SCIMCTL_CREDENTIAL_STORE";
pub const ENV_TOKEN: &str = "SCIMCTL_TOKEN";
pub const ENV_ADMIN_KEY: &str = "SCIMCTL_ADMIN_KEY";
pub const ENV_NO_INPUT: &str = "SCIMCTL_NO_INPUT";

/// Where a setting's value came from; `scimctl status` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    Profile(String),
    ConfigDefault,
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::Profile(p) => write!(f, "profile {p}"),
            Source::ConfigDefault => f.write_str("config default_profile"),
            Source::Default => f.write_str("default"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

/// One JSON shape for a setting in every command's output:
/// `{"value": …, "source": "flag --profile"}`.
impl<T: serde::Serialize> serde::Serialize for Setting<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Setting", 2)?;
        st.serialize_field("value", &self.value)?;
        st.serialize_field("source", &self.source.to_string())?;
        st.end()
    }
}

/// Settings every command can rely on, resolved once before it runs.
#[derive(Debug, Clone)]
pub struct Context {
    pub verbose: u8,
    pub quiet: bool,
    pub color: bool,
    pub output: OutputFormat,
    /// A person can answer a prompt: stdin and stderr are terminals and
    /// `--no-input` is not set.
    pub can_prompt: bool,
    pub stdout_is_terminal: bool,
    pub config_dir: PathBuf,
    pub config: Config,
    pub profile: Setting<String>,
    pub admin_url: Option<Setting<String>>,
    pub scim_url: Option<Setting<String>>,
    pub idp: Option<Setting<String>>,
    pub store: Setting<StoreKind>,
    pub env_token: Option<Secret>,
    pub env_admin_key: Option<Secret>,
    pub admin_key_file: Option<PathBuf>,
    /// The profile's own SCIM base URL and admin URL, as stored: the only places
    /// its stored token and admin key are sent to.
    pub stored_scim_url: Option<String>,
    pub stored_admin_url: Option<String>,
    /// Why the config directory or file can't be trusted (someone else may edit
    /// it), if so: then no stored secret is read and no secret goes to a URL it holds.
    pub config_problem: Option<String>,
}

/// A profile named (by flag, environment or `default_profile`) that the config
/// does not have: an error naming the ones it has, never an empty profile that
/// would send the next command somewhere else.
fn unknown_profile(profile: &Setting<String>, config: &Config) -> UserError {
    let known_text = config.file.known_profiles();
    UserError::usage(format!(
        "there is no profile '{}' (named by {}); {known_text}",
        profile.value, profile.source
    ))
    .hint(format!(
        "`scimctl profiles list` shows them and `scimctl profiles use NAME` picks the default; `scimctl --profile {} login --admin-url https://…/api/v1` creates this one",
        profile.value
    ))
}

fn env(name: &'static str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn pick(
    flag: Option<&str>,
    flag_name: &'static str,
    env_name: &'static str,
) -> Option<Setting<String>> {
    if let Some(v) = flag {
        return Some(Setting {
            value: v.to_owned(),
            source: Source::Flag(flag_name),
        });
    }
    env(env_name).map(|v| Setting {
        value: v,
        source: Source::Env(env_name),
    })
}

impl Context {
    /// Only what needs no config file: for commands that must work even when it
    /// is malformed (completions, help).
    pub fn minimal(global: &GlobalArgs) -> (u8, bool, bool) {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stderr().is_terminal();
        (global.verbose, global.quiet, color)
    }

    /// `creates_profile`: the command writes the profile (login, enable,
    /// sandbox), so a name the config does not know yet is not a mistake.
    pub fn resolve(global: &GlobalArgs, creates_profile: bool) -> Result<Context, UserError> {
        let (verbose, quiet, color) = Self::minimal(global);
        let config_dir = config::config_dir()?;
        let config = Config::load(&config_dir)?;
        let profile = match pick(global.profile.as_deref(), "--profile", ENV_PROFILE) {
            Some(p) => p,
            None => match &config.file.default_profile {
                Some(p) => Setting {
                    value: p.clone(),
                    source: Source::ConfigDefault,
                },
                None => Setting {
                    value: DEFAULT_PROFILE.to_owned(),
                    source: Source::Default,
                },
            },
        };
        // Connection settings given for this run (flags, environment) make a
        // new profile name deliberate: it is where the run keeps its secrets.
        let ad_hoc = pick(global.admin_url.as_deref(), "--admin-url", ENV_ADMIN_URL).is_some()
            || pick(global.url.as_deref(), "--url", ENV_URL).is_some();
        if !creates_profile
            && !ad_hoc
            && profile.source != Source::Default
            && !config.file.profiles.contains_key(&profile.value)
        {
            return Err(unknown_profile(&profile, &config));
        }
        let stored = config
            .file
            .profiles
            .get(&profile.value)
            .cloned()
            .unwrap_or_default();
        let from_profile = |v: Option<String>| {
            v.map(|value| Setting {
                value,
                source: Source::Profile(profile.value.clone()),
            })
        };
        let admin_url = pick(global.admin_url.as_deref(), "--admin-url", ENV_ADMIN_URL)
            .or_else(|| from_profile(stored.admin_url.clone()));
        let scim_url = pick(global.url.as_deref(), "--url", ENV_URL)
            .or_else(|| from_profile(stored.scim_url.clone()));
        let idp = from_profile(stored.idp.clone());
        let store = if global.insecure_storage {
            Setting {
                value: StoreKind::File,
                source: Source::Flag("--insecure-storage"),
            }
        } else if let Some(kind) = global.credential_store {
            Setting {
                value: kind,
                source: Source::Flag("--credential-store"),
            }
        } else if let Some(v) = env(ENV_STORE) {
            let kind = <StoreKind as clap::ValueEnum>::from_str(&v, true).map_err(|_| {
                UserError::usage(format!("{ENV_STORE}='{v}' is not a credential store"))
                    .hint("use keyring, keyutils or file")
            })?;
            Setting {
                value: kind,
                source: Source::Env(ENV_STORE),
            }
        } else if let Some(kind) = stored.credential_store {
            Setting {
                value: kind,
                source: Source::Profile(profile.value.clone()),
            }
        } else {
            Setting {
                value: StoreKind::Keyring,
                source: Source::Default,
            }
        };
        let no_input = global.no_input || env(ENV_NO_INPUT).is_some_and(|v| v != "0");
        let config_problem =
            config::untrusted(&config_dir).or_else(|| config::untrusted(&config.path));
        if let Some(why) = &config_problem {
            eprintln!(
                "warning: {}; scimctl sends no stored secret while it is so (fix: chmod go-w and chown it to yourself)",
                crate::term::for_stderr(why)
            );
        }
        Ok(Context {
            verbose,
            quiet,
            color,
            output: global.output,
            can_prompt: !no_input
                && std::io::stdin().is_terminal()
                && std::io::stderr().is_terminal(),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            config_dir,
            config,
            profile,
            admin_url,
            scim_url,
            idp,
            store,
            env_token: env(ENV_TOKEN).map(Secret::new),
            env_admin_key: env(ENV_ADMIN_KEY).map(Secret::new),
            admin_key_file: stored.admin_key_file,
            stored_scim_url: stored.scim_url,
            stored_admin_url: stored.admin_url,
            config_problem,
        })
    }

    /// Prints a status line on stderr unless `--quiet`.
    pub fn status(&self, line: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", crate::term::for_stderr(line.as_ref()));
        }
    }

    /// Prints a warning on stderr (even with `--quiet`: a warning is not chatter).
    pub fn warn(&self, line: impl AsRef<str>) {
        eprintln!("warning: {}", crate::term::for_stderr(line.as_ref()));
    }

    pub fn credential_store(&self) -> Store {
        Store::new(self.store.value, &self.config_dir)
    }

    /// Warns about stores that lose or expose what they hold.
    pub fn warn_about_store(&self) {
        match self.store.value {
            StoreKind::Keyutils => self.warn("the kernel keyring (keyutils) is wiped on reboot: after one, the stored token is gone and must be regenerated"),
            StoreKind::File if !self.profile_is_sandbox() => self.warn(format!(
                "storing secrets in plain text in {} (mode 0600); prefer the OS keyring where there is one",
                self.credential_store().describe().trim_start_matches("file ")
            )),
            _ => {}
        }
    }

    pub fn profile_is_sandbox(&self) -> bool {
        self.profile.value == config::SANDBOX_PROFILE
    }

    pub fn require_admin_url(&self) -> Result<&Setting<String>, UserError> {
        self.admin_url.as_ref().ok_or_else(|| {
            UserError::new(Exit::Usage, format!("profile '{}' has no admin API URL", self.profile.value))
                .hint(format!(
                    "run `scimctl login --admin-url https://…/api/v1` for this profile, pass --admin-url, or set {ENV_ADMIN_URL}"
                ))
                .hint("to try scimctl locally, start `scimctl sandbox` and use --profile sandbox")
        })
    }

    /// The admin API key: `SCIMCTL_ADMIN_KEY`, else the credential store, else the
    /// profile's key file (the sandbox's ready file). Returns it with its origin.
    /// A stored key (or the key file's) goes only to the profile's own admin URL.
    pub async fn admin_key(&self) -> anyhow::Result<(Secret, Place)> {
        if let Some(k) = &self.env_admin_key {
            self.refuse_untrusted_url(self.admin_url.as_ref())?;
            return Ok((k.clone(), Place::env(ENV_ADMIN_KEY)));
        }
        self.refuse_stored_secret(SecretName::AdminKey)?;
        let (key, source) = self.stored_admin_key().await?;
        if let Some(url) = &self.admin_url
            && !bound_to(&url.value, self.stored_admin_url.as_deref())
        {
            return Err(self
                .unbound(
                    SecretName::AdminKey,
                    &url.value,
                    self.stored_admin_url.as_deref(),
                    ENV_ADMIN_KEY,
                )
                .into());
        }
        Ok((key, source))
    }

    /// The key in the credential store, else in the profile's key file.
    async fn stored_admin_key(&self) -> anyhow::Result<(Secret, Place)> {
        let store = self.credential_store();
        let mut store_trouble = None;
        match store.get(&self.profile.value, SecretName::AdminKey).await {
            Ok(Some(k)) => return Ok((k, store.place())),
            Ok(None) => {}
            // A store nobody chose may simply not exist here: that is "no key",
            // with the store's trouble as a hint, not a store failure.
            Err(e) if self.admin_key_file.is_some() || self.store.source == Source::Default => {
                tracing::debug!("{e}");
                store_trouble = Some(e.to_string());
            }
            Err(e) => return Err(e.into_user_error(self.store.value).into()),
        }
        if let Some(path) = &self.admin_key_file {
            return read_key_file(path).map(|k| (k, Place::key_file(path)));
        }
        let mut u = UserError::new(Exit::Auth, format!("no admin API key for profile '{}'", self.profile.value))
            .hint("store one with `scimctl login` (it reads the key from a hidden prompt or, with --with-key, from stdin)")
            .hint(format!("or set {ENV_ADMIN_KEY}"));
        if let Some(t) = store_trouble {
            u = u.hint(format!("(the default store was not usable: {t}; --insecure-storage or --credential-store keyutils choose another)"));
        }
        Err(u.into())
    }

    pub async fn admin_client(&self) -> anyhow::Result<AdminClient> {
        let url = self.require_admin_url()?;
        // A bad URL is a usage error before any secret is looked up.
        crate::http::check_url("admin API URL", &url.value)?;
        let (key, _) = self.admin_key().await?;
        self.admin_client_with(key)
    }

    /// An admin API client with a key already looked up (`admin_key`).
    pub fn admin_client_with(&self, key: Secret) -> anyhow::Result<AdminClient> {
        let url = self.require_admin_url()?;
        crate::http::check_url("admin API URL", &url.value)?;
        AdminClient::new(&url.value, key)
    }

    /// The SCIM token to send to `target`: `SCIMCTL_TOKEN` (an explicit choice,
    /// sent anywhere), else the stored one — but only when `target` is the
    /// profile's own SCIM URL (same scheme, host, port and path prefix), so that
    /// our service's token never reaches another server.
    pub async fn scim_token_for(&self, target: &str) -> anyhow::Result<Option<(Secret, Place)>> {
        if self.env_token.is_some() {
            self.refuse_untrusted_url(self.scim_url.as_ref().filter(|u| u.value == target))?;
            return self.scim_token().await;
        }
        let token = self.scim_token().await?;
        if token.is_some() && !bound_to(target, self.stored_scim_url.as_deref()) {
            return Err(self
                .unbound(
                    SecretName::ScimToken,
                    target,
                    self.stored_scim_url.as_deref(),
                    ENV_TOKEN,
                )
                .into());
        }
        Ok(token)
    }

    /// The local copy of the SCIM token: `SCIMCTL_TOKEN`, else the credential
    /// store. `None` when there is none; a failing store is an error. To send it
    /// anywhere, use [`Context::scim_token_for`].
    pub async fn scim_token(&self) -> anyhow::Result<Option<(Secret, Place)>> {
        if let Some(t) = &self.env_token {
            return Ok(Some((t.clone(), Place::env(ENV_TOKEN))));
        }
        self.refuse_stored_secret(SecretName::ScimToken)?;
        let store = self.credential_store();
        match store.get(&self.profile.value, SecretName::ScimToken).await {
            Ok(t) => Ok(t.map(|t| (t, store.place()))),
            Err(e) => Err(e.into_user_error(self.store.value).into()),
        }
    }
}

impl Context {
    /// A SCIM client for the resolved base URL and token: the token from stdin
    /// (`--token-stdin`), else `SCIMCTL_TOKEN`, else the credential store.
    pub async fn scim_client(&self, token_stdin: bool) -> anyhow::Result<ScimClient> {
        let url = self.scim_url.as_ref().ok_or_else(|| {
            UserError::usage(format!("profile '{}' has no SCIM base URL", self.profile.value))
                .hint(format!("pass --url https://…/scim/v2 or set {ENV_URL}; `scimctl enable` records it in the profile"))
        })?;
        let (token, source) = if token_stdin {
            (read_stdin_secret("SCIM token")?, Place::stdin())
        } else {
            self.scim_token_for(&url.value).await?.ok_or_else(|| {
                UserError::new(Exit::Auth, format!("no SCIM token for profile '{}'", self.profile.value))
                    .hint(format!("pipe one to --token-stdin, set {ENV_TOKEN}, or run `scimctl enable` / `scimctl token regenerate`"))
            })?
        };
        Ok(ScimClient::new(&url.value, token, source.to_string())?
            .ours(self.target_is_own(&url.value)))
    }

    /// Whether `target` is this profile's own SCIM URL (our service), where the
    /// admin API can say more about what it lists.
    pub fn target_is_own(&self, target: &str) -> bool {
        bound_to(target, self.stored_scim_url.as_deref())
    }

    /// How a listing learns who manages what it shows, when this profile can
    /// ask our admin API; `None` (the column shows "?") for other servers or
    /// without an admin key.
    pub async fn manager_lookup(&self, kind: crate::scim::ResourceKind) -> Option<ManagerLookup> {
        self.admin_url.as_ref()?;
        // Only our own service's admin API knows who manages what: a foreign
        // target (`--url` elsewhere) is never looked up; its column stays "?".
        let target = &self.scim_url.as_ref()?.value;
        if !self.target_is_own(target) {
            return None;
        }
        match self.admin_client().await {
            Ok(client) => Some(ManagerLookup {
                client,
                kind,
                gave_up: false,
            }),
            Err(e) => {
                tracing::debug!("no IdP-managed column: {e:#}");
                None
            }
        }
    }
}

/// Asks our admin API who manages the resources on one page at a time.
pub struct ManagerLookup {
    client: AdminClient,
    kind: crate::scim::ResourceKind,
    /// Set after a failed lookup: the rest of the listing shows "?" rather
    /// than paying for the same failure on every page.
    gave_up: bool,
}

impl ManagerLookup {
    /// Who manages each of `ids`; empty (shown as "?") once a lookup failed.
    pub async fn page(&mut self, ids: &[&str]) -> crate::render::Managers {
        if self.gave_up || ids.is_empty() {
            return Default::default();
        }
        match self.client.managers(self.kind, ids).await {
            Ok(m) => m,
            Err(e) => {
                tracing::debug!("no IdP-managed column from here on: {e:#}");
                self.gave_up = true;
                Default::default()
            }
        }
    }
}

impl Context {
    /// No stored secret is read while the config can be edited by others.
    fn refuse_stored_secret(&self, name: SecretName) -> Result<(), UserError> {
        match &self.config_problem {
            None => Ok(()),
            Some(why) => Err(UserError::usage(format!(
                "scimctl reads no stored {} while {why}",
                name.label()
            ))
            .hint(format!(
                "make the directory and its files yours and not writable by others: chmod go-w {} {}",
                self.config_dir.display(),
                self.config.path.display()
            ))),
        }
    }

    /// No secret goes to a URL taken from a config that others can edit.
    fn refuse_untrusted_url(&self, url: Option<&Setting<String>>) -> Result<(), UserError> {
        match (url, &self.config_problem) {
            (Some(u), Some(why)) if matches!(u.source, Source::Profile(_)) => Err(UserError::usage(format!(
                "scimctl sends no secret to {} while it comes from a config that others can edit ({why})",
                crate::secret::without_userinfo(&u.value)
            ))
            .hint("give the URL with a flag, or fix the config's ownership and permissions (chmod go-w)")),
            _ => Ok(()),
        }
    }

    /// The error for a stored secret that `target` is not the home of.
    fn unbound(
        &self,
        name: SecretName,
        target: &str,
        home: Option<&str>,
        env_var: &str,
    ) -> UserError {
        let target = crate::secret::without_userinfo(target);
        let (flag, what) = match name {
            SecretName::ScimToken => ("--token-stdin", "that server's token"),
            SecretName::AdminKey => ("--with-key on `scimctl login`", "that service's admin key"),
            SecretName::EntraClientSecret | SecretName::OktaApiToken => ("the environment", "it"),
        };
        let message = match home {
            Some(home) => format!(
                "the stored {} of profile '{}' belongs to {}; scimctl does not send it to {target}",
                name.label(),
                self.profile.value,
                crate::secret::without_userinfo(home)
            ),
            None => format!(
                "profile '{}' records no URL for its stored {}, so scimctl does not send it to {target}",
                self.profile.value,
                name.label()
            ),
        };
        let hint = match name {
            SecretName::ScimToken => format!("pass {what} with {flag} (or {env_var})"),
            SecretName::AdminKey => {
                format!("set {env_var} to {what}, or store it in a profile of its own ({flag})")
            }
            SecretName::EntraClientSecret | SecretName::OktaApiToken => {
                format!("set {env_var} to {what} ({flag})")
            }
        };
        UserError::new(Exit::Auth, message)
            .hint(hint)
            .hint("or pick the profile whose URL this is with --profile (`scimctl status` shows a profile's URLs)")
    }
}

/// Whether `target` lies within `home`: the same scheme, host and port, and a
/// path at or below home's (segment by segment). No home: nothing is bound.
pub fn bound_to(target: &str, home: Option<&str>) -> bool {
    let (Some(home), Ok(t)) = (home, url::Url::parse(target)) else {
        return false;
    };
    let Ok(h) = url::Url::parse(home) else {
        return false;
    };
    if t.scheme() != h.scheme()
        || t.host_str().map(str::to_ascii_lowercase) != h.host_str().map(str::to_ascii_lowercase)
        || t.port_or_known_default() != h.port_or_known_default()
        || !t.username().is_empty()
        || t.password().is_some()
    {
        return false;
    }
    let segments = |u: &url::Url| -> Vec<String> {
        u.path_segments()
            .map(|s| s.filter(|p| !p.is_empty()).map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let (ts, hs) = (segments(&t), segments(&h));
    ts.len() >= hs.len() && ts[..hs.len()] == hs[..]
}

fn read_key_file(path: &std::path::Path) -> anyhow::Result<Secret> {
    let fail = |why: String| {
        UserError::new(
            Exit::Auth,
            format!("cannot read the admin key from {}: {why}", path.display()),
        )
        .hint("is the sandbox running? `scimctl sandbox` writes this file each time it starts")
    };
    if let Some(why) = config::untrusted(path) {
        return Err(fail(format!("{why}; scimctl reads no secrets from it")).into());
    }
    let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| fail(e.to_string()))?;
    let key = v
        .get("admin_key")
        .and_then(|k| k.as_str())
        .ok_or_else(|| fail("it has no admin_key".into()))?;
    Ok(Secret::new(key))
}
