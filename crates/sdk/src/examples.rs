//! Realistic sample values, one function per struct, used as the schemas' OpenAPI examples
//! and handy in tests.
//!
//! They describe one consistent world: `alice` owns the workspace `dev-env` built from the
//! `docker` template; build 3 is running; its resource `main` (a `docker_container`) holds
//! the agent `main` with the apps `code-server` and `terminal`. `bob` and the group
//! `platform-team` have the workspace shared with them. All times fall on 2026-11-24 (UTC).

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;

use crate::*;

/// Organisation `coder`.
pub const ORG_ID: Uuid = Uuid::from_u128(0x127f75da_4706_4838_bc84_d02f12f82ef1);
/// User `alice`, owner of the workspace.
pub const ALICE_ID: Uuid = Uuid::from_u128(0x3c88fea2_2165_4ec9_bb23_ebded9e678c1);
/// User `bob`, who the workspace is shared with.
pub const BOB_ID: Uuid = Uuid::from_u128(0x0014654c_597a_4733_946f_7c15cda379b3);
/// Group `platform-team`.
pub const GROUP_ID: Uuid = Uuid::from_u128(0xc9909494_5217_4c3e_94d1_97c8df75ee4b);
/// Template `docker`.
pub const TEMPLATE_ID: Uuid = Uuid::from_u128(0x6d97e68b_5696_4c1e_b328_75331e43ac83);
/// Active version of the template, used by the latest build.
pub const TEMPLATE_VERSION_ID: Uuid = Uuid::from_u128(0xc81428b3_e223_463c_bf46_56dca61fe91a);
/// Workspace `dev-env`.
pub const WORKSPACE_ID: Uuid = Uuid::from_u128(0xb3a63cd8_3b25_4299_8bbf_a1c24f4f0094);
/// Build number 3 of the workspace.
pub const BUILD_ID: Uuid = Uuid::from_u128(0x6d6f6c39_cbfa_420f_ac9b_2a43df040bc8);
/// Provisioner job of build 3.
pub const JOB_ID: Uuid = Uuid::from_u128(0x8fc6ec4e_dde2_40d0_8e69_0da1420814ed);
/// Template source archive.
pub const FILE_ID: Uuid = Uuid::from_u128(0x6faaba31_9362_4bb2_850a_cbbfc993107e);
/// Provisioner daemon that ran the job.
pub const WORKER_ID: Uuid = Uuid::from_u128(0x712b0eca_bf20_46fc_b53a_5cb49842ff1c);
/// Resource `main`.
pub const RESOURCE_ID: Uuid = Uuid::from_u128(0x47aec572_630a_4ccf_871e_0de42d85bc6d);
/// Agent `main`.
pub const AGENT_ID: Uuid = Uuid::from_u128(0x54c6e780_9ed0_45d9_90d0_21051fd3a49c);
/// App `code-server`.
pub const APP_CODE_SERVER_ID: Uuid = Uuid::from_u128(0xa43c70b3_93bb_4b41_a4d4_78a792249c40);
/// App `terminal`.
pub const APP_TERMINAL_ID: Uuid = Uuid::from_u128(0xc7c6ae2a_2427_49b4_9244_0eeaf49b9095);
/// Log source of the startup script.
pub const LOG_SOURCE_ID: Uuid = Uuid::from_u128(0x312e09b2_d00a_463d_8bcd_a9d0fb4c284a);
/// The agent's startup script.
pub const SCRIPT_ID: Uuid = Uuid::from_u128(0x05c09b41_cd94_4343_a101_60f2a353a233);
/// Latest status posted by `code-server`.
pub const APP_STATUS_ID: Uuid = Uuid::from_u128(0xf2a6ced3_ca7e_4424_abf7_fa67eb925272);
/// A task, for the `uuid.NullUUID` example.
pub const TASK_ID: Uuid = Uuid::from_u128(0x223e52cc_9dab_4c3c_86cb_5205d7724114);

const ALICE_AVATAR: &str = "https://avatars.example.com/u/alice.png";
const BOB_AVATAR: &str = "https://avatars.example.com/u/bob.png";
const TEAM_AVATAR: &str = "https://avatars.example.com/g/platform-team.png";
const TEMPLATE_ICON: &str = "/icon/docker.png";
const TEMPLATE_VERSION_NAME: &str = "brave_turing2";

/// 2026-11-24 at the given UTC time.
fn at(hour: u32, min: u32, sec: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, hour, min, sec)
        .single()
        .expect("valid example time")
}

