package io.wadesk.crypto;

import java.time.Instant;

/**
 * One KEK as an admin screen shows it.
 *
 * @param activatedAt when an instance first wrapped a data key under it
 * @param retiredAt when it was retired, or null
 * @param dataKeys live data keys still wrapped under it
 * @param active whether it is this instance's active KEK
 * @param configured whether this instance holds its material
 */
public record KeyStatus(
        String id, Instant activatedAt, Instant retiredAt, long dataKeys, boolean active, boolean configured) {}
