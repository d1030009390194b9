//! The reference as one page (`/redoc`), served entirely from the binary: Redoc's standalone
//! bundle is vendored under `crates/api/assets/redoc/` (see its README) and embedded here, so
//! the page renders without network access. The document is inlined in the page.

use actix_web::http::header;
use actix_web::{web, HttpResponse};

/// The vendored Redoc release; part of the script's URL, so a new bundle gets a new URL and
/// the long cache lifetime below never serves a stale one.
pub const REDOC_VERSION: &str = "2.5.4";

/// The standalone bundle, byte for byte as the npm package ships it.
pub const BUNDLE: &[u8] = include_bytes!("../assets/redoc/redoc.standalone.js");

const PAGE: &str = include_str!("../assets/redoc/index.html");

/// Where the bundle is served.
pub fn bundle_path() -> String {
    format!("/redoc/redoc-{REDOC_VERSION}.standalone.js")
}

/// The `/redoc` page: the template with the bundle's path and the document inlined. The
/// document's JSON goes into a `<script>` element, so every `<` in it is written `\u003c`
/// (the same string to JavaScript), and no text of the document can close the element.
pub fn page(doc: &utoipa::openapi::OpenApi) -> String {
    let json = serde_json::to_string(doc).expect("the document serializes").replace('<', "\\u003c");
    PAGE.replace("{{bundle}}", &bundle_path()).replace("{{document}}", &json)
}

/// The rendered page, built once per app.
pub struct RedocPage(pub String);

/// What the page may load: nothing from another origin. Redoc 2's sidebar shows Redocly's
/// logo from their CDN (it hides the image when it fails to load); this policy keeps the
/// browser from even asking, online or not. Redoc needs inline styles (styled-components),
/// `new Function` (its JSON Schema compiler) and a worker from a `blob:` URL (search).
pub const PAGE_POLICY: &str = "default-src 'none'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; \
     worker-src 'self' blob:; base-uri 'none'; form-action 'none'";

pub async fn serve_page(page: web::Data<RedocPage>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::CONTENT_SECURITY_POLICY, PAGE_POLICY))
        .body(page.0.clone())
}

pub async fn serve_bundle() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(BUNDLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assets_readme_names_the_embedded_version() {
        let readme = include_str!("../assets/redoc/README.md");
        assert!(readme.contains(&format!("npm pack redoc@{REDOC_VERSION}")), "README and REDOC_VERSION disagree");
        let banner = std::str::from_utf8(&BUNDLE[..200.min(BUNDLE.len())]).unwrap_or_default();
        assert!(banner.contains("redoc.standalone.js.LICENSE.txt"), "the bundle is Redoc's standalone build");
        let licenses = include_str!("../assets/redoc/redoc.standalone.js.LICENSE.txt");
        assert!(licenses.contains(&format!("Version: \"{REDOC_VERSION}\"")), "the bundle is Redoc {REDOC_VERSION}");
    }

    #[test]
    fn the_inlined_document_cannot_close_the_script_element() {
        let mut doc = utoipa::openapi::OpenApiBuilder::new().build();
        doc.info.description = Some("a </script><script>alert(1)</script> in a description".into());
        let html = page(&doc);
        assert_eq!(html.matches("</script>").count(), 2, "only the page's own two script elements close");
        assert!(html.contains(r"\u003c/script>\u003cscript>alert(1)\u003c/script>"));
        assert!(html.contains(&format!(r#"<script src="{}"></script>"#, bundle_path())));
    }
}
