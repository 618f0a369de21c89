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

    ApprovedTemplates(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * An approved template; {@code bodyText} is its BODY with placeholders, {@code parameters} how many distinct
     * {@code {{n}}} (or named) placeholders it has, to be given in order.
     */
    public record ApprovedTemplate(String name, String language, String category, String bodyText, int parameters) {

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

    public List<ApprovedTemplate> list() {
        return jdbc.sql("SELECT name, language, category, components::text AS components FROM whatsapp_templates"
                        + " WHERE status = 'APPROVED' ORDER BY name, language")
                .query((rs, n) -> {
                    String body = bodyText(rs.getString("components"));
                    return new ApprovedTemplate(
                            rs.getString("name"),
                            rs.getString("language"),
                            rs.getString("category"),
                            body,
                            parameterCount(body));
                })
                .list();
    }

    private String bodyText(String components) {
        for (JsonNode component : json.readTree(components)) {
            if ("BODY".equalsIgnoreCase(component.path("type").asString(""))) {
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
