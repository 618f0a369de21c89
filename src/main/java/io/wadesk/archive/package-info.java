/**
 * The managers' archive (docs/design.md §1.12 Archive uses, issue 8): search over closed conversations without decrypting
 * (blind-index tokens of the words of archived transcripts, indexed when the transcript is archived), tags, reading
 * a transcript for a stated reason (audited), and evidence exports (PDF, JSON) whose message hash chain, recorded at
 * archival, is checked again at export.
 *
 * <p>Its door: {@link io.wadesk.archive.TranscriptAccess} (the desk's and retention's audited reads of a kept
 * transcript) and {@link io.wadesk.archive.ReadReason}; search, tags, chain and exports are in {@code internal}, its
 * pages in {@code web}. A message is shown from its {@code display.MessageDisplay}. The search is one statement over
 * the views its owners publish for it (migration V30: conversation, crypto, agent, user); it writes only its own
 * {@code archive_*} tables.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"agent", "audit", "conversation", "crypto", "display", "shared", "user"})
package io.wadesk.archive;
