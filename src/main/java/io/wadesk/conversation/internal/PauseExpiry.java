package io.wadesk.conversation.internal;

import io.wadesk.conversation.ConversationEventType;
import io.wadesk.conversation.PauseEnded;
import java.time.Clock;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends pauses the customer did not answer: the conversation comes back to its owner flagged "pause expired". One that
 * was paused by a re-engagement template is marked unanswered, so a second re-engagement is refused. Routing gives it
 * back ({@link PauseEnded}).
 */
@Component
public class PauseExpiry {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transactions;

    PauseExpiry(
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Scheduled(fixedDelayString = "${wadesk.conversation.pause-check-interval:PT15S}")
    // Held for the interval: the other instance's trigger, due within it, finds the lock and skips that period.
    @SchedulerLock(
            name = "pause-expiry",
            lockAtMostFor = "PT5M",
            lockAtLeastFor = "${wadesk.conversation.pause-check-interval:PT15S}")
    public void run() {
        int expired;
        do {
            expired = expireDue(100);
        } while (expired == 100);
    }

    /** Ends up to {@code limit} due pauses in one transaction; returns how many. */
    public int expireDue(int limit) {
        return transactions.execute(status -> expireBatch(limit));
    }

    private int expireBatch(int limit) {
        List<ConversationRow> due = jdbc.sql("SELECT * FROM conversations WHERE status = 'PAUSED' AND paused_until <= ?"
                        + " ORDER BY paused_until LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(Sql.at(clock.instant()), limit)
                .query(ConversationRow::of)
                .list();
        for (ConversationRow row : due) {
            jdbc.sql("UPDATE conversations SET pause_expired = TRUE,"
                            + " reengagement_unanswered = (reengaged_at IS NOT NULL) WHERE id = ?")
                    .param(row.id())
                    .update();
            events.publishEvent(new PauseEnded(row.id(), ConversationEventType.PAUSE_EXPIRED));
        }
        return due.size();
    }
}
