package io.wadesk.whatsapp.internal;

/**
 * Who a message goes to: a phone number (wa_id) and/or a business-scoped user id (BSUID, docs/cloud-api.md §3.9). Both
 * go in the request when both are known ({@code to} wins at Meta); a user who hides their number behind a username
 * is reached by the BSUID alone.
 */
public record Recipient(String phone, String userId) {

    public Recipient {
        phone = phone == null || phone.isBlank() ? null : phone.strip();
        userId = userId == null || userId.isBlank() ? null : userId.strip();
        if (phone == null && userId == null) {
            throw new IllegalArgumentException("A recipient needs a phone number or a business-scoped user id");
        }
    }

    public static Recipient phone(String phone) {
        return new Recipient(phone, null);
    }

    /** The phone number as the Cloud API wants it: with {@code +} and the country code, so nothing is prepended. */
    String to() {
        if (phone == null) {
            return null;
        }
        return phone.startsWith("+") ? phone : "+" + phone;
    }
}
