package io.wadesk.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.Direction;
import io.wadesk.conversation.MessageView;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.webhook.internal.InboxWorker;
import io.wadesk.whatsapp.CloudApiException;
import io.wadesk.whatsapp.CloudApiProperties;
import io.wadesk.whatsapp.internal.CloudApiClient;
import io.wadesk.whatsapp.internal.CloudApiErrorClass;
import io.wadesk.whatsapp.internal.Recipient;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator on a listening server, since its deliveries reach the webhook over HTTP as Meta's would, and the
 * Cloud API client reaches the fake Graph API the same way.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wadesk.simulator.enabled=true", "wadesk.simulator.status-delay=50ms"})
@AutoConfigureMockMvc
@Import({IntegrationTest.ClockConfiguration.class, TestUsers.class})
class SimulatorTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    Simulator simulator;

    @Autowired
    Autopilot autopilot;

    @Autowired
    InboxWorker worker;

    @Autowired
    ConversationHistory history;

    @Autowired
    TestUsers users;

    @Autowired
    JsonMapper json;

    @AfterEach
    void stopWorkerAndFailures() {
        worker.stop();
        simulator.failNext(0, GraphFailure.WINDOW_CLOSED);
    }

    @Test
    void aCustomerMessageReachesTheWebhookSignedAndIsStored() {
        worker.start();
        String phone = "3361" + (System.nanoTime() % 10_000_000);
        simulator.addCustomer("Chloé Martin", phone);

        String wamid = simulator.sendText(phone, "Bonjour, où en est ma commande ?");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> history.message(simulator.phoneNumberId(), wamid).isPresent());
        MessageView stored = history.message(simulator.phoneNumberId(), wamid).orElseThrow();
        assertThat(stored.direction()).isEqualTo(Direction.INBOUND);
        UUID contact = history.contactByPhone(phone).orElseThrow();
        assertThat(history.contact(contact).orElseThrow().profileName()).isEqualTo("Chloé Martin");
        assertThat(history.conversationsOf(contact)).hasSize(1);
    }

    @Test
    void theFakeGraphApiAnswersAWamidRecordsTheMessageAndPlaysItsStatusesBack() {
        String phone = "3362" + (System.nanoTime() % 10_000_000);

        String wamid = client().sendButtons(
                        simulator.phoneNumberId(),
                        Recipient.phone(phone),
                        "May we keep your messages?",
                        List.of(
                                new CloudApiClient.Button("consent-yes", "Yes"),
                                new CloudApiClient.Button("consent-no", "No")));

        assertThat(wamid).startsWith("wamid.SIM");
        SimulatedMessage received = simulator.thread(phone).get(0);
        assertThat(received.text()).isEqualTo("May we keep your messages?");
        assertThat(received.buttons())
                .extracting(SimulatedMessage.Button::id)
                .containsExactly("consent-yes", "consent-no");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.thread(phone).get(0).status().equals("read"));
    }

    @Test
    void markReadIsASuccess() {
        client().markRead(simulator.phoneNumberId(), "wamid.ANY");
    }

    @Test
    void theNextSendsFailWithTheChosenError() {
        simulator.failNext(2, GraphFailure.WINDOW_CLOSED);
        CloudApiClient client = client();
        Recipient to = Recipient.phone("33699999999");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.sendText(simulator.phoneNumberId(), to, "Hello", null))
                    .isInstanceOfSatisfying(CloudApiException.class, ex -> {
                        assertThat(ex.code()).isEqualTo(131047);
                        assertThat(ex.errorClass()).isEqualTo(CloudApiErrorClass.WINDOW_CLOSED);
                    });
        }
        assertThat(client.sendText(simulator.phoneNumberId(), to, "Hello", null))
                .startsWith("wamid.SIM");

        simulator.failNext(1, GraphFailure.RATE_LIMITED);
        assertThatThrownBy(() -> client.sendText(simulator.phoneNumberId(), to, "Hello", null))
                .isInstanceOfSatisfying(
                        CloudApiException.class,
                        ex -> assertThat(ex.errorClass()).isEqualTo(CloudApiErrorClass.RETRY_LATER));
        simulator.failNext(1, GraphFailure.SERVER_ERROR);
        assertThatThrownBy(() -> client.sendText(simulator.phoneNumberId(), to, "Hello", null))
                .isInstanceOfSatisfying(
                        CloudApiException.class,
                        ex -> assertThat(ex.httpStatus()).isEqualTo(500));
    }

    @Test
    void theFakeGraphApiWantsTheConfiguredToken() throws Exception {
        mvc.perform(post("/simulator/graph/v25.0/{id}/messages", simulator.phoneNumberId())
                        .header("Authorization", "Bearer wrong")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"messaging_product\":\"whatsapp\",\"to\":\"33600000000\",\"type\":\"text\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error.code").value(190));
        mvc.perform(
                        post("/simulator/graph/v25.0/{id}/messages", simulator.phoneNumberId())
                                .header("Authorization", "Bearer " + SimulatorEnvironmentPostProcessor.ACCESS_TOKEN)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"messaging_product\":\"whatsapp\",\"to\":\"+33600000000\",\"type\":\"text\",\"text\":{\"body\":\"Hi\"}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.messages[0].id").value(org.hamcrest.Matchers.startsWith("wamid.SIM")));
    }

    @Test
    void thePageRendersForASignedInUser() throws Exception {
        Cookie session = SignIn.as(mvc, users.create(Role.AGENT).username(), TestUsers.PASSWORD);
        simulator.addCustomer("Dana", "15550007777");

        mvc.perform(get("/simulator").param("customer", "15550007777").cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("action=\"/simulator/messages\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("hx-trigger=\"every 2s\"")));
        mvc.perform(get("/simulator")
                        .param("customer", "15550007777")
                        .header("HX-Request", "true")
                        .cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<html"))));
        mvc.perform(post("/simulator/customers")
                        .param("name", "Luis")
                        .param("phone", "+1 555 000 8888")
                        .with(csrf())
                        .cookie(session))
                .andExpect(redirectedUrl("/simulator?customer=15550008888"));
    }

    @Test
    void theAutopilotPlaysItsCustomersToTheEndOfTheirScripts() {
        autopilot.start(2, Duration.ofMillis(200));

        await().atMost(Duration.ofSeconds(20)).until(() -> !autopilot.state().running());
        List<SimulatedCustomer> cast = simulator.customers().subList(0, 2);
        for (SimulatedCustomer customer : cast) {
            assertThat(simulator.thread(customer.phone()))
                    .filteredOn(SimulatedMessage::fromCustomer)
                    .hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void anUploadedFileIsServedBackByItsMediaIdWithTheBearerOnly() {
        CloudApiClient client = client();
        byte[] bytes = "%PDF-1.4 facture".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        String mediaId = client.uploadMedia(simulator.phoneNumberId(), bytes, "application/pdf", "facture.pdf");
        CloudApiClient.MediaInfo info = client.mediaInfo(mediaId, simulator.phoneNumberId());

        assertThat(info.mimeType()).isEqualTo("application/pdf");
        assertThat(info.fileSize()).isEqualTo(bytes.length);
        assertThat(info.sha256()).isEqualTo(SimulatedMedia.sha256(bytes));
        assertThat(client.download(info.url(), 1000)).isEqualTo(bytes);
        String wamid = client.sendMedia(
                simulator.phoneNumberId(), Recipient.phone("33677777777"), "document", mediaId, null, "facture.pdf");
        assertThat(simulator.thread("33677777777"))
                .filteredOn(m -> m.wamid().equals(wamid))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.mediaId()).isEqualTo(mediaId);
                    assertThat(m.text()).contains("facture.pdf");
                });
    }

    @Test
    void theMediaDownloadWantsTheToken() throws Exception {
        String mediaId = simulator.storeMedia(new byte[] {1, 2, 3}, "image/png");
        mvc.perform(get("/simulator/graph/v25.0/{id}", mediaId)).andExpect(status().isUnauthorized());
        mvc.perform(get("/simulator/graph/media-files/{id}", mediaId)).andExpect(status().isUnauthorized());
    }

    @Test
    void aCustomerSendsAPhotoFromThePageAndOnlyAPhoto() throws Exception {
        Cookie session = SignIn.as(mvc, users.create(Role.AGENT).username(), TestUsers.PASSWORD);
        String phone = "15550009999";
        simulator.addCustomer("Eve", phone);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};

        mvc.perform(multipart("/simulator/images")
                        .file(new MockMultipartFile("image", "a.txt", "image/png", "not an image".getBytes()))
                        .param("customer", phone)
                        .with(csrf())
                        .cookie(session))
                .andExpect(redirectedUrl("/simulator?customer=" + phone))
                .andExpect(flash().attribute("error", "simulator.error.image"));
        mvc.perform(multipart("/simulator/images")
                        .file(new MockMultipartFile("image", "colis.png", "image/png", png))
                        .param("customer", phone)
                        .param("caption", "Le colis")
                        .with(csrf())
                        .cookie(session))
                .andExpect(redirectedUrl("/simulator?customer=" + phone));

        SimulatedMessage sent =
                simulator.thread(phone).get(simulator.thread(phone).size() - 1);
        assertThat(sent.type()).isEqualTo("image");
        assertThat(sent.text()).isEqualTo("Le colis");
        assertThat(simulator.media(sent.mediaId()).orElseThrow().mimeType()).isEqualTo("image/png");
        mvc.perform(get("/simulator").param("customer", phone).cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("enctype=\"multipart/form-data\"")));
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
        mvc.perform(get("/simulator")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    }

    private CloudApiClient client() {
        Map<String, String> settings = Map.of(
                "wadesk.whatsapp.graph-url",
                "http://localhost:" + port + "/simulator/graph",
                "wadesk.whatsapp.access-token",
                SimulatorEnvironmentPostProcessor.ACCESS_TOKEN);
        CloudApiProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("wadesk.whatsapp", CloudApiProperties.class);
        return new CloudApiClient(properties, json);
    }
}
