package io.wadesk.whatsapp.internal;

import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.wadesk.settings.Settings;
import io.wadesk.whatsapp.CloudApiProperties;
import io.wadesk.whatsapp.WhatsAppConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** The sender's thread outlives the database: scenario 3 of issue 10 ({@code scripts/database-restart}). */
class OutboundSenderWorkerTests {

    @Test
    void theSenderKeepsGoingWhenTheTokenCannotBeReadWhileTheDatabaseIsDown() {
        CloudApiProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("wadesk.whatsapp", CloudApiProperties.class);
        Settings settings = mock(Settings.class);
        // The settings (where the screen's token lives) are unreachable once, then back.
        when(settings.get(anyString()))
                .thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"))
                .thenReturn(Optional.of("EAAG-token"));
        OutboundSender sender = mock(OutboundSender.class);
        when(sender.runLane(anyInt())).thenReturn(new OutboundSender.Round(0, 0, 0, 0, 0));
        OutboundSenderWorker worker =
                new OutboundSenderWorker(sender, properties, new WhatsAppConnection(settings, properties));

        worker.start();
        try {
            // After the failed read it pauses (2 s), then reads the token and sends.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> verify(sender, atLeastOnce()).runLane(anyInt()));
        } finally {
            worker.stop();
        }
    }
}
