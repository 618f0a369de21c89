/**
 * Demo mode's archive: on the first start, a few weeks of realistic conversations (several agents and teams, French
 * and English customers, consents granted, refused and unanswered, transfers, pauses, re-engagements), written through
 * the same code paths as real ones (ingest, the conversation commands, the outbound queue and delivery statuses), with
 * a clock set to the past while seeding (demo mode's {@code DemoClock}); then a few training examples. Seeded once
 * (a marker row), never outside demo mode.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"agent", "conversation", "library", "shared", "user", "whatsapp"})
package io.wadesk.demo;
