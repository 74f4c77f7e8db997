//! Our admin API under `/api/v1` (docs/admin-api.md): SCIM status, enabling and
//! disabling SCIM, the token, SSO settings, and the app-side view of users,
//! groups and invites.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;

use super::AppState;
use super::api_error::ApiError;
use super::{app, org};
use crate::admin::model::{
    CreateGroupRequest, DisableRequest, EditGroupRequest, EnableRequest, Groups, InviteRequest,
    Invites, RegenerateRequest, Sso, TokenExpiryRequest, Users,
};

type Shared = State<Arc<AppState>>;
type ApiResult = Result<Response, ApiError>;

pub fn router(state: Arc<AppState>) -> Router<Arc<AppState>> {
    Router::new()
        .route("/me", get(me))
        .route("/scim", get(scim_status))
        .route("/scim/enable", post(enable))
        .route("/scim/token", post(regenerate))
        .route("/scim/token/revoke-previous", post(revoke_previous))
        .route("/scim/disable", post(disable))
        .route("/sso", get(get_sso).put(put_sso))
        .route("/users", get(users))
        .route(
            "/users/{id}/activate",
            post(|s: Shared, p: Path<String>| set_active(s, p, true)),
        )
        .route(
            "/users/{id}/deactivate",
            post(|s: Shared, p: Path<String>| set_active(s, p, false)),
        )
        .route("/groups", get(groups).post(create_group))
        .route("/groups/{id}", patch(edit_group))
        .route("/invites", get(invites).post(create_invite))
        .route("/invites/{id}", axum::routing::delete(revoke_invite))
        .route("/sandbox/token-expiry", post(set_token_expiry))
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this endpoint does not take that method",
            )
        })
        .layer(middleware::from_fn_with_state(state, require_admin_key))
}

async fn require_admin_key(State(app): Shared, req: Request, next: Next) -> Response {
    match app.auth.check_admin(req.headers()) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

/// A JSON body whose problems answer in our error format.
pub struct Body<T>(T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(JsonRejection::BytesRejection(e)) if e.body_text().contains(super::serve::BODY_TOO_SLOW) => {
                Err(ApiError::new(StatusCode::REQUEST_TIMEOUT, "request_timeout", super::serve::BODY_TOO_SLOW))
            }
            Err(JsonRejection::BytesRejection(e)) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "the request body is too large"))
            }
            Err(e) => Err(ApiError::bad_request("invalid_request", e.body_text()).hint("send a JSON body with Content-Type: application/json, as docs/admin-api.md shows")),
        }
    }
}

/// A JSON body that may be left out (no Content-Type and no content): then the
/// type's default.
pub struct OptionalBody<T>(T);

impl<S: Send + Sync, T: DeserializeOwned + Default> FromRequest<S> for OptionalBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let headers = req.headers();
        let empty = !headers.contains_key(axum::http::header::CONTENT_TYPE)
            && headers
                .get(axum::http::header::CONTENT_LENGTH)
                .is_none_or(|v| v.as_bytes() == b"0");
        if empty {
            return Ok(OptionalBody(T::default()));
        }
        Body::<T>::from_request(req, state)
            .await
            .map(|Body(v)| OptionalBody(v))
    }
}

fn ok<T: serde::Serialize>(status: StatusCode, v: T) -> ApiResult {
    Ok((status, Json(v)).into_response())
}

async fn me(State(app): Shared) -> ApiResult {
    ok(StatusCode::OK, app.db.read(org::me).await?)
}

async fn scim_status(State(app): Shared) -> ApiResult {
    let base = app.renderer.base_url.clone();
    let st = app.db.read(move |c| org::status(c, &base)).await?;
    ok(StatusCode::OK, st)
}

async fn enable(State(app): Shared, Body(req): Body<EnableRequest>) -> ApiResult {
    let base = app.renderer.base_url.clone();
    let enabled = app
        .db
        .write(move |tx| org::enable(tx, &req.idp, &base))
        .await?;
    app.reload_token().await?;
    ok(StatusCode::CREATED, enabled)
}

