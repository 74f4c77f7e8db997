//! One module per command; this one only dispatches.

pub mod completions;
pub mod disable;
pub mod enable;
pub mod generate_files;
pub mod groups;
pub mod help;
pub mod login;
pub mod sandbox;
pub mod simulate;
pub mod status;
pub mod token;
pub mod users;

use crate::cli::Command;
use crate::context::Context;
use crate::error::Exit;

pub async fn run(ctx: &Context, command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::Login(args) => login::run(ctx, args).await,
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