fn s(value: &str) -> String {
    value.to_owned()
}

// ----- errors -------------------------------------------------------------------------

/// A 409 answer to creating a workspace whose name is taken.
pub fn response() -> Response {
    Response::new("Workspace \"dev-env\" already exists.")
        .with_validations(vec![validation_error()])
}

/// The validation attached to [`response`].
pub fn validation_error() -> ValidationError {
    ValidationError::new("name", "This value is already in use and should be unique.")
}

// ----- users and sharing --------------------------------------------------------------

/// `alice`, as listed among users a workspace can be created for.
pub fn minimal_user() -> MinimalUser {
    MinimalUser {
        avatar_url: s(ALICE_AVATAR),
        id: ALICE_ID,
        name: s("Alice Liddell"),
        username: s("alice"),
    }
}

/// `bob`, as a member of `platform-team`.
pub fn reduced_user() -> ReducedUser {
    ReducedUser {
        avatar_url: s(BOB_AVATAR),
        created_at: Utc
            .with_ymd_and_hms(2026, 3, 2, 14, 5, 0)
            .single()
            .expect("valid example time"),
        email: s("bob@example.com"),
        id: BOB_ID,
        last_seen_at: at(8, 47, 12),
        login_type: LoginType::Oidc,
        name: s("Bob Builder"),
        status: UserStatus::Active,
        theme_preference: String::new(),
        updated_at: at(8, 47, 12),
        username: s("bob"),
    }
}

/// `bob` in the workspace's sharing list.
pub fn shared_workspace_actor() -> SharedWorkspaceActor {
    SharedWorkspaceActor {
        actor_type: SharedWorkspaceActorType::User,
        avatar_url: s(BOB_AVATAR),
        id: BOB_ID,
        name: s("bob"),
        roles: vec![WorkspaceRole::Use],
    }
}

/// `platform-team` in the workspace's sharing list.
pub fn shared_workspace_actor_group() -> SharedWorkspaceActor {
    SharedWorkspaceActor {
        actor_type: SharedWorkspaceActorType::Group,
        avatar_url: s(TEAM_AVATAR),
        id: GROUP_ID,
        name: s("platform-team"),
        roles: vec![WorkspaceRole::Admin],
    }
}

/// `bob` with the `use` role on the workspace.
pub fn workspace_user() -> WorkspaceUser {
    WorkspaceUser {
        avatar_url: s(BOB_AVATAR),
        id: BOB_ID,
        name: s("Bob Builder"),
        role: WorkspaceRole::Use,
        username: s("bob"),
    }
}

/// `platform-team` with the `admin` role on the workspace.
pub fn workspace_group() -> WorkspaceGroup {
    WorkspaceGroup {
        avatar_url: s(TEAM_AVATAR),
        display_name: s("Platform Team"),
        id: GROUP_ID,
        members: vec![reduced_user()],
        name: s("platform-team"),
        organization_display_name: s("Coder"),
        organization_id: ORG_ID,
        organization_name: s("coder"),
        quota_allowance: 0,
        role: WorkspaceRole::Admin,
        source: GroupSource::User,
        total_member_count: 1,
    }
}

/// The sharing of `dev-env`.
pub fn workspace_acl() -> WorkspaceACL {
    WorkspaceACL {
        group: vec![workspace_group()],
        users: vec![workspace_user()],
    }
}

/// Makes `bob` an admin and removes `platform-team`.
pub fn update_workspace_acl() -> UpdateWorkspaceACL {
    UpdateWorkspaceACL {
        group_roles: BTreeMap::from([(GROUP_ID.to_string(), WorkspaceRole::Deleted.into())]),
        user_roles: BTreeMap::from([(BOB_ID.to_string(), WorkspaceRole::Admin.into())]),
    }
}

// ----- port sharing -------------------------------------------------------------------

/// Port 8080 of agent `main`, open to signed-in users.
pub fn workspace_agent_port_share() -> WorkspaceAgentPortShare {
    WorkspaceAgentPortShare {
        agent_name: s("main"),
        port: 8080,
        protocol: WorkspaceAgentPortShareProtocol::Http,
        share_level: WorkspaceAgentPortShareLevel::Authenticated,
        workspace_id: WORKSPACE_ID,
    }
}

