-- The live desk (DESIGN.md §2 Live desk): what changed, for whom, pushed to the agents' browsers over Server-Sent
-- Events. Every instance LISTENs on channel 'wadesk_live'; a row's id is NOTIFYed when its transaction commits, so an
-- event produced on one instance reaches an agent connected to another. A browser that reconnects sends the last id
-- it saw and is replayed what it missed. Ids and kinds only: nothing personal.
CREATE TABLE live_events (
    id              BIGSERIAL                PRIMARY KEY,
    -- MESSAGE (a customer wrote), CONVERSATION (assigned, paused, transferred...), TICK (a delivery status),
    -- STATUS (the agent's own status), QUEUE (the length of a team's queue changed).
    kind            VARCHAR(16)              NOT NULL
        CHECK (kind IN ('MESSAGE', 'CONVERSATION', 'TICK', 'STATUS', 'QUEUE')),
    conversation_id UUID,
    -- For CONVERSATION, what happened (a conversation_events type); for TICK, the delivery status.
    change          VARCHAR(32),
    -- Who it is for: one or two agents (the new and the previous owner), or the members of a team (QUEUE only, which
    -- names no conversation, so that an agent never learns of a colleague's conversations).
    user_id         BIGINT,
    other_user_id   BIGINT,
    team_id         BIGINT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT live_events_audience_ck CHECK (user_id IS NOT NULL OR team_id IS NOT NULL)
);
CREATE INDEX live_events_created_ix ON live_events (created_at);

-- When an agent last looked at a conversation they handle: inbound messages stored after it are unread.
CREATE TABLE conversation_reads (
    conversation_id UUID                     NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         BIGINT                   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
