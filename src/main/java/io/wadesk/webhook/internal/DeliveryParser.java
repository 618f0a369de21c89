package io.wadesk.webhook.internal;

import static io.wadesk.webhook.internal.Json.array;
import static io.wadesk.webhook.internal.Json.decimal;
import static io.wadesk.webhook.internal.Json.flag;
import static io.wadesk.webhook.internal.Json.has;
import static io.wadesk.webhook.internal.Json.integer;
import static io.wadesk.webhook.internal.Json.list;
import static io.wadesk.webhook.internal.Json.object;
import static io.wadesk.webhook.internal.Json.optionalFlag;
import static io.wadesk.webhook.internal.Json.real;
import static io.wadesk.webhook.internal.Json.seconds;
import static io.wadesk.webhook.internal.Json.text;

import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageContent.ContactCard;
import io.wadesk.conversation.MessageContext;
import io.wadesk.conversation.MessageError;
import io.wadesk.conversation.Referral;
import io.wadesk.conversation.Sender;
import io.wadesk.conversation.StatusUpdate;
import io.wadesk.webhook.internal.ParsedDelivery.ValueError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads a delivery with a tree, never with strict binding: every entry, change, message, status and value-level
 * error is read; unknown fields are ignored and an unknown message type is kept as {@code unsupported} with its name
 * (docs/cloud-api.md §3).
 */
@Component
public class DeliveryParser {

    static final String MESSAGES_FIELD = "messages";
    static final String UNSUPPORTED = "unsupported";
    private static final Set<String> MEDIA_TYPES = Set.of("image", "audio", "video", "document", "sticker");

    /*
     * Ids and codes kept in columns of their own, as long as the columns (V5, V12 migrations); Meta's are far shorter.
     * A longer one is garbage, and would fail its row's INSERT at every retry until the delivery became a dead letter.
     */
    static final int MAX_PHONE_NUMBER_ID = 64;
    static final int MAX_WAMID = 255;
    static final int MAX_STATUS = 32;
    static final int MAX_MEDIA_FIELD = 255;
    static final int MAX_SHA256 = 128;

    private final JsonMapper mapper;

    public DeliveryParser(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param receivedAt stands in for a missing WhatsApp timestamp
     * @throws MalformedPayloadException when the body is not a JSON object
     */
    public ParsedDelivery parse(byte[] body, Instant receivedAt) {
        JsonNode root = readTree(body);
        Collector out = new Collector();
        for (JsonNode entry : array(root, "entry")) {
            for (JsonNode change : array(entry, "changes")) {
                String field = text(change, "field");
                if (field == null || MESSAGES_FIELD.equals(field)) {
                    readValue(object(change, "value"), receivedAt, out);
                } else {
                    out.ignoredFields.add(field);
                }
            }
        }
        return out.delivery();
    }

    private JsonNode readTree(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException ex) {
            throw new MalformedPayloadException("Not valid JSON" + why(ex));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayloadException("Not a JSON object");
        }
        return root;
    }

