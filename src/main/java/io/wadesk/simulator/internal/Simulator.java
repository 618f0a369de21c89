package io.wadesk.simulator.internal;

import io.wadesk.shared.Worker;
import io.wadesk.whatsapp.CloudApiProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Service;

/**
 * The customers' side of WhatsApp, in memory: what the customers played on {@code /simulator} send reaches the
 * webhook as Meta would post it, and what the business sends through the fake Graph API lands on their phones, then
 * comes back as sent, delivered and read statuses. Demo state only: bounded, and gone at restart.
 */
@Service
@ConditionalOnBooleanProperty("wadesk.simulator.enabled")
public class Simulator implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Simulator.class);
    static final String DISPLAY_PHONE_NUMBER = "15550000000";
    /** Files kept for download, the oldest forgotten first: at most 5 MB each, so a bounded footprint. */
    static final int MAX_MEDIA = 50;

    private final WebhookPoster webhook;
    private final SimulatorProperties properties;
    private final Clock clock;
    private final String phoneNumberId;
    private final ScheduledExecutorService statuses;

    private final Map<String, SimulatedCustomer> customers;
    private final Map<String, Deque<SimulatedMessage>> threads = new LinkedHashMap<>();
    private final Map<String, SimulatedMedia> media;
    private int failuresLeft;
    private GraphFailure failure = GraphFailure.WINDOW_CLOSED;

    Simulator(WebhookPoster webhook, SimulatorProperties properties, CloudApiProperties cloudApi, Clock clock) {
        this.webhook = webhook;
        this.properties = properties;
        this.clock = clock;
        this.phoneNumberId = cloudApi.phoneNumberIds().isEmpty()
                ? SimulatorEnvironmentPostProcessor.PHONE_NUMBER_ID
                : cloudApi.phoneNumberIds().get(0);
        this.customers = bounded(properties.maxCustomers());
        this.media = bounded(MAX_MEDIA);
        this.statuses = Executors.newSingleThreadScheduledExecutor(Worker.named("simulator-statuses"));
    }

    /** The business number customers write to. */
    public String phoneNumberId() {
        return phoneNumberId;
    }

    /** The customers, the most recently added first. */
    public synchronized List<SimulatedCustomer> customers() {
        List<SimulatedCustomer> all = new ArrayList<>(customers.values());
        Collections.reverse(all);
        return all;
    }

    public synchronized Optional<SimulatedCustomer> customer(String phone) {
        return Optional.ofNullable(customers.get(normalised(phone)));
    }

    /** Adds a customer, or renames the one with this number. */
    public synchronized SimulatedCustomer addCustomer(String name, String phone) {
        String number = normalised(phone);
        if (number.length() < 6 || number.length() > 15) {
            throw new IllegalArgumentException("A phone number has 6 to 15 digits");
        }
        String shown = name == null || name.isBlank() ? "+" + number : name.strip();
        SimulatedCustomer customer = new SimulatedCustomer(shown, number);
        customers.remove(number);
        customers.put(number, customer);
        return customer;
    }

    /** What the customer's phone shows, oldest first. */
    public synchronized List<SimulatedMessage> thread(String phone) {
        Deque<SimulatedMessage> thread = threads.get(normalised(phone));
        return thread == null ? List.of() : List.copyOf(thread);
    }

    /** The customer writes a text: a signed webhook delivery, as Meta would post it. Returns its wamid. */
    public String sendText(String phone, String body) {
        SimulatedCustomer customer = existing(phone);
        String wamid = newWamid();
        Map<String, Object> message = customerMessage(customer, wamid, "text");
        message.put("text", Map.of("body", body));
        webhook.post(delivery(Map.of("contacts", List.of(contact(customer)), "messages", List.of(message))));
        record(
                customer.phone(),
                new SimulatedMessage(wamid, true, "text", body, List.of(), "sent", clock.instant(), null));
        return wamid;
    }

    /**
     * The customer sends a photo: its bytes are kept under a new media id, which the webhook message carries with
     * their type and base64 sha256, as Meta's does. Returns its wamid.
     */
    public String sendImage(String phone, byte[] bytes, String mimeType, String caption) {
        SimulatedCustomer customer = existing(phone);
        String mediaId = storeMedia(bytes, mimeType);
        String wamid = newWamid();
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("id", mediaId);
        image.put("mime_type", mimeType);
        image.put("sha256", SimulatedMedia.sha256(bytes));
        if (caption != null && !caption.isBlank()) {
            image.put("caption", caption);
        }
        Map<String, Object> message = customerMessage(customer, wamid, "image");
        message.put("image", image);
        webhook.post(delivery(Map.of("contacts", List.of(contact(customer)), "messages", List.of(message))));
        String shown = caption == null || caption.isBlank() ? "" : caption;
        record(
                customer.phone(),
                new SimulatedMessage(wamid, true, "image", shown, List.of(), "sent", clock.instant(), mediaId));
        return wamid;
    }

    /** Keeps a file, sent by a customer or uploaded by the business, under a new media id. */
    public synchronized String storeMedia(byte[] bytes, String mimeType) {
        String id = Long.toString(1_000_000_000_000_000L
                + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000_000_000L));
        media.put(id, new SimulatedMedia(id, bytes.clone(), mimeType));
        return id;
    }

    public synchronized Optional<SimulatedMedia> media(String mediaId) {
        return Optional.ofNullable(media.get(mediaId));
    }

    /** The customer taps a reply button of a message the business sent; returns the wamid of the answer. */
    public String tap(String phone, String repliedWamid, String buttonId) {
        SimulatedCustomer customer = existing(phone);
        SimulatedMessage replied = thread(customer.phone()).stream()
                .filter(m -> !m.fromCustomer() && m.wamid().equals(repliedWamid))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No such message for this customer"));
        SimulatedMessage.Button button = replied.buttons().stream()
                .filter(b -> b.id().equals(buttonId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No such button on this message"));
        String wamid = newWamid();
        Map<String, Object> message = customerMessage(customer, wamid, "interactive");
        message.put("context", Map.of("from", DISPLAY_PHONE_NUMBER, "id", replied.wamid()));
        message.put(
                "interactive",
                Map.of("type", "button_reply", "button_reply", Map.of("id", button.id(), "title", button.title())));
        webhook.post(delivery(Map.of("contacts", List.of(contact(customer)), "messages", List.of(message))));
        record(
                customer.phone(),
                new SimulatedMessage(wamid, true, "button", button.title(), List.of(), "sent", clock.instant(), null));
        return wamid;
    }

    /**
     * A message the business sent through the fake Graph API reaches the customer (added if unknown); its statuses
     * follow through the webhook. Returns its wamid.
     */
    public String deliver(String to, String type, String text, List<SimulatedMessage.Button> buttons) {
        return deliver(to, type, text, buttons, null);
    }

    /** As {@link #deliver(String, String, String, List)}, for an image or a document sent by its media id. */
    public String deliver(String to, String type, String text, List<SimulatedMessage.Button> buttons, String mediaId) {
        String phone = normalised(to);
        synchronized (this) {
            if (!customers.containsKey(phone)) {
                addCustomer(null, phone);
            }
        }
        String wamid = newWamid();
        record(
                phone,
                new SimulatedMessage(
                        wamid, false, type, text, List.copyOf(buttons), "accepted", clock.instant(), mediaId));
        long delay = Math.max(1, properties.statusDelay().toMillis());
        List<String> steps = List.of("sent", "delivered", "read");
        for (int i = 0; i < steps.size(); i++) {
            String status = steps.get(i);
            statuses.schedule(() -> sendStatus(phone, wamid, status), delay * (i + 1), TimeUnit.MILLISECONDS);
        }
        return wamid;
    }

    /** The next {@code count} sends through the fake Graph API fail with {@code failure}. */
    public synchronized void failNext(int count, GraphFailure failure) {
        this.failuresLeft = Math.max(0, Math.min(count, 1000));
        this.failure = failure;
    }

    public synchronized int failuresLeft() {
        return failuresLeft;
    }

    public synchronized GraphFailure failure() {
        return failure;
    }

    /** The failure the next send must answer with, if one is still due; counts it as used. */
    public synchronized Optional<GraphFailure> takeFailure() {
        if (failuresLeft <= 0) {
            return Optional.empty();
        }
        failuresLeft--;
        return Optional.of(failure);
    }

    private void sendStatus(String phone, String wamid, String status) {
        try {
            Map<String, Object> update = Map.of(
                    "id", wamid,
                    "status", status,
                    "timestamp", Long.toString(clock.instant().getEpochSecond()),
                    "recipient_id", phone);
            webhook.post(delivery(Map.of("statuses", List.of(update))));
            updateStatus(phone, wamid, status);
        } catch (RuntimeException ex) {
            log.warn("Simulator: the {} status of {} did not reach the webhook: {}", status, wamid, ex.getMessage());
        }
    }

    /** The business marked a customer's message read (the desk opened the conversation): the customer sees it. */
    public synchronized void readByBusiness(String wamid) {
        if (wamid == null) {
            return;
        }
        threads.keySet().forEach(phone -> updateStatus(phone, wamid, "read"));
    }

    private synchronized void updateStatus(String phone, String wamid, String status) {
        Deque<SimulatedMessage> thread = threads.get(phone);
        if (thread == null) {
            return;
        }
        List<SimulatedMessage> updated = thread.stream()
                .map(m -> m.wamid().equals(wamid) ? m.withStatus(status) : m)
                .toList();
        thread.clear();
        thread.addAll(updated);
    }

    private synchronized void record(String phone, SimulatedMessage message) {
        Deque<SimulatedMessage> thread = threads.computeIfAbsent(phone, p -> new ArrayDeque<>());
        thread.addLast(message);
        while (thread.size() > properties.maxMessages()) {
            thread.removeFirst();
        }
        threads.keySet().retainAll(customers.keySet());
    }

    private SimulatedCustomer existing(String phone) {
        return customer(phone).orElseThrow(() -> new IllegalArgumentException("Unknown simulated customer"));
    }

    private Map<String, Object> customerMessage(SimulatedCustomer customer, String wamid, String type) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("from", customer.phone());
        message.put("id", wamid);
        message.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        message.put("type", type);
        return message;
    }

    private static Map<String, Object> contact(SimulatedCustomer customer) {
        return Map.of("profile", Map.of("name", customer.name()), "wa_id", customer.phone());
    }

    private Map<String, Object> delivery(Map<String, Object> content) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", Map.of("display_phone_number", DISPLAY_PHONE_NUMBER, "phone_number_id", phoneNumberId));
        value.putAll(content);
        return Map.of(
                "object",
                "whatsapp_business_account",
                "entry",
                List.of(Map.of(
                        "id", "simulator-waba", "changes", List.of(Map.of("value", value, "field", "messages")))));
    }

    /** The digits of a phone number, as WhatsApp writes {@code wa_id}. */
    public static String normalisedPhone(String phone) {
        return normalised(phone);
    }

    static String normalised(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }

    private static String newWamid() {
        return "wamid.SIM" + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static <K, V> Map<K, V> bounded(int max) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    public void destroy() {
        Worker.shutdown(statuses, "simulator-statuses", Duration.ofSeconds(5), true);
    }
}
