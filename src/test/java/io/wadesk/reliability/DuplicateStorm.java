package io.wadesk.reliability;

import io.wadesk.reliability.WebhookTransport.Post;
import io.wadesk.webhook.internal.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Scenario 1 of issue 10, the duplicate storm: N unique messages from many senders, signed as Meta signs them, of
 * which 30% are delivered again: half of those at the same moment as the original (the same body posted at once on
 * other connections, two or three copies in all), half once the originals have been applied, after a tenth of the
 * conversations were closed. Exactly N messages must be stored, and each once: one contact and one conversation per
 * sender (a late redelivery reopens nothing), one consent request and one routing per conversation, one media
 * download per image, every delivery acknowledged and applied, none a dead letter.
 *
 * <p>One implementation, two sizes: {@link DuplicateStormRunner} (real HTTP, workers on) and {@code
 * DuplicateStormTests} (MockMvc on the shared test context).
 */
final class DuplicateStorm {

    static final double REDELIVERED = 0.30;
    private static final double CLOSED_BEFORE_LATE = 0.10;

    /**
     * @param messages unique messages to store
     * @param senders distinct customers writing them
     * @param concurrency client threads posting
     * @param seed for every random choice (types, grouping, which are redelivered and how)
     */
    record Settings(int messages, int senders, int concurrency, long seed) {}

    private record Message(int index, String wamid, int sender, boolean image, String text) {}

    /** One POST body: one message, or two of different senders as Meta sometimes groups them. */
    private record Delivery(List<Message> messages, byte[] body, String signature) {

        Post post() {
            return Post.json(body, signature);
        }
    }

    private final Settings settings;
    private final String secret;
    private final String runId;
    private final String phoneNumberId;
    private final long firstTimestamp;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Integer> concurrentCopies = new ArrayList<>();
    private final List<Delivery> late = new ArrayList<>();
    private final List<String> closedSenderWamids = new ArrayList<>();
    private int redeliveredMessages;

    /**
     * @param runId makes wamids, senders and the business number of this run unique, so that a run on a database
     *     shared with other tests counts only its own rows
     * @param writtenAt when the customers wrote, as the application's clock reads it: Meta delivers within seconds,
     *     and a message already outside the 24-hour window gets no consent request (a free-form message)
     */
    DuplicateStorm(Settings settings, String secret, String runId, Instant writtenAt) {
        this.settings = settings;
        this.secret = secret;
        this.runId = runId;
        this.firstTimestamp = writtenAt.getEpochSecond();
        this.phoneNumberId = "7"
                + String.format("%014d", Math.floorMod(runId.hashCode() * 31L + settings.seed(), 100_000_000_000_000L));
        plan();
    }

    private void plan() {
        Random random = new Random(settings.seed());
        List<Message> messages = new ArrayList<>(settings.messages());
        for (int i = 0; i < settings.messages(); i++) {
            int sender = i % settings.senders();
            boolean image = random.nextInt(10) == 0;
            // Now and then a customer answers the consent request in words: recorded once, however often redelivered.
            String text = i >= settings.senders() && random.nextInt(20) == 0
                    ? "oui"
                    : "Bonjour, commande " + i + " arriv\\u00e9e ab\\u00eem\\u00e9e \\ud83d\\ude22";
            messages.add(new Message(i, "wamid.storm." + runId + "." + i, sender, image, text));
        }
        for (int i = 0; i < messages.size(); i++) {
            Message first = messages.get(i);
            if (i + 1 < messages.size()
                    && random.nextInt(10) == 0
                    && messages.get(i + 1).sender() != first.sender()) {
                deliveries.add(delivery(List.of(first, messages.get(i + 1))));
                i++;
            } else {
                deliveries.add(delivery(List.of(first)));
            }
        }
        Collections.shuffle(deliveries, random);

        deliveries.forEach(delivery -> concurrentCopies.add(1));
        List<Integer> order =
                new ArrayList<>(IntStream.range(0, deliveries.size()).boxed().toList());
        Collections.shuffle(order, random);
        int target = (int) Math.round(settings.messages() * REDELIVERED);
        for (int index : order) {
            if (redeliveredMessages >= target) {
                break;
            }
            Delivery delivery = deliveries.get(index);
            if (redeliveredMessages < target / 2) {
                concurrentCopies.set(index, 2 + random.nextInt(2));
            } else {
                late.add(delivery);
            }
            redeliveredMessages += delivery.messages().size();
        }
        Collections.shuffle(late, random);

        List<Integer> senders =
                new ArrayList<>(IntStream.range(0, settings.senders()).boxed().toList());
        Collections.shuffle(senders, random);
        senders.subList(0, (int) Math.round(settings.senders() * CLOSED_BEFORE_LATE))
                .forEach(sender -> closedSenderWamids.add(messages.get(sender).wamid()));
    }

