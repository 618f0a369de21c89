package io.wadesk.admin.web;

import io.wadesk.agent.Agents;
import io.wadesk.agent.DefaultCapacity;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.PasswordPolicy;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Users: create with a first password the user must replace, edit role, names, teams and personal capacity, disable,
 * reset a password. Every change is audited with its before and after values (never a password).
 */
@NoTranscriptContent("administration: settings, users, teams, the WhatsApp connection")
@Controller
@RequestMapping("/admin/users")
class UsersController {

    private final UserAccounts accounts;
    private final Teams teams;
    private final Agents agents;
    private final DefaultCapacity routing;
    private final PasswordPolicy policy;
    private final AuditLog audit;

    UsersController(
            UserAccounts accounts,
            Teams teams,
            Agents agents,
            DefaultCapacity routing,
            PasswordPolicy policy,
            AuditLog audit) {
        this.accounts = accounts;
        this.teams = teams;
        this.agents = agents;
        this.routing = routing;
        this.policy = policy;
        this.audit = audit;
    }

    /** A row of the users list: the capacity in force, and whether it is the user's own. */
    record UserRow(UserAccount account, String teams, Integer capacity, boolean personal) {}

    /** What the form sends; blank capacity means "the team's or the global default". */
    record UserForm(
            String username,
            String displayName,
            String firstName,
            Role role,
            boolean enabled,
            Set<Long> teamIds,
            String capacity,
            String password) {}

