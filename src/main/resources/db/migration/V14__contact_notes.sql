-- Notes agents keep about a customer (the desk's contact card). The body is personal data: sealed under the contact's
-- key (io.wadesk.crypto.Vault), so destroying the contact's key destroys its notes, backups included.
CREATE TABLE contact_notes (
    id         UUID                     PRIMARY KEY,
    contact_id UUID                     NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    author_id  BIGINT                   NOT NULL REFERENCES users (id),
    body       BYTEA                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX contact_notes_contact_ix ON contact_notes (contact_id, created_at);
