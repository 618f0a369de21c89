-- What admins set on screen instead of in a config file (io.wadesk.settings.Settings). A key absent here means the
-- application property (or its default) applies. Secrets (tokens, app secrets) are never in value: they are sealed
-- by the Vault in sealed, under the owner "settings", bound to this table, column and key.
CREATE TABLE settings (
    key        VARCHAR(100) PRIMARY KEY,
    value      TEXT,
    sealed     BYTEA,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The admin who set it (null: the system).
    updated_by BIGINT,
    CHECK ((value IS NULL) <> (sealed IS NULL))
);

-- Every consent request text admins have written, so that the version a contact saw (contacts.consent_text_version,
-- consent_events.text_version) still says which words they agreed to. Version 1 is the configured default text until
-- an admin writes another one.
CREATE TABLE consent_texts (
    version    INT          PRIMARY KEY CHECK (version >= 1),
    text       TEXT         NOT NULL,
    yes_label  VARCHAR(20)  NOT NULL,
    no_label   VARCHAR(20)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by BIGINT
);

-- An admin reset the password: until the user chooses a new one, every page sends them to the change-password page.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
