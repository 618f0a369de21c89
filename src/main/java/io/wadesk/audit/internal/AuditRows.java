package io.wadesk.audit.internal;

import io.wadesk.audit.internal.AuditCodec.Stored;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a row of {@code audit_log} as stored: sealed reason and details, MAC. */
final class AuditRows {

    private AuditRows() {}

    static Stored stored(ResultSet rs, int rowNum) throws SQLException {
        return new Stored(
                rs.getLong("seq"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getBytes("reason"),
                rs.getBytes("details"),
                rs.getString("mac"));
    }
}
