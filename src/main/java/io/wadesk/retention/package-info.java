/**
 * What is kept about customers, and for how long (DESIGN.md §1 Retention, Consent; issue 9): the retention periods
 * and the job that destroys expired transcripts, legal holds, and customers' requests (withdrawal, erasure, access).
 * Destruction goes through {@link io.wadesk.conversation.PersonalData}, which shreds keys with the crypto module;
 * every change and every destruction is audited.
 */
package io.wadesk.retention;