    private Delivery delivery(List<Message> messages) {
        StringBuilder contacts = new StringBuilder();
        StringBuilder items = new StringBuilder();
        for (Message message : messages) {
            String waId = waId(message.sender());
            String userId = "US.storm." + runId + "." + message.sender();
            contacts.append(contacts.isEmpty() ? "" : ",")
                    .append("{\"profile\":{\"name\":\"Client %d\"},\"wa_id\":\"%s\",\"user_id\":\"%s\"}"
                            .formatted(message.sender(), waId, userId));
            items.append(items.isEmpty() ? "" : ",")
                    .append("{\"from\":\"%s\",\"from_user_id\":\"%s\",\"id\":\"%s\",\"timestamp\":\"%d\","
                            .formatted(waId, userId, message.wamid(), firstTimestamp + message.index()))
                    .append(
                            message.image()
                                    ? "\"type\":\"image\",\"image\":{\"caption\":\"photo %d\",\"mime_type\":\"image/jpeg\",\"sha256\":\"%s\",\"id\":\"media.%s.%d\"}}"
                                            .formatted(
                                                    message.index(),
                                                    HexFormat.of().formatHex(new byte[32]),
                                                    runId,
                                                    message.index())
                                    : "\"type\":\"text\",\"text\":{\"body\":\"%s\"}}".formatted(message.text()));
        }
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"104857600123456\","
                        + "\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                        + "\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"" + phoneNumberId + "\"},"
                        + "\"contacts\":[" + contacts + "],\"messages\":[" + items + "]},\"field\":\"messages\"}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        return new Delivery(messages, body, SignatureVerifier.sign(secret, body));
    }

    private String waId(int sender) {
        return "4" + phoneNumberId.substring(7) + String.format("%05d", sender);
    }

    /** Posts, waits for the workers, redelivers late, waits again, then counts what the database holds. */
    Report run(WebhookTransport transport, AppUnderTest app, Duration applyTimeout) {
        long started = System.nanoTime();
        Instant since = app.clock().instant();
        Clients clients = new Clients();
        clients.run(
                transport,
                settings.concurrency(),
                deliveries.size(),
                i -> () -> Collections.nCopies(
                        concurrentCopies.get(i), deliveries.get(i).post()));
        double postSeconds = (System.nanoTime() - started) / 1e9;
        boolean applied = app.awaitApplied(since, applyTimeout);

        // What agents do meanwhile: a tenth of the conversations are closed before the late redeliveries come.
        int closed = app.jdbc()
                .sql("UPDATE conversations SET status = 'CLOSED', closed_at = ? WHERE status = 'QUEUED' AND id IN"
                        + " (SELECT conversation_id FROM messages WHERE phone_number_id = ? AND wamid = ANY (?))")
                .params(
                        AppUnderTest.at(app.clock().instant()),
                        phoneNumberId,
                        closedSenderWamids.toArray(String[]::new))
                .update();
        if (app.moveClockTo() != null) {
            app.moveClockTo().accept(app.clock().instant().plus(Duration.ofMinutes(10)));
        }
        clients.run(
                transport,
                settings.concurrency(),
                late.size(),
                i -> () -> List.of(late.get(i).post()));
        boolean lateApplied = app.awaitApplied(since, applyTimeout);
        double seconds = (System.nanoTime() - started) / 1e9;
        return verify(app, since, clients, applied && lateApplied, closed, postSeconds, seconds);
    }

