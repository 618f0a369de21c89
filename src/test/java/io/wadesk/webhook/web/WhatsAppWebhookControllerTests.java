package io.wadesk.webhook.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wadesk.webhook.WebhookSecrets;
import io.wadesk.webhook.internal.Inbox;
import io.wadesk.webhook.internal.WebhookIntake;
import io.wadesk.webhook.internal.WebhookIntake.Outcome;
import io.wadesk.webhook.internal.WebhookMetrics;
import io.wadesk.webhook.internal.WebhookProperties;
import io.wadesk.webhook.internal.WhatsAppWebhookProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;

/** The HTTP answers of each intake outcome, and the limits checked before any signature. */
class WhatsAppWebhookControllerTests {

    private final WebhookIntake intake = mock(WebhookIntake.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new WhatsAppWebhookController(
                    intake,
                    new WebhookMetrics(meters, Clock.systemUTC(), mock(Inbox.class)),
                    WebhookSecrets.of(new WhatsAppWebhookProperties("token", List.of("secret"))),
                    new WebhookProperties(
                            DataSize.ofBytes(64),
                            new WebhookProperties.Intake(1, 10, Duration.ofSeconds(1)),
                            new WebhookProperties.Worker(
                                    false,
                                    1,
                                    10,
                                    Duration.ofMillis(100),
                                    Duration.ZERO,
                                    3,
                                    Duration.ofSeconds(1),
                                    Duration.ofMinutes(1)))))
            .build();

    @Test
    void aDatabaseThatCannotStoreTheDeliveryAnswers503SoThatMetaRetries() throws Exception {
        when(intake.receive(any(), eq("sha256=x"), anyString())).thenReturn(Outcome.UNAVAILABLE);

        mvc.perform(post("/webhooks/whatsapp")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Hub-Signature-256", "sha256=x")
                        .content("{}"))
                .andExpect(status().isServiceUnavailable());

        assertThat(meters.timer("wadesk.webhook.ack", "status", "503").count()).isOne();
    }

    @Test
    void storedIs200AndRejectedIs401() throws Exception {
        when(intake.receive(any(), anyString(), anyString())).thenReturn(Outcome.STORED);
        when(intake.receive(any(), eq("sha256=bad"), anyString())).thenReturn(Outcome.REJECTED);

        mvc.perform(post("/webhooks/whatsapp")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Hub-Signature-256", "sha256=good")
                        .content("{}"))
                .andExpect(status().isOk())
                .andExpect(content().string("EVENT_RECEIVED"));
        mvc.perform(post("/webhooks/whatsapp")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Hub-Signature-256", "sha256=bad")
                        .content("{}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aBodyOverTheCapWithoutADeclaredLengthIsStillRefused() throws Exception {
        byte[] body = ("{\"padding\": \"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);

        mvc.perform(post("/webhooks/whatsapp")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Hub-Signature-256", "sha256=x")
                        .with(request -> {
                            request.setContent(body);
                            request.removeHeader("Content-Length");
                            return request;
                        }))
                .andExpect(status().isContentTooLarge());

        verify(intake, never()).receive(any(), any(), any());
    }

    @Test
    void aBodyAtTheCapIsAccepted() throws Exception {
        when(intake.receive(any(), any(), any())).thenReturn(Outcome.STORED);

        mvc.perform(post("/webhooks/whatsapp")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"a\": \"" + "x".repeat(64 - 10) + "\"}"))
                .andExpect(status().isOk());
    }

    @Test
    void vendorJsonTypesAreJsonAndAMissingContentTypeIsNot() throws Exception {
        when(intake.receive(any(), any(), any())).thenReturn(Outcome.STORED);

        mvc.perform(post("/webhooks/whatsapp")
                        .contentType("application/vnd.meta+json")
                        .content("{}"))
                .andExpect(status().isOk());
        mvc.perform(post("/webhooks/whatsapp").content("{}")).andExpect(status().isUnsupportedMediaType());
        mvc.perform(post("/webhooks/whatsapp").contentType("not a type").content("{}"))
                .andExpect(status().isUnsupportedMediaType());
    }
}
