//! The SCIM 2.0 model (RFC 7643) and protocol semantics (RFC 7644) that both the
//! client commands and the sandbox use: schemas, filters, PATCH, errors.

pub mod error;
pub mod filter;
pub mod json_ci;
pub mod patch;
pub mod resource;
pub mod schema;
pub mod target;

pub use error::{ScimError, ScimType};
pub use schema::ResourceKind;
