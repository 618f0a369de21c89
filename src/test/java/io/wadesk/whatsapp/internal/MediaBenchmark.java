package io.wadesk.whatsapp.internal;

import io.wadesk.WadeskApplication;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.Sender;
import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.support.BenchmarkOptions;
import io.wadesk.whatsapp.CloudApiProperties;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many customers' files the media fetcher stores per second: starts the application (no scheduled jobs, no workers) on the test database, publishes N files on a fake Meta on loopback ({@link FakeMediaServer}), stores N media
 * messages, and times one {@link MediaFetcher#runOnce()} for each concurrency asked for. Prints files/s, MB/s and the
 * heap's peak during the run. Not a test: it reports numbers and never fails on them. See {@code docs/parts/media.md}.
 *
 * <p>Options: {@code --files=600 --size=90000} (bytes per file) {@code --kind=image} (or document, audio…)
 * {@code --concurrency=1,4,8 --latency=0} (milliseconds the fake Meta takes for each answer, as a network would);
 * {@code --wake}: instead, the application's own fetcher, woken by each ingest (see {@link #wakeUp});
 * {@code --app.<property>=<value>} sets a property of the application, e.g.
 * {@code --app.wadesk.whatsapp.media.max-bytes-in-flight=50MB}.
 */
public final class MediaBenchmark {

    private final Map<String, String> options;

    private MediaBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new MediaBenchmark(BenchmarkOptions.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int files = BenchmarkOptions.intOption(options, "files", 600);
        int size = BenchmarkOptions.intOption(options, "size", 90_000);
        String kind = options.getOrDefault("kind", "image");
        Duration latency = Duration.ofMillis(BenchmarkOptions.intOption(options, "latency", 0));
        List<Integer> concurrencies = Arrays.stream(
                        options.getOrDefault("concurrency", "1,4,8").split(","))
                .map(String::strip)
                .map(Integer::parseInt)
                .toList();
        if (options.containsKey("wake")) {
            wakeUp(files, size, kind, latency);
            return;
        }
        ConfigurableApplicationContext app = startApplication(false, List.of());
        try (FakeMediaServer meta = new FakeMediaServer()) {
            meta.latency(latency);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            System.out.printf(
                    "Media benchmark: %d %s files of %,d bytes per round, fake Meta on loopback answering in %d ms,"
                            + " heap max %d MB, %d cores%n",
                    files,
                    kind,
                    size,
                    latency.toMillis(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            for (int concurrency : concurrencies) {
                meta.forget();
                customersSend(app, meta, files, size, kind);
                Map<String, String> settings = new HashMap<>();
                options.forEach((name, value) -> {
                    if (name.startsWith("app.wadesk.whatsapp.")) {
                        settings.put(name.substring("app.".length()), value);
                    }
                });
                settings.put("wadesk.whatsapp.media.concurrency", Integer.toString(concurrency));
                settings.putIfAbsent("wadesk.whatsapp.read-timeout", "20s");
                CloudApiProperties properties = TestProperties.against(meta.url(), settings);
                try (MediaFetcher fetcher = new MediaFetcher(
                        app.getBean(WhatsAppOutbox.class),
                        new CloudApiClient(
                                properties,
                                tools.jackson.databind.json.JsonMapper.builder().build()),
                        properties,
                        app.getBean(Clock.class))) {
                    System.gc();
                    long before = heapUsed();
                    resetHeapPeaks();
                    long started = System.nanoTime();
                    int stored = fetcher.runOnce();
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf(
                            "concurrency %d (budget %s): stored %d of %d in %.2f s = %.1f files/s, %.1f MB/s;"
                                    + " heap %d MB before, peak %d MB (the fake Meta's copies of the files: %d MB);"
                                    + " still PENDING %d%n",
                            concurrency,
                            properties.media().maxBytesInFlight(),
                            stored,
                            files,
                            seconds,
                            stored / seconds,
                            stored * (double) size / (1 << 20) / seconds,
                            before >> 20,
                            heapPeak() >> 20,
                            meta.publishedBytes() >> 20,
                            pending(jdbc));
                }
            }
        } finally {
            app.close();
        }
    }

    /**
     * The fetcher as the application runs it (scheduling on, its own settings) but with a poll of one hour: every
     * file stored is fetched because the ingest woke the fetcher. Customers send one file each, one after the other,
     * then a burst of {@code files} in deliveries of 50; prints how long each single file took from its commit to
     * STORED, and how long the burst took to drain.
     */
    private void wakeUp(int files, int size, String kind, Duration latency) throws Exception {
        try (FakeMediaServer meta = new FakeMediaServer()) {
            meta.latency(latency);
            ConfigurableApplicationContext app = startApplication(
                    true,
                    List.of(
                            "--wadesk.whatsapp.graph-url=" + meta.url(),
                            "--wadesk.whatsapp.access-token=benchmark-token",
                            "--wadesk.whatsapp.media.poll-interval=1h"));
            try {
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                List<Long> millis = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    long started = System.nanoTime();
                    customersSend(app, meta, 1, size, kind);
                    awaitNonePending(jdbc, Duration.ofSeconds(30));
                    millis.add((System.nanoTime() - started) / 1_000_000);
                }
                millis.sort(null);
                System.out.printf(
                        "woken by the ingest (poll every hour): 50 single %s files of %,d bytes, from the ingest call"
                                + " to STORED: median %d ms, p95 %d ms, max %d ms; still PENDING %d%n",
                        kind, size, millis.get(24), millis.get(47), millis.get(49), pending(jdbc));
                long started = System.nanoTime();
                customersSend(app, meta, files, size, kind);
                double sent = (System.nanoTime() - started) / 1e9;
                awaitNonePending(jdbc, Duration.ofMinutes(5));
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(
                        "burst of %d files stored in deliveries of 50 in %.2f s: all STORED %.2f s after the first"
                                + " delivery (%.1f files/s); still PENDING %d%n",
                        files, sent, seconds, files / seconds, pending(jdbc));
            } finally {
                app.close();
            }
        }
    }

    private static void awaitNonePending(JdbcClient jdbc, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (pending(jdbc) > 0 && System.nanoTime() < deadline) {
            // A benchmark measures wall time: it polls the real database until the fetcher is done.
            Thread.sleep(5);
        }
    }

    /** Files arrive 50 to a delivery, from customers of their own, as in a campaign's replies. */
    private static void customersSend(
            ConfigurableApplicationContext app, FakeMediaServer meta, int files, int size, String kind) {
        ConversationIngest ingest = app.getBean(ConversationIngest.class);
        Clock clock = app.getBean(Clock.class);
        String mime = kind.equals("document") ? "application/pdf" : "image/jpeg";
        List<InboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            String mediaId = "bench-" + System.nanoTime() + "-" + i;
            byte[] bytes = new byte[size];
            ThreadLocalRandom.current().nextBytes(bytes);
            meta.publish(mediaId, bytes, mime);
            String phone =
                    "1555" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
            batch.add(new InboundMessage(
                    "15550001111",
                    "wamid.mediabench." + mediaId,
                    new Sender(phone, null, "Client", null),
                    clock.instant(),
                    kind,
                    new MessageContent.Media(mediaId, mime, MediaFetcher.sha256(bytes), null, null, null, null, null),
                    null,
                    null));
            if (batch.size() == 50 || i == files - 1) {
                ingest.ingest(batch, List.of());
                batch.clear();
            }
        }
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of each heap pool's peak since the reset: at least the heap's peak, at most a little above. */
    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static int pending(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM media_files WHERE state = 'PENDING'")
                .query(Integer.class)
                .single();
    }

    private ConfigurableApplicationContext startApplication(boolean scheduling, List<String> extra) {
        // Command-line arguments outrank the test configuration on the classpath (which stops the workers).
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--wadesk.whatsapp.sender.enabled=false",
                "--wadesk.webhook.worker.enabled=false",
                "--logging.level.root=WARN"));
        // Each property once: given twice on the command line, it would read "false,true".
        args.add("--wadesk.scheduling.enabled=" + scheduling);
        args.addAll(extra);
        options.forEach((name, value) -> {
            if (name.startsWith("app.")) {
                args.add("--" + name.substring("app.".length()) + "=" + value);
            }
        });
        return new SpringApplicationBuilder(WadeskApplication.class).run(args.toArray(String[]::new));
    }
}
