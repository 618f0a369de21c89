package io.wadesk.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Seals values (AES-256-GCM) under their owner's data key, bound to the row and column they are stored in.
 *
 * <p>The one way to store personal data: a repository seals each sensitive column explicitly before it writes the
 * row ({@code byte[]} / {@code bytea}), and opens it after reading. The row id must therefore be known before the
 * insert (application-generated UUIDs); a JPA converter cannot know the row and owner, so none is offered.
 */
@Service
public class Vault {

    private final DataKeys dataKeys;
    private final ValueCipher cipher;

    Vault(DataKeys dataKeys, ValueCipher cipher) {
        this.dataKeys = dataKeys;
        this.cipher = cipher;
    }

    /**
     * @throws ValueDestroyedException if the owner was destroyed: it can have no new values
     */
    public byte[] seal(KeyOwner owner, FieldRef field, byte[] plaintext) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(plaintext, "plaintext");
        return cipher.seal(dataKeys.forSealing(owner), owner, field, plaintext);
    }

    /** Seals the UTF-8 bytes of a text; null stays null. */
    public byte[] sealText(KeyOwner owner, FieldRef field, String plaintext) {
        return plaintext == null ? null : seal(owner, field, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The value, or {@link Opened.Destroyed} when the owner was destroyed.
     *
     * @throws ValueTamperedException if the value was altered, or sealed for another owner or field
     */
    public Opened open(KeyOwner owner, FieldRef field, byte[] sealed) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(sealed, "sealed");
        OwnerKey key = dataKeys.forOpening(owner);
        if (key instanceof OwnerKey.Destroyed destroyed) {
            return new Opened.Destroyed(destroyed.at(), destroyed.reason());
        }
        return new Opened.Value(cipher.open(((OwnerKey.Live) key).key(), owner, field, sealed));
    }

    /**
     * The text of a sealed value; null stays null.
     *
     * @throws ValueDestroyedException if the owner was destroyed
     * @throws ValueTamperedException if the value was altered, or sealed for another owner or field
     */
    public String openText(KeyOwner owner, FieldRef field, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        Opened opened = open(owner, field, sealed);
        if (opened instanceof Opened.Destroyed destroyed) {
            throw new ValueDestroyedException(owner, destroyed.destroyedAt(), destroyed.reason());
        }
        return ((Opened.Value) opened).text();
    }
}
