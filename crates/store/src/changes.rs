//! The change feed: which workspaces changed, told to whoever listens (the API's event bus)
//! once the change is committed.
//!
//! Every write that changes what a workspace response shows moves `workspaces.version` in
//! its transaction, by the database's triggers (the `stamp_triggers` migration; the
//! invariant the kept-workspace cache rests on). The same triggers feed this module:
//!
//! - SQLite: a trigger on every move of `version` (and on every new workspace) calls
//!   `workspace_changed(id)`, a function each connection registers
//!   ([`register_sqlite_feed`]) that records the id on the writing thread; [`crate::Store`]'s
//!   write helper publishes the recorded ids after COMMIT, so a listener that reads the
//!   workspace sees the change. Writes of another process on the same file (an admin
//!   command) are heard by the watcher of the file's `PRAGMA data_version`
//!   ([`spawn_sqlite_watcher`]), which asks every listener to re-read what it watches.
//! - PostgreSQL: the same triggers list the id in a transaction-local setting, which the
//!   write helper reads before COMMIT and publishes after ([`record_postgres_changes`]), and
//!   send `pg_notify('workspace_changed', id)`; [`ChangeListener`] holds one dedicated connection that LISTENs for it
//!   (diesel cannot) and hears every process's changes, this one's included; it reconnects
//!   when the connection drops, and then asks every listener to re-read what it watches,
//!   since notifications sent while it was away are lost.

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

diesel::define_sql_function! {
    /// Called by the SQLite triggers on every move of a workspace's `version`.
    fn workspace_changed(id: diesel::sql_types::Text) -> diesel::sql_types::Integer;
}

/// Registers `workspace_changed(id)` on a SQLite connection: it records, inside the write
/// transaction running on this thread, that the workspace changed; published at COMMIT.
pub(crate) fn register_sqlite_feed(conn: &mut diesel::SqliteConnection) -> diesel::QueryResult<()> {
    workspace_changed_utils::register_nondeterministic_impl(conn, |id: String| {
        match Uuid::parse_str(&id) {
            Ok(id) => PENDING.with(|p| p.borrow_mut().push(id)),
            Err(e) => tracing::error!(error = %e, id, "a changed workspace's id is not a UUID"),
        }
        0
    })
}

/// The transaction-local setting in which PostgreSQL's triggers list the workspaces the
/// transaction changed (ids followed by commas; see the `stamp_triggers` migration).
const POSTGRES_CHANGED: &str = "workspaced.changed";

/// Records, at the end of a PostgreSQL write transaction, the workspaces its triggers listed
/// (one statement), to be published after COMMIT like SQLite's.
pub(crate) fn record_postgres_changes(c: &mut crate::DbConnection) -> crate::StoreResult<()> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Changed {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        ids: Option<String>,
    }
    let changed: Changed = diesel::sql_query(format!("SELECT current_setting('{POSTGRES_CHANGED}', true) AS ids")).get_result(c)?;
    let ids = changed.ids.unwrap_or_default();
    PENDING.with(|p| p.borrow_mut().extend(ids.split(',').filter_map(|id| Uuid::parse_str(id).ok())));
    Ok(())
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

/// The watcher of a SQLite file's `PRAGMA data_version` (its own connection, read every
/// [`POLL`]): the number moves when another connection commits, this process's included, so
/// each move asks every listener to re-read what it watches (a re-read that finds the same
/// stamp sends nothing). This is how a SQLite server hears the writes of an admin command
/// run beside it.
pub(crate) fn spawn_sqlite_watcher(path: String, feed: Arc<Feed>) -> ChangeListener {
    let stop = Arc::new(AtomicBool::new(false));
    let connected = Arc::new(AtomicBool::new(false));
    let (s, c) = (stop.clone(), connected.clone());
    let spawned = std::thread::Builder::new()
        .name("sqlite-watch".into())
        .spawn(move || watch_loop(&path, &feed, &s, &c));
    if let Err(e) = spawned {
        tracing::error!(error = %e, "could not start the change watcher");
    }
    ChangeListener { stop, connected }
}

fn watch_loop(path: &str, feed: &Feed, stop: &AtomicBool, connected: &AtomicBool) {
    use diesel::{Connection, RunQueryDsl};
    #[derive(diesel::QueryableByName)]
    struct DataVersion {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        data_version: i64,
    }
    let mut conn: Option<diesel::SqliteConnection> = None;
    let mut last = None;
    while !stop.load(Ordering::Relaxed) {
        if conn.is_none() {
            conn = diesel::SqliteConnection::establish(path)
                .inspect_err(|e| tracing::warn!(error = %e, "change watcher cannot open the database"))
                .ok();
        }
        if let Some(c) = conn.as_mut() {
            match diesel::sql_query("PRAGMA data_version").get_result::<DataVersion>(c) {
                Ok(v) => {
                    connected.store(true, Ordering::Relaxed);
                    if last.is_some_and(|l| l != v.data_version) {
                        feed.resync();
                    }
                    last = Some(v.data_version);
                }
                Err(e) => {
                    tracing::warn!(error = %e, "change watcher cannot read the database");
                    connected.store(false, Ordering::Relaxed);
                    conn = None;
                    last = None;
                    feed.resync();
                }
            }
        }
        std::thread::sleep(POLL);
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
