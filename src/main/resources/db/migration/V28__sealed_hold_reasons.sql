-- Issue 16: the reason of a legal hold (and of its lifting) is free text typed by staff, and a customer's name typed
-- there showed in a database dump. It is now sealed (io.wadesk.crypto.Vault) under the data key of what the hold is
-- on, the conversation or the contact, so that it is destroyed with their data. The clear columns stay only for the
-- rows written before this version: io.wadesk.retention.LegalHolds seals those at start-up and empties the clear
-- columns (keys come from the configuration, so a SQL migration cannot seal).
ALTER TABLE legal_holds
    ADD COLUMN reason_sealed      BYTEA,
    ADD COLUMN lift_reason_sealed BYTEA,
    ALTER COLUMN reason DROP NOT NULL;
