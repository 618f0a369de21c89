-- Retention of archived transcripts, legal holds and the runs of the retention job (DESIGN.md §1 Retention,
-- Consent; issue 9). No personal data here: holds name conversations and contacts by id, and their reasons are case
-- references typed by an admin.

-- How long an archived transcript is kept, counted from the day it was archived: one global period...
CREATE TABLE retention_settings (
    id         SMALLINT                 PRIMARY KEY CHECK (id = 1),
    keep_days  INT                      NOT NULL CHECK (keep_days BETWEEN 1 AND 36500),
    updated_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO retention_settings (id, keep_days) VALUES (1, 365);

-- ...and, optionally, one per team (the team whose queue the conversation was in).
CREATE TABLE retention_team_periods (
    team_id   BIGINT PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
    keep_days INT    NOT NULL CHECK (keep_days BETWEEN 1 AND 36500)
);

-- Each run of the retention job. It works in batches and counts what it destroyed after each one, so that any
-- instance can show its progress; heartbeat_at tells a run that died with its instance from one still going.
CREATE TABLE retention_runs (
    id           UUID                     PRIMARY KEY,
    trigger      VARCHAR(16)              NOT NULL CHECK (trigger IN ('SCHEDULED', 'MANUAL')),
    actor        VARCHAR(255)             NOT NULL,
    state        VARCHAR(16)              NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED', 'ABANDONED')),
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    planned      INT                      NOT NULL,
    destroyed    INT                      NOT NULL DEFAULT 0,
    held         INT                      NOT NULL DEFAULT 0,
    error        TEXT
);
-- One run at a time across instances.
CREATE UNIQUE INDEX retention_runs_one_running_uk ON retention_runs ((TRUE)) WHERE state = 'RUNNING';
CREATE INDEX retention_runs_started_ix ON retention_runs (started_at DESC);

-- Legal holds: while one is in force on a conversation, or on its contact, the transcript survives retention,
-- withdrawal and erasure. Lifted holds stay, for the record. No foreign key: a hold outlives nothing it names, and
-- the rows it names are never deleted (destruction keeps them as metadata).
CREATE TABLE legal_holds (
    id          UUID                     PRIMARY KEY,
    target_type VARCHAR(16)              NOT NULL CHECK (target_type IN ('CONVERSATION', 'CONTACT')),
    target_id   UUID                     NOT NULL,
    reason      VARCHAR(500)             NOT NULL,
    placed_by   VARCHAR(255)             NOT NULL,
    placed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    lifted_by   VARCHAR(255),
    lifted_at   TIMESTAMP WITH TIME ZONE,
    lift_reason VARCHAR(500)
);
CREATE UNIQUE INDEX legal_holds_one_in_force_uk ON legal_holds (target_type, target_id) WHERE lifted_at IS NULL;
