package io.wadesk.crypto;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tunable parts of the crypto module. The keys themselves ({@code wadesk.crypto.keys}, {@code active-key},
 * {@code index-key}, {@code key-file}) are read by {@link KeyRingLoader}, because {@code WADESK_CRYPTO_KEYS} arrives as
 * one {@code id:base64,id:base64} string that a map binding would not accept.
 *
 * @param dekCache how many unwrapped data keys are kept in memory, and for how long
 * @param rotation how often, and by how many at a time, data keys are re-wrapped under a new active KEK
 * @param phoneCountryCode the country calling code given to phone numbers written in national form (a leading 0)
 */
@ConfigurationProperties("wadesk.crypto")
record CryptoProperties(
        @DefaultValue DekCache dekCache,
        @DefaultValue Rotation rotation,
        @DefaultValue("33") String phoneCountryCode) {

    /**
     * @param ttl also bounds how long another instance may still open values of an owner destroyed elsewhere
     */
    record DekCache(
            @DefaultValue("10000") long maxSize,
            @DefaultValue("5m") Duration ttl) {}

    /**
     * The interval is read by the {@code @Scheduled} expression of {@link RotationPoller}.
     *
     * @param period how long a KEK may stay the active one: past it a new KEK is overdue (a warning and the
     *     {@code wadesk.crypto.kek.rotation.overdue} gauge), since a destruction reaches the backups only once the KEK
     *     that wrapped the destroyed key is retired
     * @param autoRetire whether an older KEK that no data key uses any more is retired without waiting for an admin
     */
    record Rotation(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1m") Duration interval,
            @DefaultValue("200") int batchSize,
            @DefaultValue("90d") Duration period,
            @DefaultValue("true") boolean autoRetire) {}
}
