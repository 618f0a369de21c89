package io.wadesk.reliability;

import io.wadesk.reliability.WebhookTransport.Post;
import io.wadesk.webhook.internal.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scenario 4 of issue 10, fuzzing the webhook: {@link FuzzCorpus} cases posted by a few clients. Every answer must be
 * the one the case expects (415 for a body not declared JSON, 413 past the size limit, 401 for a missing or wrong
 * signature, 200 for anything signed), never a 5xx or a broken connection; every signed JSON object must be applied
 * at its first attempt, every other signed body must become a dead letter at its first attempt (no retries of what
 * no retry can fix); the webhook must still take a real message afterwards; and, where measured, the heap must come
 * back to its level after a full GC.
 *
 * <p>One implementation, two sizes: {@link WebhookFuzzRunner} (real HTTP, 100,000 cases) and {@code
 * WebhookFuzzTests} (MockMvc on the shared test context).
 */
final class WebhookFuzz {

    /** What the heap may keep after the run (caches filled, code compiled): a leak per delivery would exceed it. */
    static final double HEAP_TOLERANCE_MIB = 16;

    record Settings(int cases, int concurrency, long seed) {}

    private final Settings settings;
    private final FuzzCorpus corpus;
    private final String secret;

    WebhookFuzz(Settings settings, String secret, int maxBody) {
        this.settings = settings;
        this.secret = secret;
        this.corpus = new FuzzCorpus(settings.seed(), secret, maxBody);
    }

    /** @param heapMiB used heap after a full GC; null when not measured (a test shares its JVM with other tests) */
    Report run(WebhookTransport transport, AppUnderTest app, Duration applyTimeout, DoubleSupplier heapMiB) {
        double heapBefore = heapMiB == null ? Double.NaN : heapMiB.getAsDouble();
        long started = System.nanoTime();
        Instant since = app.clock().instant();
        Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
        Map<String, LongAdder> mismatches = new ConcurrentHashMap<>();
        List<String> examples = Collections.synchronizedList(new ArrayList<>());
        LongAdder stored = new LongAdder();
        LongAdder deadExpected = new LongAdder();
        Clients clients = new Clients();
        clients.run(transport, settings.concurrency(), settings.cases(), i -> {
            FuzzCorpus.Case fuzz = corpus.generate(i);
            return new Clients.Job() {
                @Override
                public List<Post> posts() {
                    return List.of(fuzz.post());
                }

                @Override
                public void answered(int[] statuses) {
                    byKind.computeIfAbsent(fuzz.kind(), k -> new LongAdder()).increment();
                    if (statuses[0] == 200) {
                        stored.increment();
                        if (fuzz.expectDeadLetter()) {
                            deadExpected.increment();
                        }
                    }
                    if (statuses[0] != fuzz.expectedStatus()) {
                        mismatches
                                .computeIfAbsent(
                                        fuzz.kind() + " " + fuzz.expectedStatus() + "->" + statuses[0],
                                        k -> new LongAdder())
                                .increment();
                        if (examples.size() < 5) {
                            examples.add("case " + i + " (" + fuzz.kind() + ", "
                                    + fuzz.post().body().length
                                    + " bytes, " + fuzz.post().contentType() + "): expected " + fuzz.expectedStatus()
                                    + ", got " + statuses[0]);
                        }
                    }
                }
            };
        });
        double postSeconds = (System.nanoTime() - started) / 1e9;

        // Still standing: a real message after the garbage is acknowledged and stored.
        String wamid = "wamid.fuzz.alive." + settings.seed() + "." + Long.toString(System.nanoTime(), 36);
        int aliveStatus;
        try (WebhookTransport.Client client = transport.client()) {
            aliveStatus = client.postTogether(List.of(alive(wamid)))[0];
        }
        boolean applied = app.awaitApplied(since, applyTimeout);
        double seconds = (System.nanoTime() - started) / 1e9;
        double heapAfter = heapMiB == null ? Double.NaN : heapMiB.getAsDouble();
        return verify(
                app,
                since,
                clients,
                byKind,
                mismatches,
                examples,
                stored.sum() + (aliveStatus == 200 ? 1 : 0),
                deadExpected.sum(),
                wamid,
                aliveStatus,
                applied,
                postSeconds,
                seconds,
                heapBefore,
                heapAfter);
    }

