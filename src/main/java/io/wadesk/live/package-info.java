/**
 * Live desk updates (docs/design.md §2.3 Live desk). What changed for an agent is written as a small row (ids and kinds
 * only) in the transaction that changed it, and its id NOTIFYed on PostgreSQL channel {@code wadesk_live}. Every
 * instance LISTENs on a dedicated connection and pushes the rows to the Server-Sent Events streams of the agents
 * concerned ({@code GET /desk/events}); the browser then fetches what changed from the server's own rendering. A
 * browser that reconnects is replayed the rows it missed, from the id it last saw.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"agent", "conversation", "shared", "user"})
package io.wadesk.live;
