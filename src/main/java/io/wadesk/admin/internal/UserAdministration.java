package io.wadesk.admin.internal;

import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * The users screen's use cases: create a user with a first password they must replace, edit role, names, teams and
 * personal capacity, reset a password. Every change is audited with its before and after values (never a password).
 */
@Service
public class UserAdministration {

    private final UserAccounts accounts;
    private final Teams teams;
    private final Agents agents;
    private final AuditLog audit;

    UserAdministration(UserAccounts accounts, Teams teams, Agents agents, AuditLog audit) {
        this.accounts = accounts;
        this.teams = teams;
        this.agents = agents;
        this.audit = audit;
    }

    /** A row of the users list: the capacity in force, and whether it is the user's own. */
    public record UserRow(UserAccount account, String teams, Integer capacity, boolean personal) {}

    public List<UserRow> rows() {
        return accounts.all().stream()
                .map(account -> new UserRow(
                        account,
                        teams.of(account.id()).stream().map(Team::name).collect(Collectors.joining(", ")),
                        effectiveCapacity(account.id()),
                        agents.personalCapacity(account.id()).isPresent()))
                .toList();
    }

    public Map<Long, String> teamNames() {
        return teams.all().stream().collect(Collectors.toMap(Team::id, Team::name));
    }

    /** The capacity in force for the user: their own, their team's or the global default. */
    public Integer effectiveCapacity(long id) {
        return agents.find(id).map(agent -> agent.capacity()).orElse(null);
    }

    public boolean mustChangePassword(long id) {
        return accounts.access(id) == UserAccounts.Access.CHANGE_PASSWORD_FIRST;
    }

    /** The user as the edit form first shows them. */
    public UserForm form(UserAccount account) {
        return new UserForm(
                account.displayName(),
                account.firstName(),
                agents.personalCapacity(account.id()).map(String::valueOf).orElse(""),
                account.role(),
                account.enabled(),
                teams.of(account.id()).stream().map(Team::id).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Adds the username's error when another user has it, whatever its case. */
    public void checkUsernameFree(NewUserForm form, Errors errors) {
        if (UserAccounts.isValidUsername(form.username())
                && accounts.find(form.username()).isPresent()) {
            errors.rejectValue("username", "taken", "adminconf.users.error.taken");
        }
    }

    /**
     * Creates a valid form's user.
     *
     * @throws Refused when the password policy refuses the first password
     */
    @Transactional
    public UserAccount create(SignedInUser admin, NewUserForm form) {
        UserAccount created = refusingPassword(() -> accounts.createWithTemporaryPassword(new UserAccounts.NewUser(
                form.username(), form.displayName(), form.firstName(), form.role(), form.password())));
        Optional<Integer> personal = form.personalCapacity();
        teams.setTeamsOf(created.id(), form.teamIds());
        personal.ifPresent(value -> agents.setCapacity(created.id(), value));
        audit.record(AuditEntry.of(admin.getUsername(), "admin.user.created", "user", created.id())
                .with("username", form.username())
                .with("role", form.role())
                .with("teams", ids(form.teamIds()))
                .with("capacity", personal.map(String::valueOf).orElse("")));
        return created;
    }

    /**
     * Saves a valid form's edit of the user.
     *
     * @throws Refused when a team does not exist, or the edit would leave no enabled admin
     */
    @Transactional
    public void edit(SignedInUser admin, UserAccount before, UserForm form) {
        long id = before.id();
        editAccount(id, form);
        Changes changes = Changes.of(AuditEntry.of(admin.getUsername(), "admin.user.changed", "user", id))
                .add("displayName", before.displayName(), form.displayName())
                .add("firstName", before.firstName(), form.firstName())
                .add("role", before.role(), form.role())
                .add("enabled", before.enabled(), form.enabled());
        setTeamsAndCapacity(id, form, changes);
        if (changes.any()) {
            audit.record(changes.entry());
        }
    }

    private void editAccount(long id, UserForm form) {
        if (!form.teamIds().stream().allMatch(teamId -> teams.find(teamId).isPresent())) {
            throw new Refused("adminconf.users.error.team");
        }
        try {
            accounts.edit(id, form.displayName(), form.firstName(), form.role(), form.enabled());
        } catch (UserAccounts.LastAdminException last) {
            throw new Refused("adminconf.users.error.lastAdmin");
        }
    }

    private void setTeamsAndCapacity(long id, UserForm form, Changes changes) {
        changes.add("teams", ids(teams.of(id).stream().map(Team::id).toList()), ids(form.teamIds()))
                .add(
                        "capacity",
                        agents.personalCapacity(id).map(String::valueOf).orElse(""),
                        form.personalCapacity().map(String::valueOf).orElse(""));
        teams.setTeamsOf(id, form.teamIds());
        agents.setCapacity(id, form.personalCapacity().orElse(null));
    }

    /**
     * Gives the user a first password again, which they must replace at their next sign-in.
     *
     * @throws Refused when the password policy refuses it
     */
    @Transactional
    public void resetPassword(SignedInUser admin, UserAccount account, String password) {
        refusingPassword(() -> {
            accounts.resetPassword(account.id(), password);
            return account;
        });
        audit.record(AuditEntry.of(admin.getUsername(), "admin.user.password.reset", "user", account.id())
                .withChange("password", "***", "*** (to change at next sign-in)"));
    }

    private static UserAccount refusingPassword(java.util.function.Supplier<UserAccount> change) {
        try {
            return change.get();
        } catch (UserAccounts.PasswordRefusedException refused) {
            throw new Refused("adminconf.password.error." + refused.problem().name());
        }
    }

    private static String ids(Collection<Long> ids) {
        return new ArrayList<>(new TreeSet<>(ids)).toString();
    }
}
