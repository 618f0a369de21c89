package io.wadesk.admin.internal;

import io.wadesk.agent.DefaultCapacity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A team, in the order the fields are checked (a name another team has is checked with the name, by
 * {@link TeamAdministration#checkNameFree}).
 */
public record TeamForm(
        @NotBlank(message = "adminconf.teams.error.name") @Size(max = 80, message = "adminconf.teams.error.name")
        String name,

        @WholeNumber(
                min = DefaultCapacity.MIN_CAPACITY,
                max = DefaultCapacity.MAX_CAPACITY,
                message = "adminconf.error.capacity")
        String capacity,

        @Size(max = TeamForm.MAX_SIGNATURE, message = "adminconf.teams.error.signature")
        String signature,

        @WhatsAppField(value = WhatsAppField.Kind.IDS, message = "adminconf.error.phoneNumberIds")
        String phoneNumberIds) {

    public static final int MAX_SIGNATURE = 200;

    public TeamForm {
        name = FormText.stripped(name);
        capacity = FormText.stripped(capacity);
        signature = FormText.stripped(signature);
        phoneNumberIds = FormText.stripped(phoneNumberIds);
    }

    int defaultCapacity() {
        return Integer.parseInt(capacity);
    }

    String signatureOrNull() {
        return signature.isBlank() ? null : signature;
    }

    List<String> numbers() {
        return FormText.items(phoneNumberIds);
    }
}
