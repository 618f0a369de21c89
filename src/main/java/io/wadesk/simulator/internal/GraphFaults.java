package io.wadesk.simulator.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Random faults of the fake Graph API, for the outbound fault scenario ({@code docs/reliability.md}). Once a
 * {@link Plan} is applied, each send to {@code /messages} draws from a seeded generator whether it is refused with
 * HTTP 429 (130429), 500 or 503, or accepted with its answer lost: the message reaches the customer, then the answer
 * is held past the client's read timeout, as when a connection drops after Meta accepted a request. Off until a plan
 * is applied. Observers see every send as it arrives, with what it was answered.
 */
@Component
@ConditionalOnBooleanProperty("wadesk.simulator.enabled")
public class GraphFaults {

    /**
     * The share of sends given each fault, drawn in this order from one uniform number: at most 1 in all. With one
     * sender thread the same seed gives the same sequence of answers; with several, the same rates, but which
     * message meets which fault depends on the threads' timing.
     *
     * @param lostAnswerDelay how long an accepted send whose answer is lost holds its connection before answering
     */
    public record Plan(
            long seed,
            double tooManyRequests,
            double serverError,
            double unavailable,
            double answerLost,
            Duration lostAnswerDelay) {

        public Plan {
            for (double share : new double[] {tooManyRequests, serverError, unavailable, answerLost}) {
                if (!(share >= 0 && share <= 1)) {
                    throw new IllegalArgumentException("A share of faults is between 0 and 1");
                }
            }
            if (tooManyRequests + serverError + unavailable + answerLost > 1) {
                throw new IllegalArgumentException("The shares of faults add up to more than 1");
            }
            if (lostAnswerDelay.isNegative()) {
                throw new IllegalArgumentException("A delay is not negative");
            }
        }

        public static Plan none() {
            return new Plan(0, 0, 0, 0, 0, Duration.ZERO);
        }
    }

    /** What one send was answered. */
    public enum Answer {
        ACCEPTED(null),
        TOO_MANY_REQUESTS(GraphFailure.TOO_MANY_REQUESTS),
        SERVER_ERROR(GraphFailure.SERVER_ERROR),
        UNAVAILABLE(GraphFailure.UNAVAILABLE),
        /** Accepted and delivered, but the answer came after the client stopped waiting. */
        ANSWER_LOST(null),
        /** A failure set on the simulator page ({@link Simulator#failNext}). */
        FAILED_AS_TOLD(null);

        private final GraphFailure failure;

        Answer(GraphFailure failure) {
            this.failure = failure;
        }

        /** The refusal to answer with, null when the message is accepted. */
        public GraphFailure failure() {
            return failure;
        }

        /** Whether the customer received the message. */
        public boolean delivered() {
            return this == ACCEPTED || this == ANSWER_LOST;
        }
    }

    /**
     * A send as the fake Graph API received it: when, from which business number, to whom, its text as the customer
     * would see it, what it was answered and, when delivered, its wamid.
     */
    public record Arrival(Instant at, String phoneNumberId, String to, String text, Answer answer, String wamid) {}

    private final List<Consumer<Arrival>> observers = new CopyOnWriteArrayList<>();
    private Plan plan = Plan.none();
    private SplittableRandom random = new SplittableRandom(0);

    public synchronized void apply(Plan plan) {
        this.plan = plan;
        this.random = new SplittableRandom(plan.seed());
    }

    public synchronized Plan plan() {
        return plan;
    }

    /** The answer the next send gets under the plan. */
    public synchronized Answer draw() {
        double total = plan.tooManyRequests() + plan.serverError() + plan.unavailable() + plan.answerLost();
        if (total == 0) {
            return Answer.ACCEPTED;
        }
        double x = random.nextDouble();
        if ((x -= plan.tooManyRequests()) < 0) {
            return Answer.TOO_MANY_REQUESTS;
        }
        if ((x -= plan.serverError()) < 0) {
            return Answer.SERVER_ERROR;
        }
        if ((x -= plan.unavailable()) < 0) {
            return Answer.UNAVAILABLE;
        }
        return x - plan.answerLost() < 0 ? Answer.ANSWER_LOST : Answer.ACCEPTED;
    }

    /** Shows every later send to {@code observer} until the returned handle is closed; called on request threads. */
    public AutoCloseable observe(Consumer<Arrival> observer) {
        observers.add(observer);
        return () -> observers.remove(observer);
    }

    public void arrived(Arrival arrival) {
        observers.forEach(observer -> observer.accept(arrival));
    }
}
