//! `workspaced`: the server (`serve`) and the admin commands that work on the same
//! database (`users`, `tokens`, `templates`, `groups`).

use std::sync::Arc;
use std::time::Duration as StdDuration;

/// mimalloc: the server allocates many small, short-lived values per request (rows, wire
/// values, JSON); glibc's allocator showed as a tenth of the read path's profile.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use workspaced_api::provisioner::{self, ProvisionerConfig};
use workspaced_api::{auth, bootstrap, lifecycle, AppState};
use workspaced_store::types::SiteRole;
use workspaced_store::{NewUser, Store};

#[derive(Parser)]
#[command(name = "workspaced", version, about = "Coder's Workspaces API, served from one binary")]
struct Cli {
    /// Database: sqlite://PATH (the embedded default) or postgres://USER@HOST:PORT/DB.
    #[arg(long, global = true, env = "WORKSPACED_DATABASE_URL", default_value = "sqlite://workspaced.db")]
    database_url: String,
    /// Log format of the server's log on stderr.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Run the API server (migrates the database; seeds it on first start).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "WORKSPACED_LISTEN", default_value = "127.0.0.1:3000")]
        listen: String,
        /// How many builds the built-in echo provisioner runs at once (Coder's
        /// `--provisioner-daemons`); 0 runs none (builds wait for another server's).
        #[arg(long, env = "WORKSPACED_PROVISIONER_DAEMONS", default_value_t = provisioner::DEFAULT_DAEMONS)]
        provisioner_daemons: usize,
        /// How long each echo build runs, in milliseconds.
        #[arg(long, env = "WORKSPACED_ECHO_BUILD_MS", default_value_t = provisioner::DEFAULT_STEP.as_millis() as u64)]
        echo_build_ms: u64,
        /// API requests per minute per user (per IP for anonymous requests), as Coder's
        /// `--api-rate-limit`; 0 or a negative value disables the limit. Site owners may
        /// bypass it with the header `X-Coder-Bypass-Ratelimit: true`.
        #[arg(long, env = "WORKSPACED_API_RATE_LIMIT", default_value_t = workspaced_api::security::DEFAULT_API_RATE_LIMIT, allow_negative_numbers = true)]
        api_rate_limit: i64,
        /// Serve Prometheus metrics at http://ADDRESS/metrics (off unless set), e.g. 127.0.0.1:2112.
        #[arg(long, env = "WORKSPACED_PROMETHEUS_ADDRESS")]
        prometheus_address: Option<String>,
        /// How often the lifecycle executor starts, stops, makes dormant and deletes the
        /// workspaces whose schedules are due: 500ms, 30s, 1m, 1h (a bare number is
        /// seconds); 0 runs none (another server's executor does it).
        #[arg(long, env = "WORKSPACED_LIFECYCLE_INTERVAL", default_value = "1m", value_parser = parse_interval)]
        lifecycle_interval: StdDuration,
        /// Most connections the server keeps to its database; the default is 8 for SQLite
        /// and two per core (4 to 16) for PostgreSQL. Requests beyond them queue in order.
        #[arg(long, env = "WORKSPACED_DATABASE_MAX_CONNECTIONS", value_parser = clap::value_parser!(u32).range(1..=1000))]
        database_max_connections: Option<u32>,
    },
    /// Manage users.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Manage session tokens.
    #[command(subcommand)]
    Tokens(TokensCommand),
    /// Inspect templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Manage groups (workspaces can be shared with a group).
    #[command(subcommand)]
    Groups(GroupsCommand),
}

#[derive(Subcommand)]
enum GroupsCommand {
    /// Create a group in an organization; prints its id, name and organization.
    Create {
        /// 1-32 letters, digits and single hyphens; unique in the organization (any case).
        name: String,
        /// Organization (name or id).
        #[arg(long, default_value = "coder")]
        org: String,
    },
    /// Add a user to a group.
    Add {
        /// The group: its id, `NAME` (in the default organization) or `ORG/NAME`.
        group: String,
        /// Username (or id) of the user; a member of the group's organization.
        user: String,
    },
    /// Set a group's display name (shown by the workspaces shared with the group, at once).
    SetDisplayName {
        /// The group: its id, `NAME` (in the default organization) or `ORG/NAME`.
        group: String,
        /// The display name (may be empty: the name is shown instead).
        display_name: String,
    },
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Create a user (a member of the default organization).
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
        /// Full name.
        #[arg(long, default_value = "")]
        name: String,
        /// Make the user a site owner (sees and manages everything).
        #[arg(long)]
        owner: bool,
    },
    /// List users.
    List,
    /// Rename a user (as Coder allows). Every workspace response, list and watch stream that
    /// shows the name shows the new one at once, on every server of the database.
    Rename {
        /// The user's current username (or id).
        old: String,
        /// 1-32 letters, digits and single hyphens; not taken by another user (any case).
        new: String,
    },
}

