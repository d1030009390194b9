//! What guards the API besides authentication, in one middleware ([`guard`]) that runs
//! before any handler: the CSRF check of cookie-authenticated requests, the API rate limit
//! (Coder's `--api-rate-limit`), and the security headers of every answer. None of it
//! touches the database: each decision uses only what the request carries.

use std::net::{IpAddr, Ipv4Addr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest, ResponseError};
use governor::clock::Clock;
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter as Gcra};
use sha2::{Digest, Sha256};

use crate::auth::{self, SESSION_COOKIE, SESSION_HEADER};
use crate::error::ApiError;
use crate::AppState;

/// Coder's default `--api-rate-limit`: requests per minute per user (per IP when anonymous).
pub const DEFAULT_API_RATE_LIMIT: i64 = 512;
/// The header with which a site owner asks not to be rate limited (Coder's).
pub const BYPASS_HEADER: &str = "X-Coder-Bypass-Ratelimit";
/// The double-submit CSRF token: this header must equal the `csrf_token` cookie.
pub const CSRF_HEADER: &str = "X-CSRF-Token";
pub const CSRF_COOKIE: &str = "csrf_token";

/// Headers Coder's API sets on its answers.
const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
    (
        "permissions-policy",
        "accelerometer=(), autoplay=(), battery=(), camera=(), document-domain=(), geolocation=(), \
         gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()",
    ),
];

/// Guards every request: security headers on every answer; under `/api/v2`, the CSRF check
/// and the rate limit first.
pub async fn guard(req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let mut limit_headers = None;
    if req.path().starts_with("/api/v2/") {
        if let Some(refused) = csrf_problem(req.request()) {
            return Ok(finish(req.into_response(refused.error_response()), None));
        }
        let limiter = req.app_data::<web::Data<AppState>>().and_then(|s| s.rate_limit.clone());
        if let Some(limiter) = limiter {
            match limiter.admit(&req) {
                Admission::Counted(headers) => limit_headers = Some(headers),
                Admission::Deferred(headers, proof) => {
                    limit_headers = Some(headers);
                    req.extensions_mut().insert(proof);
                }
                Admission::Bypassed => {}
                Admission::Refused(err) => return Ok(finish(req.into_response(err.error_response()), None)),
            }
        }
    }
    let res = next.call(req).await?.map_into_boxed_body();
    Ok(finish(res, limit_headers))
}

fn finish(mut res: ServiceResponse<BoxBody>, limit: Option<LimitHeaders>) -> ServiceResponse<BoxBody> {
    let headers = res.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(HeaderName::from_static(name), HeaderValue::from_static(value));
    }
    if let Some(limit) = limit {
        limit.write(headers);
    }
    res
}

// ---------------------------------------------------------------------------------------
// CSRF

/// Methods a browser may send cross-site that change nothing (RFC 9110 safe methods).
fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE)
}

/// Why an unsafe request authenticated by the session cookie alone is refused, if it is.
///
/// A browser attaches the cookie to requests any page sends, so the cookie alone does not
/// show that the user meant the request. It passes when another source (the
/// `Coder-Session-Token` header, a bearer token, the query parameter) carries the same
/// token, when the double-submit token (`X-CSRF-Token` = the `csrf_token` cookie) is there,
/// or when the browser says it comes from the same origin (`Sec-Fetch-Site`, else `Origin`
/// against `Host`). Anything else is a 403.
pub fn csrf_problem(req: &HttpRequest) -> Option<ApiError> {
    if is_safe(req.method()) {
        return None;
    }
    let cookie = req.cookie(SESSION_COOKIE)?;
    let cookie = cookie.value();
    if cookie.is_empty() {
        return None;
    }
    if auth::other_token_sources(req).any(|t| t == cookie) {
        return None;
    }
    let headers = req.headers();
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let (Some(sent), Some(kept)) = (text(CSRF_HEADER), req.cookie(CSRF_COOKIE)) {
        if !sent.is_empty() && sent == kept.value() {
            return None;
        }
    }
    let why = match text("sec-fetch-site") {
        Some("same-origin" | "none") => return None,
        Some(site) => format!("the browser says the request is {site}"),
        None => match text("origin") {
            Some(origin) if same_origin(origin, req) => return None,
            Some(origin) => format!("its Origin {origin:?} is not this server"),
            None => "it shows neither its origin nor a CSRF token".to_owned(),
        },
    };
    Some(
        ApiError::new(
            StatusCode::FORBIDDEN,
            "Something is wrong with your CSRF token. Please refresh the page. If this error persists, try clearing your cookies.",
        )
        .detail(format!(
            "A {} authenticated by the \"{SESSION_COOKIE}\" cookie alone was refused: {why}. \
             Send the token in the \"{SESSION_HEADER}\" header, or the \"{CSRF_HEADER}\" header matching the \"{CSRF_COOKIE}\" cookie.",
            req.method()
        )),
    )
}

fn same_origin(origin: &str, req: &HttpRequest) -> bool {
    let Some((_, authority)) = origin.split_once("://") else {
        return false; // "null" and the like
    };
    let host = req.headers().get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    !host.is_empty() && authority.trim_end_matches('/').eq_ignore_ascii_case(host)
}

// ---------------------------------------------------------------------------------------
// Rate limit

/// What a request is counted by: its token's key id (the part before `-`; the token is
/// checked later, in the operation) or, without a token, the peer's address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RateKey {
    Key([u8; 10]),
    Ip(IpAddr),
}

