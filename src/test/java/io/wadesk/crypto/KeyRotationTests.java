package io.wadesk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.wadesk.WadeskApplication;
import io.wadesk.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * KEK rotation across application instances, each a whole application on a database of its own (a retired KEK must
 * not leak into the other tests' database).
 */
class KeyRotationTests {

    private static final String K1 = TestKeys.randomBase64();
    private static final String K2 = TestKeys.randomBase64();
    private static final String INDEX_KEY = TestKeys.randomBase64();

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final List<Sealed> values = Collections.synchronizedList(new ArrayList<>());
    private String databaseUrl;

    @BeforeEach
    void createDatabase() throws SQLException {
        TestDatabase.Connection shared = TestDatabase.get();
        String name = "rotation_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(shared.url(), shared.username(), shared.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        databaseUrl = shared.url().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void rotationWhileReadsAndWritesGoOnKeepsEverythingReadableThenTheOldKekRetires() throws Exception {
        // A rolling deployment: k2 is first given to every instance, then made active on one of them.
        ConfigurableApplicationContext onK1 = start("k1:" + K1 + ",k2:" + K2, "k1");
        for (int i = 0; i < 30; i++) {
            seal(onK1, "seeded " + i + " — été");
        }
        ConfigurableApplicationContext onK2 =
                start("k1:" + K1 + ",k2:" + K2, "k2", Map.of("wadesk.crypto.rotation.batch-size", "4"));
        KeyRotation rotation = onK2.getBean(KeyRotation.class);
        assertThat(rotation.progress()).isEqualTo(new RotationProgress("k2", 0, 30));
        assertThatThrownBy(() -> rotation.retire("k1"))
                .isInstanceOfSatisfying(KeyRetirementRefusedException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(KeyRetirementRefusedException.Reason.IN_USE);
                    assertThat(refused.dataKeysLeft()).isEqualTo(30);
                });
        List<Sealed> seeded = List.copyOf(values);

        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<?> rotator = threads.submit(() -> {
                while (rotation.rotateBatch() > 0) {
                    // each batch commits on its own, while the others read and write
                }
            });
            Future<?> writer = threads.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    ConfigurableApplicationContext writeOn = i % 2 == 0 ? onK1 : onK2;
                    ConfigurableApplicationContext readOn = i % 2 == 0 ? onK2 : onK1;
                    Sealed written = seal(writeOn, "written " + i + " — café ☕");
                    assertThat(written.openOn(coldVault(readOn))).isEqualTo(written.plaintext());
                }
            });
            Future<?> reader = threads.submit(() -> {
                for (int pass = 0; pass < 4; pass++) {
                    Vault cold = coldVault(pass % 2 == 0 ? onK2 : onK1);
                    for (Sealed value : seeded) {
                        assertThat(value.openOn(cold)).isEqualTo(value.plaintext());
                    }
                }
            });
            rotator.get();
            writer.get();
            reader.get();
        } finally {
            threads.shutdownNow();
        }

        rotation.rotateAll();
        assertThat(rotation.progress()).isEqualTo(new RotationProgress("k2", 50, 50));
        assertThat(rotation.progress().complete()).isTrue();
        rotation.retire("k1");
        assertThat(rotation.keys())
                .extracting(KeyStatus::id, KeyStatus::dataKeys, status -> status.retiredAt() != null)
                .containsExactly(tuple("k1", 0L, true), tuple("k2", 50L, false));
        assertThatThrownBy(() -> seal(onK1, "after retirement"))
                .as("an instance still on the retired KEK cannot create data keys")
                .hasMessageContaining("was retired");

        ConfigurableApplicationContext withoutK1 = start("k2:" + K2, "k2");
        Vault vault = withoutK1.getBean(Vault.class);
        for (Sealed value : List.copyOf(values)) {
            assertThat(value.openOn(vault)).isEqualTo(value.plaintext());
        }
    }

    @Test
    void theBackgroundPollerResumesARotationAfterARestart() {
        ConfigurableApplicationContext onK1 = start("k1:" + K1, "k1");
        for (int i = 0; i < 12; i++) {
            seal(onK1, "message " + i);
        }
        ConfigurableApplicationContext first =
                start("k1:" + K1 + ",k2:" + K2, "k2", Map.of("wadesk.crypto.rotation.batch-size", "5"));
        first.getBean(KeyRotation.class).rotateBatch();
        assertThat(first.getBean(KeyRotation.class).progress()).isEqualTo(new RotationProgress("k2", 5, 12));
        first.close();

        ConfigurableApplicationContext restarted = start(
                "k1:" + K1 + ",k2:" + K2,
                "k2",
                Map.of(
                        "wadesk.crypto.rotation.enabled", "true",
                        "wadesk.scheduling.enabled", "true",
                        "wadesk.crypto.rotation.interval", "100ms",
                        "wadesk.crypto.rotation.batch-size", "5"));

        KeyRotation rotation = restarted.getBean(KeyRotation.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> rotation.progress().complete());
        assertThat(rotation.progress()).isEqualTo(new RotationProgress("k2", 12, 12));
        Vault vault = restarted.getBean(Vault.class);
        values.forEach(value -> assertThat(value.openOn(vault)).isEqualTo(value.plaintext()));
    }

    @Test
    void theActiveKeyCannotBeRetired() {
        ConfigurableApplicationContext onK1 = start("k1:" + K1, "k1");
        seal(onK1, "Bonjour");

        assertThatThrownBy(() -> onK1.getBean(KeyRotation.class).retire("k1"))
                .isInstanceOfSatisfying(
                        KeyRetirementRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(KeyRetirementRefusedException.Reason.ACTIVE));
        assertThatThrownBy(() -> onK1.getBean(KeyRotation.class).retire("k9"))
                .isInstanceOfSatisfying(
                        KeyRetirementRefusedException.class,
                        refused ->
                                assertThat(refused.reason()).isEqualTo(KeyRetirementRefusedException.Reason.UNKNOWN));
    }

    @Test
    void aKekPastTheRotationPeriodIsOverdueAndAnOlderKekRetiresOnItsOwnOnceEmptied() {
        ConfigurableApplicationContext onK1 = start("k1:" + K1, "k1", Map.of("wadesk.crypto.rotation.period", "30d"));
        seal(onK1, "sealed before the rotation");
        assertThat(onK1.getBean(KeyRotation.class).schedule().overdue()).isFalse();
        ConfigurableApplicationContext onK2 =
                start("k1:" + K1 + ",k2:" + K2, "k2", Map.of("wadesk.crypto.rotation.period", "0s"));
        KeyRotation rotation = onK2.getBean(KeyRotation.class);

        assertThat(rotation.schedule().overdue())
                .as("a period of 0 is over at once")
                .isTrue();
        assertThat(rotation.retireDrained()).as("k1 still wraps a data key").isEmpty();
        rotation.rotateAll();

        assertThat(rotation.retireDrained()).containsExactly("k1");
        assertThat(rotation.keys())
                .filteredOn(key -> key.id().equals("k1"))
                .singleElement()
                .satisfies(key -> assertThat(key.retiredAt()).isNotNull());
        assertThat(rotation.retireDrained()).isEmpty();
    }

    private ConfigurableApplicationContext start(String keys, String activeKey) {
        return start(keys, activeKey, Map.of());
    }

    /** An application instance on this test's database; its rotation poller is off unless the settings say. */
    private ConfigurableApplicationContext start(String keys, String activeKey, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("spring.datasource.url", databaseUrl);
        all.put("spring.datasource.username", TestDatabase.get().username());
        all.put("spring.datasource.password", TestDatabase.get().password());
        all.put("spring.datasource.hikari.maximum-pool-size", "5");
        all.put("server.port", "0");
        all.put("wadesk.crypto.keys", keys);
        all.put("wadesk.crypto.active-key", activeKey);
        all.put("wadesk.crypto.index-key", INDEX_KEY);
        all.put("wadesk.crypto.rotation.enabled", "false");
        all.putAll(settings);
        String[] args = all.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WadeskApplication.class).run(args);
        instances.add(context);
        return context;
    }

    private Sealed seal(ConfigurableApplicationContext instance, String plaintext) {
        KeyOwner owner = KeyOwner.conversation(UUID.randomUUID());
        FieldRef field = FieldRef.of("message", "body", UUID.randomUUID());
        Sealed sealed = new Sealed(
                owner, field, plaintext, instance.getBean(Vault.class).sealText(owner, field, plaintext));
        values.add(sealed);
        return sealed;
    }

    /** The instance's vault behind an empty data-key cache, so that every value's key is read and unwrapped anew. */
    private static Vault coldVault(ConfigurableApplicationContext instance) {
        DataKeys dataKeys = new DataKeys(
                instance.getBean(DataKeyRows.class),
                instance.getBean(KekRegistry.class),
                instance.getBean(KeyWrapper.class),
                instance.getBean(KeyRing.class),
                instance.getBean(Clock.class),
                instance.getBean(PlatformTransactionManager.class),
                instance.getBean(CryptoProperties.class));
        return new Vault(dataKeys, instance.getBean(ValueCipher.class));
    }

    private record Sealed(KeyOwner owner, FieldRef field, String plaintext, byte[] ciphertext) {

        String openOn(Vault vault) {
            return vault.openText(owner, field, ciphertext);
        }

        @Override
        public String toString() {
            return owner + " " + field.rowId().toLowerCase(Locale.ROOT);
        }
    }
}