    private Post alive(String wamid) {
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{"
                        + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\""
                        + corpus.phoneNumberId() + "\"},\"contacts\":[{\"profile\":{\"name\":\"Alive\"},"
                        + "\"wa_id\":\"16660009999\"}],\"messages\":[{\"from\":\"16660009999\",\"id\":\"" + wamid
                        + "\",\"timestamp\":\"1767261600\",\"type\":\"text\",\"text\":{\"body\":\"still there?\"}}]},"
                        + "\"field\":\"messages\"}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        return Post.json(body, SignatureVerifier.sign(secret, body));
    }

    private Report verify(
            AppUnderTest app,
            Instant since,
            Clients clients,
            Map<String, LongAdder> byKind,
            Map<String, LongAdder> mismatches,
            List<String> examples,
            long stored,
            long deadExpected,
            String aliveWamid,
            int aliveStatus,
            boolean applied,
            double postSeconds,
            double seconds,
            double heapBefore,
            double heapAfter) {
        JdbcClient jdbc = app.jdbc();
        String inbox = " webhook_inbox WHERE received_at BETWEEN ? AND ?";
        Object[] window = {AppUnderTest.at(since), AppUnderTest.at(app.clock().instant())};
        // An applied delivery is deleted at once: what was stored and is no longer there was applied.
        long done = stored - count(jdbc, inbox, window);
        long dead = count(jdbc, inbox + " AND state = 'DEAD'", window);
        long pending = count(jdbc, inbox + " AND state = 'PENDING'", window);
        long retried = count(
                jdbc, inbox + " AND ((state = 'DEAD' AND attempts > 1) OR (state <> 'DEAD' AND attempts > 0))", window);
        long aliveStored = count(jdbc, "messages WHERE wamid = ?", aliveWamid);
        long serverErrors = clients.statuses().entrySet().stream()
                .filter(status -> status.getKey() >= 500)
                .mapToLong(Map.Entry::getValue)
                .sum();
        long broken = clients.answeredWith(WebhookTransport.NO_RESPONSE);
        long mismatched = mismatches.values().stream().mapToLong(LongAdder::sum).sum();

        Report report = new Report("webhook fuzz seed=%d", settings.seed());
        Map<String, Long> kinds = new TreeMap<>();
        byKind.forEach((kind, count) -> kinds.put(kind, count.sum()));
        report.line("cases by kind: %s", kinds);
        report.line(
                "posted %d cases (%d clients) in %.1f s = %.0f/s; answers by status %s",
                clients.posts(),
                settings.concurrency(),
                postSeconds,
                clients.posts() / postSeconds,
                clients.statuses());
        Map<String, Long> wrong = new TreeMap<>();
        mismatches.forEach((kind, count) -> wrong.put(kind, count.sum()));
        report.line("unexpected answers: %s", wrong.isEmpty() ? "none" : wrong + " e.g. " + examples);
        report.line(
                "inbox: %d signed deliveries stored: %d applied, %d dead letters (%d expected: the signed bodies that"
                        + " are not a JSON object), %d pending, %d retried; real message afterwards: HTTP %d, stored %d",
                stored, done, dead, deadExpected, pending, retried, aliveStatus, aliveStored);
        if (!Double.isNaN(heapBefore)) {
            report.line(
                    "heap used after full GC: %.1f MiB before, %.1f MiB after (%+.1f MiB, tolerance %.0f)",
                    heapBefore, heapAfter, heapAfter - heapBefore, HEAP_TOLERANCE_MIB);
        }
        report.check(serverErrors == 0, "no 5xx");
        report.check(broken == 0, "no broken connection");
        report.check(clients.answeredWith(Clients.NOT_BUILT) == 0, "every case built and posted");
        report.check(mismatched == 0, "every answer as expected");
        report.check(aliveStatus == 200 && aliveStored == 1, "still takes a real message");
        report.check(applied && pending == 0, "inbox worked off in time");
        report.check(
                dead == deadExpected && done == stored - deadExpected,
                "signed JSON objects applied, the rest dead letters");
        report.check(retried == 0, "nothing retried");
        if (!Double.isNaN(heapBefore)) {
            report.check(heapAfter - heapBefore <= HEAP_TOLERANCE_MIB, "heap back to its level");
        }
        report.summary(
                "%d cases, statuses %s, %d 5xx, %d unexpected, %d dead letters (%d expected), %d retried%s, %.1f s",
                clients.posts(),
                clients.statuses(),
                serverErrors,
                mismatched,
                dead,
                deadExpected,
                retried,
                Double.isNaN(heapBefore)
                        ? ""
                        : String.format(Locale.ROOT, ", heap %.1f -> %.1f MiB", heapBefore, heapAfter),
                seconds);
        return report;
    }

    private static long count(JdbcClient jdbc, String from, Object... params) {
        return jdbc.sql("SELECT count(*) FROM " + from)
                .params(params)
                .query(Long.class)
                .single();
    }
}
