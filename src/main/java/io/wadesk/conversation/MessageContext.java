package io.wadesk.conversation;

/**
 * What an inbound message refers to: the message it quotes or answers (a reply, a tap on a button of ours), whether
 * it was forwarded, and the product it was sent about.
 *
 * @param quotedWamid the wamid of the quoted or answered message, or null
 * @param quotedFrom the number that sent the quoted message (usually ours), or null
 * @param forwarded forwarded up to five times
 * @param frequentlyForwarded forwarded more than five times
 * @param referredCatalogId with {@code referredProductId}: the product the "Message business" button was on
 * @param referredProductId the product's retailer id
 */
public record MessageContext(
        String quotedWamid,
        String quotedFrom,
        boolean forwarded,
        boolean frequentlyForwarded,
        String referredCatalogId,
        String referredProductId) {}
