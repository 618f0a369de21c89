package io.wadesk.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * KEK rotation. Making a new KEK active ({@code WADESK_CRYPTO_ACTIVE_KEY}, with the old one still in
 * {@code WADESK_CRYPTO_KEYS}) wraps new data keys under it at once; {@link RotationPoller} then re-wraps the older
 * ones in batches. Each data key records its KEK, so values stay readable throughout, and progress lives in the
 * rows: a restart, or another instance, carries on where it stopped. Once no data key uses an old KEK, it can be
 * retired and removed from the configuration.
 *
 * <p>Only keys of a KEK activated before the active one are re-wrapped: during a rolling deployment, instances still
 * on the old KEK leave the new one's keys alone instead of re-wrapping them back.
 */
@Service
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final DataKeyRows rows;
    private final KekRegistry registry;
    private final KeyWrapper wrapper;
    private final KeyRing keyRing;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final CryptoProperties.Rotation settings;

    KeyRotation(
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
        this.transaction = new TransactionTemplate(transactions);
        this.batchSize = properties.rotation().batchSize();
        this.settings = properties.rotation();
    }

    /**
     * Where the active KEK stands against the rotation period ({@code wadesk.crypto.rotation.period}).
     *
     * @param overdue whether the active KEK has been active longer than the period: a new one must be made active
     */
    public record Schedule(String activeKey, Instant activatedAt, Duration period, boolean overdue) {

        public Instant dueAt() {
            return activatedAt.plus(period);
        }
    }

    public Schedule schedule() {
        registry.registerActive();
        KekRegistry.Entry active = registry.find(keyRing.active().id()).orElseThrow();
        Instant dueAt = active.activatedAt().plus(settings.period());
        return new Schedule(
                active.id(),
                active.activatedAt(),
                settings.period(),
                !clock.instant().isBefore(dueAt));
    }

    /**
     * Retires every KEK activated before the active one that no data key uses any more (once rotation has
     * re-wrapped them all), when {@code wadesk.crypto.rotation.auto-retire} is on.
     *
     * @return the KEKs retired now
     */
    public List<String> retireDrained() {
        if (!settings.autoRetire()) {
            return List.of();
        }
        registry.registerActive();
        String active = keyRing.active().id();
        Map<String, Long> counts = rows.countByKek();
        List<String> retired = new ArrayList<>();
        for (KekRegistry.Entry entry : registry.all()) {
            if (entry.retiredAt() == null && !entry.id().equals(active) && counts.getOrDefault(entry.id(), 0L) == 0) {
                tryRetire(entry.id()).ifPresent(retired::add);
            }
        }
        return retired;
    }

    /** The key, once retired; empty when retiring it was refused (another instance may have just used it). */
    private Optional<String> tryRetire(String keyId) {
        try {
            retire(keyId);
            return Optional.of(keyId);
        } catch (KeyRetirementRefusedException stillNeeded) {
            log.debug("KEK {} not retired: {}", keyId, stillNeeded.getMessage());
            return Optional.empty();
        }
    }

    public RotationProgress progress() {
        String active = keyRing.active().id();
        Map<String, Long> counts = rows.countByKek();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new RotationProgress(active, counts.getOrDefault(active, 0L), total);
    }

    /** Every KEK ever active here, oldest first, with how many data keys each still wraps. */
    public List<KeyStatus> keys() {
        Map<String, Long> counts = rows.countByKek();
        String active = keyRing.active().id();
        return registry.all().stream()
                .map(entry -> new KeyStatus(
                        entry.id(),
                        entry.activatedAt(),
                        entry.retiredAt(),
                        counts.getOrDefault(entry.id(), 0L),
                        entry.id().equals(active),
                        keyRing.kek(entry.id()).isPresent()))
                .toList();
    }

    /**
     * Re-wraps one batch of data keys under the active KEK, in one transaction; rows locked by another instance are
     * left to it.
     *
     * @return how many were re-wrapped; 0 when none is left that this instance can re-wrap
     */
    public int rotateBatch() {
        registry.registerActive();
        KeyRing.Kek active = keyRing.active();
        Integer count = transaction.execute(status -> {
            List<DataKeyRows.Row> batch = rows.claimOlderThan(active.id(), keyRing.ids(), batchSize);
            for (DataKeyRows.Row row : batch) {
                KeyRing.Kek old = keyRing.kek(row.kekId()).orElseThrow();
                SecretKey dataKey = wrapper.unwrap(old, row.owner(), row.wrappedKey());
                rows.rewrap(row.owner(), active.id(), wrapper.wrap(active, row.owner(), dataKey.getEncoded()));
            }
            return batch.size();
        });
        return count == null ? 0 : count;
    }

    /** Re-wraps batches until none is left; what the background poller calls. */
    public long rotateAll() {
        long total = 0;
        int batch;
        while ((batch = rotateBatch()) > 0) {
            total += batch;
        }
        if (total > 0) {
            logProgress(total);
        }
        return total;
    }

    private void logProgress(long rewrapped) {
        RotationProgress progress = progress();
        log.info(
                "Key rotation: re-wrapped {} data keys under KEK {} ({} of {} done)",
                rewrapped,
                progress.activeKey(),
                progress.done(),
                progress.total());
    }

    /**
     * Retires an old KEK: no instance may wrap under it any more, and it can be removed from the configuration.
     * Retiring a retired key does nothing.
     *
     * @throws KeyRetirementRefusedException while it is active, or still wraps data keys, or never wrapped any
     */
    public void retire(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        registry.registerActive();
        transaction.executeWithoutResult(status -> retireLocked(keyId));
    }

    private void retireLocked(String keyId) {
        // No data key may be created or re-wrapped under this KEK between the count and the retirement.
        rows.lockAgainstWrites();
        KekRegistry.Entry entry = registry.find(keyId)
                .orElseThrow(() ->
                        new KeyRetirementRefusedException(keyId, KeyRetirementRefusedException.Reason.UNKNOWN, 0));
        if (entry.retiredAt() != null) {
            return;
        }
        refuseUnlessOlderThanActive(entry);
        refuseWhileInUse(keyId);
        registry.markRetired(keyId, clock.instant());
        log.info("Key rotation: KEK {} retired; it can be removed from the configuration", keyId);
    }

    private void refuseUnlessOlderThanActive(KekRegistry.Entry entry) {
        KekRegistry.Entry active = registry.find(keyRing.active().id()).orElseThrow();
        if (!isBefore(entry, active)) {
            throw new KeyRetirementRefusedException(entry.id(), KeyRetirementRefusedException.Reason.ACTIVE, 0);
        }
    }

    private void refuseWhileInUse(String keyId) {
        long left = rows.countByKek().getOrDefault(keyId, 0L);
        if (left > 0) {
            throw new KeyRetirementRefusedException(keyId, KeyRetirementRefusedException.Reason.IN_USE, left);
        }
    }

    /** The activation order that rotation follows. */
    private static boolean isBefore(KekRegistry.Entry entry, KekRegistry.Entry other) {
        int byTime = entry.activatedAt().compareTo(other.activatedAt());
        return byTime < 0 || (byTime == 0 && entry.id().compareTo(other.id()) < 0);
    }
}
