//! What wraps every request (request id, one log line, panic → 500 envelope), the answer
//! for unknown routes and wrong methods, and — in one clearly named place — the routes that
//! are served but not documented: `/healthz`, the OpenAPI document, Swagger UI and Redoc.

use std::panic::AssertUnwindSafe;
use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{guard, web, App, HttpRequest, HttpResponse, ResponseError};
use futures_util::FutureExt;
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::error::ApiError;
use crate::openapi::{ServedDocument, DOCUMENT_PATH};
use crate::AppState;

/// Gives each request an id, logs one line when it ends, and turns a panic in a handler
/// into a 500 `codersdk.Response` (the panic is logged with the request id).
pub async fn observe(req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    let request_id = request_id();
    let method = req.method().clone();
    let path = req.path().to_owned();
    // No clone of the request may live across `next.call`: routing needs it unshared.
    let outcome = AssertUnwindSafe(next.call(req)).catch_unwind().await;
    let log = |status: u16| {
        if path != "/healthz" {
            let latency_ms = format!("{:.1}", started.elapsed().as_secs_f64() * 1000.0);
            tracing::info!(request_id, %method, path, status, latency_ms, "request");
        }
    };
    match outcome {
        Ok(Ok(res)) => {
            if crate::metrics::enabled() {
                let operation = res
                    .request()
                    .app_data::<web::Data<RouteTable>>()
                    .and_then(|t| t.operation_of(res.request()))
                    .unwrap_or("unmatched");
                crate::metrics::request_answered(operation, res.status().as_u16(), started.elapsed());
            }
            let mut res = res.map_into_boxed_body();
            if let Ok(v) = HeaderValue::from_str(&request_id) {
                res.headers_mut().insert(header::HeaderName::from_static("x-request-id"), v);
            }
            log(res.status().as_u16());
            Ok(res)
        }
        Ok(Err(err)) => {
            log(err.as_response_error().status_code().as_u16());
            Err(err)
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            tracing::error!(request_id, %method, path, panic = what, "handler panicked");
            log(500);
            Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "An internal server error occurred.")
                .detail(format!("request {request_id} failed unexpectedly"))
                .into())
        }
    }
}

/// 16 hex digits, unique enough to find one request's line in a log (no system call: the
/// thread's random generator, seeded once).
fn request_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}

/// The documented (method, path template) pairs, to tell "wrong method" (405) from
/// "no such route" (404).
pub struct RouteTable {
    routes: Vec<(Method, Vec<String>)>,
    /// (method, path template) → operation id, for the metrics.
    operations: std::collections::HashMap<(Method, String), String>,
}

impl RouteTable {
    pub fn new(doc: &utoipa::openapi::OpenApi) -> RouteTable {
        let mut routes = Vec::new();
        let mut operations = std::collections::HashMap::new();
        for (path, item) in doc.paths.paths.iter() {
            let segments: Vec<String> = path.trim_matches('/').split('/').map(str::to_owned).collect();
            for (method, op) in crate::openapi::operations_of(item) {
                if let Some(id) = &op.operation_id {
                    operations.insert((method.clone(), path.clone()), id.clone());
                }
                routes.push((method, segments.clone()));
            }
        }
        RouteTable { routes, operations }
    }

    /// The operation id of the documented route that took the request, if one did.
    pub fn operation_of(&self, req: &HttpRequest) -> Option<&str> {
        let pattern = req.match_pattern()?;
        self.operations.get(&(req.method().clone(), pattern)).map(String::as_str)
    }

    /// Methods documented for a concrete path.
    pub fn methods_for(&self, path: &str) -> Vec<Method> {
        let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.routes
            .iter()
            .filter(|(_, tpl)| {
                tpl.len() == segs.len()
                    && tpl.iter().zip(&segs).all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t == s)
            })
            .map(|(m, _)| m.clone())
            .collect()
    }
}

/// Answers requests no route took: 405 with `Allow` when the path exists with other
/// methods, 404 otherwise; both with the error envelope.
pub async fn fallback(req: HttpRequest) -> HttpResponse {
    let methods = req.app_data::<web::Data<RouteTable>>().map(|t| t.methods_for(req.path())).unwrap_or_default();
    if methods.is_empty() {
        return ApiError::new(StatusCode::NOT_FOUND, "Route not found.")
            .detail(format!("No route matches {} {}.", req.method(), req.path()))
            .error_response();
    }
    let allow = methods.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
    let mut res = ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed.")
        .detail(format!("{} {} is not served; allowed: {allow}.", req.method(), req.path()))
        .error_response();
    if let Ok(v) = HeaderValue::from_str(&allow) {
        res.headers_mut().insert(header::ALLOW, v);
    }
    res
}

async fn serve_document(doc: web::Data<ServedDocument>) -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(doc.json.clone())
}

/// Undocumented routes that live under `/api/v2` (registered before the documented scope,
/// which would otherwise take every `/api/v2/...` path).
pub fn undocumented_api_routes<T>(app: App<T>) -> App<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.route(DOCUMENT_PATH, web::get().to(serve_document))
}

async fn healthz(state: Option<web::Data<AppState>>) -> HttpResponse {
    let Some(state) = state else {
        return HttpResponse::ServiceUnavailable().body("no database");
    };
    match state.db(|s| s.ping()).await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("OK"),
        Err(e) => e.error_response(),
    }
}

async fn redirect_to_swagger() -> HttpResponse {
    HttpResponse::PermanentRedirect().insert_header((header::LOCATION, "/swagger-ui/")).finish()
}

/// The other undocumented routes: health check, Swagger UI (vendored assets, reading the
/// served document) and the redirects to it, and Redoc (vendored too, see [`crate::redoc`]).
pub fn undocumented_routes<T>(app: App<T>, doc: &utoipa::openapi::OpenApi) -> App<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    let redirect = || web::route().guard(guard::Any(guard::Get()).or(guard::Head())).to(redirect_to_swagger);
    app.route("/healthz", web::get().to(healthz))
        .route("/swagger-ui", redirect())
        .route("/swagger", redirect())
        .route("/swagger/", redirect())
        .service(
            // No online validator badge: it would send the document's URL to swagger.io.
            SwaggerUi::new("/swagger-ui/{_:.*}").config(
                Config::new([DOCUMENT_PATH]).persist_authorization(true).try_it_out_enabled(true).validator_url("none"),
            ),
        )
        // The reference as one page (Redoc), the document inlined; its script is served from
        // the binary too, so both pages work offline.
        .app_data(web::Data::new(crate::redoc::RedocPage(crate::redoc::page(doc))))
        .route("/redoc", web::get().to(crate::redoc::serve_page))
        .route(&crate::redoc::bundle_path(), web::get().to(crate::redoc::serve_bundle))
}

/// The app of the metrics address (`--prometheus-address`): `GET /metrics` only, apart
/// from the API (Coder serves its metrics on their own address too).
pub fn metrics_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new().app_data(web::Data::new(state)).route("/metrics", web::get().to(crate::metrics::serve_metrics))
}
