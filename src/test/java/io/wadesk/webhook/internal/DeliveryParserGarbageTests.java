package io.wadesk.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed garbage the webhook fuzz (io.wadesk.reliability) found: each of these used to fail its inbox row at every
 * retry, for hours, before it became a dead letter. A body that is not JSON must fail at once as unreadable; a JSON
 * object must parse, whatever its values, into items the database can store.
 */
class DeliveryParserGarbageTests {

    private static final Instant RECEIVED = Instant.parse("2026-11-21T10:00:00Z");

    private final DeliveryParser parser =
            new DeliveryParser(JsonMapper.builder().build());

    @Test
    void aBodyPastJacksonsLimitsIsUnreadableNotABug() {
        assertThatThrownBy(() -> parse("[".repeat(100_000)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> parse("{\"entry\":" + "{\"a\":".repeat(1_000) + "1" + "}".repeat(1_001)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> parse("{\"n\":" + "9".repeat(1_100) + "}"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("Number value length");
    }

    @Test
    void numbersNoTypeHoldsAreAbsent() {
        InboundMessage infinite = onlyMessage(message("\"timestamp\": 1e999999999, \"type\": \"location\","
                + " \"location\": {\"latitude\": -1e999999999, \"longitude\": \"1e999999999\"}"));
        assertThat(infinite.sentAt()).isEqualTo(RECEIVED);
        assertThat(infinite.content()).isEqualTo(new MessageContent.Location(null, null, null, null, null));

        InboundMessage order = onlyMessage(message("\"timestamp\": \"1767261600\", \"type\": \"order\", \"order\":"
                + " {\"product_items\": [{\"quantity\": 1e400, \"item_price\": \"1e999999999\"}]}"));
        assertThat(order.sentAt()).isEqualTo(Instant.ofEpochSecond(1_767_261_600L));
        MessageContent.Order content = (MessageContent.Order) order.content();
        assertThat(content.items().get(0).quantity()).isNull();
        assertThat(content.items().get(0).itemPrice()).isNull();
    }

    @Test
    void timestampsBefore1970OrPast9999AreAbsent() {
        for (String timestamp : new String[] {"\"99999999999999\"", "-1", "\"253402300800\"", "9223372036854775807"}) {
            assertThat(onlyMessage(message("\"timestamp\": " + timestamp + ", \"type\": \"text\""))
                            .sentAt())
                    .as(timestamp)
                    .isEqualTo(RECEIVED);
        }
        assertThat(onlyMessage(message("\"timestamp\": \"253402300799\", \"type\": \"text\""))
                        .sentAt())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void idsLongerThanTheirColumnsOrWithControlCharactersAreNotStored() {
        String longId = "w".repeat(256);
        ParsedDelivery delivery =
                parse("""
                {"entry": [{"changes": [
                  {"value": {"metadata": {"phone_number_id": "%s"}, "messages": [{"from": "1", "id": "wamid.A"}]}},
                  {"value": {"metadata": {"phone_number_id": "1"},
                    "messages": [{"from": "1", "id": "%s"}, {"from": "1", "id": "wamid.\\u0000"},
                      {"from": "1", "id": "wamid.B", "context": {"id": "%s"}, "type": "image",
                       "image": {"id": "%s", "mime_type": "image/jpeg\\u0000", "sha256": "%s"}}],
                    "statuses": [{"id": "wamid.C", "status": "%s", "timestamp": "1"},
                      {"id": "%s", "status": "read", "timestamp": "1"}]}}]}]}
                """.formatted("1".repeat(65), longId, longId, longId, "s".repeat(129), "r".repeat(33), longId));

        assertThat(delivery.messages()).extracting(InboundMessage::wamid).containsExactly("wamid.B");
        InboundMessage kept = delivery.messages().get(0);
        assertThat(kept.context().quotedWamid()).isNull();
        assertThat(kept.content()).isEqualTo(new MessageContent.Media(null, null, null, null, null, null, null, null));
        assertThat(delivery.statuses()).isEmpty();
        assertThat(delivery.skipped()).hasSize(5);
    }

    @Test
    void errorTextsLoseTheirNuls() {
        ParsedDelivery delivery = parse("""
                {"entry": [{"changes": [{"value": {"metadata": {"phone_number_id": "1"},
                  "errors": [{"code": 131000, "title": "bad\\u0000title", "error_data": {"details": "\\u0000x"}}]}}]}]}
                """);

        assertThat(delivery.errors().get(0).error()).isEqualTo(new MessageError(131000, "badtitle", "x"));
    }

    private static String message(String fields) {
        return "{\"entry\": [{\"changes\": [{\"value\": {\"metadata\": {\"phone_number_id\": \"1\"}, \"messages\":"
                + " [{\"from\": \"15550002222\", \"id\": \"wamid.G\", " + fields + "}]}}]}]}";
    }

    private InboundMessage onlyMessage(String body) {
        ParsedDelivery delivery = parse(body);
        assertThat(delivery.messages()).hasSize(1);
        return delivery.messages().get(0);
    }

    private ParsedDelivery parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }
}