type Limiter = Gcra<RateKey, DefaultKeyedStateStore<RateKey>, governor::clock::DefaultClock, StateInformationMiddleware>;

/// How long a proven site owner's token may bypass the limit without being proven again.
const OWNER_PROOF_TTL: Duration = Duration::from_secs(60);
/// Every this many requests, keys idle long enough to be full again are forgotten.
const SWEEP_EVERY: u64 = 8192;

/// Coder's API rate limit: `limit` requests per minute per key, as a GCRA (`governor`), so
/// the budget refills continuously rather than all at once at the minute.
pub struct RateLimiter {
    gcra: Limiter,
    limit: u32,
    calls: AtomicU64,
    /// Tokens proven to belong to a site owner: key id → (SHA-256 of the secret, when).
    owners: quick_cache::sync::Cache<[u8; 10], ([u8; 32], Instant)>,
}

/// What the limiter decided for one request.
enum Admission {
    Counted(LimitHeaders),
    /// Asked to bypass with a token not yet proven to be an owner's: counted, and the
    /// operation records the proof if the token turns out to be an owner's.
    Deferred(LimitHeaders, OwnerProof),
    Bypassed,
    Refused(ApiError),
}

/// The `X-Ratelimit-*` headers of an answer.
#[derive(Debug, Clone, Copy)]
pub struct LimitHeaders {
    limit: u32,
    remaining: u32,
    reset: u64,
}

impl LimitHeaders {
    fn write(&self, headers: &mut HeaderMap) {
        for (name, value) in [("x-ratelimit-limit", self.limit as u64), ("x-ratelimit-remaining", self.remaining as u64), ("x-ratelimit-reset", self.reset)] {
            headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
        }
    }
}

/// Handed to the operation (through the request's extensions and `auth::Session`) when a
/// request asks to bypass the limit: authentication records whether the token is a site
/// owner's, so the next requests with it bypass without another look at the database.
#[derive(Clone)]
pub struct OwnerProof {
    limiter: Arc<RateLimiter>,
}

impl OwnerProof {
    /// Called once the token `id-secret` is authenticated as a site owner's.
    pub fn owner_authenticated(&self, id: &str, secret: &str) {
        if let Ok(id) = <[u8; 10]>::try_from(id.as_bytes()) {
            self.limiter.owners.insert(id, (Sha256::digest(secret.as_bytes()).into(), Instant::now()));
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default()
}

impl RateLimiter {
    /// `limit` requests per minute per key; `None` when `limit` is 0 or negative (disabled,
    /// as Coder's `--api-rate-limit -1`).
    pub fn per_minute(limit: i64) -> Option<Arc<RateLimiter>> {
        let limit = NonZeroU32::new(u32::try_from(limit).ok()?)?;
        Some(Arc::new(RateLimiter {
            gcra: Gcra::keyed(Quota::per_minute(limit)).with_middleware::<StateInformationMiddleware>(),
            limit: limit.get(),
            calls: AtomicU64::new(0),
            owners: quick_cache::sync::Cache::new(1024),
        }))
    }

    fn admit(self: &Arc<Self>, req: &ServiceRequest) -> Admission {
        if self.calls.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.gcra.retain_recent();
            self.gcra.shrink_to_fit();
        }
        let token = auth::token_parts(req.request());
        let key = match &token {
            Some((id, _)) => RateKey::Key(id.as_bytes().try_into().expect("key ids are 10 ASCII characters")),
            None => RateKey::Ip(req.peer_addr().map(|a| a.ip()).unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))),
        };
        let bypass = req
            .headers()
            .get(BYPASS_HEADER)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| crate::go::go_parse_bool(v.trim()) == Some(true));
        if let (true, Some((_, secret)), RateKey::Key(kid)) = (bypass, &token, &key) {
            if let Some((hash, when)) = self.owners.get(kid) {
                let digest: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
                if when.elapsed() < OWNER_PROOF_TTL && hash == digest {
                    return Admission::Bypassed;
                }
            }
            return match self.count(&key) {
                Ok(headers) => Admission::Deferred(headers, OwnerProof { limiter: self.clone() }),
                Err(e) => Admission::Refused(e),
            };
        }
        match self.count(&key) {
            Ok(headers) => Admission::Counted(headers),
            Err(e) => Admission::Refused(e),
        }
    }

    fn count(&self, key: &RateKey) -> Result<LimitHeaders, ApiError> {
        let per_cell = Duration::from_secs(60) / self.limit;
        match self.gcra.check_key(key) {
            Ok(state) => {
                let remaining = state.remaining_burst_capacity();
                let full_in = per_cell * (self.limit - remaining);
                Ok(LimitHeaders { limit: self.limit, remaining, reset: unix_now() + full_in.as_secs_f64().ceil() as u64 })
            }
            Err(not_until) => {
                let wait = not_until.wait_time_from(self.gcra.clock().now());
                let wait_s = wait.as_secs_f64().ceil().max(1.0) as u64;
                let headers = LimitHeaders { limit: self.limit, remaining: 0, reset: unix_now() + wait_s };
                Err(ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    format!("You've been rate limited for sending more than {} requests in 1m0s.", self.limit),
                )
                .detail(format!("Try again in {wait_s} s."))
                .header("x-ratelimit-limit", headers.limit.to_string())
                .header("x-ratelimit-remaining", "0".to_owned())
                .header("x-ratelimit-reset", headers.reset.to_string())
                .header("retry-after", wait_s.to_string()))
            }
        }
    }
}
