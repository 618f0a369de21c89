package io.wadesk.whatsapp;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Templates recorded here rather than synced from a WABA: the demo's, since the simulator's fake Graph API has no
 * template list. Written as {@link TemplateSync} would write an approved one.
 */
@Component
public class LocalTemplates {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    LocalTemplates(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Records an APPROVED template with one BODY component, unless one of that name and language exists. */
    public void recordApproved(String name, String language, String category, String bodyText) {
        String components = json.writeValueAsString(List.of(Map.of("type", "BODY", "text", bodyText)));
        jdbc.sql("INSERT INTO whatsapp_templates (name, language, category, status, components, synced_at)"
                        + " VALUES (?, ?, ?, 'APPROVED', CAST(? AS JSONB), ?)"
                        + " ON CONFLICT (name, language) DO NOTHING")
                .params(name, language, category, components, OffsetDateTime.now(clock))
                .update();
    }
}
