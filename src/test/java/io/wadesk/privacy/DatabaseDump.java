package io.wadesk.privacy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything a full {@code pg_dump} holds of the data, value by value, each named by its table and column.
 *
 * <p>Why not pg_dump itself: the test server is PostgreSQL 17 (the embedded zonky binaries, which ship only initdb,
 * pg_ctl and postgres), and the pg_dump of this machine's Debian is 15, which refuses a newer server. The data section
 * of a pg_dump is exactly {@code COPY table TO STDOUT} (text format) for every table of every non-system schema, plus
 * the large objects; that is what this does, then it undoes COPY's text escaping so that each value is searched as it
 * is stored ({@code bytea} comes out as {@code \x} and lower-case hex, as in a dump).
 */
final class DatabaseDump {

    /** One stored value: where it is, and its text as the dump writes it. */
    record Value(String table, String column, String text) {}

    private DatabaseDump() {}

    static List<Value> of(DataSource dataSource, JdbcClient jdbc) {
        List<Value> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables(jdbc)) {
                List<String> columns = columns(jdbc, table);
                copyOut(copy, table, line -> {
                    String[] fields = line.split("\t", -1);
                    for (int i = 0; i < fields.length; i++) {
                        if (!"\\N".equals(fields[i])) {
                            values.add(new Value(table, columns.get(i), unescape(fields[i])));
                        }
                    }
                });
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not dump the database", ex);
        }
        jdbc.sql("SELECT oid, lo_get(oid) FROM pg_largeobject_metadata")
                .query((rs, row) -> new Value(
                        "pg_largeobject",
                        "oid " + rs.getLong(1),
                        "\\x" + HexFormat.of().formatHex(rs.getBytes(2))))
                .list()
                .forEach(values::add);
        return values;
    }

    /** Every table of every schema but PostgreSQL's own, schema-qualified and quoted. */
    private static List<String> tables(JdbcClient jdbc) {
        return jdbc.sql("SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE'"
                        + " AND table_schema NOT IN ('pg_catalog', 'information_schema')"
                        + " AND table_schema NOT LIKE 'pg\\_toast%' ORDER BY 1")
                .query(String.class)
                .list();
    }

    /** In the order COPY writes them (the table's column order). */
    private static List<String> columns(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0"
                        + " AND NOT attisdropped ORDER BY attnum")
                .param(table)
                .query(String.class)
                .list();
    }

    private static void copyOut(CopyManager copy, String table, Consumer<String> lines) throws SQLException {
        StringWriter out = new StringWriter();
        try {
            copy.copyOut("COPY " + table + " TO STDOUT", out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        String dump = out.toString();
        if (!dump.isEmpty()) {
            for (String line : dump.split("\n", -1)) {
                if (!line.isEmpty()) {
                    lines.accept(line);
                }
            }
        }
    }

    /** COPY's text format: backslash escapes for backslash, control characters and octal bytes. */
    static String unescape(String field) {
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\' || i + 1 == field.length()) {
                text.append(c);
                continue;
            }
            char next = field.charAt(++i);
            switch (next) {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'v' -> text.append('\u000B');
                default -> {
                    if (next >= '0' && next <= '7') {
                        int end = i;
                        while (end < field.length()
                                && end < i + 3
                                && field.charAt(end) >= '0'
                                && field.charAt(end) <= '7') {
                            end++;
                        }
                        text.append((char) Integer.parseInt(field.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        text.append(next);
                    }
                }
            }
        }
        return text.toString();
    }
}
