package io.wadesk.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wadesk.crypto.Vault;
import io.wadesk.webhook.Fixtures;
import io.wadesk.webhook.WebhookSecrets;
import io.wadesk.webhook.internal.WebhookIntake.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

class WebhookIntakeTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InboxWorker worker = mock(InboxWorker.class);
    private final Vault vault = mock(Vault.class);
    /** Nothing listens on port 1: every connection is refused, as when the database is down. */
    private final Inbox unreachable = new Inbox(
            JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/wadesk", "u", "p")),
            vault,
            Clock.systemUTC(),
            mock(SenderTokens.class));

    private final InboxAppender appender = new InboxAppender(unreachable, Clock.systemUTC(), properties());
    private final WebhookIntake intake = new WebhookIntake(
            new SignatureVerifier(new WhatsAppWebhookProperties("token", List.of(Fixtures.APP_SECRET))),
            appender,
            worker,
            new WebhookMetrics(meters, Clock.systemUTC(), unreachable),
            Clock.systemUTC());

    @AfterEach
    void closeAppender() throws InterruptedException {
        appender.close();
    }

    @Test
    void aDeliveryTheDatabaseCannotTakeIsUnavailableNotLost() {
        byte[] body = Fixtures.bytes("text.json");

        Outcome outcome = intake.receive(body, SignatureVerifier.sign(Fixtures.APP_SECRET, body), "127.0.0.1");

        assertThat(outcome).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(meters.counter("wadesk.webhook.received").count()).isZero();
        verify(worker, never()).nudge();
    }

    @Test
    void aWrongSignatureIsRejectedCountedAndNeverWritten() {
        byte[] body = Fixtures.bytes("text.json");

        Outcome outcome = intake.receive(body, SignatureVerifier.sign("another", body), "127.0.0.1");

        assertThat(outcome).isEqualTo(Outcome.REJECTED);
        assertThat(meters.counter("wadesk.webhook.signature.rejected").count()).isOne();
        verifyNoInteractions(vault);
    }

    @Test
    void aDeliveryWhoseSecretsCannotBeReadIsUnavailableNotAnError() {
        WebhookSecrets secrets = mock(WebhookSecrets.class);
        // Read once at start-up, then the database that holds the secrets set on screen goes down.
        when(secrets.appSecrets())
                .thenReturn(List.of(Fixtures.APP_SECRET))
                .thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        WebhookIntake intake = new WebhookIntake(
                new SignatureVerifier(secrets),
                appender,
                worker,
                new WebhookMetrics(meters, Clock.systemUTC(), unreachable),
                Clock.systemUTC());
        byte[] body = Fixtures.bytes("text.json");

        Outcome outcome = intake.receive(body, SignatureVerifier.sign(Fixtures.APP_SECRET, body), "127.0.0.1");

        assertThat(outcome).isEqualTo(Outcome.UNAVAILABLE);
        verifyNoInteractions(vault);
    }

    private static WebhookProperties properties() {
        return new WebhookProperties(
                DataSize.ofMegabytes(1),
                new WebhookProperties.Intake(1, 10, Duration.ofSeconds(5)),
                new WebhookProperties.Worker(
                        false,
                        1,
                        10,
                        Duration.ofMillis(100),
                        Duration.ZERO,
                        3,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(1)));
    }
}
