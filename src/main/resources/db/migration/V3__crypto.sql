-- Encryption at rest (DESIGN.md §3). Key material never reaches this schema: only KEK ids, and data keys wrapped
-- under a KEK that lives in the configuration.

-- The KEKs ever made active, in order, and those retired. Rotation only re-wraps data keys whose KEK was activated
-- before the active one, so two instances of a rolling deployment never re-wrap the same keys back and forth.
CREATE TABLE crypto_kek (
    id           VARCHAR(64)              PRIMARY KEY,
    activated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at   TIMESTAMP WITH TIME ZONE
);

-- One data key (DEK) per owner (a conversation, a contact...), stored wrapped under a KEK. Destroying the owner
-- removes the key and keeps the row as a tombstone: one row per owner, so that creating a key and destroying it
-- are serialised by the primary key and a destroyed owner never gets a new key.
CREATE TABLE crypto_data_key (
    owner_kind       VARCHAR(32)              NOT NULL,
    owner_id         VARCHAR(128)             NOT NULL,
    kek_id           VARCHAR(64)              REFERENCES crypto_kek (id),
    wrapped_key      BYTEA,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    destroyed_at     TIMESTAMP WITH TIME ZONE,
    destroyed_reason VARCHAR(200),
    PRIMARY KEY (owner_kind, owner_id),
    CONSTRAINT crypto_data_key_live_or_destroyed CHECK (
        (destroyed_at IS NULL AND kek_id IS NOT NULL AND wrapped_key IS NOT NULL AND destroyed_reason IS NULL)
        OR (destroyed_at IS NOT NULL AND kek_id IS NULL AND wrapped_key IS NULL AND destroyed_reason IS NOT NULL))
);
-- Rotation looks for the keys still wrapped under an older KEK.
CREATE INDEX crypto_data_key_kek_idx ON crypto_data_key (kek_id) WHERE kek_id IS NOT NULL;

-- Blind-index tokens: keyed HMACs of normalised words and phone numbers, never the words themselves.
CREATE TABLE crypto_token (
    owner_kind VARCHAR(32)  NOT NULL,
    owner_id   VARCHAR(128) NOT NULL,
    field      VARCHAR(64)  NOT NULL,
    token      CHAR(32)     NOT NULL,
    PRIMARY KEY (owner_kind, field, token, owner_id),
    FOREIGN KEY (owner_kind, owner_id) REFERENCES crypto_data_key (owner_kind, owner_id)
);
-- Destruction removes every token of one owner.
CREATE INDEX crypto_token_owner_idx ON crypto_token (owner_kind, owner_id);