/// The port shares of `dev-env`.
pub fn workspace_agent_port_shares() -> WorkspaceAgentPortShares {
    WorkspaceAgentPortShares {
        shares: vec![
            workspace_agent_port_share(),
            WorkspaceAgentPortShare {
                agent_name: s("main"),
                port: 3000,
                protocol: WorkspaceAgentPortShareProtocol::Https,
                share_level: WorkspaceAgentPortShareLevel::Organization,
                workspace_id: WORKSPACE_ID,
            },
        ],
    }
}

/// Shares port 8080 of agent `main` with signed-in users.
pub fn upsert_workspace_agent_port_share_request() -> UpsertWorkspaceAgentPortShareRequest {
    UpsertWorkspaceAgentPortShareRequest {
        agent_name: Some(s("main")),
        port: Some(8080),
        protocol: Some(WorkspaceAgentPortShareProtocol::Http.into()),
        share_level: Some(WorkspaceAgentPortShareLevel::Authenticated.into()),
    }
}

/// Stops sharing port 8080 of agent `main`.
pub fn delete_workspace_agent_port_share_request() -> DeleteWorkspaceAgentPortShareRequest {
    DeleteWorkspaceAgentPortShareRequest {
        agent_name: Some(s("main")),
        port: Some(8080),
    }
}

// ----- agents and apps ----------------------------------------------------------------

/// The agent's preferred relay region.
pub fn derp_region() -> DERPRegion {
    DERPRegion {
        latency_ms: 12.5,
        preferred: true,
    }
}

/// Health probe of `code-server`.
pub fn healthcheck() -> Healthcheck {
    Healthcheck {
        interval: 5,
        threshold: 6,
        url: s("http://localhost:13337/healthz"),
    }
}

/// A healthy agent.
pub fn workspace_agent_health() -> WorkspaceAgentHealth {
    WorkspaceAgentHealth {
        healthy: true,
        reason: String::new(),
    }
}

/// Log source of the startup script.
pub fn workspace_agent_log_source() -> WorkspaceAgentLogSource {
    WorkspaceAgentLogSource {
        created_at: at(9, 0, 35),
        display_name: s("Startup Script"),
        icon: s("/emojis/25b6.png"),
        id: LOG_SOURCE_ID,
        workspace_agent_id: AGENT_ID,
    }
}

/// The startup script installing code-server.
pub fn workspace_agent_script() -> WorkspaceAgentScript {
    WorkspaceAgentScript {
        cron: s(""),
        display_name: s("Startup Script"),
        id: SCRIPT_ID,
        log_path: s("/tmp/coder-startup-script.log"),
        log_source_id: LOG_SOURCE_ID,
        run_on_start: true,
        run_on_stop: false,
        script: s(
            "#!/bin/sh\nset -e\ncurl -fsSL https://code-server.dev/install.sh | sh -s -- --method=standalone\n/tmp/code-server/bin/code-server --auth none --port 13337 >/tmp/code-server.log 2>&1 &\n",
        ),
        start_blocks_login: false,
        timeout: 0,
    }
}

/// What `code-server` last reported.
pub fn workspace_app_status() -> WorkspaceAppStatus {
    WorkspaceAppStatus {
        agent_id: AGENT_ID,
        app_id: APP_CODE_SERVER_ID,
        created_at: at(10, 15, 0),
        icon: s(""),
        id: APP_STATUS_ID,
        message: s("Running the integration test suite"),
        needs_user_attention: false,
        state: WorkspaceAppStatusState::Working,
        uri: s("https://github.com/acme/api/pull/42"),
        workspace_id: WORKSPACE_ID,
    }
}

/// The `code-server` web app.
pub fn workspace_app() -> WorkspaceApp {
    WorkspaceApp {
        command: String::new(),
        display_name: s("code-server"),
        external: false,
        group: String::new(),
        health: WorkspaceAppHealth::Healthy,
        healthcheck: healthcheck(),
        hidden: false,
        icon: s("/icon/code.svg"),
        id: APP_CODE_SERVER_ID,
        open_in: WorkspaceAppOpenIn::SlimWindow,
        sharing_level: WorkspaceAppSharingLevel::Owner,
        slug: s("code-server"),
        statuses: vec![workspace_app_status()],
        subdomain: false,
        subdomain_name: String::new(),
        tooltip: String::new(),
        url: s("http://localhost:13337/?folder=/home/coder"),
    }
}

