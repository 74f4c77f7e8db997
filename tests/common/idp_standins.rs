//! Loopback stand-ins for the two IdP APIs `--push` talks to, strict about the
//! documented shapes, answering as the real ones do (sources beside each part):
//!
//! - **Microsoft identity platform + Graph v1.0** (`Graph`): the client
//!   credentials token endpoint ("Microsoft identity platform and the OAuth 2.0
//!   client credentials flow": form fields, `AADSTS7000215` for a bad secret),
//!   and the synchronization API: list jobs, `validateCredentials` (which, as
//!   Entra does, really calls the SCIM URL with the token), GET/PUT secrets (a
//!   PUT replaces every key, so a PUT that drops one is recorded as a wipe),
//!   `restart`. Errors in Graph's `{"error": {"code", "message"}}` form.
//!   Sources: learn.microsoft.com/graph/api/synchronization-synchronizationjob-list,
//!   …-validatecredentials, …-restart, synchronization-serviceprincipal-put-synchronization,
//!   ../shared/reference/field-2026.md §1b.
//! - **Okta management API** (`Okta`): `GET|POST /api/v1/apps/{appId}/connections/default`
//!   (okta-management-openapi-spec, tag ApplicationConnections): `UNKNOWN` for a
//!   generic SCIM app, `TOKEN` for an Org2Org-like app, `SSWS` auth, Okta's
//!   `{"errorCode", "errorSummary", …}` errors (E0000011, E0000007, E0000001, E0000022).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// One request a stand-in received (secrets included: tests assert on them).
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: String,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
}

