//! The event bus: one topic per watched workspace, rung whenever the workspace changes.
//!
//! It is fed by the store's change feed ([`workspaced_store::changes`]): every committed
//! write that changes what a workspace shows (the API's, the provisioner's, the lifecycle
//! executor's) and, with PostgreSQL, every change another server process commits, heard
//! through LISTEN/NOTIFY ([`EventBus::listen`]).
//!
//! A topic is a `tokio::sync::watch` channel of a change counter, not a queue of events:
//! a subscriber that is slow (a client that does not read) misses nothing that matters and
//! holds nothing up. When it gets to it, it sees that the counter moved and reads the
//! workspace's current state once, however many changes happened meanwhile; ringing the
//! bus never waits for any subscriber, and costs the same with one subscriber or a
//! thousand. (A broadcast queue would have to drop events for a lagging subscriber and
//! then send it the current state anyway.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::watch;
use uuid::Uuid;
use workspaced_store::{ChangeListener, ChangeSink, Store, WorkspaceAction};

/// The server's event bus (cheap to clone: clones share the topics).
#[derive(Clone, Default)]
pub struct EventBus {
    topics: Arc<Topics>,
}

struct Topics {
    by_workspace: Mutex<HashMap<Uuid, watch::Sender<u64>>>,
    /// Set when the server shuts down: every watch stream ends.
    closing: watch::Sender<bool>,
}

impl Default for Topics {
    fn default() -> Topics {
        Topics { by_workspace: Mutex::default(), closing: watch::channel(false).0 }
    }
}

impl ChangeSink for Topics {
    fn workspaces_changed(&self, ids: &[Uuid]) {
        let topics = self.by_workspace.lock().unwrap_or_else(|p| p.into_inner());
        for id in ids {
            if let Some(topic) = topics.get(id) {
                topic.send_modify(|n| *n = n.wrapping_add(1));
            }
        }
    }

    fn resync(&self) {
        let topics = self.by_workspace.lock().unwrap_or_else(|p| p.into_inner());
        for topic in topics.values() {
            topic.send_modify(|n| *n = n.wrapping_add(1));
        }
    }
}

impl EventBus {
    /// A bus fed by `store`'s committed changes.
    pub fn new(store: &Store) -> EventBus {
        let bus = EventBus::default();
        let sink: Arc<dyn ChangeSink> = bus.topics.clone();
        store.subscribe_changes(&sink);
        bus
    }

    /// Starts hearing the changes other processes commit (`Store::listen_for_changes`).
    /// Keep the handle for as long as the server runs.
    pub fn listen(&self, store: &Store) -> Option<ChangeListener> {
        store.listen_for_changes()
    }

    /// Rings the topic of `workspace_id` (what the store's feed does after each commit).
    pub fn publish(&self, workspace_id: Uuid) {
        self.topics.workspaces_changed(&[workspace_id]);
    }

    /// Subscribes to the changes of one workspace.
    pub fn subscribe(&self, workspace_id: Uuid) -> Subscription {
        let mut topics = self.topics.by_workspace.lock().unwrap_or_else(|p| p.into_inner());
        let rx = topics.entry(workspace_id).or_insert_with(|| watch::channel(0).0).subscribe();
        Subscription { workspace_id, rx, topics: self.topics.clone() }
    }

    /// Ends every watch stream (the server is shutting down), now and from now on.
    pub fn close(&self) {
        self.topics.closing.send_replace(true);
    }

