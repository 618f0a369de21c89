package io.wadesk.admin.web;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import io.wadesk.webhook.WebhookSecrets;
import io.wadesk.whatsapp.ApprovedTemplates;
import io.wadesk.whatsapp.CloudApiException;
import io.wadesk.whatsapp.ConnectionCheck;
import io.wadesk.whatsapp.TemplateSync;
import io.wadesk.whatsapp.WhatsAppConnection;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The WhatsApp connection: the webhook's verify token and app secrets, the access token, the business numbers, the
 * WABA and the Graph API version. Secrets are sealed, shown back masked only, and a blank secret field keeps the
 * current one. "Test connection" calls the Graph API; the templates can be synced and one chosen for re-engagement.
 */
@NoTranscriptContent("administration: settings, users, teams, the WhatsApp connection")
@Controller
@RequestMapping("/admin/whatsapp")
class WhatsAppController {

    private final WhatsAppConnection connection;
    private final WebhookSecrets webhook;
    private final ConnectionCheck check;
    private final TemplateSync sync;
    private final ApprovedTemplates templates;
    private final AuditLog audit;

    WhatsAppController(
            WhatsAppConnection connection,
            WebhookSecrets webhook,
            ConnectionCheck check,
            TemplateSync sync,
            ApprovedTemplates templates,
            AuditLog audit) {
        this.connection = connection;
        this.webhook = webhook;
        this.check = check;
        this.sync = sync;
        this.templates = templates;
        this.audit = audit;
    }

    record ConnectionForm(String phoneNumberIds, String wabaId, String apiVersion) {}