async fn regenerate(
    State(app): Shared,
    OptionalBody(req): OptionalBody<RegenerateRequest>,
) -> ApiResult {
    let base = app.renderer.base_url.clone();
    let issued = app
        .db
        .write(move |tx| org::regenerate(tx, &base, &req))
        .await?;
    app.reload_token().await?;
    ok(StatusCode::CREATED, issued)
}

async fn revoke_previous(State(app): Shared) -> ApiResult {
    let previous = app.db.write(|tx| org::revoke_previous(tx)).await?;
    app.reload_tokens(false).await?;
    ok(StatusCode::OK, previous)
}

async fn disable(State(app): Shared, Body(req): Body<DisableRequest>) -> ApiResult {
    let done = app
        .db
        .write(move |tx| org::disable(tx, req.confirm.as_deref()))
        .await?;
    app.reload_token().await?;
    ok(StatusCode::OK, done)
}

async fn get_sso(State(app): Shared) -> ApiResult {
    ok(StatusCode::OK, app.db.read(org::sso).await?)
}

async fn put_sso(State(app): Shared, Body(req): Body<Sso>) -> ApiResult {
    ok(
        StatusCode::OK,
        app.db
            .write(move |tx| org::set_sso(tx, req.saml, req.strict))
            .await?,
    )
}

/// The `ids=` of a listing's query string (docs/admin-api.md), in our error
/// format when the query is unreadable.
fn listed_ids(
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Option<Vec<String>>, ApiError> {
    let Query(q) = query.map_err(|e| ApiError::bad_request("invalid_request", e.body_text()))?;
    app::requested_ids(q.get("ids").map(String::as_str))
}

async fn users(
    State(app): Shared,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult {
    let ids = listed_ids(query)?;
    ok(
        StatusCode::OK,
        Users {
            users: app.db.read(move |c| app::users(c, ids.as_deref())).await?,
        },
    )
}

async fn set_active(State(app): Shared, Path(id): Path<String>, active: bool) -> ApiResult {
    let rules = app.rules;
    ok(
        StatusCode::OK,
        app.db
            .write(move |tx| app::set_user_active(tx, &rules, &id, active))
            .await?,
    )
}

async fn groups(
    State(app): Shared,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult {
    let ids = listed_ids(query)?;
    ok(
        StatusCode::OK,
        Groups {
            groups: app.db.read(move |c| app::groups(c, ids.as_deref())).await?,
        },
    )
}

async fn create_group(State(app): Shared, Body(req): Body<CreateGroupRequest>) -> ApiResult {
    let rules = app.rules;
    ok(
        StatusCode::CREATED,
        app.db
            .write(move |tx| app::create_group(tx, &rules, &req.name))
            .await?,
    )
}

async fn edit_group(
    State(app): Shared,
    Path(id): Path<String>,
    Body(req): Body<EditGroupRequest>,
) -> ApiResult {
    let rules = app.rules;
    ok(
        StatusCode::OK,
        app.db
            .write(move |tx| {
                app::edit_group(
                    tx,
                    &rules,
                    &id,
                    req.name.as_deref(),
                    req.member_ids.as_deref(),
                )
            })
            .await?,
    )
}

async fn invites(State(app): Shared) -> ApiResult {
    ok(
        StatusCode::OK,
        Invites {
            invites: app.db.read(app::invites).await?,
        },
    )
}

async fn create_invite(State(app): Shared, Body(req): Body<InviteRequest>) -> ApiResult {
    ok(
        StatusCode::CREATED,
        app.db
            .write(move |tx| app::create_invite(tx, &req.email))
            .await?,
    )
}

async fn revoke_invite(State(app): Shared, Path(id): Path<String>) -> ApiResult {
    app.db.write(move |tx| app::revoke_invite(tx, &id)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn set_token_expiry(State(app): Shared, Body(req): Body<TokenExpiryRequest>) -> ApiResult {
    app.db
        .write(move |tx| org::set_token_expiry(tx, &req.expires_at))
        .await?;
    app.reload_token().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The answer for any path under `/api` we do not serve.
pub async fn not_found(req: Request) -> ApiError {
    ApiError::not_found(format!("no admin API endpoint at {}", req.uri().path()))
        .hint("see docs/admin-api.md for the endpoints")
}
