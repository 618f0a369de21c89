/**
 * The WhatsApp Cloud API, outbound (CLOUD-API.md §4–8): {@link io.wadesk.whatsapp.internal.CloudApiClient} sends text,
 * templates and reply buttons and marks messages read; {@link io.wadesk.whatsapp.internal.OutboundSender} works off the
 * PENDING messages of {@code io.wadesk.conversation} with retries, backoff and rate limits;
 * {@link io.wadesk.whatsapp.TemplateSync} keeps {@code whatsapp_templates} in step with the WABA and
 * {@link io.wadesk.whatsapp.ApprovedTemplates} offers the approved ones.
 */
package io.wadesk.whatsapp;
