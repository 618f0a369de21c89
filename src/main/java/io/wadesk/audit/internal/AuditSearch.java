package io.wadesk.audit.internal;

import io.wadesk.audit.internal.AuditCodec.Stored;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit log for its screen: pages of entries matching a query, their free text opened. */
@Service
public class AuditSearch {

    private final JdbcClient jdbc;
    private final AuditCodec codec;

    public AuditSearch(JdbcClient jdbc, AuditCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    /** A page of entries matching the query, newest first. */
    @Transactional(readOnly = true)
    public List<AuditRecord> find(AuditQuery query, int page, int size) {
        Conditions where = new Conditions();
        where.onText(query);
        where.onTarget(query);
        where.onTime(query);
        where.params.put("size", size);
        where.params.put("offset", (long) Math.max(page, 0) * size);
        return jdbc
                .sql("SELECT * FROM audit_log WHERE TRUE" + where.sql + " ORDER BY seq DESC LIMIT :size OFFSET :offset")
                .params(where.params)
                .query(AuditRows::stored)
                .list()
                .stream()
                .map(this::opened)
                .toList();
    }

    private AuditRecord opened(Stored stored) {
        return new AuditRecord(
                stored.seq(),
                stored.at(),
                stored.actor(),
                stored.action(),
                stored.targetType(),
                stored.targetId(),
                codec.openReason(stored),
                codec.openDetails(stored),
                stored.mac());
    }

    /** The WHERE clauses of a query and their parameters; a blank or null filter adds nothing. */
    private static final class Conditions {

        private final StringBuilder sql = new StringBuilder();
        private final Map<String, Object> params = new TreeMap<>();

        void onText(AuditQuery query) {
            if (present(query.actor())) {
                add(" AND actor = :actor", "actor", query.actor().strip());
            }
            if (present(query.action())) {
                // An action filter matches the action and every finer one: "transcript" finds "transcript.read".
                add(
                        " AND (action = :action OR action LIKE :actionPrefix)",
                        "action",
                        query.action().strip());
                params.put(
                        "actionPrefix", query.action().strip().replace("%", "").replace("_", "\\_") + ".%");
            }
        }

        void onTarget(AuditQuery query) {
            if (present(query.targetType())) {
                add(" AND target_type = :targetType", "targetType", query.targetType());
            }
            if (present(query.targetId())) {
                add(" AND target_id = :targetId", "targetId", query.targetId());
            }
        }

        void onTime(AuditQuery query) {
            if (query.from() != null) {
                add(" AND at >= :from", "from", Timestamp.from(query.from()));
            }
            if (query.to() != null) {
                add(" AND at < :to", "to", Timestamp.from(query.to()));
            }
        }

        private void add(String clause, String name, Object value) {
            sql.append(clause);
            params.put(name, value);
        }

        private static boolean present(String filter) {
            return filter != null && !filter.isBlank();
        }
    }
}
