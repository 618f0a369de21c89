package io.wadesk.crypto;

import java.util.Objects;

/**
 * The place a sealed value is stored in: its table, column and row. It is bound into the ciphertext, so that a value
 * copied to another row or column no longer opens.
 */
public record FieldRef(String table, String column, String rowId) {

    public FieldRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(rowId, "rowId");
    }

    public static FieldRef of(String table, String column, Object rowId) {
        return new FieldRef(
                table, column, Objects.requireNonNull(rowId, "rowId").toString());
    }
}
