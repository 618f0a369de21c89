package io.wadesk.crypto;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Whose data key protects a value: a conversation, a contact, or any other kind of owner. Destroying an owner makes
 * every value sealed for it unreadable, so an owner is the unit of crypto-shredding.
 *
 * <p>The kind and id are stored in clear (they name the key), so an id must never be personal data: use a UUID or a
 * date, never a phone number or a name.
 */
public record KeyOwner(String kind, String id) {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final int MAX_ID = 128;

    public KeyOwner {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("An owner kind is 1 to 32 lower-case letters, digits, _ or -: " + kind);
        }
        if (id.isBlank() || id.length() > MAX_ID) {
            throw new IllegalArgumentException("An owner id is 1 to " + MAX_ID + " characters");
        }
    }

    public static KeyOwner conversation(UUID id) {
        return new KeyOwner("conversation", id.toString());
    }

    public static KeyOwner contact(UUID id) {
        return new KeyOwner("contact", id.toString());
    }

    public static KeyOwner of(String kind, String id) {
        return new KeyOwner(kind, id);
    }

    @Override
    public String toString() {
        return kind + " " + id;
    }
}
