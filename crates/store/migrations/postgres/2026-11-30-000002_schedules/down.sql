DROP TABLE workspace_agent_script_timings;
DROP TABLE provisioner_job_timings;
ALTER TABLE templates DROP COLUMN autostart_allowed_days;
