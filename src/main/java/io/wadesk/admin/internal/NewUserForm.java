package io.wadesk.admin.internal;

import io.wadesk.agent.DefaultCapacity;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccounts;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A new user, in the order the fields are checked (a taken username is checked with the username, by
 * {@link UserAdministration#checkUsernameFree}; the first password last, by the password policy). A blank capacity
 * means "the team's or the global default".
 */
public record NewUserForm(
        @Pattern(regexp = UserAccounts.USERNAME, message = "adminconf.users.error.username")
        String username,

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
        Set<Long> teamIds,
        String password) {

    public NewUserForm {
        username = FormText.stripped(username).toLowerCase(Locale.ROOT);
        displayName = FormText.stripped(displayName);
        firstName = FormText.stripped(firstName);
        capacity = FormText.stripped(capacity);
        role = role == null ? Role.AGENT : role;
        teamIds = teamIds == null ? Set.of() : new TreeSet<>(teamIds);
        password = FormText.orEmpty(password);
    }

    public static NewUserForm empty() {
        return new NewUserForm("", "", "", "", Role.AGENT, Set.of(), "");
    }

    Optional<Integer> personalCapacity() {
        return capacity.isEmpty() ? Optional.empty() : Optional.of(FormText.number(capacity));
    }
}
