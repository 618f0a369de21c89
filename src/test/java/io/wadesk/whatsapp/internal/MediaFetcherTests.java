package io.wadesk.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MediaFiles;
import io.wadesk.conversation.MediaFilesQueued;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.Sender;
import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccounts;
import io.wadesk.whatsapp.CloudApiProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
@RecordApplicationEvents
class MediaFetcherTests {

    /** How long a test waits for a latch before it fails: never reached when the fetcher works. */
    private static final long WAIT_SECONDS = 20;

    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final byte[] PHOTO = "a photo of a broken parcel".getBytes(StandardCharsets.UTF_8);

    @Autowired
    ConversationScenario scenario;

    @Autowired
    MediaFiles files;

    @Autowired
    WhatsAppOutbox outbox;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationIngest ingest;

    @Autowired
    ApplicationEvents events;

    private final List<AutoCloseable> closing = new ArrayList<>();

    private StubGraphApi graph;
    private MediaFetcher fetcher;
    private ConversationScenario.Desk desk;
    private long owner;

    @BeforeEach
    void setUp() throws IOException {
        graph = new StubGraphApi();
        CloudApiProperties properties = TestProperties.against(graph.url(), Map.of());
        fetcher = new MediaFetcher(
                outbox,
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
    void tearDown() throws Exception {
        graph.close();
        fetcher.close();
        for (AutoCloseable resource : closing) {
            resource.close();
        }
    }

    @Test
    void aBurstIsAllStoredByOneRunNotOneBatchPerPoll() throws Exception {
        FakeMediaServer meta = fakeMeta();
        List<UUID> messages = customerSendsFiles(meta, 60);
        MediaFetcher burst = fetcherAgainst(meta, Map.of("wadesk.whatsapp.media.concurrency", "4"));

        assertThat(burst.runOnce()).isEqualTo(60);

        assertThat(states(messages)).containsOnlyKeys("STORED").containsEntry("STORED", 60L);
        assertThat(meta.mostAtOnce()).isBetween(1, 4);
        assertThat(burst.bytesFree()).as("all the room given back").isEqualTo(100L << 20);
    }

    @Test
    void downloadsOverlapUpToTheConcurrencyAndNoMore() throws Exception {
        FakeMediaServer meta = fakeMeta();
        List<UUID> messages = customerSendsFiles(meta, 12);
        MediaFetcher parallel = fetcherAgainst(meta, Map.of("wadesk.whatsapp.media.concurrency", "3"));
        // The first three downloads only answer once all three are in progress: a fetcher that did not overlap them
        // would see each wait out the server's safety limit, and the most at once would be 1.
        meta.meetAtOnce(3);

        assertThat(parallel.runOnce()).isEqualTo(12);

        assertThat(meta.mostDownloadsAtOnce()).isEqualTo(3);
        assertThat(meta.mostAtOnce()).as("lookups and downloads together").isEqualTo(3);
        assertThat(states(messages)).containsEntry("STORED", 12L);
    }

    @Test
    void theBytesInFlightStayWithinTheBudgetWhateverTheConcurrency() throws Exception {
        FakeMediaServer meta = fakeMeta();
        // Three photos of 600 KB each against a budget of 1 MB: only one fits at a time.
        List<UUID> messages = customerSendsFiles(meta, 3, 600 << 10);
        MediaFetcher tight = fetcherAgainst(
                meta,
                Map.of(
                        "wadesk.whatsapp.media.concurrency", "3",
                        "wadesk.whatsapp.media.max-bytes-in-flight", "1MB"));
        // The first download is held until all three URLs were looked up: the other two threads are then waiting for
        // room, and would download meanwhile if the budget did not hold them.
        meta.holdDownloadsUntilLookups(3);

        assertThat(tight.runOnce()).isEqualTo(3);

        assertThat(meta.mostDownloadsAtOnce()).isEqualTo(1);
        assertThat(states(messages)).containsEntry("STORED", 3L);
        assertThat(tight.bytesFree()).isEqualTo(1L << 20);
    }

    @Test
    void aFailedDownloadDoesNotStopTheOthers() throws Exception {
        FakeMediaServer meta = fakeMeta();
        List<UUID> messages = customerSendsFiles(meta, 6);
        String broken = mediaIdOf(messages.get(2));
        meta.failDownload(broken, 503);
        String refused = mediaIdOf(messages.get(4));
        meta.failDownload(refused, 403);
        MediaFetcher parallel = fetcherAgainst(meta, Map.of("wadesk.whatsapp.media.concurrency", "3"));

        assertThat(parallel.runOnce()).isEqualTo(4);

        assertThat(state(messages.get(2))).as("tried again after its backoff").isEqualTo("PENDING");
        assertThat(state(messages.get(4))).isEqualTo("FAILED");
        assertThat(states(messages)).containsEntry("STORED", 4L);
    }

    @Test
    void anExpiredDownloadUrlIsRetriedWithAFreshOne() throws Exception {
        FakeMediaServer meta = fakeMeta();
        UUID message = customerSendsFiles(meta, 1).get(0);
        String mediaId = mediaIdOf(message);
        meta.failDownload(mediaId, 404);
        MediaFetcher retrying = fetcherAgainst(meta, Map.of());

        assertThat(retrying.runOnce()).isZero();
        assertThat(state(message)).isEqualTo("PENDING");

        meta.failDownload(mediaId, 0);
        clock.advance(MediaFetcher.backoff(1).plus(MARGIN));
        assertThat(retrying.runOnce()).isEqualTo(1);
        assertThat(meta.infoRequests(mediaId)).as("a URL asked for again").isEqualTo(2);
        assertThat(state(message)).isEqualTo("STORED");
    }

    @Test
    void aFileClaimedByOneFetcherIsNotFetchedByAnother() throws Exception {
        FakeMediaServer meta = fakeMeta();
        UUID message = customerSendsFiles(meta, 1).get(0);
        String mediaId = mediaIdOf(message);
        MediaFetcher first = fetcherAgainst(meta, Map.of());
        MediaFetcher second = fetcherAgainst(meta, Map.of());
        CountDownLatch downloading = meta.hold(1, mediaId);

        CompletableFuture<Integer> firstRun = CompletableFuture.supplyAsync(first::runOnce);
        assertThat(downloading.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(second.runOnce()).as("claimed by the first, downloading").isZero();
        meta.release();

        assertThat(firstRun.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.runOnce()).isZero();
        assertThat(meta.infoRequests(mediaId)).isEqualTo(1);
        assertThat(meta.downloads()).isEqualTo(1);
        assertThat(state(message)).isEqualTo("STORED");
    }

    @Test
    void aStoredMediaMessageAnnouncesItsFileAndANudgeFetchesItWithoutThePoll() throws Exception {
        FakeMediaServer meta = fakeMeta();
        UUID message = customerSendsFiles(meta, 1).get(0);
        assertThat(events.stream(MediaFilesQueued.class))
                .as("what wakes the fetcher of this instance after the commit")
                .anySatisfy(event -> assertThat(event.messageIds()).containsExactly(message));
        MediaFetcher woken = fetcherAgainst(meta, Map.of());

        assertThat(woken.nudge().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);

        assertThat(state(message)).isEqualTo("STORED");
    }

    @Test
    void aTextMessageAnnouncesNoFile() {
        scenario.customerWrites(desk, ConversationScenario.newPhone());

        assertThat(events.stream(MediaFilesQueued.class)).isEmpty();
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

    private FakeMediaServer fakeMeta() throws IOException {
        FakeMediaServer meta = new FakeMediaServer();
        closing.add(meta);
        return meta;
    }

    private MediaFetcher fetcherAgainst(FakeMediaServer meta, Map<String, String> settings) {
        CloudApiProperties properties = TestProperties.against(meta.url(), settings);
        MediaFetcher fetcher = new MediaFetcher(
                outbox,
                new CloudApiClient(
                        properties,
                        tools.jackson.databind.json.JsonMapper.builder().build()),
                properties,
                clock);
        closing.add(fetcher);
        return fetcher;
    }

    private List<UUID> customerSendsFiles(FakeMediaServer meta, int count) {
        return customerSendsFiles(meta, count, 2_000);
    }

    /** One customer sends {@code count} photos in one delivery; each is published on the fake Meta. */
    private List<UUID> customerSendsFiles(FakeMediaServer meta, int count, int size) {
        String phone = ConversationScenario.newPhone();
        List<InboundMessage> inbound = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String mediaId = "media-" + UUID.randomUUID();
            byte[] bytes = new byte[size];
            Arrays.fill(bytes, (byte) i);
            bytes[0] = (byte) (mediaId.hashCode());
            meta.publish(mediaId, bytes, "image/jpeg");
            String wamid = "wamid." + UUID.randomUUID();
            inbound.add(new InboundMessage(
                    desk.phoneNumberId(),
                    wamid,
                    new Sender(phone, null, "Client", null),
                    clock.instant(),
                    "image",
                    new MessageContent.Media(
                            mediaId, "image/jpeg", MediaFetcher.sha256(bytes), null, null, null, null, null),
                    null,
                    null));
        }
        ingest.ingest(inbound, List.of());
        return inbound.stream()
                .map(m -> jdbc.sql("SELECT id FROM messages WHERE wamid = ?")
                        .param(m.wamid())
                        .query(UUID.class)
                        .single())
                .toList();
    }

    private String mediaIdOf(UUID message) {
        return jdbc.sql("SELECT media_id FROM media_files WHERE message_id = ?")
                .param(message)
                .query(String.class)
                .single();
    }

    private Map<String, Long> states(List<UUID> messages) {
        Map<String, Long> states = new HashMap<>();
        for (UUID message : messages) {
            states.merge(state(message), 1L, Long::sum);
        }
        return states;
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
