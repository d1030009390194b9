//! Conditional GETs: `ETag` on the workspace reads and `If-None-Match` → 304.
//!
//! The tag is the content hash a kept body already carries (`bodies::Tagged`), so a poller
//! whose copy is current gets `304 Not Modified` with no body, and the server neither
//! converts nor serialises anything for it. Tags are strong (equal exactly when the bytes
//! are) and the same on every replica running the same build, since they hash the bytes and
//! nothing of the process.

use std::future::{ready, Ready};

use actix_web::http::header::{self, ContentType, HeaderValue};
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use utoipa::IntoParams;

use crate::bodies::Tagged;

/// The `If-None-Match` request header (RFC 9110 §13.1.2).
#[derive(Debug, Clone, Default, IntoParams)]
#[into_params(parameter_in = Header)]
pub struct Conditional {
    /// The `ETag` of a copy the client already has (several, comma-separated, or `*`): when one matches the current representation, the answer is `304 Not Modified` without a body.
    #[param(rename = "If-None-Match", nullable = false)]
    if_none_match: Option<String>,
}

impl FromRequest for Conditional {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    /// Never fails: a header that is not visible ASCII matches nothing, so the full answer
    /// is sent (a malformed precondition is ignored, as RFC 9110 §13.1 lets a server do).
    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let joined: Vec<&str> = req.headers().get_all(header::IF_NONE_MATCH).filter_map(|v| v.to_str().ok()).collect();
        let if_none_match = (!joined.is_empty()).then(|| joined.join(","));
        ready(Ok(Conditional { if_none_match }))
    }
}

impl Conditional {
    /// Conditional on `value` (an `If-None-Match` header value), for tests and tools.
    pub fn if_none_match(value: &str) -> Conditional {
        Conditional { if_none_match: Some(value.to_owned()) }
    }

    /// Whether the client's copy is `etag` (`"…"`): `*`, or one of the listed tags by the
    /// weak comparison If-None-Match calls for (a `W/` prefix is ignored).
    pub fn matches(&self, etag: &str) -> bool {
        let Some(list) = &self.if_none_match else { return false };
        list.split(',').map(str::trim).any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
    }

    /// The answer for `body`: `304` with only its `ETag` when the client's copy is current,
    /// else `200` with the JSON and its `ETag`.
    pub fn respond(&self, body: Tagged) -> HttpResponse {
        let etag = entity_tag(body.tag);
        let value = HeaderValue::from_str(&etag).expect("hex digits in quotes are a valid header value");
        if self.matches(&etag) {
            return HttpResponse::NotModified().insert_header((header::ETAG, value)).finish();
        }
        HttpResponse::Ok().content_type(ContentType::json()).insert_header((header::ETAG, value)).body(body.json)
    }
}

/// The quoted entity tag of a content hash: `"` 32 hex digits `"`.
pub fn entity_tag(tag: u128) -> String {
    format!("\"{tag:032x}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_follows_rfc_9110_weak_comparison() {
        let tag = entity_tag(0xabc);
        assert_eq!(tag, "\"00000000000000000000000000000abc\"");
        assert!(!Conditional::default().matches(&tag));
        assert!(Conditional::if_none_match(&tag).matches(&tag));
        assert!(Conditional::if_none_match(&format!("W/{tag}")).matches(&tag));
        assert!(Conditional::if_none_match("*").matches(&tag));
        assert!(Conditional::if_none_match(&format!("\"x\", {tag} ,\"y\"")).matches(&tag));
        assert!(!Conditional::if_none_match("\"x\", \"y\"").matches(&tag));
        // The quotes are part of the tag.
        assert!(!Conditional::if_none_match(tag.trim_matches('"')).matches(&tag));
        assert!(!Conditional::if_none_match(&entity_tag(0xabd)).matches(&tag));
    }

    #[test]
    fn a_matching_tag_answers_304_without_a_body_and_others_the_full_body() {
        use actix_web::body::MessageBody;
        let body = Tagged::new(actix_web::web::Bytes::from_static(b"{\"count\":0,\"workspaces\":[]}"));
        let etag = entity_tag(body.tag);
        let full = Conditional::if_none_match("\"other\"").respond(body.clone());
        assert_eq!(full.status(), actix_web::http::StatusCode::OK);
        assert_eq!(full.headers().get(header::ETAG).unwrap(), etag.as_str());
        let not_modified = Conditional::if_none_match(&etag).respond(body);
        assert_eq!(not_modified.status(), actix_web::http::StatusCode::NOT_MODIFIED);
        assert_eq!(not_modified.headers().get(header::ETAG).unwrap(), etag.as_str());
        assert!(matches!(not_modified.body().size(), actix_web::body::BodySize::Sized(0) | actix_web::body::BodySize::None));
    }
}
