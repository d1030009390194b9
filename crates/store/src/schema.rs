// Diesel table definitions. They mirror migrations/postgres and migrations/sqlite: change all three together.

diesel::table! {
    organizations (id) {
        id -> Text,
        name -> Text,
        display_name -> Text,
        icon -> Text,
        is_default -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        email -> Text,
        name -> Text,
        avatar_url -> Text,
        site_role -> Text,
        status -> Text,
        deleted -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    organization_members (organization_id,user_id) {
        organization_id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    groups (id) {
        id -> Text,
        organization_id -> Text,
        name -> Text,
        display_name -> Text,
        avatar_url -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    group_members (group_id,user_id) {
        group_id -> Text,
        user_id -> Text,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Text,
        user_id -> Text,
        hashed_secret -> Text,
        token_name -> Text,
        lifetime_seconds -> BigInt,
        expires_at -> Timestamp,
        last_used -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::table! {
    templates (id) {
        id -> Text,
        organization_id -> Text,
        name -> Text,
        display_name -> Text,
        description -> Text,
        icon -> Text,
        active_version_id -> Text,
        created_by -> Text,
        default_ttl_ms -> BigInt,
        max_ttl_ms -> BigInt,
        activity_bump_ms -> BigInt,
        allow_user_autostart -> Bool,
        allow_user_autostop -> Bool,
        allow_user_cancel_workspace_jobs -> Bool,
        time_til_dormant_ms -> BigInt,
        time_til_dormant_autodelete_ms -> BigInt,
        require_active_version -> Bool,
        use_classic_parameter_flow -> Bool,
        max_port_share_level -> Text,
        deleted -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        autostart_allowed_days -> Integer,
    }
}

diesel::table! {
    template_versions (id) {
        id -> Text,
        template_id -> Nullable<Text>,
        organization_id -> Text,
        name -> Text,
        message -> Text,
        parameters -> Text,
        resources -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    workspaces (id) {
        id -> Text,
        organization_id -> Text,
        owner_id -> Text,
        template_id -> Text,
        name -> Text,
        autostart_schedule -> Nullable<Text>,
        ttl_ms -> Nullable<BigInt>,
        automatic_updates -> Text,
        favorite -> Bool,
        last_used_at -> Timestamp,
        dormant_at -> Nullable<Timestamp>,
        deleting_at -> Nullable<Timestamp>,
        next_start_at -> Nullable<Timestamp>,
        deleted -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        latest_build_status -> Text,
        status_rank -> Integer,
        owner_name_key -> Text,
        name_key -> Text,
        version -> BigInt,
        latest_job_id -> Nullable<Text>,
        latest_template_version_id -> Nullable<Text>,
        agents_connected -> Bool,
        agents_disconnected -> Bool,
        agents_connecting_until -> Nullable<Timestamp>,
        agents_timeout_after -> Nullable<Timestamp>,
        shared -> Bool,
        outdated -> Bool,
    }
}

diesel::table! {
    provisioner_jobs (id) {
        id -> Text,
        organization_id -> Text,
        initiator_id -> Text,
        job_type -> Text,
        job_status -> Text,
        input -> Text,
        error -> Nullable<Text>,
        worker_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
        completed_at -> Nullable<Timestamp>,
        canceled_at -> Nullable<Timestamp>,
        heartbeat_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    workspace_builds (id) {
        id -> Text,
        workspace_id -> Text,
        template_version_id -> Text,
        build_number -> Integer,
        transition -> Text,
        reason -> Text,
        initiator_id -> Text,
        job_id -> Text,
        deadline -> Nullable<Timestamp>,
        max_deadline -> Nullable<Timestamp>,
        daily_cost -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    workspace_build_parameters (build_id,name) {
        build_id -> Text,
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    workspace_resources (id) {
        id -> Text,
        job_id -> Text,
        transition -> Text,
        resource_type -> Text,
        name -> Text,
        hide -> Bool,
        icon -> Text,
        daily_cost -> Integer,
        metadata -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    workspace_agents (id) {
        id -> Text,
        resource_id -> Text,
        name -> Text,
        operating_system -> Text,
        architecture -> Text,
        directory -> Text,
        version -> Text,
        api_version -> Text,
        instance_id -> Text,
        lifecycle_state -> Text,
        connection_timeout_seconds -> Integer,
        troubleshooting_url -> Text,
        environment_variables -> Text,
        display_apps -> Text,
        first_connected_at -> Nullable<Timestamp>,
        last_connected_at -> Nullable<Timestamp>,
        disconnected_at -> Nullable<Timestamp>,
        started_at -> Nullable<Timestamp>,
        ready_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        connection_timeout_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    workspace_apps (id) {
        id -> Text,
        agent_id -> Text,
        slug -> Text,
        display_name -> Text,
        icon -> Text,
        command -> Nullable<Text>,
        url -> Nullable<Text>,
        external -> Bool,
        subdomain -> Bool,
        sharing_level -> Text,
        health -> Text,
        hidden -> Bool,
        open_in -> Text,
        group_name -> Nullable<Text>,
        tooltip -> Text,
        healthcheck_url -> Text,
        healthcheck_interval -> Integer,
        healthcheck_threshold -> Integer,
        display_order -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    workspace_user_acl (workspace_id,user_id) {
        workspace_id -> Text,
        user_id -> Text,
        role -> Text,
    }
}

diesel::table! {
    workspace_group_acl (workspace_id,group_id) {
        workspace_id -> Text,
        group_id -> Text,
        role -> Text,
    }
}

diesel::table! {
    /// Shards of a counter moved (by trigger) in every transaction that can change which
    /// workspaces match a filter of the list (migration `list_shapes`); their sum is the
    /// generation.
    list_generation (shard) {
        shard -> Integer,
        value -> BigInt,
    }
}

diesel::table! {
    /// Moves (by trigger) whenever the set of workspaces some actor may see can change.
    visibility_generation (id) {
        id -> Integer,
        value -> BigInt,
    }
}

diesel::table! {
    workspace_port_shares (workspace_id,agent_name,port) {
        workspace_id -> Text,
        agent_name -> Text,
        port -> Integer,
        share_level -> Text,
        protocol -> Text,
    }
}

diesel::table! {
    provisioner_job_timings (id) {
        id -> Text,
        job_id -> Text,
        position -> Integer,
        started_at -> Timestamp,
        ended_at -> Timestamp,
        stage -> Text,
        source -> Text,
        action -> Text,
        resource -> Text,
    }
}

diesel::table! {
    workspace_agent_script_timings (id) {
        id -> Text,
        agent_id -> Text,
        display_name -> Text,
        started_at -> Timestamp,
        ended_at -> Timestamp,
        exit_code -> Integer,
        stage -> Text,
        status -> Text,
    }
}

diesel::joinable!(workspaces -> users (owner_id));
diesel::joinable!(workspaces -> templates (template_id));
diesel::joinable!(workspaces -> organizations (organization_id));
diesel::joinable!(workspace_builds -> workspaces (workspace_id));
diesel::joinable!(workspace_builds -> provisioner_jobs (job_id));
diesel::joinable!(workspace_builds -> template_versions (template_version_id));
diesel::joinable!(workspace_resources -> provisioner_jobs (job_id));
diesel::joinable!(workspace_agents -> workspace_resources (resource_id));
diesel::joinable!(workspace_apps -> workspace_agents (agent_id));
diesel::joinable!(provisioner_job_timings -> provisioner_jobs (job_id));
diesel::joinable!(workspace_agent_script_timings -> workspace_agents (agent_id));
diesel::joinable!(workspace_user_acl -> users (user_id));
diesel::joinable!(workspace_group_acl -> groups (group_id));
diesel::joinable!(api_keys -> users (user_id));
diesel::joinable!(templates -> organizations (organization_id));
diesel::joinable!(organization_members -> users (user_id));
diesel::joinable!(group_members -> users (user_id));
diesel::joinable!(group_members -> groups (group_id));

diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    users,
    organization_members,
    groups,
    group_members,
    api_keys,
    templates,
    template_versions,
    workspaces,
    provisioner_jobs,
    workspace_builds,
    workspace_build_parameters,
    workspace_resources,
    workspace_agents,
    workspace_apps,
    workspace_user_acl,
    workspace_group_acl,
    workspace_port_shares,
    provisioner_job_timings,
    workspace_agent_script_timings,
    visibility_generation,
    list_generation,
);
