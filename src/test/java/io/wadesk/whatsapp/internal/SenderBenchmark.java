package io.wadesk.whatsapp.internal;

import io.wadesk.WadeskApplication;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.OutboundTestData;
import io.wadesk.conversation.Sender;
import io.wadesk.simulator.internal.SimulatedMessage;
import io.wadesk.simulator.internal.Simulator;
import io.wadesk.support.BenchmarkOptions;
import io.wadesk.support.PeakRate;
import io.wadesk.support.SimulatorOnLoopback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Load on the sender: starts the application on loopback with the simulator's fake Graph API, lets N customers
 * write (each first message also queues the consent request), queues replies to them, then starts the sender and
 * prints the sustained sends per second and the most sends the fake Graph API received within any one second, which
 * the per-number rate limit must keep at or under its setting. Not a test: it reports numbers and never fails on them.
 * See {@code docs/benchmarks.md}.
 *
 * <p>Options: {@code --messages=4000} (replies queued, besides the consent requests) {@code --contacts=1000
 * --rate-limit=80}; {@code --app.<property>=<value>} sets a property of the application it starts.
 */
public final class SenderBenchmark {

    private final Map<String, String> options;

    private SenderBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new SenderBenchmark(BenchmarkOptions.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int messages = intOption("messages", 4_000);
        int contacts = intOption("contacts", 1_000);
        int rateLimit = intOption("rate-limit", 80);
        ConfigurableApplicationContext app = startApplication(rateLimit, contacts);
        try {
            Simulator simulator = app.getBean(Simulator.class);
            String phoneNumberId = simulator.phoneNumberId();
            String run = Long.toString(System.currentTimeMillis(), 36);
            List<String> phones = new ArrayList<>();
            List<UUID> conversations = customersWrite(app, phoneNumberId, run, contacts, phones);
            for (int i = 0; i < messages; i++) {
                OutboundTestData.queue(
                        app,
                        conversations.get(i % contacts),
                        phoneNumberId,
                        new MessageContent.Text("Réponse " + i + " : votre colis arrive demain."));
            }
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            int queued = pending(jdbc, phoneNumberId);
            System.out.printf(
                    "Sender benchmark: %d messages PENDING to %d contacts, rate limit %d/s, fake Graph API on loopback%n",
                    queued, contacts, rateLimit);

            OutboundSenderWorker sender = app.getBean(OutboundSenderWorker.class);
            long started = System.nanoTime();
            sender.start();
            long deadline = started + Duration.ofMinutes(10).toNanos();
            while (pending(jdbc, phoneNumberId) > 0 && System.nanoTime() < deadline) {
                // A benchmark measures wall time: it polls the real database until the sender is done.
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            sender.stop();

            List<Instant> sends = new ArrayList<>();
            for (String phone : phones) {
                simulator.thread(phone).stream()
                        .filter(m -> !m.fromCustomer())
                        .map(SimulatedMessage::at)
                        .forEach(sends::add);
            }
            sends.sort(null);
            int left = pending(jdbc, phoneNumberId);
            System.out.printf(
                    "sent: %d of %d in %.2f s = %.1f/s sustained (first to last send: %.1f/s); still PENDING: %d%n",
                    sends.size(), queued, seconds, sends.size() / seconds, steadyRate(sends), left);
            System.out.printf(
                    "most sends within any one second: %d (limit %d); FAILED: %d%n",
                    PeakRate.inAnySecond(sends), rateLimit, failed(jdbc, phoneNumberId));
        } finally {
            app.close();
        }
    }

    private static List<UUID> customersWrite(
            ConfigurableApplicationContext app, String phoneNumberId, String run, int contacts, List<String> phones) {
        ConversationIngest ingest = app.getBean(ConversationIngest.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        Clock clock = app.getBean(Clock.class);
        List<UUID> conversations = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            String phone = "1555" + String.format("%07d", Math.floorMod(run.hashCode() + i * 7919L, 10_000_000L));
            String wamid = "wamid.senderbench." + run + "." + i;
            ingest.ingest(
                    List.of(new InboundMessage(
                            phoneNumberId,
                            wamid,
                            new Sender(phone, null, "Client " + i, null),
                            clock.instant(),
                            "text",
                            new MessageContent.Text("Bonjour, où en est ma commande ?"),
                            null,
                            null)),
                    List.of());
            conversations.add(jdbc.sql("SELECT conversation_id FROM messages WHERE wamid = ?")
                    .param(wamid)
                    .query(UUID.class)
                    .single());
            phones.add(phone);
        }
        return conversations;
    }

    private ConfigurableApplicationContext startApplication(int rateLimit, int contacts) throws Exception {
        Map<String, String> properties = SimulatorOnLoopback.properties(contacts + 10);
        properties.put("wadesk.whatsapp.rate-limit", Integer.toString(rateLimit));
        String[] args = BenchmarkOptions.applicationArguments(properties, options);
        return new SpringApplicationBuilder(WadeskApplication.class).run(args);
    }

    /** The rate between the first and the last send, without the start-up and the last poll. */
    private static double steadyRate(List<Instant> sends) {
        if (sends.size() < 2) {
            return 0;
        }
        Duration span = Duration.between(sends.get(0), sends.get(sends.size() - 1));
        return (sends.size() - 1) / Math.max(1e-9, span.toNanos() / 1e9);
    }

    private static int pending(JdbcClient jdbc, String phoneNumberId) {
        return count(jdbc, "PENDING", phoneNumberId);
    }

    private static int failed(JdbcClient jdbc, String phoneNumberId) {
        return count(jdbc, "FAILED", phoneNumberId);
    }

    private static int count(JdbcClient jdbc, String status, String phoneNumberId) {
        return jdbc.sql("SELECT count(*) FROM messages WHERE direction = 'OUTBOUND' AND status = ?"
                        + " AND phone_number_id = ?")
                .params(status, phoneNumberId)
                .query(Integer.class)
                .single();
    }

    private int intOption(String name, int defaultValue) {
        return BenchmarkOptions.intOption(options, name, defaultValue);
    }
}
