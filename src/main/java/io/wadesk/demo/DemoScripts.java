package io.wadesk.demo;

import java.util.List;

/**
 * What the demo's customers and agents say. The customers are invented; their phone numbers are in ranges kept for
 * fiction. Lines alternate, the customer first; {@code {first}}, {@code {last}}, {@code {phone}}, {@code {email}} and
 * {@code {street}} are the customer's own, so that the training library has personal data to mask.
 */
final class DemoScripts {

    private DemoScripts() {}

    /** How a customer answers the consent request. */
    enum Consent {
        GRANTS,
        REFUSES,
        IGNORES
    }

    record Customer(String first, String last, boolean english, Consent consent, String street) {

        String name() {
            return first + " " + last;
        }

        String email() {
            return (first + "." + last)
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace('é', 'e')
                            .replace('è', 'e')
                            .replace('ï', 'i')
                            .replace('ç', 'c')
                            .replace(' ', '-')
                    + (english ? "@example.co.uk" : "@example.fr");
        }
    }

    /** A conversation's lines; {@code sales} picks the sales team's number; {@code example} marks it for training. */
    record Dialogue(boolean english, boolean sales, Example example, List<String> lines) {}

    enum Example {
        GOOD,
        BAD
    }

    static final List<Customer> CUSTOMERS = List.of(
            new Customer("Claire", "Dubois", false, Consent.GRANTS, "12 rue des Lilas, 75011 Paris"),
            new Customer("Julien", "Moreau", false, Consent.GRANTS, "3 avenue Foch, 69006 Lyon"),
            new Customer("Sophie", "Lefèvre", false, Consent.REFUSES, "45 chemin du Moulin, 31000 Toulouse"),
            new Customer("Karim", "Benali", false, Consent.GRANTS, "8 boulevard Voltaire, 13001 Marseille"),
            new Customer("Élodie", "Garnier", false, Consent.IGNORES, "27 rue Nationale, 59000 Lille"),
            new Customer("Thomas", "Girard", false, Consent.GRANTS, "5 place Bellecour, 69002 Lyon"),
            new Customer("Nadia", "Haddad", false, Consent.GRANTS, "14 allée des Tilleuls, 44000 Nantes"),
            new Customer("Hugo", "Petit", false, Consent.REFUSES, "9 impasse du Lavoir, 35000 Rennes"),
            new Customer("Camille", "Roux", false, Consent.GRANTS, "31 quai de la Fosse, 44000 Nantes"),
            new Customer("Mathieu", "Fournier", false, Consent.IGNORES, "2 rue de la Paix, 67000 Strasbourg"),
            new Customer("Léa", "Bonnet", false, Consent.GRANTS, "18 cours Mirabeau, 13100 Aix"),
            new Customer("Antoine", "Mercier", false, Consent.GRANTS, "60 route de Lyon, 38000 Grenoble"),
            new Customer("Inès", "Fabre", false, Consent.REFUSES, "4 rue du Port, 17000 Rochelle"),
            new Customer("Romain", "Chevalier", false, Consent.GRANTS, "11 avenue Jean Jaurès, 33000 Bordeaux"),
            new Customer("Emily", "Clarke", true, Consent.GRANTS, "221B Baker Street, London NW1 6XE"),
            new Customer("Daniel", "Smith", true, Consent.GRANTS, "10 Park Lane, London W1K 1AA"),
            new Customer("Priya", "Patel", true, Consent.REFUSES, "42 Station Road, Leeds LS1 4DY"),
            new Customer("Oliver", "Brown", true, Consent.GRANTS, "7 Queen Street, Bristol BS1 4JQ"),
            new Customer("Grace", "Wilson", true, Consent.IGNORES, "15 High Street, Oxford OX1 4AH"),
            new Customer("James", "Taylor", true, Consent.GRANTS, "3 Mill Lane, York YO1 7HE"),
            new Customer("Chloe", "Evans", true, Consent.GRANTS, "28 Church Road, Cardiff CF10 1AA"),
            new Customer("Ethan", "Hughes", true, Consent.REFUSES, "90 King Street, Manchester M2 4WU"));

