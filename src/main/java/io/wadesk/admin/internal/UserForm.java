package io.wadesk.admin.internal;

import io.wadesk.agent.DefaultCapacity;
import io.wadesk.user.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user's edit, in the order the fields are checked (then the teams must exist, and the last enabled admin stays
 * one). A blank capacity means "the team's or the global default".
 */
public record UserForm(
        @NotBlank(message = "adminconf.users.error.displayName")
        @Size(max = 120, message = "adminconf.users.error.displayName")
        String displayName,

        @NotBlank(message = "adminconf.users.error.firstName")
        @Size(max = 80, message = "adminconf.users.error.firstName")
        String firstName,

        @WholeNumber(
                optional = true,
                min = DefaultCapacity.MIN_CAPACITY,
                max = DefaultCapacity.MAX_CAPACITY,
                message = "adminconf.error.capacity")
        String capacity,

        Role role,
        Boolean enabled,
        Set<Long> teamIds) {

    public UserForm {
        displayName = FormText.stripped(displayName);
        firstName = FormText.stripped(firstName);
        capacity = FormText.stripped(capacity);
        role = role == null ? Role.AGENT : role;
        // An unticked box sends nothing.
        enabled = Boolean.TRUE.equals(enabled);
        teamIds = teamIds == null ? Set.of() : new TreeSet<>(teamIds);
    }

    Optional<Integer> personalCapacity() {
        return capacity.isEmpty() ? Optional.empty() : Optional.of(FormText.number(capacity));
    }
}