    /// How many workspaces have subscribers (for tests).
    pub fn watched(&self) -> usize {
        self.topics.by_workspace.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

/// One subscriber's view of a workspace's topic; unsubscribes when dropped.
pub struct Subscription {
    workspace_id: Uuid,
    rx: watch::Receiver<u64>,
    topics: Arc<Topics>,
}

impl Subscription {
    /// Waits until the workspace changed since this was last called (or since the
    /// subscription began). Changes in between are folded into one.
    pub async fn changed(&mut self) {
        // The sender lives as long as any subscription of the topic: never an error.
        if self.rx.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let mut topics = self.topics.by_workspace.lock().unwrap_or_else(|p| p.into_inner());
        // This subscription's receiver is still alive here: the topic goes with its last.
        if topics.get(&self.workspace_id).is_some_and(|t| t.receiver_count() <= 1) {
            topics.remove(&self.workspace_id);
        }
    }
}

/// How often a watch stream sends a `ping` (and checks the caller may still see the
/// workspace, whatever else happened).
pub const PING_EVERY: std::time::Duration = std::time::Duration::from_secs(15);

/// One watcher of one workspace (`GET /watch` and `/watch-ws`): yields the events of the
/// stream, as Coder sends them: a `ping`, the workspace as a `data` event, then a `data`
/// event whenever the workspace changes, a `ping` every [`PING_EVERY`]. Each change is
/// read as the caller (the authorization rule of get by id); when the caller may no longer
/// see the workspace, an `error` event ends the stream.
pub struct Watch {
    state: crate::AppState,
    actor: workspaced_store::Actor,
    requester: Uuid,
    workspace_id: Uuid,
    subscription: Subscription,
    closing: watch::Receiver<bool>,
    ping: tokio::time::Interval,
    /// The stamp (version) of what the last `data` event showed.
    shown: Option<i64>,
    pinged: bool,
    ended: bool,
    /// Counts this stream in the `workspaced_watchers` gauge while it is open.
    _open: crate::metrics::WatcherGuard,
}

/// What the next step of a watch is.
enum Read {
    /// The workspace, changed since the last `data` event.
    Changed(Box<workspaced_sdk::ServerSentEvent>),
    Unchanged,
    /// No longer visible (or gone): the error event, then the end.
    Gone,
    /// A read failed: the cause (the stream goes on).
    Failed(String),
}

impl Watch {
    /// Authenticates the caller and checks it may see the workspace (401, 400 for a bad
    /// id, 404 as get by id), then subscribes, before the first read, so that no change
    /// after the first `data` event is missed.
    pub async fn open(
        state: &crate::AppState,
        session: crate::auth::Session,
        workspace_id: impl FnOnce() -> crate::ApiResult<Uuid> + Clone + Send + 'static,
    ) -> crate::ApiResult<Watch> {
        let (caller, id) = state
            .read_as(session, move |store, caller| {
                let id = workspace_id()?;
                store.workspace_for(&caller.actor(), id, WorkspaceAction::Read)?.map_err(crate::services::Failure::from)?;
                Ok((caller, id))
            })
            .await?;
        let subscription = state.events.subscribe(id);
        let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + PING_EVERY, PING_EVERY);
        ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        Ok(Watch {
            state: state.clone(),
            actor: caller.actor(),
            requester: caller.user.id,
            workspace_id: id,
            subscription,
            closing: state.events.topics.closing.subscribe(),
            ping,
            shown: None,
            pinged: false,
            ended: false,
            _open: crate::metrics::WatcherGuard::open(),
        })
    }

    /// The next event; `None` once the stream has ended.
    pub async fn next(&mut self) -> Option<workspaced_sdk::ServerSentEvent> {
        use workspaced_sdk::ServerSentEvent;
        if self.ended || *self.closing.borrow() {
            return None;
        }
        if !self.pinged {
            // The first ping tells the client the stream is ready.
            self.pinged = true;
            return Some(ServerSentEvent::ping());
        }
        let mut first = self.shown.is_none();
        loop {
            let mut tick = false;
            if !first {
                tokio::select! {
                    _ = self.subscription.changed() => {}
                    _ = self.ping.tick() => tick = true,
                    _ = self.closing.wait_for(|closing| *closing) => {
                        self.ended = true;
                        return None;
                    }
                }
            }
            first = false;
            match self.read().await {
                Read::Changed(event) => return Some(*event),
                Read::Unchanged if tick => return Some(ServerSentEvent::ping()),
                Read::Unchanged => {}
                Read::Gone => {
                    self.ended = true;
                    return Some(ServerSentEvent::error(&crate::ApiError::not_found().body));
                }
                Read::Failed(cause) => {
                    return Some(ServerSentEvent::error(
                        &crate::ApiError::internal("Internal error fetching workspace.", cause).body,
                    ));
                }
            }
        }
    }

    /// Reads the workspace as the caller: on the async worker when the store can answer
    /// without waiting (SQLite), else on the blocking pool.
    async fn read(&mut self) -> Read {
        let (actor, id) = (self.actor, self.workspace_id);
        let get = move |store: &Store| store.workspace_for(&actor, id, WorkspaceAction::Read);
        let found = match self.state.store.without_waiting(get) {
            Some(found) => found.map_err(crate::ApiError::from),
            None => self.state.db(move |store| get(store)).await,
        };
        let agg = match found {
            Ok(Ok(agg)) => agg,
            Ok(Err(_denied)) => return Read::Gone,
            Err(e) if e.body.detail.is_empty() => return Read::Failed(e.body.message),
            Err(e) => return Read::Failed(e.body.detail),
        };
        let key = agg.workspace.version;
        if self.shown == Some(key) {
            return Read::Unchanged;
        }
        let ws = crate::convert::workspace(&agg, self.requester, chrono::Utc::now());
        match workspaced_sdk::ServerSentEvent::data(&ws) {
            Ok(event) => {
                self.shown = Some(key);
                Read::Changed(Box::new(event))
            }
            Err(e) => Read::Failed(format!("converting the workspace: {e}")),
        }
    }
}
