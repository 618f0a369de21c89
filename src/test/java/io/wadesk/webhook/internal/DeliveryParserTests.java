package io.wadesk.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageContext;
import io.wadesk.conversation.MessageError;
import io.wadesk.conversation.Sender;
import io.wadesk.conversation.StatusUpdate;
import io.wadesk.webhook.Fixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DeliveryParserTests {

    private static final Instant RECEIVED = Instant.parse("2026-11-21T10:00:00Z");
    private static final Sender DANA = new Sender("15550002222", "US.7301284465519022873", "Dana Okafor", null);
    private static final Sender LUIS = new Sender("15550003333", "US.5518820943376104412", "Luis Ferreira", null);

    private final DeliveryParser parser =
            new DeliveryParser(JsonMapper.builder().build());

    @Test
    void text() {
        InboundMessage message = onlyMessage("text.json");

        assertThat(message.phoneNumberId()).isEqualTo(Fixtures.PHONE_NUMBER_ID);
        assertThat(message.wamid()).isEqualTo("wamid.HBgLMTU1NTAwMDFQIAEhgUMzcyRUEwOENBQjMzRTcxQzAyQzYA");
        assertThat(message.sender()).isEqualTo(DANA);
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1767261600));
        assertThat(message.type()).isEqualTo("text");
        assertThat(message.content()).isEqualTo(new MessageContent.Text("Hi! Is my order #48213 shipped yet?"));
        assertThat(message.context()).isNull();
        assertThat(message.referral()).isNull();
    }

    @Test
    void imageWithCaption() {
        InboundMessage message = onlyMessage("image_with_caption.json");

        assertThat(message.type()).isEqualTo("image");
        assertThat(message.content())
                .isEqualTo(new MessageContent.Media(
                        "2093847561029384",
                        "image/jpeg",
                        "spgUz1eS5oTNddan/OemehGIfjEvh8oqwkltgfNl/3I=",
                        "This is the damaged box I received",
                        null,
                        null,
                        null,
                        "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=2093847561029384"
                                + "&ext=1767262020&hash=ATsFakeHashValueForTests01"));
    }

    @Test
    void voiceNote() {
        InboundMessage message = onlyMessage("audio_voice.json");

        assertThat(message.sender()).isEqualTo(LUIS);
        assertThat(message.type()).isEqualTo("audio");
        assertThat(message.content())
                .isEqualTo(new MessageContent.Media(
                        "1187265390012345",
                        "audio/ogg; codecs=opus",
                        "QnXXHpD38J+dy7oq7qr7PzBXZ4C8TVQZ/whtHG8CplQ=",
                        null,
                        null,
                        true,
                        null,
                        null));
    }

    @Test
    void document() {
        InboundMessage message = onlyMessage("document.json");

        assertThat(message.type()).isEqualTo("document");
        assertThat(message.content())
                .isEqualTo(new MessageContent.Media(
                        "3300129876540021",
                        "application/pdf",
                        "E51US4IbE+vqFPGw/hhXciLkFcKWbjo1EcQZYFUjIgI=",
                        "Invoice for the return",
                        "invoice-2026-0042.pdf",
                        null,
                        null,
                        null));
    }

    @Test
    void location() {
        InboundMessage message = onlyMessage("location.json");

        assertThat(message.type()).isEqualTo("location");
        assertThat(message.content())
                .isEqualTo(new MessageContent.Location(
                        38.7223,
                        -9.1393,
                        "Loja Central",
                        "Rua Augusta 100, 1100-053 Lisboa",
                        "https://example.com/stores/lisboa-central"));
    }

    @Test
    void contactCards() {
        InboundMessage message = onlyMessage("contacts.json");

        assertThat(message.type()).isEqualTo("contacts");
        MessageContent.Contacts contacts = (MessageContent.Contacts) message.content();
        assertThat(contacts.cards()).hasSize(2);
        MessageContent.ContactCard sam = contacts.cards().get(0);
        assertThat(sam.name())
                .isEqualTo(new MessageContent.ContactCard.Name("Sam Rivera", "Sam", "Rivera", null, null, null));
        assertThat(sam.phones())
                .containsExactly(new MessageContent.ContactCard.Phone("+1 (555) 000-4444", "15550004444", "CELL"));
        assertThat(sam.emails())
                .containsExactly(new MessageContent.ContactCard.Email("sam.rivera@example.com", "WORK"));
        assertThat(sam.org()).isEqualTo(new MessageContent.ContactCard.Org("Example Logistics", null, "Dispatcher"));
        MessageContent.ContactCard frontDesk = contacts.cards().get(1);
        assertThat(frontDesk.name().formattedName()).isEqualTo("Front Desk");
        assertThat(frontDesk.phones())
                .containsExactly(new MessageContent.ContactCard.Phone("+1 555 000 5555", null, "WORK"));
        assertThat(frontDesk.emails()).isNull();
        assertThat(frontDesk.org()).isNull();
    }

    @Test
    void interactiveButtonReply() {
        InboundMessage message = onlyMessage("interactive_button_reply.json");

        assertThat(message.type()).isEqualTo("interactive");
        assertThat(message.content())
                .isEqualTo(new MessageContent.InteractiveReply(
                        "button_reply", "order_48213:confirm_delivery", "Yes, deliver", null, null, null));
        assertThat(message.context())
                .isEqualTo(new MessageContext(
                        "wamid.HBgLMTU1NTAwMDFQIAEhgUMTYyM0ZDRDc1QzA4QzcxNkQ0MTAA",
                        "15550001111",
                        false,
                        false,
                        null,
                        null));
    }

    @Test
    void interactiveListReply() {
        InboundMessage message = onlyMessage("interactive_list_reply.json");

        assertThat(message.content())
                .isEqualTo(new MessageContent.InteractiveReply(
                        "list_reply",
                        "slot_2026-01-02T10:00",
                        "Fri 10:00-12:00",
                        "Home delivery, no surcharge",
                        null,
                        null));
        assertThat(message.context().quotedWamid())
                .isEqualTo("wamid.HBgLMTU1NTAwMDFQIAEhgUNThFMzM1RTFCRDYzMUQyMzRCMUUA");
    }

    @Test
    void templateQuickReplyButton() {
        InboundMessage message = onlyMessage("template_button.json");

        assertThat(message.type()).isEqualTo("button");
        assertThat(message.content()).isEqualTo(new MessageContent.QuickReply("reschedule:order_48213", "Reschedule"));
        assertThat(message.context().quotedWamid())
                .isEqualTo("wamid.HBgLMTU1NTAwMDFQIAEhgUNTNCRDgxMDY3OUNCNjFCQzAwODIA");
    }

    @Test
    void reactionKeepsItsEmojiAsUnicode() {
        InboundMessage message = onlyMessage("reaction.json");

        assertThat(message.type()).isEqualTo("reaction");
        assertThat(message.content())
                .isEqualTo(new MessageContent.Reaction(
                        "wamid.HBgLMTU1NTAwMDFQIAEhgUNjhBMTAwRjE2NDRCNzk0NUYxODMA", "\uD83D\uDC4D"));
    }

    @Test
    void unsupportedKeepsTheRawTypeAndTheError() {
        InboundMessage message = onlyMessage("unsupported.json");

        assertThat(message.type()).isEqualTo("unsupported");
        assertThat(message.content())
                .isEqualTo(new MessageContent.Unsupported(
                        "poll_creation",
                        List.of(new MessageError(
                                131051, "Message type unknown", "Message type is currently not supported."))));
    }

    @Test
    void aBatchJoinsContactsToMessagesByValueNotByPosition() {
        ParsedDelivery delivery = parse("batch_two_messages_two_contacts.json");

        assertThat(delivery.messages()).hasSize(2);
        InboundMessage reply = delivery.messages().get(0);
        assertThat(reply.sender()).isEqualTo(LUIS);
        assertThat(reply.context().quotedWamid()).isEqualTo("wamid.HBgLMTU1NTAwMDFQIAEhgURTBBOTRCNTAyQ0FEQjZDMjBENzEA");
        assertThat(reply.context().forwarded()).isFalse();
        InboundMessage forwarded = delivery.messages().get(1);
        assertThat(forwarded.sender()).isEqualTo(DANA);
        assertThat(forwarded.context()).isEqualTo(new MessageContext(null, null, true, false, null, null));
    }

    @Test
    void aSenderWithOnlyABusinessScopedIdAndAUsername() {
        InboundMessage message = onlyMessage("bonus_text_bsuid_no_phone.json");

        assertThat(message.sender()).isEqualTo(new Sender(null, "US.9043318276650014729", "Mira K.", "@mira.k"));
        assertThat(message.content()).isEqualTo(new MessageContent.Text("Hello from a username-only account"));
    }

    @Test
    void everyStatusOfEveryChangeInArrivalOrder() {
        ParsedDelivery delivery = parse("status_sent_delivered_read_failed.json");

        assertThat(delivery.messages()).isEmpty();
        String first = "wamid.HBgLMTU1NTAwMDFQIAEhgUOEJFNjU1NzkyMjA0QzI2OTY5REUA";
        assertThat(delivery.statuses())
                .containsExactly(
                        new StatusUpdate(
                                Fixtures.PHONE_NUMBER_ID, first, "read", Instant.ofEpochSecond(1767265245), null),
                        new StatusUpdate(
                                Fixtures.PHONE_NUMBER_ID, first, "sent", Instant.ofEpochSecond(1767265200), null),
                        new StatusUpdate(
                                Fixtures.PHONE_NUMBER_ID,
                                "wamid.HBgLMTU1NTAwMDFQIAEhgUNDkyOEZCOUVENkU5NDhFM0MzRjYA",
                                "failed",
                                Instant.ofEpochSecond(1767265210),
                                new MessageError(131026, "Message undeliverable", "Message Undeliverable.")),
                        new StatusUpdate(
                                Fixtures.PHONE_NUMBER_ID,
                                "wamid.HBgLMTU1NTAwMDFQIAEhgURTVEMDg2QjA4QkVCQzI4MkI0RjAA",
                                "failed",
                                Instant.ofEpochSecond(1767265212),
                                new MessageError(
                                        131047,
                                        "Re-engagement message",
                                        "Message failed to send because more than 24 hours have passed since the"
                                                + " customer last replied to this number.")),
                        new StatusUpdate(
                                Fixtures.PHONE_NUMBER_ID, first, "delivered", Instant.ofEpochSecond(1767265203), null));
    }

    @Test
    void everyFixtureParses() {
        for (String fixture : Fixtures.ALL) {
            ParsedDelivery delivery = parse(fixture);
            assertThat(delivery.messages().size() + delivery.statuses().size())
                    .as(fixture)
                    .isPositive();
            assertThat(delivery.skipped()).as(fixture).isEmpty();
        }
    }

    @Test
    void anUnknownTypeIsKeptAsUnsupportedWithItsName() {
        InboundMessage message = onlyMessage(json(messageOf("\"type\": \"poll\", \"poll\": {\"question\": \"?\"}")));

        assertThat(message.type()).isEqualTo("unsupported");
        assertThat(message.content()).isEqualTo(new MessageContent.Unsupported("poll", List.of()));
    }

    @Test
    void aMissingTypeObjectAndUnknownFieldsDoNotBreakParsing() {
        ParsedDelivery delivery = parse(json("""
                {"object": "whatsapp_business_account", "unknown": [1, {"x": null}],
                 "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
                   "metadata": {"phone_number_id": "110022003300440", "new_field": true},
                   "contacts": [{"wa_id": "15550002222", "profile": {"name": null}}],
                   "messages": [{"from": "15550002222", "id": "wamid.A", "timestamp": 1767261600,
                                 "type": "interactive", "shiny": {"a": 1}}],
                   "errors": [{"code": 131000, "title": "Something went wrong",
                               "error_data": {"details": "Unsupported webhook payload"}}]}}]}]}
                """));

        InboundMessage message = delivery.messages().get(0);
        assertThat(message.sender()).isEqualTo(new Sender("15550002222", null, null, null));
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1767261600));
        assertThat(message.content())
                .isEqualTo(new MessageContent.InteractiveReply(null, null, null, null, null, null));
        assertThat(delivery.errors())
                .containsExactly(new ParsedDelivery.ValueError(
                        Fixtures.PHONE_NUMBER_ID,
                        new MessageError(131000, "Something went wrong", "Unsupported webhook payload")));
    }

    @Test
    void videoStickerOrderSystemReferralAndReferredProduct() {
        ParsedDelivery delivery = parse(json("""
                {"entry": [{"changes": [{"field": "messages", "value": {
                  "metadata": {"phone_number_id": "110022003300440"},
                  "messages": [
                    {"from": "15550002222", "id": "wamid.V", "timestamp": "1", "type": "video",
                     "video": {"id": "9", "mime_type": "video/mp4", "sha256": "h", "caption": "c"},
                     "referral": {"source_url": "https://fb.me/x", "source_id": "ad1", "source_type": "ad",
                                  "headline": "Sale", "ctwa_clid": "clid", "welcome_message": {"text": "Hi"}}},
                    {"from": "15550002222", "id": "wamid.S", "timestamp": "2", "type": "sticker",
                     "sticker": {"id": "8", "mime_type": "image/webp", "sha256": "h", "animated": false}},
                    {"from": "15550002222", "id": "wamid.O", "timestamp": "3", "type": "order",
                     "context": {"from": "15550001111", "id": "wamid.P",
                                 "referred_product": {"catalog_id": "cat", "product_retailer_id": "sku"}},
                     "order": {"catalog_id": "cat", "text": "for Friday", "product_items": [
                       {"product_retailer_id": "sku", "quantity": 2, "item_price": 12.50, "currency": "EUR"}]}},
                    {"from": "15550002222", "id": "wamid.Y", "timestamp": "4", "type": "system",
                     "system": {"body": "Dana changed from 15550002222 to 15550009999", "wa_id": "15550009999",
                                "type": "user_changed_number"}}
                  ]}}]}]}
                """));

        assertThat(delivery.messages())
                .extracting(InboundMessage::type)
                .containsExactly("video", "sticker", "order", "system");
        InboundMessage video = delivery.messages().get(0);
        assertThat(((MessageContent.Media) video.content()).caption()).isEqualTo("c");
        assertThat(video.referral().sourceId()).isEqualTo("ad1");
        assertThat(video.referral().welcomeMessage()).isEqualTo("Hi");
        assertThat(video.sender().profileName()).isNull();
        assertThat(((MessageContent.Media) delivery.messages().get(1).content()).animated())
                .isFalse();
        InboundMessage order = delivery.messages().get(2);
        assertThat(order.content())
                .isEqualTo(new MessageContent.Order(
                        "cat",
                        "for Friday",
                        List.of(new MessageContent.OrderItem("sku", 2, new BigDecimal("12.5"), "EUR"))));
        assertThat(order.context().referredProductId()).isEqualTo("sku");
        assertThat(delivery.messages().get(3).content())
                .isEqualTo(new MessageContent.SystemNotice(
                        "user_changed_number", "Dana changed from 15550002222 to 15550009999", "15550009999", null));
    }

    @Test
    void anEmptyObjectCarriesNothing() {
        ParsedDelivery delivery = parse(json("{}"));

        assertThat(delivery.messages()).isEmpty();
        assertThat(delivery.statuses()).isEmpty();
        assertThat(delivery.errors()).isEmpty();
    }

    @Test
    void otherFieldsAreIgnoredAndMessagesWithoutIdsSkipped() {
        ParsedDelivery delivery = parse(json("""
                {"entry": [{"changes": [
                  {"field": "message_template_status_update", "value": {"event": "APPROVED"}},
                  {"field": "messages", "value": {"metadata": {"phone_number_id": "1"},
                    "messages": [{"from": "15550002222", "type": "text"}, {"id": "wamid.N", "type": "text"}],
                    "statuses": [{"id": "wamid.Q"}]}}]}]}
                """));

        assertThat(delivery.ignoredFields()).containsExactly("message_template_status_update");
        assertThat(delivery.messages()).isEmpty();
        assertThat(delivery.statuses()).isEmpty();
        assertThat(delivery.skipped()).hasSize(3);
    }

    @Test
    void malformedJsonAndNonObjectsAreRejected() {
        assertThatThrownBy(() -> parse(json("{\"entry\": [")))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("Not valid JSON");
        assertThatThrownBy(() -> parse(json("Dana's secret")))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageNotContaining("Dana");
        assertThatThrownBy(() -> parse(json("[1, 2]")))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("Not a JSON object");
        assertThatThrownBy(() -> parse(new byte[0])).isInstanceOf(MalformedPayloadException.class);
    }

    private InboundMessage onlyMessage(String fixture) {
        return onlyMessage(Fixtures.bytes(fixture));
    }

    private InboundMessage onlyMessage(byte[] body) {
        ParsedDelivery delivery = parse(body);
        assertThat(delivery.messages()).hasSize(1);
        assertThat(delivery.statuses()).isEmpty();
        return delivery.messages().get(0);
    }

    private ParsedDelivery parse(String fixture) {
        return parse(Fixtures.bytes(fixture));
    }

    private ParsedDelivery parse(byte[] body) {
        return parser.parse(body, RECEIVED);
    }

    private static String messageOf(String typeAndObject) {
        return """
                {"entry": [{"changes": [{"field": "messages", "value": {
                  "metadata": {"phone_number_id": "110022003300440"},
                  "messages": [{"from": "15550002222", "id": "wamid.X", "timestamp": "1767261600", %s}]}}]}]}
                """.formatted(typeAndObject);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
