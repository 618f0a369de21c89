/**
 * The built-in WhatsApp simulator, for dev and demo only (off with an external database unless
 * {@code WADESK_SIMULATOR_ENABLED=true}): a customer phone page at {@code /simulator} whose actions reach the webhook
 * as signed deliveries, and a fake Graph API that the Cloud API client talks to, which answers with wamids and plays
 * back sent, delivered and read statuses, or the failures it is told to. No other module uses it: everything is in
 * {@code internal} and {@code web}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "whatsapp"})
package io.wadesk.simulator;
