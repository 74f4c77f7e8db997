//! The SCIM 2.0 endpoints (RFC 7644) under `/scim/v2`: Users and Groups with
//! create, read, list and search, replace, PATCH and delete.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::scim::ScimError;
use crate::scim::filter;
use crate::scim::patch;
use crate::scim::resource::Projection;
use crate::scim::schema::{LIST_RESPONSE_SCHEMA, ResourceKind};

use super::AppState;
use super::auth::ScimAuth;
use super::http::{ScimBody, header, resource_response, scim_json};
use super::store::{self, ListQuery};

type Shared = State<Arc<AppState>>;

pub fn router(state: Arc<AppState>) -> Router<Arc<AppState>> {
    let mut r = Router::new();
    for kind in [ResourceKind::User, ResourceKind::Group] {
        let ep = kind.endpoint();
        r = r
            .route(
                ep,
                with_405(
                    get(move |s: Shared, q: Query<HashMap<String, String>>| list(s, kind, q)).post(
                        move |s: Shared, q: Query<HashMap<String, String>>, b: ScimBody| {
                            create(s, kind, q, b)
                        },
                    ),
                ),
            )
            .route(
                &format!("{ep}/.search"),
                with_405(post(move |s: Shared, b: ScimBody| search(s, kind, b))),
            )
            .route(
                &format!("{ep}/{{id}}"),
                with_405(
                    get(
                        move |s: Shared,
                              id: UrlPath<String>,
                              q: Query<HashMap<String, String>>,
                              h: HeaderMap| read(s, kind, id, q, h),
                    )
                    .put(
                        move |s: Shared,
                              id: UrlPath<String>,
                              q: Query<HashMap<String, String>>,
                              h: HeaderMap,
                              b: ScimBody| replace(s, kind, id, q, h, b),
                    )
                    .patch(
                        move |s: Shared,
                              id: UrlPath<String>,
                              q: Query<HashMap<String, String>>,
                              h: HeaderMap,
                              b: ScimBody| {
                            patch_resource(s, kind, id, q, h, b)
                        },
                    )
                    .delete(
                        move |s: Shared, id: UrlPath<String>, h: HeaderMap| delete(s, kind, id, h),
                    ),
                ),
            );
    }
    r.route("/.search", with_405(post(search_all)))
        .route(
            "/Bulk",
            with_405(post(|| async {
                ScimError::new(
                    501,
                    None,
                    "bulk operations are not supported (see /ServiceProviderConfig)",
                )
            })),
        )
        .route(
            "/Me",
            with_405(get(|| async {
                ScimError::new(
                    501,
                    None,
                    "/Me is not supported: the token belongs to the IdP, not a user",
                )
            })),
        )
        .layer(middleware::from_fn_with_state(state, require_token))
}

/// A method router whose unsupported methods answer a SCIM-shaped 405.
pub fn with_405(r: MethodRouter<Arc<AppState>>) -> MethodRouter<Arc<AppState>> {
    r.fallback(|req: Request| async move {
        ScimError::new(
            405,
            None,
            format!("{} is not allowed on {}", req.method(), req.uri().path()),
        )
    })
}

async fn require_token(State(app): Shared, req: Request, next: Next) -> Response {
    match app.auth.check_scim(req.headers()) {
        Err(e) => e.into_response(),
        Ok(ScimAuth { slot, record }) => {
            if record {
                let app = app.clone();
                tokio::spawn(async move {
                    match app
                        .db
                        .write(move |tx| super::token::record_use(tx, slot))
                        .await
                    {
                        Ok(true) => {
                            if let Err(e) = app.reload_tokens(false).await {
                                tracing::warn!("cannot reload the tokens: {}", e.message);
                            }
                        }
                        Ok(false) => {}
                        Err(e) => tracing::warn!("cannot record the token's use: {}", e.message),
                    }
                });
            }
            next.run(req).await
        }
    }
}

/// A query parameter by name, case-insensitively.
fn param<'q>(q: &'q HashMap<String, String>, name: &str) -> Option<&'q str> {
    q.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn projection(q: &HashMap<String, String>) -> Result<Projection, ScimError> {
    Projection::parse(param(q, "attributes"), param(q, "excludedAttributes"))
}

