package io.wadesk.admin.web;

import io.wadesk.admin.internal.NewUserForm;
import io.wadesk.admin.internal.Refused;
import io.wadesk.admin.internal.UserAdministration;
import io.wadesk.admin.internal.UserForm;
import io.wadesk.agent.DefaultCapacity;
import io.wadesk.agent.Teams;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.PasswordPolicy;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Users: create with a first password the user must replace, edit role, names, teams and personal capacity, disable,
 * reset a password ({@link UserAdministration} does each, audited).
 */
@NoTranscriptContent("administration: settings, users, teams, the WhatsApp connection")
@Controller
@RequestMapping("/admin/users")
class UsersController {

    private final UserAdministration users;
    private final UserAccounts accounts;
    private final Teams teams;
    private final DefaultCapacity routing;
    private final PasswordPolicy policy;

    UsersController(
            UserAdministration users,
            UserAccounts accounts,
            Teams teams,
            DefaultCapacity routing,
            PasswordPolicy policy) {
        this.users = users;
        this.accounts = accounts;
        this.teams = teams;
        this.routing = routing;
        this.policy = policy;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("users", users.rows());
        model.addAttribute("teamNames", users.teamNames());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", NewUserForm.empty());
        }
        addChoices(model);
        return "admin/users";
    }

    @PostMapping
    ModelAndView create(
            @AuthenticationPrincipal SignedInUser admin,
            @Valid @ModelAttribute("form") NewUserForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        try {
            Forms.check(errors, more -> users.checkUsernameFree(form, more));
            UserAccount created = users.create(admin, form);
            return Forms.saved(redirect, "adminconf.users.created", "/admin/users/" + created.id());
        } catch (Refused refused) {
            return Forms.refused(model, "error", refused, () -> list(model));
        }
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        UserAccount account = account(id);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", users.form(account));
        }
        model.addAttribute("account", account);
        model.addAttribute("mustChange", users.mustChangePassword(id));
        model.addAttribute("effectiveCapacity", users.effectiveCapacity(id));
        addChoices(model);
        return "admin/user";
    }

    @PostMapping("/{id}")
    ModelAndView save(
            @AuthenticationPrincipal SignedInUser admin,
            @PathVariable long id,
            @Valid @ModelAttribute("form") UserForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        UserAccount before = account(id);
        try {
            Forms.check(errors);
            users.edit(admin, before, form);
        } catch (Refused refused) {
            return Forms.refused(model, "error", refused, () -> edit(id, model));
        }
        return Forms.saved(redirect, "adminconf.saved", "/admin/users/" + id);
    }

    @PostMapping("/{id}/password")
    ModelAndView resetPassword(
            @AuthenticationPrincipal SignedInUser admin,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String password,
            Model model,
            RedirectAttributes redirect) {
        try {
            users.resetPassword(admin, account(id), password);
        } catch (Refused refused) {
            return Forms.refused(model, "passwordError", refused, () -> edit(id, model));
        }
        return Forms.saved(redirect, "adminconf.users.passwordReset", "/admin/users/" + id);
    }

    private UserAccount account(long id) {
        return accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private void addChoices(Model model) {
        model.addAttribute("roles", Role.values());
        model.addAttribute("allTeams", teams.all());
        model.addAttribute("globalCapacity", routing.defaultCapacity());
        model.addAttribute("minLength", policy.minLength());
    }
}
