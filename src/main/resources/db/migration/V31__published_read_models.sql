-- Issue 17: no module reads another module's tables. Where one SQL join over many rows is what keeps a screen or a job
-- fast, the owner publishes a read-only view of the columns the reader needs (metadata only, nothing sealed), and the
-- reader joins the view instead of the table. A view this simple is inlined by the planner: the plans stay the same.

-- Published read model of module conversation for insights: the indicators' conversations (period, team, agent,
-- times, what became of the transcript).
CREATE VIEW kpi_conversations AS
SELECT id, team_id, agent_id, opened_at, closed_at, first_reply_at, transcript, destroyed_reason
FROM conversations;

-- Published read model of module conversation for insights: when each message was sent, and which way.
CREATE VIEW kpi_messages AS
SELECT conversation_id, direction, sent_at
FROM messages;

-- Published read model of module conversation for insights: the journal of each conversation, by type only.
CREATE VIEW kpi_conversation_events AS
SELECT conversation_id, type
FROM conversation_events;

-- Published read model of module conversation for retention: the archived transcripts and when each was settled,
-- joined by the retention job with its periods and legal holds (a locking clause on the view locks conversations).
CREATE VIEW archived_transcripts AS
SELECT id, contact_id, team_id, transcript_settled_at AS settled_at
FROM conversations
WHERE transcript = 'ARCHIVED';
