package io.wadesk.reliability;

import io.wadesk.reliability.WebhookTransport.Post;
import io.wadesk.webhook.Fixtures;
import io.wadesk.webhook.internal.SignatureVerifier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Garbage for the webhook, case by case: case {@code i} of a seed is always the same bytes, whichever thread builds
 * it and in whatever order, so a run is reproduced by its seed. Each case says what the webhook must answer, and for
 * a signed one whether its inbox row must end applied (any JSON object: the parser is lenient) or a dead letter
 * (anything else: acknowledged, since Meta would redeliver it for days, then kept for an admin).
 */
final class FuzzCorpus {

    /** One request and what must come of it. */
    record Case(String kind, Post post, int expectedStatus, boolean expectDeadLetter) {

        boolean stored() {
            return expectedStatus == 200;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RAW = "@@raw@@";

    /** Kinds and their weights (per mille); signed ones unless named otherwise. */
    private static final Map<String, Integer> WEIGHTS = Map.ofEntries(
            Map.entry("mutated-fixture", 230),
            Map.entry("wrong-types", 80),
            Map.entry("nonsense-json", 70),
            Map.entry("truncated", 70),
            Map.entry("random-bytes", 40),
            Map.entry("invalid-utf8", 40),
            Map.entry("deep-nesting", 30),
            Map.entry("huge-number", 40),
            Map.entry("huge-string", 10),
            Map.entry("value-errors", 30),
            Map.entry("empty", 10),
            Map.entry("valid", 30),
            Map.entry("unsigned", 110),
            Map.entry("wrong-signature", 120),
            Map.entry("wrong-content-type", 85),
            Map.entry("oversized", 5));

    private static final List<String> KINDS = WEIGHTS.keySet().stream().sorted().toList();
    private static final int TOTAL_WEIGHT =
            WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();

    private final long seed;
    private final String secret;
    private final int maxBody;
    private final String phoneNumberId;
    private final List<byte[]> fixtures = new ArrayList<>();
    private final List<ObjectNode> trees = new ArrayList<>();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param maxBody {@code wadesk.webhook.max-body} of the application: oversized cases go just past it, the others
     *     stay below
     */
    FuzzCorpus(long seed, String secret, int maxBody) {
        this.seed = seed;
        this.secret = secret;
        this.maxBody = maxBody;
        this.phoneNumberId = "6" + String.format("%014d", Math.floorMod(seed, 100_000_000_000_000L));
        // The fixtures' people, numbers and wamids are those of other tests: the fuzz writes its own.
        for (String name : Fixtures.ALL) {
            fixtures.add(new String(Fixtures.bytes(name), StandardCharsets.UTF_8)
                    .replace(Fixtures.PHONE_NUMBER_ID, phoneNumberId)
                    .replace("1555000", "1666000")
                    .replace("\"US.", "\"UF.")
                    .replace("\"wamid.", "\"wamid.fuzz.")
                    .getBytes(StandardCharsets.UTF_8));
            trees.add((ObjectNode) json.readTree(fixtures.get(fixtures.size() - 1)));
        }
    }

    String phoneNumberId() {
        return phoneNumberId;
    }

    Case generate(long index) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        int pick = random.nextInt(TOTAL_WEIGHT);
        String kind = KINDS.get(0);
        for (String candidate : KINDS) {
            pick -= WEIGHTS.get(candidate);
            if (pick < 0) {
                kind = candidate;
                break;
            }
        }
        return switch (kind) {
            case "unsigned" ->
                new Case(kind, new Post(anyBody(random), jsonType(random), null, chunked(random)), 401, false);
            case "wrong-signature" -> {
                byte[] body = anyBody(random);
                yield new Case(
                        kind,
                        new Post(body, jsonType(random), wrongSignature(random, body), chunked(random)),
                        401,
                        false);
            }
            case "wrong-content-type" -> {
                byte[] body = anyBody(random);
                yield new Case(kind, new Post(body, wrongType(random), sign(body), chunked(random)), 415, false);
            }
            case "oversized" -> {
                byte[] body = oversized(random);
                String signature = random.nextBoolean() ? sign(body) : null;
                yield new Case(kind, new Post(body, jsonType(random), signature, chunked(random)), 413, false);
            }
            default -> signed(kind, signedBody(kind, random), random);
        };
    }

    private Case signed(String kind, byte[] body, Random random) {
        return new Case(kind, new Post(body, jsonType(random), sign(body), chunked(random)), 200, !isJsonObject(body));
    }

