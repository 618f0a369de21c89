package io.wadesk.crypto;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code crypto_token} table: which owner's field holds which blind-index token. */
@Component
class TokenRows {

    private final JdbcClient jdbc;

    TokenRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(KeyOwner owner, String field, Collection<String> tokens) {
        jdbc.sql("INSERT INTO crypto_token (owner_kind, owner_id, field, token)"
                        + " SELECT ?, ?, ?, t FROM unnest(?::text[]) AS t ON CONFLICT DO NOTHING")
                .params(owner.kind(), owner.id(), field, tokens.toArray(String[]::new))
                .update();
    }

    List<String> ownerIds(String ownerKind, String field, String token) {
        return jdbc.sql("SELECT owner_id FROM crypto_token WHERE owner_kind = ? AND field = ? AND token = ?")
                .params(ownerKind, field, token)
                .query(String.class)
                .list();
    }

    List<String> ownerIdsWithAll(String ownerKind, String field, Collection<String> tokens) {
        return jdbc.sql("SELECT owner_id FROM crypto_token WHERE owner_kind = ? AND field = ? AND token = ANY (?)"
                        + " GROUP BY owner_id HAVING count(*) = ?")
                .params(ownerKind, field, tokens.toArray(String[]::new), tokens.size())
                .query(String.class)
                .list();
    }

    void deleteOwner(KeyOwner owner) {
        jdbc.sql("DELETE FROM crypto_token WHERE owner_kind = ? AND owner_id = ?")
                .params(owner.kind(), owner.id())
                .update();
    }
}
