package io.wadesk.admin.web;

import io.wadesk.admin.internal.ConnectionForm;
import io.wadesk.admin.internal.Refused;
import io.wadesk.admin.internal.WhatsAppAdministration;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import io.wadesk.webhook.WebhookSecrets;
import io.wadesk.whatsapp.ApprovedTemplates;
import io.wadesk.whatsapp.CloudApiException;
import io.wadesk.whatsapp.ConnectionCheck;
import io.wadesk.whatsapp.TemplateSync;
import io.wadesk.whatsapp.WhatsAppConnection;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
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

    private final WhatsAppAdministration administration;
    private final WhatsAppConnection connection;
    private final WebhookSecrets webhook;
    private final ConnectionCheck check;
    private final ApprovedTemplates templates;

    WhatsAppController(
            WhatsAppAdministration administration,
            WhatsAppConnection connection,
            WebhookSecrets webhook,
            ConnectionCheck check,
            ApprovedTemplates templates) {
        this.administration = administration;
        this.connection = connection;
        this.webhook = webhook;
        this.check = check;
        this.templates = templates;
    }

    @GetMapping
    String show(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", administration.currentForm());
        }
        model.addAttribute("maskedAccessToken", WhatsAppConnection.mask(connection.accessToken()));
        model.addAttribute("maskedVerifyToken", WhatsAppConnection.mask(webhook.verifyToken()));
        model.addAttribute(
                "maskedAppSecrets",
                webhook.appSecrets().stream().map(WhatsAppConnection::mask).toList());
        model.addAttribute("templates", templates.synced());
        model.addAttribute("approved", templates.list());
        model.addAttribute("reengagement", administration.reengagementTemplate());
        return "admin/whatsapp";
    }

    @PostMapping
    ModelAndView save(
            @AuthenticationPrincipal SignedInUser admin,
            @Valid @ModelAttribute("form") ConnectionForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        try {
            Forms.check(errors);
            administration.save(admin, form);
        } catch (Refused refused) {
            return Forms.refused(model, "error", refused, () -> show(model));
        }
        return Forms.saved(redirect, "adminconf.saved", "/admin/whatsapp");
    }

    /** A result of the connection test as shown: its sentence's message key, the id checked, Meta's words. */
    record CheckLine(String messageKey, String subject, String count, boolean ok, String detail) {

        static CheckLine of(ConnectionCheck.Result result) {
            // A readable WABA's detail is its template count, said in the sentence itself.
            boolean counted = result.ok() && result.item().equals("waba");
            return new CheckLine(
                    "adminconf.whatsapp.check." + result.item() + (result.ok() ? ".ok" : ".ko"),
                    result.subject(),
                    counted ? result.detail() : "",
                    result.ok(),
                    counted ? "" : result.detail());
        }
    }

    /** Calls the Graph API; changes nothing, so it writes no audit entry. */
    @PostMapping("/test")
    String test(Model model) {
        model.addAttribute("checks", check.run().stream().map(CheckLine::of).toList());
        model.addAttribute("verifyTokenSet", !webhook.verifyToken().isEmpty());
        model.addAttribute("appSecretCount", webhook.appSecrets().size());
        return show(model);
    }

    @PostMapping("/templates/sync")
    ModelAndView syncTemplates(@AuthenticationPrincipal SignedInUser admin, Model model, RedirectAttributes redirect) {
        TemplateSync.Result result;
        try {
            result = administration.syncTemplates(admin);
        } catch (Refused refused) {
            return Forms.refused(model, "syncError", refused, () -> show(model));
        } catch (CloudApiException ex) {
            return syncFailed(ex, model);
        }
        // Flash attributes live in the JDBC session: plain values only.
        redirect.addFlashAttribute("syncedTemplates", result.templates());
        redirect.addFlashAttribute("syncedRemoved", result.removed());
        return new ModelAndView("redirect:/admin/whatsapp#templates");
    }

    private ModelAndView syncFailed(CloudApiException ex, Model model) {
        model.addAttribute("syncError", "adminconf.whatsapp.sync.failed");
        model.addAttribute("syncDetail", ex.getMessage());
        return new ModelAndView(show(model), model.asMap(), HttpStatus.BAD_GATEWAY);
    }

    @PostMapping("/reengagement")
    ModelAndView chooseReengagement(
            @AuthenticationPrincipal SignedInUser admin,
            @RequestParam(defaultValue = "") String template,
            Model model,
            RedirectAttributes redirect) {
        try {
            administration.chooseReengagement(admin, template);
        } catch (Refused refused) {
            return Forms.refused(model, "reengagementError", refused, () -> show(model));
        }
        return Forms.saved(redirect, "adminconf.saved", "/admin/whatsapp#templates");
    }
}
