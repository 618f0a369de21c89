package io.wadesk.whatsapp;

import io.wadesk.whatsapp.internal.CloudApiClient;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code whatsapp_templates} equal to the WABA's templates (docs/cloud-api.md §8): every page is fetched first, then
 * one transaction writes what changed and removes what Meta no longer returns, so a failed fetch removes nothing.
 * Runs on a schedule on one instance at a time, and on demand.
 */
@Service
public class TemplateSync {

    private static final Logger log = LoggerFactory.getLogger(TemplateSync.class);

    private final CloudApiClient client;
    private final WhatsAppConnection connection;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    public TemplateSync(
            CloudApiClient client,
            CloudApiProperties properties,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            JsonMapper json,
            Clock clock) {
        this(client, WhatsAppConnection.of(properties), jdbc, transaction, json, clock);
    }

    @Autowired
    public TemplateSync(
            CloudApiClient client,
            WhatsAppConnection connection,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            JsonMapper json,
            Clock clock) {
        this.client = client;
        this.connection = connection;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    /** What a sync did. */
    public record Result(int templates, int removed) {}

    @Scheduled(
            initialDelayString = "${wadesk.whatsapp.templates.initial-delay:30s}",
            fixedDelayString = "${wadesk.whatsapp.templates.sync-interval:1h}")
    // Held for the interval, so that two instances call Meta once per interval, not once each.
    @SchedulerLock(
            name = "whatsapp-template-sync",
            lockAtMostFor = "${wadesk.whatsapp.templates.sync-interval:1h}",
            lockAtLeastFor = "${wadesk.whatsapp.templates.sync-interval:1h}")
    void scheduled() {
        if (connection.wabaId().isEmpty()) {
            return;
        }
        try {
            Result result = syncNow();
            log.info("WhatsApp templates synced: {} template(s), {} removed", result.templates(), result.removed());
        } catch (CloudApiException ex) {
            log.warn("WhatsApp templates not synced: {}", ex.getMessage());
        }
    }

    /** Syncs the templates of the configured WABA now. */
    public Result syncNow() {
        if (connection.wabaId().isEmpty()) {
            throw new IllegalStateException(
                    "No WABA id (WhatsApp settings, or WADESK_WHATSAPP_WABA_ID) to sync templates from");
        }
        List<CloudApiClient.Template> templates = client.templates(connection.wabaId());
        return transaction.execute(status -> store(templates));
    }

    private Result store(List<CloudApiClient.Template> templates) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        Set<List<String>> returned = new HashSet<>();
        for (CloudApiClient.Template template : templates) {
            returned.add(List.of(template.name(), template.language()));
            upsert(template, now);
        }
        List<List<String>> vanished = jdbc
                .sql("SELECT name, language FROM whatsapp_templates")
                .query((rs, n) -> List.of(rs.getString("name"), rs.getString("language")))
                .list()
                .stream()
                .filter(key -> !returned.contains(key))
                .toList();
        vanished.forEach(key -> jdbc.sql("DELETE FROM whatsapp_templates WHERE name = ? AND language = ?")
                .params(key.get(0), key.get(1))
                .update());
        return new Result(returned.size(), vanished.size());
    }

    private void upsert(CloudApiClient.Template template, OffsetDateTime now) {
        jdbc.sql("INSERT INTO whatsapp_templates (name, language, category, status, components, synced_at)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (name, language) DO UPDATE SET"
                        + " category = EXCLUDED.category, status = EXCLUDED.status,"
                        + " components = EXCLUDED.components, synced_at = EXCLUDED.synced_at")
                .params(
                        template.name(),
                        template.language(),
                        template.category(),
                        template.status(),
                        json.writeValueAsString(template.components()),
                        now)
                .update();
    }
}
