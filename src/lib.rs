//! scimctl: turn on, rotate, inspect and test SCIM provisioning from a terminal or
//! CI, plus the sandbox service it is tried and tested against.

pub mod admin;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod credentials;
pub mod error;
pub mod http;
pub mod idp_setup;
pub mod issued;
pub mod output;
pub mod probe;
pub mod sandbox;
pub mod scim;
pub mod secret;
pub mod units;