    /** What the application's parser must accept; anything else must become a dead letter at once. */
    private boolean isJsonObject(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            return root != null && root.isObject();
        } catch (JacksonException ex) {
            return false;
        }
    }

    private byte[] signedBody(String kind, Random random) {
        return switch (kind) {
            case "mutated-fixture" -> mutatedFixture(random, 1 + random.nextInt(5));
            case "wrong-types" -> wrongTypes(random);
            case "nonsense-json" -> nonsense(random);
            case "truncated" -> {
                byte[] fixture = fixture(random);
                yield Arrays.copyOf(fixture, random.nextInt(fixture.length));
            }
            case "random-bytes" -> randomBytes(random, random.nextInt(4096));
            case "invalid-utf8" -> invalidUtf8(random);
            case "deep-nesting" -> deepNesting(random);
            case "huge-number" -> hugeNumber(random);
            case "huge-string" -> hugeString(random);
            case "value-errors" -> valueErrors(random);
            case "empty" -> utf8(pick(random, "", " ", "\n", "null", "{}", "[]", "\"\"", "0", "{\"entry\":null}"));
            case "valid" -> fixture(random);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    // --- bodies -------------------------------------------------------------------------------------------------

    private byte[] anyBody(Random random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> fixture(random);
            case 3, 4 -> mutatedFixture(random, 2);
            case 5, 6 -> randomBytes(random, random.nextInt(2048));
            default -> deepNesting(random);
        };
    }

    private byte[] fixture(Random random) {
        return fixtures.get(random.nextInt(fixtures.size()));
    }

    private ObjectNode fixtureTree(Random random) {
        return trees.get(random.nextInt(trees.size())).deepCopy();
    }

    /** A Cloud API payload with a few values replaced, removed or retyped. */
    private byte[] mutatedFixture(Random random, int mutations) {
        ObjectNode root = fixtureTree(random);
        List<String> raws = new ArrayList<>();
        for (int m = 0; m < mutations; m++) {
            List<Slot> slots = new ArrayList<>();
            collect(root, slots);
            if (slots.isEmpty()) {
                break;
            }
            Slot slot = slots.get(random.nextInt(slots.size()));
            if (random.nextInt(6) == 0) {
                slot.remove();
            } else {
                slot.set(anyValue(random, raws));
            }
        }
        return withRaws(json.writeValueAsBytes(root), raws);
    }

    /** The structural fields of a payload, each given a value of the wrong type. */
    private byte[] wrongTypes(Random random) {
        ObjectNode root = fixtureTree(random);
        List<String> raws = new ArrayList<>();
        List<String> structural = List.of(
                "entry",
                "changes",
                "value",
                "metadata",
                "messages",
                "contacts",
                "statuses",
                "errors",
                "profile",
                "text",
                "image",
                "interactive",
                "location",
                "context",
                "timestamp",
                "id",
                "from",
                "type",
                "status");
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        List<Slot> matching = slots.stream()
                .filter(slot -> slot.name() != null && structural.contains(slot.name()))
                .toList();
        for (int m = 0; m < 1 + random.nextInt(3) && !matching.isEmpty(); m++) {
            matching.get(random.nextInt(matching.size())).set(anyValue(random, raws));
        }
        return withRaws(json.writeValueAsBytes(root), raws);
    }

    private byte[] nonsense(Random random) {
        List<String> raws = new ArrayList<>();
        JsonNode node = random.nextInt(4) == 0 ? anyValue(random, raws) : randomObject(random, 0, raws);
        return withRaws(json.writeValueAsBytes(node), raws);
    }

    private ObjectNode randomObject(Random random, int depth, List<String> raws) {
        ObjectNode object = NODES.objectNode();
        int fields = random.nextInt(6);
        List<String> names = List.of("entry", "changes", "value", "messages", "statuses", "id", "field", "object", "x");
        for (int f = 0; f < fields; f++) {
            String name = random.nextBoolean() ? pick(random, names.toArray(String[]::new)) : randomText(random, 8);
            if (depth < 5 && random.nextInt(3) == 0) {
                object.set(
                        name,
                        random.nextBoolean()
                                ? randomObject(random, depth + 1, raws)
                                : randomArray(random, depth + 1, raws));
            } else {
                object.set(name, anyValue(random, raws));
            }
        }
        return object;
    }

    private ArrayNode randomArray(Random random, int depth, List<String> raws) {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
            array.add(
                    depth < 5 && random.nextBoolean() ? randomObject(random, depth + 1, raws) : anyValue(random, raws));
        }
        return array;
    }

