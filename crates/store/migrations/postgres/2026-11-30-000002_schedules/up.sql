-- Schedules and build timings.
-- * The days of the week on which a template's workspaces may start automatically
--   (Coder's autostart requirement): a bitmap, Monday bit 0 … Sunday bit 6; all days by default.
ALTER TABLE templates ADD COLUMN autostart_allowed_days INTEGER NOT NULL DEFAULT 127;
-- * What the provisioner did while running a job, stage by stage, as it ran (Coder's
--   provisioner_job_timings).
CREATE TABLE provisioner_job_timings (
    id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL REFERENCES provisioner_jobs(id) ON DELETE CASCADE,
    -- The order the provisioner ran the stages in.
    position INTEGER NOT NULL,
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP NOT NULL,
    stage TEXT NOT NULL,
    source TEXT NOT NULL,
    action TEXT NOT NULL,
    resource TEXT NOT NULL
);
CREATE INDEX provisioner_job_timings_job_idx ON provisioner_job_timings (job_id, position);
-- * Each run of an agent's script (Coder's workspace_agent_script_timings, with the
--   script's display name kept beside it: scripts are not a table here).
CREATE TABLE workspace_agent_script_timings (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES workspace_agents(id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP NOT NULL,
    exit_code INTEGER NOT NULL,
    stage TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE INDEX workspace_agent_script_timings_agent_idx ON workspace_agent_script_timings (agent_id, started_at);
