package io.wadesk.conversation.internal;

import static io.wadesk.conversation.internal.Sql.at;

import io.wadesk.conversation.ContactView;
import io.wadesk.conversation.Sender;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
public class Contacts {

    private final JdbcClient jdbc;
    private final ConversationCrypto crypto;
    private final Clock clock;

    Contacts(JdbcClient jdbc, ConversationCrypto crypto, Clock clock) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.clock = clock;
    }

    public record Resolved(UUID id, boolean created) {}

    private record Row(UUID id, String phoneToken, String userToken, byte[] profileName, byte[] username) {}

    /**
     * The contacts of many senders, with one query for those already known and unchanged (the usual case); the
     * others are created or completed one by one.
     */
    public Map<Sender, Resolved> resolveAll(Collection<Sender> senders) {
        List<Sender> distinct = senders.stream().distinct().toList();
        Map<Sender, Tokens> tokens = new HashMap<>();
        distinct.forEach(sender -> tokens.put(sender, tokens(sender)));
        List<Row> known = findAll(tokens.values());
        Map<Sender, Resolved> resolved = new HashMap<>();
        for (Sender sender : distinct) {
            resolved.put(sender, resolveAmong(known, sender, tokens.get(sender)));
        }
        return resolved;
    }

    private record Tokens(String user, String phone) {}

    private Tokens tokens(Sender sender) {
        return new Tokens(
                sender.userId() == null ? null : crypto.userToken(sender.userId()),
                sender.waId() == null ? null : crypto.phoneToken(sender.waId()));
    }

    /** Whether the stored contact already says all the sender says. */
    private boolean isComplete(Row row, Sender sender, Tokens identity) {
        return (row.userToken() != null || identity.user() == null)
                && (row.phoneToken() != null || identity.phone() == null)
                && isKnown(row, "profile_name", row.profileName(), sender.profileName())
                && isKnown(row, "username", row.username(), sender.username());
    }

    private boolean isKnown(Row row, String column, byte[] stored, String current) {
        return current == null || Objects.equals(current, crypto.openContact(row.id(), column, stored));
    }

    /** The contact among those known when it is complete; else resolved alone, and the known ones refreshed. */
    private Resolved resolveAmong(List<Row> known, Sender sender, Tokens identity) {
        Optional<Row> row = pick(known, identity.user(), identity.phone());
        if (row.isPresent() && isComplete(row.get(), sender, identity)) {
            return new Resolved(row.get().id(), false);
        }
        Resolved contact = resolve(sender);
        known.removeIf(stale -> stale.id().equals(contact.id()));
        find(identity.user(), identity.phone()).ifPresent(known::add);
        return contact;
    }

    /** The sender's contact, created or completed (a new identity, a changed profile name) as needed. */
    Resolved resolve(Sender sender) {
        Tokens identity = tokens(sender);
        Optional<Row> found = find(identity.user(), identity.phone());
        if (found.isEmpty()) {
            UUID id = UUID.randomUUID();
            if (insert(id, sender, identity.phone(), identity.user())) {
                return new Resolved(id, true);
            }
            found = find(identity.user(), identity.phone());
        }
        Row row = found.orElseThrow(() -> new IllegalStateException("A contact vanished while it was being created"));
        complete(row, sender, identity.phone(), identity.user());
        return new Resolved(row.id(), false);
    }

    public Optional<UUID> findId(String userToken, String phoneToken) {
        return find(userToken, phoneToken).map(Row::id);
    }

    public Optional<ContactView> view(UUID id) {
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

    private Optional<Row> find(String userToken, String phoneToken) {
        List<Row> rows = jdbc.sql("SELECT id, phone_token, user_token, profile_name, username FROM contacts"
                        + " WHERE user_token = ? OR phone_token = ?")
                .params(userToken, phoneToken)
                .query(Contacts::row)
                .list();
        return pick(rows, userToken, phoneToken);
    }

    private List<Row> findAll(Collection<Tokens> tokens) {
        return findAll(
                tokens.stream()
                        .map(Tokens::user)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList(),
                tokens.stream()
                        .map(Tokens::phone)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList());
    }

    private List<Row> findAll(List<String> userTokens, List<String> phoneTokens) {
        return new ArrayList<>(jdbc.sql("SELECT id, phone_token, user_token, profile_name, username FROM contacts"
                        + " WHERE user_token = ANY (?) OR phone_token = ANY (?)")
                .params(userTokens.toArray(String[]::new), phoneTokens.toArray(String[]::new))
                .query(Contacts::row)
                .list());
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("phone_token"),
                rs.getString("user_token"),
                rs.getBytes("profile_name"),
                rs.getBytes("username"));
    }

    /** A match on the user id wins over a match on the phone number: a number can move to another user. */
    private static Optional<Row> pick(List<Row> rows, String userToken, String phoneToken) {
        return rows.stream()
                .filter(row -> userToken != null && userToken.equals(row.userToken()))
                .findFirst()
                .or(() -> rows.stream()
                        .filter(row -> phoneToken != null && phoneToken.equals(row.phoneToken()))
                        .findFirst());
    }

    /** False when a concurrent transaction created the same contact first. */
    private boolean insert(UUID id, Sender sender, String phoneToken, String userToken) {
        boolean inserted = jdbc.sql("INSERT INTO contacts (id, phone_token, user_token, phone, user_id, profile_name,"
                                + " username, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")
                        .params(insertedRow(id, sender, phoneToken, userToken))
                        .update()
                == 1;
        if (inserted) {
            index(id, phoneToken, userToken);
        }
        return inserted;
    }

    /** The nine values of a new contact's row, in the order of the INSERT's columns; what identifies it sealed. */
    private List<Object> insertedRow(UUID id, Sender sender, String phoneToken, String userToken) {
        Instant now = clock.instant();
        return Arrays.asList(
                id,
                phoneToken,
                userToken,
                crypto.sealContact(id, "phone", sender.waId()),
                crypto.sealContact(id, "user_id", sender.userId()),
                crypto.sealContact(id, "profile_name", sender.profileName()),
                crypto.sealContact(id, "username", sender.username()),
                at(now),
                at(now));
    }

    private void complete(Row row, Sender sender, String phoneToken, String userToken) {
        Instant now = clock.instant();
        if (row.userToken() == null && userToken != null) {
            addUserId(row.id(), sender, userToken, now);
        }
        if (row.phoneToken() == null && phoneToken != null) {
            addPhone(row.id(), sender, phoneToken, now);
        }
        updateIfChanged(row, "profile_name", row.profileName(), sender.profileName(), now);
        updateIfChanged(row, "username", row.username(), sender.username(), now);
    }

    /** A contact known by phone writes with a user id: kept, unless another contact already has it. */
    private void addUserId(UUID id, Sender sender, String userToken, Instant now) {
        int updated = jdbc.sql("UPDATE contacts SET user_token = ?, user_id = ?, updated_at = ? WHERE id = ?"
                        + " AND user_token IS NULL AND NOT EXISTS (SELECT 1 FROM contacts WHERE user_token = ?)")
                .params(userToken, crypto.sealContact(id, "user_id", sender.userId()), at(now), id, userToken)
                .update();
        if (updated == 1) {
            index(id, null, userToken);
        }
    }

    /** A contact known by user id writes with a phone number: kept, unless another contact already has it. */
    private void addPhone(UUID id, Sender sender, String phoneToken, Instant now) {
        int updated = jdbc.sql("UPDATE contacts SET phone_token = ?, phone = ?, updated_at = ? WHERE id = ?"
                        + " AND phone_token IS NULL AND NOT EXISTS (SELECT 1 FROM contacts WHERE phone_token = ?)")
                .params(phoneToken, crypto.sealContact(id, "phone", sender.waId()), at(now), id, phoneToken)
                .update();
        if (updated == 1) {
            index(id, phoneToken, null);
        }
    }

    /** A profile without a name says nothing about it: only a different name replaces the stored one. */
    private void updateIfChanged(Row row, String column, byte[] stored, String current, Instant now) {
        if (isKnown(row, column, stored, current)) {
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
