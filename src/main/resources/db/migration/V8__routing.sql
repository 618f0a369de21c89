-- Routing and the rules of a conversation's life (DESIGN.md §1): who handles it, its queue, pauses and re-engagement.

ALTER TABLE conversations
    -- The team whose queue it is in (the one mapped to the receiving number, else the default team).
    ADD COLUMN team_id                 BIGINT REFERENCES teams (id),
    -- ASSIGNED or PAUSED: the agent who handles it. QUEUED: the agent it is kept for (a conversation coming back to
    -- a busy owner), or null for anyone of the team.
    ADD COLUMN agent_id                BIGINT REFERENCES users (id),
    ADD COLUMN queued_at               TIMESTAMP WITH TIME ZONE,
    ADD COLUMN assigned_at             TIMESTAMP WITH TIME ZONE,
    ADD COLUMN paused_until            TIMESTAMP WITH TIME ZONE,
    -- Came back from a pause that ended with no answer from the customer.
    ADD COLUMN pause_expired           BOOLEAN NOT NULL DEFAULT FALSE,
    -- When the re-engagement template was sent; cleared when the customer answers.
    ADD COLUMN reengaged_at            TIMESTAMP WITH TIME ZONE,
    -- A re-engagement got no answer: a second one is refused, closing is offered instead.
    ADD COLUMN reengagement_unanswered BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN first_reply_at          TIMESTAMP WITH TIME ZONE,
    ADD COLUMN last_reply_at           TIMESTAMP WITH TIME ZONE;

CREATE INDEX conversations_team_queue_ix ON conversations (team_id, queued_at) WHERE status = 'QUEUED';
CREATE INDEX conversations_pause_end_ix ON conversations (paused_until) WHERE status = 'PAUSED';
CREATE INDEX conversations_agent_ix ON conversations (agent_id) WHERE status <> 'CLOSED';

-- What happened to a conversation, for its history on the desk and for the audit: assigned, transferred, paused...
CREATE TABLE conversation_events (
    id              UUID        PRIMARY KEY,
    -- Orders the events of one conversation that share an instant.
    seq             BIGSERIAL   NOT NULL,
    conversation_id UUID        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    type            VARCHAR(32) NOT NULL,
    -- Who did it (null for the system: routing, a pause ending).
    actor_id        BIGINT,
    -- The agent and team it went to, when it went somewhere.
    agent_id        BIGINT,
    team_id         BIGINT,
    -- The note left with a transfer: sealed under the conversation's key, like its messages.
    note            BYTEA,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX conversation_events_conversation_ix ON conversation_events (conversation_id, seq);
