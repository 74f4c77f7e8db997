//! scimctl: turn on, rotate, inspect and test SCIM provisioning from a terminal or
//! CI, plus the sandbox service it is tried and tested against.

pub mod app;
pub mod cli;
pub mod commands;
pub mod error;
pub mod sandbox;
pub mod scim;
