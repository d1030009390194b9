//! Row → wire conversions, in one place (Coder's `db2sdk`). Handlers call these; nothing
//! else builds a `codersdk` value from store rows.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;
use workspaced_sdk as sdk;
use workspaced_store::models;
use workspaced_store::types::AclRole;
use workspaced_store::{utc, BuildAggregate, BuildTimings, WorkspaceAggregate};

fn agent_health(status: sdk::WorkspaceAgentStatus, lifecycle: sdk::WorkspaceAgentLifecycle) -> sdk::WorkspaceAgentHealth {
    use sdk::WorkspaceAgentLifecycle as L;
    use sdk::WorkspaceAgentStatus as S;
    let reason = match status {
        S::Connecting => Some("agent is connecting"),
        S::Timeout => Some("agent is taking too long to connect"),
        S::Disconnected => Some("agent has lost connection"),
        S::Connected => match lifecycle {
            L::StartTimeout => Some("agent startup script timed out"),
            L::StartError => Some("agent startup script exited with an error"),
            L::ShuttingDown | L::ShutdownTimeout | L::ShutdownError | L::Off => Some("agent is shutting down"),
            _ => None,
        },
    };
    sdk::WorkspaceAgentHealth { healthy: reason.is_none(), reason: reason.unwrap_or_default().to_owned() }
}

fn app(a: &models::WorkspaceApp) -> sdk::WorkspaceApp {
    sdk::WorkspaceApp {
        command: a.command.clone().unwrap_or_default(),
        display_name: a.display_name.clone(),
        external: a.external,
        group: a.group_name.clone().unwrap_or_default(),
        health: a.health,
        healthcheck: sdk::Healthcheck {
            interval: a.healthcheck_interval,
            threshold: a.healthcheck_threshold,
            url: a.healthcheck_url.clone(),
        },
        hidden: a.hidden,
        icon: a.icon.clone(),
        id: a.id,
        open_in: a.open_in,
        sharing_level: a.sharing_level,
        slug: a.slug.clone(),
        statuses: Vec::new(),
        subdomain: a.subdomain,
        subdomain_name: String::new(),
        tooltip: a.tooltip.clone(),
        url: a.url.clone().unwrap_or_default(),
    }
}

fn agent(a: &models::WorkspaceAgent, apps: &[models::WorkspaceApp], now: DateTime<Utc>) -> sdk::WorkspaceAgent {
    // Defined in the store, beside its SQL twin.
    let status = workspaced_store::agents::agent_status(a, now.naive_utc());
    let lifecycle = a.lifecycle_state;
    sdk::WorkspaceAgent {
        api_version: a.api_version.clone(),
        apps: apps.iter().map(app).collect(),
        architecture: a.architecture.clone(),
        connection_timeout_seconds: a.connection_timeout_seconds,
        created_at: utc(a.created_at),
        directory: a.directory.clone(),
        disconnected_at: a.disconnected_at.map(utc),
        display_apps: a.display_apps.clone(),
        environment_variables: Some(a.environment_variables.clone()),
        expanded_directory: a.directory.clone(),
        first_connected_at: a.first_connected_at.map(utc),
        health: agent_health(status, lifecycle),
        id: a.id,
        instance_id: a.instance_id.clone(),
        last_connected_at: a.last_connected_at.map(utc),
        latency: BTreeMap::new(),
        lifecycle_state: lifecycle,
        log_sources: Vec::new(),
        logs_length: 0,
        logs_overflowed: false,
        name: a.name.clone(),
        operating_system: a.operating_system.clone(),
        parent_id: sdk::NullUUID::NONE,
        ready_at: a.ready_at.map(utc),
        resource_id: a.resource_id,
        scripts: Vec::new(),
        started_at: a.started_at.map(utc),
        startup_script_behavior: sdk::WorkspaceAgentStartupScriptBehavior::NonBlocking,
        status,
        subsystems: Vec::new(),
        troubleshooting_url: a.troubleshooting_url.clone(),
        updated_at: utc(a.updated_at),
        version: a.version.clone(),
    }
}

