package io.wadesk.library.internal;

/** A piece of personal data a detector found: the characters [start, end) of the text, and what they are. */
record Detection(int start, int end, Kind kind) {

    /** What was found, and the mask that replaces it. */
    enum Kind {
        NAME(PersonalDataMasker.NAME),
        PHONE(PersonalDataMasker.PHONE),
        EMAIL(PersonalDataMasker.EMAIL),
        ADDRESS(PersonalDataMasker.ADDRESS),
        IBAN(PersonalDataMasker.IBAN),
        CARD(PersonalDataMasker.CARD),
        HIDDEN(PersonalDataMasker.HIDDEN);

        final String mask;

        Kind(String mask) {
            this.mask = mask;
        }
    }

    boolean overlaps(int from, int to) {
        return start < to && from < end;
    }
}
