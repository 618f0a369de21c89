-- Every delivery Meta signed, stored before it is acknowledged (issue 4). The body is sealed with the key of its
-- day (crypto owner "inbox"/key_day), so that old raw payloads can be shredded a day at a time.
CREATE TABLE webhook_inbox (
    id              UUID                     PRIMARY KEY,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    key_day         DATE                     NOT NULL,
    body            BYTEA                    NOT NULL,
    body_size       INT                      NOT NULL,
    state           VARCHAR(8)               NOT NULL CHECK (state IN ('PENDING', 'DONE', 'DEAD')),
    attempts        INT                      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      TEXT,
    processed_at    TIMESTAMP WITH TIME ZONE
);

-- What the workers claim (FOR UPDATE SKIP LOCKED), oldest due first; small because done rows leave it.
CREATE INDEX webhook_inbox_due_ix ON webhook_inbox (next_attempt_at) WHERE state = 'PENDING';
-- The dead letters an admin looks at and replays.
CREATE INDEX webhook_inbox_dead_ix ON webhook_inbox (received_at) WHERE state = 'DEAD';
-- Shredding and purging raw payloads by day.
CREATE INDEX webhook_inbox_key_day_ix ON webhook_inbox (key_day);