fn job(agg: &WorkspaceAggregate, b: &BuildAggregate) -> sdk::ProvisionerJob {
    let j = &b.job;
    let status = j.job_status;
    sdk::ProvisionerJob {
        available_workers: Vec::new(),
        canceled_at: j.canceled_at.map(utc),
        completed_at: j.completed_at.map(utc),
        created_at: utc(j.created_at),
        error: j.error.clone().unwrap_or_default(),
        error_code: None,
        file_id: Uuid::nil(),
        id: j.id,
        initiator_id: j.initiator_id,
        input: sdk::ProvisionerJobInput {
            error: String::new(),
            template_version_id: None,
            workspace_build_id: Some(b.build.id),
        },
        logs_overflowed: false,
        metadata: sdk::ProvisionerJobMetadata {
            template_display_name: agg.template.display_name.clone(),
            template_icon: agg.template.icon.clone(),
            template_id: agg.template.id,
            template_name: agg.template.name.clone(),
            template_version_name: b.version.name.clone(),
            workspace_id: Some(agg.workspace.id),
            workspace_name: agg.workspace.name.clone(),
        },
        organization_id: j.organization_id,
        queue_position: b.queue_position,
        queue_size: b.queue_size,
        started_at: j.started_at.map(utc),
        status,
        tags: BTreeMap::from([("owner".to_owned(), String::new()), ("scope".to_owned(), "organization".to_owned())]),
        r#type: sdk::ProvisionerJobType::WorkspaceBuild,
        worker_id: j.worker_id,
        // Coder fills worker_name only when listing an organization's jobs, never in a build.
        worker_name: String::new(),
    }
}

/// The latest build of a workspace aggregate, as `codersdk.WorkspaceBuild`.
pub fn workspace_build(agg: &WorkspaceAggregate, now: DateTime<Utc>) -> sdk::WorkspaceBuild {
    build(agg, &agg.latest_build, now)
}

/// How often the in-process provisioner daemons record that they are alive: once a minute,
/// as Coder's daemons do (`provisionerdserver.DefaultHeartbeatInterval`).
pub const PROVISIONER_HEARTBEAT: TimeDelta = TimeDelta::minutes(1);

/// The in-process daemons' last heartbeat at `now` (`most_recently_seen`): the start of the
/// current minute. Between two heartbeats a serialised workspace stays exact (`bodies`), so
/// its entity tag holds for pollers.
pub fn provisioner_heartbeat(now: DateTime<Utc>) -> DateTime<Utc> {
    let step = PROVISIONER_HEARTBEAT.num_seconds();
    let secs = now.timestamp().div_euclid(step) * step;
    DateTime::from_timestamp(secs, 0).unwrap_or(now)
}

/// A build of the workspace `agg`, as `codersdk.WorkspaceBuild`.
pub fn build(agg: &WorkspaceAggregate, b: &BuildAggregate, now: DateTime<Utc>) -> sdk::WorkspaceBuild {
    let transition = b.build.transition;
    let job = job(agg, b);
    sdk::WorkspaceBuild {
        build_number: b.build.build_number,
        created_at: utc(b.build.created_at),
        daily_cost: b.build.daily_cost,
        deadline: b.build.deadline.map(utc),
        has_ai_task: Some(false),
        has_external_agent: Some(false),
        id: b.build.id,
        initiator_id: b.initiator.id,
        initiator_name: b.initiator.username.clone(),
        matched_provisioners: Some(sdk::MatchedProvisioners {
            available: 1,
            count: 1,
            // The in-process daemons are alive: seen at their last heartbeat.
            most_recently_seen: Some(provisioner_heartbeat(now)),
        }),
        max_deadline: b.build.max_deadline.map(utc),
        reason: b.build.reason,
        resources: b
            .resources
            .iter()
            .map(|r| sdk::WorkspaceResource {
                agents: r.agents.iter().map(|(a, apps)| agent(a, apps, now)).collect(),
                created_at: utc(r.resource.created_at),
                daily_cost: r.resource.daily_cost,
                hide: r.resource.hide,
                icon: r.resource.icon.clone(),
                id: r.resource.id,
                job_id: r.resource.job_id,
                metadata: Vec::new(),
                name: r.resource.name.clone(),
                r#type: r.resource.resource_type.clone(),
                workspace_transition: r.resource.transition,
            })
            .collect(),
        status: sdk::WorkspaceStatus::from_job(transition, job.status),
        template_version_id: b.version.id,
        template_version_name: b.version.name.clone(),
        template_version_preset_id: None,
        transition,
        updated_at: utc(b.build.updated_at.max(b.job.updated_at)),
        workspace_id: agg.workspace.id,
        workspace_name: agg.workspace.name.clone(),
        workspace_owner_avatar_url: agg.owner.avatar_url.clone(),
        workspace_owner_id: agg.owner.id,
        workspace_owner_name: agg.owner.username.clone(),
        job,
    }
}

