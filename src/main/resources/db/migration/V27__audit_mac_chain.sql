-- Issue 16, point 4: the audit chain becomes a keyed MAC chain (io.wadesk.audit.AuditLog), and the staff free text of
-- an entry (its reason, its details) is sealed with the crypto module. The key is not in the database, so the MAC of
-- the entries written before this version is computed by the application at its first start (AuditChainSealing),
-- which then moves their clear reason and details into the sealed columns and empties the legacy ones.
ALTER TABLE audit_log RENAME COLUMN reason TO legacy_reason;
ALTER TABLE audit_log RENAME COLUMN details TO legacy_details;
ALTER TABLE audit_log ALTER COLUMN legacy_details DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash DROP NOT NULL;
-- Sealed (crypto Vault, owner "audit"/<yyyy-MM of the entry>, field audit_log.<column>.<seq>); details is the sealed
-- JSON object of the entry's details.
ALTER TABLE audit_log ADD COLUMN reason BYTEA;
ALTER TABLE audit_log ADD COLUMN details BYTEA;
-- HMAC-SHA256 (hex) over the previous entry's mac and every column, the sealed ones as stored.
ALTER TABLE audit_log ADD COLUMN mac CHAR(64);

-- Still append-only, with one exception: the one-time sealing of an entry written before this version (no mac yet),
-- which may only fill the new columns and empty the legacy ones.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
    END IF;
    IF OLD.mac IS NULL AND NEW.mac IS NOT NULL
            AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action
            AND NEW.target_type IS NOT DISTINCT FROM OLD.target_type
            AND NEW.target_id IS NOT DISTINCT FROM OLD.target_id
            AND NEW.hash IS NOT DISTINCT FROM OLD.hash AND NEW.prev_hash IS NOT DISTINCT FROM OLD.prev_hash
            AND NEW.legacy_reason IS NULL AND NEW.legacy_details IS NULL THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$;

-- Point 9: Meta's 131047 (more than 24 hours since the customer's last message) closes the conversation's window at
-- once, whatever our own clock says; a later message from the customer opens it again.
ALTER TABLE conversations ADD COLUMN window_closed_at TIMESTAMP WITH TIME ZONE;
-- The consent request could not go (the customer's message was already outside the window): it goes with the
-- customer's next message that arrives inside the window.
ALTER TABLE conversations ADD COLUMN consent_request_due BOOLEAN NOT NULL DEFAULT FALSE;