impl Seen {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
    pub fn line(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

fn serve<S: Send + Sync + 'static>(
    state: Arc<S>,
    handle: fn(Arc<S>, Method, Uri, HeaderMap, Bytes) -> Response,
) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let app =
                axum::Router::new().fallback(move |m: Method, u: Uri, h: HeaderMap, b: Bytes| {
                    let state = state.clone();
                    async move {
                        // validateCredentials calls out with a blocking client.
                        tokio::task::spawn_blocking(move || handle(state, m, u, h, b))
                            .await
                            .unwrap()
                    }
                });
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

fn seen(m: &Method, u: &Uri, h: &HeaderMap, b: &Bytes) -> Seen {
    let header = |name: &str| h.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    Seen {
        method: m.to_string(),
        path: u.path().to_owned(),
        query: u.query().unwrap_or("").to_owned(),
        authorization: header("authorization"),
        content_type: header("content-type"),
        body: String::from_utf8_lossy(b).into_owned(),
    }
}

// ---------------------------------------------------------------- Graph

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFault {
    None,
    /// The app registration lacks the permission: every Graph call is 403.
    MissingPermission,
    /// validateCredentials answers 400 whatever the SCIM server says.
    ValidationFails,
    /// GET secrets is refused (so a merge is impossible).
    SecretsUnreadable,
}

pub struct GraphState {
    pub tenant: String,
    pub client_id: String,
    pub client_secret: String,
    pub service_principal: String,
    pub fault: Mutex<GraphFault>,
    pub job_status: Mutex<&'static str>,
    /// The provisioning job's saved secrets (what `GET …/secrets` shows).
    pub secrets: Mutex<Vec<(String, String)>>,
    /// Keys a PUT dropped: Graph would have wiped them.
    pub wiped: Mutex<Vec<String>>,
    pub log: Mutex<Vec<Seen>>,
    access_token: String,
}

pub struct Graph {
    pub url: String,
    pub state: Arc<GraphState>,
}

pub const JOB_ID: &str =
    "scim.0b1e7e0a2c5d4f7c9d4a3a1e5b2c7d90.3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d";

impl Graph {
    pub fn start(old_base_address: &str, old_token: &str) -> Graph {
        let state = Arc::new(GraphState {
            tenant: "7f3c9a51-2d4e-4b8f-9a61-0c2d3e4f5a6b".into(),
            client_id: "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6".into(),
            client_secret: "entra-client-secret~Q8w.Zt3kP0rJ5vN2xY7bL4mC9dF6gH1s".into(),
            service_principal: "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e".into(),
            fault: Mutex::new(GraphFault::None),
            job_status: Mutex::new("Active"),
            secrets: Mutex::new(vec![
                ("BaseAddress".into(), old_base_address.into()),
                ("SecretToken".into(), old_token.into()),
                ("SyncNotificationSettings".into(), "{\"Enabled\":true,\"Recipients\":\"it-ops@example.test\",\"DeleteThresholdEnabled\":true,\"DeleteThresholdValue\":500}".into()),
                ("SyncAll".into(), "false".into()),
            ]),
            wiped: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
            access_token: "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph-stand-in-access-token".into(),
        });
        let addr = serve(state.clone(), graph_handle);
        Graph {
            url: format!("http://{addr}"),
            state,
        }
    }

    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("SCIMCTL_ENTRA_TENANT_ID", self.state.tenant.clone()),
            ("SCIMCTL_ENTRA_CLIENT_ID", self.state.client_id.clone()),
            (
                "SCIMCTL_ENTRA_CLIENT_SECRET",
                self.state.client_secret.clone(),
            ),
            (
                "SCIMCTL_ENTRA_SERVICE_PRINCIPAL_ID",
                self.state.service_principal.clone(),
            ),
            ("SCIMCTL_ENTRA_AUTHORITY_URL", self.url.clone()),
            ("SCIMCTL_GRAPH_URL", self.url.clone()),
        ]
    }

    pub fn set_fault(&self, f: GraphFault) {
        *self.state.fault.lock().unwrap() = f;
    }

    pub fn lines(&self) -> Vec<String> {
        self.state
            .log
            .lock()
            .unwrap()
            .iter()
            .map(Seen::line)
            .collect()
    }

    pub fn log(&self) -> Vec<Seen> {
        self.state.log.lock().unwrap().clone()
    }

    pub fn saved(&self, key: &str) -> Option<String> {
        self.state
            .secrets
            .lock()
            .unwrap()
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// One provisioning cycle as Entra runs it: the saved token against the saved
    /// base address. Returns the HTTP status.
    pub fn cycle(&self) -> u16 {
        let (base, token) = (
            self.saved("BaseAddress").unwrap(),
            self.saved("SecretToken").unwrap(),
        );
        super::http_client()
            .get(format!("{}/Users?count=1", base.trim_end_matches('/')))
            .bearer_auth(token)
            .send()
            .map(|r| r.status().as_u16())
            .unwrap_or(0)
    }
}

fn graph_error(status: u16, code: &str, message: &str) -> Response {
    (
        StatusCode::from_u16(status).unwrap(),
        [("content-type", "application/json")],
        json!({"error": {"code": code, "message": message,
            "innerError": {"date": "2026-12-02T05:00:00", "request-id": "3f5c1a7e-0000-4000-8000-000000000000"}}})
        .to_string(),
    )
        .into_response()
}

fn json_answer(status: u16, v: Value) -> Response {
    (
        StatusCode::from_u16(status).unwrap(),
        [("content-type", "application/json")],
        v.to_string(),
    )
        .into_response()
}

