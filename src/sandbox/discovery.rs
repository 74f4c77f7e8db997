//! The discovery endpoints of RFC 7644 §4: `/ServiceProviderConfig`,
//! `/ResourceTypes` and `/Schemas`. They need no token, as RFC 7644 §4 allows, so
//! a client can learn what the service supports before it is configured.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use crate::scim::ScimError;
use crate::scim::schema::{ALL_SCHEMA_IDS, LIST_RESPONSE_SCHEMA, ResourceKind, schema_json};

use super::AppState;
use super::http::scim_json;
use super::scim_api::with_405;

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/ServiceProviderConfig",
            with_405(get(service_provider_config)),
        )
        .route("/ResourceTypes", with_405(get(resource_types)))
        .route("/ResourceTypes/{id}", with_405(get(resource_type)))
        .route("/Schemas", with_405(get(schemas)))
        .route("/Schemas/{id}", with_405(get(schema)))
}

fn list(resources: Vec<Value>) -> Response {
    scim_json(
        StatusCode::OK,
        &json!({
            "schemas": [LIST_RESPONSE_SCHEMA],
            "totalResults": resources.len(),
            "itemsPerPage": resources.len(),
            "startIndex": 1,
            "Resources": resources,
        }),
    )
}

async fn service_provider_config(State(app): State<Arc<AppState>>) -> Response {
    let base = &app.renderer.base_url;
    scim_json(
        StatusCode::OK,
        &json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "documentationUri": "https://github.com/scimctl/scimctl/blob/main/docs/admin-api.md",
            "patch": {"supported": true},
            "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": app.max_body_bytes},
            "filter": {"supported": true, "maxResults": app.max_page_size},
            "changePassword": {"supported": false},
            "sort": {"supported": true},
            "etag": {"supported": true},
            "authenticationSchemes": [{
                "type": "oauthbearertoken",
                "name": "OAuth Bearer Token",
                "description": "The SCIM access token issued when SCIM was enabled, sent as Authorization: Bearer <token>",
                "primary": true
            }],
            "meta": {"resourceType": "ServiceProviderConfig", "location": format!("{base}/ServiceProviderConfig")}
        }),
    )
}

fn resource_type_json(kind: ResourceKind, base: &str) -> Value {
    let extensions: Vec<Value> = kind
        .extensions()
        .iter()
        .map(|(urn, _)| json!({"schema": urn, "required": false}))
        .collect();
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": kind.name(),
        "name": kind.name(),
        "endpoint": kind.endpoint(),
        "description": match kind { ResourceKind::User => "User Account", ResourceKind::Group => "Group" },
        "schema": kind.core_schema(),
        "schemaExtensions": extensions,
        "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/{}", kind.name())}
    })
}

async fn resource_types(State(app): State<Arc<AppState>>) -> Response {
    list(
        [ResourceKind::User, ResourceKind::Group]
            .iter()
            .map(|k| resource_type_json(*k, &app.renderer.base_url))
            .collect(),
    )
}

async fn resource_type(State(app): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match [ResourceKind::User, ResourceKind::Group]
        .into_iter()
        .find(|k| k.name() == id)
    {
        Some(k) => scim_json(
            StatusCode::OK,
            &resource_type_json(k, &app.renderer.base_url),
        ),
        None => ScimError::not_found(format!("no resource type '{id}'")).into_response(),
    }
}

async fn schemas(State(app): State<Arc<AppState>>) -> Response {
    list(
        ALL_SCHEMA_IDS
            .iter()
            .filter_map(|id| schema_json(id, &app.renderer.base_url))
            .collect(),
    )
}

async fn schema(State(app): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match schema_json(&id, &app.renderer.base_url) {
        Some(s) => scim_json(StatusCode::OK, &s),
        None => ScimError::not_found(format!("no schema '{id}'")).into_response(),
    }
}
