-- Contacts, conversations and messages (issue 4: storage; routing and the rules of DESIGN.md §1 come later).
-- Nothing personal is stored in clear: phone numbers, user ids, names and message content are sealed with
-- io.wadesk.crypto (per-contact and per-conversation keys); contacts are found by keyed blind-index tokens.

CREATE TABLE contacts (
    id           UUID                     PRIMARY KEY,
    -- BlindIndex.phoneToken(wa_id) and BlindIndex.token(BSUID): a user may come with either or both.
    phone_token  VARCHAR(128)             UNIQUE,
    user_token   VARCHAR(128)             UNIQUE,
    phone        BYTEA,
    user_id      BYTEA,
    profile_name BYTEA,
    username     BYTEA,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT contacts_identified_ck CHECK (phone_token IS NOT NULL OR user_token IS NOT NULL)
);

CREATE TABLE conversations (
    id              UUID                     PRIMARY KEY,
    contact_id      UUID                     NOT NULL REFERENCES contacts (id),
    -- The business number the customer wrote to (metadata.phone_number_id).
    phone_number_id VARCHAR(64)              NOT NULL,
    status          VARCHAR(16)              NOT NULL
        CHECK (status IN ('QUEUED', 'ASSIGNED', 'PAUSED', 'CLOSED')),
    opened_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at       TIMESTAMP WITH TIME ZONE,
    -- WhatsApp's timestamp of the contact's latest message: the 24-hour window is computed from it.
    last_inbound_at TIMESTAMP WITH TIME ZONE,
    last_message_at TIMESTAMP WITH TIME ZONE
);
-- A contact has at most one open conversation per business number, even when two workers race to open it.
CREATE UNIQUE INDEX conversations_one_open_uk ON conversations (contact_id, phone_number_id) WHERE status <> 'CLOSED';
CREATE INDEX conversations_contact_ix ON conversations (contact_id);
CREATE INDEX conversations_queue_ix ON conversations (opened_at) WHERE status = 'QUEUED';

CREATE TABLE messages (
    id              UUID                     PRIMARY KEY,
    conversation_id UUID                     NOT NULL REFERENCES conversations (id),
    direction       VARCHAR(8)               NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    phone_number_id VARCHAR(64)              NOT NULL,
    -- WhatsApp's id; null for an outbound message not yet accepted by the Cloud API.
    wamid           VARCHAR(255),
    type            VARCHAR(32)              NOT NULL,
    -- Sealed JSON: the type-specific content, the reply context and the ad referral.
    content         BYTEA                    NOT NULL,
    reply_to_wamid  VARCHAR(255),
    forwarded       BOOLEAN                  NOT NULL DEFAULT FALSE,
    -- WhatsApp's timestamp (inbound) or when it was written (outbound).
    sent_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    stored_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Outbound only: the furthest delivery status reached (message_status_rank never decreases).
    status          VARCHAR(16),
    status_at       TIMESTAMP WITH TIME ZONE,
    error_code      INT,
    error_title     TEXT,
    -- A redelivered message is stored once.
    CONSTRAINT messages_wamid_uk UNIQUE (phone_number_id, wamid)
);
CREATE INDEX messages_conversation_ix ON messages (conversation_id, sent_at);
CREATE INDEX messages_wamid_ix ON messages (wamid);

-- Every status Meta reported, once per (wamid, status), whether or not the message is known yet: the statuses of
-- a message written later (outbound comes with a later issue) are applied to it from here.
CREATE TABLE message_status_events (
    wamid           VARCHAR(255)             NOT NULL,
    status          VARCHAR(32)              NOT NULL,
    phone_number_id VARCHAR(64)              NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    error_code      INT,
    error_title     TEXT,
    error_details   TEXT,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (wamid, status)
);

-- The order in which a delivery status may replace another: sent < delivered < read < played, and failed is final.
CREATE FUNCTION message_status_rank(status VARCHAR) RETURNS INT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE status
           WHEN 'PENDING' THEN 0
           WHEN 'SENT' THEN 1
           WHEN 'DELIVERED' THEN 2
           WHEN 'READ' THEN 3
           WHEN 'PLAYED' THEN 4
           WHEN 'FAILED' THEN 9
           ELSE -1
       END
$$;