fn workspace_role(role: AclRole) -> sdk::WorkspaceRole {
    match role {
        AclRole::Admin => sdk::WorkspaceRole::Admin,
        AclRole::Use => sdk::WorkspaceRole::Use,
    }
}

/// Who the workspace is shared with: its user ACL, then its group ACL.
fn shared_with(agg: &WorkspaceAggregate) -> Vec<sdk::SharedWorkspaceActor> {
    let users = agg.user_acl.iter().map(|(u, role)| sdk::SharedWorkspaceActor {
        actor_type: sdk::SharedWorkspaceActorType::User,
        avatar_url: u.avatar_url.clone(),
        id: u.id,
        name: u.username.clone(),
        roles: vec![workspace_role(*role)],
    });
    let groups = agg.group_acl.iter().map(|(g, role)| sdk::SharedWorkspaceActor {
        actor_type: sdk::SharedWorkspaceActorType::Group,
        avatar_url: g.avatar_url.clone(),
        id: g.id,
        name: g.name.clone(),
        roles: vec![workspace_role(*role)],
    });
    users.chain(groups).collect()
}

/// A workspace as `codersdk.Workspace`, as seen by `requester_id` (favorites are personal).
pub fn workspace(agg: &WorkspaceAggregate, requester_id: Uuid, now: DateTime<Utc>) -> sdk::Workspace {
    let w = &agg.workspace;
    let t = &agg.template;
    let latest_build = workspace_build(agg, now);
    let failing_agents: Vec<Uuid> = latest_build
        .resources
        .iter()
        .flat_map(|r| r.agents.iter())
        .filter(|a| !a.health.healthy)
        .map(|a| a.id)
        .collect();
    sdk::Workspace {
        allow_renames: true,
        automatic_updates: w.automatic_updates,
        autostart_schedule: w.autostart_schedule.clone(),
        created_at: utc(w.created_at),
        deleting_at: w.deleting_at.map(utc),
        dormant_at: w.dormant_at.map(utc),
        favorite: w.favorite && w.owner_id == requester_id,
        health: sdk::WorkspaceHealth { healthy: failing_agents.is_empty(), failing_agents },
        id: w.id,
        is_prebuild: false,
        last_used_at: utc(w.last_used_at),
        latest_app_status: None,
        name: w.name.clone(),
        next_start_at: w.next_start_at.map(utc),
        organization_id: agg.organization.id,
        organization_name: agg.organization.name.clone(),
        outdated: agg.latest_build.version.id != t.active_version_id,
        owner_avatar_url: agg.owner.avatar_url.clone(),
        owner_id: agg.owner.id,
        owner_name: agg.owner.username.clone(),
        shared_with: shared_with(agg),
        task_id: sdk::NullUUID::NONE,
        template_active_version_id: t.active_version_id,
        template_allow_user_cancel_workspace_jobs: t.allow_user_cancel_workspace_jobs,
        template_display_name: t.display_name.clone(),
        template_icon: t.icon.clone(),
        template_id: t.id,
        template_name: t.name.clone(),
        template_require_active_version: t.require_active_version,
        template_use_classic_parameter_flow: t.use_classic_parameter_flow,
        ttl_ms: w.ttl_ms,
        updated_at: utc(w.updated_at),
        latest_build,
    }
}

