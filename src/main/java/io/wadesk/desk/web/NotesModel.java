package io.wadesk.desk.web;

import io.wadesk.conversation.ContactNotes;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The notes agents keep about the contact, as the contact card lists them. */
@Component
class NotesModel {

    private final ContactNotes notes;
    private final UserAccounts accounts;

    NotesModel(ContactNotes notes, UserAccounts accounts) {
        this.notes = notes;
        this.accounts = accounts;
    }

    void addTo(Model model, SignedInUser user, UUID contactId) {
        Map<Long, String> names = new HashMap<>();
        model.addAttribute(
                "notes",
                notes.of(contactId).stream()
                        .map(note -> NoteView.of(note, nameOf(note.authorId(), names), user))
                        .toList());
        model.addAttribute("noteMax", ContactNotes.MAX_LENGTH);
    }

    private String nameOf(long userId, Map<Long, String> names) {
        return names.computeIfAbsent(
                userId, id -> accounts.find(id).map(UserAccount::displayName).orElse("#" + id));
    }

    /**
     * A note as the contact card lists it.
     *
     * @param body null when the contact's data was destroyed
     * @param editedAt when its author last changed it, or null
     * @param mine the reader wrote it: they may edit or delete it
     */
    record NoteView(UUID id, String author, String body, Instant createdAt, Instant editedAt, boolean mine) {

        static NoteView of(ContactNotes.Note note, String author, SignedInUser reader) {
            return new NoteView(
                    note.id(),
                    author,
                    note.body(),
                    note.createdAt(),
                    note.edited() ? note.updatedAt() : null,
                    note.authorId() == reader.id());
        }
    }
}
