package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.conversation.ConversationIngest;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 16, point 8: a customer's file is shown in the page only when its type is on the allow-list. */
@IntegrationTest
class MediaHeadersTests {

    private static final byte[] SVG =
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>"
                    .getBytes(StandardCharsets.UTF_8);

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
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    private Cookie session;
    private ThreadTestData customer;

    @BeforeEach
    void aCustomerTalksToAnAgent() throws Exception {
        ConversationScenario.Desk desk = scenario.desk(5, null);
        session = SignIn.as(mvc, scenario.availableAgent(desk));
        customer = new ThreadTestData(ingest, outbound, files, clock, jdbc, desk, ConversationScenario.newPhone());
        customer.sends("text", new MessageContent.Text("Bonjour"));
    }

    @Test
    void anSvgImageIsOnlyEverDownloadedInASandboxAndNeverSniffed() throws Exception {
        MockHttpServletResponse response = fileSent("image", "image/svg+xml", SVG);

        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(response.getHeader("Content-Security-Policy")).contains("sandbox");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void anHtmlDocumentAndAGifAreDownloadedToo() throws Exception {
        assertThat(fileSent("document", "text/html", SVG).getHeader("Content-Disposition"))
                .startsWith("attachment");
        assertThat(fileSent("image", "image/gif", new byte[] {'G', 'I', 'F', '8', '9', 'a'})
                        .getHeader("Content-Disposition"))
                .startsWith("attachment");
    }

    @Test
    void allowListedPhotosAndVoiceNotesAreShownInline() throws Exception {
        MockHttpServletResponse photo = fileSent("image", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, 1});
        MockHttpServletResponse voice = fileSent("audio", "audio/ogg; codecs=opus", new byte[] {'O', 'g', 'g', 'S'});

        assertThat(photo.getHeader("Content-Disposition")).startsWith("inline");
        assertThat(photo.getHeader("Content-Security-Policy")).doesNotContain("sandbox");
        assertThat(voice.getHeader("Content-Disposition")).startsWith("inline");
    }

    private MockHttpServletResponse fileSent(String kind, String mimeType, byte[] bytes) throws Exception {
        String wamid = customer.sends(kind, ThreadTestData.media(mimeType, null, null, null));
        customer.fileFetched(wamid, bytes, mimeType);
        return mvc.perform(get("/media/" + customer.messageId(wamid)).cookie(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
    }
}