#[derive(Subcommand)]
enum TokensCommand {
    /// Create a session token for a user; prints only the token.
    Create {
        /// Username (or id) of the user.
        #[arg(long)]
        user: String,
        /// How long the token is valid: 30d, 12h, 90m, 3600s.
        #[arg(long, default_value = "30d")]
        lifetime: String,
    },
    /// List a user's tokens: id, created, expires, last used, name (never the secret).
    List {
        /// Username (or id) of the user.
        #[arg(long)]
        user: String,
    },
    /// Delete a token (by its id, the part before '-'): refused from the next request on,
    /// by every server on the database.
    Delete {
        /// The token's id (a whole token is accepted too; only its id is used).
        id: String,
    },
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// List templates (id, name).
    List,
    /// Set how widely ports of the template's workspaces may be shared (owner,
    /// organization, authenticated or public). Lowering it lowers the shares above it to
    /// it (`owner`: removes them all), as Coder does.
    SetMaxPortShareLevel {
        /// Template name (or id).
        template: String,
        /// The new max level.
        level: String,
    },
}

fn find_template(store: &Store, key: &str) -> Result<workspaced_store::models::Template> {
    let all = store.list_templates()?;
    if let Some(t) = uuid::Uuid::parse_str(key).ok().and_then(|id| all.iter().find(|t| t.id == id)) {
        return Ok(t.clone());
    }
    let mut named = all.into_iter().filter(|t| t.name.eq_ignore_ascii_case(key));
    match (named.next(), named.next()) {
        (Some(t), None) => Ok(t),
        (Some(_), Some(_)) => bail!("more than one template is called {key:?}: give its id"),
        (None, _) => bail!("no template {key:?}"),
    }
}

/// Parses `30d`, `12h`, `90m`, `3600s` (a bare number is seconds).
fn parse_lifetime(s: &str) -> Result<chrono::Duration> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: i64 = num.parse().with_context(|| format!("bad lifetime {s:?}: expected e.g. 30d, 12h, 90m"))?;
    let d = match unit {
        "d" => chrono::Duration::days(n),
        "h" => chrono::Duration::hours(n),
        "m" => chrono::Duration::minutes(n),
        "s" | "" => chrono::Duration::seconds(n),
        other => bail!("bad lifetime unit {other:?}: use d, h, m or s"),
    };
    if d <= chrono::Duration::zero() {
        bail!("lifetime must be positive");
    }
    Ok(d)
}

/// Parses `500ms`, `30s`, `1m`, `1h` (a bare number is seconds); `0` is allowed (off).
fn parse_interval(s: &str) -> Result<StdDuration> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num.parse().with_context(|| format!("bad interval {s:?}: expected e.g. 500ms, 30s, 1m"))?;
    Ok(match unit {
        "ms" => StdDuration::from_millis(n),
        "s" | "" => StdDuration::from_secs(n),
        "m" => StdDuration::from_secs(n * 60),
        "h" => StdDuration::from_secs(n * 3600),
        other => bail!("bad interval unit {other:?}: use ms, s, m or h"),
    })
}

fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // A log that cannot be written (its disk is full) is lost, quietly: reporting that on
    // stderr (eprintln!) would panic in the middle of a request. Colours only in a terminal:
    // a log redirected to a file or a pipe is plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .log_internal_errors(false);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

fn open_store(url: &str, max_connections: Option<u32>) -> Result<Store> {
    match max_connections {
        Some(n) => Store::connect_with_max_connections(url, n),
        None => Store::connect(url),
    }
    .map_err(|e| anyhow!("opening {}: {e}", workspaced_store::redact_url(url)))
}

/// The store of an admin command, which exits as soon as it is done.
fn open_admin_store(url: &str) -> Result<Store> {
    Store::connect_short_lived(url).map_err(|e| anyhow!("opening {}: {e}", workspaced_store::redact_url(url)))
}

