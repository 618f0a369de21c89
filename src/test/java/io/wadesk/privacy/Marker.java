package io.wadesk.privacy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A piece of personal data planted in the realistic day, and every form in which a dump could give it away: as typed,
 * lower-case, JSON-escaped (accents as {@code \}{@code uXXXX}), URL-encoded (form and query string), the hex of its
 * UTF-8 bytes (as a {@code bytea} is dumped) and its base64 at each of the three byte alignments. Text forms are
 * searched ignoring case; base64 is case-sensitive by nature.
 */
record Marker(String kind, String text) {

    /** A hit: which value held which form of which marker. */
    record Hit(String table, String column, Marker marker, String encoding) {

        @Override
        public String toString() {
            return table + "." + column + ": " + marker.kind() + " \"" + marker.text() + "\" (" + encoding + ")";
        }
    }

    /** Case-insensitive forms, keyed by the name of the encoding. */
    Map<String, String> caseInsensitiveForms() {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("plain or lower-case", text.toLowerCase(Locale.ROOT));
        forms.put("JSON-escaped", jsonEscaped(text).toLowerCase(Locale.ROOT));
        forms.put("URL-encoded", URLEncoder.encode(text, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
        forms.put(
                "URL-encoded (%20)",
                URLEncoder.encode(text, StandardCharsets.UTF_8)
                        .replace("+", "%20")
                        .toLowerCase(Locale.ROOT));
        forms.put("hex of UTF-8", HexFormat.of().formatHex(utf8));
        forms.put(
                "hex of UTF-8 (lower-case)",
                HexFormat.of().formatHex(text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        return forms;
    }

    /**
     * The base64 of the marker wherever it starts in a longer value: for each alignment, the characters made of the
     * marker's bytes alone.
     */
    List<String> base64Forms() {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] padded = new byte[offset + utf8.length];
            System.arraycopy(utf8, 0, padded, offset, utf8.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(padded);
            int whole = padded.length / 3 * 4;
            int from = offset == 0 ? 0 : 4;
            if (whole - from >= 8) {
                forms.add(encoded.substring(from, whole));
            }
        }
        return forms;
    }

    private static String jsonEscaped(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            escaped.append(c < 0x80 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return escaped.toString();
    }
}