    /** Invalid UTF-8 inside a string of a payload, where Meta only ever sends valid UTF-8. */
    private byte[] invalidUtf8(Random random) {
        byte[] body = fixture(random);
        byte[][] sequences = {
            {(byte) 0xC3, (byte) 0x28},
            {(byte) 0xFF},
            {(byte) 0xFE, (byte) 0xFF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80}
        };
        byte[] bad = sequences[random.nextInt(sequences.length)];
        int at = indexAfterQuote(body, random);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + bad.length);
        out.write(body, 0, at);
        out.writeBytes(bad);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static int indexAfterQuote(byte[] body, Random random) {
        for (int tries = 0; tries < 50; tries++) {
            int at = random.nextInt(body.length);
            if (body[at] == '"') {
                return at + 1;
            }
        }
        return body.length / 2;
    }

    /** 100,000 nested arrays, and lesser depths around Jackson's limit of 500. */
    private byte[] deepNesting(Random random) {
        int depth = pickInt(random, 100_000, 20_000, 1_000, 501, 499, 400);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        StringBuilder body = new StringBuilder(depth * (open.length() + 1) + 16);
        boolean wrapped = random.nextBoolean();
        if (wrapped) {
            body.append("{\"entry\":");
        }
        body.append(open.repeat(depth)).append("1");
        if (random.nextBoolean()) {
            body.append(close.repeat(depth));
            if (wrapped) {
                body.append('}');
            }
        }
        return utf8(body.toString());
    }

    /** Numbers past what any type holds, where Meta sends timestamps, codes and coordinates. */
    private byte[] hugeNumber(Random random) {
        ObjectNode root = fixtureTree(random);
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        List<String> raws = new ArrayList<>();
        List<Slot> numeric = slots.stream()
                .filter(slot -> slot.name() != null
                        && List.of("timestamp", "latitude", "longitude", "code", "quantity", "item_price")
                                .contains(slot.name()))
                .toList();
        Slot slot = numeric.isEmpty()
                ? slots.get(random.nextInt(slots.size()))
                : numeric.get(random.nextInt(numeric.size()));
        slot.set(raw(raws, hugeNumberText(random)));
        return withRaws(json.writeValueAsBytes(root), raws);
    }

    private static String hugeNumberText(Random random) {
        return pick(
                random,
                "1e999999999",
                "-1e999999999",
                "1e-999999999",
                "9".repeat(900),
                "9".repeat(1100),
                "0." + "1".repeat(950),
                "\"1e999999999\"",
                "\"" + "9".repeat(5000) + "\"",
                "\"99999999999999\"",
                "99999999999999999999",
                "-9223372036854775809",
                "\"-62135596801\"",
                "\"253402300800\"",
                "1.7976931348623157E309",
                "\"NaN\"",
                "\"Infinity\"");
    }

    /** Strings of hundreds of kilobytes, in a value and in a field name. */
    private byte[] hugeString(Random random) {
        ObjectNode root = fixtureTree(random);
        int length = 20_000 + random.nextInt(Math.max(1, maxBody / 5));
        String big = randomText(random, 16).repeat(length / 16);
        if (random.nextBoolean()) {
            List<Slot> slots = new ArrayList<>();
            collect(root, slots);
            slots.get(random.nextInt(slots.size())).set(NODES.stringNode(big));
        } else {
            root.put(big.substring(0, Math.min(big.length(), 60_000)), 1);
        }
        return json.writeValueAsBytes(root);
    }

    /** Value-level errors with codes and titles Meta never sent. */
    private byte[] valueErrors(Random random) {
        ObjectNode value = NODES.objectNode();
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("phone_number_id", phoneNumberId);
        ArrayNode errors = value.putArray("errors");
        for (int e = random.nextInt(4); e >= 0; e--) {
            ObjectNode error = errors.addObject();
            error.put("code", random.nextInt());
            error.put("title", randomText(random, 1 + random.nextInt(300)));
            error.putObject("error_data").put("details", randomText(random, random.nextInt(2000)));
        }
        ObjectNode root = NODES.objectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode change =
                root.putArray("entry").addObject().putArray("changes").addObject();
        change.set("value", value);
        change.put("field", "messages");
        return json.writeValueAsBytes(root);
    }

    private byte[] oversized(Random random) {
        int size = maxBody + 1 + random.nextInt(64 * 1024);
        if (random.nextBoolean()) {
            return randomBytes(random, size);
        }
        String padding = "x".repeat(size);
        return utf8("{\"entry\":[],\"padding\":\"" + padding + "\"}");
    }