fn find_user(store: &Store, key: &str) -> Result<workspaced_store::models::User> {
    let by_id = uuid::Uuid::parse_str(key).ok().map(|id| store.user_by_id(id)).transpose()?.flatten();
    match by_id {
        Some(u) => Ok(u),
        None => store.user_by_username(key)?.ok_or_else(|| anyhow!("no user {key:?}")),
    }
}

fn find_organization(store: &Store, key: &str) -> Result<workspaced_store::models::Organization> {
    let by_id = uuid::Uuid::parse_str(key).ok().map(|id| store.organization_by_id(id)).transpose()?.flatten();
    match by_id {
        Some(o) => Ok(o),
        None => store.organization_by_name(key)?.ok_or_else(|| anyhow!("no organization {key:?}")),
    }
}

fn find_group(store: &Store, key: &str) -> Result<workspaced_store::models::Group> {
    if let Some(g) = uuid::Uuid::parse_str(key).ok().map(|id| store.group_by_id(id)).transpose()?.flatten() {
        return Ok(g);
    }
    let (org, name) = match key.split_once('/') {
        Some((org, name)) => (find_organization(store, org)?, name),
        None => (store.default_organization()?.ok_or_else(|| anyhow!("there is no default organization"))?, key),
    };
    store.group_by_name(org.id, name)?.ok_or_else(|| anyhow!("no group {name:?} in organization {:?}", org.name))
}

fn groups(store: &Store, cmd: GroupsCommand) -> Result<()> {
    match cmd {
        GroupsCommand::Create { name, org } => {
            if workspaced_api::validate::workspace_name_problem(&name).is_some() {
                bail!("bad group name {name:?}: 1-32 letters, digits and single hyphens");
            }
            let org = find_organization(store, &org)?;
            let group = store.create_group(org.id, &name).map_err(|e| {
                if e.is_unique_violation() {
                    anyhow!("organization {:?} already has a group {name:?}", org.name)
                } else {
                    e.into()
                }
            })?;
            println!("{}\t{}\t{}", group.id, group.name, org.name);
        }
        GroupsCommand::Add { group, user } => {
            let group = find_group(store, &group)?;
            let user = find_user(store, &user)?;
            if !store.is_organization_member(group.organization_id, user.id)? {
                bail!("{:?} is not a member of the group's organization", user.username);
            }
            store.add_group_member(group.id, user.id).map_err(|e| {
                if e.is_unique_violation() {
                    anyhow!("{:?} already is a member of {:?}", user.username, group.name)
                } else {
                    e.into()
                }
            })?;
            println!("{}\t{}", group.name, user.username);
        }
        GroupsCommand::SetDisplayName { group, display_name } => {
            let group = find_group(store, &group)?;
            if display_name.chars().count() > 64 {
                bail!("bad display name {display_name:?}: at most 64 characters");
            }
            store.set_group_display_name(group.id, &display_name)?;
            println!("{}\t{}\t{}", group.id, group.name, display_name);
        }
    }
    Ok(())
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            listen,
            provisioner_daemons,
            echo_build_ms,
            api_rate_limit,
            prometheus_address,
            lifecycle_interval,
            database_max_connections,
        } => {
            init_tracing(cli.log_format);
            let provisioner =
                ProvisionerConfig { daemons: provisioner_daemons, step: StdDuration::from_millis(echo_build_ms) };
            serve(
                &cli.database_url,
                &listen,
                provisioner,
                api_rate_limit,
                prometheus_address.as_deref(),
                lifecycle_interval,
                database_max_connections,
            )
        }
        Command::Users(cmd) => {
            let store = open_admin_store(&cli.database_url)?;
            match cmd {
                UsersCommand::Create { username, email, name, owner } => {
                    if workspaced_api::validate::workspace_name_problem(&username).is_some() {
                        bail!("bad username {username:?}: 1-32 letters, digits and single hyphens");
                    }
                    let user = store
                        .create_user(&NewUser { username, email, name, site_role: if owner { SiteRole::Owner } else { SiteRole::Member } })
                        .map_err(|e| if e.is_unique_violation() { anyhow!("username or email already taken") } else { e.into() })?;
                    println!("{}\t{}\t{}", user.id, user.username, user.site_role);
                }
                UsersCommand::Rename { old, new } => {
                    // Coder's rule for usernames (httpapi.NameValid), as `users create`.
                    if workspaced_api::validate::workspace_name_problem(&new).is_some() {
                        bail!("bad username {new:?}: 1-32 letters, digits and single hyphens");
                    }
                    let user = find_user(&store, &old)?;
                    store.rename_user(user.id, &new).map_err(|e| {
                        if e.is_unique_violation() {
                            anyhow!("username {new:?} is already taken")
                        } else {
                            e.into()
                        }
                    })?;
                    println!("{}\t{}\t{}", user.id, new, user.username);
                }
                UsersCommand::List => {
                    for u in store.list_users()? {
                        println!("{}\t{}\t{}\t{}", u.id, u.username, u.email, u.site_role);
                    }
                }
            }
            Ok(())
        }
        Command::Tokens(TokensCommand::Create { user, lifetime }) => {
            let store = open_admin_store(&cli.database_url)?;
            let user = find_user(&store, &user)?;
            let token = auth::create_token(&store, user.id, parse_lifetime(&lifetime)?, "cli")?;
            println!("{token}");
            Ok(())
        }
        Command::Tokens(TokensCommand::List { user }) => {
            let store = open_admin_store(&cli.database_url)?;
            let user = find_user(&store, &user)?;
            let time = |t: chrono::NaiveDateTime| t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            for k in store.api_keys_of(user.id)? {
                println!("{}\t{}\t{}\t{}\t{}", k.id, time(k.created_at), time(k.expires_at), time(k.last_used), k.token_name);
            }
            Ok(())
        }
        Command::Tokens(TokensCommand::Delete { id }) => {
            let store = open_admin_store(&cli.database_url)?;
            let id = id.split_once('-').map_or(id.as_str(), |(id, _)| id).trim();
            if !store.delete_api_key(id)? {
                bail!("no token with id {id:?}");
            }
            println!("deleted {id}");
            Ok(())
        }
        Command::Groups(cmd) => groups(&open_admin_store(&cli.database_url)?, cmd),
        Command::Templates(TemplatesCommand::List) => {
            let store = open_admin_store(&cli.database_url)?;
            for t in store.list_templates()? {
                println!("{}\t{}", t.id, t.name);
            }
            Ok(())
        }
        Command::Templates(TemplatesCommand::SetMaxPortShareLevel { template, level }) => {
            let level: workspaced_store::types::PortShareLevel = level
                .parse()
                .map_err(|_| anyhow!("bad level {level:?}: owner, organization, authenticated or public"))?;
            let store = open_admin_store(&cli.database_url)?;
            let template = find_template(&store, &template)?;
            let changed = store.set_template_max_port_share_level(template.id, level)?;
            println!("{}\t{}\t{}\t{changed} shares lowered or removed", template.id, template.name, level);
            Ok(())
        }
    }
}

