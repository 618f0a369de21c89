-- Destruction that destroys (issue 16, points 2 and 3; DESIGN.md §1 Destruction, §3).

-- A destroyed owner's data key ROW goes (not only its key: the row named the owner's KEK and was the place the
-- old wrapped key lived on in dead tuples). What stays is a tombstone without any key material, so that a
-- destroyed owner never gets a new key and a value sealed for it reads as "destroyed", not "tampered".
CREATE TABLE crypto_destroyed_owner (
    owner_kind       VARCHAR(32)              NOT NULL,
    owner_id         VARCHAR(128)             NOT NULL,
    destroyed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    destroyed_reason VARCHAR(200)             NOT NULL,
    PRIMARY KEY (owner_kind, owner_id)
);
INSERT INTO crypto_destroyed_owner (owner_kind, owner_id, destroyed_at, destroyed_reason)
SELECT owner_kind, owner_id, destroyed_at, destroyed_reason FROM crypto_data_key WHERE destroyed_at IS NOT NULL;
DELETE FROM crypto_token t USING crypto_data_key d
 WHERE d.owner_kind = t.owner_kind AND d.owner_id = t.owner_id AND d.destroyed_at IS NOT NULL;
DELETE FROM crypto_data_key WHERE destroyed_at IS NOT NULL;
ALTER TABLE crypto_data_key DROP CONSTRAINT crypto_data_key_live_or_destroyed;
ALTER TABLE crypto_data_key DROP COLUMN destroyed_at, DROP COLUMN destroyed_reason;
ALTER TABLE crypto_data_key ALTER COLUMN kek_id SET NOT NULL, ALTER COLUMN wrapped_key SET NOT NULL;

-- A destroyed transcript keeps its message rows as metadata for the KPIs (direction, type, times, status) and for
-- deduplicating a redelivery by wamid; their content goes.
ALTER TABLE messages ALTER COLUMN content DROP NOT NULL;

-- Which customer a raw delivery is about, without the phone number: the blind-index token of the sender's wa_id
-- (the same token as contacts.phone_token), so that destroying a contact purges its pending deliveries and dead
-- letters. Null when the delivery names no sender (statuses only) or could not be read.
ALTER TABLE webhook_inbox ADD COLUMN sender_token VARCHAR(128);
CREATE INDEX webhook_inbox_sender_ix ON webhook_inbox (sender_token) WHERE sender_token IS NOT NULL;

-- Content left behind by destructions made before this version: the content of destroyed transcripts, and the raw
-- deliveries already applied (a delivery is now deleted once applied).
UPDATE messages m SET content = NULL FROM conversations c
 WHERE c.id = m.conversation_id AND c.transcript = 'DESTROYED' AND m.content IS NOT NULL;
UPDATE conversation_events e SET note = NULL FROM conversations c
 WHERE c.id = e.conversation_id AND c.transcript = 'DESTROYED' AND e.note IS NOT NULL;
DELETE FROM media_files f USING conversations c WHERE c.id = f.conversation_id AND c.transcript = 'DESTROYED';
DELETE FROM training_examples t USING conversations c WHERE c.id = t.conversation_id AND c.transcript = 'DESTROYED';
DELETE FROM archive_transcripts a USING conversations c
 WHERE c.id = a.conversation_id AND c.transcript = 'DESTROYED';
DELETE FROM contact_notes n USING crypto_destroyed_owner d
 WHERE d.owner_kind = 'contact' AND d.owner_id = n.contact_id::text;
DELETE FROM webhook_inbox WHERE state = 'DONE';
