package io.wadesk.conversation.internal;

import static io.wadesk.conversation.internal.Sql.at;

import io.wadesk.conversation.ConversationEventType;
import io.wadesk.conversation.ConversationRules;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the desk, once per reply, that the keep-open time has passed without an answer from the customer, so it can
 * suggest pausing or closing ({@link ConversationEventType#KEEP_OPEN_ELAPSED}).
 */
@Component
public class KeepOpenReminder {

    private final JdbcClient jdbc;
    private final ConversationJournal journal;
    private final ConversationRules rules;
    private final Clock clock;
    private final TransactionTemplate transactions;

    KeepOpenReminder(
            JdbcClient jdbc,
            ConversationJournal journal,
            ConversationRules rules,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.rules = rules;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Scheduled(fixedDelayString = "${wadesk.conversation.keep-open-check-interval:PT15S}")
    // Held for the interval: the other instance's trigger, due within it, finds the lock and skips that period.
    @SchedulerLock(
            name = "keep-open-reminder",
            lockAtMostFor = "PT5M",
            lockAtLeastFor = "${wadesk.conversation.keep-open-check-interval:PT15S}")
    public void run() {
        remind();
    }

    /** Tells the desk about every conversation whose keep-open time has just passed; returns how many. */
    public int remind() {
        Integer told = transactions.execute(status -> remindInTransaction());
        return told == null ? 0 : told;
    }

    private int remindInTransaction() {
        Instant due = clock.instant().minus(rules.keepOpen());
        List<ConversationRow> silent = jdbc.sql("SELECT c.* FROM conversations c WHERE c.status = 'ASSIGNED'"
                        + " AND c.last_reply_at <= ?"
                        + " AND (c.last_inbound_at IS NULL OR c.last_inbound_at <= c.last_reply_at)"
                        + " AND NOT EXISTS (SELECT 1 FROM conversation_events e WHERE e.conversation_id = c.id"
                        + " AND e.type = 'KEEP_OPEN_ELAPSED' AND e.occurred_at >= c.last_reply_at)"
                        + " ORDER BY c.last_reply_at LIMIT 500 FOR UPDATE OF c SKIP LOCKED")
                .param(at(due))
                .query(ConversationRow::of)
                .list();
        silent.forEach(row ->
                journal.record(row.id(), ConversationEventType.KEEP_OPEN_ELAPSED, null, row.agentId(), row.teamId()));
        return silent.size();
    }
}
