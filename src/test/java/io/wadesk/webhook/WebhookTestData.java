package io.wadesk.webhook;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.wadesk.webhook.internal.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Signed webhook requests, and the tables they fill. */
public final class WebhookTestData {

    public static final String URL = "/webhooks/whatsapp";

    private WebhookTestData() {}

    public static MockHttpServletRequestBuilder signed(byte[] body) {
        return post(URL)
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", SignatureVerifier.sign(Fixtures.APP_SECRET, body))
                .content(body);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A delivery of one text message, as Meta would send it. */
    public static byte[] textMessage(String wamid, String waId, String userId, String name, String body) {
        return utf8("""
                {"object":"whatsapp_business_account","entry":[{"id":"104857600123456","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111",
                "phone_number_id":"110022003300440"},"contacts":[{"profile":{"name":"%s"},"wa_id":"%s","user_id":"%s"}],
                "messages":[{"from":"%s","from_user_id":"%s","id":"%s","timestamp":"1767261600","type":"text",
                "text":{"body":"%s"}}]},"field":"messages"}]}]}""".formatted(name, waId, userId, waId, userId, wamid, body));
    }

    /** A delivery of one status of one of our messages. */
    public static byte[] status(String wamid, String status, long timestamp) {
        return utf8("""
                {"object":"whatsapp_business_account","entry":[{"id":"104857600123456","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111",
                "phone_number_id":"110022003300440"},"statuses":[{"id":"%s","status":"%s","timestamp":"%d",
                "recipient_id":"15550002222"}]},"field":"messages"}]}]}""".formatted(wamid, status, timestamp));
    }

    /** Empties what the webhook fills, children first. */
    public static void clear(JdbcClient jdbc) {
        for (String table :
                new String[] {"message_status_events", "messages", "conversations", "contacts", "webhook_inbox"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    public static int count(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql("SELECT count(*) FROM " + sql)
                .params(params)
                .query(Integer.class)
                .single();
    }
}
