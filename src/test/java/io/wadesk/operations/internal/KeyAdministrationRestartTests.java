package io.wadesk.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.WadeskApplication;
import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.KeyRetirementRefusedException;
import io.wadesk.crypto.KeyRotation;
import io.wadesk.crypto.KeyStatus;
import io.wadesk.crypto.Vault;
import io.wadesk.support.TestDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The keys screen's "rotate now" across a restart: an instance stops half-way through re-wrapping, a new instance (a
 * new KeyRotation) finishes from where it stopped, the old key retires, and every value still opens without it. Each
 * instance is a whole application on a database of its own, so that a second KEK never reaches the shared test one.
 */
class KeyAdministrationRestartTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String K1 = randomKey();
    private static final String K2 = randomKey();
    private static final String INDEX_KEY = randomKey();

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final Map<Sealed, String> values = new LinkedHashMap<>();
    private String databaseUrl;

    private record Sealed(KeyOwner owner, FieldRef field, byte[] ciphertext) {}

    @BeforeEach
    void createDatabase() throws SQLException {
        TestDatabase.Connection shared = TestDatabase.get();
        String name = "keyadmin_" + UUID.randomUUID().toString().replace("-", "");
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
    void aRotationInterruptedByARestartCompletesAndEverythingStaysReadable() {
        ConfigurableApplicationContext onK1 = start("k1:" + K1, "k1");
        for (int i = 0; i < 11; i++) {
            seal(onK1, "message " + i + " — café");
        }
        onK1.close();

        ConfigurableApplicationContext first = start("k1:" + K1 + ",k2:" + K2, "k2");
        KeyAdministration screen = first.getBean(KeyAdministration.class);
        seal(first, "written under k2");
        assertThat(screen.progress().done()).isEqualTo(1);
        first.getBean(KeyRotation.class).rotateBatch();
        assertThat(screen.progress().done()).as("stopped half-way").isEqualTo(5);
        assertThatThrownBy(() -> screen.retire("admin-one", "k1"))
                .isInstanceOfSatisfying(KeyRetirementRefusedException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(KeyRetirementRefusedException.Reason.IN_USE);
                    assertThat(refused.dataKeysLeft()).isEqualTo(7);
                });
        first.close();

        ConfigurableApplicationContext restarted = start("k1:" + K1 + ",k2:" + K2, "k2");
        KeyAdministration again = restarted.getBean(KeyAdministration.class);
        assertThat(again.progress().done()).as("progress lives in the rows").isEqualTo(5);

        assertThat(again.rotateAllNow("admin-two")).isEqualTo(7);
        assertThat(again.progress().complete()).isTrue();
        again.retire("admin-two", "k1");

        // The 12 values' keys, and the audit log's key of the month (its entries' reasons and details are sealed).
        assertThat(again.keys())
                .extracting(KeyStatus::id, KeyStatus::dataKeys, key -> key.retiredAt() != null)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("k1", 0L, true),
                        org.assertj.core.groups.Tuple.tuple("k2", 13L, false));
        AuditSearch audit = restarted.getBean(AuditSearch.class);
        assertThat(audit.find(new AuditQuery(null, "crypto", null, null, null, null), 0, 10))
                .extracting(entry -> entry.actor() + " " + entry.action() + " " + entry.targetId())
                .containsExactly("admin-two crypto.key.retired k1", "admin-two crypto.rotation.started k2");
        restarted.close();

        ConfigurableApplicationContext withoutK1 = start("k2:" + K2, "k2");
        Vault vault = withoutK1.getBean(Vault.class);
        values.forEach(
                (value, plaintext) -> assertThat(vault.openText(value.owner(), value.field(), value.ciphertext()))
                        .isEqualTo(plaintext));
    }

    /** An application instance on this test's database, with the background rotation poller off. */
    private ConfigurableApplicationContext start(String keys, String activeKey) {
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
        all.put("wadesk.crypto.rotation.batch-size", "4");
        String[] args = all.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WadeskApplication.class).run(args);
        instances.add(context);
        return context;
    }

    private void seal(ConfigurableApplicationContext instance, String plaintext) {
        KeyOwner owner = KeyOwner.conversation(UUID.randomUUID());
        FieldRef field = FieldRef.of("messages", "content", UUID.randomUUID());
        values.put(
                new Sealed(owner, field, instance.getBean(Vault.class).sealText(owner, field, plaintext)), plaintext);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