/// The `terminal` command app.
pub fn workspace_app_terminal() -> WorkspaceApp {
    WorkspaceApp {
        command: s("bash"),
        display_name: s("Terminal"),
        external: false,
        group: String::new(),
        health: WorkspaceAppHealth::Disabled,
        healthcheck: Healthcheck {
            interval: 0,
            threshold: 0,
            url: s(""),
        },
        hidden: false,
        icon: s("/icon/terminal.svg"),
        id: APP_TERMINAL_ID,
        open_in: WorkspaceAppOpenIn::Tab,
        sharing_level: WorkspaceAppSharingLevel::Owner,
        slug: s("terminal"),
        statuses: Vec::new(),
        subdomain: false,
        subdomain_name: String::new(),
        tooltip: s("A `bash` shell in the container"),
        url: String::new(),
    }
}

/// Agent `main`: linux/amd64, connected and ready.
pub fn workspace_agent() -> WorkspaceAgent {
    WorkspaceAgent {
        api_version: s("2.6"),
        apps: vec![workspace_app(), workspace_app_terminal()],
        architecture: s("amd64"),
        connection_timeout_seconds: 120,
        created_at: at(9, 0, 30),
        directory: s("/home/coder"),
        disconnected_at: None,
        display_apps: vec![
            DisplayApp::Vscode,
            DisplayApp::VscodeInsiders,
            DisplayApp::WebTerminal,
            DisplayApp::SshHelper,
            DisplayApp::PortForwardingHelper,
        ],
        environment_variables: Some(BTreeMap::from([
            (s("GIT_AUTHOR_EMAIL"), s("alice@example.com")),
            (s("GIT_AUTHOR_NAME"), s("Alice Liddell")),
        ])),
        expanded_directory: s("/home/coder"),
        first_connected_at: Some(at(9, 0, 50)),
        health: workspace_agent_health(),
        id: AGENT_ID,
        instance_id: String::new(),
        last_connected_at: Some(at(10, 30, 2)),
        latency: BTreeMap::from([
            (s("Frankfurt"), derp_region()),
            (
                s("London"),
                DERPRegion {
                    latency_ms: 21.75,
                    preferred: false,
                },
            ),
        ]),
        lifecycle_state: WorkspaceAgentLifecycle::Ready,
        log_sources: vec![workspace_agent_log_source()],
        logs_length: 42,
        logs_overflowed: false,
        name: s("main"),
        operating_system: s("linux"),
        parent_id: NullUUID::NONE,
        ready_at: Some(at(9, 1, 5)),
        resource_id: RESOURCE_ID,
        scripts: vec![workspace_agent_script()],
        started_at: Some(at(9, 0, 51)),
        startup_script_behavior: WorkspaceAgentStartupScriptBehavior::NonBlocking,
        status: WorkspaceAgentStatus::Connected,
        subsystems: Vec::new(),
        troubleshooting_url: s("https://coder.com/docs/admin/templates/troubleshooting"),
        updated_at: at(10, 30, 2),
        version: s("v2.28.3"),
    }
}

// ----- builds and jobs ----------------------------------------------------------------

/// A template parameter value.
pub fn workspace_build_parameter() -> WorkspaceBuildParameter {
    WorkspaceBuildParameter {
        name: s("cpu_cores"),
        value: s("4"),
    }
}

/// Input of the job of build 3.
pub fn provisioner_job_input() -> ProvisionerJobInput {
    ProvisionerJobInput {
        error: String::new(),
        template_version_id: None,
        workspace_build_id: Some(BUILD_ID),
    }
}

/// Names behind the job of build 3.
pub fn provisioner_job_metadata() -> ProvisionerJobMetadata {
    ProvisionerJobMetadata {
        template_display_name: s("Docker Containers"),
        template_icon: s(TEMPLATE_ICON),
        template_id: TEMPLATE_ID,
        template_name: s("docker"),
        template_version_name: s(TEMPLATE_VERSION_NAME),
        workspace_id: Some(WORKSPACE_ID),
        workspace_name: s("dev-env"),
    }
}

