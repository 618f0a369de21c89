package io.wadesk.conversation;

/**
 * Who wrote an inbound message. Since 2026 a user may have no phone number in the payload ({@code waId} null) and be
 * known only by the business-scoped user id (BSUID); older payloads may lack the BSUID. At least one is present.
 *
 * @param waId the phone number as digits without {@code +}, or null
 * @param userId the business-scoped user id, e.g. {@code US.7301284465519022873}, or null
 * @param profileName the name the user gave WhatsApp, or null
 * @param username the WhatsApp username, e.g. {@code @dana}, or null
 */
public record Sender(String waId, String userId, String profileName, String username) {

    public Sender {
        if (waId == null && userId == null) {
            throw new IllegalArgumentException("A sender needs a phone number or a business-scoped user id");
        }
    }
}