    /**
     * Where the body stops being JSON, or which limit it passes (nesting deeper than 500, a number of more than 1,000
     * digits, …): such an exception has no location. Never the message of a syntax error, which quotes the body.
     */
    private static String why(JacksonException ex) {
        if (ex instanceof StreamConstraintsException) {
            return ": " + ex.getOriginalMessage();
        }
        TokenStreamLocation location = ex.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private void readValue(JsonNode value, Instant receivedAt, Collector out) {
        String phoneNumberId = id(object(value, "metadata"), "phone_number_id", MAX_PHONE_NUMBER_ID);
        if (phoneNumberId == null) {
            if (!array(value, "messages").isEmpty() || !array(value, "statuses").isEmpty()) {
                out.skipped.add("a change without a usable metadata.phone_number_id");
            }
            return;
        }
        readEntries(phoneNumberId, value, receivedAt, out);
    }

    private void readEntries(String phoneNumberId, JsonNode value, Instant receivedAt, Collector out) {
        Map<String, JsonNode> profiles = profilesByIdentity(value);
        for (JsonNode message : array(value, "messages")) {
            readMessage(phoneNumberId, message, profiles, receivedAt, out);
        }
        for (JsonNode status : array(value, "statuses")) {
            readStatus(phoneNumberId, status, receivedAt, out);
        }
        for (JsonNode error : array(value, "errors")) {
            out.errors.add(new ValueError(phoneNumberId, error(error)));
        }
    }

    /** Contacts are joined to messages by value (BSUID or phone number), never by position. */
    private static Map<String, JsonNode> profilesByIdentity(JsonNode value) {
        Map<String, JsonNode> profiles = new HashMap<>();
        for (JsonNode contact : array(value, "contacts")) {
            String userId = text(contact, "user_id");
            String waId = text(contact, "wa_id");
            if (userId != null) {
                profiles.putIfAbsent("u:" + userId, contact);
            }
            if (waId != null) {
                profiles.putIfAbsent("p:" + waId, contact);
            }
        }
        return profiles;
    }

    private void readMessage(
            String phoneNumberId, JsonNode message, Map<String, JsonNode> profiles, Instant receivedAt, Collector out) {
        String wamid = id(message, "id", MAX_WAMID);
        From from = from(message, profiles);
        if (wamid == null || (from.phone() == null && from.userId() == null)) {
            out.skipped.add(
                    "a message without " + (wamid == null ? "a usable id" : "a sender") + " on " + phoneNumberId);
            return;
        }
        out.messages.add(inboundMessage(phoneNumberId, wamid, from, message, receivedAt));
    }

    private InboundMessage inboundMessage(
            String phoneNumberId, String wamid, From from, JsonNode message, Instant receivedAt) {
        Instant sentAt = seconds(message, "timestamp");
        String type = text(message, "type");
        String storedType = storedType(type, message);
        return new InboundMessage(
                phoneNumberId,
                wamid,
                sender(from),
                sentAt == null ? receivedAt : sentAt,
                storedType,
                content(storedType, type, message),
                context(message),
                referral(message));
    }

    /** Who sent a message: its phone and user id, from the message or else from the contact profile it names. */
    private record From(String phone, String userId, JsonNode contact) {}

    private From from(JsonNode message, Map<String, JsonNode> profiles) {
        String from = text(message, "from");
        String fromUserId = text(message, "from_user_id");
        JsonNode contact = fromUserId != null ? profiles.get("u:" + fromUserId) : null;
        if (contact == null && from != null) {
            contact = profiles.get("p:" + from);
        }
        if (contact != null && fromUserId == null) {
            fromUserId = text(contact, "user_id");
        }
        if (contact != null && from == null) {
            from = text(contact, "wa_id");
        }
        return new From(from, fromUserId, contact);
    }

    private Sender sender(From from) {
        JsonNode profile = from.contact() == null ? null : object(from.contact(), "profile");
        return new Sender(
                from.phone(),
                from.userId(),
                profile == null ? null : text(profile, "name"),
                profile == null ? null : text(profile, "username"));
    }

    private static String storedType(String type, JsonNode message) {
        if (type == null) {
            return UNSUPPORTED;
        }
        return switch (type) {
            case "text", "location", "contacts", "interactive", "button", "reaction", "order", "system" -> type;
            default -> MEDIA_TYPES.contains(type) ? type : UNSUPPORTED;
        };
    }

    private static MessageContent content(String storedType, String rawType, JsonNode message) {
        if (MEDIA_TYPES.contains(storedType)) {
            return media(object(message, storedType));
        }
        return switch (storedType) {
            case "text" -> new MessageContent.Text(text(object(message, "text"), "body"));
            case "location" -> location(object(message, "location"));
            case "contacts" -> new MessageContent.Contacts(contactCards(message));
            case "interactive" -> interactive(object(message, "interactive"));
            case "button" -> quickReply(object(message, "button"));
            case "reaction" -> reaction(object(message, "reaction"));
            case "order" -> order(object(message, "order"));
            case "system" -> system(message);
            default -> unsupported(rawType, message);
        };
    }

    private static MessageContent.QuickReply quickReply(JsonNode button) {
        return new MessageContent.QuickReply(text(button, "payload"), text(button, "text"));
    }

    private static MessageContent.Reaction reaction(JsonNode reaction) {
        return new MessageContent.Reaction(text(reaction, "message_id"), text(reaction, "emoji"));
    }

    private static MessageContent.Media media(JsonNode media) {
        return new MessageContent.Media(
                id(media, "id", MAX_MEDIA_FIELD),
                id(media, "mime_type", MAX_MEDIA_FIELD),
                id(media, "sha256", MAX_SHA256),
                text(media, "caption"),
                text(media, "filename"),
                optionalFlag(media, "voice"),
                optionalFlag(media, "animated"),
                text(media, "url"));
    }

    private static MessageContent.Location location(JsonNode location) {
        return new MessageContent.Location(
                real(location, "latitude"),
                real(location, "longitude"),
                text(location, "name"),
                text(location, "address"),
                text(location, "url"));
    }

    /** The cards are under the message's {@code contacts} array, not the value-level one. */
    private static List<ContactCard> contactCards(JsonNode message) {
        return array(message, "contacts").stream()
                .map(DeliveryParser::contactCard)
                .toList();
    }

    private static ContactCard contactCard(JsonNode card) {
        return new ContactCard(
                has(card, "name") ? cardName(object(card, "name")) : null,
                list(card, "phones", p -> new ContactCard.Phone(text(p, "phone"), text(p, "wa_id"), text(p, "type"))),
                list(card, "emails", e -> new ContactCard.Email(text(e, "email"), text(e, "type"))),
                list(card, "addresses", DeliveryParser::cardAddress),
                list(card, "urls", u -> new ContactCard.Url(text(u, "url"), text(u, "type"))),
                has(card, "org") ? cardOrg(object(card, "org")) : null,
                text(card, "birthday"));
    }

    private static ContactCard.Name cardName(JsonNode name) {
        return new ContactCard.Name(
                text(name, "formatted_name"),
                text(name, "first_name"),
                text(name, "last_name"),
                text(name, "middle_name"),
                text(name, "prefix"),
                text(name, "suffix"));
    }

    private static ContactCard.Address cardAddress(JsonNode a) {
        return new ContactCard.Address(
                text(a, "street"),
                text(a, "city"),
                text(a, "state"),
                text(a, "zip"),
                text(a, "country"),
                text(a, "country_code"),
                text(a, "type"));
    }

    private static ContactCard.Org cardOrg(JsonNode org) {
        return new ContactCard.Org(text(org, "company"), text(org, "department"), text(org, "title"));
    }

    private static MessageContent.InteractiveReply interactive(JsonNode interactive) {
        String kind = text(interactive, "type");
        JsonNode reply = kind == null ? MissingNode.getInstance() : object(interactive, kind);
        return new MessageContent.InteractiveReply(
                kind,
                text(reply, "id"),
                text(reply, "title"),
                text(reply, "description") != null ? text(reply, "description") : text(reply, "body"),
                text(reply, "name"),
                text(reply, "response_json"));
    }

    private static MessageContent.Order order(JsonNode order) {
        return new MessageContent.Order(
                text(order, "catalog_id"),
                text(order, "text"),
                list(
                        order,
                        "product_items",
                        item -> new MessageContent.OrderItem(
                                text(item, "product_retailer_id"),
                                integer(item, "quantity"),
                                decimal(item, "item_price"),
                                text(item, "currency"))));
    }

    private static MessageContent.SystemNotice system(JsonNode message) {
        JsonNode system = object(message, "system");
        String kind = text(system, "type");
        if (kind == null && has(message, "identity")) {
            kind = "customer_identity_changed";
        }
        return new MessageContent.SystemNotice(
                kind, text(system, "body"), text(system, "wa_id"), text(system, "user_id"));
    }

    private static MessageContent.Unsupported unsupported(String rawType, JsonNode message) {
        String name = UNSUPPORTED.equals(rawType) ? text(object(message, UNSUPPORTED), "type") : rawType;
        List<MessageError> errors =
                array(message, "errors").stream().map(DeliveryParser::error).toList();
        return new MessageContent.Unsupported(name, errors);
    }

    private static MessageContext context(JsonNode message) {
        if (!has(message, "context")) {
            return null;
        }
        JsonNode context = object(message, "context");
        JsonNode product = object(context, "referred_product");
        return new MessageContext(
                id(context, "id", MAX_WAMID),
                text(context, "from"),
                flag(context, "forwarded"),
                flag(context, "frequently_forwarded"),
                text(product, "catalog_id"),
                text(product, "product_retailer_id"));
    }

    private static Referral referral(JsonNode message) {
        if (!has(message, "referral")) {
            return null;
        }
        return referralOf(object(message, "referral"));
    }

    private static Referral referralOf(JsonNode referral) {
        return new Referral(
                text(referral, "source_url"),
                text(referral, "source_id"),
                text(referral, "source_type"),
                text(referral, "body"),
                text(referral, "headline"),
                text(referral, "media_type"),
                text(referral, "image_url"),
                text(referral, "video_url"),
                text(referral, "thumbnail_url"),
                text(referral, "ctwa_clid"),
                text(object(referral, "welcome_message"), "text"));
    }

    private static void readStatus(String phoneNumberId, JsonNode status, Instant receivedAt, Collector out) {
        String wamid = id(status, "id", MAX_WAMID);
        String name = id(status, "status", MAX_STATUS);
        if (wamid == null || name == null) {
            out.skipped.add(
                    "a status without " + (wamid == null ? "a usable id" : "a usable status") + " on " + phoneNumberId);
            return;
        }
        Instant occurredAt = seconds(status, "timestamp");
        out.statuses.add(new StatusUpdate(
                phoneNumberId, wamid, name, occurredAt == null ? receivedAt : occurredAt, firstError(status)));
    }

    private static MessageError firstError(JsonNode status) {
        List<JsonNode> errors = array(status, "errors");
        return errors.isEmpty() ? null : error(errors.get(0));
    }

    private static MessageError error(JsonNode error) {
        String details = printable(text(object(error, "error_data"), "details"));
        return new MessageError(
                integer(error, "code"),
                printable(text(error, "title")),
                details != null ? details : printable(text(error, "message")));
    }

    /**
     * An id or code stored in a column of its own: absent when longer than the column, or when it holds a control
     * character (PostgreSQL refuses NUL in text, and no id of Meta's has one).
     */
    private static String id(JsonNode node, String field, int maxLength) {
        String value = text(node, field);
        if (value == null || value.length() > maxLength || value.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return value;
    }

    /** Text stored in clear (Meta's error titles and details): without the NULs PostgreSQL refuses. */
    private static String printable(String text) {
        return text == null ? null : text.replace("\0", "");
    }

    private static final class Collector {
        final List<InboundMessage> messages = new ArrayList<>();
        final List<StatusUpdate> statuses = new ArrayList<>();
        final List<ValueError> errors = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final List<String> ignoredFields = new ArrayList<>();

        ParsedDelivery delivery() {
            return new ParsedDelivery(
                    List.copyOf(messages),
                    List.copyOf(statuses),
                    List.copyOf(errors),
                    List.copyOf(skipped),
                    List.copyOf(ignoredFields));
        }
    }
}
