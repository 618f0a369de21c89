package io.wadesk.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageView;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class RetentionJobTests {

    private static final Actor ADMIN = new Actor(null, "retention-test-admin");

    @Autowired
    RetentionJob job;

    @Autowired
    RetentionPeriods periods;

    @Autowired
    LegalHolds holds;

    @Autowired
    ConversationHistory history;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditSearch audit;

    @Autowired
    MutableClock clock;

    RetentionFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new RetentionFixtures(scenario, commands, jdbc, audit);
        job.current().ifPresent(run -> job.execute(run.id()));
    }

    @Test
    void aRunDestroysExactlyTheExpiredUnheldTranscriptsAndKeepsTheirMetadata() {
        RetentionFixtures.Team month = fixtures.team();
        RetentionFixtures.Team quarter = fixtures.team();
        periods.setTeam(ADMIN, month.desk().team().id(), 30);
        periods.setTeam(ADMIN, quarter.desk().team().id(), 90);

        UUID expired = fixtures.keptConversation(month, ConversationScenario.newPhone(), "Ma facture 1");
        UUID heldConversation = fixtures.keptConversation(month, ConversationScenario.newPhone(), "Ma facture 2");
        UUID heldContact = fixtures.keptConversation(month, ConversationScenario.newPhone(), "Ma facture 3");
        UUID longerPeriod = fixtures.keptConversation(quarter, ConversationScenario.newPhone(), "Ma facture 4");
        holds.place(ADMIN, LegalHold.Target.CONVERSATION, heldConversation, "Dossier 2026-17");
        holds.place(ADMIN, LegalHold.Target.CONTACT, fixtures.contactOf(heldContact), "Dossier 2026-18");
        clock.advance(Duration.ofDays(25));
        UUID recent = fixtures.keptConversation(month, ConversationScenario.newPhone(), "Ma facture 5");
        clock.advance(Duration.ofDays(6));
        int rowsBefore = fixtures.messageRows(expired);

        RetentionPreview preview = job.preview();
        assertThat(preview.expired()).isGreaterThanOrEqualTo(1);
        assertThat(preview.held()).isGreaterThanOrEqualTo(2);

        RetentionRun run = job.run(RetentionRun.Trigger.MANUAL, ADMIN);

        assertThat(fixtures.transcript(expired)).isEqualTo("DESTROYED");
        assertThat(fixtures.destroyedReason(expired)).isEqualTo("RETENTION_EXPIRED");
        assertThat(history.messages(expired))
                .as("the messages stay as metadata for the KPIs, their content unreadable")
                .hasSize(rowsBefore)
                .allSatisfy(message -> {
                    assertThat(message.content()).isNull();
                    assertThat(message.sentAt()).isNotNull();
                    assertThat(message.direction()).isNotNull();
                });
        assertThat(List.of(heldConversation, heldContact, longerPeriod, recent))
                .allSatisfy(kept -> assertThat(fixtures.transcript(kept)).isEqualTo("ARCHIVED"));
        assertThat(texts(heldConversation)).contains("Ma facture 2");
        assertThat(texts(recent)).contains("Ma facture 5");

        assertThat(run.state()).isEqualTo(RetentionRun.State.DONE);
        assertThat(run.planned()).isEqualTo(preview.expired());
        assertThat(run.destroyed()).isEqualTo(run.planned());
        assertThat(run.held()).isEqualTo(preview.held());
        assertThat(run.finishedAt()).isNotNull();
        assertThat(job.history(5)).first().isEqualTo(run);
        assertThat(fixtures.audit("transcript.destroyed", "conversation", expired))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.reason()).isEqualTo("RETENTION_EXPIRED");
                    assertThat(entry.details())
                            .containsEntry("retentionRun", run.id().toString());
                });
        assertThat(fixtures.audit("retention.run.finished", "retention-run", run.id()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.details())
                        .containsEntry("destroyed", Integer.toString(run.destroyed()))
                        .containsEntry("state", "DONE"));
        assertThat(job.preview().expired()).isZero();
    }

    @Test
    void liftingAHoldLetsTheNextRunDestroyTheTranscript() {
        RetentionFixtures.Team team = fixtures.team();
        periods.setTeam(ADMIN, team.desk().team().id(), 10);
        UUID conversation = fixtures.keptConversation(team, ConversationScenario.newPhone(), "Litige");
        LegalHold hold = holds.place(ADMIN, LegalHold.Target.CONVERSATION, conversation, "Litige 12");
        clock.advance(Duration.ofDays(11));

        job.run(RetentionRun.Trigger.SCHEDULED, Actor.SYSTEM);
        assertThat(fixtures.transcript(conversation)).isEqualTo("ARCHIVED");

        holds.lift(ADMIN, hold.id(), "Litige clos");
        RetentionRun run = job.run(RetentionRun.Trigger.SCHEDULED, Actor.SYSTEM);

        assertThat(fixtures.transcript(conversation)).isEqualTo("DESTROYED");
        assertThat(run.actor()).isEqualTo("system");
        assertThat(fixtures.audit("legalhold.lifted", "conversation", conversation))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.reason()).isEqualTo("Litige clos");
                    assertThat(entry.details())
                            .containsEntry("held.before", "true")
                            .containsEntry("held.after", "false");
                });
    }

    @Test
    void oneRunAtATimeAndARunWhoseInstanceDiedIsTakenOverLater() {
        RetentionRun going = job.start(RetentionRun.Trigger.MANUAL, ADMIN);
        assertThat(job.current()).contains(going);

        assertThatThrownBy(() -> job.start(RetentionRun.Trigger.SCHEDULED, Actor.SYSTEM))
                .isInstanceOfSatisfying(
                        RefusedException.class,
                        refused -> assertThat(refused.messageKey()).isEqualTo("admindata.retention.run.busy"));

        clock.advance(Duration.ofMinutes(11));
        RetentionRun next = job.start(RetentionRun.Trigger.SCHEDULED, Actor.SYSTEM);

        assertThat(job.find(going.id()).orElseThrow().state()).isEqualTo(RetentionRun.State.ABANDONED);
        assertThat(job.execute(next.id()).state()).isEqualTo(RetentionRun.State.DONE);
    }

    @Test
    void periodsAreCheckedAndEachChangeIsAuditedWithBeforeAndAfter() {
        RetentionFixtures.Team team = fixtures.team();
        long teamId = team.desk().team().id();

        assertThatThrownBy(() -> periods.setTeam(ADMIN, teamId, 0)).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> periods.setGlobal(ADMIN, 40_000)).isInstanceOf(RefusedException.class);
        periods.setTeam(ADMIN, teamId, 45);
        periods.setTeam(ADMIN, teamId, null);

        assertThat(periods.settings().teamDays()).doesNotContainKey(teamId);
        assertThat(fixtures.audit("retention.period.changed", "team", teamId))
                .extracting(entry -> entry.details().get("keepDays.before") + "→"
                        + entry.details().get("keepDays.after"))
                .containsExactly("45→global", "global→45");
    }

    private List<String> texts(UUID conversation) {
        return history.messages(conversation).stream()
                .map(MessageView::content)
                .filter(MessageContent.Text.class::isInstance)
                .map(content -> ((MessageContent.Text) content).body())
                .toList();
    }
}
