package io.wadesk.archive;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Why someone opens or exports a kept transcript (docs/design.md §1.11 Access, §1.12 Archive uses): written to the audit log with
 * the act. "Other" needs a few words of explanation.
 */
public record ReadReason(Kind kind, String note) {

    public enum Kind {
        DISPUTE,
        TRAINING,
        QUALITY,
        CUSTOMER_REQUEST,
        OTHER,
        /**
         * Never chosen in a form: an agent reading an earlier transcript of the customer they serve now, through that
         * open conversation (named in the audit entry).
         */
        SERVING_CUSTOMER;

        /** The reasons a person picks in a form. */
        public static List<Kind> choosable() {
            return Arrays.stream(values())
                    .filter(kind -> kind != SERVING_CUSTOMER)
                    .toList();
        }
    }

    static final int MAX_NOTE = 500;

    /** The reason of an agent serving the customer now: not typed, derived from their open conversation. */
    static ReadReason servingCustomer() {
        return new ReadReason(Kind.SERVING_CUSTOMER, null);
    }

    /** Why a reason is refused: a message key of the archive bundle. */
    public enum Problem {
        MISSING("archive.reason.error.missing"),
        NOTE_REQUIRED("archive.reason.error.noteRequired"),
        NOTE_TOO_LONG("archive.reason.error.noteTooLong");

        private final String messageKey;

        public String messageKey() {
            return messageKey;
        }

        Problem(String messageKey) {
            this.messageKey = messageKey;
        }
    }

    /** The reason from the form's fields, or what is wrong with them. */
    public static Result parse(String kind, String note) {
        String text = note == null || note.isBlank() ? null : note.strip();
        Kind parsed = choosable(kind);
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

    /** The kind a form may name, or null for none, an unknown one or one never chosen in a form. */
    private static Kind choosable(String kind) {
        try {
            Kind parsed = kind == null ? null : Kind.valueOf(kind);
            return parsed == Kind.SERVING_CUSTOMER ? null : parsed;
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    public record Result(ReadReason reason, Problem problem) {

        public Optional<ReadReason> valid() {
            return Optional.ofNullable(reason);
        }
    }
}
