package io.wadesk.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * docs/design.md §3: a dump of the database never shows a message body, a contact name or a phone number in clear. Known
 * plaintexts go in through the vault and the blind index; then every text, json and bytea column of every table of
 * the schema, including those of modules written later, is read back with plain SQL and searched for them.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoPlaintextAtRestTests {

    private static final String NAME = "Zéphyrine Quenouille";
    private static final String PHONE = "+33 6 12 34 56 78";
    private static final String SENTENCE = "Ma commande n°4821 est arrivée abîmée, je suis très déçue 😞";
    private static final String TABLE = "crypto_plaintext_test_contact";

    /** Types read as text; bytea is read as bytes. */
    private static final Set<String> TEXT_TYPES =
            Set.of("text", "character varying", "character", "json", "jsonb", "xml", "ARRAY", "USER-DEFINED");

    @Autowired
    Vault vault;

    @Autowired
    BlindIndex index;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void storeKnownPlaintexts() {
        jdbc.sql("CREATE TABLE " + TABLE + " (id UUID PRIMARY KEY, name BYTEA, phone BYTEA, last_message BYTEA,"
                        + " summary TEXT, details JSONB)")
                .update();
        UUID id = UUID.randomUUID();
        KeyOwner contact = KeyOwner.contact(id);
        byte[] name = vault.sealText(contact, FieldRef.of(TABLE, "name", id), NAME);
        byte[] phone = vault.sealText(contact, FieldRef.of(TABLE, "phone", id), PHONE);
        byte[] message = vault.sealText(contact, FieldRef.of(TABLE, "last_message", id), SENTENCE);
        jdbc.sql("INSERT INTO " + TABLE + " (id, name, phone, last_message, summary, details)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb)")
                .params(id, name, phone, message, "a contact with 3 messages", "{\"messages\": 3}")
                .update();
        index.index(contact, "name", index.wordTokens(NAME));
        index.index(contact, "phone", Set.of(index.phoneToken(PHONE)));
        index.index(contact, "last_message", index.wordTokens(SENTENCE));
    }

    @AfterAll
    void dropTable() {
        jdbc.sql("DROP TABLE " + TABLE).update();
    }

    @Test
    void noColumnOfAnyTableHoldsAPlaintextOrAnyPartOfOne() {
        List<Column> columns = columns();
        assertThat(columns)
                .as("the scan reaches the test table and this module's tables")
                .contains(
                        new Column(TABLE, "name", "bytea"),
                        new Column(TABLE, "summary", "text"),
                        new Column("crypto_token", "token", "character"),
                        new Column("crypto_data_key", "wrapped_key", "bytea"));

        assertThat(findings(columns, needles())).isEmpty();
    }

    @Test
    void theScanFindsAPlaintextStoredInClear() {
        String marker = "clear-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO " + TABLE + " (id, name, summary) VALUES (?, ?, ?)")
                .params(id, ("name: " + marker).getBytes(StandardCharsets.UTF_8), "summary: " + marker)
                .update();
        try {
            assertThat(findings(columns(), Set.of(marker)))
                    .containsExactlyInAnyOrder(
                            TABLE + ".name contains " + marker, TABLE + ".summary contains " + marker);
        } finally {
            jdbc.sql("DELETE FROM " + TABLE + " WHERE id = ?").param(id).update();
        }
    }

    /** Each plaintext, its words, and the forms a normaliser could have stored them in. */
    private static Set<String> needles() {
        Set<String> needles = new LinkedHashSet<>();
        for (String text : List.of(NAME, PHONE, SENTENCE)) {
            needles.add(text);
            needles.add(text.toLowerCase(Locale.ROOT));
            needles.add(withoutAccents(text));
        }
        for (String word : List.of("Zéphyrine", "Quenouille", "commande", "arrivée", "abîmée", "déçue", "😞")) {
            needles.add(word);
            needles.add(word.toLowerCase(Locale.ROOT));
            needles.add(withoutAccents(word));
        }
        // The phone number as typed, as E.164 digits, in national form, and its subscriber part.
        needles.addAll(List.of("6 12 34 56 78", "33612345678", "0612345678", "612345678", "12 34 56 78"));
        return needles;
    }

    private List<Column> columns() {
        return jdbc
                .sql("SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
                        + " JOIN information_schema.tables t"
                        + " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                        + " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"
                        + " ORDER BY c.table_name, c.ordinal_position")
                .query((rs, row) -> new Column(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list()
                .stream()
                .filter(column -> column.type().equals("bytea") || TEXT_TYPES.contains(column.type()))
                .toList();
    }

    private List<String> findings(List<Column> columns, Set<String> needles) {
        List<String> findings = new ArrayList<>();
        for (Column column : columns) {
            for (byte[] value : values(column)) {
                String asText = new String(value, StandardCharsets.UTF_8);
                for (String needle : needles) {
                    if (asText.contains(needle) || contains(value, needle.getBytes(StandardCharsets.UTF_8))) {
                        findings.add(column.table() + "." + column.name() + " contains " + needle);
                    }
                }
            }
        }
        return findings;
    }

    /** Every non-null value of a column, as raw bytes for bytea and as UTF-8 text for everything else. */
    private List<byte[]> values(Column column) {
        String select = column.type().equals("bytea")
                ? "SELECT \"" + column.name() + "\" FROM \"" + column.table() + "\""
                : "SELECT convert_to(\"" + column.name() + "\"::text, 'UTF8') FROM \"" + column.table() + "\"";
        return jdbc.sql(select + " WHERE \"" + column.name() + "\" IS NOT NULL")
                .query((rs, row) -> rs.getBytes(1))
                .list();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String withoutAccents(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
    }

    private record Column(String table, String name, String type) {}
}
