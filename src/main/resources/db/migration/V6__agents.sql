-- Teams, who belongs to them, and each agent's availability and load (DESIGN.md §1 Agent status, Routing).

CREATE TABLE teams (
    id               BIGSERIAL    PRIMARY KEY,
    name             VARCHAR(80)  NOT NULL,
    default_capacity INT          NOT NULL CHECK (default_capacity BETWEEN 1 AND 50),
    -- e.g. '{firstName}, votre conseiller {brand}'; null when the team signs nothing.
    signature_format VARCHAR(200),
    is_default       BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX teams_name_uk ON teams (lower(name));
-- New conversations from a number no team claims go to the default team; there is at most one.
CREATE UNIQUE INDEX teams_one_default_uk ON teams (is_default) WHERE is_default;

-- The business phone numbers (Cloud API phone_number_id) a team answers.
CREATE TABLE team_phone_numbers (
    phone_number_id VARCHAR(64) PRIMARY KEY,
    team_id         BIGINT      NOT NULL REFERENCES teams (id) ON DELETE CASCADE
);

CREATE TABLE team_members (
    team_id BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_ix ON team_members (user_id);

-- One row per person who answers conversations. BUSY is not stored: it is AVAILABLE with active_count at capacity.
CREATE TABLE agents (
    user_id           BIGINT      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    status            VARCHAR(16) NOT NULL CHECK (status IN ('AVAILABLE', 'UNAVAILABLE')),
    -- A personal capacity set by a manager; null means the team's (or the global) default.
    capacity          INT         CHECK (capacity BETWEEN 1 AND 50),
    -- Conversations this agent is handling now (paused and closed ones do not count). Only ever changed by a
    -- conditional UPDATE that checks the capacity in the same statement, so it can never pass it.
    active_count      INT         NOT NULL DEFAULT 0 CHECK (active_count >= 0),
    status_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- When this agent last received a conversation: among equally loaded agents, the one idle longest goes first.
    last_assigned_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX agents_available_ix ON agents (active_count, last_assigned_at) WHERE status = 'AVAILABLE';
