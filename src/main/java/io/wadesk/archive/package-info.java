/**
 * The managers' archive (DESIGN.md §1 Archive uses, issue 8): search over closed conversations without decrypting
 * (blind-index tokens of the words of archived transcripts, indexed when the transcript is archived), tags, reading
 * a transcript for a stated reason (audited), and evidence exports (PDF, JSON) whose message hash chain, recorded at
 * archival, is checked again at export.
 *
 * <p>The search reads the conversation, contact, team and user tables and the blind index's token table in one
 * statement: joining them in SQL is what keeps it fast on a large archive; nothing here writes to them.
 */
package io.wadesk.archive;
