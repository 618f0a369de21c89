package io.wadesk.webhook;

import static io.wadesk.webhook.WebhookTestData.URL;
import static io.wadesk.webhook.WebhookTestData.count;
import static io.wadesk.webhook.WebhookTestData.signed;
import static io.wadesk.webhook.WebhookTestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.wadesk.support.IntegrationTest;
import io.wadesk.webhook.internal.InboxWorker;
import io.wadesk.webhook.internal.SignatureVerifier;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** What Meta gets back for each kind of request, and what is stored meanwhile (the worker is stopped here). */
@IntegrationTest
class WebhookReceptionTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InboxWorker worker;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void emptyInboxWithoutWorker() {
        worker.stop();
        WebhookTestData.clear(jdbc);
    }

    @AfterEach
    void clear() {
        WebhookTestData.clear(jdbc);
    }

    @Test
    void theHandshakeEchoesTheChallengeVerbatimAsPlainText() throws Exception {
        mvc.perform(get(URL).param("hub.mode", "subscribe")
                        .param("hub.verify_token", "test-verify-token")
                        .param("hub.challenge", "0012345678901234567890")
                        .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(content().string("0012345678901234567890"));
    }

    @Test
    void theHandshakeIsRefusedWithAWrongTokenOrMode() throws Exception {
        mvc.perform(get(URL).param("hub.mode", "subscribe")
                        .param("hub.verify_token", "test-verify-tokem")
                        .param("hub.challenge", "1158201444"))
                .andExpect(status().isForbidden());
        mvc.perform(get(URL).param("hub.mode", "unsubscribe")
                        .param("hub.verify_token", "test-verify-token")
                        .param("hub.challenge", "1158201444"))
                .andExpect(status().isForbidden());
        mvc.perform(get(URL).param("hub.mode", "subscribe").param("hub.challenge", "1158201444"))
                .andExpect(status().isForbidden());
        mvc.perform(get(URL)).andExpect(status().isForbidden());
    }

    @Test
    void aSignedDeliveryIsInTheInboxWhenItIsAcknowledged() throws Exception {
        byte[] body = Fixtures.bytes("text.json");

        mvc.perform(signed(body)).andExpect(status().isOk());

        assertThat(count(jdbc, "webhook_inbox WHERE state = 'PENDING' AND body_size = ?", body.length))
                .isEqualTo(1);
    }

    @Test
    void theTestVectorOfTheReferenceIsAccepted() throws Exception {
        byte[] body = Fixtures.bytes("reaction.json");

        mvc.perform(post(URL)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(
                                "x-hub-signature-256",
                                "sha256=02f411dab9f255af4a3f6d5786b851dd6a51f355f48ad7bb28a2cafddb508c97")
                        .content(body))
                .andExpect(status().isOk());
    }

    @Test
    void aSecretBeingRotatedOutStillVerifies() throws Exception {
        byte[] body = Fixtures.bytes("text.json");

        mvc.perform(post(URL)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Hub-Signature-256", SignatureVerifier.sign("previous_test_secret", body))
                        .content(body))
                .andExpect(status().isOk());
    }

    @Test
    void oneWrongByteIsRefusedCountedAndNothingIsStored() throws Exception {
        byte[] body = Fixtures.bytes("text.json");
        String signature = SignatureVerifier.sign(Fixtures.APP_SECRET, body);
        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[tampered.length / 2] ^= 1;
        double rejectedBefore = rejected();

        mvc.perform(post(URL)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Hub-Signature-256", signature)
                        .content(tampered))
                .andExpect(status().isUnauthorized());

        assertThat(count(jdbc, "webhook_inbox")).isZero();
        assertThat(rejected()).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void aMissingSignatureIsRefused() throws Exception {
        mvc.perform(post(URL).contentType(MediaType.APPLICATION_JSON).content(Fixtures.bytes("text.json")))
                .andExpect(status().isUnauthorized());

        assertThat(count(jdbc, "webhook_inbox")).isZero();
    }

    @Test
    void aSignatureUnderAnotherSecretIsRefused() throws Exception {
        byte[] body = Fixtures.bytes("text.json");

        mvc.perform(post(URL)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Hub-Signature-256", SignatureVerifier.sign("test-verify-token", body))
                        .content(body))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aBodyOverTheCapIsRefusedBeforeItsSignatureIsChecked() throws Exception {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';

        mvc.perform(signed(body)).andExpect(status().isContentTooLarge());

        assertThat(count(jdbc, "webhook_inbox")).isZero();
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIsRefused() throws Exception {
        byte[] body = Fixtures.bytes("text.json");

        mvc.perform(signed(body).contentType(MediaType.APPLICATION_FORM_URLENCODED))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(signed(body).contentType(MediaType.TEXT_PLAIN)).andExpect(status().isUnsupportedMediaType());

        assertThat(count(jdbc, "webhook_inbox")).isZero();
    }

    @Test
    void jsonWithACharsetIsAccepted() throws Exception {
        mvc.perform(signed(Fixtures.bytes("text.json")).contentType("application/json; charset=UTF-8"))
                .andExpect(status().isOk());
    }

    @Test
    void refusedRequestsLoseNothingAlreadyStored() throws Exception {
        mvc.perform(signed(Fixtures.bytes("text.json"))).andExpect(status().isOk());
        mvc.perform(signed(Fixtures.bytes("image_with_caption.json"))).andExpect(status().isOk());

        mvc.perform(post(URL).contentType(MediaType.APPLICATION_JSON).content(Fixtures.bytes("location.json")))
                .andExpect(status().isUnauthorized());
        mvc.perform(signed(new byte[2 * 1024 * 1024])).andExpect(status().isContentTooLarge());
        mvc.perform(signed(utf8("{}")).contentType(MediaType.TEXT_XML)).andExpect(status().isUnsupportedMediaType());
        mvc.perform(signed(utf8("{\"entry\": ["))).andExpect(status().isOk());

        assertThat(count(jdbc, "webhook_inbox")).isEqualTo(3);
    }

    @Test
    void theWebhookNeedsNoSessionNorCsrfToken() throws Exception {
        mvc.perform(signed(Fixtures.bytes("text.json")))
                .andExpect(status().isOk())
                .andExpect(
                        result -> assertThat(result.getResponse().getCookies()).isEmpty());
    }

    private double rejected() {
        return meters.counter("wadesk.webhook.signature.rejected").count();
    }
}
