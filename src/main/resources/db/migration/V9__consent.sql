-- Consent to keep transcripts (DESIGN.md §1 Consent) and what became of each conversation's transcript.

ALTER TABLE contacts
    ADD COLUMN consent_status       VARCHAR(16) NOT NULL DEFAULT 'NONE'
        CHECK (consent_status IN ('NONE', 'PENDING', 'GRANTED', 'REFUSED', 'WITHDRAWN')),
    ADD COLUMN consent_changed_at   TIMESTAMP WITH TIME ZONE,
    -- The version of the consent text the contact was shown (the text itself is configured, and versioned by admins).
    ADD COLUMN consent_text_version INT;

ALTER TABLE conversations
    -- PENDING while open; on close ARCHIVED (consent granted) or DESTROYED (crypto-shredded, metadata kept for KPIs).
    ADD COLUMN transcript            VARCHAR(16) NOT NULL DEFAULT 'PENDING'
        CHECK (transcript IN ('PENDING', 'ARCHIVED', 'DESTROYED')),
    ADD COLUMN transcript_settled_at TIMESTAMP WITH TIME ZONE,
    ADD COLUMN destroyed_reason      VARCHAR(32);
CREATE INDEX conversations_archived_ix ON conversations (contact_id) WHERE transcript = 'ARCHIVED';

-- Every consent decision, who recorded it (null: the customer through WhatsApp) and when: kept for accountability.
CREATE TABLE consent_events (
    id           UUID        PRIMARY KEY,
    contact_id   UUID        NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    status       VARCHAR(16) NOT NULL,
    text_version INT,
    actor_id     BIGINT,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX consent_events_contact_ix ON consent_events (contact_id, occurred_at);
