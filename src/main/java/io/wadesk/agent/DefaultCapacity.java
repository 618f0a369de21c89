package io.wadesk.agent;

import io.wadesk.settings.Settings;
import org.springframework.stereotype.Component;

/**
 * The global default capacity as it stands now: the admins' setting, else {@code wadesk.routing.default-capacity}.
 * Read at every claim, so a change applies to the next conversation routed. (Who takes which conversation is decided
 * in {@code io.wadesk.routing}; this is only the number of conversations an agent holds when nothing else is set.)
 */
@Component
public class DefaultCapacity {

    public static final String DEFAULT_CAPACITY = "routing.default-capacity";
    public static final int MIN_CAPACITY = 1;
    public static final int MAX_CAPACITY = 50;

    private final Settings settings;
    private final DefaultCapacityProperties properties;

    DefaultCapacity(Settings settings, DefaultCapacityProperties properties) {
        this.settings = settings;
        this.properties = properties;
    }

    public int defaultCapacity() {
        return settings.getInt(DEFAULT_CAPACITY, properties.defaultCapacity());
    }

    public void setDefaultCapacity(int capacity, long actorId) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("A capacity is between 1 and 50");
        }
        settings.set(DEFAULT_CAPACITY, Integer.toString(capacity), actorId);
    }
}
