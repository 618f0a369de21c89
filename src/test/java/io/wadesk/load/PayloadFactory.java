package io.wadesk.load;

import io.wadesk.webhook.internal.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Unique, correctly signed Cloud API deliveries, shaped like Meta's (docs/cloud-api.md §3; the samples in
 * {@code shared/whatsapp/payloads/}): one text message; one image, document or voice note whose media id the fake
 * Graph API serves; statuses (sent, delivered, read, or failed) of the wamids our application was given when it sent
 * messages; and mixed batches (two entries, several changes, several contacts and messages, statuses). Non-ASCII text
 * is {@code \\uXXXX}-escaped as Meta writes it. Thread-safe: the client threads build their requests concurrently.
 */
public final class PayloadFactory {

    static final String WABA_ID = "104857600123456";
    static final String DISPLAY_NUMBER = "15550001111";

    private static final String[] TEXTS = {
        "Bonjour, ma commande %d est arriv\\u00e9e ab\\u00eem\\u00e9e \\ud83d\\ude22",
        "Pouvez-vous me rappeler ? Je suis disponible apr\\u00e8s 18h (dossier %d)",
        "Merci beaucoup, c'est r\\u00e9gl\\u00e9 \\ud83d\\udc4d",
        "Le colis %d n'est toujours pas arriv\\u00e9, le suivi indique \\u00ab en cours de livraison \\u00bb"
                + " depuis lundi. J'ai besoin de ces pi\\u00e8ces pour un chantier qui commence jeudi, que"
                + " pouvez-vous faire ?",
        "Oui",
        "Quel est le d\\u00e9lai de remboursement pour la facture %d ?",
    };

    /** A file customers send; every media message of that kind points to these bytes under its own media id. */
    public record MediaFile(String kind, String mimeType, byte[] bytes, String sha256, String filename, boolean voice) {

        public static MediaFile of(String kind, String mimeType, int size, String filename, boolean voice) {
            byte[] bytes = new byte[size];
            new SplittableRandom(size).nextBytes(bytes);
            return new MediaFile(kind, mimeType, bytes, PayloadFactory.sha256(bytes), filename, voice);
        }
    }

    /** Where the files of media messages are published; answers their media id. */
    @FunctionalInterface
    public interface MediaHost {
        String publish(MediaFile file);
    }

    /**
     * The mix of deliveries, in relative weights.
     *
     * @param text one text message
     * @param media one image, document or voice note
     * @param status one status of one of our messages
     * @param batch a mixed batch: 4 messages from 4 customers in 2 entries, and 2 statuses
     */
    public record Mix(int text, int media, int status, int batch) {

        public static final Mix DEFAULT = new Mix(75, 5, 15, 5);

        public static final Mix TEXT_ONLY = new Mix(1, 0, 0, 0);

        /** {@code text=75,media=5,status=15,batch=5}; a kind left out weighs 0. */
        public static Mix parse(String spec) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            for (String part : spec.split(",")) {
                String[] pair = part.strip().split("=", 2);
                weights.put(pair[0].strip().toLowerCase(Locale.ROOT), Integer.parseInt(pair[1].strip()));
            }
            Mix mix = new Mix(
                    weights.getOrDefault("text", 0),
                    weights.getOrDefault("media", 0),
                    weights.getOrDefault("status", 0),
                    weights.getOrDefault("batch", 0));
            if (mix.total() <= 0) {
                throw new IllegalArgumentException("No delivery kind in the mix: " + spec);
            }
            return mix;
        }

        int total() {
            return text + media + status + batch;
        }

        String pick(int roll) {
            int r = roll % total();
            if (r < text) {
                return "text";
            }
            if (r < text + media) {
                return "media";
            }
            return r < text + media + status ? "status" : "batch";
        }

