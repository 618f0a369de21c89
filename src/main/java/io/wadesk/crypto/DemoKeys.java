package io.wadesk.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode's keys: generated once into {@code ${wadesk.data-dir}/keys/}, readable by the owner only, and reused on
 * every start so that the embedded database stays readable. Only ever used with the embedded database.
 */
final class DemoKeys {

    static final String FILE_NAME = "wadesk-keys.properties";
    static final String KEY_ID = "demo-1";

    private static final Logger log = LoggerFactory.getLogger(DemoKeys.class);

    private final Path directory;

    DemoKeys(Path dataDirectory) {
        this.directory = dataDirectory.resolve("keys").toAbsolutePath().normalize();
    }

    /** The key file, written first if it does not exist yet. */
    Path loadOrCreate() {
        Path file = directory.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                write(file);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not write the demo keys into " + directory, ex);
        }
        log.warn(
                "Demo mode: values are encrypted with generated keys kept in {}; set WADESK_CRYPTO_KEYS,"
                        + " WADESK_CRYPTO_ACTIVE_KEY and WADESK_CRYPTO_INDEX_KEY before storing real conversations",
                file);
        return file;
    }

    private static String content() {
        return "# Generated for demo mode by wadesk. Losing this file makes the demo data unreadable.\n"
                + "keys." + KEY_ID + "=" + randomKey() + "\n"
                + "active-key=" + KEY_ID + "\n"
                + "index-key=" + randomKey() + "\n";
    }

    private void write(Path file) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String content = content();
        try {
            // Created with its final permissions, so that the keys are never readable by others, even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String randomKey() {
        byte[] key = new byte[KeyRing.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
