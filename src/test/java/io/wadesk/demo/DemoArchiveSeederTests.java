package io.wadesk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.agent.AgentStatus;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.Direction;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageView;
import io.wadesk.insights.internal.KpiQuery;
import io.wadesk.insights.internal.KpiRow;
import io.wadesk.insights.internal.Kpis;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Demo seeding writes a week of closed conversations through the real code paths, dated in the past, with the variety
 * the archive, the indicators and the library need; its marker lets it run once only.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoArchiveSeederTests {

    private static final LocalDate LAST_DAY = LocalDate.parse("2026-02-15");

    @Autowired
    DemoArchiveSeeder seeder;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationHistory history;

    @Autowired
    Kpis kpis;

    @Autowired
    MutableClock clock;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    private ConversationScenario.Desk service;
    private ConversationScenario.Desk sales;
    private DemoArchiveSeeder.Summary summary;

    @BeforeAll
    void seedAWeek() {
        jdbc.sql("INSERT INTO whatsapp_templates (name, language, category, status, synced_at)"
                        + " VALUES (?, 'fr', 'UTILITY', 'APPROVED', now())")
                .param("demo_followup_" + UUID.randomUUID().toString().substring(0, 8))
                .update();
        service = scenario.desk(3, "{firstName}, votre conseiller {brand}");
        sales = scenario.desk(3, null);
        List<Long> serviceAgents =
                List.of(scenario.agent(service, AgentStatus.AVAILABLE), scenario.agent(service, AgentStatus.AVAILABLE));
        List<Long> salesAgents =
                List.of(scenario.agent(sales, AgentStatus.AVAILABLE), scenario.agent(sales, AgentStatus.AVAILABLE));
        UserAccount manager = users.create(Role.MANAGER);
        String prefix =
                "44" + String.format("%05d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000L));
        Instant before = clock.instant();
        summary = seeder.seed(
                new DemoArchiveSeeder.Cast(
                        service.team().id(),
                        service.phoneNumberId(),
                        serviceAgents,
                        sales.team().id(),
                        sales.phoneNumberId(),
                        salesAgents,
                        manager.id(),
                        manager.username(),
                        prefix),
                LAST_DAY,
                7,
                new SeedTime() {
                    @Override
                    public void at(Instant instant) {
                        clock.set(instant);
                    }

                    @Override
                    public void release() {
                        clock.set(before);
                    }
                });
    }

    @Test
    void seedsClosedConversationsOfBothTeamsInThePast() {
        List<Map<String, Object>> rows = seeded();

        assertThat(rows).hasSize(summary.conversations()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("CLOSED");
            LocalDate opened = ((java.sql.Timestamp) row.get("opened_at"))
                    .toInstant()
                    .atZone(java.time.ZoneOffset.UTC)
                    .toLocalDate();
            assertThat(opened).isBetween(LAST_DAY.minusDays(7), LAST_DAY);
        });
        assertThat(rows.stream().map(row -> row.get("team_id")).distinct()).hasSize(2);
        assertThat(rows.stream().map(row -> row.get("agent_id")).distinct()).hasSize(4);
        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE direction = 'OUTBOUND' AND status <> 'READ'"
                                + " AND phone_number_id IN (?, ?)")
                        .params(service.phoneNumberId(), sales.phoneNumberId())
                        .query(Long.class)
                        .single())
                .as("every message left and was read, as the sender and Meta's statuses would have it")
                .isZero();
    }

    @Test
    void consentsWereGrantedRefusedAndLeftUnanswered() {
        Map<String, Long> outcomes = seeded().stream()
                .collect(Collectors.groupingBy(
                        row -> row.get("transcript") + "/" + row.get("destroyed_reason"), Collectors.counting()));

        assertThat(outcomes).containsKeys("ARCHIVED/null", "DESTROYED/CONSENT_REFUSED", "DESTROYED/CONSENT_NOT_GIVEN");
    }

    @Test
    void conversationsWerePausedTransferredAndReengaged() {
        Map<String, Long> events = jdbc
                .sql("SELECT e.type, count(*) AS n FROM conversation_events e"
                        + " JOIN conversations c ON c.id = e.conversation_id WHERE c.phone_number_id IN (?, ?)"
                        + " GROUP BY e.type")
                .params(service.phoneNumberId(), sales.phoneNumberId())
                .query((rs, n) -> Map.entry(rs.getString("type"), rs.getLong("n")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(events).containsKeys("ASSIGNED", "PAUSED", "RESUMED", "TRANSFERRED", "REENGAGED", "CLOSED");
        assertThat(events.get("TRANSFERRED")).isGreaterThanOrEqualTo(2); // to a colleague and to the other team
        KpiRow service = kpis.report(new KpiQuery(
                        LAST_DAY.minusDays(7), LAST_DAY, this.service.team().id(), null))
                .total();
        KpiRow sales = kpis.report(new KpiQuery(
                        LAST_DAY.minusDays(7), LAST_DAY, this.sales.team().id(), null))
                .total();
        assertThat(service.windowExpiries() + sales.windowExpiries()).isPositive();
        assertThat(service.firstResponseMedian()).isNotNull();
    }

    @Test
    void customersWroteInFrenchAndInEnglish() {
        List<String> firstWords = seeded().stream()
                .map(row -> (UUID) row.get("id"))
                .map(history::messages)
                .map(messages -> messages.stream()
                        .filter(message -> message.direction() == Direction.INBOUND)
                        .map(MessageView::content)
                        .filter(MessageContent.Text.class::isInstance)
                        .map(content -> ((MessageContent.Text) content).body())
                        .findFirst()
                        .orElse(""))
                .filter(text -> !text.isEmpty())
                .toList();

        assertThat(firstWords).anyMatch(text -> text.startsWith("Bonjour") || text.startsWith("Bonsoir"));
        assertThat(firstWords).anyMatch(text -> text.startsWith("Hi") || text.startsWith("Hello"));
    }

    @Test
    void trainingExamplesWereMarked() {
        assertThat(summary.examples()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM training_examples WHERE team_id IN (?, ?)")
                        .params(service.team().id(), sales.team().id())
                        .query(Long.class)
                        .single())
                .isEqualTo(summary.examples());
    }

    @Test
    void theMarkerLetsSeedingRunOnce() {
        String marker = "test-" + UUID.randomUUID();

        assertThat(seeder.claim(marker, clock.instant())).isTrue();
        assertThat(seeder.claim(marker, clock.instant())).isFalse();
    }

    private List<Map<String, Object>> seeded() {
        return jdbc.sql("SELECT * FROM conversations WHERE phone_number_id IN (?, ?)")
                .params(service.phoneNumberId(), sales.phoneNumberId())
                .query()
                .listOfRows();
    }
}
