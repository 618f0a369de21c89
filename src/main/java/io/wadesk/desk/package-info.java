/**
 * The agent desk: what an agent works in (the status button, "my conversations", the conversation pane with its
 * contact card, notes, thread and composer, the contact's earlier conversations) and the quick replies managers write
 * for it. The conversations themselves, and every command on them, are the conversation module's; the desk shows them
 * and sends the agent's commands there.
 *
 * <p>Other modules need almost nothing of it: its top package is its door. The web layer ({@code desk.web}: one
 * controller per concern, the page put together by {@code DeskPage}, forms as records) and its own services
 * ({@code desk.internal}: the quick replies, the audited phone reveal) are its inside.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"agent", "archive", "audit", "conversation", "display", "shared", "user", "whatsapp"})
package io.wadesk.desk;