    @GetMapping
    String list(Model model) {
        Map<Long, String> teamNames = teams.all().stream().collect(Collectors.toMap(Team::id, Team::name));
        List<UserRow> rows = accounts.all().stream()
                .map(account -> new UserRow(
                        account,
                        teams.of(account.id()).stream().map(Team::name).collect(Collectors.joining(", ")),
                        agents.find(account.id()).map(agent -> agent.capacity()).orElse(null),
                        agents.personalCapacity(account.id()).isPresent()))
                .toList();
        model.addAttribute("users", rows);
        model.addAttribute("teamNames", teamNames);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new UserForm("", "", "", Role.AGENT, true, Set.of(), "", ""));
        }
        addChoices(model);
        return "admin/users";
    }

    @PostMapping
    @Transactional
    String create(
            @AuthenticationPrincipal SignedInUser admin,
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String firstName,
            @RequestParam(defaultValue = "AGENT") Role role,
            @RequestParam(name = "teamIds", required = false) List<Long> teamIds,
            @RequestParam(defaultValue = "") String capacity,
            @RequestParam(defaultValue = "") String password,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        Set<Long> chosenTeams = teamIds == null ? Set.of() : new TreeSet<>(teamIds);
        UserForm form = new UserForm(
                name, displayName.strip(), firstName.strip(), role, true, chosenTeams, capacity.strip(), "");
        String error = namesProblem(displayName, firstName);
        Optional<Integer> personal = Optional.empty();
        if (!UserAccounts.isValidUsername(name)) {
            error = "adminconf.users.error.username";
        } else if (accounts.find(name).isPresent()) {
            error = "adminconf.users.error.taken";
        }
        if (error == null) {
            try {
                personal = parseCapacity(capacity);
            } catch (IllegalArgumentException bad) {
                error = "adminconf.error.capacity";
            }
        }
        if (error == null) {
            error = policy.check(name, password)
                    .map(problem -> "adminconf.password.error." + problem.name())
                    .orElse(null);
        }
        if (error != null) {
            return refused(model, response, error, form, this::list);
        }
        UserAccount created = accounts.createWithTemporaryPassword(
                new UserAccounts.NewUser(name, form.displayName(), form.firstName(), role, password));
        teams.setTeamsOf(created.id(), chosenTeams);
        personal.ifPresent(value -> agents.setCapacity(created.id(), value));
        audit.record(AuditEntry.of(admin.getUsername(), "admin.user.created", "user", created.id())
                .with("username", name)
                .with("role", role)
                .with("teams", ids(chosenTeams))
                .with("capacity", personal.map(String::valueOf).orElse("")));
        redirect.addFlashAttribute("saved", "adminconf.users.created");
        return "redirect:/admin/users/" + created.id();
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        UserAccount account = accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!model.containsAttribute("form")) {
            model.addAttribute(
                    "form",
                    new UserForm(
                            account.username(),
                            account.displayName(),
                            account.firstName(),
                            account.role(),
                            account.enabled(),
                            teams.of(id).stream().map(Team::id).collect(Collectors.toCollection(TreeSet::new)),
                            agents.personalCapacity(id).map(String::valueOf).orElse(""),
                            ""));
        }
        model.addAttribute("account", account);
        model.addAttribute("mustChange", accounts.access(id) == UserAccounts.Access.CHANGE_PASSWORD_FIRST);
        model.addAttribute(
                "effectiveCapacity", agents.find(id).map(a -> a.capacity()).orElse(null));
        addChoices(model);
        return "admin/user";
    }

    @PostMapping("/{id}")
    @Transactional
    String save(
            @AuthenticationPrincipal SignedInUser admin,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String firstName,
            @RequestParam(defaultValue = "AGENT") Role role,
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(name = "teamIds", required = false) List<Long> teamIds,
            @RequestParam(defaultValue = "") String capacity,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UserAccount before = accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Set<Long> chosenTeams = teamIds == null ? Set.of() : new TreeSet<>(teamIds);
        UserForm form = new UserForm(
                before.username(),
                displayName.strip(),
                firstName.strip(),
                role,
                enabled,
                chosenTeams,
                capacity.strip(),
                "");
        String error = namesProblem(displayName, firstName);
        Optional<Integer> personal = Optional.empty();
        if (error == null) {
            try {
                personal = parseCapacity(capacity);
            } catch (IllegalArgumentException bad) {
                error = "adminconf.error.capacity";
            }
        }
        if (error == null
                && !chosenTeams.stream().allMatch(teamId -> teams.find(teamId).isPresent())) {
            error = "adminconf.users.error.team";
        }
        if (error == null) {
            try {
                accounts.edit(id, form.displayName(), form.firstName(), role, enabled);
            } catch (UserAccounts.LastAdminException last) {
                error = "adminconf.users.error.lastAdmin";
            }
        }
        if (error != null) {
            return refused(model, response, error, form, m -> edit(id, m));
        }
        String teamsBefore = ids(teams.of(id).stream().map(Team::id).toList());
        Optional<Integer> capacityBefore = agents.personalCapacity(id);
        teams.setTeamsOf(id, chosenTeams);
        agents.setCapacity(id, personal.orElse(null));
        Changes changes = Changes.of(AuditEntry.of(admin.getUsername(), "admin.user.changed", "user", id))
                .add("displayName", before.displayName(), form.displayName())
                .add("firstName", before.firstName(), form.firstName())
                .add("role", before.role(), role)
                .add("enabled", before.enabled(), enabled)
                .add("teams", teamsBefore, ids(chosenTeams))
                .add(
                        "capacity",
                        capacityBefore.map(String::valueOf).orElse(""),
                        personal.map(String::valueOf).orElse(""));
        if (changes.any()) {
            audit.record(changes.entry());
        }
        redirect.addFlashAttribute("saved", "adminconf.saved");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/password")
    @Transactional
    String resetPassword(
            @AuthenticationPrincipal SignedInUser admin,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String password,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UserAccount account = accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            accounts.resetPassword(id, password);
        } catch (UserAccounts.PasswordRefusedException refused) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute(
                    "passwordError",
                    "adminconf.password.error." + refused.problem().name());
            return edit(id, model);
        }
        audit.record(AuditEntry.of(admin.getUsername(), "admin.user.password.reset", "user", account.id())
                .withChange("password", "***", "*** (to change at next sign-in)"));
        redirect.addFlashAttribute("saved", "adminconf.users.passwordReset");
        return "redirect:/admin/users/" + id;
    }

    private String refused(
            Model model,
            HttpServletResponse response,
            String error,
            UserForm form,
            java.util.function.Function<Model, String> page) {
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("error", error);
        model.addAttribute("form", form);
        return page.apply(model);
    }

    private void addChoices(Model model) {
        model.addAttribute("roles", Role.values());
        model.addAttribute("allTeams", teams.all());
        model.addAttribute("globalCapacity", routing.defaultCapacity());
        model.addAttribute("minLength", policy.minLength());
    }

    private static String namesProblem(String displayName, String firstName) {
        if (displayName.isBlank() || displayName.strip().length() > 120) {
            return "adminconf.users.error.displayName";
        }
        if (firstName.isBlank() || firstName.strip().length() > 80) {
            return "adminconf.users.error.firstName";
        }
        return null;
    }

    static Optional<Integer> parseCapacity(String capacity) {
        if (capacity == null || capacity.isBlank()) {
            return Optional.empty();
        }
        int value = Integer.parseInt(capacity.strip());
        if (value < DefaultCapacity.MIN_CAPACITY || value > DefaultCapacity.MAX_CAPACITY) {
            throw new IllegalArgumentException("out of range");
        }
        return Optional.of(value);
    }

    private static String ids(java.util.Collection<Long> ids) {
        return new ArrayList<>(new TreeSet<>(ids)).toString();
    }
}
