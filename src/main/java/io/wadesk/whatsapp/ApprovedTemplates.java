package io.wadesk.whatsapp;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The templates that may be sent (APPROVED ones), with what the desk must ask for to fill them. */
@Service
public class ApprovedTemplates {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final WhatsAppConnection connection;

    ApprovedTemplates(JdbcClient jdbc, JsonMapper json, WhatsAppConnection connection) {
        this.jdbc = jdbc;
        this.json = json;
        this.connection = connection;
    }

    /**
     * An approved template; {@code bodyText} is its BODY with placeholders, {@code parameters} how many distinct
     * {@code {{n}}} (or named) placeholders it has, to be given in order; {@code headerParameters} how many its TEXT
     * header has (the sender fills only the body's).
     */
    public record ApprovedTemplate(
            String name, String language, String category, String bodyText, int parameters, int headerParameters) {

        /** The names of the body's placeholders ({@code 1}, {@code 2}… or named ones), in the order to give them. */
        public List<String> placeholders() {
            return PARAMETER
                    .matcher(bodyText)
                    .results()
                    .map(match -> match.group(1))
                    .distinct()
                    .toList();
        }
    }

    /** The approved templates by name, the one admins chose for re-engagement first, so that the desk offers it first. */
    public List<ApprovedTemplate> list() {
        List<ApprovedTemplate> templates = jdbc.sql(
                        "SELECT name, language, category, components::text AS components FROM whatsapp_templates"
                                + " WHERE status = 'APPROVED' ORDER BY name, language")
                .query((rs, n) -> approvedTemplate(rs))
                .list();
        return connection
                .reengagementTemplate()
                .map(chosen -> templates.stream()
                        .sorted(java.util.Comparator.comparing((ApprovedTemplate t) ->
                                !(t.name().equals(chosen.name()) && t.language().equals(chosen.language()))))
                        .toList())
                .orElse(templates);
    }

    private ApprovedTemplate approvedTemplate(java.sql.ResultSet rs) throws java.sql.SQLException {
        String components = rs.getString("components");
        String body = text(components, "BODY");
        return new ApprovedTemplate(
                rs.getString("name"),
                rs.getString("language"),
                rs.getString("category"),
                body,
                parameterCount(body),
                parameterCount(text(components, "HEADER")));
    }

    /** The template admins chose for re-engagement, if it is still approved. */
    public java.util.Optional<ApprovedTemplate> reengagement() {
        return connection
                .reengagementTemplate()
                .flatMap(chosen -> list().stream()
                        .filter(t ->
                                t.name().equals(chosen.name()) && t.language().equals(chosen.language()))
                        .findFirst());
    }

    /** A template as last synced, whatever its status (APPROVED, PENDING, REJECTED…). */
    public record SyncedTemplate(
            String name, String language, String category, String status, java.time.Instant syncedAt) {}

    public List<SyncedTemplate> synced() {
        return jdbc.sql("SELECT name, language, category, status, synced_at FROM whatsapp_templates"
                        + " ORDER BY name, language")
                .query((rs, n) -> new SyncedTemplate(
                        rs.getString("name"),
                        rs.getString("language"),
                        rs.getString("category"),
                        rs.getString("status"),
                        rs.getTimestamp("synced_at").toInstant()))
                .list();
    }

    /** The text of a component (a media header has none). */
    private String text(String components, String type) {
        for (JsonNode component : json.readTree(components)) {
            if (type.equalsIgnoreCase(component.path("type").asString(""))) {
                return component.path("text").asString("");
            }
        }
        return "";
    }

    static int parameterCount(String text) {
        Matcher matcher = PARAMETER.matcher(text);
        return (int) matcher.results().map(match -> match.group(1)).distinct().count();
    }
}
