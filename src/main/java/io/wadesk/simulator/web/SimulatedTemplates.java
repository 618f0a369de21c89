package io.wadesk.simulator.web;

import java.util.List;
import java.util.Map;

/** The templates the simulator's WABA has: two approved ones (French and English) and one Meta rejected. */
final class SimulatedTemplates {

    static final List<Map<String, Object>> ALL = List.of(
            template(
                    "reprise_conversation",
                    "fr",
                    "UTILITY",
                    "APPROVED",
                    "Bonjour {{1}}, nous revenons vers vous au sujet de votre demande. Répondez à ce message pour"
                            + " reprendre la conversation."),
            template(
                    "follow_up",
                    "en",
                    "UTILITY",
                    "APPROVED",
                    "Hello {{1}}, we are getting back to you about your request. Reply to this message to carry on."),
            template(
                    "promo_hiver",
                    "fr",
                    "MARKETING",
                    "REJECTED",
                    "Profitez de -20 % sur toute la collection d''hiver !".replace("''", "'")));

    private SimulatedTemplates() {}

    private static Map<String, Object> template(
            String name, String language, String category, String status, String body) {
        return Map.of(
                "name", name,
                "language", language,
                "category", category,
                "status", status,
                "components", List.of(Map.of("type", "BODY", "text", body)));
    }
}
