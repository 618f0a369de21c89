package io.wadesk.crypto;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Crypto-shredding: destroying an owner deletes its data key row and its blind-index tokens, and leaves a tombstone
 * (when and why, no key material). Every value sealed for it can no longer be opened; reading one gives
 * {@link Opened.Destroyed}. Copies made earlier (backups, the write-ahead log, dead tuples until a vacuum) still hold
 * the key wrapped under a KEK: they die when that KEK is retired and removed (operations' key schedule); dead tuples
 * are vacuumed soon after ({@link KeyTableVacuum}). Deleting or
 * clearing the rows that held the values is the caller's job, in the same transaction.
 */
@Service
public class CryptoShredder {

    private static final int MAX_REASON = 200;

    private final DataKeyRows keyRows;
    private final TokenRows tokens;
    private final DataKeys dataKeys;
    private final Clock clock;
    private final KeyTableVacuum vacuum;

    CryptoShredder(DataKeyRows keyRows, TokenRows tokens, DataKeys dataKeys, Clock clock, KeyTableVacuum vacuum) {
        this.keyRows = keyRows;
        this.tokens = tokens;
        this.dataKeys = dataKeys;
        this.clock = clock;
        this.vacuum = vacuum;
    }

    /**
     * Destroys the owner's key and tokens, in the caller's transaction if there is one. Destroying twice keeps the
     * first date and reason; destroying an owner that has no key yet makes sure it never gets one.
     *
     * @param reason why, for the record and the screens: a short code or sentence, never personal data
     */
    @Transactional
    public void destroy(KeyOwner owner, String reason) {
        Objects.requireNonNull(owner, "owner");
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("A destruction needs a reason of 1 to " + MAX_REASON + " characters");
        }
        keyRows.lockOwner(owner);
        keyRows.lockForDestruction(owner);
        tokens.deleteOwner(owner);
        keyRows.destroy(owner, clock.instant(), reason.strip());
        evictAfterCommit(owner);
    }

    public Optional<Instant> destroyedAt(KeyOwner owner) {
        return keyRows.find(owner).filter(DataKeyRows.Row::destroyed).map(DataKeyRows.Row::destroyedAt);
    }

    /** Evicting before the commit would let a concurrent read cache the key again from the still-committed row. */
    private void evictAfterCommit(KeyOwner owner) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            dataKeys.evict(owner);
            vacuum.destructionCommitted();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dataKeys.evict(owner);
                vacuum.destructionCommitted();
            }
        });
    }
}
