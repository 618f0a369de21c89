package io.wadesk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultTests {

    private static final String TABLE = "crypto_vault_test_message";

    @Autowired
    Vault vault;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataKeyRows rows;

    @Autowired
    KekRegistry registry;

    @Autowired
    KeyWrapper wrapper;

    @Autowired
    KeyRing keyRing;

    @Autowired
    ValueCipher cipher;

    @Autowired
    MutableClock clock;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    CryptoProperties properties;

    private final KeyOwner owner = KeyOwner.conversation(UUID.randomUUID());

    @BeforeAll
    void createTable() {
        jdbc.sql("CREATE TABLE " + TABLE + " (id UUID PRIMARY KEY, conversation_id UUID NOT NULL, body BYTEA)")
                .update();
    }

    @AfterAll
    void dropTable() {
        jdbc.sql("DROP TABLE " + TABLE).update();
    }

    @Test
    void opensWhatItSealed() {
        FieldRef field = FieldRef.of(TABLE, "body", UUID.randomUUID());

        byte[] sealed = vault.sealText(owner, field, "Bonjour Amélie 👋");

        assertThat(vault.openText(owner, field, sealed)).isEqualTo("Bonjour Amélie 👋");
        assertThat(vault.open(owner, field, sealed))
                .isInstanceOfSatisfying(
                        Opened.Value.class, value -> assertThat(value.text()).isEqualTo("Bonjour Amélie 👋"));
        byte[] bytes = {0, 1, 2, (byte) 255};
        assertThat(vault.open(owner, field, vault.seal(owner, field, bytes)))
                .isInstanceOfSatisfying(
                        Opened.Value.class, value -> assertThat(value.bytes()).isEqualTo(bytes));
    }

    @Test
    void noTextStaysNoText() {
        FieldRef field = FieldRef.of(TABLE, "body", UUID.randomUUID());

        assertThat(vault.sealText(owner, field, null)).isNull();
        assertThat(vault.openText(owner, field, null)).isNull();
    }

    @Test
    void aBitFlippedInTheDatabaseFailsToOpen() {
        UUID id = insert(owner, "Ma commande est arrivée abîmée");
        jdbc.sql("UPDATE " + TABLE + " SET body = set_byte(body, 20, get_byte(body, 20) # 1) WHERE id = ?")
                .param(id)
                .update();

        assertThatThrownBy(() -> vault.openText(owner, FieldRef.of(TABLE, "body", id), body(id)))
                .isInstanceOf(ValueTamperedException.class);
    }

    @Test
    void aValueCopiedToAnotherRowFailsToOpen() {
        UUID original = insert(owner, "Mon numéro est le 06 12 34 56 78");
        UUID other = insert(owner, "Merci");
        jdbc.sql("UPDATE " + TABLE + " SET body = (SELECT body FROM " + TABLE + " WHERE id = ?) WHERE id = ?")
                .params(original, other)
                .update();

        assertThatThrownBy(() -> vault.openText(owner, FieldRef.of(TABLE, "body", other), body(other)))
                .isInstanceOf(ValueTamperedException.class)
                .hasMessageContaining("sealed for another row, column or owner");
        assertThat(vault.openText(owner, FieldRef.of(TABLE, "body", original), body(original)))
                .isEqualTo("Mon numéro est le 06 12 34 56 78");
    }

    @Test
    void aWrongKekUnderTheConfiguredIdFailsToOpen() {
        UUID id = insert(owner, "Bonjour");
        KeyRing wrongMaterial = TestKeys.ring(keyRing.active().id(), TestKeys.randomBase64());
        Vault misconfigured = new Vault(instance(wrongMaterial, clock), cipher);

        assertThatThrownBy(() -> misconfigured.openText(owner, FieldRef.of(TABLE, "body", id), body(id)))
                .isInstanceOf(ValueTamperedException.class)
                .hasMessageContaining(
                        "does not unwrap under KEK " + keyRing.active().id());
    }

    @Test
    void aKekMissingFromTheConfigurationIsNamed() {
        UUID id = insert(owner, "Bonjour");
        Vault withoutTheKek = new Vault(instance(TestKeys.ring("another", TestKeys.randomBase64()), clock), cipher);

        assertThatThrownBy(() -> withoutTheKek.openText(owner, FieldRef.of(TABLE, "body", id), body(id)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrapped under KEK " + keyRing.active().id() + ", which is not configured");
    }

    @Test
    void aValueOfAnOwnerThatNeverHadAKeyFailsToOpen() {
        byte[] sealed = vault.sealText(owner, FieldRef.of(TABLE, "body", 1), "Bonjour");
        KeyOwner stranger = KeyOwner.conversation(UUID.randomUUID());

        assertThatThrownBy(() -> vault.openText(stranger, FieldRef.of(TABLE, "body", 1), sealed))
                .isInstanceOf(ValueTamperedException.class)
                .hasMessageContaining("No data key exists for " + stranger);
    }

    @Test
    void instancesRacingToCreateTheFirstKeyAllGetTheSameOne() throws Exception {
        KeyOwner contested = KeyOwner.contact(UUID.randomUUID());
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<byte[]>> calls = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            DataKeys ownCache = instance(keyRing, clock);
            calls.add(() -> {
                start.await();
                return ownCache.forSealing(contested).getEncoded();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            calls.forEach(call -> results.add(pool.submit(call)));
            start.countDown();
            byte[] first = results.get(0).get();
            for (Future<byte[]> result : results) {
                assertThat(result.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM crypto_data_key WHERE owner_kind = ? AND owner_id = ?")
                        .params(contested.kind(), contested.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aKeyCreatedInARolledBackTransactionSurvivesForTheValuesSealedUnderIt() {
        KeyOwner newOwner = KeyOwner.conversation(UUID.randomUUID());
        FieldRef field = FieldRef.of(TABLE, "body", UUID.randomUUID());
        List<byte[]> sealed = new ArrayList<>();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            sealed.add(vault.sealText(newOwner, field, "Bonjour"));
            status.setRollbackOnly();
        });

        Vault freshInstance = new Vault(instance(keyRing, clock), cipher);
        assertThat(freshInstance.openText(newOwner, field, sealed.get(0))).isEqualTo("Bonjour");
    }

    @Test
    void dataKeysAreStoredOnlyWrappedUnderTheActiveKek() {
        KeyOwner newOwner = KeyOwner.conversation(UUID.randomUUID());
        vault.sealText(newOwner, FieldRef.of(TABLE, "body", 1), "Bonjour");

        Map<String, Object> row = jdbc.sql(
                        "SELECT kek_id, length(wrapped_key) AS length FROM crypto_data_key WHERE owner_id = ?")
                .param(newOwner.id())
                .query()
                .singleRow();

        assertThat(row).containsEntry("kek_id", keyRing.active().id());
        assertThat(row.get("length")).isEqualTo(AesGcm.NONCE_BYTES + KeyRing.KEY_BYTES + AesGcm.TAG_BYTES);
    }

    /** The same module parts as the application's, with their own cache, as on another instance. */
    private DataKeys instance(KeyRing ring, MutableClock instanceClock) {
        return new DataKeys(rows, registry, wrapper, ring, instanceClock, transactions, properties);
    }

    private UUID insert(KeyOwner messageOwner, String text) {
        UUID id = UUID.randomUUID();
        byte[] body = vault.sealText(messageOwner, FieldRef.of(TABLE, "body", id), text);
        jdbc.sql("INSERT INTO " + TABLE + " (id, conversation_id, body) VALUES (?, ?, ?)")
                .params(id, UUID.fromString(messageOwner.id()), body)
                .update();
        return id;
    }

    private byte[] body(UUID id) {
        return jdbc.sql("SELECT body FROM " + TABLE + " WHERE id = ?")
                .param(id)
                .query(byte[].class)
                .single();
    }
}
