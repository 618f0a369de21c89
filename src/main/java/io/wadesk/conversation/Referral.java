package io.wadesk.conversation;

/** The click-to-WhatsApp ad (or post) the user came from, as Meta describes it; every part may be absent. */
public record Referral(
        String sourceUrl,
        String sourceId,
        String sourceType,
        String body,
        String headline,
        String mediaType,
        String imageUrl,
        String videoUrl,
        String thumbnailUrl,
        String ctwaClid,
        String welcomeMessage) {}
