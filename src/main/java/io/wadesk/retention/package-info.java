/**
 * What is kept about customers, and for how long (docs/design.md §1.10 Retention, §1.8 Consent; issue 9): the retention periods
 * and the job that destroys expired transcripts, legal holds, and customers' requests (withdrawal, erasure, access).
 * Other modules use nothing of it. Destruction goes through {@link io.wadesk.conversation.PersonalData}, which shreds
 * keys with the crypto module; the expired transcripts are found through the view the conversation module publishes
 * for retention ({@code archived_transcripts}, migration V31); every change and every destruction is audited.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"agent", "archive", "audit", "conversation", "crypto", "shared", "user"})
package io.wadesk.retention;