fn graph_handle(st: Arc<GraphState>, m: Method, u: Uri, h: HeaderMap, b: Bytes) -> Response {
    let s = seen(&m, &u, &h, &b);
    st.log.lock().unwrap().push(s.clone());
    let token_path = format!("/{}/oauth2/v2.0/token", st.tenant);
    if s.path == token_path {
        if m != Method::POST {
            return json_answer(
                405,
                json!({"error": "invalid_request", "error_description": "AADSTS900561: The endpoint only accepts POST requests."}),
            );
        }
        if s.content_type.as_deref() != Some("application/x-www-form-urlencoded") {
            return json_answer(
                400,
                json!({"error": "invalid_request", "error_description": "AADSTS900144: The request body must contain the following parameter: 'grant_type'."}),
            );
        }
        let form: BTreeMap<String, String> = url::form_urlencoded::parse(s.body.as_bytes())
            .into_owned()
            .collect();
        let keys: Vec<&str> = form.keys().map(String::as_str).collect();
        if keys != ["client_id", "client_secret", "grant_type", "scope"] {
            return json_answer(
                400,
                json!({"error": "invalid_request", "error_description": format!("AADSTS900144: unexpected form fields {keys:?}")}),
            );
        }
        if form["grant_type"] != "client_credentials"
            || form["scope"] != "https://graph.microsoft.com/.default"
        {
            return json_answer(
                400,
                json!({"error": "invalid_scope", "error_description": "AADSTS70011: The provided request must include a 'scope' input parameter."}),
            );
        }
        if form["client_id"] != st.client_id {
            return json_answer(
                400,
                json!({"error": "unauthorized_client", "error_description": "AADSTS700016: Application with identifier was not found in the directory."}),
            );
        }
        if form["client_secret"] != st.client_secret {
            return json_answer(
                401,
                json!({"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\r\nTrace ID: 00000000", "error_codes": [7000215]}),
            );
        }
        return json_answer(
            200,
            json!({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": st.access_token}),
        );
    }
    // Graph: every call needs the access token.
    if s.authorization.as_deref() != Some(&format!("Bearer {}", st.access_token)) {
        return graph_error(401, "InvalidAuthenticationToken", "Access token is empty.");
    }
    if *st.fault.lock().unwrap() == GraphFault::MissingPermission {
        return graph_error(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        );
    }
    let sp = format!(
        "/v1.0/servicePrincipals/{}/synchronization",
        st.service_principal
    );
    let Some(rest) = s.path.strip_prefix(&sp) else {
        if s.path.starts_with("/v1.0/servicePrincipals/") {
            return graph_error(
                404,
                "Request_ResourceNotFound",
                "Resource does not exist or one of its queried reference-property objects are not present.",
            );
        }
        return graph_error(
            400,
            "BadRequest",
            &format!("Resource not found for the segment '{}'.", s.path),
        );
    };
    let job = format!("/jobs/{JOB_ID}");
    let body = s.json();
    match (m.clone(), rest) {
        (Method::GET, "/jobs") => {
            let code = *st.job_status.lock().unwrap();
            let mut status = json!({"code": code, "lastExecution": null, "steadyStateFirstAchievedTime": "2026-01-01T00:00:00Z"});
            if code == "Quarantine" {
                status["quarantine"] = json!({"currentBegan": "2026-11-30T00:00:00Z", "nextAttempt": "2026-12-03T00:00:00Z",
                    "reason": "EncounteredQuarantineException", "seriesBegan": "2026-11-30T00:00:00Z", "seriesCount": 3,
                    "error": {"code": "SystemForCrossDomainIdentityManagementCredentialValidationUnauthorized", "message": "401"}});
            }
            json_answer(
                200,
                json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('…')/synchronization/jobs",
                "value": [{"id": JOB_ID, "templateId": "scim", "schedule": {"interval": "PT40M", "state": "Active"}, "status": status}]}),
            )
        }
        (Method::POST, r) if r == format!("{job}/validateCredentials") => {
            let allowed = [
                "useSavedCredentials",
                "credentials",
                "applicationIdentifier",
                "templateId",
            ];
            if body
                .as_object()
                .is_none_or(|o| o.keys().any(|k| !allowed.contains(&k.as_str())))
            {
                return graph_error(
                    400,
                    "BadRequest",
                    "The request body is not valid for validateCredentials.",
                );
            }
            if body["useSavedCredentials"] != json!(false) {
                return graph_error(
                    400,
                    "BadRequest",
                    "useSavedCredentials must be false to validate new credentials.",
                );
            }
            let cred = |k: &str| {
                body["credentials"]
                    .as_array()
                    .and_then(|a| a.iter().find(|p| p["key"] == k))
                    .and_then(|p| p["value"].as_str())
                    .map(str::to_owned)
            };
            let (Some(base), Some(token)) = (cred("BaseAddress"), cred("SecretToken")) else {
                return graph_error(
                    400,
                    "BadRequest",
                    "The credentials need BaseAddress and SecretToken.",
                );
            };
            if *st.fault.lock().unwrap() == GraphFault::ValidationFails {
                return graph_error(
                    400,
                    "BadRequest",
                    "SystemForCrossDomainIdentityManagementCredentialValidationUnavailable: We received this unexpected response from your application: the server could not be reached.",
                );
            }
            // As Entra's Test Connection does (idp-behaviors.md §2.1): a filter on
            // a random userName, with the candidate token.
            let answer = super::http_client()
                .get(format!("{}/Users", base.trim_end_matches('/')))
                .query(&[(
                    "filter",
                    "userName eq \"a3c0e2d4-5f6a-4b7c-8d9e-0f1a2b3c4d5e\"",
                )])
                .bearer_auth(&token)
                .send();
            match answer.map(|r| r.status().as_u16()) {
                Ok(200) => StatusCode::NO_CONTENT.into_response(),
                Ok(code) => graph_error(
                    400,
                    "BadRequest",
                    &format!(
                        "SystemForCrossDomainIdentityManagementCredentialValidationUnauthorized: the SCIM endpoint answered HTTP {code}."
                    ),
                ),
                Err(_) => graph_error(
                    400,
                    "BadRequest",
                    "SystemForCrossDomainIdentityManagementCredentialValidationUnavailable",
                ),
            }
        }
        (Method::GET, "/secrets") => {
            if *st.fault.lock().unwrap() == GraphFault::SecretsUnreadable {
                return graph_error(
                    403,
                    "Authorization_RequestDenied",
                    "Insufficient privileges to read the secrets.",
                );
            }
            let value: Vec<Value> = st
                .secrets
                .lock()
                .unwrap()
                .iter()
                .map(|(k, v)| json!({"key": k, "value": v}))
                .collect();
            json_answer(
                200,
                json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.synchronizationSecretKeyStringValuePair)", "value": value}),
            )
        }
        (Method::PUT, "/secrets") => {
            let Some(pairs) = body
                .as_object()
                .filter(|o| o.len() == 1)
                .and_then(|o| o.get("value"))
                .and_then(Value::as_array)
            else {
                return graph_error(
                    400,
                    "BadRequest",
                    "The request body must be {\"value\": [...]}.",
                );
            };
            let mut new = Vec::new();
            for p in pairs {
                let (Some(k), Some(v)) = (p["key"].as_str(), p["value"].as_str()) else {
                    return graph_error(
                        400,
                        "BadRequest",
                        "Each secret needs a key and a string value.",
                    );
                };
                if p.as_object().is_some_and(|o| o.len() != 2) {
                    return graph_error(400, "BadRequest", "A secret has only key and value.");
                }
                new.push((k.to_owned(), v.to_owned()));
            }
            let mut saved = st.secrets.lock().unwrap();
            for (k, _) in saved.iter() {
                if !new.iter().any(|(n, _)| n == k) {
                    st.wiped.lock().unwrap().push(k.clone());
                }
            }
            *saved = new;
            StatusCode::NO_CONTENT.into_response()
        }
        (Method::POST, r) if r == format!("{job}/restart") => {
            if body != json!({"criteria": {"resetScope": "QuarantineState"}}) {
                return graph_error(400, "BadRequest", "Unexpected restart criteria.");
            }
            *st.job_status.lock().unwrap() = "Active";
            StatusCode::NO_CONTENT.into_response()
        }
        (_, "/secrets") | (_, "/jobs") => graph_error(
            405,
            "Request_BadRequest",
            "The HTTP method is not supported here (secrets: there is no PATCH; PUT all values).",
        ),
        _ => graph_error(
            400,
            "BadRequest",
            &format!("Resource not found for the segment '{rest}'."),
        ),
    }
}

