package io.wadesk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.webhook.Fixtures;
import io.wadesk.webhook.internal.InboxProcessor;
import io.wadesk.webhook.internal.InboxWorker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The duplicate storm at a small size ({@code scripts/duplicate-storm} runs it at full size over real HTTP): 500
 * messages from 100 senders, 30% redelivered, concurrent posts through MockMvc, two threads applying the inbox. The
 * late redeliveries come ten minutes later on the test clock. On its own day, whose inbox rows it removes after.
 */
@IntegrationTest
class DuplicateStormTests {

    private static final Instant START = Instant.parse("2026-05-11T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    InboxWorker worker;

    @Autowired
    InboxProcessor processor;

    @Test
    void everyMessageOfAStormWithThirtyPercentRedeliveredIsStoredAndActedOnOnce() throws Exception {
        clock.set(START);
        DuplicateStorm storm = new DuplicateStorm(
                new DuplicateStorm.Settings(500, 100, 8, 20_261_122L),
                Fixtures.APP_SECRET,
                Long.toString(System.nanoTime(), 36),
                START);
        Report report;
        try (MockMvcTransport transport = new MockMvcTransport(mvc);
                InboxDrain drain = new InboxDrain(worker, processor)) {
            report = storm.run(transport, new AppUnderTest(jdbc, clock, clock::set), Duration.ofSeconds(60));
        } finally {
            jdbc.sql("DELETE FROM webhook_inbox WHERE received_at BETWEEN ? AND ?")
                    .params(AppUnderTest.at(START), AppUnderTest.at(clock.instant()))
                    .update();
        }
        assertThat(report.failures()).as(report.toString()).isEmpty();
    }
}
