package io.wadesk.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.conversation.InboundMessage;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.StatusUpdate;
import io.wadesk.webhook.internal.DeliveryParser;
import io.wadesk.webhook.internal.ParsedDelivery;
import io.wadesk.webhook.internal.SignatureVerifier;
import io.wadesk.webhook.internal.WhatsAppWebhookProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The generator's deliveries are what the application's own verifier and parser accept, item for item. */
class PayloadFactoryTests {

    private static final String SECRET = "load_test_secret";
    private static final String NUMBER = "100000000000777";

    private final DeliveryParser parser =
            new DeliveryParser(JsonMapper.builder().build());
    private final SignatureVerifier verifier =
            new SignatureVerifier(new WhatsAppWebhookProperties("token", List.of(SECRET)));
    private final Map<String, PayloadFactory.MediaFile> published = new HashMap<>();
    private final PayloadFactory.OutboundWamids outbound = new PayloadFactory.OutboundWamids();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

    private PayloadFactory factory(PayloadFactory.Mix mix) {
        return new PayloadFactory(
                SECRET,
                "run1",
                NUMBER,
                50,
                mix,
                file -> {
                    String id = Integer.toString(1000 + published.size());
                    published.put(id, file);
                    return id;
                },
                outbound,
                clock);
    }

    @Test
    void everyDeliveryIsSignedAndCarriesExactlyTheMessagesItClaims() {
        PayloadFactory factory = factory(PayloadFactory.Mix.DEFAULT);
        Set<String> wamids = new HashSet<>();
        Set<String> kinds = new HashSet<>();

        for (int i = 0; i < 400; i++) {
            SignedDelivery delivery = factory.build("phase", i);
            ParsedDelivery parsed = parser.parse(delivery.body(), clock.instant());

            assertThat(verifier.verify(delivery.body(), delivery.signature())).isTrue();
            assertThat(parsed.skipped()).isEmpty();
            assertThat(parsed.messages())
                    .extracting(InboundMessage::wamid)
                    .containsExactlyElementsOf(delivery.messageIds());
            assertThat(parsed.messages()).allSatisfy(message -> {
                assertThat(message.phoneNumberId()).isEqualTo(NUMBER);
                assertThat(message.wamid()).startsWith(factory.wamidPrefix("phase"));
            });
            assertThat(parsed.statuses()).hasSize(delivery.statusKeys().size());
            kinds.add(delivery.kind());
            delivery.messageIds()
                    .forEach(wamid ->
                            assertThat(wamids.add(wamid)).as("unique " + wamid).isTrue());
        }

        assertThat(kinds).containsExactlyInAnyOrder("text", "media", "status", "batch");
        SignedDelivery other = factory.build("phase", 0);
        assertThat(verifier.verify(
                        other.body(), other.signature().replace('a', 'b').replace('1', '2')))
                .isFalse();
    }

    @Test
    void mediaMessagesPointToPublishedFilesWithTheirDigest() {
        PayloadFactory factory = factory(new PayloadFactory.Mix(0, 1, 0, 0));
        Set<String> types = new HashSet<>();

        for (int i = 0; i < 30; i++) {
            InboundMessage message = parser.parse(factory.build("media", i).body(), clock.instant())
                    .messages()
                    .get(0);
            MessageContent.Media media = (MessageContent.Media) message.content();
            PayloadFactory.MediaFile file = published.get(media.mediaId());

            assertThat(file).isNotNull();
            assertThat(message.type()).isEqualTo(file.kind());
            assertThat(media.sha256()).isEqualTo(PayloadFactory.sha256(file.bytes()));
            assertThat(media.mimeType()).isEqualTo(file.mimeType());
            types.add(message.type());
        }

        assertThat(published).hasSize(30);
        assertThat(types).containsExactlyInAnyOrder("image", "document", "audio");
    }

    @Test
    void statusesWalkTheWamidsTheApplicationWasGivenThenFallBackToUnknownOnes() {
        PayloadFactory factory = factory(new PayloadFactory.Mix(0, 0, 1, 0));
        outbound.issued("wamid.out.1", "33610000001");
        outbound.issued("wamid.out.2", "33610000002");

        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            SignedDelivery delivery = factory.build("status", i);
            StatusUpdate status =
                    parser.parse(delivery.body(), clock.instant()).statuses().get(0);
            seen.add(status.wamid() + "/" + status.status());
            assertThat(delivery.statusKeys()).containsExactly(status.wamid() + "/" + status.status());
        }

        // One of 25 wamids fails after "sent" (by its hash): neither of these two.
        assertThat(seen.subList(0, 6))
                .containsExactly(
                        "wamid.out.1/sent",
                        "wamid.out.2/sent",
                        "wamid.out.1/delivered",
                        "wamid.out.2/delivered",
                        "wamid.out.1/read",
                        "wamid.out.2/read");
        assertThat(seen.get(6)).startsWith("wamid.load.run1.unknown.").endsWith("/sent");
        assertThat(factory.unknownStatuses()).isEqualTo(1);
    }

    @Test
    void aMixIsReadFromItsWeights() {
        assertThat(PayloadFactory.Mix.parse("text=3, status=1")).isEqualTo(new PayloadFactory.Mix(3, 0, 1, 0));
        assertThat(PayloadFactory.Mix.DEFAULT.pick(0)).isEqualTo("text");
        assertThat(PayloadFactory.Mix.DEFAULT.pick(99)).isEqualTo("batch");
        assertThatThrownBy(() -> PayloadFactory.Mix.parse("text=0")).isInstanceOf(IllegalArgumentException.class);
    }
}