/// A user as `codersdk.MinimalUser`.
pub fn minimal_user(u: &models::User) -> sdk::MinimalUser {
    sdk::MinimalUser { avatar_url: u.avatar_url.clone(), id: u.id, name: u.name.clone(), username: u.username.clone() }
}

/// Go's zero time, which Coder writes for a user never seen.
fn go_zero_time() -> DateTime<Utc> {
    chrono::NaiveDate::from_ymd_opt(1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()).unwrap_or_default()
}

/// A user as `codersdk.ReducedUser`; `last_seen` is when it last used a session token.
fn reduced_user(u: &models::User, last_seen: Option<chrono::NaiveDateTime>) -> sdk::ReducedUser {
    sdk::ReducedUser {
        avatar_url: u.avatar_url.clone(),
        created_at: utc(u.created_at),
        email: u.email.clone(),
        id: u.id,
        last_seen_at: last_seen.map(utc).unwrap_or_else(go_zero_time),
        // Users of this server sign in with session tokens made for them (Coder's
        // password users are the closest kind).
        login_type: sdk::LoginType::Password,
        name: u.name.clone(),
        status: u.status,
        theme_preference: String::new(),
        updated_at: utc(u.updated_at),
        username: u.username.clone(),
    }
}

/// A workspace's ACL as `codersdk.WorkspaceACL`.
pub fn workspace_acl(acl: &workspaced_store::WorkspaceAcl) -> sdk::WorkspaceACL {
    sdk::WorkspaceACL {
        users: acl
            .users
            .iter()
            .map(|(u, role)| sdk::WorkspaceUser {
                avatar_url: u.avatar_url.clone(),
                id: u.id,
                name: u.name.clone(),
                role: workspace_role(*role),
                username: u.username.clone(),
            })
            .collect(),
        group: acl
            .groups
            .iter()
            .map(|g| sdk::WorkspaceGroup {
                avatar_url: g.group.avatar_url.clone(),
                display_name: g.group.display_name.clone(),
                id: g.group.id,
                members: g.members.iter().map(|(u, seen)| reduced_user(u, *seen)).collect(),
                name: g.group.name.clone(),
                organization_display_name: g.organization.display_name.clone(),
                organization_id: g.organization.id,
                organization_name: g.organization.name.clone(),
                quota_allowance: 0,
                role: workspace_role(g.role),
                source: sdk::GroupSource::User,
                total_member_count: g.members.len() as i64,
            })
            .collect(),
    }
}

/// What a build recorded, as `codersdk.WorkspaceBuildTimings`: the provisioner's stages, the
/// agents' script runs, and each agent's connection (from its creation to its first
/// connection; agents that never connected have none).
pub fn build_timings(t: &BuildTimings) -> sdk::WorkspaceBuildTimings {
    sdk::WorkspaceBuildTimings {
        provisioner_timings: t
            .provisioner
            .iter()
            .map(|p| sdk::ProvisionerTiming {
                action: p.action.clone(),
                ended_at: utc(p.ended_at),
                job_id: p.job_id,
                resource: p.resource.clone(),
                source: p.source.clone(),
                stage: p.stage,
                started_at: utc(p.started_at),
            })
            .collect(),
        agent_script_timings: t
            .scripts
            .iter()
            .map(|(s, agent)| sdk::AgentScriptTiming {
                display_name: s.display_name.clone(),
                ended_at: utc(s.ended_at),
                exit_code: s.exit_code,
                stage: s.stage,
                started_at: utc(s.started_at),
                status: s.status.clone(),
                workspace_agent_id: agent.id.to_string(),
                workspace_agent_name: agent.name.clone(),
            })
            .collect(),
        agent_connection_timings: t
            .agents
            .iter()
            .filter_map(|a| {
                Some(sdk::AgentConnectionTiming {
                    ended_at: utc(a.first_connected_at?),
                    stage: sdk::TimingStage::Connect,
                    started_at: utc(a.created_at),
                    workspace_agent_id: a.id.to_string(),
                    workspace_agent_name: a.name.clone(),
                })
            })
            .collect(),
    }
}