        @Override
        public String toString() {
            return "text=" + text + ",media=" + media + ",status=" + status + ",batch=" + batch;
        }
    }

    /**
     * The wamids the application was given for the messages it sent (by the fake Graph API), each walked through its
     * statuses: sent, delivered, read; one in 25 sent, failed.
     */
    public static final class OutboundWamids {

        private final ConcurrentLinkedQueue<Tracked> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicLong issued = new AtomicLong();

        private static final class Tracked {
            final String wamid;
            final String recipient;
            int step;

            Tracked(String wamid, String recipient) {
                this.wamid = wamid;
                this.recipient = recipient;
            }
        }

        public void issued(String wamid, String recipient) {
            issued.incrementAndGet();
            waiting.add(new Tracked(wamid, recipient));
        }

        public long issuedCount() {
            return issued.get();
        }

        /** The next status to report, or null when every issued wamid has reached its last one. */
        synchronized String[] nextStatus() {
            Tracked tracked = waiting.poll();
            if (tracked == null) {
                return null;
            }
            boolean fails = Math.floorMod(tracked.wamid.hashCode(), 25) == 0;
            String[] path = fails ? new String[] {"sent", "failed"} : new String[] {"sent", "delivered", "read"};
            String status = path[tracked.step++];
            if (tracked.step < path.length) {
                waiting.add(tracked);
            }
            return new String[] {tracked.wamid, status, tracked.recipient};
        }
    }

    private final String secret;
    private final String runId;
    private final String phoneNumberId;
    private final int senders;
    private final Mix mix;
    private final MediaHost mediaHost;
    private final OutboundWamids outbound;
    private final Clock clock;
    private final List<MediaFile> files;
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder unknownStatuses = new LongAdder();

    public PayloadFactory(
            String secret,
            String runId,
            String phoneNumberId,
            int senders,
            Mix mix,
            MediaHost mediaHost,
            OutboundWamids outbound,
            Clock clock) {
        this.secret = secret;
        this.runId = runId;
        this.phoneNumberId = phoneNumberId;
        this.senders = senders;
        this.mix = mix;
        this.mediaHost = mediaHost;
        this.outbound = outbound;
        this.clock = clock;
        this.files = List.of(
                MediaFile.of("image", "image/jpeg", 90 * 1024, null, false),
                MediaFile.of("document", "application/pdf", 150 * 1024, "facture.pdf", false),
                MediaFile.of("audio", "audio/ogg; codecs=opus", 24 * 1024, null, true));
    }

    /** The wamids of this run's inbound messages start with this. */
    public String wamidPrefix(String phase) {
        return "wamid.load." + runId + "." + phase + ".";
    }

    /** Statuses sent for wamids the application never sent (none of its messages was waiting for one). */
    public long unknownStatuses() {
        return unknownStatuses.sum();
    }

    /** Request {@code index} of a phase: its kind follows the mix, its customer is drawn from the pool. */
    public SignedDelivery build(String phase, int index) {
        SplittableRandom random = new SplittableRandom(((long) phase.hashCode() << 32) ^ index);
        String kind = mix.pick(random.nextInt(Integer.MAX_VALUE));
        if ("media".equals(kind) && mediaHost == null) {
            kind = "text";
        }
        Payload payload = new Payload();
        switch (kind) {
            case "text" -> payload.entry(List.of(payload.messagesChange(List.of(text(phase, random)))));
            case "media" -> payload.entry(List.of(payload.messagesChange(List.of(media(phase, random)))));
            case "status" -> payload.entry(List.of(payload.statusesChange(List.of(status()))));
            default -> {
                List<String> changes = new ArrayList<>();
                changes.add(
                        payload.messagesChange(List.of(text(phase, random), text(phase, random), text(phase, random))));
                changes.add(payload.statusesChange(List.of(status(), status())));
                payload.entry(changes);
                payload.entry(List.of(payload.messagesChange(List.of(text(phase, random)))));
            }
        }
        return payload.sign(kind);
    }

    /** One inbound message with its contact: what a {@code messages} array and a {@code contacts} array hold. */
    private record Message(String wamid, String contact, String json) {}

    private Message text(String phase, SplittableRandom random) {
        int sender = random.nextInt(senders);
        String wamid = wamidPrefix(phase) + sequence.incrementAndGet();
        String body = TEXTS[random.nextInt(TEXTS.length)].replace("%d", Integer.toString(random.nextInt(100_000)));
        return message(sender, wamid, "\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}");
    }

    private Message media(String phase, SplittableRandom random) {
        int sender = random.nextInt(senders);
        String wamid = wamidPrefix(phase) + sequence.incrementAndGet();
        MediaFile file = files.get(random.nextInt(files.size()));
        String mediaId = mediaHost.publish(file);
        StringBuilder media = new StringBuilder("{\"mime_type\":\"")
                .append(file.mimeType())
                .append("\",\"sha256\":\"")
                .append(file.sha256())
                .append("\",\"id\":\"")
                .append(mediaId)
                .append('"');
        switch (file.kind()) {
            case "image" -> media.append(",\"caption\":\"Le carton re\\u00e7u ce matin\"");
            case "document" ->
                media.append(",\"caption\":\"Facture pour le retour\",\"filename\":\"")
                        .append(file.filename())
                        .append('"');
            default -> media.append(",\"voice\":").append(file.voice());
        }
        media.append('}');
        return message(sender, wamid, "\"type\":\"" + file.kind() + "\",\"" + file.kind() + "\":" + media);
    }

    private Message message(int sender, String wamid, String typeAndContent) {
        String waId = waId(sender);
        String userId = userId(sender);
        String contact = "{\"profile\":{\"name\":\"Client n\\u00b0" + sender + "\"},\"wa_id\":\"" + waId
                + "\",\"user_id\":\"" + userId + "\"}";
        String json = "{\"from\":\"" + waId + "\",\"from_user_id\":\"" + userId + "\",\"id\":\"" + wamid
                + "\",\"timestamp\":\"" + clock.instant().getEpochSecond() + "\"," + typeAndContent + "}";
        return new Message(wamid, contact, json);
    }

    /** A customer's WhatsApp id: a French mobile number, one per customer of the pool. */
    static String waId(int sender) {
        return "3361" + String.format("%07d", sender);
    }

    static String userId(int sender) {
        return "US.71" + String.format("%017d", sender);
    }

    /** One status in a {@code statuses} array, and its {@code wamid/status}. */
    private record Status(String json, String key) {}

    /** A status of one of our messages; of an unknown wamid when none is waiting for one (counted). */
    private Status status() {
        String[] next = outbound != null ? outbound.nextStatus() : null;
        if (next == null) {
            unknownStatuses.increment();
            next = new String[] {"wamid.load." + runId + ".unknown." + sequence.incrementAndGet(), "sent", waId(0)};
        }
        StringBuilder json = new StringBuilder("{\"id\":\"")
                .append(next[0])
                .append("\",\"status\":\"")
                .append(next[1])
                .append("\",\"timestamp\":\"")
                .append(clock.instant().getEpochSecond())
                .append("\",\"recipient_id\":\"")
                .append(next[2])
                .append('"');
        if ("sent".equals(next[1])) {
            json.append(
                    ",\"conversation\":{\"id\":\"a3f9c2d18e7b4c6f9d0e1b2a3c4d5e6f\",\"origin\":{\"type\":\"service\"}},"
                            + "\"pricing\":{\"billable\":false,\"pricing_model\":\"PMP\",\"type\":\"free_customer_service\","
                            + "\"category\":\"service\"}");
        } else if ("failed".equals(next[1])) {
            json.append(",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\",\"message\":"
                    + "\"Message undeliverable\",\"error_data\":{\"details\":\"Message Undeliverable.\"}}]");
        }
        return new Status(json.append('}').toString(), next[0] + "/" + next[1]);
    }

    /** Builds one body: entries of changes; remembers the items it carries. */
    private final class Payload {

        private final List<String> entries = new ArrayList<>();
        private final List<String> messageIds = new ArrayList<>();
        private final List<String> statusKeys = new ArrayList<>();

        void entry(List<String> changes) {
            entries.add("{\"id\":\"" + WABA_ID + "\",\"changes\":[" + String.join(",", changes) + "]}");
        }

        String messagesChange(List<Message> messages) {
            List<String> contacts = new ArrayList<>();
            List<String> items = new ArrayList<>();
            for (Message message : messages) {
                contacts.add(message.contact());
                items.add(message.json());
                messageIds.add(message.wamid());
            }
            return change(
                    "\"contacts\":[" + String.join(",", contacts) + "],\"messages\":[" + String.join(",", items) + "]");
        }

        String statusesChange(List<Status> statuses) {
            List<String> items = new ArrayList<>();
            for (Status status : statuses) {
                items.add(status.json());
                statusKeys.add(status.key());
            }
            return change("\"statuses\":[" + String.join(",", items) + "]");
        }

        private String change(String content) {
            return "{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\""
                    + DISPLAY_NUMBER + "\",\"phone_number_id\":\"" + phoneNumberId + "\"}," + content
                    + "},\"field\":\"messages\"}";
        }

        SignedDelivery sign(String kind) {
            byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[" + String.join(",", entries) + "]}")
                    .getBytes(StandardCharsets.US_ASCII);
            return new SignedDelivery(
                    body, SignatureVerifier.sign(secret, body), kind, List.copyOf(messageIds), List.copyOf(statusKeys));
        }
    }

    /** Base64 SHA-256, as Meta writes it in webhooks and media answers. */
    static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
