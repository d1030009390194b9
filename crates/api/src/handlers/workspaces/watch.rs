//! `GET /workspaces/{workspace}/watch` (Server-Sent Events) and
//! `GET /workspaces/{workspace}/watch-ws` (the same events over a one-way WebSocket).
//! The events come from [`crate::events::Watch`]; these handlers only frame them.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};
use bytes_frame::sse_frame;
use workspaced_sdk::{Response, ServerSentEvent};

use crate::auth::Session;
use crate::error::{ApiError, ApiResult};
use crate::events::Watch;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, CommonErrors};
use crate::AppState;

crate::handlers::route!(300, watch_workspace_by_id);
/// Watch workspace by ID
///
/// Server-Sent Events (`Content-Type: text/event-stream`): first a `ping` event, then a
/// `data` event with the workspace (a `codersdk.Workspace`), then a `data` event whenever
/// the workspace, its builds, jobs, agents or sharing change, and a `ping` every 15
/// seconds. Each event is written as `event: <type>` and, unless it is a ping,
/// `data: <JSON>`, then a blank line. An `error` event (a `codersdk.Response`) tells of a
/// failed read; when the caller may no longer see the workspace, it ends the stream. Coder
/// deprecates this operation in favour of `watch-ws`.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "watch-workspace-by-id",
    params(WorkspacePath),
    responses(
        (status = 200, description = "The event stream; each event's `type` and `data` as in `codersdk.ServerSentEvent`.", content_type = "text/event-stream", body = ServerSentEvent),
        (status = 400, description = "The workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[get("/workspaces/{workspace}/watch")]
pub(super) async fn watch_workspace_by_id(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
) -> ApiResult<HttpResponse> {
    let watch = Watch::open(&state, session, move || Ok(path.get()?.workspace)).await?;
    let events = futures_util::stream::unfold(watch, |mut watch| async move {
        let event = watch.next().await?;
        Some((Ok::<_, std::convert::Infallible>(sse_frame(&event)), watch))
    });
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream")))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .insert_header((header::HeaderName::from_static("x-accel-buffering"), HeaderValue::from_static("no")))
        .streaming(events))
}

crate::handlers::route!(310, watch_workspace_by_id_via_websockets);
/// Watch workspace by ID via WebSockets
///
/// The events of `watch` as WebSocket text frames, each a `codersdk.ServerSentEvent`
/// (`{"type": ..., "data": ...}`), after the handshake (101 Switching Protocols). The socket
/// is one-way: a message from the client closes it with status 1002 (protocol error).
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "watch-workspace-by-id-via-websockets",
    params(WorkspacePath),
    responses(
        (status = 200, description = "Each text frame after the handshake is one event.", body = ServerSentEvent),
        (status = 400, description = "The workspace ID is not a UUID, or a malformed WebSocket handshake.", body = Response, example = examples::invalid_uuid),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        (status = 426, description = "The request is not a WebSocket handshake.", body = Response, example = examples::upgrade_required),
        CommonErrors,
    ),
)]
#[get("/workspaces/{workspace}/watch-ws")]
pub(super) async fn watch_workspace_by_id_via_websockets(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    req: HttpRequest,
    body: web::Payload,
) -> ApiResult<HttpResponse> {
    let watch = Watch::open(&state, session, move || Ok(path.get()?.workspace)).await?;
    upgrade_requested(&req)?;
    let (response, socket, incoming) = actix_ws::handle(&req, body)
        .map_err(|e| ApiError::bad_request("WebSocket protocol violation.").detail(e.to_string()))?;
    actix_web::rt::spawn(one_way(watch, socket, incoming));
    Ok(response)
}

/// Coder's WebSocket library answers a request that is not a handshake 426, with these texts.
fn upgrade_requested(req: &HttpRequest) -> ApiResult<()> {
    let has = |name: header::HeaderName, token: &str| {
        req.headers()
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    };
    let value = |name: header::HeaderName| {
        req.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
    };
    if !has(header::CONNECTION, "upgrade") {
        return Err(ApiError::new(
            StatusCode::UPGRADE_REQUIRED,
            format!("WebSocket protocol violation: Connection header {:?} does not contain Upgrade", value(header::CONNECTION)),
        ));
    }
    if !has(header::UPGRADE, "websocket") {
        return Err(ApiError::new(
            StatusCode::UPGRADE_REQUIRED,
            format!("WebSocket protocol violation: Upgrade header {:?} does not contain websocket", value(header::UPGRADE)),
        ));
    }
    Ok(())
}

/// Sends the watch's events as text frames until the stream ends or the client goes; a
/// message from the client closes the socket with 1002, as Coder's one-way sockets do.
async fn one_way(mut watch: Watch, mut socket: actix_ws::Session, mut incoming: actix_ws::MessageStream) {
    use actix_ws::{CloseCode, Message};
    loop {
        tokio::select! {
            event = watch.next() => {
                let Some(event) = event else { break };
                let Ok(text) = serde_json::to_string(&event) else { break };
                if socket.text(text).await.is_err() {
                    return;
                }
            }
            msg = incoming.recv() => match msg {
                Some(Ok(Message::Ping(bytes))) => {
                    if socket.pong(&bytes).await.is_err() {
                        return;
                    }
                }
                Some(Ok(Message::Pong(_))) => {}
                Some(Ok(Message::Close(_))) | None => break,
                Some(Ok(_)) => {
                    let reason = (CloseCode::Protocol, "Clients cannot send messages for one-way WebSockets");
                    let _ = socket.close(Some(reason.into())).await;
                    return;
                }
                Some(Err(_)) => {
                    let reason = (CloseCode::Error, "Unable to process invalid message from client");
                    let _ = socket.close(Some(reason.into())).await;
                    return;
                }
            },
        }
    }
    let _ = socket.close(Some((CloseCode::Normal, "Connection closed").into())).await;
}

mod bytes_frame {
    use workspaced_sdk::ServerSentEvent;

    /// One event as Coder's SSE writer frames it: `event: <type>\n`, then `data: <JSON>\n`
    /// unless the event carries nothing (a ping), then a blank line.
    pub fn sse_frame(event: &ServerSentEvent) -> actix_web::web::Bytes {
        let mut out = format!("event: {}\n", event.r#type.as_str()).into_bytes();
        if !event.data.is_null() {
            out.extend_from_slice(b"data: ");
            // A Value always serialises.
            out.extend_from_slice(&serde_json::to_vec(&event.data).unwrap_or_default());
            out.push(b'\n');
        }
        out.push(b'\n');
        out.into()
    }
}
