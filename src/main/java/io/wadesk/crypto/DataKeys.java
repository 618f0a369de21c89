package io.wadesk.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each owner's data key: created on first use, unwrapped on demand, and kept unwrapped in a cache bounded in size
 * and time so that the hot path does not unwrap (nor query) for every value.
 *
 * <p>A destroyed owner's key never comes out of this cache: {@link CryptoShredder} evicts it once its transaction
 * commits, and Caffeine's atomic loads make an eviction wait for a load in progress, so a load that read the key
 * just before the destruction is evicted too. Another instance keeps its own cache: there a destroyed owner's
 * values stay readable until its entry expires, at most {@code wadesk.crypto.dek-cache.ttl} after the destruction,
 * since every cache miss reads the row (and finds the tombstone) again.
 */
@Component
class DataKeys {

    private final DataKeyRows rows;
    private final KekRegistry registry;
    private final KeyWrapper wrapper;
    private final KeyRing keyRing;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final Cache<KeyOwner, OwnerKey> cache;
    private final SecureRandom random = new SecureRandom();

    DataKeys(
            DataKeyRows rows,
            KekRegistry registry,
            KeyWrapper wrapper,
            KeyRing keyRing,
            Clock clock,
            PlatformTransactionManager transactions,
            CryptoProperties properties) {
        this.rows = rows;
        this.registry = registry;
        this.wrapper = wrapper;
        this.keyRing = keyRing;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        // A key must outlive a rollback of the caller's transaction: values sealed under it may already be committed
        // elsewhere. Creating it takes a second connection, once per owner.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.cache = cache(properties, clock);
    }

    /**
     * The key to seal a new value with, created if the owner has none yet.
     *
     * @throws ValueDestroyedException if the owner was destroyed
     */
    SecretKey forSealing(KeyOwner owner) {
        OwnerKey key = cache.get(owner, this::loadOrCreate);
        if (key instanceof OwnerKey.Destroyed destroyed) {
            throw new ValueDestroyedException(owner, destroyed.at(), destroyed.reason());
        }
        return ((OwnerKey.Live) key).key();
    }

    /**
     * The key to open a value with, or the owner's tombstone.
     *
     * @throws ValueTamperedException if the owner never had a key here, so the value cannot have been sealed here
     */
    OwnerKey forOpening(KeyOwner owner) {
        OwnerKey key = cache.get(owner, this::load);
        if (key == null) {
            throw new ValueTamperedException(
                    "No data key exists for " + owner + ": the value was not sealed in this database");
        }
        return key;
    }

    void evict(KeyOwner owner) {
        cache.invalidate(owner);
    }

    private OwnerKey load(KeyOwner owner) {
        return rows.find(owner).map(this::unwrap).orElse(null);
    }

    private OwnerKey loadOrCreate(KeyOwner owner) {
        return rows.find(owner)
                .or(() -> Optional.of(create(owner)))
                .map(this::unwrap)
                .orElseThrow();
    }

    /** Race-free across threads and instances: whoever inserts first wins, and everyone reads the winner's row. */
    private DataKeyRows.Row create(KeyOwner owner) {
        return ownTransaction.execute(status -> {
            rows.commitWithoutWaitingForDisk();
            registry.registerActive();
            rows.lockOwner(owner);
            KeyRing.Kek kek = keyRing.active();
            insertNewKey(owner, kek);
            return rows.find(owner)
                    .orElseThrow(() -> new IllegalStateException("No data key can be created for " + owner
                            + ": the active KEK " + kek.id() + " was retired; make a newer key active"));
        });
    }

    /** A fresh data key, stored wrapped under the KEK unless the owner has one already; cleared from memory after. */
    private void insertNewKey(KeyOwner owner, KeyRing.Kek kek) {
        byte[] dataKey = new byte[KeyRing.KEY_BYTES];
        random.nextBytes(dataKey);
        try {
            rows.insertIfAbsent(owner, kek.id(), wrapper.wrap(kek, owner, dataKey), clock.instant());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static Cache<KeyOwner, OwnerKey> cache(CryptoProperties properties, Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(properties.dekCache().maxSize())
                .expireAfterWrite(properties.dekCache().ttl())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    private OwnerKey unwrap(DataKeyRows.Row row) {
        if (row.destroyed()) {
            return new OwnerKey.Destroyed(row.destroyedAt(), row.reason());
        }
        KeyRing.Kek kek = keyRing.kek(row.kekId())
                .orElseThrow(() -> new IllegalStateException("The data key of " + row.owner()
                        + " is wrapped under KEK " + row.kekId() + ", which is not configured on this instance"
                        + " (wadesk.crypto.keys)"));
        return new OwnerKey.Live(wrapper.unwrap(kek, row.owner(), row.wrappedKey()));
    }
}