/// A template as `codersdk.Template`.
pub fn template(v: &crate::services::templates::TemplateView) -> sdk::Template {
    let t = &v.template;
    sdk::Template {
        // Not counted here (Coder's value while it is being computed).
        active_user_count: -1,
        active_version_id: t.active_version_id,
        activity_bump_ms: t.activity_bump_ms,
        allow_user_autostart: t.allow_user_autostart,
        allow_user_autostop: t.allow_user_autostop,
        allow_user_cancel_workspace_jobs: t.allow_user_cancel_workspace_jobs,
        autostart_requirement: sdk::TemplateAutostartRequirement {
            days_of_week: crate::validate::weekdays(t.autostart_allowed_days),
        },
        build_time_stats: BTreeMap::new(),
        created_at: utc(t.created_at),
        created_by_id: t.created_by,
        created_by_name: v.created_by_name.clone(),
        default_ttl_ms: t.default_ttl_ms,
        deprecated: false,
        deprecation_message: String::new(),
        description: t.description.clone(),
        display_name: t.display_name.clone(),
        failure_ttl_ms: 0,
        icon: t.icon.clone(),
        id: t.id,
        max_port_share_level: t.max_port_share_level,
        name: t.name.clone(),
        organization_display_name: v.organization.display_name.clone(),
        organization_icon: v.organization.icon.clone(),
        organization_id: v.organization.id,
        organization_name: v.organization.name.clone(),
        provisioner: "terraform".into(),
        require_active_version: t.require_active_version,
        time_til_dormant_autodelete_ms: t.time_til_dormant_autodelete_ms,
        time_til_dormant_ms: t.time_til_dormant_ms,
        updated_at: utc(t.updated_at),
        use_classic_parameter_flow: t.use_classic_parameter_flow,
    }
}

/// A user as `codersdk.User`. Its roles are its site roles beyond the implied `member`;
/// users here sign in with API tokens only (login type `none`).
pub fn user(v: &crate::services::templates::UserView) -> sdk::User {
    use workspaced_store::types::SiteRole;
    let u = &v.user;
    let roles = match u.site_role {
        SiteRole::Owner => vec![sdk::SlimRole {
            display_name: "Owner".into(),
            name: "owner".into(),
            organization_id: String::new(),
        }],
        SiteRole::Member => Vec::new(),
    };
    sdk::User {
        avatar_url: u.avatar_url.clone(),
        created_at: utc(u.created_at),
        email: u.email.clone(),
        id: u.id,
        last_seen_at: utc(v.last_seen_at),
        login_type: sdk::LoginType::None,
        name: u.name.clone(),
        organization_ids: v.organization_ids.clone(),
        roles,
        status: u.status,
        theme_preference: String::new(),
        updated_at: utc(u.updated_at),
        username: u.username.clone(),
    }
}

/// A stored port share as Coder writes it.
pub fn port_share(s: &models::WorkspacePortShare) -> sdk::WorkspaceAgentPortShare {
    sdk::WorkspaceAgentPortShare {
        agent_name: s.agent_name.clone(),
        port: s.port,
        protocol: s.protocol,
        share_level: s.share_level,
        workspace_id: s.workspace_id,
    }
}

/// A workspace's port shares, in the order given (the store's: by port).
pub fn port_shares(shares: &[models::WorkspacePortShare]) -> sdk::WorkspaceAgentPortShares {
    sdk::WorkspaceAgentPortShares { shares: shares.iter().map(port_share).collect() }
}
