package io.wadesk.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an attacker with the database and the master keys (the KEKs) reads: every data key row still present is
 * unwrapped, and every bytea value of every table is decrypted under each of them. The decryption is AES-CTR on the
 * GCM counter stream, without checking the tag, so it needs neither the owner nor the row the value was bound to:
 * any value sealed under a present key comes out in clear, whatever its place.
 */
public final class RemainingCiphertexts {

    private final JdbcClient jdbc;
    private final KeyRing keyRing;
    private final KeyWrapper wrapper;

    public RemainingCiphertexts(ApplicationContext context) {
        this.jdbc = context.getBean(JdbcClient.class);
        this.keyRing = context.getBean(KeyRing.class);
        this.wrapper = context.getBean(KeyWrapper.class);
    }

    /** Every data key row present now: kind and id. */
    public Set<KeyOwner> keyOwners() {
        return Set.copyOf(jdbc.sql("SELECT owner_kind, owner_id FROM crypto_data_key WHERE wrapped_key IS NOT NULL")
                .query((rs, n) -> new KeyOwner(rs.getString(1), rs.getString(2)))
                .list());
    }

    /**
     * The markers found in clear in any bytea value decrypted under any present data key but those of
     * {@code untouched} (keys that existed before the test, whose values the test never wrote: skipped to keep the
     * scan to seconds on a database other tests filled).
     */
    public List<String> readableMarkers(Collection<KeyOwner> untouched, Collection<String> markers) {
        List<SecretKey> keys = jdbc
                .sql("SELECT owner_kind, owner_id, kek_id, wrapped_key FROM crypto_data_key"
                        + " WHERE wrapped_key IS NOT NULL")
                .query((rs, n) -> {
                    KeyOwner owner = new KeyOwner(rs.getString(1), rs.getString(2));
                    if (untouched.contains(owner)) {
                        return null;
                    }
                    KeyRing.Kek kek = keyRing.kek(rs.getString(3)).orElseThrow();
                    return wrapper.unwrap(kek, owner, rs.getBytes(4));
                })
                .list()
                .stream()
                .filter(key -> key != null)
                .toList();
        List<String> found = new ArrayList<>();
        for (byte[] value : allByteaValues()) {
            for (SecretKey key : keys) {
                String clear = new String(ctr(key, value), StandardCharsets.UTF_8);
                markers.stream().filter(clear::contains).forEach(found::add);
            }
        }
        return found;
    }

    /** Every non-null bytea value of every table of the schema (wrapped keys included: they never open here). */
    public List<byte[]> allByteaValues() {
        List<String[]> columns = jdbc.sql("SELECT table_name, column_name FROM information_schema.columns"
                        + " WHERE table_schema = current_schema() AND data_type = 'bytea'")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        List<byte[]> values = new ArrayList<>();
        for (String[] column : columns) {
            values.addAll(jdbc.sql("SELECT \"" + column[1] + "\" FROM \"" + column[0] + "\" WHERE \"" + column[1]
                            + "\" IS NOT NULL")
                    .query((rs, n) -> rs.getBytes(1))
                    .list());
        }
        return values;
    }

    /** A sealed value is {@code version(1) | nonce(12) | ciphertext | tag(16)}; GCM's data counter starts at 2. */
    private static byte[] ctr(SecretKey key, byte[] sealed) {
        int header = 1;
        int body = sealed.length - header - AesGcm.NONCE_BYTES - AesGcm.TAG_BYTES;
        if (body <= 0) {
            return new byte[0];
        }
        byte[] counter = new byte[16];
        System.arraycopy(sealed, header, counter, 0, AesGcm.NONCE_BYTES);
        counter[15] = 2;
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(counter));
            return cipher.doFinal(sealed, header + AesGcm.NONCE_BYTES, body);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
