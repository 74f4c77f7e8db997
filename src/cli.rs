//! The command line as clap sees it: global options and the command tree. No logic
//! lives here; `context` resolves it and `commands` runs it.

use clap::{Args, Parser, Subcommand};

use crate::commands;
use crate::credentials::StoreKind;
use crate::output::OutputFormat;

/// Turn on, rotate, inspect and test SCIM provisioning from a terminal or CI
#[derive(Debug, Parser)]
#[command(
    name = "scimctl",
    version,
    propagate_version = true,
    max_term_width = 100,
    disable_help_subcommand = true,
    after_help = "See `scimctl help exit-codes`, `scimctl help environment` and `scimctl help files`."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Profile to use (env SCIMCTL_PROFILE; default: the config's default_profile, else "default")
    ///
    /// Example: scimctl --profile acme status
    #[arg(long, global = true, value_name = "NAME", add = crate::completion::profile_names())]
    pub profile: Option<String>,
    /// Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile's)
    ///
    /// Example: scimctl --admin-url https://acme.example.com/api/v1 login
    #[arg(long, global = true, value_name = "URL")]
    pub admin_url: Option<String>,
    /// SCIM base URL (env SCIMCTL_URL; default: the profile's, learned at enable)
    ///
    /// Example: scimctl --url https://acme.example.com/scim/v2 users list
    #[arg(long, global = true, value_name = "URL")]
    pub url: Option<String>,
    /// Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile's, else keyring)
    ///
    /// Example: scimctl --credential-store keyutils enable --idp okta
    #[arg(long, global = true, value_enum, value_name = "STORE")]
    pub credential_store: Option<StoreKind>,
    /// Same as --credential-store file: a plain-text 0600 file in the config directory
    ///
    /// Example: scimctl --insecure-storage enable --idp entra
    #[arg(long, global = true, conflicts_with = "credential_store")]
    pub insecure_storage: bool,
    /// Output format
    #[arg(
        short,
        long,
        global = true,
        value_enum,
        default_value_t,
        value_name = "FORMAT"
    )]
    ///
    /// Example: scimctl users list -o ndjson
    pub output: OutputFormat,
    /// Give up on a request after this long (e.g. 30s, 2m)
    ///
    /// Example: scimctl --timeout 2m users list
    #[arg(long, global = true, value_name = "DURATION", value_parser = crate::units::parse_window, default_value = "30s")]
    pub timeout: std::time::Duration,
    /// Also trust this CA certificate (PEM), for services behind a private CA
    ///
    /// Example: scimctl --ca-cert corp-ca.pem status
    #[arg(long, global = true, value_name = "FILE")]
    pub ca_cert: Option<std::path::PathBuf>,
    /// Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)
    ///
    /// Example: scimctl --allow-insecure simulate okta --url http://10.0.0.5:8080/scim/v2 --token-stdin
    #[arg(long, global = true)]
    pub allow_insecure: bool,
    /// Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)
    ///
    /// Example: scimctl --no-input disable --confirm DISABLE
    #[arg(long, global = true)]
    pub no_input: bool,
    /// Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)
    ///
    /// Example: scimctl -vv token status
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Print only data and errors: no status or progress on stderr
    ///
    /// Example: scimctl -q token rotate
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
}

// `defer`: a command's own arguments are built only when it is the one being
// parsed (or the tree is built for help, completions and man pages), so every
// start does not build the whole tree first (docs/benchmarks.md, cold start).
// The command enums in `commands` do the same.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    Login(commands::login::LoginArgs),
    Logout(commands::logout::LogoutArgs),
    PushLogin(commands::push_login::PushLoginArgs),
    Whoami(commands::whoami::WhoamiArgs),
    #[command(subcommand)]
    Profiles(commands::profiles::ProfilesCommand),
    Enable(commands::enable::EnableArgs),
    Status(commands::status::StatusArgs),
    #[command(subcommand)]
    Token(commands::token::TokenCommand),
    Disable(commands::disable::DisableArgs),
    #[command(subcommand)]
    Users(commands::users::UsersCommand),
    #[command(subcommand)]
    Groups(commands::groups::GroupsCommand),
    Simulate(commands::simulate::SimulateArgs),
    Sandbox(commands::sandbox::SandboxArgs),
    Completions(commands::completions::CompletionsArgs),
    Help(commands::help::HelpArgs),
    #[command(hide = true)]
    GenerateFiles(commands::generate_files::GenerateFilesArgs),
}
