package io.wadesk.simulator.internal;

import java.util.List;

/** Short customer-service conversations the autopilot plays, in French and English. */
final class AutopilotScripts {

    record Script(String language, List<String> lines) {}

    static final List<String> FRENCH_NAMES =
            List.of("Camille Durand", "Léa Moreau", "Hugo Petit", "Chloé Martin", "Lucas Bernard", "Inès Lefebvre");

    static final List<String> ENGLISH_NAMES =
            List.of("Emma Wilson", "Oliver Smith", "Ava Johnson", "Noah Brown", "Mia Taylor", "Jack Evans");

    static final List<Script> SCRIPTS = List.of(
            new Script(
                    "fr",
                    List.of(
                            "Bonjour, ma commande n° %s devait arriver hier et je n'ai toujours rien reçu.",
                            "Le suivi indique « en transit » depuis trois jours.",
                            "Pouvez-vous me dire quand je vais la recevoir ?",
                            "Merci pour votre aide !")),
            new Script(
                    "en",
                    List.of(
                            "Hi, my order #%s was due yesterday and it still hasn't arrived.",
                            "Tracking has said \"in transit\" for three days.",
                            "Can you tell me when it will get here?",
                            "Thanks for your help!")),
            new Script(
                    "fr",
                    List.of(
                            "Bonjour, je souhaite être remboursé pour la commande n° %s.",
                            "L'article est arrivé abîmé, j'ai des photos si besoin.",
                            "Combien de temps prend le remboursement ?",
                            "Parfait, merci beaucoup.")),
            new Script(
                    "en",
                    List.of(
                            "Hello, I'd like a refund for order #%s.",
                            "The item arrived damaged, I can send photos.",
                            "How long does the refund take?",
                            "Great, thank you.")),
            new Script(
                    "fr",
                    List.of(
                            "Bonjour, est-ce que la veste Alpine (réf. %s) existe en taille L ?",
                            "Et est-elle vraiment imperméable ?", "D'accord, je vais la commander. Merci !")),
            new Script(
                    "en",
                    List.of(
                            "Hi, does the Alpine jacket (ref. %s) come in size L?",
                            "Is it really waterproof?", "OK, I'll order it. Thanks!")));

    private AutopilotScripts() {}
}