/// The succeeded job of build 3.
pub fn provisioner_job() -> ProvisionerJob {
    ProvisionerJob {
        available_workers: Vec::new(),
        canceled_at: None,
        completed_at: Some(at(9, 0, 42)),
        created_at: at(9, 0, 0),
        error: String::new(),
        error_code: None,
        file_id: FILE_ID,
        id: JOB_ID,
        initiator_id: ALICE_ID,
        input: provisioner_job_input(),
        logs_overflowed: false,
        metadata: provisioner_job_metadata(),
        organization_id: ORG_ID,
        queue_position: 0,
        queue_size: 0,
        started_at: Some(at(9, 0, 1)),
        status: ProvisionerJobStatus::Succeeded,
        tags: BTreeMap::from([(s("owner"), s("")), (s("scope"), s("organization"))]),
        r#type: ProvisionerJobType::WorkspaceBuild,
        worker_id: Some(WORKER_ID),
        worker_name: s("coder-provisioner-0"),
    }
}

/// The provisioner daemons that could run the job.
pub fn matched_provisioners() -> MatchedProvisioners {
    MatchedProvisioners {
        available: 1,
        count: 1,
        most_recently_seen: Some(at(9, 0, 0)),
    }
}

/// The container image of resource `main`.
pub fn workspace_resource_metadata() -> WorkspaceResourceMetadata {
    WorkspaceResourceMetadata {
        key: s("image"),
        sensitive: false,
        value: s("codercom/enterprise-base:ubuntu"),
    }
}

/// Resource `main`, the workspace container.
pub fn workspace_resource() -> WorkspaceResource {
    WorkspaceResource {
        agents: vec![workspace_agent()],
        created_at: at(9, 0, 30),
        daily_cost: 0,
        hide: false,
        icon: s("/icon/docker.png"),
        id: RESOURCE_ID,
        job_id: JOB_ID,
        metadata: vec![workspace_resource_metadata()],
        name: s("main"),
        r#type: s("docker_container"),
        workspace_transition: WorkspaceTransition::Start,
    }
}

/// Build 3 of `dev-env`: a start that succeeded, so the workspace is running.
pub fn workspace_build() -> WorkspaceBuild {
    WorkspaceBuild {
        build_number: 3,
        created_at: at(9, 0, 0),
        daily_cost: 0,
        deadline: Some(at(17, 0, 42)),
        has_ai_task: Some(false),
        has_external_agent: Some(false),
        id: BUILD_ID,
        initiator_id: ALICE_ID,
        initiator_name: s("alice"),
        job: provisioner_job(),
        matched_provisioners: Some(matched_provisioners()),
        max_deadline: None,
        reason: BuildReason::Initiator,
        resources: vec![workspace_resource()],
        status: WorkspaceStatus::Running,
        template_version_id: TEMPLATE_VERSION_ID,
        template_version_name: s(TEMPLATE_VERSION_NAME),
        template_version_preset_id: None,
        transition: WorkspaceTransition::Start,
        updated_at: at(9, 0, 42),
        workspace_id: WORKSPACE_ID,
        workspace_name: s("dev-env"),
        workspace_owner_avatar_url: s(ALICE_AVATAR),
        workspace_owner_id: ALICE_ID,
        workspace_owner_name: s("alice"),
    }
}

/// Terraform creating the container.
pub fn provisioner_timing() -> ProvisionerTiming {
    ProvisionerTiming {
        action: s("create"),
        ended_at: at(9, 0, 29),
        job_id: JOB_ID,
        resource: s("docker_container.workspace[0]"),
        source: s("terraform"),
        stage: TimingStage::Apply,
        started_at: at(9, 0, 12),
    }
}

/// The startup script's run.
pub fn agent_script_timing() -> AgentScriptTiming {
    AgentScriptTiming {
        display_name: s("Startup Script"),
        ended_at: at(9, 1, 5),
        exit_code: 0,
        stage: TimingStage::Start,
        started_at: at(9, 0, 51),
        status: s("ok"),
        workspace_agent_id: AGENT_ID.to_string(),
        workspace_agent_name: s("main"),
    }
}

/// Agent `main` connecting.
pub fn agent_connection_timing() -> AgentConnectionTiming {
    AgentConnectionTiming {
        ended_at: at(9, 0, 50),
        stage: TimingStage::Connect,
        started_at: at(9, 0, 30),
        workspace_agent_id: AGENT_ID.to_string(),
        workspace_agent_name: s("main"),
    }
}

/// Timings of build 3.
pub fn workspace_build_timings() -> WorkspaceBuildTimings {
    WorkspaceBuildTimings {
        agent_connection_timings: vec![agent_connection_timing()],
        agent_script_timings: vec![agent_script_timing()],
        provisioner_timings: vec![
            ProvisionerTiming {
                action: s("read"),
                ended_at: at(9, 0, 8),
                job_id: JOB_ID,
                resource: s("data.coder_workspace.me"),
                source: s("coder"),
                stage: TimingStage::Plan,
                started_at: at(9, 0, 6),
            },
            provisioner_timing(),
        ],
    }
}

