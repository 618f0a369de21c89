package io.wadesk.whatsapp.internal;

import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.shared.Worker;
import io.wadesk.whatsapp.CloudApiException;
import io.wadesk.whatsapp.CloudApiProperties;
import io.wadesk.whatsapp.WhatsAppConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends our PENDING messages. A round claims a batch from {@link WhatsAppOutbox} (each message then belongs to this
 * instance for the lease), sends them on a few threads within the rate limits, and records each outcome: SENT with
 * the wamid; a passing failure ({@link CloudApiErrorClass#RETRY_LATER}) tried again after an exponential backoff with
 * jitter, and FAILED after the last attempt; any other failure FAILED at once, with Meta's code and message. A message
 * held back by a rate limit, ours or Meta's, is put back, due when the limit allows, without counting an attempt.
 *
 * <p>Delivery is at least once: when an answer is lost after Meta accepted the message (a read timeout), the message
 * is sent again after the backoff, and the customer gets it twice. The Cloud API has no idempotency key for sends;
 * see {@code docs/reliability.md}.
 */
@Component
public class OutboundSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);

    private final WhatsAppOutbox queue;
    private final CloudApiClient client;
    private final WhatsAppConnection connection;
    private final CloudApiProperties.Sender settings;
    private final Clock clock;
    private final RateLimiter limits;
    private final ExecutorService threads;

    /** A sender with the configured values only (tests, benchmarks). */
    public OutboundSender(WhatsAppOutbox queue, CloudApiClient client, CloudApiProperties properties, Clock clock) {
        this(queue, client, properties, WhatsAppConnection.of(properties), clock);
    }

    @Autowired
    public OutboundSender(
            WhatsAppOutbox queue,
            CloudApiClient client,
            CloudApiProperties properties,
            WhatsAppConnection connection,
            Clock clock) {
        this.queue = queue;
        this.client = client;
        this.connection = connection;
        this.settings = properties.sender();
        this.clock = clock;
        this.limits =
                new RateLimiter(clock, properties.rateLimit(), settings.recipientBurst(), settings.recipientInterval());
        this.threads = Executors.newFixedThreadPool(settings.threads(), Worker.numbered("whatsapp-sender"));
    }

    /** What a round did. */
    public record Round(int claimed, int sent, int retried, int failed, int postponed) {

        static Round of(List<Outcome> outcomes) {
            return new Round(
                    outcomes.size(),
                    count(outcomes, Outcome.SENT),
                    count(outcomes, Outcome.RETRIED),
                    count(outcomes, Outcome.FAILED),
                    count(outcomes, Outcome.POSTPONED));
        }

        private static int count(List<Outcome> outcomes, Outcome wanted) {
            return (int) outcomes.stream().filter(o -> o == wanted).count();
        }
    }

    enum Outcome {
        SENT,
        RETRIED,
        FAILED,
        POSTPONED,
        LOST
    }

    /** Claims one batch of due messages and sends it; returns when every message of the batch has its outcome. */
    public Round runOnce() {
        List<WhatsAppOutbox.Claimed> batch =
                queue.claimDue(connection.phoneNumberIds(), settings.batchSize(), settings.lease());
        List<Future<Outcome>> pending = new ArrayList<>(batch.size());
        for (WhatsAppOutbox.Claimed message : batch) {
            pending.add(threads.submit(() -> deliver(message)));
        }
        return Round.of(outcomesOf(pending));
    }

    private static List<Outcome> outcomesOf(List<Future<Outcome>> pending) {
        List<Outcome> outcomes = new ArrayList<>(pending.size());
        for (Future<Outcome> outcome : pending) {
            try {
                outcomes.add(outcome.get());
            } catch (ExecutionException ex) {
                // The claim's lease will make the message due again.
                log.warn("Could not record the outcome of a send", ex.getCause());
                outcomes.add(Outcome.LOST);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return outcomes;
    }

    /**
     * Claims up to {@code limit} due messages and sends them one after the other on the calling thread: the worker
     * runs several such lanes, so that an answer slow to come (up to the read timeout) holds up only its own lane's
     * few messages, where a round of {@link #runOnce} waits for its slowest send before the next claim.
     */
    public Round runLane(int limit) {
        List<WhatsAppOutbox.Claimed> batch = queue.claimDue(connection.phoneNumberIds(), limit, settings.lease());
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (WhatsAppOutbox.Claimed message : batch) {
            try {
                outcomes.add(deliver(message));
            } catch (RuntimeException ex) {
                // The claim's lease will make the message due again.
                log.warn("Could not record the outcome of a send", ex);
                outcomes.add(Outcome.LOST);
            }
        }
        return Round.of(outcomes);
    }

    private Outcome deliver(WhatsAppOutbox.Claimed message) {
        if (message.content() == null) {
            return fail(message, null, "The message was destroyed before it could be sent");
        }
        if (message.recipient().phone() == null && message.recipient().userId() == null) {
            return fail(message, null, "The customer has neither a phone number nor a user id");
        }
        RateLimiter.Grant grant =
                limits.acquire(message.phoneNumberId(), message.recipient().contactId());
        if (!grant.granted()) {
            queue.postpone(message, clock.instant().plus(grant.delay()));
            return Outcome.POSTPONED;
        }
        return sendGranted(message, grant);
    }

    private Outcome sendGranted(WhatsAppOutbox.Claimed message, RateLimiter.Grant grant) {
        try {
            String wamid;
            try {
                wamid = send(message);
            } finally {
                grant.slot().release();
            }
            return queue.markSent(message, wamid) ? Outcome.SENT : Outcome.LOST;
        } catch (CloudApiException ex) {
            return failed(message, ex);
        } catch (UnsupportedOperationException ex) {
            return fail(message, null, ex.getMessage());
        }
    }

    private String send(WhatsAppOutbox.Claimed message) {
        Recipient to =
                new Recipient(message.recipient().phone(), message.recipient().userId());
        String number = message.phoneNumberId();
        if (message.content() instanceof MessageContent.Text text) {
            return client.sendText(number, to, text.body(), message.replyToWamid());
        }
        if (message.content() instanceof MessageContent.Template template) {
            return client.sendTemplate(number, to, template.name(), template.language(), template.parameters());
        }
        if (message.content() instanceof MessageContent.Buttons buttons) {
            return client.sendButtons(number, to, buttons.body(), buttonsOf(buttons));
        }
        if (message.content() instanceof MessageContent.Media media) {
            return sendMedia(message, to, media);
        }
        throw new UnsupportedOperationException(
                "The sender cannot send " + message.content().getClass().getSimpleName() + " messages");
    }

    private static List<CloudApiClient.Button> buttonsOf(MessageContent.Buttons buttons) {
        return buttons.buttons().stream()
                .map(button -> new CloudApiClient.Button(button.id(), button.title()))
                .toList();
    }

    private String sendMedia(WhatsAppOutbox.Claimed message, Recipient to, MessageContent.Media media) {
        String number = message.phoneNumberId();
        WhatsAppOutbox.FileToSend file = queue.fileOf(message.id())
                .orElseThrow(() -> new UnsupportedOperationException("The file of this message is gone"));
        String kind = media.filename() != null || !file.mimeType().startsWith("image/") ? "document" : "image";
        String mediaId = client.uploadMedia(number, file.bytes(), file.mimeType(), media.filename());
        return client.sendMedia(number, to, kind, mediaId, media.caption(), media.filename());
    }

    private Outcome failed(WhatsAppOutbox.Claimed message, CloudApiException ex) {
        if (throttled(ex)) {
            // Meta held the message back for a rate, not for anything wrong with it: like our own limiter's hold, it
            // does not use up an attempt, or a busy minute would fail messages that nothing is wrong with. The wait
            // need not grow: our limiter already bounds how fast this number's retries can come back.
            queue.postpone(message, clock.instant().plus(withJitter(settings.initialBackoff())));
            return Outcome.POSTPONED;
        }
        if (ex.errorClass().retryable() && message.attempt() < settings.maxAttempts()) {
            return retryLater(message, ex);
        }
        log.warn("Message {} failed after {} attempt(s): {}", message.id(), message.attempt(), ex.getMessage());
        return fail(message, ex.code(), ex.title());
    }

    private Outcome retryLater(WhatsAppOutbox.Claimed message, CloudApiException ex) {
        Instant next = clock.instant().plus(withJitter(settings.backoffAfter(message.attempt())));
        log.info(
                "Message {} not sent (attempt {} of {}), trying again at {}: {}",
                message.id(),
                message.attempt(),
                settings.maxAttempts(),
                next,
                ex.getMessage());
        queue.retryAt(message, next, ex.getMessage());
        return Outcome.RETRIED;
    }

    private Outcome fail(WhatsAppOutbox.Claimed message, Integer code, String title) {
        return queue.markFailed(message, code, title) ? Outcome.FAILED : Outcome.LOST;
    }

    /**
     * A rate limit of Meta's (docs/cloud-api.md §6): the number's throughput (130429, or HTTP 429 without a code) or the
     * pace to one customer (131056).
     */
    static boolean throttled(CloudApiException ex) {
        Integer code = ex.code();
        return code == null ? ex.httpStatus() == 429 : code == 130429 || code == 131056;
    }

    /** Between half the backoff and the whole of it, so that messages that failed together don't return together. */
    public static Duration withJitter(Duration backoff) {
        long half = backoff.toMillis() / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    @Override
    public void close() {
        Worker.shutdown(threads, "whatsapp-sender", Duration.ofSeconds(30), false);
    }
}