fn parse_count(raw: Option<&str>, name: &str) -> Result<Option<i64>, ScimError> {
    raw.map(|s| {
        s.trim().parse::<i64>().map_err(|_| {
            ScimError::invalid_value(format!("'{name}' must be an integer, got '{s}'"))
        })
    })
    .transpose()
}

/// Turns list parameters (from a query string or a SearchRequest) into a query.
fn list_query(
    app: &AppState,
    get: impl Fn(&str) -> Option<String>,
) -> Result<ListQuery, ScimError> {
    let filter = get("filter").map(|f| filter::parse(&f)).transpose()?;
    let sort_by = get("sortBy")
        .map(|s| {
            filter::parse_path(&s)
                .map_err(|e| ScimError::invalid_value(format!("invalid sortBy: {e}")))
        })
        .transpose()?;
    let descending = match get("sortOrder").map(|s| s.to_ascii_lowercase()).as_deref() {
        None | Some("ascending") => false,
        Some("descending") => true,
        Some(other) => {
            return Err(ScimError::invalid_value(format!(
                "sortOrder must be ascending or descending, got '{other}'"
            )));
        }
    };
    // RFC 7644 §3.4.2.4: startIndex below 1 means 1; a negative count means 0.
    let start_index = parse_count(get("startIndex").as_deref(), "startIndex")?
        .unwrap_or(1)
        .max(1) as usize;
    let count = parse_count(get("count").as_deref(), "count")?
        .map(|c| c.max(0) as usize)
        .unwrap_or(app.max_page_size)
        .min(app.max_page_size);
    let projection = Projection::parse(
        get("attributes").as_deref(),
        get("excludedAttributes").as_deref(),
    )?;
    Ok(ListQuery {
        filter,
        sort_by,
        descending,
        start_index,
        count,
        projection,
    })
}

async fn run_list(app: Arc<AppState>, kind: ResourceKind, q: ListQuery) -> Response {
    let renderer = app.renderer.clone();
    let start_index = q.start_index;
    let db = app.db.clone();
    let result = app
        .db
        .read(move |conn| store::list(conn, &renderer, &db.counts, kind, &q))
        .await;
    match result {
        Ok(page) => list_response(page.total, start_index, &page.resources),
        Err(e) => e.into_response(),
    }
}

/// A ListResponse (RFC 7644 §3.4.2) around resources already rendered.
fn list_response(total: usize, start_index: usize, resources: &[Box<RawValue>]) -> Response {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ListResponse<'a> {
        schemas: [&'static str; 1],
        total_results: usize,
        items_per_page: usize,
        start_index: usize,
        #[serde(rename = "Resources")]
        resources: &'a [Box<RawValue>],
    }
    scim_json(
        StatusCode::OK,
        &ListResponse {
            schemas: [LIST_RESPONSE_SCHEMA],
            total_results: total,
            items_per_page: resources.len(),
            start_index,
            resources,
        },
    )
}

async fn list(
    State(app): Shared,
    kind: ResourceKind,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    match list_query(&app, |k| param(&q, k).map(str::to_owned)) {
        Ok(lq) => run_list(app, kind, lq).await,
        Err(e) => e.into_response(),
    }
}

async fn search(State(app): Shared, kind: ResourceKind, ScimBody(body): ScimBody) -> Response {
    match list_query(&app, |k| search_param(&body, k)) {
        Ok(lq) => run_list(app, kind, lq).await,
        Err(e) => e.into_response(),
    }
}

/// `POST /.search` at the root (RFC 7644 §3.4.3): users, then groups, paged as one list.
async fn search_all(State(app): Shared, ScimBody(body): ScimBody) -> Response {
    let get = |k: &str| search_param(&body, k);
    let q = match list_query(&app, get) {
        Ok(q) => q,
        Err(e) => return e.into_response(),
    };
    let renderer = app.renderer.clone();
    let start_index = q.start_index;
    let db = app.db.clone();
    let result = app
        .db
        .read(
            move |conn| -> Result<(usize, Vec<Box<RawValue>>), ScimError> {
                let mut all = Vec::new();
                for kind in [ResourceKind::User, ResourceKind::Group] {
                    // Attributes of one type are unknown to the other: they simply do not match.
                    let whole = ListQuery {
                        start_index: 1,
                        count: usize::MAX,
                        ..q.clone()
                    };
                    all.extend(store::list(conn, &renderer, &db.counts, kind, &whole)?.resources);
                }
                let total = all.len();
                Ok((
                    total,
                    all.into_iter()
                        .skip(q.start_index - 1)
                        .take(q.count)
                        .collect(),
                ))
            },
        )
        .await;
    match result {
        Ok((total, resources)) => list_response(total, start_index, &resources),
        Err(e) => e.into_response(),
    }
}

