-- Quick replies (canned answers) that managers write and agents insert with "/" in the composer. They are the
-- business's own wording, not customer data, so they are stored in clear.
CREATE TABLE quick_replies (
    id         BIGSERIAL     PRIMARY KEY,
    -- The team whose agents are offered it; null offers it to every agent.
    team_id    BIGINT        REFERENCES teams (id) ON DELETE CASCADE,
    shortcut   VARCHAR(32)   NOT NULL,
    title      VARCHAR(80)   NOT NULL,
    body       VARCHAR(1000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
-- A shortcut is unique within its scope (one team, or the global scope), whatever its case.
CREATE UNIQUE INDEX quick_replies_shortcut_uk ON quick_replies (COALESCE(team_id, 0), lower(shortcut));
