package io.wadesk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class KeyRingLoaderTests {

    @TempDir
    Path dataDir;

    private final String k1 = TestKeys.randomBase64();
    private final String k2 = TestKeys.randomBase64();
    private final String index = TestKeys.randomBase64();
    private final MockEnvironment environment = new MockEnvironment();

    @Test
    void readsTheKeysAsTheEnvironmentVariableWritesThem() {
        environment.setProperty("wadesk.crypto.keys", "k1:" + k1 + ", k2:" + k2);
        environment.setProperty("wadesk.crypto.active-key", "k2");
        environment.setProperty("wadesk.crypto.index-key", index);

        KeyRing ring = load();

        assertThat(ring.ids()).containsExactly("k1", "k2");
        assertThat(ring.active().id()).isEqualTo("k2");
        assertThat(ring.kek("k1").orElseThrow().key().getEncoded())
                .isEqualTo(Base64.getDecoder().decode(k1));
        assertThat(ring.indexKey()).isEqualTo(Base64.getDecoder().decode(index));
    }

    @Test
    void readsTheKeysAsOnePropertyPerKey() {
        environment.setProperty("wadesk.crypto.keys.k1", k1);
        environment.setProperty("wadesk.crypto.index-key", index);

        KeyRing ring = load();

        assertThat(ring.ids()).containsExactly("k1");
        assertThat(ring.active().id()).as("a single key is the active one").isEqualTo("k1");
    }

    @Test
    void readsAKeyFileWhoseEntriesThePropertiesOverride() throws IOException {
        Path file = dataDir.resolve("keys.properties");
        Files.writeString(file, "keys.k1=" + k1 + "\nkeys.k2=" + k2 + "\nactive-key=k1\nindex-key=" + index + "\n");
        environment.setProperty("wadesk.crypto.key-file", file.toString());
        environment.setProperty("wadesk.crypto.active-key", "k2");

        KeyRing ring = load();

        assertThat(ring.ids()).containsExactly("k1", "k2");
        assertThat(ring.active().id()).isEqualTo("k2");
    }

    @Test
    void anExternalDatabaseWithNoKeyRefusesToStartInOneSentence() {
        assertThatThrownBy(this::load)
                .isInstanceOf(KeyConfigurationException.class)
                .hasMessage("wadesk keeps personal data encrypted and no encryption key is configured for this"
                        + " external database, so it refuses to start.");
    }

    @Test
    void demoModeGeneratesPrivateKeysOnceAndReusesThem(CapturedOutput output) throws IOException {
        environment.setProperty("wadesk.database.embedded", "true");

        KeyRing first = load();
        KeyRing second = load();

        Path file = dataDir.resolve("keys").resolve(DemoKeys.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.active().id()).isEqualTo(DemoKeys.KEY_ID);
        assertThat(second.active().key().getEncoded())
                .isEqualTo(first.active().key().getEncoded());
        assertThat(second.indexKey()).isEqualTo(first.indexKey());
        assertThat(output.getAll().lines().filter(line -> line.contains("Demo mode: values are encrypted")))
                .hasSize(2);
        String encodedKek =
                Base64.getEncoder().encodeToString(first.active().key().getEncoded());
        assertThat(output.getAll()).doesNotContain(encodedKek);
    }

    @Test
    void aMalformedKeyIsNamedButNeverQuoted() {
        environment.setProperty("wadesk.crypto.keys", "k1:not-base64!" + k1);
        environment.setProperty("wadesk.crypto.index-key", index);

        assertThatThrownBy(this::load)
                .isInstanceOf(KeyConfigurationException.class)
                .hasMessage("The key k1 is not valid base64.")
                .hasNoCause();
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused() {
        environment.setProperty(
                "wadesk.crypto.keys", "k1:" + Base64.getEncoder().encodeToString(new byte[16]));
        environment.setProperty("wadesk.crypto.index-key", index);

        assertThatThrownBy(this::load).hasMessage("The key k1 is not the base64 of 32 bytes.");
    }

    @Test
    void anActiveKeyThatIsNotConfiguredIsRefused() {
        environment.setProperty("wadesk.crypto.keys", "k1:" + k1 + ",k2:" + k2);
        environment.setProperty("wadesk.crypto.active-key", "k3");
        environment.setProperty("wadesk.crypto.index-key", index);

        assertThatThrownBy(this::load)
                .hasMessage("The active key k3 (wadesk.crypto.active-key) is not among the configured keys (k1, k2).");
    }

    @Test
    void severalKeysNeedAnActiveOne() {
        environment.setProperty("wadesk.crypto.keys", "k1:" + k1 + ",k2:" + k2);
        environment.setProperty("wadesk.crypto.index-key", index);

        assertThatThrownBy(this::load).hasMessageContaining("none is named active");
    }

    @Test
    void keysWithoutAnIndexKeyAreRefused() {
        environment.setProperty("wadesk.crypto.keys", "k1:" + k1);

        assertThatThrownBy(this::load).hasMessage("No blind-index key is configured (wadesk.crypto.index-key).");
    }

    @Test
    void theFailureAnalysisGivesTheSentenceAndTheSettingsThatFixIt() {
        var analysis = new KeyConfigurationFailureAnalyzer()
                .analyze(new IllegalStateException(new KeyConfigurationException("No key.")));

        assertThat(analysis.getDescription()).isEqualTo("No key.");
        assertThat(analysis.getAction()).contains("WADESK_CRYPTO_KEYS", "WADESK_CRYPTO_KEY_FILE");
    }

    private KeyRing load() {
        return new KeyRingLoader(environment, new DemoKeys(dataDir)).load();
    }
}
