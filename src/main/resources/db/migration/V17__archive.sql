-- The managers' archive (issue 8): evidence of archived transcripts, and tags.

-- When a conversation's transcript is archived (closed with consent), each message's content and metadata is
-- hashed and the hashes are chained; an export recomputes the chain from the messages as they are then, so a message
-- changed, added or removed since shows. Hashes are not personal data: without the message they say nothing.
CREATE TABLE archive_transcripts (
    conversation_id UUID                     PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    archived_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    message_count   INT                      NOT NULL,
    -- The last link of the chain (the chain's start when there is no message).
    chain_head      CHAR(64)                 NOT NULL
);

CREATE TABLE archive_message_hashes (
    conversation_id UUID     NOT NULL REFERENCES archive_transcripts (conversation_id) ON DELETE CASCADE,
    position        INT      NOT NULL,
    message_id      UUID     NOT NULL,
    -- SHA-256 over the previous link and this message's digest.
    link            CHAR(64) NOT NULL,
    PRIMARY KEY (conversation_id, position)
);

-- Managers' labels on conversations ("training", "dispute"...): free words, not personal data.
CREATE TABLE archive_tags (
    conversation_id UUID        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    tag             VARCHAR(40) NOT NULL,
    added_by        BIGINT,
    added_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (conversation_id, tag)
);
CREATE INDEX archive_tags_tag_ix ON archive_tags (tag, conversation_id);

-- The archive lists closed conversations newest first, optionally within a date range.
CREATE INDEX conversations_closed_ix ON conversations (closed_at DESC, id) WHERE status = 'CLOSED';
