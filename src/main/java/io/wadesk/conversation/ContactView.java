package io.wadesk.conversation;

import java.util.UUID;

/** A contact, opened: only for code that is allowed to see personal data. */
public record ContactView(UUID id, String waId, String userId, String profileName, String username) {}
