/**
 * The WhatsApp Cloud API, outbound (docs/cloud-api.md §4–8): the templates, the connection settings and the calls other
 * modules make. Its doors: {@link io.wadesk.whatsapp.ApprovedTemplates} offers the approved templates,
 * {@link io.wadesk.whatsapp.TemplateSync} keeps {@code whatsapp_templates} in step with the WABA,
 * {@link io.wadesk.whatsapp.LocalTemplates} records the demo's, {@link io.wadesk.whatsapp.ReadReceipts} marks a
 * conversation read, {@link io.wadesk.whatsapp.ConnectionCheck} and {@link io.wadesk.whatsapp.WhatsAppConnection}
 * test and hold the token and numbers. Inside ({@code internal}): the Graph API client, the sender lanes that work off
 * the PENDING messages of {@code io.wadesk.conversation} with retries, backoff and rate limits, and the media fetcher.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"conversation", "settings", "shared"})
package io.wadesk.whatsapp;
