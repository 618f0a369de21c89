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

    /** Numbers arrive as JSON numbers or as strings, depending on the field and the webhook version. */
    static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString()) {
            try {
                return new BigDecimal(value.stringValue().strip());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    /** Unix seconds, as a string in messages and statuses and as an integer elsewhere. */
    static Instant seconds(JsonNode node, String field) {
        BigDecimal value = decimal(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(value.longValue());
        } catch (java.time.DateTimeException outOfRange) {
            return null;
        }
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
