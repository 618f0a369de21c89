-- Files of messages, kept sealed under the conversation's key like the messages, so shredding a transcript shreds
-- its files. A customer's file (image, voice note, video, document, sticker) is fetched from Meta right after
-- ingestion, while its media id is valid (7 days; its download URL lives 5 minutes), and checked against Meta's
-- sha256. An agent's attachment is stored at once and uploaded to Meta when the message is sent.
CREATE TABLE media_files (
    id              UUID         PRIMARY KEY,
    message_id      UUID         NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
    conversation_id UUID         NOT NULL,
    phone_number_id VARCHAR(64)  NOT NULL,
    -- Meta's opaque id of the file and its declared type and digest (not personal data); an attachment of ours has
    -- an id once uploaded.
    media_id        VARCHAR(255),
    mime_type       VARCHAR(255),
    sha256          VARCHAR(128),
    kind            VARCHAR(16)  NOT NULL,
    state           VARCHAR(16)  NOT NULL CHECK (state IN ('PENDING', 'STORED', 'FAILED')),
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      TEXT,
    size_bytes      BIGINT,
    content         BYTEA,
    stored_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX media_files_due_ix ON media_files (next_attempt_at) WHERE state = 'PENDING';
