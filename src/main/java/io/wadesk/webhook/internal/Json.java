package io.wadesk.webhook.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** Lenient reads of Meta's JSON: a missing, null or oddly typed value is absent, never an exception. */
final class Json {

    /**
     * The most digits a number may have before or after its decimal point. Meta's numbers are timestamps, codes,
     * coordinates, quantities and prices; one past this (or {@code 1e999999999}, or an infinite double) is garbage,
     * and kept it would cost dearly wherever it is printed in full.
     */
    static final int MAX_DIGITS = 40;

    /** The latest timestamp taken as such (9999-12-31T23:59:59Z): later ones do not fit a database timestamp. */
    static final long MAX_SECONDS = 253_402_300_799L;

    private Json() {}

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.asString();
    }

    static boolean flag(JsonNode node, String field) {
        return Boolean.TRUE.equals(optionalFlag(node, field));
    }

    static Boolean optionalFlag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isString()) {
            String text = value.stringValue().strip();
            return text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        }
        return null;
    }

    static Integer integer(JsonNode node, String field) {
        BigDecimal value = decimal(node, field);
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException notAnInt) {
            return null;
        }
    }

    static Double real(JsonNode node, String field) {
        BigDecimal value = decimal(node, field);
        return value == null ? null : value.doubleValue();
    }

    /**
     * Numbers arrive as JSON numbers or as strings, depending on the field and the webhook version; one of more than
     * {@link #MAX_DIGITS} digits on either side of the point is absent.
     */
    static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return numberDecimal(value);
        }
        if (value.isString()) {
            return textDecimal(value.stringValue().strip());
        }
        return null;
    }

    private static BigDecimal numberDecimal(JsonNode value) {
        if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
            return null;
        }
        return sized(value.decimalValue());
    }

    private static BigDecimal textDecimal(String text) {
        if (text.length() > 2 * MAX_DIGITS + 8) {
            return null;
        }
        try {
            return sized(new BigDecimal(text));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static BigDecimal sized(BigDecimal value) {
        boolean fits = value.precision() - value.scale() <= MAX_DIGITS && value.scale() <= MAX_DIGITS;
        return fits ? value : null;
    }

    /**
     * Unix seconds, as a string in messages and statuses and as an integer elsewhere; a time before 1970 or after
     * 9999 is absent.
     */
    static Instant seconds(JsonNode node, String field) {
        BigDecimal value = decimal(node, field);
        if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
            return null;
        }
        return Instant.ofEpochSecond(value.longValue());
    }

    static List<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(item -> {
            if (item.isObject()) {
                items.add(item);
            }
        });
        return items;
    }

    /** The object under {@code field}, or an empty stand-in on which every read is absent. */
    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isObject() ? value : MissingNode.getInstance();
    }

    static boolean has(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isObject();
    }

    static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> reader) {
        List<JsonNode> items = array(node, field);
        return items.isEmpty() ? null : items.stream().map(reader).toList();
    }
}
