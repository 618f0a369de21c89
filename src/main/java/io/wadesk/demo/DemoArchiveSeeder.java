package io.wadesk.demo;

import io.wadesk.library.TrainingLibrary;
import io.wadesk.library.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes weeks of past conversations through the real code paths ({@link DemoActs}), one {@link DemoConversation}
 * after another, then marks a few of them as training examples. Time is set with {@link SeedTime} before every step.
 *
 * <p>The variety is deterministic (the conversation's rank picks its customer and its twist), so that a short run
 * already has consents granted, refused and unanswered, pauses, transfers to a colleague and to a team,
 * re-engagements and window expiries.
 */
@Component
class DemoArchiveSeeder {

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

    private final DemoActs acts;
    private final TrainingLibrary library;
    private final JdbcClient jdbc;

    DemoArchiveSeeder(DemoActs acts, TrainingLibrary library, JdbcClient jdbc) {
        this.acts = acts;
        this.library = library;
        this.jdbc = jdbc;
    }

    /**
     * Takes the seeding marker {@code name}: true the first time only, whichever instance or start asks, so the demo
     * data is written once.
     */
    boolean claim(String name, Instant now) {
        return jdbc.sql("INSERT INTO demo_seeding (name, started_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
                        .params(name, now.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    void done(String name, Instant now) {
        jdbc.sql("UPDATE demo_seeding SET done_at = ? WHERE name = ?")
                .params(now.atOffset(ZoneOffset.UTC), name)
                .update();
    }

    /** Seeds {@code days} days ending with {@code lastDay} (Paris days), then marks a few training examples. */
    Summary seed(Cast cast, LocalDate lastDay, int days, SeedTime time) {
        Random random = new Random(20261121L);
        List<Instant> starts = starts(lastDay, days, random);
        Map<DemoScripts.Example, List<DemoConversation.Marked>> candidates = new EnumMap<>(DemoScripts.Example.class);
        try {
            for (int rank = 0; rank < starts.size(); rank++) {
                DemoConversation.of(acts, cast, rank, starts.get(rank), random, time)
                        .play(DemoConversation.Twist.of(rank))
                        .ifPresent(marked -> candidates
                                .computeIfAbsent(marked.example(), key -> new ArrayList<>())
                                .add(marked));
            }
            time.at(starts.get(starts.size() - 1).plus(Duration.ofDays(1)));
            return new Summary(starts.size(), markExamples(cast, candidates));
        } finally {
            time.release();
        }
    }

    /** When each conversation starts: four to seven a weekday, one or two a weekend day, in office hours. */
    private static List<Instant> starts(LocalDate lastDay, int days, Random random) {
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
        return starts;
    }

    /** Two good examples and one bad in each language, of conversations whose transcript was kept. */
    private int markExamples(Cast cast, Map<DemoScripts.Example, List<DemoConversation.Marked>> candidates) {
        int marked = 0;
        for (Map.Entry<DemoScripts.Example, List<DemoConversation.Marked>> entry : candidates.entrySet()) {
            for (boolean english : List.of(false, true)) {
                marked += mark(cast, entry.getKey(), entry.getValue(), english);
            }
        }
        return marked;
    }

    /** Marks the first candidates of one kind and language until enough are marked; returns how many were. */
    private int mark(
            Cast cast, DemoScripts.Example example, List<DemoConversation.Marked> candidates, boolean english) {
        int wanted = example == DemoScripts.Example.GOOD ? 2 : 1;
        Verdict verdict = example == DemoScripts.Example.GOOD ? Verdict.GOOD : Verdict.BAD;
        int marked = 0;
        for (DemoConversation.Marked candidate : candidates) {
            if (marked == wanted || candidate.english() != english) {
                continue;
            }
            if (library.mark(
                            cast.managerId(),
                            cast.managerUsername(),
                            candidate.conversationId(),
                            verdict,
                            comment(verdict, english))
                    .isEmpty()) {
                marked++;
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
}
