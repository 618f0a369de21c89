-- The audit log: append-only and hash-chained (io.wadesk.audit.AuditLog). seq has no gaps; each hash covers the
-- previous one, so a changed or removed row breaks the chain at a place "verify chain" can name.
CREATE TABLE audit_log (
    seq         BIGINT       PRIMARY KEY,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(255) NOT NULL,
    action      VARCHAR(128) NOT NULL,
    target_type VARCHAR(64),
    target_id   VARCHAR(255),
    reason      TEXT,
    details     TEXT         NOT NULL,
    prev_hash   CHAR(64)     NOT NULL,
    hash        CHAR(64)     NOT NULL
);
CREATE INDEX audit_log_at_ix ON audit_log (at);
CREATE INDEX audit_log_actor_ix ON audit_log (actor, seq);
CREATE INDEX audit_log_target_ix ON audit_log (target_type, target_id);

-- The application only ever inserts; anything else is refused whoever asks (a superuser can still drop the
-- trigger, which is what the hash chain is for).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