// ----- workspaces ---------------------------------------------------------------------

/// A set `uuid.NullUUID`.
pub fn null_uuid() -> NullUUID {
    NullUUID::some(TASK_ID)
}

/// A healthy workspace.
pub fn workspace_health() -> WorkspaceHealth {
    WorkspaceHealth {
        failing_agents: Vec::new(),
        healthy: true,
    }
}

/// `alice/dev-env`, running.
pub fn workspace() -> Workspace {
    Workspace {
        allow_renames: false,
        automatic_updates: AutomaticUpdates::Never,
        autostart_schedule: Some(s("CRON_TZ=Europe/Berlin 0 9 * * 1-5")),
        created_at: at(8, 15, 3),
        deleting_at: None,
        dormant_at: None,
        favorite: true,
        health: workspace_health(),
        id: WORKSPACE_ID,
        is_prebuild: false,
        last_used_at: at(10, 30, 0),
        latest_app_status: Some(workspace_app_status()),
        latest_build: workspace_build(),
        name: s("dev-env"),
        next_start_at: Some(
            Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0)
                .single()
                .expect("valid example time"),
        ),
        organization_id: ORG_ID,
        organization_name: s("coder"),
        outdated: false,
        owner_avatar_url: s(ALICE_AVATAR),
        owner_id: ALICE_ID,
        owner_name: s("alice"),
        shared_with: vec![shared_workspace_actor(), shared_workspace_actor_group()],
        task_id: NullUUID::NONE,
        template_active_version_id: TEMPLATE_VERSION_ID,
        template_allow_user_cancel_workspace_jobs: false,
        template_display_name: s("Docker Containers"),
        template_icon: s(TEMPLATE_ICON),
        template_id: TEMPLATE_ID,
        template_name: s("docker"),
        template_require_active_version: false,
        template_use_classic_parameter_flow: false,
        ttl_ms: Some(8 * 60 * 60 * 1000),
        updated_at: at(9, 0, 42),
    }
}

/// A one-workspace page.
pub fn workspaces_response() -> WorkspacesResponse {
    WorkspacesResponse {
        count: 1,
        workspaces: vec![workspace()],
    }
}

/// A `data` event carrying the workspace.
pub fn server_sent_event() -> ServerSentEvent {
    ServerSentEvent::data(&workspace()).expect("workspace serialises")
}

/// No parameter mismatch.
pub fn resolve_autostart_response() -> ResolveAutostartResponse {
    ResolveAutostartResponse {
        parameter_mismatch: false,
    }
}

/// Creates `dev-env` from the active version of `docker`.
pub fn create_workspace_request() -> CreateWorkspaceRequest {
    CreateWorkspaceRequest {
        automatic_updates: Some(AutomaticUpdates::Never),
        autostart_schedule: Some(s("CRON_TZ=Europe/Berlin 0 9 * * 1-5")),
        name: s("dev-env"),
        rich_parameter_values: Some(vec![workspace_build_parameter()]),
        template_id: Some(TEMPLATE_ID),
        template_version_id: None,
        template_version_preset_id: None,
        ttl_ms: Some(8 * 60 * 60 * 1000),
    }
}

/// Renames the workspace.
pub fn update_workspace_request() -> UpdateWorkspaceRequest {
    UpdateWorkspaceRequest {
        name: Some(s("dev-env-2")),
    }
}

/// Stops the workspace two hours after each start.
pub fn update_workspace_ttl_request() -> UpdateWorkspaceTTLRequest {
    UpdateWorkspaceTTLRequest {
        ttl_ms: Some(2 * 60 * 60 * 1000),
    }
}

/// Starts the workspace at 08:30 Berlin time on weekdays.
pub fn update_workspace_autostart_request() -> UpdateWorkspaceAutostartRequest {
    UpdateWorkspaceAutostartRequest {
        schedule: Some(s("CRON_TZ=Europe/Berlin 30 8 * * 1-5")),
    }
}

/// Pushes the deadline to 18:30.
pub fn put_extend_workspace_request() -> PutExtendWorkspaceRequest {
    PutExtendWorkspaceRequest {
        deadline: at(18, 30, 0),
    }
}