    @GetMapping
    String show(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute(
                    "form",
                    new ConnectionForm(
                            String.join(", ", connection.phoneNumberIds()),
                            connection.wabaId(),
                            connection.apiVersion()));
        }
        model.addAttribute("maskedAccessToken", WhatsAppConnection.mask(connection.accessToken()));
        model.addAttribute("maskedVerifyToken", WhatsAppConnection.mask(webhook.verifyToken()));
        model.addAttribute(
                "maskedAppSecrets",
                webhook.appSecrets().stream().map(WhatsAppConnection::mask).toList());
        model.addAttribute("templates", templates.synced());
        model.addAttribute("approved", templates.list());
        model.addAttribute(
                "reengagement",
                connection
                        .reengagementTemplate()
                        .map(WhatsAppConnection.TemplateRef::key)
                        .orElse(""));
        return "admin/whatsapp";
    }

    @PostMapping
    @Transactional
    String save(
            @AuthenticationPrincipal SignedInUser admin,
            @RequestParam(defaultValue = "") String verifyToken,
            @RequestParam(defaultValue = "") String appSecrets,
            @RequestParam(defaultValue = "") String accessToken,
            @RequestParam(defaultValue = "") String phoneNumberIds,
            @RequestParam(defaultValue = "") String wabaId,
            @RequestParam(defaultValue = "") String apiVersion,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        ConnectionForm form = new ConnectionForm(phoneNumberIds.strip(), wabaId.strip(), apiVersion.strip());
        List<String> numbers = TeamsController.numbers(form.phoneNumberIds());
        List<String> secrets = TeamsController.numbers(appSecrets);
        String error = null;
        if (numbers.stream().anyMatch(id -> !WhatsAppConnection.ID.matcher(id).matches())) {
            error = "adminconf.error.phoneNumberIds";
        } else if (!form.wabaId().isEmpty()
                && !WhatsAppConnection.ID.matcher(form.wabaId()).matches()) {
            error = "adminconf.whatsapp.error.waba";
        } else if (!WhatsAppConnection.VERSION.matcher(form.apiVersion()).matches()) {
            error = "adminconf.whatsapp.error.version";
        } else if (accessToken.strip().length() > 1024
                || verifyToken.strip().length() > 256
                || secrets.stream().anyMatch(s -> s.length() > 256)) {
            error = "adminconf.whatsapp.error.secret";
        }
        if (error != null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", error);
            model.addAttribute("form", form);
            return show(model);
        }
        Changes changes =
                Changes.of(AuditEntry.of(admin.getUsername(), "admin.whatsapp.changed", "settings", "whatsapp"));
        if (!verifyToken.isBlank() && !verifyToken.strip().equals(webhook.verifyToken())) {
            changes.add(
                    "verifyToken",
                    WhatsAppConnection.mask(webhook.verifyToken()),
                    WhatsAppConnection.mask(verifyToken.strip()));
            webhook.setVerifyToken(verifyToken, admin.id());
        }
        if (!secrets.isEmpty() && !secrets.equals(webhook.appSecrets())) {
            changes.add("appSecrets", masked(webhook.appSecrets()), masked(secrets));
            webhook.setAppSecrets(secrets, admin.id());
        }
        if (!accessToken.isBlank() && !accessToken.strip().equals(connection.accessToken())) {
            changes.add(
                    "accessToken",
                    WhatsAppConnection.mask(connection.accessToken()),
                    WhatsAppConnection.mask(accessToken.strip()));
            connection.setAccessToken(accessToken, admin.id());
        }
        if (!numbers.equals(connection.phoneNumberIds())) {
            changes.add("phoneNumberIds", connection.phoneNumberIds(), numbers);
            connection.setPhoneNumberIds(numbers, admin.id());
        }
        if (!form.wabaId().equals(connection.wabaId())) {
            changes.add("wabaId", connection.wabaId(), form.wabaId());
            connection.setWabaId(form.wabaId(), admin.id());
        }
        if (!form.apiVersion().equals(connection.apiVersion())) {
            changes.add("apiVersion", connection.apiVersion(), form.apiVersion());
            connection.setApiVersion(form.apiVersion(), admin.id());
        }
        if (changes.any()) {
            audit.record(changes.entry());
        }
        redirect.addFlashAttribute("saved", "adminconf.saved");
        return "redirect:/admin/whatsapp";
    }

    /** A result of the connection test as shown: its sentence's message key, the id checked, Meta's words. */
    record CheckLine(String messageKey, String subject, String count, boolean ok, String detail) {}

    /** Calls the Graph API; changes nothing, so it writes no audit entry. */
    @PostMapping("/test")
    String test(Model model) {
        model.addAttribute(
                "checks",
                check.run().stream()
                        .map(result -> {
                            // A readable WABA's detail is its template count, said in the sentence itself.
                            boolean counted = result.ok() && result.item().equals("waba");
                            return new CheckLine(
                                    "adminconf.whatsapp.check." + result.item() + (result.ok() ? ".ok" : ".ko"),
                                    result.subject(),
                                    counted ? result.detail() : "",
                                    result.ok(),
                                    counted ? "" : result.detail());
                        })
                        .toList());
        model.addAttribute("verifyTokenSet", !webhook.verifyToken().isEmpty());
        model.addAttribute("appSecretCount", webhook.appSecrets().size());
        return show(model);
    }

    @PostMapping("/templates/sync")
    String syncTemplates(
            @AuthenticationPrincipal SignedInUser admin,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (connection.wabaId().isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("syncError", "adminconf.whatsapp.sync.noWaba");
            return show(model);
        }
        TemplateSync.Result result;
        try {
            result = sync.syncNow();
        } catch (CloudApiException ex) {
            response.setStatus(HttpStatus.BAD_GATEWAY.value());
            model.addAttribute("syncError", "adminconf.whatsapp.sync.failed");
            model.addAttribute("syncDetail", ex.getMessage());
            return show(model);
        }
        audit.record(AuditEntry.of(admin.getUsername(), "admin.whatsapp.templates.synced", "settings", "whatsapp")
                .with("templates", result.templates())
                .with("removed", result.removed()));
        // Flash attributes live in the JDBC session: plain values only.
        redirect.addFlashAttribute("syncedTemplates", result.templates());
        redirect.addFlashAttribute("syncedRemoved", result.removed());
        return "redirect:/admin/whatsapp#templates";
    }

    @PostMapping("/reengagement")
    @Transactional
    String chooseReengagement(
            @AuthenticationPrincipal SignedInUser admin,
            @RequestParam(defaultValue = "") String template,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String before = connection
                .reengagementTemplate()
                .map(WhatsAppConnection.TemplateRef::key)
                .orElse("");
        WhatsAppConnection.TemplateRef chosen = templates.list().stream()
                .map(t -> new WhatsAppConnection.TemplateRef(t.name(), t.language()))
                .filter(ref -> ref.key().equals(template))
                .findFirst()
                .orElse(null);
        if (!template.isEmpty() && chosen == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("reengagementError", "adminconf.whatsapp.reengagement.error");
            return show(model);
        }
        connection.setReengagementTemplate(chosen, admin.id());
        Changes changes = Changes.of(AuditEntry.of(
                        admin.getUsername(), "admin.whatsapp.reengagement.changed", "settings", "whatsapp"))
                .add("reengagementTemplate", before, template);
        if (changes.any()) {
            audit.record(changes.entry());
        }
        redirect.addFlashAttribute("saved", "adminconf.saved");
        return "redirect:/admin/whatsapp#templates";
    }

    private static String masked(List<String> secrets) {
        return String.join(", ", secrets.stream().map(WhatsAppConnection::mask).toList());
    }
}
