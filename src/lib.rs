//! scimctl: turn on, rotate, inspect and test SCIM provisioning from a terminal or
//! CI, plus the sandbox service it is tried and tested against.

pub mod admin;
pub mod app;
pub mod cli;
pub mod client;
pub mod commands;
pub mod completion;
pub mod config;
pub mod context;
pub mod credentials;
pub mod error;
pub mod http;
pub mod idp_setup;
pub mod issued;
pub mod listing;
pub mod output;
pub mod prompt;
pub mod push;
pub mod reference;
pub mod render;
pub mod sandbox;
pub mod scim;
pub mod secret;
pub mod simulate;
pub mod table;
pub mod term;
pub mod timestamp;
pub mod token_state;
pub mod units;
