//! `cargo xtask bench --seed-sql`: many workspaces quickly, for the list phase at 100,000 and
//! the million on PostgreSQL. A few workspaces are created through the API as usual; once
//! their builds are done, one that runs (with its build, job, resources, agents, apps and
//! parameters) is copied in SQL, straight into the database, as `bench-NNNNN` up to the
//! number asked. Creates through the API are what the seeding phase measures; this measures
//! nothing and only fills the table.
//!
//! The copies are exact clones of the source's rows (same owner, template, version, status,
//! agents), with fresh ids: the source id with its first eight hex digits replaced by the
//! copy's number and `beef` after them, the same rule for every column that names a copied
//! row, so copies reference their own copies. Run with the `psql` and `sqlite3` clients.
//! The triggers are off while copying (PostgreSQL: `session_replication_role = replica`;
//! SQLite: dropped and created again, as they were, in the copying transaction, since the
//! change feed's `workspace_changed` exists only on the server's connections), so the
//! columns they keep are copied from the source and the list's generations moved once.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

/// Workspaces created through the API before the copies (the rest are copied).
pub const FROM_API: usize = 100;

/// Rows copied per statement (SQLite: per transaction too, so progress shows).
const CHUNK: usize = 100_000;

/// Which database the copies go to.
pub enum Target<'a> {
    Sqlite(&'a Path),
    Postgres(&'a str),
}

/// Copies workspace `source` as `bench-{k:05}` for `k` in `from..to`.
pub fn clone_workspaces(target: &Target, source: &str, from: usize, to: usize) -> Result<()> {
    if from >= to {
        return Ok(());
    }
    if !source.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
        bail!("not a workspace id: {source}");
    }
    let started = Instant::now();
    let triggers = match target {
        Target::Sqlite(path) => sqlite_triggers(path)?,
        Target::Postgres(_) => Vec::new(),
    };
    let mut start = from;
    while start < to {
        let end = (start + CHUNK).min(to);
        eprintln!("copying workspaces {start}..{end} in SQL…");
        let mut sql = String::from("BEGIN;\n");
        if let Target::Postgres(_) = target {
            sql += "SET LOCAL session_replication_role = replica;\n";
        }
        for (name, _) in &triggers {
            sql += &format!("DROP TRIGGER {name};\n");
        }
        sql += &script(target, source, start, end);
        for (_, create) in &triggers {
            sql += &format!("{create};\n");
        }
        // The generations the kept counts are checked against move, as a write's triggers
        // would move them (PostgreSQL keeps the visibility generation in shards).
        sql += match target {
            Target::Postgres(_) => "UPDATE visibility_generation_shards SET value = value + 1 WHERE id = 0;\n",
            Target::Sqlite(_) => "UPDATE visibility_generation SET value = value + 1;\n",
        };
        sql += "UPDATE list_generation SET value = value + 1 WHERE shard = 0;\n";
        sql += "COMMIT;\n";
        run(target, &sql)?;
        start = end;
    }
    // PostgreSQL: vacuumed too, so that autovacuum does not wake up on the copies during the
    // measured load, and index-only scans find the pages all-visible.
    run(target, if matches!(target, Target::Postgres(_)) { "VACUUM ANALYZE;\n" } else { "ANALYZE;\n" })?;
    eprintln!("copied {} workspaces in {:.1} s", to - from, started.elapsed().as_secs_f64());
    Ok(())
}

