package io.wadesk.desk;

import io.wadesk.WadeskApplication;
import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.Sender;
import io.wadesk.simulator.internal.Simulator;
import io.wadesk.support.BenchmarkOptions;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How long the server takes to answer an agent's desk with 10,000 conversations in the database: the desk page, and
 * a conversation of 200 messages (the full page, the pane htmx swaps in when the agent opens it, and the thread it
 * refreshes). Not a test: it prints percentiles and never fails on them. See {@code docs/benchmarks.md}.
 *
 * <p>It starts the whole application in this JVM on a fresh PostgreSQL (the tests' database), crypto and the real
 * security chain and sessions on, with the simulator's fake Graph API on loopback (opening a conversation sends its
 * read receipt there). It fills the database through the product's own code paths: customers' messages through
 * {@link ConversationIngest} (sealing, routing, consent requests), agents' replies, pauses and closes through {@link
 * ConversationCommands}, so every row is what production writes, encrypted. Then one agent signs in through the login
 * form and the pages are fetched over HTTP on loopback, one request at a time on a keep-alive connection. The server
 * time is measured in the server, by a filter placed before all others (Spring Session, Spring Security): from the
 * request's arrival in the filter chain to its last byte written. The client's round trip is printed beside it.
 *
 * <p>Options: {@code --conversations=10000 --thread=200 --teams=4 --agents=5} (per team) {@code --capacity=8
 * --warmup=300 --iterations=1000}; {@code --app.<property>=<value>} sets an application property.
 */
public final class DeskBenchmark {

    private static final String PASSWORD = "benchmark password 2026";
    private static final int WAVE = 400;
    private static final String[] OPENINGS = {
        "Bonjour, ma commande n°%d n'est toujours pas arrivée 😟",
        "Bonsoir, je voudrais changer l'adresse de livraison de la commande %d.",
        "Salut ! Le colis %d est arrivé abîmé, que faire ?",
        "Bonjour, pouvez-vous m'envoyer la facture de la commande %d svp ?",
        "Hello, est-ce que l'article %d est de nouveau en stock ? 🙏",
    };
    private static final String[] REPLIES = {
        "Bonjour, je regarde votre commande tout de suite.",
        "Merci pour votre patience, c'est noté 👍",
        "Je vous envoie la facture dans quelques minutes.",
        "Désolé pour ce désagrément, nous renvoyons un colis dès aujourd'hui.",
    };

    private final Map<String, String> options;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private long wamids;

    private Client client;
    private ConversationIngest ingest;
    private ConversationCommands commands;
    private ConversationQueries queries;
    private ConversationHistory history;
    private Agents agents;
    private JdbcClient jdbc;

