package io.wadesk.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Issue 16, point 5: a legal hold's reasons are staff's free text about a customer, stored sealed only. */
@IntegrationTest
class LegalHoldReasonTests {

    private static final Actor ADMIN = new Actor(1L, "admin-of-the-test");

    @Autowired
    LegalHolds holds;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    AuditSearch audit;

    @Autowired
    JdbcClient jdbc;

    private RetentionFixtures fixtures;
    private RetentionFixtures.Team team;

    @BeforeEach
    void team() {
        fixtures = new RetentionFixtures(scenario, commands, jdbc, audit);
        team = fixtures.team();
    }

    @Test
    void aHoldsReasonsAreStoredSealedAndReadBack() {
        UUID conversation = fixtures.keptConversation(team, ConversationScenario.newPhone(), "Bonjour");
        LegalHold hold = holds.place(ADMIN, LegalHold.Target.CONVERSATION, conversation, "Litige Anselme Vrignaud");
        assertThat(holds.inForceOn(LegalHold.Target.CONVERSATION, conversation)
                        .orElseThrow()
                        .reason())
                .isEqualTo("Litige Anselme Vrignaud");
        holds.lift(ADMIN, hold.id(), "Vrignaud a retiré sa plainte");

        Row row = row(hold.id());
        assertThat(row.reason()).isNull();
        assertThat(row.liftReason()).isNull();
        assertThat(new String(row.reasonSealed(), StandardCharsets.ISO_8859_1)).doesNotContain("Vrignaud");
        assertThat(new String(row.liftReasonSealed(), StandardCharsets.ISO_8859_1))
                .doesNotContain("Vrignaud");
    }

    @Test
    void reasonsWrittenInClearBeforeVersion28AreSealedAtStartUp() {
        UUID contact = fixtures.contactOf(fixtures.keptConversation(team, ConversationScenario.newPhone(), "Bonjour"));
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO legal_holds (id, target_type, target_id, reason, placed_by, placed_at)"
                        + " VALUES (?, 'CONTACT', ?, 'Dossier Philomène Escartefigue', 'admin', ?)")
                .params(id, contact, Timestamp.from(Instant.now()))
                .update();

        assertThat(holds.sealClearReasons()).isPositive();

        Row row = row(id);
        assertThat(row.reason()).isNull();
        assertThat(new String(row.reasonSealed(), StandardCharsets.ISO_8859_1)).doesNotContain("Escartefigue");
        assertThat(holds.inForceOn(LegalHold.Target.CONTACT, contact)
                        .orElseThrow()
                        .reason())
                .isEqualTo("Dossier Philomène Escartefigue");
        assertThat(holds.sealClearReasons()).isZero();
    }

    private record Row(String reason, String liftReason, byte[] reasonSealed, byte[] liftReasonSealed) {}

    private Row row(UUID id) {
        return jdbc.sql("SELECT reason, lift_reason, reason_sealed, lift_reason_sealed FROM legal_holds WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4)))
                .single();
    }
}