#[actix_web::main]
async fn serve(
    database_url: &str,
    listen: &str,
    provisioner_config: ProvisionerConfig,
    api_rate_limit: i64,
    prometheus_address: Option<&str>,
    lifecycle_interval: StdDuration,
    database_max_connections: Option<u32>,
) -> Result<()> {
    // A file size limit (or a full disk) must come back as a write error from SQLite, not
    // end the process with SIGXFSZ.
    // SAFETY: setting a signal's disposition to SIG_IGN before any thread uses it.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    // Before anything listens (see `shutdown_signal`).
    let stop_requested = shutdown_signal();
    let url = database_url.to_owned();
    let store = tokio::task::spawn_blocking(move || open_store(&url, database_max_connections)).await??;
    tracing::info!(database = %workspaced_store::redact_url(database_url), "database ready");
    let s = store.clone();
    let seeded = tokio::task::spawn_blocking(move || bootstrap::first_start(&s)).await??;
    let state = AppState::new(store.clone()).with_rate_limit(api_rate_limit);
    match &state.rate_limit {
        Some(_) => tracing::info!(requests_per_minute = api_rate_limit, "API rate limit"),
        None => tracing::info!("API rate limit disabled"),
    }
    // With PostgreSQL, changes other server processes commit reach this one's watchers.
    let _listener = state.events.listen(&store);
    let executor = lifecycle::Executor::new(store.clone(), Arc::new(lifecycle::SystemClock), state.provisioner_wake.clone());
    let lifecycle = lifecycle::spawn(executor, lifecycle_interval);
    let store_pool_size = store.pool_status().max_size;
    let provisioner = provisioner::spawn(store, state.provisioner_wake.clone(), provisioner_config);

    let metrics_server = match prometheus_address {
        Some(address) => {
            workspaced_api::metrics::enable();
            let metrics_state = state.clone();
            let server = actix_web::HttpServer::new(move || workspaced_api::middleware::metrics_app(metrics_state.clone()))
                .workers(1)
                .bind(address)
                .with_context(|| format!("listening on {address} (metrics)"))?
                .disable_signals()
                .run();
            tracing::info!(address, "serving Prometheus metrics at /metrics");
            let handle = server.handle();
            actix_web::rt::spawn(server);
            Some(handle)
        }
        None => None,
    };

    let server_state = state.clone();
    // The workers' blocking pools (where operations meet the database) have as many threads
    // together as the connection pool has connections: more would only queue for a
    // connection, in an order the kernel's scheduler picks rather than first come first
    // served, while each keeps its own allocator heap (the default, 512 / workers, grew to
    // ~70 threads and ~3.5 MiB each under PostgreSQL list load).
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let blocking_threads = (store_pool_size as usize).div_ceil(workers).max(1);
    let server = actix_web::HttpServer::new(move || workspaced_api::build(Some(server_state.clone())).0)
        .workers(workers)
        .worker_max_blocking_threads(blocking_threads)
        // A client gets this long to send a request's head (slow clients do not hold a
        // worker), and to go away once answered; bodies have `BODY_READ_TIMEOUT`.
        .client_request_timeout(StdDuration::from_secs(5))
        .client_disconnect_timeout(StdDuration::from_secs(2))
        .bind(listen)
        .with_context(|| format!("listening on {listen}"))?
        .shutdown_timeout(30)
        .disable_signals()
        .run();
    // On SIGTERM / Ctrl-C: stop accepting, end the watch streams (they would hold the
    // graceful stop for its whole timeout), let in-flight requests finish.
    let (handle, events) = (server.handle(), state.events.clone());
    tokio::spawn(async move {
        stop_requested.await;
        tracing::info!("shutting down");
        events.close();
        handle.stop(true).await;
    });
    println!("Swagger UI: http://{listen}/swagger-ui/");
    if let Some(b) = seeded {
        println!("admin token: {}", b.token);
        println!("template {} ({})", b.template.name, b.template.id);
    }
    tracing::info!(listen, "serving");
    // actix stops accepting on SIGTERM / Ctrl-C and lets in-flight requests finish.
    server.await.context("server")?;
    if let Some(metrics) = metrics_server {
        metrics.stop(true).await;
    }
    tracing::info!("stopping the lifecycle executor and the provisioner");
    tokio::time::timeout(StdDuration::from_secs(30), lifecycle.shutdown()).await.ok();
    tokio::time::timeout(StdDuration::from_secs(30), provisioner.shutdown()).await.ok();
    tracing::info!("bye");
    Ok(())
}

