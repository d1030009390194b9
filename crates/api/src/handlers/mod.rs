//! Handlers of the documented routes, one folder per tag (`workspaces/`), one file per
//! operation: each file is a module of its folder by being there (`build.rs` declares them)
//! and registers its routes itself ([`route!`]). Each is thin: extract (typed [`params`], [`JsonBody`]) → call one service on
//! the blocking pool as the authenticated caller (`AppState::call_as`) → convert
//! (`crate::convert`) → respond. What every operation shares lives here: the common error
//! responses and the JSON body extractor.

mod buildinfo;
mod builds;
pub mod examples;
mod object_only;
pub mod params;
mod port_sharing;
mod templates;
mod users;
pub mod workspaces;

use actix_web::HttpRequest;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::services::{Failure, Outcome};

/// The responses every operation shares: a request without a valid session, and a server
/// fault. (Listed in each `#[utoipa::path]` as `CommonErrors`.)
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // a description of responses; never built
pub enum CommonErrors {
    /// Missing, malformed, unknown or expired session token.
    #[response(status = 401, example = json!(examples::unauthorized()))]
    Unauthorized(workspaced_sdk::Response),
    /// Internal server error.
    #[response(status = 500, example = json!(examples::internal()))]
    Internal(workspaced_sdk::Response),
}

/// The response of operations that take a JSON body, for a body over 1 MiB.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // a description of a response; never built
pub enum BodyTooLarge {
    /// The request body is larger than 1 MiB.
    #[response(status = 413, example = json!(examples::too_large()))]
    TooLarge(workspaced_sdk::Response),
}

/// One documented route, registered by its handler's own file with [`route!`], beside its
/// `#[utoipa::path]`: no list of handlers is written anywhere else.
pub struct Route {
    /// Its place: routes are registered in rank order, which is the document's order of
    /// paths and the order actix tries them in (the reads most asked for first; where two
    /// patterns could match one path, the one that must win comes first: a test checks
    /// that no route is shadowed). Workspaces 100–399, builds 400s, templates 500s, users
    /// 600s, general 700s, port sharing 800s; unique.
    pub rank: u32,
    /// The handler's name.
    pub name: &'static str,
    /// Registers it: its actix service and its document entry.
    pub register: fn(&mut ServiceConfig),
    /// Its path (under `/api/v2`) and methods, as documented.
    pub paths: fn() -> utoipa::openapi::path::Paths,
}

inventory::collect!(Route);

/// Registers the handler `$handler` (the function under `#[utoipa::path]` and the actix
/// attribute) at rank `$rank` (see [`Route::rank`]). Written in the handler's file.
macro_rules! route {
    ($rank:literal, $handler:ident) => {
        ::inventory::submit! {
            $crate::handlers::Route {
                rank: $rank,
                name: stringify!($handler),
                register: {
                    fn register(cfg: &mut ::utoipa_actix_web::service_config::ServiceConfig) {
                        cfg.service($handler);
                    }
                    register
                },
                paths: {
                    fn paths() -> ::utoipa::openapi::path::Paths {
                        ::utoipa_actix_web::OpenApiFactory::paths(&$handler)
                    }
                    paths
                },
            }
        }
    };
}
pub(crate) use route;

/// Every documented route, in rank order.
pub fn routes() -> Vec<&'static Route> {
    let mut routes: Vec<&'static Route> = inventory::iter::<Route>.into_iter().collect();
    routes.sort_by_key(|r| r.rank);
    routes
}

/// Registers every documented route (under the `/api/v2` scope), in rank order.
pub fn configure(cfg: &mut ServiceConfig) {
    for route in routes() {
        (route.register)(cfg);
    }
}

/// A JSON request body whose problems are reported only when the handler asks for it,
/// that is after authentication: a caller without a session gets 401, never a body error.
pub struct JsonBody<T>(Outcome<T>);

impl<T> JsonBody<T> {
    /// The parsed body, or 400 (bad JSON, or an array or scalar where an object belongs) /
    /// 413 (over 1 MiB) in Coder's envelope (a service's failure: the services answer it in
    /// Coder's order).
    pub fn into_inner(self) -> Outcome<T> {
        self.0
    }
}

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for JsonBody<T> {
    type Error = actix_web::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        if let Some(refused) = not_json(req) {
            return Box::pin(std::future::ready(Ok(JsonBody(Err(refused)))));
        }
        let fut = actix_web::web::Json::<ObjectOnly<T>>::from_request(req, payload);
        Box::pin(async move {
            // A client that sends its body too slowly does not hold the request forever.
            let Ok(read) = tokio::time::timeout(crate::BODY_READ_TIMEOUT, fut).await else {
                return Ok(JsonBody(Err(Failure::invalid("Request body must be valid JSON.")
                    .detail(format!("the body was not received within {} s", crate::BODY_READ_TIMEOUT.as_secs())))));
            };
            Ok(JsonBody(read.map(|j| j.into_inner().0).map_err(|e| match e.as_error::<actix_web::error::JsonPayloadError>() {
                Some(json) => crate::error::json_error(json),
                None => Failure::invalid("Request body must be valid JSON.").detail(e.to_string()),
            })))
        })
    }
}

/// A body must be sent as JSON (`application/json`, or a `+json` type): a browser sends
/// `text/plain` or a form to another site without asking first, and such a body is refused
/// before it is read (400 in Coder's envelope). A request with no body needs no type.
fn not_json(req: &HttpRequest) -> Option<Failure> {
    use actix_web::HttpMessage;
    let has_body = req.headers().contains_key(actix_web::http::header::TRANSFER_ENCODING)
        || req.headers().get(actix_web::http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).is_some_and(|v| v.trim() != "0");
    let sent = req.headers().get(actix_web::http::header::CONTENT_TYPE).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let json = match req.mime_type() {
        Ok(Some(mime)) => mime.subtype() == actix_web::mime::JSON || mime.suffix() == Some(actix_web::mime::JSON),
        Ok(None) => !has_body,
        Err(_) => false,
    };
    (!json).then(|| {
        Failure::invalid("Request body must be valid JSON.").detail(match sent {
            Some(t) => format!("Content-Type must be \"application/json\", not {t:?}."),
            None => "Content-Type must be \"application/json\"; the request has none.".to_owned(),
        })
    })
}

/// A body read as `T`, except that a struct, at any depth, must be written as a JSON object:
/// serde would also read a struct from an array of its members in order, which Go (and so
/// Coder) refuses. See [`object_only`].
struct ObjectOnly<T>(T);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(object_only::Strict(deserializer)).map(ObjectOnly)
    }
}
