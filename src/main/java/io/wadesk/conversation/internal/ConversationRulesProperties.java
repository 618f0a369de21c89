package io.wadesk.conversation.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The configurable rules of docs/design.md §1 (the admin screens of a later issue will edit them): how long a conversation
 * is kept open after a reply, which pauses an agent may choose and which one is offered first, the brand name that
 * signatures use, and the consent request.
 */
@ConfigurationProperties("wadesk.conversation")
public record ConversationRulesProperties(
        @DefaultValue("3m") Duration keepOpen,
        @DefaultValue({"1h", "3h", "24h"}) List<Duration> pauseChoices,
        @DefaultValue("3h") Duration defaultPause,
        @DefaultValue("wadesk") String brand,
        @DefaultValue("STOP") String withdrawalKeyword,
        @DefaultValue("false") boolean askAgainAfterRefusal) {

    public ConversationRulesProperties {
        if (!pauseChoices.contains(defaultPause)) {
            throw new IllegalArgumentException(
                    "The default pause " + defaultPause + " must be one of the choices " + pauseChoices);
        }
    }

    public boolean isAllowedPause(Duration duration) {
        return pauseChoices.contains(duration);
    }
}
