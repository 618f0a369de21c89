package io.wadesk.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One seeded conversation, from the customer's first message to its close. The conversation's rank picks its customer,
 * its dialogue and its twist, so the variety is deterministic; the shared {@link Random} spaces the steps.
 */
final class DemoConversation {

    private static final Logger log = LoggerFactory.getLogger(DemoConversation.class);

    /** What happens between the agent's first answer and the rest of the dialogue. */
    enum Twist {
        PLAIN,
        PAUSE,
        TRANSFER_TO_COLLEAGUE,
        TRANSFER_TO_TEAM,
        REENGAGE,
        WINDOW_EXPIRES;

        static Twist of(int rank) {
            return switch (rank % 12) {
                case 2, 9 -> PAUSE;
                case 4 -> TRANSFER_TO_COLLEAGUE;
                case 7 -> TRANSFER_TO_TEAM;
                case 5 -> REENGAGE;
                case 11 -> WINDOW_EXPIRES;
                default -> PLAIN;
            };
        }
    }

    /** A closed conversation that makes a training example. */
    record Marked(UUID conversationId, DemoScripts.Example example, boolean english) {}

    private final DemoActs acts;
    private final DemoArchiveSeeder.Cast cast;
    private final DemoScripts.Dialogue dialogue;
    private final DemoActs.Customer customer;
    private final boolean english;
    private final List<String> lines;
    private final SeedClock at;
    private final Random random;
    private UUID conversation;
    private long agent;

    private DemoConversation(
            DemoActs acts,
            DemoArchiveSeeder.Cast cast,
            DemoScripts.Dialogue dialogue,
            DemoActs.Customer customer,
            SeedClock at,
            Random random) {
        this.acts = acts;
        this.cast = cast;
        this.dialogue = dialogue;
        this.customer = customer;
        this.english = customer.who().english();
        this.lines = dialogue.lines().stream().map(this::fill).toList();
        this.at = at;
        this.random = random;
    }

    /** The conversation of rank {@code rank}, starting at {@code start}. */
    static DemoConversation of(
            DemoActs acts, DemoArchiveSeeder.Cast cast, int rank, Instant start, Random random, SeedTime time) {
        DemoScripts.Customer who = DemoScripts.CUSTOMERS.get((rank * 7) % DemoScripts.CUSTOMERS.size());
        List<DemoScripts.Dialogue> fitting = DemoScripts.DIALOGUES.stream()
                .filter(dialogue -> dialogue.english() == who.english())
                .toList();
        DemoScripts.Dialogue dialogue = fitting.get((rank * 5 + rank / 3) % fitting.size());
        String number = dialogue.sales() ? cast.salesPhone() : cast.servicePhone();
        String phone = cast.customerPrefix() + String.format("%04d", DemoScripts.CUSTOMERS.indexOf(who));
        DemoActs.Customer customer = new DemoActs.Customer(number, who, phone);
        return new DemoConversation(acts, cast, dialogue, customer, new SeedClock(start, time), random);
    }

    /** Plays the conversation with {@code twist}; the example it makes, if it makes one. */
    Optional<Marked> play(Twist twist) {
        if (!opening()) {
            return Optional.empty();
        }
        switch (twist) {
            case PAUSE -> pause();
            case TRANSFER_TO_COLLEAGUE -> transferToColleague();
            case TRANSFER_TO_TEAM -> {
                if (!transferToTeam()) {
                    return Optional.empty();
                }
            }
            case REENGAGE -> {
                reengage();
                return closeAfter(Duration.ofMinutes(5));
            }
            case WINDOW_EXPIRES -> {
                return closeAfter(Duration.ofHours(26 + random.nextInt(6)));
            }
            case PLAIN -> {}
        }
        restOfDialogue();
        return closeAfter(Duration.ofMinutes(2 + random.nextInt(10)));
    }

