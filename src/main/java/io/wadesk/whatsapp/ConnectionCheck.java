package io.wadesk.whatsapp;

import io.wadesk.whatsapp.internal.CloudApiClient;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The "test connection" of the WhatsApp screen: calls the Graph API with the settings as they stand and says, item by
 * item, what works (the token and each business number, the WABA and its templates) and what does not, in Meta's own
 * words. Nothing is sent to any customer.
 */
@Service
public class ConnectionCheck {

    private final CloudApiClient client;
    private final WhatsAppConnection connection;

    public ConnectionCheck(CloudApiClient client, WhatsAppConnection connection) {
        this.client = client;
        this.connection = connection;
    }

    /**
     * One result. {@code item} is {@code token}, {@code phone}, {@code phones} or {@code waba}; {@code subject} the id
     * checked; {@code detail} what Meta said (a display number and name, a template count, or its error message).
     */
    public record Result(String item, String subject, boolean ok, String detail) {}

    public List<Result> run() {
        List<Result> results = new ArrayList<>();
        if (connection.accessToken().isEmpty()) {
            results.add(new Result("token", "", false, ""));
            return results;
        }
        List<String> phones = connection.phoneNumberIds();
        if (phones.isEmpty()) {
            results.add(new Result("phones", "", false, ""));
        }
        phones.forEach(phone -> results.add(phone(phone)));
        results.add(waba(connection.wabaId()));
        return results;
    }

    /** The business number as Meta knows it: its display number, verified name and quality rating. */
    private Result phone(String phone) {
        try {
            CloudApiClient.PhoneNumber number = client.phoneNumber(phone);
            return new Result(
                    "phone",
                    phone,
                    true,
                    join(number.displayPhoneNumber(), number.verifiedName(), number.qualityRating()));
        } catch (CloudApiException ex) {
            return new Result("phone", phone, false, ex.getMessage());
        }
    }

    /** The WABA, proved by listing its templates: how many it has. */
    private Result waba(String waba) {
        if (waba.isEmpty()) {
            return new Result("waba", "", false, "");
        }
        try {
            return new Result(
                    "waba", waba, true, Integer.toString(client.templates(waba).size()));
        } catch (CloudApiException ex) {
            return new Result("waba", waba, false, ex.getMessage());
        }
    }

    private static String join(String... parts) {
        return String.join(
                " · ",
                java.util.Arrays.stream(parts)
                        .filter(p -> p != null && !p.isBlank())
                        .toList());
    }
}
