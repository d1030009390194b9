//! Prometheus metrics (the `prometheus` crate), served as text on their own address
//! (`--prometheus-address`, off by default, as Coder's): API requests by operation id and
//! status with their latencies, the database pool, the provisioner queue and its jobs'
//! durations, and the open watchers.
//!
//! The request metrics are recorded only once [`enable`] was called (the server does when
//! it serves metrics), so a server without them pays nothing on its request path.
//! Other modules record through the functions here: [`job_finished`] (the provisioner) and
//! [`WatcherGuard`] (a watch endpoint holds one per open stream).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::LazyLock;
use std::time::Duration;

use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder};
use workspaced_store::Store;

static ENABLED: AtomicBool = AtomicBool::new(false);

struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool_connections: IntGauge,
    pool_in_use: IntGauge,
    pool_waiting: IntGauge,
    pool_max: IntGauge,
    jobs_pending: IntGauge,
    jobs_running: IntGauge,
    job_duration: HistogramVec,
    watchers: IntGauge,
}

fn gauge(registry: &Registry, name: &str, help: &str) -> IntGauge {
    let g = IntGauge::new(name, help).expect("valid metric");
    registry.register(Box::new(g.clone())).expect("registered once");
    g
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let registry = Registry::new();
    let requests = IntCounterVec::new(
        Opts::new("workspaced_api_requests_total", "API requests answered, by operation id and status code."),
        &["operation", "status"],
    )
    .expect("valid metric");
    registry.register(Box::new(requests.clone())).expect("registered once");
    let latency = HistogramVec::new(
        HistogramOpts::new("workspaced_api_request_duration_seconds", "Time to answer an API request, by operation id and status code.")
            .buckets(vec![0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]),
        &["operation", "status"],
    )
    .expect("valid metric");
    registry.register(Box::new(latency.clone())).expect("registered once");
    let job_duration = HistogramVec::new(
        HistogramOpts::new("workspaced_provisioner_job_duration_seconds", "Time a provisioner job ran, from claim to end, by result.")
            .buckets(vec![0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0]),
        &["result"],
    )
    .expect("valid metric");
    registry.register(Box::new(job_duration.clone())).expect("registered once");
    Metrics {
        pool_connections: gauge(&registry, "workspaced_db_pool_connections", "Database connections open in the pool."),
        pool_in_use: gauge(&registry, "workspaced_db_pool_in_use", "Database connections in use."),
        pool_waiting: gauge(&registry, "workspaced_db_pool_waiting", "Requests waiting for a database connection."),
        pool_max: gauge(&registry, "workspaced_db_pool_max_connections", "Size of the database connection pool."),
        jobs_pending: gauge(&registry, "workspaced_provisioner_jobs_pending", "Provisioner jobs waiting in the queue (all servers)."),
        jobs_running: gauge(&registry, "workspaced_provisioner_jobs_running", "Provisioner jobs running (all servers)."),
        watchers: gauge(&registry, "workspaced_watchers", "Open watch streams of this server."),
        registry,
        requests,
        latency,
        job_duration,
    }
});

/// Starts recording request metrics (the server calls it when it serves `/metrics`).
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
    LazyLock::force(&METRICS);
}

/// Whether request metrics are recorded.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Records one answered API request (`operation`: the documented operation id, or
/// `unmatched` for a request no documented route took).
pub fn request_answered(operation: &str, status: u16, elapsed: Duration) {
    if !enabled() {
        return;
    }
    let status = status.to_string();
    let labels = [operation, status.as_str()];
    METRICS.requests.with_label_values(&labels).inc();
    METRICS.latency.with_label_values(&labels).observe(elapsed.as_secs_f64());
}

/// Records a provisioner job's end (`succeeded` or `failed`) and how long it ran.
pub fn job_finished(result: &str, elapsed: Duration) {
    METRICS.job_duration.with_label_values(&[result]).observe(elapsed.as_secs_f64());
}

/// Counts one open watch stream while it lives (`workspaced_watchers`): a watch endpoint
/// makes one when a stream opens and drops it when the stream ends.
pub struct WatcherGuard(());

impl WatcherGuard {
    pub fn open() -> WatcherGuard {
        METRICS.watchers.inc();
        WatcherGuard(())
    }
}

impl Drop for WatcherGuard {
    fn drop(&mut self) {
        METRICS.watchers.dec();
    }
}

/// The metrics in Prometheus' text format, with the pool and the queue read now. The
/// queue depth is one query (on a scrape only); when it fails, the last value stays.
pub fn render(store: &Store) -> String {
    let m = &*METRICS;
    let pool = store.pool_status();
    m.pool_connections.set(pool.connections.into());
    m.pool_in_use.set(pool.in_use.into());
    m.pool_waiting.set(pool.waiting as i64);
    m.pool_max.set(pool.max_size.into());
    match store.job_queue_depth() {
        Ok((pending, running)) => {
            m.jobs_pending.set(pending);
            m.jobs_running.set(running);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: reading the provisioner queue failed"),
    }
    let mut out = Vec::new();
    TextEncoder::new().encode(&m.registry.gather(), &mut out).expect("text encoding");
    String::from_utf8(out).expect("the text format is UTF-8")
}

/// The `/metrics` route of the metrics address (served by its own actix server).
pub async fn serve_metrics(state: actix_web::web::Data<crate::AppState>) -> actix_web::HttpResponse {
    let store = state.store.clone();
    match actix_web::web::block(move || render(&store)).await {
        Ok(text) => actix_web::HttpResponse::Ok().content_type(prometheus::TEXT_FORMAT).body(text),
        Err(e) => actix_web::ResponseError::error_response(&crate::ApiError::internal("Rendering the metrics failed.", e)),
    }
}
