package io.wadesk.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.util.List;

/**
 * The type-specific part of a message, one record per family of WhatsApp message types. Stored sealed as one JSON
 * document; the {@code kind} property names the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MessageContent.Text.class, name = "text"),
    @JsonSubTypes.Type(value = MessageContent.Media.class, name = "media"),
    @JsonSubTypes.Type(value = MessageContent.Location.class, name = "location"),
    @JsonSubTypes.Type(value = MessageContent.Contacts.class, name = "contacts"),
    @JsonSubTypes.Type(value = MessageContent.InteractiveReply.class, name = "interactive"),
    @JsonSubTypes.Type(value = MessageContent.QuickReply.class, name = "button"),
    @JsonSubTypes.Type(value = MessageContent.Reaction.class, name = "reaction"),
    @JsonSubTypes.Type(value = MessageContent.Order.class, name = "order"),
    @JsonSubTypes.Type(value = MessageContent.SystemNotice.class, name = "system"),
    @JsonSubTypes.Type(value = MessageContent.Unsupported.class, name = "unsupported"),
    @JsonSubTypes.Type(value = MessageContent.Template.class, name = "template"),
    @JsonSubTypes.Type(value = MessageContent.Buttons.class, name = "buttons")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface MessageContent {

    /** {@code text}. */
    record Text(String body) implements MessageContent {}

    /**
     * {@code image}, {@code audio}, {@code video}, {@code document} and {@code sticker}: the file stays at Meta until
     * it is fetched by its id (for 7 days); {@code sha256} is Meta's base64 digest of the file.
     */
    record Media(
            String mediaId,
            String mimeType,
            String sha256,
            String caption,
            String filename,
            Boolean voice,
            Boolean animated,
            String url)
            implements MessageContent {}

    /** {@code location}: a pin, with the place's name, address and link when the user shared a place. */
    record Location(Double latitude, Double longitude, String name, String address, String url)
            implements MessageContent {}

    /** {@code contacts}: address-book cards the user shared. */
    record Contacts(List<ContactCard> cards) implements MessageContent {}

    /**
     * {@code interactive}: a tap on a reply button ({@code button_reply}) or a list row ({@code list_reply}) of ours,
     * or a completed flow ({@code nfm_reply}, whose answer is a JSON string).
     */
    record InteractiveReply(
            String kind, String replyId, String title, String description, String flowName, String flowResponseJson)
            implements MessageContent {}

    /** {@code button}: a tap on a quick-reply button of a template; {@code payload} is what we set on the button. */
    record QuickReply(String payload, String text) implements MessageContent {}

    /** {@code template}: an approved template we sent (outbound only), with the values of its parameters. */
    record Template(String name, String language, List<String> parameters) implements MessageContent {}

    /** {@code interactive} buttons we sent (outbound only), e.g. the consent request; each button has an id. */
    record Buttons(String body, List<Button> buttons) implements MessageContent {}

    record Button(String id, String title) {}

    /** {@code reaction}: an emoji on one of the messages; no emoji means the reaction was removed. */
    record Reaction(String targetWamid, String emoji) implements MessageContent {}

    /** {@code order}: a cart sent from our catalogue. */
    record Order(String catalogId, String text, List<OrderItem> items) implements MessageContent {}

    /** {@code system}: WhatsApp's own notice, e.g. {@code user_changed_number} with the new number. */
    record SystemNotice(String kind, String body, String newWaId, String newUserId) implements MessageContent {}

    /**
     * {@code unsupported}, or a type this version does not know: {@code rawType} is what WhatsApp called it (e.g.
     * {@code poll_creation}), with Meta's errors.
     */
    record Unsupported(String rawType, List<MessageError> errors) implements MessageContent {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContactCard(
            Name name,
            List<Phone> phones,
            List<Email> emails,
            List<Address> addresses,
            List<Url> urls,
            Org org,
            String birthday) {

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Name(
                String formattedName,
                String firstName,
                String lastName,
                String middleName,
                String prefix,
                String suffix) {}

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Phone(String phone, String waId, String type) {}

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Email(String email, String type) {}

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Address(
                String street,
                String city,
                String state,
                String zip,
                String country,
                String countryCode,
                String type) {}

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Url(String url, String type) {}

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Org(String company, String department, String title) {}
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderItem(String productRetailerId, Integer quantity, BigDecimal itemPrice, String currency) {}
}
