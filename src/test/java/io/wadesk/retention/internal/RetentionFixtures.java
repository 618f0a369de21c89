package io.wadesk.retention.internal;

import io.wadesk.agent.AgentStatus;
import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditRecord;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.ConversationScenario.Desk;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Kept transcripts to destroy, and what became of them, for the tests of this module. */
final class RetentionFixtures {

    private final ConversationScenario scenario;
    private final ConversationCommands commands;
    private final JdbcClient jdbc;
    private final AuditSearch audit;

    RetentionFixtures(
            ConversationScenario scenario, ConversationCommands commands, JdbcClient jdbc, AuditSearch audit) {
        this.scenario = scenario;
        this.commands = commands;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    record Team(Desk desk, long agent) {}

    Team team() {
        Desk desk = scenario.desk(50, null);
        return new Team(desk, scenario.agent(desk, AgentStatus.AVAILABLE));
    }

    /** The customer writes, consents, and the agent closes: the transcript is archived now. */
    UUID keptConversation(Team team, String phone, String text) {
        UUID conversation = scenario.customerWrites(team.desk(), phone, text);
        scenario.customerWrites(team.desk(), phone, "oui");
        commands.close(team.agent(), conversation);
        return conversation;
    }

    UUID contactOf(UUID conversation) {
        return jdbc.sql("SELECT contact_id FROM conversations WHERE id = ?")
                .param(conversation)
                .query(UUID.class)
                .single();
    }

    String transcript(UUID conversation) {
        return jdbc.sql("SELECT transcript FROM conversations WHERE id = ?")
                .param(conversation)
                .query(String.class)
                .single();
    }

    String destroyedReason(UUID conversation) {
        return jdbc.sql("SELECT destroyed_reason FROM conversations WHERE id = ?")
                .param(conversation)
                .query(String.class)
                .single();
    }

    int messageRows(UUID conversation) {
        return jdbc.sql("SELECT count(*) FROM messages WHERE conversation_id = ?")
                .param(conversation)
                .query(Integer.class)
                .single();
    }

    List<AuditRecord> audit(String action, String targetType, Object targetId) {
        return audit.find(new AuditQuery(null, action, targetType, targetId.toString(), null, null), 0, 50);
    }
}