    private DeskBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new DeskBenchmark(BenchmarkOptions.parse(args)).run();
        System.exit(0);
    }

    private int intOption(String name, int defaultValue) {
        return BenchmarkOptions.intOption(options, name, defaultValue);
    }

    private void run() throws Exception {
        int port = freePort();
        ConfigurableApplicationContext app = startApplication(port);
        ingest = app.getBean(ConversationIngest.class);
        commands = app.getBean(ConversationCommands.class);
        queries = app.getBean(ConversationQueries.class);
        history = app.getBean(ConversationHistory.class);
        agents = app.getBean(Agents.class);
        jdbc = app.getBean(JdbcClient.class);

        long fillStart = System.nanoTime();
        // The fill commits tens of thousands of small transactions: not waiting for each one's WAL flush makes it
        // faster and writes the same rows. The measurement runs with the server's default again.
        setSynchronousCommit("off");
        Fill fill = fill(app);
        setSynchronousCommit("on");
        System.out.printf("Filled in %.0f s: %s%n", (System.nanoTime() - fillStart) / 1e9, counts());
        System.out.printf(
                "The measured agent handles %d conversations; the long one has %d messages%n",
                handled(fill.agent().id(), "ASSIGNED", "PAUSED").size(),
                jdbc.sql("SELECT count(*) FROM messages WHERE conversation_id = ?")
                        .param(fill.longConversation())
                        .query(Long.class)
                        .single());

        client = new Client(URI.create("http://127.0.0.1:" + port));
        client.signIn(fill.agent().username(), PASSWORD);
        String conversation = "/desk/conversations/" + fill.longConversation();
        int bubbles = count(client.get(conversation, Map.of()), "class=\"bubble ");
        if (bubbles < intOption("thread", 200)) {
            throw new IllegalStateException("The conversation page shows " + bubbles + " messages");
        }

        int warmup = intOption("warmup", 300);
        int iterations = intOption("iterations", 1000);
        Map<String, Page> pages = new LinkedHashMap<>();
        pages.put("desk page (GET /desk)", new Page("/desk", Map.of()));
        pages.put("conversation, full page", new Page(conversation, Map.of()));
        pages.put("conversation pane (htmx, on open)", new Page(conversation, Map.of("HX-Target", "pane")));
        pages.put("conversation thread (htmx refresh)", new Page(conversation, Map.of("HX-Target", "thread")));
        System.out.printf(
                "%d warm-up then %d measured requests per page, one at a time, on a keep-alive loopback connection%n"
                        + "server: from the first filter (sessions, security) to the last byte written, in the server;"
                        + " cpu: the request thread's CPU time (PostgreSQL's not included); client: round trip%n",
                warmup, iterations);
        System.out.printf(
                "%-36s %8s %8s %8s %8s %8s | %8s %8s | %8s %8s | %7s%n",
                "page", "p50", "p90", "p95", "p99", "max", "cpu p50", "cpu p95", "clt p50", "clt p95", "KB");
        for (Map.Entry<String, Page> page : pages.entrySet()) {
            Page p = page.getValue();
            for (int i = 0; i < warmup; i++) {
                this.client.get(p.path(), p.headers());
            }
            ServerTimer.reset();
            long[] client = new long[iterations];
            int bytes = 0;
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                String body = this.client.get(p.path(), p.headers());
                client[i] = System.nanoTime() - start;
                bytes = body.length();
            }
            long[] server = ServerTimer.wall();
            long[] cpu = ServerTimer.cpu();
            if (server.length != iterations) {
                throw new IllegalStateException("The server timed " + server.length + " of " + iterations);
            }
            Arrays.sort(client);
            System.out.printf(
                    "%-36s %8s %8s %8s %8s %8s | %8s %8s | %8s %8s | %7d%n",
                    page.getKey(),
                    ms(percentile(server, 50)),
                    ms(percentile(server, 90)),
                    ms(percentile(server, 95)),
                    ms(percentile(server, 99)),
                    ms(server[server.length - 1]),
                    ms(percentile(cpu, 50)),
                    ms(percentile(cpu, 95)),
                    ms(percentile(client, 50)),
                    ms(percentile(client, 95)),
                    bytes / 1024);
        }
        System.out.printf("load average at the end: %s%n", loadAverage());
        app.close();
    }

    private record Page(String path, Map<String, String> headers) {}

    private void setSynchronousCommit(String value) {
        jdbc.sql("ALTER SYSTEM SET synchronous_commit = " + value).update();
        jdbc.sql("SELECT pg_reload_conf()").query(Boolean.class).single();
    }

    private ConfigurableApplicationContext startApplication(int port) {
        // Command-line arguments outrank the test configuration on the classpath (workers and scheduling off).
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("server.address", "127.0.0.1");
        // The fake Graph API on loopback: read receipts go there, never to Meta.
        properties.put("wadesk.simulator.enabled", "true");
        properties.put("wadesk.whatsapp.graph-url", "http://127.0.0.1:" + port + "/simulator/graph");
        properties.put("logging.level.root", "WARN");
        String[] args = BenchmarkOptions.applicationArguments(properties, options);
        return new SpringApplicationBuilder(WadeskApplication.class, ServerTimer.class).run(args);
    }

    private record Fill(UserAccount agent, UUID longConversation) {}

    private record Opening(String phoneNumberId, int customer, boolean first) {}

    /**
     * Teams on their own numbers, agents, and customers writing in waves: each wave is routed, answered and closed
     * (most customers say "oui" to keeping the transcript, so most closed transcripts are kept), and some customers
     * come back for a second conversation. The last wave stays open: every agent at capacity, the measured agent with
     * two of theirs paused, the rest waiting in the queues; one of the measured agent's conversations grows to 200
     * messages.
     */
    private Fill fill(ConfigurableApplicationContext app) throws Exception {
        int total = intOption("conversations", 10_000);
        int teamCount = intOption("teams", 4);
        int perTeam = intOption("agents", 5);
        int capacity = intOption("capacity", 8);
        Teams teams = app.getBean(Teams.class);
        UserAccounts accounts = app.getBean(UserAccounts.class);
        String[] numbers = new String[teamCount];
        List<Long> everyone = new ArrayList<>();
        UserAccount measured = null;
        String[] teamNames = {"Ventes", "Service client", "Livraison", "Facturation", "Retours", "Entreprises"};
        for (int t = 0; t < teamCount; t++) {
            Team team = teams.create(teamNames[t % teamNames.length] + " " + runId + "-" + t, capacity, null);
            numbers[t] = t == 0 ? app.getBean(Simulator.class).phoneNumberId() : "20000000000000" + t;
            teams.servePhoneNumber(team.id(), numbers[t]);
            for (int a = 0; a < perTeam; a++) {
                UserAccount agent = accounts.create(new UserAccounts.NewUser(
                        "agent-" + runId + "-" + t + "-" + a, "Agent " + t + "." + a, "Camille", Role.AGENT, PASSWORD));
                teams.addMember(team.id(), agent.id());
                everyone.add(agent.id());
                if (t == 0 && a == 0) {
                    measured = agent;
                }
            }
        }

        int open = everyone.size() * capacity + 2 + 130; // the last wave: full desks, two paused, a queue
        int historic = Math.max(0, total - open);
        int returning = historic * 3 / 10;
        int customers = historic - returning + open;
        List<Opening> firsts = new ArrayList<>();
        for (int i = 0; i < historic - returning; i++) {
            firsts.add(new Opening(numbers[i % teamCount], i, true));
        }
        // Customers who come back, once their first conversation is closed: never in the same wave as it.
        List<Opening> seconds = new ArrayList<>();
        for (int i = 0; i < returning; i++) {
            seconds.add(new Opening(numbers[i % teamCount], i, false));
        }
        everyone.forEach(agent -> agents.setAvailability(agent, AgentStatus.AVAILABLE));
        int done = 0;
        for (List<Opening> openings : List.of(firsts, seconds)) {
            for (int from = 0; from < openings.size(); from += WAVE) {
                List<Opening> batch = openings.subList(from, Math.min(openings.size(), from + WAVE));
                write(batch);
                drain(everyone);
                done += batch.size();
                System.out.printf("  %d of %d conversations%n", done, total);
            }
        }

        List<Opening> last = new ArrayList<>();
        for (int i = 0; i < open; i++) {
            int customer = historic - returning + i;
            last.add(new Opening(
                    i < open / 2 || teamCount == 1 ? numbers[0] : numbers[1 + i % (teamCount - 1)], customer, true));
        }
        write(last);
        List<UUID> mine = handled(measured.id(), "ASSIGNED");
        for (UUID paused : mine.subList(mine.size() - 2, mine.size())) {
            done(commands.pause(measured.id(), paused, Duration.ofHours(3)));
        }
        // Pausing freed two slots, which the queue refilled; the first conversation becomes the long one.
        UUID longOne = handled(measured.id(), "ASSIGNED").get(0);
        grow(longOne, measured.id(), intOption("thread", 200));
        System.out.printf("  %d customers%n", customers);
        return new Fill(measured, longOne);
    }

    /** Each customer of the batch writes (and, on a first conversation, most answer "oui" to the consent request). */
    private void write(List<Opening> batch) {
        Instant now = Instant.now();
        List<InboundMessage> messages = new ArrayList<>();
        for (Opening opening : batch) {
            Sender sender = new Sender(phone(opening.customer()), null, "Client " + opening.customer(), null);
            String text = String.format(OPENINGS[opening.customer() % OPENINGS.length], 10_000 + opening.customer());
            messages.add(text(opening.phoneNumberId(), sender, now, text));
        }
        ingest.ingest(messages, List.of());
        List<InboundMessage> answers = new ArrayList<>();
        for (Opening opening : batch) {
            if (opening.first() && opening.customer() % 10 < 7) {
                Sender sender = new Sender(phone(opening.customer()), null, "Client " + opening.customer(), null);
                answers.add(text(opening.phoneNumberId(), sender, now.plusSeconds(20), "Oui"));
            }
        }
        if (!answers.isEmpty()) {
            ingest.ingest(answers, List.of());
        }
    }

    private InboundMessage text(String phoneNumberId, Sender sender, Instant at, String body) {
        return new InboundMessage(
                phoneNumberId,
                "wamid.bench." + runId + "." + (++wamids),
                sender,
                at,
                "text",
                new MessageContent.Text(body),
                null,
                null);
    }

    /** Agents answer and close until the queues are empty; four threads, each with its own agents. */
    private void drain(List<Long> everyone) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            boolean more = true;
            while (more) {
                List<Future<Integer>> closed = new ArrayList<>();
                for (int part = 0; part < threads; part++) {
                    int h = part;
                    closed.add(pool.submit(() -> {
                        int n = 0;
                        for (int i = h; i < everyone.size(); i += threads) {
                            long agent = everyone.get(i);
                            for (UUID conversation : handled(agent, "ASSIGNED")) {
                                done(commands.reply(agent, conversation, REPLIES[n % REPLIES.length], null));
                                done(commands.close(agent, conversation));
                                n++;
                            }
                        }
                        return n;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : closed) {
                    total += f.get();
                }
                more = total > 0;
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Customer and agent take turns until the conversation has {@code size} messages. */
    private void grow(UUID conversation, long agent, int size) {
        String phoneNumberId = jdbc.sql("SELECT phone_number_id FROM conversations WHERE id = ?")
                .param(conversation)
                .query(String.class)
                .single();
        UUID contact = queries.state(conversation).orElseThrow().contactId();
        String phone = history.contact(contact).orElseThrow().waId();
        int turn = 0;
        while (messageCount(conversation) < size) {
            if (turn % 2 == 0) {
                ingest.ingest(
                        List.of(text(
                                phoneNumberId,
                                new Sender(phone, null, null, null),
                                Instant.now(),
                                "Et pour la commande " + turn + " ? Merci d'avance 🙂")),
                        List.of());
            } else {
                done(commands.reply(agent, conversation, REPLIES[turn % REPLIES.length] + " (" + turn + ")", null));
            }
            turn++;
        }
    }

    /** The agent's conversations in these states, oldest first (a plain read: the benchmark's own bookkeeping). */
    private List<UUID> handled(long agent, String... statuses) {
        return jdbc.sql("SELECT id FROM conversations WHERE agent_id = :agent AND status IN (:statuses)"
                        + " ORDER BY opened_at, id")
                .param("agent", agent)
                .param("statuses", List.of(statuses))
                .query(UUID.class)
                .list();
    }

    private long messageCount(UUID conversation) {
        return jdbc.sql("SELECT count(*) FROM messages WHERE conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
    }

    private static void done(CommandResult<?> result) {
        if (!result.isDone()) {
            throw new IllegalStateException("Refused: " + result);
        }
    }

    private String counts() {
        return jdbc.sql("SELECT (SELECT count(*) FROM conversations) || ' conversations ('"
                        + " || (SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM"
                        + " (SELECT status, count(*) n FROM conversations GROUP BY status) s) || '), '"
                        + " || (SELECT count(*) FROM messages) || ' messages, '"
                        + " || (SELECT count(*) FROM contacts) || ' contacts'")
                .query(String.class)
                .single();
    }

    private static String phone(int customer) {
        return "3361" + String.format("%07d", customer);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException ex) {
            return "unknown";
        }
    }

    /**
     * Times each {@code /desk} request in the server, around the whole filter chain (first in order), in wall and
     * in CPU time of the request's thread. Requests are measured one at a time, so one list does.
     */
    @Configuration(proxyBeanMethods = false)
    static class ServerTimer {

        private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private static final List<long[]> samples = new ArrayList<>();

        @Bean
        FilterRegistrationBean<Filter> deskBenchmarkTimer() {
            Filter timer = (request, response, chain) -> {
                String path = ((HttpServletRequest) request).getRequestURI();
                if (!path.startsWith("/desk")) {
                    chain.doFilter(request, response);
                    return;
                }
                long wall = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                try {
                    chain.doFilter(request, response);
                    response.flushBuffer();
                } finally {
                    long[] sample = {System.nanoTime() - wall, threads.getCurrentThreadCpuTime() - cpu};
                    synchronized (samples) {
                        samples.add(sample);
                    }
                }
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(timer);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            registration.addUrlPatterns("/*");
            return registration;
        }

        static void reset() {
            synchronized (samples) {
                samples.clear();
            }
        }

        static long[] wall() {
            return sorted(0);
        }

        static long[] cpu() {
            return sorted(1);
        }

        private static long[] sorted(int index) {
            synchronized (samples) {
                return samples.stream().mapToLong(s -> s[index]).sorted().toArray();
            }
        }
    }

    /** A signed-in browser, as far as the server can tell: the session cookie and htmx's headers. */
    private static final class Client {

        private final URI base;
        private final HttpClient http;

        Client(URI base) {
            this.base = base;
            this.http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }

        void signIn(String username, String password) throws Exception {
            String login = get("/login", Map.of());
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
            if (!csrf.find()) {
                throw new IllegalStateException("No CSRF token on the login page");
            }
            String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                    + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(base.resolve("/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = response.headers().firstValue("Location").orElse("");
            if (response.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException("Sign-in failed: " + response.statusCode() + " " + location);
            }
        }

        String get(String path, Map<String, String> headers) throws IOException, InterruptedException {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(base.resolve(path)).GET();
            if (!headers.isEmpty()) {
                request.header("HX-Request", "true");
                headers.forEach(request::header);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            return response.body();
        }
    }
}
