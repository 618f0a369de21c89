package io.wadesk.library.internal;

import java.util.regex.Pattern;

/** What tells a number that must stay readable (an order, a date, an amount) from a phone, card or postcode. */
final class Numbers {

    /**
     * The words that introduce a reference: "commande n° 4821", "order number is", "suivi :", "ref.", "#". A number
     * right after one of them is the business's, not the customer's.
     */
    private static final Pattern REFERENCE_BEFORE = Pattern.compile("(?iu)(?:\\b(?:commande|cde|cmd|facture|invoice"
            + "|order|orders|ref|réf|reference|référence|suivi|tracking|colis|parcel|package|dossier|ticket|case"
            + "|sku|article|modèle|modele|model|serial|série|serie|imei|ean|code|client|compte|account|contrat"
            + "|contract|abonnement|subscription|transaction|remboursement|refund|bon|avoir|retour|return|lot"
            + "|référence|produit|product|item)\\b\\.?\\s*(?:n°|nº|no\\.?|nr\\.?|num(?:é|e)ro|number|num|#)?\\s*"
            + "(?:is|est|:|=)?\\s*(?:de\\s+suivi\\s*)?|(?:n°|nº|#)\\s*)$");

    /** A date: 2024-03-12, 12/03/2024, 03.12.2024, 12-03-24. */
    private static final Pattern DATE =
            Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|\\d{2})");

    /** A currency or unit right after a number: "89,90 €", "$", "CHF", "kg", "%". */
    private static final Pattern UNIT_AFTER =
            Pattern.compile("^\\s?(?:€|\\$|£|%|(?i:eur|euros?|usd|gbp|chf|dollars?|kg|g|cm|mm|km|m|ml|l|h|min|mn)\\b)");

    private static final Pattern CURRENCY_BEFORE = Pattern.compile("(?:[€$£]|(?i:eur|usd|gbp|chf))\\s?$");

    private Numbers() {}

    static boolean afterReferenceWord(String text, int start) {
        int from = Math.max(0, start - 40);
        return REFERENCE_BEFORE.matcher(text.substring(from, start)).find();
    }

    static boolean isDate(String candidate) {
        return DATE.matcher(candidate.strip()).matches();
    }

    static boolean isAmountOrMeasure(String text, int start, int end) {
        return UNIT_AFTER.matcher(text.substring(end)).find()
                || CURRENCY_BEFORE
                        .matcher(text.substring(Math.max(0, start - 5), start))
                        .find();
    }
}
