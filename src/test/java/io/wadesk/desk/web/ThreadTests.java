package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageContext;
import io.wadesk.conversation.MessageError;
import io.wadesk.conversation.OutboundTestData;
import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The thread renders every kind of message stored from WhatsApp, as text never as HTML, with ticks and reasons. */
@IntegrationTest
class ThreadTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationIngest ingest;

    @Autowired
    WhatsAppOutbox outbound;

    @Autowired
    WhatsAppOutbox files;

    @Autowired
    ConversationCommands commands;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private ConversationScenario.Desk desk;
    private UserAccount agent;
    private Cookie session;
    private ThreadTestData customer;
    private UUID conversation;

    @BeforeEach
    void aCustomerTalksToAnAgent() throws Exception {
        desk = scenario.desk(5, null);
        agent = scenario.availableAgent(desk);
        session = SignIn.as(mvc, agent);
        customer = new ThreadTestData(ingest, outbound, files, clock, jdbc, desk, ConversationScenario.newPhone());
        String first = customer.sends("text", new MessageContent.Text("Bonjour"));
        conversation = jdbc.sql("SELECT conversation_id FROM messages WHERE wamid = ?")
                .param(first)
                .query(UUID.class)
                .single();
        customer.sendPending();
    }

    @Test
    void textIsShownAsTextWithItsHttpLinksClickable() throws Exception {
        customer.sends(
                "text",
                new MessageContent.Text("<img src=x onerror=alert(1)> see https://example.com/t/48213, not"
                        + " javascript:alert(2) nor www.shop.example/a?b=1&c=2."));

        String thread = thread(Locale.ENGLISH);

        assertThat(thread)
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x")
                .contains("href=\"https://example.com/t/48213\"")
                .contains(">https://example.com/t/48213</a>, not javascript:alert(2)")
                .doesNotContain("href=\"javascript")
                .contains("href=\"https://www.shop.example/a?b=1&amp;c=2\"")
                .contains("rel=\"noopener noreferrer nofollow\"");
    }

    @Test
    void filesAreShownPlayableOrDownloadableOnceFetchedAndExplainedOtherwise() throws Exception {
        String image = customer.sends("image", ThreadTestData.media("image/jpeg", "Le colis", null, null));
        String sticker = customer.sends("sticker", ThreadTestData.media("image/webp", null, null, null));
        String voice = customer.sends("audio", ThreadTestData.media("audio/ogg; codecs=opus", null, null, true));
        String audio = customer.sends("audio", ThreadTestData.media("audio/mpeg", null, null, false));
        String video = customer.sends("video", ThreadTestData.media("video/mp4", "Unboxing", null, null));
        String document =
                customer.sends("document", ThreadTestData.media("application/pdf", null, "facture.pdf", null));
        String pending = customer.sends("image", ThreadTestData.media("image/png", null, null, null));
        String failed = customer.sends("video", ThreadTestData.media("video/mp4", null, null, null));
        for (String wamid : List.of(image, sticker, voice, audio, video)) {
            customer.fileFetched(wamid, new byte[] {1, 2, 3}, null);
        }
        customer.fileFetched(document, new byte[2560], "application/pdf");
        customer.fileFailed(failed);

        String thread = thread(Locale.ENGLISH);

        assertThat(bubble(thread, image))
                .contains("<img class=\"bubble-image\" src=\"/media/" + customer.messageId(image) + "\"")
                .contains("href=\"/media/" + customer.messageId(image) + "\" target=\"_blank\"")
                .contains("Le colis");
        assertThat(bubble(thread, sticker)).contains("class=\"bubble-sticker\"", "alt=\"Sticker\"");
        assertThat(bubble(thread, voice)).contains("Voice message", "<audio controls");
        assertThat(bubble(thread, audio)).contains("Audio file", "<audio controls");
        assertThat(bubble(thread, video)).contains("<video class=\"bubble-video\" controls", "Unboxing");
        assertThat(bubble(thread, document))
                .contains("download=\"facture.pdf\"", "facture.pdf", "2.5 KB", "application/pdf", "Download");
        assertThat(bubble(thread, pending))
                .contains("The photo is still being fetched from WhatsApp")
                .doesNotContain("<img");
        assertThat(bubble(thread, failed))
                .contains("The video could not be fetched from WhatsApp")
                .doesNotContain("<video");
        assertThat(bubble(thread(Locale.FRENCH), document)).contains("2,5 Ko", "Télécharger");
    }

    @Test
    void locationsContactCardsAnswersAndUnsupportedMessagesAreEachShownInPlainWords() throws Exception {
        String location = customer.sends(
                "location",
                new MessageContent.Location(
                        38.7223, -9.1393, "Loja Central", "Rua Augusta 100, Lisboa", "javascript:alert(1)"));
        String contacts = customer.sends(
                "contacts",
                new MessageContent.Contacts(List.of(new MessageContent.ContactCard(
                        new MessageContent.ContactCard.Name("Ana Souza", "Ana", "Souza", null, null, null),
                        List.of(new MessageContent.ContactCard.Phone("+55 11 91234 5678", "5511912345678", "CELL")),
                        List.of(new MessageContent.ContactCard.Email("ana@example.com", "WORK")),
                        null,
                        null,
                        new MessageContent.ContactCard.Org("Loja", null, null),
                        null))));
        String button = customer.sends(
                "interactive",
                new MessageContent.InteractiveReply("button_reply", "consent_yes", "Oui", null, null, null));
        String list = customer.sends(
                "interactive",
                new MessageContent.InteractiveReply(
                        "list_reply", "slot_2", "Tuesday morning", "9:00 to 12:00", null, null));
        String quick = customer.sends("button", new MessageContent.QuickReply("reschedule", "Reschedule"));
        String unsupported = customer.sends(
                "unsupported",
                new MessageContent.Unsupported(
                        "poll_creation", List.of(new MessageError(131051, "Message type unknown", null))));
        String other = customer.sends("unsupported", new MessageContent.Unsupported("gif", List.of()));
        String system = customer.sends(
                "system", new MessageContent.SystemNotice("user_changed_number", "changed", "33600000000", null));

        String thread = thread(Locale.ENGLISH);

        assertThat(bubble(thread, location))
                .contains("Loja Central", "Rua Augusta 100, Lisboa", "Latitude 38.72230, longitude -9.13930")
                .contains("href=\"https://www.openstreetmap.org/?mlat=38.722300&amp;mlon=-9.139300")
                .doesNotContain("javascript:")
                .doesNotContain("<iframe");
        assertThat(bubble(thread, contacts))
                .contains("Ana Souza", "Loja", "Phone (CELL)", "+55 11 91234 5678", "E-mail (WORK)", "ana@example.com");
        assertThat(bubble(thread, button)).contains("Tapped the button", "Oui");
        assertThat(bubble(thread, list)).contains("Chose in the list", "Tuesday morning", "9:00 to 12:00");
        assertThat(bubble(thread, quick)).contains("Tapped the template button", "Reschedule");
        assertThat(bubble(thread, unsupported)).contains("sent a poll; WhatsApp does not pass polls on");
        assertThat(bubble(thread, other))
                .contains("does not pass on to businesses (gif): ask them to write it as text");
        assertThat(bubble(thread, system))
                .contains("the customer changed their phone number")
                .doesNotContain("33600000000");
        assertThat(bubble(thread(Locale.FRENCH), unsupported)).contains("Le client a envoyé un sondage");
    }

    @Test
    void ourTemplatesAndButtonsAndAForwardedMessageAreShownForWhatTheyAre() throws Exception {
        UUID template = OutboundTestData.queue(
                context,
                conversation,
                desk.phoneNumberId(),
                new MessageContent.Template("order_update", "fr", List.of("Dana", "4821")));
        String forwarded = customer.sends(
                "text",
                new MessageContent.Text("Regardez ce que j'ai reçu"),
                new MessageContext(null, null, true, false, null, null));
        String order = customer.sends(
                "order",
                new MessageContent.Order(
                        "catalog-1",
                        "Pour remplacer",
                        List.of(new MessageContent.OrderItem("sku-1", 2, java.math.BigDecimal.TEN, "EUR"))));

        String thread = thread(Locale.ENGLISH);

        assertThat(bubble(thread, template))
                .contains("Template &quot;order_update&quot; (fr)", "<li>Dana</li>", "<li>4821</li>", "tick-pending");
        assertThat(thread).contains("kind-buttons", "<li>Oui</li>", "<li>Non</li>");
        assertThat(bubble(thread, forwarded)).contains("Forwarded", "Regardez ce que j&#39;ai reçu");
        assertThat(bubble(thread, order)).contains("Order of 1 item(s) from the catalogue", "Pour remplacer");
    }

    @Test
    void ourMessagesShowTheirDeliveryWithWordsAndAFailureSaysWhy() throws Exception {
        UUID pending = reply("Je regarde.");
        assertThat(bubble(thread(Locale.ENGLISH), pending)).contains("tick-pending", "Sending");

        String sent = customer.sendPending().get(0);
        assertThat(bubble(thread(Locale.ENGLISH), pending)).contains("tick-sent", ">Sent<");
        customer.status(sent, "delivered");
        assertThat(bubble(thread(Locale.ENGLISH), pending)).contains("tick-delivered", "Delivered");
        customer.status(sent, "read");
        assertThat(bubble(thread(Locale.ENGLISH), pending)).contains("tick-read", "Read by the customer");
        assertThat(bubble(thread(Locale.FRENCH), pending)).contains("Lu par le client");

        UUID undeliverable = reply("Encore là ?");
        customer.failPending(131026);
        UUID unknown = reply("Allô ?");
        customer.failPending(999999);

        String thread = thread(Locale.ENGLISH);
        assertThat(bubble(thread, undeliverable))
                .contains(
                        "tick-failed", "Not delivered", "this number cannot receive WhatsApp messages", "error 131026");
        assertThat(bubble(thread, unknown)).contains("did not deliver this message (error 999999)");
        assertThat(bubble(thread(Locale.FRENCH), undeliverable))
                .contains("ce numéro ne peut pas recevoir de messages WhatsApp");
    }

    @Test
    void aReactionIsShownOnItsMessageAndGoesWhenRemoved() throws Exception {
        UUID reply = reply("Votre colis arrive demain.");
        String replyWamid = customer.sendPending().get(0);

        String thumbs = customer.sends("reaction", new MessageContent.Reaction(replyWamid, "👍"));
        String thread = thread(Locale.ENGLISH);
        assertThat(bubble(thread, reply)).contains("bubble-reactions", "👍", "The customer&#39;s reaction");
        assertThat(thread).doesNotContain("msg-" + customer.messageId(thumbs));

        customer.sends("reaction", new MessageContent.Reaction(replyWamid, "❤️"));
        assertThat(bubble(thread(Locale.ENGLISH), reply)).contains("❤️").doesNotContain("👍");

        customer.sends("reaction", new MessageContent.Reaction(replyWamid, null));
        assertThat(bubble(thread(Locale.ENGLISH), reply)).doesNotContain("bubble-reactions");

        customer.sends("reaction", new MessageContent.Reaction("wamid.elsewhere", "😂"));
        assertThat(thread(Locale.ENGLISH)).contains("Reacted 😂 to a message that is not in this conversation");
    }

    @Test
    void aReplyQuotesItsOriginalOrSaysItIsNotAvailable() throws Exception {
        UUID ours = reply("Quel est votre numéro de commande ?");
        String oursWamid = customer.sendPending().get(0);
        String photo = customer.sends("image", ThreadTestData.media("image/jpeg", null, null, null));

        String answer = customer.replies(oursWamid, "text", new MessageContent.Text("C'est la 4821"));
        String aboutPhoto = customer.replies(photo, "text", new MessageContent.Text("Regardez le coin"));
        String lost = customer.replies("wamid.never-stored", "text", new MessageContent.Text("Et ça ?"));

        String thread = thread(Locale.ENGLISH);
        assertThat(bubble(thread, answer))
                .contains(
                        "href=\"#msg-" + ours + "\"",
                        "You",
                        "Quel est votre numéro de commande ?",
                        "C&#39;est la 4821");
        assertThat(bubble(thread, aboutPhoto))
                .contains("href=\"#msg-" + customer.messageId(photo) + "\"", "Customer", "Photo");
        assertThat(bubble(thread, lost)).contains("Replying to a message that is not available", "Et ça ?");
    }

    private UUID reply(String text) {
        clock.advance(Duration.ofSeconds(1));
        return ((CommandResult.Done<UUID>) commands.reply(agent.id(), conversation, text, null)).value();
    }

    private String thread(Locale locale) throws Exception {
        return mvc.perform(get("/desk/conversations/{id}", conversation)
                        .header("HX-Request", "true")
                        .header("HX-Target", "thread")
                        .param("lang", locale.getLanguage())
                        .cookie(session)
                        .locale(locale))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String bubble(String thread, String wamid) {
        return bubble(thread, customer.messageId(wamid));
    }

    /** The markup of one bubble: from its id to the end of its article. */
    private static String bubble(String thread, UUID id) {
        int start = thread.indexOf("id=\"msg-" + id + "\"");
        assertThat(start).as("bubble " + id + " in the thread").isNotNegative();
        return thread.substring(start, thread.indexOf("</article>", start));
    }
}