/// Usage through VS Code on agent `main`.
pub fn post_workspace_usage_request() -> PostWorkspaceUsageRequest {
    PostWorkspaceUsageRequest {
        agent_id: Some(AGENT_ID),
        app_name: Some(UsageAppName::Vscode.into()),
    }
}

/// Makes the workspace dormant.
pub fn update_workspace_dormancy() -> UpdateWorkspaceDormancy {
    UpdateWorkspaceDormancy { dormant: true }
}

/// Keeps the workspace on the template's active version.
pub fn update_workspace_automatic_updates_request() -> UpdateWorkspaceAutomaticUpdatesRequest {
    UpdateWorkspaceAutomaticUpdatesRequest {
        automatic_updates: Some(AutomaticUpdates::Always.into()),
    }
}

// ----- builds, templates, users, build info ---------------------------------------------

/// Stopping the workspace from the CLI.
pub fn create_workspace_build_request() -> CreateWorkspaceBuildRequest {
    CreateWorkspaceBuildRequest {
        rich_parameter_values: None,
        reason: Some(CreateWorkspaceBuildReason::Cli),
        template_version_id: None,
        transition: s("stop"),
    }
}

/// The site role of `alice`.
pub fn slim_role() -> SlimRole {
    SlimRole { display_name: s("Member"), name: s("member"), organization_id: String::new() }
}

/// `alice` as `GET /users/alice` shows her.
pub fn user() -> User {
    User {
        avatar_url: s(ALICE_AVATAR),
        created_at: Utc.with_ymd_and_hms(2026, 2, 11, 10, 0, 0).single().expect("valid example time"),
        email: s("alice@example.com"),
        id: ALICE_ID,
        last_seen_at: at(9, 12, 0),
        login_type: LoginType::Password,
        name: s("Alice Liddell"),
        organization_ids: vec![ORG_ID],
        roles: vec![slim_role()],
        status: UserStatus::Active,
        theme_preference: String::new(),
        updated_at: at(9, 12, 0),
        username: s("alice"),
    }
}

/// Autostart allowed on weekdays.
pub fn template_autostart_requirement() -> TemplateAutostartRequirement {
    TemplateAutostartRequirement {
        days_of_week: ["monday", "tuesday", "wednesday", "thursday", "friday"].map(s).to_vec(),
    }
}

/// Start builds take about half a minute.
pub fn transition_stats() -> TransitionStats {
    TransitionStats { p50: Some(31_000), p95: Some(47_000) }
}

/// Template `docker`.
pub fn template() -> Template {
    Template {
        active_user_count: -1,
        active_version_id: TEMPLATE_VERSION_ID,
        activity_bump_ms: 3_600_000,
        allow_user_autostart: true,
        allow_user_autostop: true,
        allow_user_cancel_workspace_jobs: true,
        autostart_requirement: template_autostart_requirement(),
        build_time_stats: BTreeMap::from([(s("start"), transition_stats())]),
        created_at: Utc.with_ymd_and_hms(2026, 2, 11, 10, 5, 0).single().expect("valid example time"),
        created_by_id: ALICE_ID,
        created_by_name: s("alice"),
        default_ttl_ms: 28_800_000,
        deprecated: false,
        deprecation_message: String::new(),
        description: s("A Docker container with code-server."),
        display_name: s("Docker"),
        failure_ttl_ms: 0,
        icon: s(TEMPLATE_ICON),
        id: TEMPLATE_ID,
        max_port_share_level: WorkspaceAgentPortShareLevel::Public,
        name: s("docker"),
        organization_display_name: s("Coder"),
        organization_icon: String::new(),
        organization_id: ORG_ID,
        organization_name: s("coder"),
        provisioner: s("terraform"),
        require_active_version: false,
        time_til_dormant_autodelete_ms: 0,
        time_til_dormant_ms: 0,
        updated_at: at(8, 0, 0),
        use_classic_parameter_flow: false,
    }
}

/// The server's build information.
pub fn build_info_response() -> BuildInfoResponse {
    BuildInfoResponse {
        agent_api_version: s("2.0"),
        dashboard_url: s("https://coder.example.com"),
        deployment_id: s("0f7b2ab8-1b7e-4a54-9a53-6c0a6d3f2e15"),
        external_url: s("https://github.com/example/workspaced"),
        provisioner_api_version: s("1.0"),
        telemetry: false,
        upgrade_message: String::new(),
        version: s("v0.1.0"),
        workspace_proxy: false,
    }
}
