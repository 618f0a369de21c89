package io.wadesk.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The payloads of {@code shared/whatsapp/payloads}, copied under {@code src/test/resources/whatsapp/payloads}. */
public final class Fixtures {

    public static final String APP_SECRET = "test_app_secret_do_not_use";
    public static final String PHONE_NUMBER_ID = "110022003300440";

    public static final List<String> ALL = List.of(
            "audio_voice.json",
            "batch_two_messages_two_contacts.json",
            "bonus_text_bsuid_no_phone.json",
            "contacts.json",
            "document.json",
            "image_with_caption.json",
            "interactive_button_reply.json",
            "interactive_list_reply.json",
            "location.json",
            "reaction.json",
            "status_sent_delivered_read_failed.json",
            "template_button.json",
            "text.json",
            "unsupported.json");

    private Fixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/whatsapp/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
