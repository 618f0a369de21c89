-- WhatsApp message templates of the business account. The Cloud API client (a later issue) keeps this table in
-- sync with Meta; only APPROVED templates may be sent.
CREATE TABLE whatsapp_templates (
    name       VARCHAR(512) NOT NULL,
    language   VARCHAR(16)  NOT NULL,
    category   VARCHAR(32)  NOT NULL,
    status     VARCHAR(32)  NOT NULL,
    -- The template's components as Meta describes them (header, body with {{n}} parameters, buttons).
    components JSONB        NOT NULL DEFAULT '[]'::jsonb,
    synced_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, language)
);
