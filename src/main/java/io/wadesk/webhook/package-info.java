/**
 * Meta's WhatsApp webhook: the verification handshake, the signature check, a durable inbox of encrypted raw
 * deliveries acknowledged only after commit, and the workers that turn inbox rows into stored conversations,
 * messages and delivery statuses exactly once. Rows that keep failing become dead letters, replayed through
 * {@link io.wadesk.webhook.DeadLetters}; {@link io.wadesk.webhook.WebhookSecrets} holds the app secrets.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"audit", "conversation", "crypto", "settings", "shared"})
package io.wadesk.webhook;