    // --- values ---------------------------------------------------------------------------------------------------

    private JsonNode anyValue(Random random, List<String> raws) {
        return switch (random.nextInt(22)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.numberNode(random.nextDouble() * 1e6 - 5e5);
            case 5 -> NODES.stringNode("");
            case 6 -> NODES.stringNode(randomText(random, 1 + random.nextInt(40)));
            case 7 -> NODES.stringNode("x".repeat(256 + random.nextInt(2000)));
            case 8 -> NODES.stringNode("nul\u0000inside");
            case 9 -> raw(raws, "\"lone \\ud800 surrogate\"");
            case 10 -> NODES.stringNode(pick(random, "99999999999999", "-1", "253402300800", "1e400", "NaN", "true"));
            case 11 -> NODES.objectNode();
            case 12 -> NODES.arrayNode();
            case 13 -> {
                ArrayNode array = NODES.arrayNode();
                array.addObject().put("id", randomText(random, 5));
                array.add(NODES.nullNode());
                array.add(7);
                yield array;
            }
            case 14 -> randomObject(random, 3, raws);
            case 15 -> raw(raws, hugeNumberText(random));
            case 16 -> NODES.stringNode("\u202e\ufeff\u0007\u001b[31m" + randomText(random, 5));
            case 17 ->
                NODES.stringNode(
                        pick(random, "image", "text", "unsupported", "messages", "statuses", "failed", "read"));
            case 18 -> {
                ArrayNode nested = NODES.arrayNode();
                ArrayNode inner = nested;
                for (int d = 0; d < 200; d++) {
                    inner = inner.addArray();
                }
                yield nested;
            }
            case 19 -> NODES.stringNode(randomText(random, 64) + "\n\r\t\"\\/");
            case 20 -> NODES.numberNode(Long.MAX_VALUE);
            default -> NODES.stringNode(String.valueOf(random.nextLong()));
        };
    }

    /** A token written as is in the serialised body (numbers no Java type holds), in place of a marker string. */
    private static JsonNode raw(List<String> raws, String text) {
        raws.add(text);
        return NODES.stringNode(RAW + (raws.size() - 1));
    }

    private static byte[] withRaws(byte[] body, List<String> raws) {
        if (raws.isEmpty()) {
            return body;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        for (int i = raws.size() - 1; i >= 0; i--) {
            text = text.replace("\"" + RAW + i + "\"", raws.get(i));
        }
        return utf8(text);
    }

    /** A field of an object or an item of an array somewhere in the tree. */
    private record Slot(JsonNode parent, String name, int index) {

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (String name : object.propertyNames()) {
                slots.add(new Slot(object, name, -1));
                collect(object.get(name), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }

    // --- headers --------------------------------------------------------------------------------------------------

    private String sign(byte[] body) {
        return SignatureVerifier.sign(secret, body);
    }

    /** JSON declared in every way the webhook accepts. */
    private static String jsonType(Random random) {
        return pick(
                random,
                "application/json",
                "application/json",
                "application/json; charset=utf-8",
                "application/json;charset=UTF-8",
                "Application/JSON",
                "application/vnd.whatsapp+json");
    }

    private static String wrongType(Random random) {
        return pick(
                random,
                null,
                "text/plain",
                "text/json",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz",
                "application/jsonp",
                "application/octet-stream",
                "json",
                ";;;",
                "application/",
                "*/*",
                "application/json-patch",
                "");
    }

    private String wrongSignature(Random random, byte[] body) {
        String right = sign(body);
        return switch (random.nextInt(9)) {
            case 0 -> SignatureVerifier.sign("not_the_app_secret", body);
            case 1 -> "sha256=" + HexFormat.of().formatHex(randomBytes(random, 32));
            case 2 -> right.substring(0, right.length() - 2);
            case 3 -> right + "00";
            case 4 -> "sha1=" + right.substring(7, 47);
            case 5 -> "";
            case 6 -> "sha256=" + "z".repeat(64);
            case 7 -> right.substring(7);
            default -> SignatureVerifier.sign(secret, Arrays.copyOf(body, body.length + 1));
        };
    }

    private static boolean chunked(Random random) {
        return random.nextInt(10) == 0;
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.appendCodePoint(
                    kind < 7
                            ? 'a' + random.nextInt(26)
                            : kind < 9 ? 0xC0 + random.nextInt(0x100) : 0x1F600 + random.nextInt(64));
        }
        return text.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static int pickInt(Random random, int... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
