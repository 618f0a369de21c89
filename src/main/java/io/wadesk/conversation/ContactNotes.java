package io.wadesk.conversation;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Opened;
import io.wadesk.crypto.ValueDestroyedException;
import io.wadesk.crypto.Vault;
import io.wadesk.user.SignedInUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notes agents keep about a customer. A body is personal data: it is sealed under the contact's key, so that
 * shredding the contact destroys its notes. Anyone who may read the contact's conversation reads and adds notes; only
 * a note's author edits or deletes it. Who may read the contact is the caller's rule; the author rule is enforced
 * here. The audit log names notes by id, never their text.
 */
@Service
public class ContactNotes {

    /** Long enough for a few paragraphs, short enough to stay a note. */
    public static final int MAX_LENGTH = 2000;

    private final JdbcClient jdbc;
    private final Vault vault;
    private final AuditLog audit;
    private final Clock clock;

    ContactNotes(JdbcClient jdbc, Vault vault, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A note, opened.
     *
     * @param body null once the contact's key was destroyed
     */
    public record Note(UUID id, UUID contactId, long authorId, String body, Instant createdAt, Instant updatedAt) {

        public boolean edited() {
            return updatedAt.isAfter(createdAt);
        }
    }

    /** Why a note was not written: a message key of the {@code thread} bundle. */
    public enum Problem {
        EMPTY,
        TOO_LONG,
        NOT_FOUND,
        NOT_AUTHOR,
        /** The contact's key was destroyed (an erasure): nothing can be sealed for it any more. */
        CONTACT_ERASED;

        public String messageKey() {
            return "thread.notes.error." + name();
        }
    }

    /** The contact's notes, oldest first. */
    @Transactional(readOnly = true)
    public List<Note> of(UUID contactId) {
        return jdbc.sql("SELECT * FROM contact_notes WHERE contact_id = ? ORDER BY created_at, id")
                .param(contactId)
                .query(this::note)
                .list();
    }

    @Transactional
    public Optional<Problem> add(UUID contactId, SignedInUser author, String body) {
        Optional<Problem> invalid = validate(body);
        if (invalid.isPresent()) {
            return invalid;
        }
        UUID id = UUID.randomUUID();
        Optional<byte[]> sealed = seal(contactId, id, body);
        if (sealed.isEmpty()) {
            return Optional.of(Problem.CONTACT_ERASED);
        }
        insert(id, contactId, author.id(), sealed.get());
        audit.record(AuditEntry.of(author.getUsername(), "desk.note.added", "contact_note", id)
                .with("contact", contactId));
        return Optional.empty();
    }

    private void insert(UUID id, UUID contactId, long authorId, byte[] sealedBody) {
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO contact_notes (id, contact_id, author_id, body, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, contactId, authorId, sealedBody, at(now), at(now))
                .update();
    }

    @Transactional
    public Optional<Problem> edit(UUID contactId, UUID noteId, SignedInUser author, String body) {
        Optional<Problem> refused = mayChange(contactId, noteId, author.id()).or(() -> validate(body));
        if (refused.isPresent()) {
            return refused;
        }
        Optional<byte[]> sealed = seal(contactId, noteId, body);
        if (sealed.isEmpty()) {
            return Optional.of(Problem.CONTACT_ERASED);
        }
        update(noteId, sealed.get());
        audit.record(AuditEntry.of(author.getUsername(), "desk.note.edited", "contact_note", noteId)
                .with("contact", contactId));
        return Optional.empty();
    }

    private void update(UUID noteId, byte[] sealedBody) {
        jdbc.sql("UPDATE contact_notes SET body = ?, updated_at = ? WHERE id = ?")
                .params(sealedBody, at(clock.instant()), noteId)
                .update();
    }

    @Transactional
    public Optional<Problem> delete(UUID contactId, UUID noteId, SignedInUser author) {
        Optional<Problem> refused = mayChange(contactId, noteId, author.id());
        if (refused.isPresent()) {
            return refused;
        }
        jdbc.sql("DELETE FROM contact_notes WHERE id = ?").param(noteId).update();
        audit.record(AuditEntry.of(author.getUsername(), "desk.note.deleted", "contact_note", noteId)
                .with("contact", contactId));
        return Optional.empty();
    }

    private Optional<Problem> mayChange(UUID contactId, UUID noteId, long authorId) {
        Optional<Long> author = jdbc.sql(
                        "SELECT author_id FROM contact_notes WHERE id = ? AND contact_id = ? FOR UPDATE")
                .params(noteId, contactId)
                .query(Long.class)
                .optional();
        if (author.isEmpty()) {
            return Optional.of(Problem.NOT_FOUND);
        }
        return author.get() == authorId ? Optional.empty() : Optional.of(Problem.NOT_AUTHOR);
    }

    private static Optional<Problem> validate(String body) {
        if (body == null || body.isBlank()) {
            return Optional.of(Problem.EMPTY);
        }
        return body.strip().length() > MAX_LENGTH ? Optional.of(Problem.TOO_LONG) : Optional.empty();
    }

    /** Empty when the contact was erased: its key is gone for good. */
    private Optional<byte[]> seal(UUID contactId, UUID noteId, String body) {
        try {
            return Optional.of(vault.sealText(KeyOwner.contact(contactId), field(noteId), body.strip()));
        } catch (ValueDestroyedException ex) {
            return Optional.empty();
        }
    }

    private Note note(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID contactId = rs.getObject("contact_id", UUID.class);
        Opened opened = vault.open(KeyOwner.contact(contactId), field(id), rs.getBytes("body"));
        return new Note(
                id,
                contactId,
                rs.getLong("author_id"),
                opened instanceof Opened.Value value ? value.text() : null,
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant());
    }

    private static FieldRef field(UUID noteId) {
        return FieldRef.of("contact_notes", "body", noteId);
    }

    private static java.time.OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
