-- The status of each workspace's latest build (pending, starting, running, ...), kept on the
-- workspace row by the store in the same transaction as every build and job transition, so
-- that `q=status:` and the list order read one column instead of deriving it per row.
-- The derivation itself lives in Rust (`WorkspaceStatus::from_job`); this backfill is the
-- one time it is written in SQL.
ALTER TABLE workspaces ADD COLUMN latest_build_status TEXT NOT NULL DEFAULT 'pending';
UPDATE workspaces SET latest_build_status = COALESCE((
    SELECT CASE
        WHEN pj.job_status = 'pending' THEN 'pending'
        WHEN pj.job_status = 'running' AND wb.transition = 'start' THEN 'starting'
        WHEN pj.job_status = 'running' AND wb.transition = 'stop' THEN 'stopping'
        WHEN pj.job_status = 'running' AND wb.transition = 'delete' THEN 'deleting'
        WHEN pj.job_status = 'succeeded' AND wb.transition = 'start' THEN 'running'
        WHEN pj.job_status = 'succeeded' AND wb.transition = 'stop' THEN 'stopped'
        WHEN pj.job_status = 'succeeded' AND wb.transition = 'delete' THEN 'deleted'
        WHEN pj.job_status = 'canceling' THEN 'canceling'
        WHEN pj.job_status = 'canceled' THEN 'canceled'
        ELSE 'failed' END
    FROM workspace_builds wb JOIN provisioner_jobs pj ON pj.id = wb.job_id
    WHERE wb.workspace_id = workspaces.id
    ORDER BY wb.build_number DESC LIMIT 1), 'pending');