// ---------------------------------------------------------------- Okta

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OktaApp {
    /// A generic SCIM app (what our customers have): no API for its token.
    GenericScim,
    /// An app whose connection takes a token (Org2Org, Zscaler 2.0).
    TokenScheme,
}

pub struct OktaState {
    pub app_id: String,
    pub api_token: String,
    pub kind: OktaApp,
    pub token: Mutex<Option<String>>,
    pub log: Mutex<Vec<Seen>>,
}

pub struct Okta {
    pub url: String,
    pub state: Arc<OktaState>,
}

impl Okta {
    pub fn start(kind: OktaApp) -> Okta {
        let state = Arc::new(OktaState {
            app_id: "0oa1b2c3d4E5F6G7h8i9".into(),
            api_token: "00okta-ssws-api-token-Xq7Lw2Rt9Zp4Nc6Vb8Mh".into(),
            kind,
            token: Mutex::new(None),
            log: Mutex::new(Vec::new()),
        });
        let addr = serve(state.clone(), okta_handle);
        Okta {
            url: format!("http://{addr}"),
            state,
        }
    }

    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("SCIMCTL_OKTA_ORG_URL", self.url.clone()),
            ("SCIMCTL_OKTA_APP_ID", self.state.app_id.clone()),
            ("SCIMCTL_OKTA_API_TOKEN", self.state.api_token.clone()),
        ]
    }

    pub fn lines(&self) -> Vec<String> {
        self.state
            .log
            .lock()
            .unwrap()
            .iter()
            .map(Seen::line)
            .collect()
    }

    pub fn log(&self) -> Vec<Seen> {
        self.state.log.lock().unwrap().clone()
    }
}

