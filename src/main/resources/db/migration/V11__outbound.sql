-- The outbound queue (issue 6): PENDING outbound messages are the queue itself, so nothing accepted is lost across a
-- restart. A sender claims due rows with FOR UPDATE SKIP LOCKED and pushes next_attempt_at past a lease in the same
-- short transaction, so that no other instance takes them while it sends; a lease that runs out (the instance died)
-- makes the message due again.
ALTER TABLE messages
    ADD COLUMN send_attempts   INT                      NOT NULL DEFAULT 0,
    -- When the sender may next try; null means as soon as it was stored (stored_at).
    ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE,
    -- The last error of a message still being retried (code and Meta's message), for diagnosis.
    ADD COLUMN last_error      TEXT,
    -- The order messages were written in, which their timestamps cannot give when two share an instant: a
    -- conversation's messages leave in this order.
    ADD COLUMN queue_seq       BIGINT GENERATED ALWAYS AS IDENTITY;

CREATE INDEX messages_outbound_due_ix ON messages (COALESCE(next_attempt_at, stored_at))
    WHERE direction = 'OUTBOUND' AND status = 'PENDING';
