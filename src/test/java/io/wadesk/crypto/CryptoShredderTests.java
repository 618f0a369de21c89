package io.wadesk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class CryptoShredderTests {

    @Autowired
    CryptoShredder shredder;

    @Autowired
    Vault vault;

    @Autowired
    BlindIndex index;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    PlatformTransactionManager transactions;

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
    CryptoProperties properties;

    private final KeyOwner owner = KeyOwner.conversation(UUID.randomUUID());
    private final FieldRef field = FieldRef.of("message", "body", UUID.randomUUID());
    private final String searchField = "body-" + UUID.randomUUID();

    @Test
    void aDestroyedValueReadsAsDestroyedWithTheDateAndReason() {
        byte[] sealed = vault.sealText(owner, field, "Je retire mon consentement");
        Instant now = clock.instant();

        shredder.destroy(owner, "consent withdrawn");

        assertThat(vault.open(owner, field, sealed)).isEqualTo(new Opened.Destroyed(now, "consent withdrawn"));
        assertThatThrownBy(() -> vault.openText(owner, field, sealed))
                .isInstanceOfSatisfying(ValueDestroyedException.class, destroyed -> {
                    assertThat(destroyed.destroyedAt()).isEqualTo(now);
                    assertThat(destroyed.reason()).isEqualTo("consent withdrawn");
                    assertThat(destroyed.owner()).isEqualTo(owner);
                });
        assertThat(shredder.destroyedAt(owner)).contains(now);
    }

    @Test
    void theDataKeyRowIsGoneFromTheDatabaseLeavingATombstoneWithoutKeyMaterial() {
        vault.sealText(owner, field, "Bonjour");

        shredder.destroy(owner, "retention");

        assertThat(jdbc.sql("SELECT count(*) FROM crypto_data_key WHERE owner_kind = ? AND owner_id = ?")
                        .params(owner.kind(), owner.id())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT destroyed_reason FROM crypto_destroyed_owner WHERE owner_kind = ? AND owner_id = ?")
                        .params(owner.kind(), owner.id())
                        .query(String.class)
                        .single())
                .isEqualTo("retention");
    }

    @Autowired
    KeyTableVacuum vacuum;

    @Test
    void theDestroyedKeysDeadTupleIsRemovedByTheVacuumThatFollows() {
        jdbc.sql("CREATE EXTENSION IF NOT EXISTS pageinspect").update();
        vault.sealText(owner, field, "Bonjour");
        byte[] wrapped = jdbc.sql("SELECT wrapped_key FROM crypto_data_key WHERE owner_kind = ? AND owner_id = ?")
                .params(owner.kind(), owner.id())
                .query(byte[].class)
                .single();

        shredder.destroy(owner, "retention");
        assertThat(inKeyTableTuples(wrapped))
                .as("the deleted row is still a dead tuple")
                .isTrue();
        vacuum.vacuumIfWanted();

        // The removed tuple's bytes may linger in the page's free space until overwritten (where they sit depends on
        // the page's layout): no tuple, live or dead, holds them any more; retiring the KEK covers the rest.
        assertThat(inKeyTableTuples(wrapped)).isFalse();
    }

    /** Whether a tuple of the key table, live or dead, holds these bytes (pageinspect). */
    private boolean inKeyTableTuples(byte[] bytes) {
        int blocks = jdbc.sql("SELECT (pg_relation_size('crypto_data_key') / current_setting('block_size')::int)::int")
                .query(Integer.class)
                .single();
        for (int block = 0; block < blocks; block++) {
            if (jdbc.sql("SELECT coalesce(bool_or(position(? IN t_data) > 0), false)"
                            + " FROM heap_page_items(get_raw_page('crypto_data_key', ?))")
                    .params(bytes, block)
                    .query(Boolean.class)
                    .single()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void destructionRemovesTheOwnersTokensAndNoOtherOwners() {
        KeyOwner other = KeyOwner.conversation(UUID.randomUUID());
        index.index(owner, searchField, index.wordTokens("colis perdu"));
        index.index(other, searchField, index.wordTokens("colis livré"));

        shredder.destroy(owner, "retention");

        assertThat(index.ownersMatching(
                        "conversation",
                        searchField,
                        index.wordTokens("colis").iterator().next()))
                .containsExactly(other);
        assertThat(jdbc.sql("SELECT count(*) FROM crypto_token WHERE owner_kind = ? AND owner_id = ?")
                        .params(owner.kind(), owner.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aDestroyedOwnerGetsNoNewValueNorToken() {
        vault.sealText(owner, field, "Bonjour");
        shredder.destroy(owner, "retention");

        assertThatThrownBy(() -> vault.sealText(owner, field, "Encore moi"))
                .isInstanceOf(ValueDestroyedException.class);
        assertThatThrownBy(() -> index.index(owner, searchField, index.wordTokens("encore")))
                .isInstanceOf(ValueDestroyedException.class);
    }

    @Test
    void anOwnerDestroyedBeforeItHadAKeyNeverGetsOne() {
        shredder.destroy(owner, "consent refused");

        assertThatThrownBy(() -> vault.sealText(owner, field, "Bonjour")).isInstanceOf(ValueDestroyedException.class);
    }

    @Test
    void destroyingTwiceKeepsTheFirstDateAndReason() {
        byte[] sealed = vault.sealText(owner, field, "Bonjour");
        Instant first = clock.instant();
        shredder.destroy(owner, "retention");
        clock.advance(Duration.ofDays(1));

        shredder.destroy(owner, "consent withdrawn");

        assertThat(shredder.destroyedAt(owner)).contains(first);
        assertThat(vault.open(owner, field, sealed)).isEqualTo(new Opened.Destroyed(first, "retention"));
    }

    @Test
    void aRolledBackDestructionDestroysNothing() {
        byte[] sealed = vault.sealText(owner, field, "Bonjour");

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            shredder.destroy(owner, "retention");
            status.setRollbackOnly();
        });

        assertThat(vault.openText(owner, field, sealed)).isEqualTo("Bonjour");
        assertThat(shredder.destroyedAt(owner)).isEmpty();
    }

    @Test
    void anotherInstanceOpensFromItsCacheUntilTheEntryExpiresThenFindsTheTombstone() {
        byte[] sealed = vault.sealText(owner, field, "Bonjour");
        MutableClock otherClock = new MutableClock(clock.instant());
        Vault otherInstance =
                new Vault(new DataKeys(rows, registry, wrapper, keyRing, otherClock, transactions, properties), cipher);
        assertThat(otherInstance.openText(owner, field, sealed)).isEqualTo("Bonjour");

        shredder.destroy(owner, "retention");

        assertThat(otherInstance.open(owner, field, sealed))
                .as("the documented window: at most the cache time-to-live")
                .isInstanceOf(Opened.Value.class);
        otherClock.advance(properties.dekCache().ttl().plusSeconds(1));
        assertThat(otherInstance.open(owner, field, sealed)).isInstanceOf(Opened.Destroyed.class);
    }

    @Test
    void aReasonIsRequired() {
        assertThatThrownBy(() -> shredder.destroy(owner, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
