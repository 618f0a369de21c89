package io.wadesk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.simulator.internal.GraphFaults;
import io.wadesk.support.BenchmarkOptions;
import org.junit.jupiter.api.Test;

/**
 * The outbound fault scenario at a small size, with more faults than the full run and short backoffs, so that it
 * fits in the build: the whole application in a context of its own, on a listening port.
 */
class OutboundFaultsTests {

    @Test
    void everyReplyGoesThroughRefusalsWithinTheRateAndTwiceOnlyWhenItsAnswerWasLost() throws Exception {
        OutboundFaults.Options options = OutboundFaults.Options.parse(BenchmarkOptions.parse(new String[] {
            "--replies=240",
            "--contacts=120",
            "--rate-limit=50",
            "--too-many-requests=0.2",
            "--server-error=0.08",
            "--unavailable=0.03",
            "--answer-lost=0.02",
            "--seed=7",
            // Above the stalls of a loaded build machine: a real timeout after acceptance is a duplicate that the
            // scenario cannot tell from a bug (2 s gave 5 such duplicates at a load average of 25).
            "--read-timeout=5s",
            "--initial-backoff=100ms",
            "--max-backoff=1s",
            "--deadline=2m",
            // Lanes look for due retries sooner than every 500 ms: a shorter run, the same paths.
            "--app.wadesk.whatsapp.sender.poll-interval=100ms"
        }));
        StringBuilder report = new StringBuilder();

        OutboundFaults.Result result = new OutboundFaults(options).run(line -> {
            System.out.println(line);
            report.append(line).append('\n');
        });

        assertThat(result.problems()).as(report.toString()).isEmpty();
        assertThat(result.sent()).isEqualTo(result.queued());
        assertThat(result.replies()).isEqualTo(240);
        assertThat(result.answered(GraphFaults.Answer.TOO_MANY_REQUESTS)).isPositive();
        assertThat(result.answered(GraphFaults.Answer.SERVER_ERROR)).isPositive();
        assertThat(result.answered(GraphFaults.Answer.UNAVAILABLE)).isPositive();
        assertThat(result.answered(GraphFaults.Answer.ANSWER_LOST)).isPositive();
        assertThat(result.duplicates()).isLessThanOrEqualTo(result.answered(GraphFaults.Answer.ANSWER_LOST));
        assertThat(result.backoffsChecked()).isPositive();
        assertThat(result.maxInAnySecond()).isLessThanOrEqualTo(50);
    }
}
