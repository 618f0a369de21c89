-- Published read models for the archive's search (issue 17): the archive reads no table of another module. Its search
-- is one statement whose joins keep it fast on a large archive, so each owner publishes the columns it joins as a
-- plain view. A plain view is inlined by the planner: the owners' indexes answer as before (conversations_closed_ix,
-- crypto_token's primary key), and a join whose columns a query does not use is removed.

-- Published read model of module conversation for archive: a conversation with its contact's consent and its number
-- of messages (counted only for the rows a query reads them for).
CREATE VIEW conversation_archive_rows AS
SELECT c.id, c.contact_id, c.team_id, c.agent_id, c.status, c.opened_at, c.closed_at, c.transcript,
       c.transcript_settled_at, c.destroyed_reason, ct.consent_status,
       (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count
  FROM conversations c
  LEFT JOIN contacts ct ON ct.id = c.contact_id;

-- Published read model of module crypto for archive: the blind-index tokens of conversations (owner_id is the
-- conversation's id as text).
CREATE VIEW crypto_conversation_tokens AS
SELECT owner_id, field, token FROM crypto_token WHERE owner_kind = 'conversation';

-- Published read model of module agent for archive: a team's name.
CREATE VIEW agent_team_names AS
SELECT id, name FROM teams;

-- Published read model of module user for archive: a user's display name.
CREATE VIEW user_display_names AS
SELECT id, display_name FROM users;
