package io.wadesk.archive;

import java.util.Optional;

/**
 * Why a manager opens or exports a transcript (DESIGN.md §1 Archive uses): written to the audit log with the act.
 * "Other" needs a few words of explanation.
 */
record ReadReason(Kind kind, String note) {

    enum Kind {
        DISPUTE,
        TRAINING,
        QUALITY,
        CUSTOMER_REQUEST,
        OTHER
    }

    static final int MAX_NOTE = 500;

    /** Why a reason is refused: a message key of the archive bundle. */
    enum Problem {
        MISSING("archive.reason.error.missing"),
        NOTE_REQUIRED("archive.reason.error.noteRequired"),
        NOTE_TOO_LONG("archive.reason.error.noteTooLong");

        final String messageKey;

        Problem(String messageKey) {
            this.messageKey = messageKey;
        }
    }

    /** The reason from the form's fields, or what is wrong with them. */
    static Result parse(String kind, String note) {
        String text = note == null || note.isBlank() ? null : note.strip();
        Kind parsed;
        try {
            parsed = kind == null ? null : Kind.valueOf(kind);
        } catch (IllegalArgumentException unknown) {
            parsed = null;
        }
        if (parsed == null) {
            return new Result(null, Problem.MISSING);
        }
        if (parsed == Kind.OTHER && text == null) {
            return new Result(null, Problem.NOTE_REQUIRED);
        }
        if (text != null && text.length() > MAX_NOTE) {
            return new Result(null, Problem.NOTE_TOO_LONG);
        }
        return new Result(new ReadReason(parsed, text), null);
    }

    record Result(ReadReason reason, Problem problem) {

        Optional<ReadReason> valid() {
            return Optional.ofNullable(reason);
        }
    }
}
