package io.wadesk.admin.web;

import io.wadesk.agent.DefaultCapacity;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ConversationRules;
import io.wadesk.conversation.Signature;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import io.wadesk.whatsapp.WhatsAppConnection;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
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

/** Teams: name, default capacity, signature format and the business numbers whose conversations they answer. */
@NoTranscriptContent("administration: settings, users, teams, the WhatsApp connection")
@Controller
@RequestMapping("/admin/teams")
class TeamsController {

    static final int MAX_SIGNATURE = 200;

    private final Teams teams;
    private final UserAccounts accounts;
    private final DefaultCapacity routing;
    private final ConversationRules rules;
    private final AuditLog audit;

    TeamsController(
            Teams teams, UserAccounts accounts, DefaultCapacity routing, ConversationRules rules, AuditLog audit) {
        this.teams = teams;
        this.accounts = accounts;
        this.routing = routing;
        this.rules = rules;
        this.audit = audit;
    }

    record TeamRow(Team team, List<String> phoneNumberIds, int members) {}

    record TeamForm(String name, String capacity, String signature, String phoneNumberIds) {}

    @GetMapping
    String list(Model model) {
        model.addAttribute(
                "teams",
                teams.all().stream()
                        .map(team -> new TeamRow(
                                team,
                                teams.phoneNumbersOf(team.id()),
                                teams.memberIds(team.id()).size()))
                        .toList());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new TeamForm("", Integer.toString(routing.defaultCapacity()), "", ""));
        }
        model.addAttribute("globalCapacity", routing.defaultCapacity());
        return "admin/teams";
    }

    @PostMapping
    @Transactional
    String create(
            @AuthenticationPrincipal SignedInUser admin,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String capacity,
            @RequestParam(defaultValue = "") String signature,
            @RequestParam(defaultValue = "") String phoneNumberIds,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        TeamForm form = new TeamForm(name.strip(), capacity.strip(), signature.strip(), phoneNumberIds.strip());
        String error = problem(form, null);
        if (error != null) {
            return refused(model, response, error, form, this::list);
        }
        Team team = teams.create(form.name(), Integer.parseInt(form.capacity()), signatureOrNull(form.signature()));
        teams.setPhoneNumbers(team.id(), numbers(form.phoneNumberIds()));
        audit.record(AuditEntry.of(admin.getUsername(), "admin.team.created", "team", team.id())
                .with("name", team.name())
                .with("capacity", team.defaultCapacity())
                .with("signature", form.signature())
                .with("phoneNumberIds", numbers(form.phoneNumberIds())));
        redirect.addFlashAttribute("saved", "adminconf.teams.created");
        return "redirect:/admin/teams/" + team.id();
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        Team team = teams.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!model.containsAttribute("form")) {
            model.addAttribute(
                    "form",
                    new TeamForm(
                            team.name(),
                            Integer.toString(team.defaultCapacity()),
                            team.signatureFormat() == null ? "" : team.signatureFormat(),
                            String.join(", ", teams.phoneNumbersOf(id))));
        }
        model.addAttribute("team", team);
        model.addAttribute(
                "members",
                teams.memberIds(id).stream()
                        .map(accounts::find)
                        .flatMap(java.util.Optional::stream)
                        .map(UserAccount::displayName)
                        .toList());
        model.addAttribute("signaturePreview", new Signature(team.signatureFormat()).render("Amélie", rules.brand()));
        return "admin/team";
    }

    @PostMapping("/{id}")
    @Transactional
    String save(
            @AuthenticationPrincipal SignedInUser admin,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String capacity,
            @RequestParam(defaultValue = "") String signature,
            @RequestParam(defaultValue = "") String phoneNumberIds,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Team before = teams.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<String> numbersBefore = teams.phoneNumbersOf(id);
        TeamForm form = new TeamForm(name.strip(), capacity.strip(), signature.strip(), phoneNumberIds.strip());
        String error = problem(form, id);
        if (error != null) {
            return refused(model, response, error, form, m -> edit(id, m));
        }
        Team after =
                teams.update(id, form.name(), Integer.parseInt(form.capacity()), signatureOrNull(form.signature()));
        teams.setPhoneNumbers(id, numbers(form.phoneNumberIds()));
        Changes changes = Changes.of(AuditEntry.of(admin.getUsername(), "admin.team.changed", "team", id))
                .add("name", before.name(), after.name())
                .add("capacity", before.defaultCapacity(), after.defaultCapacity())
                .add("signature", before.signatureFormat(), after.signatureFormat())
                .add("phoneNumberIds", numbersBefore, teams.phoneNumbersOf(id));
        if (changes.any()) {
            audit.record(changes.entry());
        }
        redirect.addFlashAttribute("saved", "adminconf.saved");
        return "redirect:/admin/teams/" + id;
    }

    private String problem(TeamForm form, Long id) {
        if (form.name().isEmpty() || form.name().length() > 80) {
            return "adminconf.teams.error.name";
        }
        boolean taken = teams.all().stream()
                .anyMatch(team -> team.name().equalsIgnoreCase(form.name()) && (id == null || team.id() != id));
        if (taken) {
            return "adminconf.teams.error.taken";
        }
        try {
            UsersController.parseCapacity(form.capacity()).orElseThrow(IllegalArgumentException::new);
        } catch (IllegalArgumentException bad) {
            return "adminconf.error.capacity";
        }
        if (form.signature().length() > MAX_SIGNATURE) {
            return "adminconf.teams.error.signature";
        }
        if (numbers(form.phoneNumberIds()).stream()
                .anyMatch(number -> !WhatsAppConnection.ID.matcher(number).matches())) {
            return "adminconf.error.phoneNumberIds";
        }
        return null;
    }

    private String refused(
            Model model,
            HttpServletResponse response,
            String error,
            TeamForm form,
            java.util.function.Function<Model, String> page) {
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("error", error);
        model.addAttribute("form", form);
        return page.apply(model);
    }

    private static String signatureOrNull(String signature) {
        return signature.isBlank() ? null : signature;
    }

    static List<String> numbers(String text) {
        return Arrays.stream(text.split("[,\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }
}