/// The statements copying `source` as `from..to`.
fn script(target: &Target, source: &str, from: usize, to: usize) -> String {
    let postgres = matches!(target, Target::Postgres(_));
    // The copy's number `s.k`, and a copied row's new id from its source id.
    let nid = |col: &str| {
        if postgres {
            format!("(lpad(to_hex(s.k), 8, '0') || '-beef' || substr({col}, 14))")
        } else {
            format!("(printf('%08x', s.k) || '-beef' || substr({col}, 14))")
        }
    };
    let series = if postgres {
        format!("generate_series({from}, {} ) AS s(k)", to - 1)
    } else {
        "s".to_owned()
    };
    let with = if postgres {
        String::new()
    } else {
        format!("WITH RECURSIVE s(k) AS (SELECT {from} UNION ALL SELECT k + 1 FROM s WHERE k < {}) ", to - 1)
    };
    let name = if postgres { "('bench-' || lpad(s.k::text, greatest(5, length(s.k::text)), '0'))".to_owned() } else { "printf('bench-%05d', s.k)".to_owned() };
    let jobs = format!("(SELECT job_id FROM workspace_builds WHERE workspace_id = '{source}')");
    let builds = format!("(SELECT id FROM workspace_builds WHERE workspace_id = '{source}')");
    let resources = format!("(SELECT id FROM workspace_resources WHERE job_id IN {jobs})");
    let agents = format!("(SELECT id FROM workspace_agents WHERE resource_id IN {resources})");
    let mut out = String::new();
    out += &format!(
        "{with}INSERT INTO provisioner_jobs (id, organization_id, initiator_id, job_type, job_status, input, error, worker_id, created_at, updated_at, started_at, completed_at, canceled_at, heartbeat_at)
SELECT {}, organization_id, initiator_id, job_type, job_status, input, error, worker_id, created_at, updated_at, started_at, completed_at, canceled_at, heartbeat_at
FROM provisioner_jobs, {series} WHERE id IN {jobs};\n",
        nid("id")
    );
    out += &format!(
        "{with}INSERT INTO workspaces (id, organization_id, owner_id, template_id, name, autostart_schedule, ttl_ms, automatic_updates, favorite, last_used_at, dormant_at, deleting_at, next_start_at, deleted, created_at, updated_at, latest_build_status, status_rank, owner_name_key, name_key, version, latest_job_id, latest_template_version_id, agents_connected, agents_disconnected, agents_connecting_until, agents_timeout_after, shared, outdated)
SELECT {}, organization_id, owner_id, template_id, {name}, autostart_schedule, ttl_ms, automatic_updates, favorite, last_used_at, dormant_at, deleting_at, next_start_at, deleted, created_at, updated_at, latest_build_status, status_rank, owner_name_key, {name}, 1, {}, latest_template_version_id, agents_connected, agents_disconnected, agents_connecting_until, agents_timeout_after, shared, outdated
FROM workspaces, {series} WHERE id = '{source}';\n",
        nid("id"),
        nid("latest_job_id")
    );
    out += &format!(
        "{with}INSERT INTO workspace_builds (id, workspace_id, template_version_id, build_number, transition, reason, initiator_id, job_id, deadline, max_deadline, daily_cost, created_at, updated_at)
SELECT {}, {}, template_version_id, build_number, transition, reason, initiator_id, {}, deadline, max_deadline, daily_cost, created_at, updated_at
FROM workspace_builds, {series} WHERE workspace_id = '{source}';\n",
        nid("id"),
        nid("workspace_id"),
        nid("job_id")
    );
    out += &format!(
        "{with}INSERT INTO workspace_build_parameters (build_id, name, value)
SELECT {}, name, value FROM workspace_build_parameters, {series} WHERE build_id IN {builds};\n",
        nid("build_id")
    );
    out += &format!(
        "{with}INSERT INTO workspace_resources (id, job_id, transition, resource_type, name, hide, icon, daily_cost, metadata, created_at)
SELECT {}, {}, transition, resource_type, name, hide, icon, daily_cost, metadata, created_at
FROM workspace_resources, {series} WHERE job_id IN {jobs};\n",
        nid("id"),
        nid("job_id")
    );
    out += &format!(
        "{with}INSERT INTO workspace_agents (id, resource_id, name, operating_system, architecture, directory, version, api_version, instance_id, lifecycle_state, connection_timeout_seconds, troubleshooting_url, environment_variables, display_apps, first_connected_at, last_connected_at, disconnected_at, started_at, ready_at, created_at, updated_at, connection_timeout_at)
SELECT {}, {}, name, operating_system, architecture, directory, version, api_version, instance_id, lifecycle_state, connection_timeout_seconds, troubleshooting_url, environment_variables, display_apps, first_connected_at, last_connected_at, disconnected_at, started_at, ready_at, created_at, updated_at, connection_timeout_at
FROM workspace_agents, {series} WHERE resource_id IN {resources};\n",
        nid("id"),
        nid("resource_id")
    );
    out += &format!(
        "{with}INSERT INTO workspace_apps (id, agent_id, slug, display_name, icon, command, url, external, subdomain, sharing_level, health, hidden, open_in, group_name, tooltip, healthcheck_url, healthcheck_interval, healthcheck_threshold, display_order, created_at)
SELECT {}, {}, slug, display_name, icon, command, url, external, subdomain, sharing_level, health, hidden, open_in, group_name, tooltip, healthcheck_url, healthcheck_interval, healthcheck_threshold, display_order, created_at
FROM workspace_apps, {series} WHERE agent_id IN {agents};\n",
        nid("id"),
        nid("agent_id")
    );
    out
}

/// The triggers of a SQLite database: `(name, CREATE statement)`.
fn sqlite_triggers(path: &Path) -> Result<Vec<(String, String)>> {
    let out = Command::new("sqlite3")
        .arg(path)
        .arg("SELECT name || char(1) || sql || char(2) FROM sqlite_master WHERE type = 'trigger'")
        .output()
        .context("starting sqlite3 for --seed-sql")?;
    if !out.status.success() {
        bail!("reading the triggers failed: {}", String::from_utf8_lossy(&out.stderr).trim_end());
    }
    let text = String::from_utf8(out.stdout).context("sqlite3 printed non-UTF-8")?;
    Ok(text
        .split('\u{2}')
        .filter_map(|t| t.trim_matches('\n').split_once('\u{1}'))
        .map(|(name, sql)| (name.to_owned(), sql.to_owned()))
        .collect())
}

/// Gathers the planner's statistics, as autovacuum would (with the engine's client).
pub(super) fn analyze(target: &Target) -> Result<()> {
    run(target, "ANALYZE;\n")
}

/// Runs `sql` with the engine's command-line client, stopping at the first error.
fn run(target: &Target, sql: &str) -> Result<()> {
    let mut cmd = match target {
        Target::Postgres(url) => {
            let mut c = Command::new("psql");
            c.args(["-q", "-v", "ON_ERROR_STOP=1", "-d", url]);
            c
        }
        Target::Sqlite(path) => {
            let mut c = Command::new("sqlite3");
            c.args(["-bail", "-cmd", ".timeout 60000"]).arg(path);
            c
        }
    };
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting the database client (psql or sqlite3) for --seed-sql")?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().context("the client's stdin")?;
        stdin.write_all(sql.as_bytes()).context("writing the seeding SQL")?;
    }
    let out = child.wait_with_output().context("waiting for the database client")?;
    if !out.status.success() {
        bail!("seeding in SQL failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr).trim_end());
    }
    Ok(())
}
