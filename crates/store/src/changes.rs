//! The change feed: which workspaces changed, told to whoever listens (the API's event bus)
//! once the change is committed.
//!
//! Every write that changes what a workspace response shows bumps `workspaces.version` in
//! its transaction (the invariant the kept-workspace cache rests on); each such bump also
//! records the workspace here ([`changed`]), and [`crate::Store`]'s write helper publishes
//! the recorded ids after COMMIT, so a listener that reads the workspace sees the change.
//!
//! Across processes (PostgreSQL), a trigger on `workspaces` UPDATE OF `version` sends
//! `pg_notify('workspace_changed', id)` in the same transaction; [`ChangeListener`] holds
//! one dedicated connection that LISTENs for it (diesel cannot), reconnects when the
//! connection drops, and then asks every listener to re-read what it watches, since
//! notifications sent while it was away are lost.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;

use uuid::Uuid;

/// The PostgreSQL notification channel of workspace changes (see the `live` migration).
pub const CHANNEL: &str = "workspace_changed";

/// What the store tells about committed changes.
pub trait ChangeSink: Send + Sync + 'static {
    /// These workspaces changed (the ids may repeat).
    fn workspaces_changed(&self, ids: &[Uuid]);
    /// Changes may have been missed (the cross-process listener was away): re-read
    /// everything watched.
    fn resync(&self);
}

/// The listeners of one store (shared by its clones).
#[derive(Default)]
pub(crate) struct Feed {
    sinks: RwLock<Vec<Weak<dyn ChangeSink>>>,
}

impl Feed {
    pub(crate) fn subscribe(&self, sink: &Arc<dyn ChangeSink>) {
        let mut sinks = self.sinks.write().unwrap_or_else(|p| p.into_inner());
        sinks.retain(|s| s.strong_count() > 0);
        sinks.push(Arc::downgrade(sink));
    }

    fn each(&self, f: impl Fn(&dyn ChangeSink)) {
        let sinks = self.sinks.read().unwrap_or_else(|p| p.into_inner());
        for sink in sinks.iter().filter_map(Weak::upgrade) {
            f(sink.as_ref());
        }
    }

    pub(crate) fn publish(&self, ids: &[Uuid]) {
        if !ids.is_empty() {
            self.each(|s| s.workspaces_changed(ids));
        }
    }

    pub(crate) fn resync(&self) {
        self.each(|s| s.resync());
    }
}

thread_local! {
    /// Workspaces changed by the write transaction running on this thread.
    static PENDING: RefCell<Vec<Uuid>> = const { RefCell::new(Vec::new()) };
}

/// Records, inside a write transaction, that `workspace_id` changed (called wherever its
/// `version` is bumped); published when the transaction commits.
pub(crate) fn changed(workspace_id: Uuid) {
    PENDING.with(|p| p.borrow_mut().push(workspace_id));
}

/// Takes what the transaction on this thread recorded.
pub(crate) fn take_pending() -> Vec<Uuid> {
    PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// How long the listener waits for a notification before it looks at its stop flag.
const POLL: Duration = Duration::from_millis(250);
/// Pause between attempts to reconnect.
const RECONNECT_AFTER: Duration = Duration::from_millis(500);

/// The dedicated LISTEN connection of a PostgreSQL store; stops when dropped.
pub struct ChangeListener {
    stop: Arc<AtomicBool>,
    connected: Arc<AtomicBool>,
}

impl ChangeListener {
    /// Whether the listener currently holds its connection (for tests and health).
    pub fn is_connected(&self) -> bool {
        self.connected.load(Ordering::Relaxed)
    }
}

impl Drop for ChangeListener {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

pub(crate) fn spawn_listener(url: String, feed: Arc<Feed>) -> ChangeListener {
    let stop = Arc::new(AtomicBool::new(false));
    let connected = Arc::new(AtomicBool::new(false));
    let (s, c) = (stop.clone(), connected.clone());
    let spawned = std::thread::Builder::new()
        .name("pg-listen".into())
        .spawn(move || listen_loop(&url, &feed, &s, &c));
    if let Err(e) = spawned {
        tracing::error!(error = %e, "could not start the change listener");
    }
    ChangeListener { stop, connected }
}

fn listen_loop(url: &str, feed: &Feed, stop: &AtomicBool, connected: &AtomicBool) {
    let mut failures = 0u32;
    while !stop.load(Ordering::Relaxed) {
        match postgres::Client::connect(url, postgres::NoTls) {
            Ok(mut client) => {
                if let Err(e) = client.batch_execute(&format!("LISTEN {CHANNEL}")) {
                    tracing::warn!(error = %e, "LISTEN failed");
                } else {
                    if failures > 0 || connected.load(Ordering::Relaxed) {
                        tracing::info!("change listener reconnected");
                    }
                    failures = 0;
                    connected.store(true, Ordering::Relaxed);
                    // Whatever changed before LISTEN took effect was not heard: re-read.
                    feed.resync();
                    if let Err(e) = receive(&mut client, feed, stop) {
                        tracing::warn!(error = %e, "change listener lost its connection");
                    }
                    connected.store(false, Ordering::Relaxed);
                }
            }
            Err(e) => {
                failures += 1;
                if failures == 1 || failures % 60 == 0 {
                    tracing::warn!(error = %e, url = %crate::redact_url(url), "change listener cannot connect");
                }
            }
        }
        if !stop.load(Ordering::Relaxed) {
            std::thread::sleep(RECONNECT_AFTER);
        }
    }
}

/// Passes notifications on, in batches, until the connection fails or the listener stops.
fn receive(client: &mut postgres::Client, feed: &Feed, stop: &AtomicBool) -> Result<(), postgres::Error> {
    use postgres::fallible_iterator::FallibleIterator;
    while !stop.load(Ordering::Relaxed) {
        let mut batch = Vec::new();
        {
            let mut notifications = client.notifications();
            let mut waiting = notifications.timeout_iter(POLL);
            if let Some(n) = waiting.next()? {
                batch.extend(Uuid::parse_str(n.payload()).ok());
            }
        }
        if batch.is_empty() {
            if client.is_closed() {
                return Ok(());
            }
            continue;
        }
        // Whatever else already arrived goes in the same batch.
        let mut notifications = client.notifications();
        let mut ready = notifications.iter();
        while let Some(n) = ready.next()? {
            batch.extend(Uuid::parse_str(n.payload()).ok());
        }
        batch.sort_unstable();
        batch.dedup();
        feed.publish(&batch);
    }
    Ok(())
}