    private Report verify(
            AppUnderTest app,
            Instant since,
            Clients clients,
            boolean applied,
            int closed,
            double postSeconds,
            double seconds) {
        var jdbc = app.jdbc();
        String[] wamids = deliveries.stream()
                .flatMap(delivery -> delivery.messages().stream())
                .map(Message::wamid)
                .toArray(String[]::new);
        long images = deliveries.stream()
                .flatMap(delivery -> delivery.messages().stream())
                .filter(Message::image)
                .count();
        long stored = count(jdbc, "messages WHERE phone_number_id = ? AND direction = 'INBOUND'", phoneNumberId);
        long distinct = count(
                jdbc,
                "(SELECT DISTINCT wamid FROM messages WHERE phone_number_id = ? AND direction = 'INBOUND') d",
                phoneNumberId);
        long expectedPresent = count(
                jdbc,
                "messages WHERE phone_number_id = ? AND direction = 'INBOUND' AND wamid = ANY (?)",
                phoneNumberId,
                wamids);
        String ofRun = " IN (SELECT contact_id FROM conversations WHERE phone_number_id = '" + phoneNumberId + "')";
        String conversationsOfRun =
                " IN (SELECT id FROM conversations WHERE phone_number_id = '" + phoneNumberId + "')";
        long contacts = count(jdbc, "contacts WHERE id" + ofRun);
        long conversations = count(jdbc, "conversations WHERE phone_number_id = ?", phoneNumberId);
        long consentRequests = count(
                jdbc,
                "messages WHERE phone_number_id = ? AND direction = 'OUTBOUND' AND type = 'interactive'",
                phoneNumberId);
        long otherOutbound = count(
                jdbc,
                "messages WHERE phone_number_id = ? AND direction = 'OUTBOUND' AND type <> 'interactive'",
                phoneNumberId);
        long asked = count(jdbc, "consent_events WHERE status = 'PENDING' AND contact_id" + ofRun);
        long askedContacts = count(
                jdbc,
                "(SELECT DISTINCT contact_id FROM consent_events WHERE status = 'PENDING' AND contact_id" + ofRun
                        + ") d");
        long granted = count(jdbc, "consent_events WHERE status = 'GRANTED' AND contact_id" + ofRun);
        long grantedContacts = count(jdbc, "contacts WHERE consent_status = 'GRANTED' AND id" + ofRun);
        long queued = count(jdbc, "conversation_events WHERE type = 'QUEUED' AND conversation_id" + conversationsOfRun);
        long media = count(jdbc, "media_files WHERE phone_number_id = ?", phoneNumberId);
        String inbox = " webhook_inbox WHERE received_at BETWEEN ? AND ?";
        Object[] window = {AppUnderTest.at(since), AppUnderTest.at(app.clock().instant())};
        // An applied delivery is deleted at once: every post acknowledged and no longer there was applied.
        long inboxDone = clients.posts() - count(jdbc, inbox, window);
        long inboxDead = count(jdbc, inbox + " AND state = 'DEAD'", window);
        long inboxPending = count(jdbc, inbox + " AND state = 'PENDING'", window);
        long inboxRetried = count(jdbc, inbox + " AND attempts > 0", window);

        int n = settings.messages();
        int senders = settings.senders();
        long posts = clients.posts();
        Report report = new Report("duplicate storm seed=%d", settings.seed());
        report.line(
                "plan: %d messages in %d deliveries from %d senders (%d images); %d messages redelivered (%.0f%%):"
                        + " %d deliveries posted 2-3 times at once, %d posted again after they were applied"
                        + " and %d conversations closed",
                n,
                deliveries.size(),
                senders,
                images,
                redeliveredMessages,
                100.0 * redeliveredMessages / n,
                concurrentCopies.stream().filter(copies -> copies > 1).count(),
                late.size(),
                closed);
        report.line(
                "posts: %d (%d clients) in %.1f s = %.0f/s; answers by status %s",
                posts, settings.concurrency(), postSeconds, (posts - late.size()) / postSeconds, clients.statuses());
        report.line(
                "stored: %d messages, %d distinct wamids, %d of %d sent wamids present, duplicates %d",
                stored, distinct, expectedPresent, n, stored - distinct);
        report.line(
                "side effects: %d contacts, %d conversations, %d consent requests (+%d other outbound),"
                        + " consent asked %d times (%d contacts), granted %d times (%d contacts granted),"
                        + " %d routings, %d media downloads for %d images",
                contacts,
                conversations,
                consentRequests,
                otherOutbound,
                asked,
                askedContacts,
                granted,
                grantedContacts,
                queued,
                media,
                images);
        report.line(
                "inbox: %d done, %d dead, %d pending, %d retried after a failed attempt",
                inboxDone, inboxDead, inboxPending, inboxRetried);
        report.check(applied, "all applied in time");
        report.check(clients.answeredWith(200) == posts, "every post answered 200");
        report.check(stored == n, "stored == messages");
        report.check(stored == distinct, "no duplicate wamid");
        report.check(expectedPresent == n, "every sent wamid stored");
        report.check(contacts == senders, "one contact per sender");
        report.check(conversations == senders, "one conversation per sender (none reopened)");
        report.check(consentRequests == senders && otherOutbound == 0, "one consent request per conversation");
        report.check(asked == senders && askedContacts == senders, "consent asked once per contact");
        report.check(granted == grantedContacts, "consent granted at most once per contact");
        report.check(queued == senders, "routed once per conversation");
        report.check(media == images, "one media download per image");
        report.check(
                inboxDone == posts && inboxDead == 0 && inboxPending == 0,
                "inbox: every post applied once, no dead letter");
        report.summary(
                "%d stored of %d, %d duplicates, %d posts %s, %d dead letters, %.1f s",
                stored, n, stored - distinct, posts, clients.statuses(), inboxDead, seconds);
        return report;
    }

    private static long count(org.springframework.jdbc.core.simple.JdbcClient jdbc, String from, Object... params) {
        return jdbc.sql("SELECT count(*) FROM " + from)
                .params(params)
                .query(Long.class)
                .single();
    }
}
