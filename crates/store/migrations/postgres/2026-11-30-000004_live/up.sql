-- The lifecycle executor's scans: workspaces whose autostart is due, and dormant ones whose
-- deletion is due (partial indexes: only live workspaces with the time set).
CREATE INDEX workspaces_next_start_idx ON workspaces (next_start_at) WHERE NOT deleted AND next_start_at IS NOT NULL;
CREATE INDEX workspaces_deleting_idx ON workspaces (deleting_at) WHERE NOT deleted AND deleting_at IS NOT NULL;
-- Live updates across server processes: every change a workspace response shows bumps
-- workspaces.version in its transaction, so a notification on that bump, sent at COMMIT,
-- tells every listening server which workspace changed (payload: its id). NOTIFY folds
-- identical payloads of one transaction into one.
CREATE FUNCTION notify_workspace_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('workspace_changed', NEW.id);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER workspace_changed AFTER UPDATE OF version ON workspaces
    FOR EACH ROW EXECUTE FUNCTION notify_workspace_changed();
