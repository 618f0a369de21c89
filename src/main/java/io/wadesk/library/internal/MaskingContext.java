package io.wadesk.library.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What the desk knows of a conversation, which the masker hides wherever it appears, whatever the case, accents or
 * spacing: the contact's names (WhatsApp profile name, username), the staff's names, the contact's phone numbers (its
 * WhatsApp number) and the e-mail addresses seen in the conversation.
 */
public record MaskingContext(
        List<String> contactNames, List<String> staffNames, List<String> phones, List<String> emails) {

    public static final MaskingContext NONE = new MaskingContext(List.of(), List.of(), List.of(), List.of());

    public MaskingContext {
        contactNames = clean(contactNames);
        staffNames = clean(staffNames);
        phones = clean(phones);
        emails = clean(emails);
    }

    /** Only the contact's known names, as the masker's first callers gave them. */
    public static MaskingContext ofNames(Collection<String> knownNames) {
        return new MaskingContext(new ArrayList<>(knownNames), List.of(), List.of(), List.of());
    }

    public MaskingContext withStaff(Collection<String> names) {
        return new MaskingContext(contactNames, join(staffNames, names), phones, emails);
    }

    public MaskingContext withPhones(Collection<String> numbers) {
        return new MaskingContext(contactNames, staffNames, join(phones, numbers), emails);
    }

    public MaskingContext withEmails(Collection<String> addresses) {
        return new MaskingContext(contactNames, staffNames, phones, join(emails, addresses));
    }

    /** Every name known, the contact's and the staff's. */
    List<String> names() {
        return join(contactNames, staffNames);
    }

    private static List<String> join(List<String> first, Collection<String> more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(more);
        return clean(all);
    }

    private static List<String> clean(Collection<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .filter(Objects::nonNull)
                        .map(String::strip)
                        .filter(value -> !value.isEmpty())
                        .distinct()
                        .toList();
    }
}