    static final List<Dialogue> DIALOGUES = List.of(
            new Dialogue(
                    false,
                    false,
                    Example.GOOD,
                    List.of(
                            "Bonjour, je m'appelle {first} {last}. Ma commande n°48213 n'est toujours pas arrivée 😕",
                            "Bonjour {first}, je suis désolée pour ce retard. Je regarde tout de suite le suivi de votre colis.",
                            "Merci. Je suis au {street}, vous pouvez me joindre au {phone} si besoin.",
                            "Le colis est bloqué au centre de tri : je lance une réexpédition en express, livraison demain avant 13 h. Je vous envoie le suivi par e-mail à {email}.",
                            "Parfait, merci beaucoup pour votre réactivité !",
                            "Avec plaisir, bonne journée {first} !")),
            new Dialogue(
                    false,
                    false,
                    null,
                    List.of(
                            "Bonjour, je voudrais changer l'adresse de livraison de ma commande.",
                            "Bonjour ! Bien sûr, quelle est la nouvelle adresse ?",
                            "{street}",
                            "C'est modifié, vous recevrez une confirmation à {email}.")),
            new Dialogue(
                    false,
                    false,
                    Example.BAD,
                    List.of(
                            "Bonjour, mon remboursement de 89,90 € n'est toujours pas arrivé, ça fait trois semaines !",
                            "Il faut attendre.",
                            "Attendre combien de temps ? On m'avait dit 5 jours. Mon numéro est le {phone}.",
                            "Je ne sais pas, voyez avec la banque.",
                            "Franchement c'est très décevant.",
                            "Je transmets.")),
            new Dialogue(
                    false,
                    false,
                    null,
                    List.of(
                            "Bonsoir, l'article reçu est abîmé, je peux envoyer une photo ?",
                            "Bonjour {first}, oui bien sûr, envoyez-la ici, je m'en occupe.",
                            "Voilà, le coin de la boîte est écrasé et l'écran est rayé.",
                            "Merci, c'est bien visible. Je vous envoie une étiquette de retour gratuite et un remplacement part dès réception.")),
            new Dialogue(
                    false,
                    true,
                    null,
                    List.of(
                            "Bonjour, avez-vous le canapé Oslo en vert sauge ? Je suis M. {last}.",
                            "Bonjour Monsieur {last} ! Oui, il est disponible en 3 places, livraison sous 2 semaines.",
                            "Super, et la livraison au {street} est possible ?",
                            "Oui, c'est dans notre zone. Je vous prépare un devis et je vous l'envoie à {email}.")),
            new Dialogue(
                    false,
                    true,
                    Example.GOOD,
                    List.of(
                            "Bonjour, je m'appelle {first}, je voudrais savoir si vous faites des facilités de paiement.",
                            "Bonjour {first} ! Oui, en 3 ou 4 fois sans frais dès 300 €. Vous pensiez à quel article ?",
                            "La table Nordic en chêne.",
                            "Elle est à 640 €, donc 4 × 160 € sans frais. Souhaitez-vous que je la réserve pour vous ?",
                            "Oui volontiers !",
                            "C'est fait, le lien de paiement arrive par e-mail. Merci pour votre confiance 🙂")),
            new Dialogue(
                    false,
                    false,
                    null,
                    List.of(
                            "Bonjour, comment je fais pour résilier mon abonnement ?",
                            "Bonjour, je peux le faire pour vous. Pouvez-vous me confirmer l'e-mail du compte ?",
                            "{email}",
                            "Votre abonnement est résilié à la fin du mois, vous recevez la confirmation à l'instant.")),
            new Dialogue(
                    true,
                    false,
                    Example.GOOD,
                    List.of(
                            "Hi, my name is {first} {last} and my order has not arrived yet.",
                            "Hello {first}, sorry about that! Let me check the tracking for you right away.",
                            "Thanks. I live at {street}, and you can call me on {phone}.",
                            "The parcel was held at the depot: I've booked a redelivery for tomorrow morning and emailed the details to {email}.",
                            "Brilliant, thank you so much!",
                            "You're welcome, have a lovely day!")),
            new Dialogue(
                    true,
                    false,
                    null,
                    List.of(
                            "Hello, can I return a jacket I bought last week?",
                            "Hi {first}! Yes, returns are free within 30 days. Would you like a refund or an exchange?",
                            "An exchange for a size M please.",
                            "Done: the return label is in your inbox and the M will ship as soon as we receive the jacket.")),
            new Dialogue(
                    true,
                    true,
                    null,
                    List.of(
                            "Hi, do you deliver to {street}?",
                            "Hello! Yes, we deliver everywhere in the UK within 5 working days.",
                            "Great, and is the Oslo sofa in stock?",
                            "It is, in three colours. I'll send you the brochure by email at {email}.")),
            new Dialogue(
                    true,
                    false,
                    Example.BAD,
                    List.of(
                            "My refund still hasn't come through, it's been three weeks.",
                            "Refunds take time.",
                            "How much time? I was told 5 days. Please call me on {phone}.",
                            "Not sure, ask your bank.")),
            new Dialogue(
                    true,
                    false,
                    null,
                    List.of(
                            "Hello, I was charged twice for order 55821.",
                            "Hi {first}, I'm sorry about that. I can see both payments; I've cancelled the duplicate, you'll see it back in 3 to 5 days.",
                            "Thank you!",
                            "My pleasure. Anything else I can help with?")));

    /** A customer who writes again while the conversation is paused or after a re-engagement. */
    static String backAgain(boolean english) {
        return english
                ? "Sorry, I was away. Here is what you asked for."
                : "Désolé, j'étais occupé. Voici ce que vous m'avez demandé.";
    }

    static String askForDetails(boolean english) {
        return english
                ? "Could you send me your order number when you have it?"
                : "Pouvez-vous m'envoyer votre numéro de commande quand vous l'avez ?";
    }

    static String thanks(boolean english) {
        return english ? "Thanks, that's all sorted on our side." : "Merci, tout est réglé de notre côté.";
    }

    static String transferNote(boolean english) {
        return english ? "Billing question, over to you." : "Question de facturation, je te laisse la suite.";
    }

    static String takeOver(boolean english) {
        return english ? "Hello, I'm taking over your request." : "Bonjour, je prends la suite de votre demande.";
    }
}
