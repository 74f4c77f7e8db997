//! One module per command; this one only dispatches.

pub mod completions;
pub mod disable;
pub mod enable;
pub mod generate_files;
pub mod groups;
pub mod help;
pub mod login;
pub mod logout;
pub mod profiles;
pub mod push_login;
pub mod sandbox;
pub mod simulate;
pub mod status;
pub mod token;
pub mod users;
pub mod whoami;

use crate::cli::Command;
use crate::context::Context;
use crate::error::Exit;
use crate::output::OutputFormat;

/// The command's name and the formats it prints (each declares its own
/// `FORMATS`), for the one check before it runs.
pub fn formats(command: &Command) -> (&'static str, &'static [OutputFormat]) {
    match command {
        Command::Login(_) => ("login", login::FORMATS),
        Command::Logout(_) => ("logout", logout::FORMATS),
        Command::PushLogin(_) => ("push-login", push_login::FORMATS),
        Command::Whoami(_) => ("whoami", whoami::FORMATS),
        Command::Profiles(c) => profiles::formats(c),
        Command::Enable(_) => ("enable", enable::FORMATS),
        Command::Status(_) => ("status", status::FORMATS),
        Command::Token(c) => token::formats(c),
        Command::Disable(_) => ("disable", disable::FORMATS),
        Command::Users(c) => users::formats(c),
        Command::Groups(c) => groups::formats(c),
        Command::Simulate(a) => simulate::formats(a),
        Command::Completions(_) => ("completions", completions::FORMATS),
        Command::Help(_) => ("help", help::FORMATS),
        Command::GenerateFiles(_) => ("generate-files", generate_files::FORMATS),
        Command::Sandbox(_) => ("sandbox", sandbox::FORMATS),
    }
}

pub async fn run(ctx: &Context, command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::Login(args) => login::run(ctx, args).await,
        Command::Logout(args) => logout::run(ctx, args).await,
        Command::PushLogin(args) => push_login::run(ctx, args).await,
        Command::Whoami(args) => whoami::run(ctx, args).await,
        Command::Profiles(command) => profiles::run(ctx, command).await,
        Command::Enable(args) => enable::run(ctx, args).await,
        Command::Status(args) => status::run(ctx, args).await,
        Command::Token(command) => token::run(ctx, command).await,
        Command::Disable(args) => disable::run(ctx, args).await,
        Command::Users(command) => users::run(ctx, command).await,
        Command::Groups(command) => groups::run(ctx, command).await,
        Command::Simulate(args) => simulate::run(ctx, args).await,
        Command::Completions(args) => completions::run(args),
        Command::Help(args) => help::run(args),
        Command::GenerateFiles(args) => generate_files::run(args),
        Command::Sandbox(args) => sandbox::run(ctx, args).await,
    }
}
