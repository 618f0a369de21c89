package io.wadesk.conversation.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The consent request sent at the start of a contact's first conversation, as a message with two buttons. The text
 * is versioned: each contact's consent records the version they saw. (The admin screens of a later issue edit it.)
 *
 * @param template an approved template ({@code name:language}, no parameters, quick-reply buttons Oui/Non or Yes/No)
 *     that carries the request when the customer's message is already outside the 24-hour window; unset, the request
 *     waits for the customer's next message ({@code WADESK_CONSENT_TEMPLATE}; the setting {@code consent.template}
 *     overrides it)
 */
@ConfigurationProperties("wadesk.consent")
public record ConsentProperties(
        @DefaultValue("Bonjour, afin d'améliorer la qualité de notre service et de former nos équipes, nous conservons"
                + " nos échanges de manière sécurisée pendant une durée limitée. Acceptez-vous que cette"
                + " conversation soit conservée ? Vous pourrez retirer votre accord à tout moment en écrivant"
                + " STOP.")
        String text,

        @DefaultValue("1") int textVersion,
        @DefaultValue("Oui") String yesLabel,
        @DefaultValue("Non") String noLabel,
        String template) {}