fn search_param(body: &Value, k: &str) -> Option<String> {
    let v = crate::scim::json_ci::get_ci(body, k)?;
    Some(match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string(),
    })
}

async fn read(
    State(app): Shared,
    kind: ResourceKind,
    UrlPath(id): UrlPath<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let proj = match projection(&q) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let renderer = app.renderer.clone();
    let if_none_match = header(&headers, "if-none-match").map(str::to_owned);
    let result = app
        .db
        .read(move |conn| {
            let row = store::get_or_404(conn, kind, &id)?;
            if if_none_match.as_deref().is_some_and(|h| {
                h.split(',')
                    .any(|t| t.trim() == row.etag() || t.trim() == "*")
            }) {
                return Ok(None);
            }
            renderer.render_projected(conn, &row, &proj).map(Some)
        })
        .await;
    match result {
        Ok(Some(v)) => resource_response(StatusCode::OK, &v),
        Ok(None) => StatusCode::NOT_MODIFIED.into_response(),
        Err(e) => e.into_response(),
    }
}

/// Runs a write and answers with the written resource, projected as asked.
async fn write_and_render<F>(
    app: Arc<AppState>,
    status: StatusCode,
    q: &HashMap<String, String>,
    f: F,
) -> Response
where
    F: FnOnce(&rusqlite::Transaction) -> Result<store::Row, store::StoreError> + Send + 'static,
{
    let proj = match projection(q) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let renderer = app.renderer.clone();
    let result = app.db.write(move |tx| -> Result<Value, ScimError> {
        let row = f(tx)?;
        renderer.render_projected(tx, &row, &proj)
    });
    match result.await {
        Ok(v) => resource_response(status, &v),
        Err(e) => e.into_response(),
    }
}

async fn create(
    State(app): Shared,
    kind: ResourceKind,
    Query(q): Query<HashMap<String, String>>,
    ScimBody(body): ScimBody,
) -> Response {
    let rules = app.rules;
    write_and_render(app, StatusCode::CREATED, &q, move |tx| {
        store::create(tx, &rules, kind, &body)
    })
    .await
}

async fn replace(
    State(app): Shared,
    kind: ResourceKind,
    UrlPath(id): UrlPath<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    ScimBody(body): ScimBody,
) -> Response {
    let if_match = header(&headers, "if-match").map(str::to_owned);
    let rules = app.rules;
    write_and_render(app, StatusCode::OK, &q, move |tx| {
        store::replace(tx, &rules, kind, &id, &body, if_match.as_deref())
    })
    .await
}

async fn patch_resource(
    State(app): Shared,
    kind: ResourceKind,
    UrlPath(id): UrlPath<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    ScimBody(body): ScimBody,
) -> Response {
    let ops = match patch::parse_request(&body) {
        Ok(ops) => ops,
        Err(e) => return e.into_response(),
    };
    let if_match = header(&headers, "if-match").map(str::to_owned);
    let rules = app.rules;
    write_and_render(app, StatusCode::OK, &q, move |tx| {
        store::patch(tx, &rules, kind, &id, &ops, if_match.as_deref())
    })
    .await
}

async fn delete(
    State(app): Shared,
    kind: ResourceKind,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let if_match = header(&headers, "if-match").map(str::to_owned);
    match app
        .db
        .write(move |tx| store::delete(tx, kind, &id, if_match.as_deref()))
        .await
    {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => ScimError::from(e).into_response(),
    }
}

/// The answer for any path under `/scim/v2` we do not serve.
pub async fn not_found(req: Request) -> ScimError {
    ScimError::new(
        404,
        None,
        format!("no SCIM endpoint at {}", req.uri().path()),
    )
}
