package io.wadesk.desk.web;

import io.wadesk.conversation.ConsentStatus;
import io.wadesk.conversation.ContactView;

/** The contact card of the pane: the name, the phone masked (the owner may reveal it), the consent. */
record ContactCard(String name, String maskedPhone, ConsentStatus consent) {

    static ContactCard of(ContactView contact, ConsentStatus consent) {
        String name = contact.profileName() != null && !contact.profileName().isBlank() ? contact.profileName() : null;
        return new ContactCard(name, contact.waId() != null ? maskedPhone(contact.waId()) : null, consent);
    }

    /** {@code 33612345678} becomes {@code +33 6 •• •• •• 78}: enough to tell customers apart, not to call them. */
    static String maskedPhone(String waId) {
        if (waId.length() < 7) {
            return "+" + "•".repeat(Math.max(0, waId.length() - 2)) + waId.substring(Math.max(0, waId.length() - 2));
        }
        StringBuilder out =
                new StringBuilder("+").append(waId, 0, 2).append(' ').append(waId.charAt(2));
        int hidden = waId.length() - 5;
        for (int i = 0; i < hidden; i += 2) {
            out.append(' ').append("•".repeat(Math.min(2, hidden - i)));
        }
        return out.append(' ').append(waId.substring(waId.length() - 2)).toString();
    }

    /** {@code 33612345678} becomes {@code +33 6 12 34 56 78}. */
    static String fullPhone(String waId) {
        if (waId.length() < 7) {
            return "+" + waId;
        }
        return "+" + waId.substring(0, 2) + " " + waId.charAt(2) + inPairs(waId.substring(3));
    }

    /** {@code 12345678} becomes {@code " 12 34 56 78"}; with an odd number of digits, the first stands alone. */
    private static String inPairs(String digits) {
        StringBuilder out = new StringBuilder();
        int first = digits.length() % 2;
        if (first == 1) {
            out.append(' ').append(digits.charAt(0));
        }
        for (int i = first; i < digits.length(); i += 2) {
            out.append(' ').append(digits, i, i + 2);
        }
        return out.toString();
    }
}