fn okta_error(status: u16, code: &str, summary: &str) -> Response {
    json_answer(
        status,
        json!({"errorCode": code, "errorSummary": summary, "errorLink": code, "errorId": "oae0000000000000000", "errorCauses": []}),
    )
}

fn okta_handle(st: Arc<OktaState>, m: Method, u: Uri, h: HeaderMap, b: Bytes) -> Response {
    let s = seen(&m, &u, &h, &b);
    st.log.lock().unwrap().push(s.clone());
    if s.authorization.as_deref() != Some(&format!("SSWS {}", st.api_token)) {
        return okta_error(401, "E0000011", "Invalid token provided");
    }
    let Some(app) = s
        .path
        .strip_prefix("/api/v1/apps/")
        .and_then(|r| r.strip_suffix("/connections/default"))
    else {
        return okta_error(
            404,
            "E0000022",
            "The endpoint does not support the provided HTTP method",
        );
    };
    if app != st.app_id {
        return okta_error(
            404,
            "E0000007",
            &format!("Not found: Resource not found: {app} (App)"),
        );
    }
    let scheme = match st.kind {
        OktaApp::GenericScim => "UNKNOWN",
        OktaApp::TokenScheme => "TOKEN",
    };
    let connection = json!({
        "authScheme": scheme,
        "status": if scheme == "TOKEN" { "ENABLED" } else { "UNKNOWN" },
        "profile": {"authScheme": scheme},
        "_links": {"self": {"href": format!("/api/v1/apps/{app}/connections/default"), "hints": {"allow": ["GET", "POST"]}}}
    });
    match m {
        Method::GET => json_answer(200, connection),
        Method::POST => {
            let body = s.json();
            let profile = &body["profile"];
            let only_known = body
                .as_object()
                .is_some_and(|o| o.keys().all(|k| k == "profile" || k == "baseUrl"))
                && profile
                    .as_object()
                    .is_some_and(|o| o.keys().all(|k| k == "authScheme" || k == "token"));
            if !only_known || profile["authScheme"].as_str().is_none() {
                return okta_error(400, "E0000001", "Api validation failed: profile");
            }
            if st.kind == OktaApp::GenericScim {
                // What Okta's MCP server PR #72 reports: 200, UNKNOWN, nothing changed.
                return json_answer(200, connection);
            }
            *st.token.lock().unwrap() = profile["token"].as_str().map(str::to_owned);
            json_answer(200, connection)
        }
        _ => okta_error(
            405,
            "E0000022",
            "The endpoint does not support the provided HTTP method",
        ),
    }
}
