package io.wadesk.conversation;

import static io.wadesk.conversation.Sql.at;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Customers, found by the blind-index token of their business-scoped user id or of their phone number; the values
 * themselves are sealed under the contact's key.
 */
@Repository
class Contacts {

    private final JdbcClient jdbc;
    private final ConversationCrypto crypto;
    private final Clock clock;

    Contacts(JdbcClient jdbc, ConversationCrypto crypto, Clock clock) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.clock = clock;
    }

    record Resolved(UUID id, boolean created) {}

    private record Row(UUID id, String phoneToken, String userToken, byte[] profileName, byte[] username) {}

    /** The sender's contact, created or completed (a new identity, a changed profile name) as needed. */
    Resolved resolve(Sender sender) {
        String userToken = sender.userId() == null ? null : crypto.userToken(sender.userId());
        String phoneToken = sender.waId() == null ? null : crypto.phoneToken(sender.waId());
        Optional<Row> found = find(userToken, phoneToken);
        if (found.isEmpty()) {
            UUID id = UUID.randomUUID();
            if (insert(id, sender, phoneToken, userToken)) {
                return new Resolved(id, true);
            }
            found = find(userToken, phoneToken);
        }
        Row row = found.orElseThrow(() -> new IllegalStateException("A contact vanished while it was being created"));
        complete(row, sender, phoneToken, userToken);
        return new Resolved(row.id(), false);
    }

    Optional<UUID> findId(String userToken, String phoneToken) {
        return find(userToken, phoneToken).map(Row::id);
    }

    Optional<ContactView> view(UUID id) {
        return jdbc.sql("SELECT phone, user_id, profile_name, username FROM contacts WHERE id = ?")
                .param(id)
                .query((rs, n) -> new ContactView(
                        id,
                        crypto.openContact(id, "phone", rs.getBytes("phone")),
                        crypto.openContact(id, "user_id", rs.getBytes("user_id")),
                        crypto.openContact(id, "profile_name", rs.getBytes("profile_name")),
                        crypto.openContact(id, "username", rs.getBytes("username"))))
                .optional();
    }

    /** A match on the user id wins over a match on the phone number: a number can move to another user. */
    private Optional<Row> find(String userToken, String phoneToken) {
        List<Row> rows = jdbc.sql("SELECT id, phone_token, user_token, profile_name, username FROM contacts"
                        + " WHERE user_token = ? OR phone_token = ?")
                .params(userToken, phoneToken)
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getString("phone_token"),
                        rs.getString("user_token"),
                        rs.getBytes("profile_name"),
                        rs.getBytes("username")))
                .list();
        return rows.stream()
                .filter(row -> userToken != null && userToken.equals(row.userToken()))
                .findFirst()
                .or(() -> rows.stream().findFirst());
    }

    /** False when a concurrent transaction created the same contact first. */
    private boolean insert(UUID id, Sender sender, String phoneToken, String userToken) {
        Instant now = clock.instant();
        boolean inserted = jdbc.sql("INSERT INTO contacts (id, phone_token, user_token, phone, user_id, profile_name,"
                                + " username, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")
                        .params(
                                id,
                                phoneToken,
                                userToken,
                                crypto.sealContact(id, "phone", sender.waId()),
                                crypto.sealContact(id, "user_id", sender.userId()),
                                crypto.sealContact(id, "profile_name", sender.profileName()),
                                crypto.sealContact(id, "username", sender.username()),
                                at(now),
                                at(now))
                        .update()
                == 1;
        if (inserted) {
            index(id, phoneToken, userToken);
        }
        return inserted;
    }

    private void complete(Row row, Sender sender, String phoneToken, String userToken) {
        UUID id = row.id();
        Instant now = clock.instant();
        if (row.userToken() == null && userToken != null) {
            if (jdbc.sql("UPDATE contacts SET user_token = ?, user_id = ?, updated_at = ? WHERE id = ?"
                                    + " AND user_token IS NULL AND NOT EXISTS"
                                    + " (SELECT 1 FROM contacts WHERE user_token = ?)")
                            .params(
                                    userToken,
                                    crypto.sealContact(id, "user_id", sender.userId()),
                                    at(now),
                                    id,
                                    userToken)
                            .update()
                    == 1) {
                index(id, null, userToken);
            }
        }
        if (row.phoneToken() == null && phoneToken != null) {
            if (jdbc.sql("UPDATE contacts SET phone_token = ?, phone = ?, updated_at = ? WHERE id = ?"
                                    + " AND phone_token IS NULL AND NOT EXISTS"
                                    + " (SELECT 1 FROM contacts WHERE phone_token = ?)")
                            .params(phoneToken, crypto.sealContact(id, "phone", sender.waId()), at(now), id, phoneToken)
                            .update()
                    == 1) {
                index(id, phoneToken, null);
            }
        }
        updateIfChanged(row, "profile_name", row.profileName(), sender.profileName(), now);
        updateIfChanged(row, "username", row.username(), sender.username(), now);
    }

    /** A profile without a name says nothing about it: only a different name replaces the stored one. */
    private void updateIfChanged(Row row, String column, byte[] stored, String current, Instant now) {
        if (current == null || Objects.equals(current, crypto.openContact(row.id(), column, stored))) {
            return;
        }
        jdbc.sql("UPDATE contacts SET " + column + " = ?, updated_at = ? WHERE id = ?")
                .params(crypto.sealContact(row.id(), column, current), at(now), row.id())
                .update();
    }

    private void index(UUID id, String phoneToken, String userToken) {
        if (phoneToken != null) {
            crypto.indexContact(id, ConversationCrypto.PHONE_FIELD, phoneToken);
        }
        if (userToken != null) {
            crypto.indexContact(id, ConversationCrypto.USER_ID_FIELD, userToken);
        }
    }
}
