-- Port sharing. The list of a workspace's shares is in port order (then agent name): this
-- index gives it. Shares go with their workspace: a hard delete cascades (foreign key),
-- and a workspace marked deleted (its delete build succeeded) loses its shares in the same
-- transaction, whichever code path marks it.
CREATE INDEX workspace_port_shares_order_idx ON workspace_port_shares (workspace_id, port, agent_name);
CREATE FUNCTION delete_port_shares_of_deleted_workspace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM workspace_port_shares WHERE workspace_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER workspaces_deleted_port_shares AFTER UPDATE OF deleted ON workspaces
    FOR EACH ROW WHEN (NEW.deleted AND NOT OLD.deleted)
    EXECUTE FUNCTION delete_port_shares_of_deleted_workspace();
