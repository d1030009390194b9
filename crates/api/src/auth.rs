//! Authentication (session tokens) and authorization (who may see and act on what).
//!
//! A token is `<id>-<secret>`: 10 random alphanumerics, a dash, 22 more. Only a SHA-256 of
//! the secret is stored; the id finds the row, the hash is compared in constant time.

use std::future::{ready, Ready};

use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use chrono::{Duration, Utc};
use rand::distr::{Alphanumeric, SampleString};
use sha2::{Digest, Sha256};
use workspaced_store::models::ApiKey;
use workspaced_store::types::UserStatus;
use workspaced_store::Store;

use crate::error::ApiError;
pub use crate::services::Caller;

pub const SESSION_COOKIE: &str = "coder_session_token";
pub const SESSION_HEADER: &str = "Coder-Session-Token";
const SIGNED_OUT: &str = "You are signed out or your session has expired. Please sign in again to continue.";
const ID_LEN: usize = 10;
const SECRET_LEN: usize = 22;

/// A freshly minted token: what the user is shown once, and the row that is stored.
pub struct NewToken {
    pub token: String,
    pub key: ApiKey,
}

fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Makes a token for `user_id` valid for `lifetime`.
pub fn mint_token(user_id: uuid::Uuid, lifetime: Duration, name: &str) -> NewToken {
    let mut rng = rand::rng();
    let id = Alphanumeric.sample_string(&mut rng, ID_LEN);
    let secret = Alphanumeric.sample_string(&mut rng, SECRET_LEN);
    let now = workspaced_store::now();
    NewToken {
        token: format!("{id}-{secret}"),
        key: ApiKey {
            id,
            user_id,
            hashed_secret: hash_secret(&secret),
            token_name: name.to_owned(),
            lifetime_seconds: lifetime.num_seconds(),
            expires_at: now + lifetime,
            last_used: now,
            created_at: now,
        },
    }
}

/// Creates and stores a token; returns the token text.
pub fn create_token(store: &Store, user_id: uuid::Uuid, lifetime: Duration, name: &str) -> Result<String, workspaced_store::StoreError> {
    let t = mint_token(user_id, lifetime, name);
    store.insert_api_key(&t.key)?;
    Ok(t.token)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn unauthorized(detail: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, SIGNED_OUT).detail(detail)
}

/// The session cookie's value, if the request carries a non-empty one.
fn cookie_token(req: &HttpRequest) -> Option<String> {
    req.cookie(SESSION_COOKIE).map(|c| c.value().to_owned()).filter(|v| !v.is_empty())
}

fn query_token(req: &HttpRequest) -> Option<String> {
    if !req.query_string().contains(SESSION_COOKIE) {
        return None;
    }
    let q = web::Query::<Vec<(String, String)>>::from_query(req.query_string()).ok()?;
    q.into_inner().into_iter().find(|(k, v)| k == SESSION_COOKIE && !v.is_empty()).map(|(_, v)| v)
}

fn header_token(req: &HttpRequest) -> Option<String> {
    req.headers().get(SESSION_HEADER).and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty()).map(str::to_owned)
}

fn bearer_token(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Finds the token in the request: cookie, query parameter, header, then bearer.
fn token_from_request(req: &HttpRequest) -> Option<String> {
    cookie_token(req).or_else(|| query_token(req)).or_else(|| header_token(req)).or_else(|| bearer_token(req))
}

/// The tokens a request carries other than in the session cookie (query, header, bearer):
/// a browser never adds these by itself, so a request with one is no cross-site forgery.
pub fn other_token_sources(req: &HttpRequest) -> impl Iterator<Item = String> + '_ {
    [query_token as fn(&HttpRequest) -> Option<String>, header_token, bearer_token].into_iter().filter_map(move |f| f(req))
}

/// The id and secret of the token the request carries, when it has the token's shape
/// (not yet checked against the database).
pub fn token_parts(req: &HttpRequest) -> Option<(String, String)> {
    let token = token_from_request(req)?;
    split_token(&token).map(|(id, secret)| (id.to_owned(), secret.to_owned()))
}

/// Splits and checks the shape of a token.
fn split_token(token: &str) -> Option<(&str, &str)> {
    let (id, secret) = token.split_once('-')?;
    let ok = id.len() == ID_LEN
        && secret.len() == SECRET_LEN
        && id.chars().all(|c| c.is_ascii_alphanumeric())
        && secret.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then_some((id, secret))
}

