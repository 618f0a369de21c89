-- The training library (issue 8): conversations a manager marked as a good or a bad example, shown to agents with
-- personal data masked, and the extra masking patterns admins add. Also the marker of the demo data's one seeding.

CREATE TABLE training_examples (
    id              UUID        PRIMARY KEY,
    -- One example per conversation; it goes when the conversation's row goes.
    conversation_id UUID        NOT NULL UNIQUE REFERENCES conversations (id) ON DELETE CASCADE,
    verdict         VARCHAR(8)  NOT NULL CHECK (verdict IN ('GOOD', 'BAD')),
    -- The manager's comment and the transcript, both already masked and still sealed under the conversation's key:
    -- destroying the transcript (withdrawal, retention) makes the example unreadable too.
    comment         BYTEA,
    masked          BYTEA       NOT NULL,
    team_id         BIGINT,
    marked_by       BIGINT      NOT NULL REFERENCES users (id),
    marked_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX training_examples_marked_ix ON training_examples (marked_at DESC);

-- Regular expressions an admin adds to the built-in masks (names, phones, e-mails, postal addresses).
CREATE TABLE masking_patterns (
    id         BIGSERIAL    PRIMARY KEY,
    pattern    VARCHAR(300) NOT NULL UNIQUE,
    label      VARCHAR(80)  NOT NULL,
    created_by BIGINT       NOT NULL REFERENCES users (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Demo mode seeds its archive once; this row says it was done (and when), so a restart does not seed again.
CREATE TABLE demo_seeding (
    name       VARCHAR(64) PRIMARY KEY,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at    TIMESTAMP WITH TIME ZONE
);
