package io.wadesk.simulator.internal;

import io.wadesk.shared.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Service;

/**
 * Plays several customers without typing, so a demo or a manual load test has life: each customer writes the lines of
 * a short script, one every {@code pace}, and answers the reply buttons the business sends (accepting the consent
 * request). The customers take turns, so the messages are spread over the pace. It stops once every script is played.
 */
@Service
@ConditionalOnBooleanProperty("wadesk.simulator.enabled")
public class Autopilot implements DisposableBean {

    public static final int MAX_CUSTOMERS = 50;
    public static final Duration MIN_PACE = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(Autopilot.class);

    private final Simulator simulator;
    private final ScheduledExecutorService ticks;
    private ScheduledFuture<?> run;
    private List<Actor> actors = List.of();
    private int turn;
    private Duration pace = Duration.ZERO;

    Autopilot(Simulator simulator) {
        this.simulator = simulator;
        this.ticks = Executors.newSingleThreadScheduledExecutor(Worker.named("simulator-autopilot"));
    }

    /** What the page shows: whether it runs, how many customers still play, and each one's pace. */
    public record State(boolean running, int customers, Duration pace) {}

    public synchronized State state() {
        return new State(
                run != null, (int) actors.stream().filter(a -> !a.done()).count(), pace);
    }

    /** Starts {@code customers} new customers (bounded), each writing once per {@code pace}; restarts if running. */
    public synchronized void start(int customers, Duration pace) {
        stop();
        int count = Math.max(1, Math.min(customers, MAX_CUSTOMERS));
        this.pace = pace.compareTo(MIN_PACE) < 0 ? MIN_PACE : pace;
        List<Actor> cast = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            AutopilotScripts.Script script =
                    AutopilotScripts.SCRIPTS.get(random.nextInt(AutopilotScripts.SCRIPTS.size()));
            boolean french = script.language().equals("fr");
            List<String> names = french ? AutopilotScripts.FRENCH_NAMES : AutopilotScripts.ENGLISH_NAMES;
            String phone = (french ? "336" : "4477") + String.format("%08d", random.nextInt(100_000_000));
            SimulatedCustomer customer = simulator.addCustomer(names.get(random.nextInt(names.size())), phone);
            String order = Integer.toString(10_000 + random.nextInt(90_000));
            cast.add(new Actor(
                    customer.phone(),
                    script.lines().stream().map(l -> l.formatted(order)).toList()));
        }
        this.actors = List.copyOf(cast);
        this.turn = 0;
        long interval = Math.max(1, this.pace.toMillis() / count);
        this.run = ticks.scheduleAtFixedRate(this::tick, 0, interval, TimeUnit.MILLISECONDS);
        log.info("Simulator autopilot: {} customer(s), one message every {} each", count, this.pace);
    }

    public synchronized void stop() {
        if (run != null) {
            run.cancel(false);
            run = null;
        }
    }

    private void tick() {
        Actor actor;
        synchronized (this) {
            Optional<Actor> next = nextActor();
            if (next.isEmpty()) {
                stop();
                return;
            }
            actor = next.get();
        }
        try {
            actor.act(simulator);
        } catch (RuntimeException ex) {
            log.warn("Simulator autopilot: customer {} could not write: {}", actor.phone, ex.getMessage());
            actor.giveUp();
        }
    }

    private Optional<Actor> nextActor() {
        for (int i = 0; i < actors.size(); i++) {
            Actor actor = actors.get(turn++ % actors.size());
            if (!actor.done()) {
                return Optional.of(actor);
            }
        }
        return Optional.empty();
    }

    /** One customer: taps the buttons it was sent, otherwise writes its next line. */
    private static final class Actor {

        private final String phone;
        private final List<String> lines;
        private final Set<String> answered = new HashSet<>();
        private int next;
        private int failures;

        Actor(String phone, List<String> lines) {
            this.phone = phone;
            this.lines = lines;
        }

        synchronized boolean done() {
            return next >= lines.size() || failures >= 3;
        }

        synchronized void giveUp() {
            failures++;
        }

        synchronized void act(Simulator simulator) {
            Optional<SimulatedMessage> question = simulator.thread(phone).stream()
                    .filter(m -> !m.fromCustomer() && !m.buttons().isEmpty() && !answered.contains(m.wamid()))
                    .findFirst();
            if (question.isPresent()) {
                SimulatedMessage message = question.get();
                answered.add(message.wamid());
                simulator.tap(phone, message.wamid(), message.buttons().get(0).id());
                return;
            }
            simulator.sendText(phone, lines.get(next));
            next++;
        }
    }

    @Override
    public void destroy() {
        Worker.shutdown(ticks, "simulator-autopilot", Duration.ofSeconds(5), true);
    }
}
