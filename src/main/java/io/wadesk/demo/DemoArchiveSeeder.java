package io.wadesk.demo;

import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConsentAnswer;
import io.wadesk.conversation.ConsentStatus;
import io.wadesk.conversation.Consents;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageView;
import io.wadesk.conversation.Sender;
import io.wadesk.conversation.StatusUpdate;
import io.wadesk.conversation.TemplateRequest;
import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.library.TrainingLibrary;
import io.wadesk.library.Verdict;
import io.wadesk.whatsapp.ApprovedTemplates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes weeks of past conversations through the real code paths: each customer message goes through
 * {@link ConversationIngest} (routing, consent, the window), each agent's act through {@link ConversationCommands},
 * each outbound message through the {@link WhatsAppOutbox} as the sender would (claimed, marked sent with a wamid, then
 * delivered and read by statuses ingested like Meta's). Only the Cloud API call is left out: the seeded numbers are
 * not the sender's. Time is set with {@link SeedTime} before every step.
 *
 * <p>The variety is deterministic (the conversation's rank picks its customer and its twist), so that a short run
 * already has consents granted, refused and unanswered, pauses, transfers to a colleague and to a team,
 * re-engagements and window expiries.
 */
@Component
class DemoArchiveSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoArchiveSeeder.class);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /**
     * Who plays: two teams on their own business numbers, their agents (AVAILABLE while seeding), the manager who
     * marks the training examples, and the first digits of the customers' phone numbers.
     */
    record Cast(
            long serviceTeam,
            String servicePhone,
            List<Long> serviceAgents,
            long salesTeam,
            String salesPhone,
            List<Long> salesAgents,
            long managerId,
            String managerUsername,
            String customerPrefix) {}

    /** What a run wrote. */
    record Summary(int conversations, int examples) {}

    private enum Twist {
        PLAIN,
        PAUSE,
        TRANSFER_TO_COLLEAGUE,
        TRANSFER_TO_TEAM,
        REENGAGE,
        WINDOW_EXPIRES
    }

    private final ConversationIngest ingest;
    private final ConversationCommands commands;
    private final ConversationQueries queries;
    private final ConversationHistory history;
    private final Consents consents;
    private final WhatsAppOutbox outbound;
    private final ApprovedTemplates templates;
    private final TrainingLibrary library;
    private final JdbcClient jdbc;

    DemoArchiveSeeder(
            ConversationIngest ingest,
            ConversationCommands commands,
            ConversationQueries queries,
            ConversationHistory history,
            Consents consents,
            WhatsAppOutbox outbound,
            ApprovedTemplates templates,
            TrainingLibrary library,
            JdbcClient jdbc) {
        this.ingest = ingest;
        this.commands = commands;
        this.queries = queries;
        this.history = history;
        this.consents = consents;
        this.outbound = outbound;
        this.templates = templates;
        this.library = library;
        this.jdbc = jdbc;
    }

    /**
     * Takes the seeding marker {@code name}: true the first time only, whichever instance or start asks, so the demo
     * data is written once.
     */
    boolean claim(String name, Instant now) {
        return jdbc.sql("INSERT INTO demo_seeding (name, started_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
                        .params(name, now.atOffset(java.time.ZoneOffset.UTC))
                        .update()
                == 1;
    }

    void done(String name, Instant now) {
        jdbc.sql("UPDATE demo_seeding SET done_at = ? WHERE name = ?")
                .params(now.atOffset(java.time.ZoneOffset.UTC), name)
                .update();
    }

    /** Seeds {@code days} days ending with {@code lastDay} (Paris days), then marks a few training examples. */
    Summary seed(Cast cast, LocalDate lastDay, int days, SeedTime time) {
        Random random = new Random(20261121L);
        List<Instant> starts = new ArrayList<>();
        for (LocalDate day = lastDay.minusDays(days - 1); !day.isAfter(lastDay); day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            int count = weekend ? 1 + random.nextInt(2) : 4 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                LocalTime at = LocalTime.of(8, 30).plusMinutes(random.nextInt(10 * 60));
                starts.add(day.atTime(at).atZone(PARIS).toInstant());
            }
        }
        Collections.sort(starts);
        Map<DemoScripts.Example, List<Marked>> candidates = new EnumMap<>(DemoScripts.Example.class);
        int written = 0;
        try {
            for (int rank = 0; rank < starts.size(); rank++) {
                Optional<Marked> example = conversation(cast, rank, starts.get(rank), random, time);
                example.ifPresent(marked -> candidates
                        .computeIfAbsent(marked.example(), key -> new ArrayList<>())
                        .add(marked));
                written++;
            }
            time.at(starts.get(starts.size() - 1).plus(Duration.ofDays(1)));
            int examples = markExamples(cast, candidates);
            return new Summary(written, examples);
        } finally {
            time.release();
        }
    }

    private record Marked(UUID conversationId, DemoScripts.Example example, boolean english) {}

    /** One conversation from the customer's first message to its close; the example it makes, if it makes one. */
    private Optional<Marked> conversation(Cast cast, int rank, Instant start, Random random, SeedTime time) {
        DemoScripts.Customer customer = DemoScripts.CUSTOMERS.get((rank * 7) % DemoScripts.CUSTOMERS.size());
        List<DemoScripts.Dialogue> fitting = DemoScripts.DIALOGUES.stream()
                .filter(dialogue -> dialogue.english() == customer.english())
                .toList();
        DemoScripts.Dialogue dialogue = fitting.get((rank * 5 + rank / 3) % fitting.size());
        Twist twist = twist(rank);
        String number = dialogue.sales() ? cast.salesPhone() : cast.servicePhone();
        String phone = cast.customerPrefix() + String.format("%04d", DemoScripts.CUSTOMERS.indexOf(customer));
        Clock at = new Clock(start, time);
        List<String> lines = dialogue.lines().stream()
                .map(line -> fill(line, customer, phone))
                .toList();

        UUID conversation = customerWrites(number, customer, phone, lines.get(0), at);
        flush(number, at);
        answerConsent(conversation, customer, number, phone, at);
        Optional<Long> owner = owner(conversation);
        if (owner.isEmpty()) {
            log.warn("Demo archive: nobody could take a seeded conversation; it stays in the queue");
            return Optional.empty();
        }
        long agent = owner.get();
        at.later(Duration.ofMinutes(random.nextInt(10) < 8 ? 1 + random.nextInt(20) : 30 + random.nextInt(60)));
        agent = reply(agent, conversation, lines.get(1), number, at);

        switch (twist) {
            case PAUSE -> {
                at.later(Duration.ofMinutes(1 + random.nextInt(3)));
                agent = reply(agent, conversation, DemoScripts.askForDetails(customer.english()), number, at);
                done(commands.pause(agent, conversation, Duration.ofHours(1)));
                at.later(Duration.ofMinutes(15 + random.nextInt(40)));
                customerWrites(number, customer, phone, DemoScripts.backAgain(customer.english()), at);
            }
            case TRANSFER_TO_COLLEAGUE -> {
                List<Long> team = dialogue.sales() ? cast.salesAgents() : cast.serviceAgents();
                long current = agent;
                Optional<Long> colleague =
                        team.stream().filter(id -> id != current).findFirst();
                if (colleague.isPresent()) {
                    at.later(Duration.ofMinutes(2 + random.nextInt(5)));
                    done(commands.transferToAgent(
                            agent, conversation, colleague.get(), DemoScripts.transferNote(customer.english())));
                    agent = colleague.get();
                    at.later(Duration.ofMinutes(1 + random.nextInt(5)));
                    agent = reply(agent, conversation, DemoScripts.takeOver(customer.english()), number, at);
                }
            }
            case TRANSFER_TO_TEAM -> {
                at.later(Duration.ofMinutes(2 + random.nextInt(5)));
                long otherTeam = dialogue.sales() ? cast.serviceTeam() : cast.salesTeam();
                done(commands.transferToTeam(
                        agent, conversation, otherTeam, DemoScripts.transferNote(customer.english())));
                Optional<Long> taker = owner(conversation);
                if (taker.isEmpty()) {
                    return Optional.empty();
                }
                agent = taker.get();
                at.later(Duration.ofMinutes(1 + random.nextInt(8)));
                agent = reply(agent, conversation, DemoScripts.takeOver(customer.english()), number, at);
            }
            case REENGAGE -> {
                at.later(Duration.ofHours(25 + random.nextInt(5)));
                Optional<TemplateRequest> template = template(customer);
                if (template.isPresent()
                        && commands.sendTemplate(agent, conversation, template.get())
                                .isDone()) {
                    flush(number, at);
                    at.later(Duration.ofMinutes(20 + random.nextInt(100)));
                    customerWrites(number, customer, phone, DemoScripts.backAgain(customer.english()), at);
                    at.later(Duration.ofMinutes(2 + random.nextInt(5)));
                    agent = reply(agent, conversation, DemoScripts.thanks(customer.english()), number, at);
                }
                at.later(Duration.ofMinutes(5));
                done(commands.close(agent, conversation));
                return example(conversation, dialogue);
            }
            case WINDOW_EXPIRES -> {
                at.later(Duration.ofHours(26 + random.nextInt(6)));
                done(commands.close(agent, conversation));
                return example(conversation, dialogue);
            }
            case PLAIN -> {}
        }
        for (int i = 2; i < lines.size(); i++) {
            if (i % 2 == 0) {
                at.later(Duration.ofMinutes(2 + random.nextInt(8)));
                customerWrites(number, customer, phone, lines.get(i), at);
            } else {
                at.later(Duration.ofMinutes(1 + random.nextInt(6)));
                agent = reply(agent, conversation, lines.get(i), number, at);
            }
        }
        at.later(Duration.ofMinutes(2 + random.nextInt(10)));
        done(commands.close(agent, conversation));
        return example(conversation, dialogue);
    }

    private static Twist twist(int rank) {
        return switch (rank % 12) {
            case 2, 9 -> Twist.PAUSE;
            case 4 -> Twist.TRANSFER_TO_COLLEAGUE;
            case 7 -> Twist.TRANSFER_TO_TEAM;
            case 5 -> Twist.REENGAGE;
            case 11 -> Twist.WINDOW_EXPIRES;
            default -> Twist.PLAIN;
        };
    }

    private Optional<Marked> example(UUID conversation, DemoScripts.Dialogue dialogue) {
        return Optional.ofNullable(dialogue.example())
                .map(example -> new Marked(conversation, example, dialogue.english()));
    }

    /** Two good examples and one bad in each language, of conversations whose transcript was kept. */
    private int markExamples(Cast cast, Map<DemoScripts.Example, List<Marked>> candidates) {
        int marked = 0;
        for (Map.Entry<DemoScripts.Example, List<Marked>> entry : candidates.entrySet()) {
            for (boolean english : List.of(false, true)) {
                int wanted = entry.getKey() == DemoScripts.Example.GOOD ? 2 : 1;
                for (Marked candidate : entry.getValue()) {
                    if (wanted == 0 || candidate.english() != english) {
                        continue;
                    }
                    Verdict verdict = entry.getKey() == DemoScripts.Example.GOOD ? Verdict.GOOD : Verdict.BAD;
                    if (library.mark(
                                    cast.managerId(),
                                    cast.managerUsername(),
                                    candidate.conversationId(),
                                    verdict,
                                    comment(verdict, english))
                            .isEmpty()) {
                        wanted--;
                        marked++;
                    }
                }
            }
        }
        return marked;
    }

    private static String comment(Verdict verdict, boolean english) {
        if (verdict == Verdict.GOOD) {
            return english
                    ? "Apologises, acts at once and gives the customer a clear next step with a date."
                    : "Empathie, solution concrète et délai précis : c'est ce que nous attendons.";
        }
        return english
                ? "Curt answers, no solution offered, no follow-up: the customer leaves unhappy."
                : "Réponses sèches, aucune solution ni relance : le client repart mécontent.";
    }

    private Optional<TemplateRequest> template(DemoScripts.Customer customer) {
        return templates.list().stream()
                .filter(template -> template.language().startsWith(customer.english() ? "en" : "fr"))
                .findFirst()
                .or(() -> templates.list().stream().findFirst())
                .map(template -> new TemplateRequest(
                        template.name(),
                        template.language(),
                        Collections.nCopies(template.parameters(), customer.first())));
    }

    private UUID customerWrites(String number, DemoScripts.Customer customer, String phone, String text, Clock at) {
        String wamid = "wamid.demo." + UUID.randomUUID();
        ingest.ingest(
                List.of(new InboundMessage(
                        number,
                        wamid,
                        new Sender(phone, null, customer.name(), null),
                        // WhatsApp's timestamp is a little earlier than when we store the message.
                        at.now().minusSeconds(2),
                        "text",
                        new MessageContent.Text(text),
                        null,
                        null)),
                List.of());
        return history.message(number, wamid).map(MessageView::conversationId).orElseThrow();
    }

    private void answerConsent(
            UUID conversation, DemoScripts.Customer customer, String number, String phone, Clock at) {
        UUID contact =
                queries.state(conversation).map(ConversationState::contactId).orElseThrow();
        if (consents.status(contact) != ConsentStatus.PENDING || customer.consent() == DemoScripts.Consent.IGNORES) {
            return;
        }
        at.later(Duration.ofSeconds(40));
        boolean yes = customer.consent() == DemoScripts.Consent.GRANTS;
        String wamid = "wamid.demo." + UUID.randomUUID();
        ingest.ingest(
                List.of(new InboundMessage(
                        number,
                        wamid,
                        new Sender(phone, null, customer.name(), null),
                        at.now(),
                        "interactive",
                        new MessageContent.InteractiveReply(
                                "button_reply",
                                yes ? ConsentAnswer.YES_BUTTON : ConsentAnswer.NO_BUTTON,
                                yes ? (customer.english() ? "Yes" : "Oui") : (customer.english() ? "No" : "Non"),
                                null,
                                null,
                                null),
                        null,
                        null)),
                List.of());
    }

    /** Replies as the owner, then lets the message leave; returns the owner (it does not change). */
    private long reply(long agent, UUID conversation, String text, String number, Clock at) {
        done(commands.reply(agent, conversation, text, null));
        flush(number, at);
        return agent;
    }

    /**
     * What the sender does for a real number, without the HTTP call: claim what is due, mark it sent with a wamid,
     * then take Meta's delivered and read statuses through ingest.
     */
    private void flush(String number, Clock at) {
        List<StatusUpdate> statuses = new ArrayList<>();
        for (WhatsAppOutbox.Claimed message : outbound.claimDue(List.of(number), 20, Duration.ofMinutes(1))) {
            String wamid = "wamid.demo." + UUID.randomUUID();
            if (outbound.markSent(message, wamid)) {
                statuses.add(
                        new StatusUpdate(number, wamid, "delivered", at.now().plusSeconds(2), null));
                statuses.add(new StatusUpdate(number, wamid, "read", at.now().plusSeconds(45), null));
            }
        }
        if (!statuses.isEmpty()) {
            ingest.ingest(List.of(), statuses);
        }
    }

    private Optional<Long> owner(UUID conversation) {
        return queries.state(conversation)
                .filter(state -> state.status() == ConversationStatus.ASSIGNED)
                .map(ConversationState::agentId);
    }

    private static void done(CommandResult<?> result) {
        if (result instanceof CommandResult.Refused<?> refused) {
            throw new IllegalStateException("Demo archive: a seeded step was refused: " + refused.reason());
        }
    }

    private static String fill(String line, DemoScripts.Customer customer, String phone) {
        return line.replace("{first}", customer.first())
                .replace("{last}", customer.last())
                .replace("{phone}", "+" + phone.substring(0, 2) + " " + phone.substring(2))
                .replace("{email}", customer.email())
                .replace("{street}", customer.street());
    }

    /** The seeding thread's time, moved forward step by step. */
    private static final class Clock {

        private Instant now;
        private final SeedTime time;

        Clock(Instant start, SeedTime time) {
            this.now = start;
            this.time = time;
            time.at(start);
        }

        Instant now() {
            return now;
        }

        void later(Duration step) {
            now = now.plus(step);
            time.at(now);
        }
    }
}