/// The session token a request carries, read (not yet checked) when the request is
/// extracted. [`Session::authenticate`] checks it against the database inside the blocking
/// hop of the operation itself (`AppState::call_as`), so authentication and the operation's
/// reads cost one hop together.
///
/// A request whose path names a workspace (`{workspace}`) is about that workspace:
/// authentication also finds whether the caller may read it, in the same statement, and the
/// store keeps what it found for the operation's reads ([`Store::operation`]).
pub struct Session {
    /// The token's id and secret, or the 401 for a missing or malformed token.
    token: Result<(String, String), ApiError>,
    /// The rate limiter's note to make when a site owner authenticates (it asked to bypass
    /// the limit), if it asked.
    owner_proof: Option<crate::security::OwnerProof>,
    /// The workspace the path names, when it names one and it is a UUID.
    workspace: Option<uuid::Uuid>,
}

impl Session {
    /// The caller the token belongs to, or 401 in Coder's words.
    pub fn authenticate(&self, store: &Store) -> Result<Caller, ApiError> {
        let (id, secret) = self.token.as_ref().map_err(Clone::clone)?;
        let found = match self.workspace {
            Some(workspace) => store.api_key_with_user_probing(id, workspace)?,
            None => store.api_key_with_user(id)?,
        };
        let Some((key, user)) = found else {
            return Err(unauthorized("API key secret is invalid."));
        };
        if !constant_time_eq(hash_secret(secret).as_bytes(), key.hashed_secret.as_bytes()) {
            return Err(unauthorized("API key secret is invalid."));
        }
        let now = Utc::now().naive_utc();
        if key.expires_at <= now {
            return Err(unauthorized("API key expired."));
        }
        if user.status != UserStatus::Active {
            return Err(unauthorized(format!("User is {}. Contact an admin to reactivate the account.", user.status)));
        }
        let caller = Caller { user };
        if let (Some(proof), true) = (&self.owner_proof, caller.is_owner()) {
            // It asked to bypass the rate limit: its next requests may, without a lookup.
            proof.owner_authenticated(id, secret);
        }
        // last_used moves at most once a minute.
        if now - key.last_used > Duration::minutes(1) {
            // Best effort: a database that cannot take writes (disk full) still serves reads.
            match store.touch_api_key(&key.id) {
                Ok(()) => {}
                Err(e @ workspaced_store::StoreError::WouldWait) => return Err(e.into()),
                Err(e) => tracing::warn!(error = %e, "recording the session's last use failed"),
            }
        }
        Ok(caller)
    }
}

fn read_session(req: &HttpRequest) -> Result<(String, String), ApiError> {
    let Some(token) = token_from_request(req) else {
        return Err(unauthorized(format!("Cookie \"{SESSION_COOKIE}\" or query parameter must be provided.")));
    };
    let Some((id, secret)) = split_token(&token) else {
        return Err(unauthorized(format!("Invalid \"{SESSION_COOKIE}\" cookie: token format is <id>-<secret>.")));
    };
    Ok((id.to_owned(), secret.to_owned()))
}

impl FromRequest for Session {
    type Error = actix_web::Error;
    type Future = Ready<Result<Session, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let owner_proof = req.extensions().get::<crate::security::OwnerProof>().cloned();
        // A malformed id is the handler's 400, after authentication; nothing to probe.
        let workspace = req.match_info().get("workspace").and_then(|raw| crate::go::parse_coder_uuid(raw).ok());
        ready(Ok(Session { token: read_session(req), owner_proof, workspace }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minted_tokens_have_coders_shape_and_verify() {
        let t = mint_token(uuid::Uuid::new_v4(), Duration::days(1), "");
        let (id, secret) = split_token(&t.token).expect("shape");
        assert_eq!(id, t.key.id);
        assert_eq!(hash_secret(secret), t.key.hashed_secret);
        assert_ne!(secret, t.key.hashed_secret, "the secret itself is never stored");
    }

    #[test]
    fn malformed_tokens_are_refused() {
        for bad in ["", "abc", "0123456789-short", "012345678-0123456789012345678901", "0123456789_0123456789012345678901", "01234567!9-0123456789012345678901"] {
            assert!(split_token(bad).is_none(), "{bad}");
        }
        assert!(split_token("0123456789-0123456789012345678901").is_some());
    }

    #[test]
    fn constant_time_compare() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
