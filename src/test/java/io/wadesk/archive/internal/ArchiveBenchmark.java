package io.wadesk.archive.internal;

import io.wadesk.WadeskApplication;
import io.wadesk.crypto.BlindIndex;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Vault;
import io.wadesk.support.BenchmarkOptions;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Archive search on a large archive: fills a fresh database (the tests' PostgreSQL) with N closed conversations of M
 * messages each, then times {@link ArchiveSearch} for one keyword, and for one keyword within a date range. Not a
 * test: it prints numbers and never fails on them. See {@code docs/benchmarks.md}.
 *
 * <p>The rows are those the application writes when conversations close (contacts with their phone token,
 * conversations, messages, data keys, blind-index tokens of the words under each archived conversation, the archive's
 * evidence chain), written with set-based SQL so that a million messages take minutes, not hours. The tokens are the
 * application's own ({@link BlindIndex#wordTokens}, {@link BlindIndex#phoneToken}) for a generated vocabulary; the
 * words of a message are drawn log-uniformly from it (a few words are very common, most are rare, as in speech). The
 * sealed message content is random bytes of a realistic size: the search never opens it.
 *
 * <p>Options: {@code --conversations=100000 --messages=10 --words=8 --vocabulary=20000 --contacts=30000
 * --queries=300 --warmup=50 --seed=42 --explain} (prints the plans of three searches).
 */
public final class ArchiveBenchmark {

    private static final String[] SYLLABLES = {
        "ba", "be", "bi", "bo", "ca", "ce", "co", "da", "de", "di", "fa", "fe", "fi", "ga", "go", "la", "le", "li",
        "lo", "ma", "me", "mi", "mo", "na", "ne", "ni", "pa", "pe", "po", "ra", "re", "ri", "ro", "sa", "se", "ta",
        "te", "to", "va", "vi"
    };

    private final Map<String, String> options;

    private ArchiveBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new ArchiveBenchmark(BenchmarkOptions.parse(args)).run();
        System.exit(0);
    }

    private int option(String name, int defaultValue) {
        return BenchmarkOptions.intOption(options, name, defaultValue);
    }

    private void run() throws Exception {
        int conversations = option("conversations", 100_000);
        int messages = option("messages", 10);
        int words = option("words", 8);
        int vocabulary = option("vocabulary", 20_000);
        int contacts = option("contacts", 30_000);
        int queries = option("queries", 300);
        int warmup = option("warmup", 50);
        Random random = new Random(option("seed", 42));

        ConfigurableApplicationContext app = new SpringApplicationBuilder(WadeskApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--logging.level.root=WARN");
        try {
            BlindIndex index = app.getBean(BlindIndex.class);
            ArchiveSearch search = app.getBean(ArchiveSearch.class);
            DataSource dataSource = app.getBean(DataSource.class);
            // One real seal makes sure the active KEK is registered; the data key rows below name it.
            app.getBean(Vault.class)
                    .sealText(KeyOwner.of("benchmark", "kek"), FieldRef.of("benchmark", "kek", 1), "kek");

            System.out.printf(
                    "Archive benchmark: %,d conversations x %d messages x %d words, vocabulary %,d, %,d contacts%n",
                    conversations, messages, words, vocabulary, contacts);
            long filling = System.nanoTime();
            try (Connection db = dataSource.getConnection()) {
                db.setAutoCommit(true);
                fill(db, index, conversations, messages, words, vocabulary, contacts, random);
            }
            System.out.printf("filled in %.0f s%n", (System.nanoTime() - filling) / 1e9);

            try (Connection db = dataSource.getConnection();
                    Statement sql = db.createStatement();
                    ResultSet counts = sql.executeQuery("SELECT (SELECT count(*) FROM messages),"
                            + " (SELECT count(*) FROM conversations),"
                            + " (SELECT count(*) FROM crypto_token WHERE owner_kind = 'conversation'),"
                            + " pg_size_pretty(pg_database_size(current_database()))")) {
                counts.next();
                System.out.printf(
                        "database: %,d messages, %,d conversations, %,d word tokens, %s%n",
                        counts.getLong(1), counts.getLong(2), counts.getLong(3), counts.getString(4));
            }

            IntFunction<String> wordOf = rank -> word(rank);
            LocalDate first = LocalDate.of(2025, 1, 1);
            time("one keyword", queries, warmup, () -> search.search(keyword(wordOf, vocabulary, random, null, null)));
            time("one keyword + 30-day range", queries, warmup, () -> {
                LocalDate from = first.plusDays(random.nextInt(335));
                return search.search(keyword(wordOf, vocabulary, random, from, from.plusDays(30)));
            });
            time(
                    "two keywords",
                    queries,
                    warmup,
                    () -> search.search(new ArchiveQuery(
                            null,
                            null,
                            null,
                            null,
                            null,
                            wordOf.apply(logUniform(random, vocabulary)) + " "
                                    + wordOf.apply(logUniform(random, vocabulary)),
                            null,
                            null,
                            null,
                            ArchiveQuery.Sort.NEWEST,
                            0)));
            time(
                    "most frequent word (rank 1), page 50",
                    Math.max(queries / 10, 10),
                    5,
                    () -> search.search(new ArchiveQuery(
                            null,
                            null,
                            null,
                            null,
                            null,
                            wordOf.apply(1),
                            null,
                            null,
                            null,
                            ArchiveQuery.Sort.NEWEST,
                            49)));
            if (options.containsKey("explain")) {
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                TransactionTemplate transactions =
                        new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
                for (ArchiveQuery query : List.of(
                        keyword(wordOf, vocabulary, random, null, null),
                        keyword(wordOf, vocabulary, random, first.plusDays(100), first.plusDays(130)),
                        new ArchiveQuery(
                                null,
                                null,
                                null,
                                null,
                                null,
                                wordOf.apply(300),
                                null,
                                null,
                                null,
                                ArchiveQuery.Sort.NEWEST,
                                0),
                        new ArchiveQuery(
                                null,
                                null,
                                null,
                                null,
                                null,
                                wordOf.apply(40) + " " + wordOf.apply(2000),
                                null,
                                null,
                                null,
                                ArchiveQuery.Sort.NEWEST,
                                0),
                        new ArchiveQuery(
                                null,
                                null,
                                null,
                                null,
                                null,
                                wordOf.apply(20) + " " + wordOf.apply(30),
                                null,
                                null,
                                null,
                                ArchiveQuery.Sort.NEWEST,
                                0))) {
                    ArchiveSearch.Statement statement = search.statement(query).orElseThrow();
                    System.out.println("EXPLAIN " + query.keywords() + " " + query.from() + ".." + query.to());
                    // In one transaction with the setting the search itself uses.
                    transactions.executeWithoutResult(status -> {
                        jdbc.sql("SET LOCAL max_parallel_workers_per_gather = 0")
                                .update();
                        jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql())
                                .params(statement.params())
                                .query(String.class)
                                .list()
                                .forEach(System.out::println);
                    });
                }
            }
        } finally {
            app.close();
        }
    }

    private static ArchiveQuery keyword(
            IntFunction<String> wordOf, int vocabulary, Random random, LocalDate from, LocalDate to) {
        return new ArchiveQuery(
                from,
                to,
                null,
                null,
                null,
                wordOf.apply(logUniform(random, vocabulary)),
                null,
                null,
                null,
                ArchiveQuery.Sort.NEWEST,
                0);
    }

    /** A rank from 1 to n, log-uniform: rank 1 is drawn as often as ranks 2-3, or 4-7, or 8-15... */
    private static int logUniform(Random random, int n) {
        return Math.min(n, (int) Math.floor(Math.exp(random.nextDouble() * Math.log(n + 1))));
    }

    /** The word of a rank: three syllables, so every rank has its own word. */
    private static String word(int rank) {
        int n = rank + SYLLABLES.length * SYLLABLES.length;
        StringBuilder word = new StringBuilder();
        while (n > 0) {
            word.append(SYLLABLES[n % SYLLABLES.length]);
            n /= SYLLABLES.length;
        }
        return word.toString();
    }

    private interface Search {
        ArchiveSearch.Page run();
    }

    private static void time(String label, int queries, int warmup, Search search) {
        for (int i = 0; i < warmup; i++) {
            search.run();
        }
        double[] millis = new double[queries];
        long found = 0;
        for (int i = 0; i < queries; i++) {
            long start = System.nanoTime();
            found += search.run().rows().size();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(
                Locale.ROOT,
                "%-40s %4d queries  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%.1f rows/page)%n",
                label,
                queries,
                pct(millis, 50),
                pct(millis, 95),
                pct(millis, 99),
                millis[millis.length - 1],
                (double) found / queries);
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void fill(
            Connection db,
            BlindIndex index,
            int conversations,
            int messages,
            int words,
            int vocabulary,
            int contacts,
            Random random)
            throws Exception {
        String kek;
        try (Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery(
                        "SELECT id FROM crypto_kek WHERE retired_at IS NULL ORDER BY activated_at DESC LIMIT 1")) {
            row.next();
            kek = row.getString(1);
        }
        step(db, "scratch tables", """
                CREATE UNLOGGED TABLE bench_vocab (rank INT PRIMARY KEY, token CHAR(32) NOT NULL);
                CREATE UNLOGGED TABLE bench_contacts (n INT PRIMARY KEY, id UUID NOT NULL, phone_token TEXT NOT NULL);
                CREATE UNLOGGED TABLE bench_agents (n INT PRIMARY KEY, id BIGINT NOT NULL);
                CREATE UNLOGGED TABLE bench_teams (n INT PRIMARY KEY, id BIGINT NOT NULL);
                """);

        List<String> tokens = new ArrayList<>(vocabulary);
        for (int rank = 1; rank <= vocabulary; rank++) {
            tokens.add(index.wordTokens(word(rank)).iterator().next());
        }
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO bench_vocab SELECT ordinality, t FROM unnest(?::text[]) WITH ORDINALITY AS t")) {
            insert.setArray(1, db.createArrayOf("text", tokens.toArray()));
            insert.executeUpdate();
        }
        List<String> phones = new ArrayList<>(contacts);
        for (int n = 0; n < contacts; n++) {
            phones.add(index.phoneToken("+336" + String.format("%08d", 10_000_000 + n)));
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO bench_contacts"
                + " SELECT ordinality, gen_random_uuid(), t FROM unnest(?::text[]) WITH ORDINALITY AS t")) {
            Array array = db.createArrayOf("text", phones.toArray());
            insert.setArray(1, array);
            insert.executeUpdate();
        }

        step(db, "teams and agents", """
                INSERT INTO teams (name, default_capacity, created_at)
                SELECT 'Benchmark team ' || n, 5, now() FROM generate_series(1, 5) n;
                INSERT INTO bench_teams SELECT row_number() OVER (ORDER BY id), id FROM teams
                 WHERE name LIKE 'Benchmark team %';
                INSERT INTO users (username, display_name, first_name, role, password_hash, created_at, updated_at)
                SELECT 'bench-agent-' || n, 'Agent ' || n, 'Agent', 'AGENT', '{noop}-', now(), now()
                  FROM generate_series(1, 50) n;
                INSERT INTO bench_agents SELECT row_number() OVER (ORDER BY id), id FROM users
                 WHERE username LIKE 'bench-agent-%';
                """);
        step(db, "contacts, their keys and phone tokens", """
                INSERT INTO crypto_data_key (owner_kind, owner_id, kek_id, wrapped_key, created_at)
                SELECT 'contact', id::text, '%1$s', decode(md5(id::text) || md5(n::text) || md5(id::text), 'hex'),
                       now()
                  FROM bench_contacts;
                INSERT INTO contacts (id, phone_token, phone, profile_name, created_at, updated_at, consent_status)
                SELECT id, phone_token, decode(md5(n::text) || md5(id::text), 'hex'),
                       decode(md5(id::text), 'hex'), now(), now(), 'GRANTED'
                  FROM bench_contacts;
                INSERT INTO crypto_token (owner_kind, owner_id, field, token)
                SELECT 'contact', id::text, 'phone', phone_token FROM bench_contacts;
                """.formatted(kek));
        step(db, "conversations (85% kept, 15% destroyed)", """
                CREATE UNLOGGED TABLE bench_conversations AS
                SELECT g.n, gen_random_uuid() AS id,
                       (SELECT id FROM bench_contacts b WHERE b.n = 1 + (g.n * 7919) %% %2$d) AS contact_id,
                       (SELECT id FROM bench_teams b WHERE b.n = 1 + g.n %% 5) AS team_id,
                       (SELECT id FROM bench_agents b WHERE b.n = 1 + (g.n * 31) %% 50) AS agent_id,
                       timestamptz '2025-01-01 08:00:00+00' + (g.n::double precision / %1$d) * interval '365 days'
                           + random() * interval '9 hours' AS opened_at,
                       CASE WHEN random() < 0.85 THEN 'ARCHIVED' ELSE 'DESTROYED' END AS transcript
                  FROM generate_series(1, %1$d) AS g (n);
                INSERT INTO conversations (id, contact_id, phone_number_id, status, opened_at, closed_at,
                                           last_inbound_at, last_message_at, team_id, agent_id, assigned_at,
                                           transcript, transcript_settled_at, destroyed_reason)
                SELECT id, contact_id, 'bench-pn', 'CLOSED', opened_at, opened_at + interval '%3$d minutes',
                       opened_at + interval '%3$d minutes', opened_at + interval '%3$d minutes', team_id, agent_id,
                       opened_at, transcript, opened_at + interval '%3$d minutes',
                       CASE transcript WHEN 'DESTROYED' THEN 'CONSENT_NOT_GIVEN' END
                  FROM bench_conversations;
                INSERT INTO crypto_data_key (owner_kind, owner_id, kek_id, wrapped_key, created_at)
                SELECT 'conversation', id::text, '%4$s', decode(md5(id::text) || md5(n::text) || md5(id::text), 'hex'),
                       opened_at
                  FROM bench_conversations WHERE transcript = 'ARCHIVED';
                INSERT INTO crypto_destroyed_owner (owner_kind, owner_id, destroyed_at, destroyed_reason)
                SELECT 'conversation', id::text, opened_at + interval '%3$d minutes', 'CONSENT_NOT_GIVEN'
                  FROM bench_conversations WHERE transcript = 'DESTROYED';
                """.formatted(conversations, contacts, messages + 5, kek));
        step(db, "messages", """
                INSERT INTO messages (id, conversation_id, direction, phone_number_id, wamid, type, content,
                                      sent_at, stored_at, status, status_at)
                SELECT gen_random_uuid(), c.id, CASE WHEN m %% 2 = 1 THEN 'INBOUND' ELSE 'OUTBOUND' END, 'bench-pn',
                       'wamid.bench.' || c.n || '.' || m, 'text',
                       decode(md5(c.id::text || m) || md5(m || c.id::text) || md5(c.n || '.' || m)
                              || md5(random()::text), 'hex'),
                       c.opened_at + m * interval '1 minute', c.opened_at + m * interval '1 minute',
                       CASE WHEN m %% 2 = 0 THEN 'READ' END, CASE WHEN m %% 2 = 0 THEN c.opened_at END
                  FROM bench_conversations c CROSS JOIN generate_series(1, %1$d) m;
                """.formatted(messages));
        step(db, "word tokens of the kept transcripts", """
                INSERT INTO crypto_token (owner_kind, owner_id, field, token)
                SELECT DISTINCT 'conversation', c.id::text, 'body', v.token
                  FROM bench_conversations c
                  CROSS JOIN LATERAL (
                      SELECT least(%2$d, floor(exp(random() * ln(%2$d + 1)))::int + 0 * c.n) AS rank
                        FROM generate_series(1, %1$d)) w
                  JOIN bench_vocab v ON v.rank = w.rank
                 WHERE c.transcript = 'ARCHIVED'
                 ORDER BY v.token, c.id::text;
                """.formatted(messages * words, vocabulary));
        step(db, "evidence chains of the kept transcripts", """
                INSERT INTO archive_transcripts (conversation_id, archived_at, message_count, chain_head)
                SELECT id, opened_at + interval '%1$d minutes', %1$d, md5(id::text) || md5(n::text)
                  FROM bench_conversations WHERE transcript = 'ARCHIVED';
                INSERT INTO archive_message_hashes (conversation_id, position, message_id, link)
                SELECT m.conversation_id,
                       row_number() OVER (PARTITION BY m.conversation_id ORDER BY m.sent_at) - 1, m.id,
                       md5(m.id::text) || md5(m.conversation_id::text)
                  FROM messages m JOIN bench_conversations c ON c.id = m.conversation_id
                 WHERE c.transcript = 'ARCHIVED';
                """.formatted(messages));
        step(db, "drop scratch tables, analyze", """
                DROP TABLE bench_vocab, bench_contacts, bench_agents, bench_teams, bench_conversations;
                ANALYZE;
                """);
    }

    private static void step(Connection db, String label, String statements) throws Exception {
        long start = System.nanoTime();
        try (Statement sql = db.createStatement()) {
            sql.execute(statements);
        }
        System.out.printf("  %-45s %6.1f s%n", label, (System.nanoTime() - start) / 1e9);
    }
}