/// SIGTERM or Ctrl-C. The handlers are installed when this is called, not when the future
/// is first polled: call it before the listener is bound, so that a SIGTERM arriving as soon
/// as the port answers stops the server gracefully instead of killing it (the default action;
/// about one stop in 30 of the binary's tests ended that way, exit by signal 15).
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        async move {
            match (term, int) {
                (Ok(mut term), Ok(mut int)) => {
                    tokio::select! {
                        _ = term.recv() => {}
                        _ = int.recv() => {}
                    }
                }
                (term, int) => {
                    let e = term.err().or(int.err()).map(|e| e.to_string()).unwrap_or_default();
                    tracing::warn!(error = %e, "cannot listen for SIGTERM");
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async move {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes() {
        assert_eq!(parse_lifetime("30d").unwrap(), chrono::Duration::days(30));
        assert_eq!(parse_lifetime("12h").unwrap(), chrono::Duration::hours(12));
        assert_eq!(parse_lifetime("90").unwrap(), chrono::Duration::seconds(90));
        assert!(parse_lifetime("0d").is_err());
        assert!(parse_lifetime("1w").is_err());
        assert!(parse_lifetime("soon").is_err());
    }

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("500ms").unwrap(), StdDuration::from_millis(500));
        assert_eq!(parse_interval("30").unwrap(), StdDuration::from_secs(30));
        assert_eq!(parse_interval("1m").unwrap(), StdDuration::from_secs(60));
        assert_eq!(parse_interval("0").unwrap(), StdDuration::ZERO);
        assert!(parse_interval("1w").is_err());
        assert!(parse_interval("soon").is_err());
    }
}