    /** The customer's first message, the consent question answered, and the owner's first answer. */
    private boolean opening() {
        conversation = acts.customerWrites(customer, lines.get(0), at);
        acts.flush(customer.number(), at);
        acts.answerConsent(conversation, customer, at);
        Optional<Long> owner = acts.owner(conversation);
        if (owner.isEmpty()) {
            log.warn("Demo archive: nobody could take a seeded conversation; it stays in the queue");
            return false;
        }
        agent = owner.get();
        at.later(Duration.ofMinutes(random.nextInt(10) < 8 ? 1 + random.nextInt(20) : 30 + random.nextInt(60)));
        reply(lines.get(1));
        return true;
    }

    private void pause() {
        at.later(Duration.ofMinutes(1 + random.nextInt(3)));
        reply(DemoScripts.askForDetails(english));
        acts.pause(agent, conversation, Duration.ofHours(1));
        at.later(Duration.ofMinutes(15 + random.nextInt(40)));
        acts.customerWrites(customer, DemoScripts.backAgain(english), at);
    }

    private void transferToColleague() {
        List<Long> team = dialogue.sales() ? cast.salesAgents() : cast.serviceAgents();
        long current = agent;
        Optional<Long> colleague = team.stream().filter(id -> id != current).findFirst();
        if (colleague.isPresent()) {
            at.later(Duration.ofMinutes(2 + random.nextInt(5)));
            acts.transferToAgent(agent, conversation, colleague.get(), DemoScripts.transferNote(english));
            agent = colleague.get();
            at.later(Duration.ofMinutes(1 + random.nextInt(5)));
            reply(DemoScripts.takeOver(english));
        }
    }

    /** False when nobody of the other team could take it. */
    private boolean transferToTeam() {
        at.later(Duration.ofMinutes(2 + random.nextInt(5)));
        long otherTeam = dialogue.sales() ? cast.serviceTeam() : cast.salesTeam();
        acts.transferToTeam(agent, conversation, otherTeam, DemoScripts.transferNote(english));
        Optional<Long> taker = acts.owner(conversation);
        if (taker.isEmpty()) {
            return false;
        }
        agent = taker.get();
        at.later(Duration.ofMinutes(1 + random.nextInt(8)));
        reply(DemoScripts.takeOver(english));
        return true;
    }

    /** A day later, outside the window: a template, and the customer comes back. */
    private void reengage() {
        at.later(Duration.ofHours(25 + random.nextInt(5)));
        if (acts.reengage(agent, conversation, customer.who())) {
            acts.flush(customer.number(), at);
            at.later(Duration.ofMinutes(20 + random.nextInt(100)));
            acts.customerWrites(customer, DemoScripts.backAgain(english), at);
            at.later(Duration.ofMinutes(2 + random.nextInt(5)));
            reply(DemoScripts.thanks(english));
        }
    }

    private void restOfDialogue() {
        for (int i = 2; i < lines.size(); i++) {
            if (i % 2 == 0) {
                at.later(Duration.ofMinutes(2 + random.nextInt(8)));
                acts.customerWrites(customer, lines.get(i), at);
            } else {
                at.later(Duration.ofMinutes(1 + random.nextInt(6)));
                reply(lines.get(i));
            }
        }
    }

    private Optional<Marked> closeAfter(Duration wait) {
        at.later(wait);
        acts.close(agent, conversation);
        return Optional.ofNullable(dialogue.example()).map(example -> new Marked(conversation, example, english));
    }

    private void reply(String text) {
        acts.reply(agent, conversation, text, customer.number(), at);
    }

    private String fill(String line) {
        DemoScripts.Customer who = customer.who();
        String phone = customer.phone();
        return line.replace("{first}", who.first())
                .replace("{last}", who.last())
                .replace("{phone}", "+" + phone.substring(0, 2) + " " + phone.substring(2))
                .replace("{email}", who.email())
                .replace("{street}", who.street());
    }
}
