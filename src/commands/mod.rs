//! One module per command; this one only dispatches.

pub mod sandbox;

use crate::app::Context;
use crate::cli::Command;
use crate::error::Exit;

pub async fn run(ctx: &Context, command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::Sandbox(args) => sandbox::run(ctx, args).await,
    }
}
