//! The HTTP layer of workspaced: one builder ([`build`]) registers every documented route
//! through utoipa-actix-web, so the actix app and the OpenAPI document come from the same
//! calls and cannot disagree. The server binary, `cargo xtask openapi` and the test suites
//! all call it.

pub mod auth;
pub mod bodies;
pub mod bootstrap;
pub mod convert;
pub mod error;
pub mod etag;
pub mod events;
pub mod go;
pub mod handlers;
pub mod lifecycle;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub mod provisioner;
pub mod redoc;
pub mod search;
pub mod security;
pub mod services;
pub mod validate;

use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{web, App};
use tokio::sync::Notify;
use utoipa_actix_web::AppExt;
use workspaced_store::Store;

pub use error::{ApiError, ApiResult};

/// Largest request body accepted (1 MiB); more is answered 413.
pub const BODY_LIMIT: usize = 1 << 20;
/// How long a request body may take to arrive once its head is read; a slower client gets
/// 400 and its worker back. (The head itself has the server's client request timeout.)
pub const BODY_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// Rung when a provisioner job is queued, so the provisioner starts it at once.
    pub provisioner_wake: Arc<Notify>,
    /// Serialised workspaces kept for the read path.
    pub bodies: Arc<bodies::Bodies>,
    /// The API rate limit (`--api-rate-limit`); None: not limited.
    pub rate_limit: Option<Arc<security::RateLimiter>>,
    /// Rung when a workspace changes (the watch streams subscribe here).
    pub events: events::EventBus,
}

impl AppState {
    /// The state of a server on `store`, without a rate limit (see [`AppState::with_rate_limit`]).
    pub fn new(store: Store) -> AppState {
        let events = events::EventBus::new(&store);
        AppState { store, provisioner_wake: Arc::new(Notify::new()), bodies: Arc::default(), rate_limit: None, events }
    }

    /// Limits API requests to `per_minute` per user (per IP when anonymous), as Coder's
    /// `--api-rate-limit`; 0 or negative: no limit.
    pub fn with_rate_limit(mut self, per_minute: i64) -> AppState {
        self.rate_limit = security::RateLimiter::per_minute(per_minute);
        self
    }

    /// Runs a store call on the blocking pool.
    pub async fn db<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, workspaced_store::StoreError> + Send + 'static,
    {
        self.call(move |store| f(store).map_err(Into::into)).await
    }

    /// Runs a service (store calls and the rules around them) on the blocking pool: one hop
    /// for the whole operation.
    pub async fn call<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> ApiResult<T> + Send + 'static,
    {
        let store = self.store.clone();
        web::block(move || f(&store)).await?
    }

    /// A read-only operation: like [`AppState::call_as`], but answered on the async worker
    /// itself when the store can do it without waiting (SQLite, a free connection, no write
    /// such as the session's once-a-minute `last_used`); otherwise, or when it turns out it
    /// would have to wait, on the blocking pool as usual.
    ///
    /// So `f` may run twice: a first time on the worker, stopped by the store at the first
    /// thing that would wait (its result dropped), then again from the start on the pool. It
    /// must be safe to run twice: its only effects are store calls, which refuse every write
    /// on the worker before making it (`Store::without_waiting`), and what it captures is
    /// cloned for the first run (hence `Clone`), so the second run starts from the same
    /// inputs. Each run is its own store operation (`Store::operation`): nothing the first
    /// one found (the session's probe of the workspace) is reused by the second. Tested by
    /// `tests/api/store.rs::a_read_that_would_wait_runs_again_on_the_pool`.
    pub async fn read_as<T, F>(&self, session: auth::Session, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store, auth::Caller) -> ApiResult<T> + Clone + Send + 'static,
    {
        let inline = {
            let (session, f) = (&session, f.clone());
            self.store.without_waiting(move |store| {
                store.operation(|store| {
                    let caller = session.authenticate(store)?;
                    f(store, caller)
                })
            })
        };
        match inline {
            Some(done) => done,
            None => self.call_as(session, f).await,
        }
    }

    /// Authenticates the request's session and runs the operation as its caller, in one
    /// blocking-pool hop: a request without a valid session gets 401 before anything else.
    pub async fn call_as<T, F>(&self, session: auth::Session, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store, auth::Caller) -> ApiResult<T> + Send + 'static,
    {
        self.call(move |store| {
            store.operation(|store| {
                let caller = session.authenticate(store)?;
                f(store, caller)
            })
        })
        .await
    }
}

/// Builds the application and its OpenAPI document.
///
/// With `state` None the app is only good for its document (what `cargo xtask openapi`
/// needs): no handler may run without state.
pub fn build(
    state: Option<AppState>,
) -> (
    App<
        impl ServiceFactory<
            ServiceRequest,
            Config = (),
            Response = ServiceResponse<impl MessageBody>,
            Error = actix_web::Error,
            InitError = (),
        >,
    >,
    utoipa::openapi::OpenApi,
) {
    let (app, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(openapi::base_document())
        // Undocumented routes under /api/v2 must come before the documented scope.
        .map(middleware::undocumented_api_routes)
        .service(
            utoipa_actix_web::scope("/api/v2")
                .configure(handlers::configure),
        )
        .split_for_parts();
    openapi::finish(&mut doc);
    let routes = middleware::RouteTable::new(&doc);
    let mut app = app
        .app_data(web::JsonConfig::default().limit(BODY_LIMIT).content_type_required(false))
        .app_data(web::PayloadConfig::default().limit(BODY_LIMIT))
        .app_data(web::PathConfig::default().error_handler(error::path_error))
        .app_data(web::Data::new(openapi::ServedDocument::new(&doc)))
        .app_data(web::Data::new(routes));
    if let Some(state) = state {
        app = app.app_data(web::Data::new(state));
    }
    let app = middleware::undocumented_routes(app, &doc)
        .default_service(web::to(middleware::fallback))
        .wrap(actix_web::middleware::from_fn(security::guard))
        .wrap(actix_web::middleware::from_fn(middleware::observe));
    (app, doc)
}

/// The OpenAPI document alone.
pub fn openapi() -> utoipa::openapi::OpenApi {
    build(None).1
}
