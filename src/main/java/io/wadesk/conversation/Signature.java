package io.wadesk.conversation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A team's optional signature, e.g. {@code {firstName}, votre conseiller {brand}}, appended to free-text replies so
 * that a message sent under the brand's name still carries a person.
 */
public record Signature(String format) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(firstName|brand)}");

    public static Signature none() {
        return new Signature(null);
    }

    public boolean isEnabled() {
        return format != null && !format.isBlank();
    }

    public String render(String firstName, String brand) {
        if (!isEnabled()) {
            return "";
        }
        Matcher matcher = PLACEHOLDER.matcher(format);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = matcher.group(1).equals("firstName") ? firstName : brand;
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString().strip();
    }

    /** The reply as the customer receives it: the text, then the signature on its own line. */
    public String sign(String text, String firstName, String brand) {
        String signature = render(firstName, brand);
        return signature.isEmpty() ? text : text.stripTrailing() + "\n\n" + signature;
    }
}
