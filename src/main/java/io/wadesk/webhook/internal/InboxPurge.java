package io.wadesk.webhook.internal;

import io.wadesk.crypto.CryptoShredder;
import io.wadesk.crypto.DataKeyOwners;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raw deliveries are deleted as soon as they are applied ({@link Inbox#markDone}); after
 * {@code wadesk.webhook.inbox.keep} this job shreds the key of every day with nothing left (and removes any applied
 * row left by an older version), so that backups of those days are unreadable too. Pending deliveries and dead
 * letters stay, with their day's key, until they are settled (an admin replays or discards dead letters).
 */
@Component
class InboxPurge {

    private static final Logger log = LoggerFactory.getLogger(InboxPurge.class);

    @ConfigurationProperties("wadesk.webhook.inbox")
    record Settings(@DefaultValue("7d") Duration keep) {}

    private final JdbcClient jdbc;
    private final CryptoShredder shredder;
    private final DataKeyOwners keyOwners;
    private final Clock clock;
    private final Settings settings;
    private final TransactionTemplate transactions;

    InboxPurge(
            JdbcClient jdbc,
            CryptoShredder shredder,
            DataKeyOwners keyOwners,
            Clock clock,
            Settings settings,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.shredder = shredder;
        this.keyOwners = keyOwners;
        this.clock = clock;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Scheduled(cron = "${wadesk.webhook.inbox.purge-cron:0 17 3 * * *}", zone = "UTC")
    // Every instance fires at the same time of day: held long enough for the one whose clock is late to skip it.
    @SchedulerLock(
            name = "webhook-inbox-purge",
            lockAtMostFor = "PT30M",
            lockAtLeastFor = "${wadesk.scheduling.clock-tolerance:PT1M}")
    public void run() {
        purge();
    }

    /** Purges the applied deliveries of every day older than the keep period; returns those days. */
    public List<LocalDate> purge() {
        LocalDate before =
                clock.instant().minus(settings.keep()).atZone(ZoneOffset.UTC).toLocalDate();
        List<LocalDate> days = daysToPurge(before);
        days.forEach(day -> transactions.executeWithoutResult(status -> purge(day)));
        if (!days.isEmpty()) {
            log.info("Purged the raw webhook deliveries of {} day(s) up to {}", days.size(), days.get(days.size() - 1));
        }
        return days;
    }

    /** Days with applied deliveries, and days whose data key outlived their rows (a purge cut short), in order. */
    private List<LocalDate> daysToPurge(LocalDate before) {
        SortedSet<LocalDate> days = new TreeSet<>(
                jdbc.sql("SELECT DISTINCT key_day FROM webhook_inbox WHERE key_day < ? AND state = 'DONE'")
                        .param(Date.valueOf(before))
                        .query((rs, n) -> rs.getDate(1).toLocalDate())
                        .list());
        keyOwners.idsBefore(Inbox.KEY_OWNER_KIND, before.toString()).forEach(id -> days.add(LocalDate.parse(id)));
        return List.copyOf(days);
    }

    private void purge(LocalDate day) {
        jdbc.sql("DELETE FROM webhook_inbox WHERE key_day = ? AND state = 'DONE'")
                .param(Date.valueOf(day))
                .update();
        boolean settled = jdbc.sql("SELECT count(*) FROM webhook_inbox WHERE key_day = ?")
                        .param(Date.valueOf(day))
                        .query(Long.class)
                        .single()
                == 0;
        if (settled) {
            shredder.destroy(
                    Inbox.keyOwner(day), "inbox purge after " + settings.keep().toDays() + " days");
        }
    }
}
