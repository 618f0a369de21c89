package io.wadesk.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.conversation.MediaFiles;
import io.wadesk.conversation.MessageContent;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class MediaFetcherTests {

    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final byte[] PHOTO = "a photo of a broken parcel".getBytes(StandardCharsets.UTF_8);

    @Autowired
    ConversationScenario scenario;

    @Autowired
    MediaFiles files;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    MockMvc mvc;

    private StubGraphApi graph;
    private MediaFetcher fetcher;
    private ConversationScenario.Desk desk;
    private long owner;

    @BeforeEach
    void setUp() throws IOException {
        graph = new StubGraphApi();
        CloudApiProperties properties = TestProperties.against(graph.url(), Map.of());
        fetcher = new MediaFetcher(
                files,
                new CloudApiClient(
                        properties,
                        tools.jackson.databind.json.JsonMapper.builder().build()),
                properties,
                clock);
        desk = scenario.desk(5, null);
        owner = scenario.agent(desk, AgentStatus.AVAILABLE);
        // The fetcher takes every due file of the shared test database: files other test classes left pending would
        // take the stub's answers meant for this test's file. Those classes are done with them.
        jdbc.sql("UPDATE media_files SET state = 'FAILED', last_error = 'left by another test' WHERE state = 'PENDING'")
                .update();
    }

    @AfterEach
    void tearDown() {
        graph.close();
    }

    @Test
    void aPhotoIsFetchedCheckedStoredSealedAndGivenOnlyToWhoMayReadTheConversation() throws Exception {
        UUID message = customerSendsPhoto(MediaFetcher.sha256(PHOTO));
        answerMediaInfoThenFile();

        assertThat(fetcher.runOnce()).isEqualTo(1);

        assertThat(graph.requests().get(0).path()).endsWith("/media-1");
        assertThat(graph.requests().get(1).authorization()).isEqualTo("Bearer test-token");
        assertThat(files.open(message, owner, Role.AGENT)
                        .download()
                        .orElseThrow()
                        .bytes())
                .isEqualTo(PHOTO);
        long colleague = scenario.agent(desk, AgentStatus.AVAILABLE);
        assertThat(files.open(message, colleague, Role.AGENT).denial()).isEqualTo(MediaFiles.Denial.NOT_ALLOWED);
        assertThat(files.open(message, scenario.manager(), Role.MANAGER).download())
                .isPresent();
        assertThat(storedBytesContainPlaintext()).isFalse();

        var ownerSession = SignIn.as(mvc, users.find(owner).orElseThrow().username(), TestUsers.PASSWORD);
        mvc.perform(get("/media/" + message).cookie(ownerSession))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/jpeg"))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andExpect(content().bytes(PHOTO));
        var colleagueSession =
                SignIn.as(mvc, users.find(colleague).orElseThrow().username(), TestUsers.PASSWORD);
        mvc.perform(get("/media/" + message).cookie(colleagueSession)).andExpect(status().isForbidden());
        mvc.perform(get("/media/" + message)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void aFileThatDoesNotMatchItsSha256IsRefused() {
        UUID message = customerSendsPhoto(MediaFetcher.sha256("something else".getBytes(StandardCharsets.UTF_8)));
        answerMediaInfoThenFile();

        assertThat(fetcher.runOnce()).isZero();

        assertThat(state(message)).isEqualTo("FAILED");
        assertThat(files.open(message, owner, Role.AGENT).denial()).isEqualTo(MediaFiles.Denial.NOT_YET_FETCHED);
    }

    @Test
    void aTransientFailureIsRetriedAfterItsBackoffWithAFreshUrl() {
        UUID message = customerSendsPhoto(MediaFetcher.sha256(PHOTO));
        graph.answer(503, "");

        assertThat(fetcher.runOnce()).isZero();
        assertThat(state(message)).isEqualTo("PENDING");
        assertThat(fetcher.runOnce()).as("not due before the backoff").isZero();

        clock.advance(MediaFetcher.backoff(1).plus(MARGIN));
        answerMediaInfoThenFile();
        assertThat(fetcher.runOnce()).isEqualTo(1);
        assertThat(state(message)).isEqualTo("STORED");
    }

    private UUID customerSendsPhoto(String sha256) {
        UUID conversation = scenario.customerSends(
                desk,
                ConversationScenario.newPhone(),
                "image",
                new MessageContent.Media("media-1", "image/jpeg", sha256, "Voilà le colis", null, null, null, null));
        return jdbc.sql("SELECT id FROM messages WHERE conversation_id = ? AND type = 'image'")
                .param(conversation)
                .query(UUID.class)
                .single();
    }

    private void answerMediaInfoThenFile() {
        graph.answer(
                200,
                "{\"messaging_product\":\"whatsapp\",\"url\":\"" + graph.url() + "/download/media-1\","
                        + "\"mime_type\":\"image/jpeg\",\"sha256\":\"" + MediaFetcher.sha256(PHOTO) + "\","
                        + "\"file_size\":\"" + PHOTO.length + "\",\"id\":\"media-1\"}");
        graph.answer(200, new String(PHOTO, StandardCharsets.UTF_8));
    }

    private String state(UUID message) {
        return jdbc.sql("SELECT state FROM media_files WHERE message_id = ?")
                .param(message)
                .query(String.class)
                .single();
    }

    private boolean storedBytesContainPlaintext() {
        return jdbc.sql("SELECT content FROM media_files WHERE content IS NOT NULL").query(byte[].class).list().stream()
                .anyMatch(bytes -> new String(bytes, StandardCharsets.ISO_8859_1).contains("broken parcel"));
    }
}
