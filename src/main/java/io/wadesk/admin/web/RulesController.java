package io.wadesk.admin.web;

import io.wadesk.admin.internal.ConsentForm;
import io.wadesk.admin.internal.Refused;
import io.wadesk.admin.internal.RulesAdministration;
import io.wadesk.admin.internal.RulesForm;
import io.wadesk.conversation.ConsentTexts;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.validation.Valid;
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
 * The rules: global default capacity, pause choices and the default one, keep-open time, brand, withdrawal keyword,
 * asking a refused contact again, the password length; and the consent request text, versioned.
 */
@NoTranscriptContent("administration: settings, users, teams, the WhatsApp connection")
@Controller
@RequestMapping("/admin/rules")
class RulesController {

    private final RulesAdministration rules;

    RulesController(RulesAdministration rules) {
        this.rules = rules;
    }

    @GetMapping
    String show(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", rules.currentForm());
        }
        ConsentTexts.ConsentText consent = rules.currentConsent();
        if (!model.containsAttribute("consentForm")) {
            model.addAttribute("consentForm", new ConsentForm(consent.text(), consent.yesLabel(), consent.noLabel()));
        }
        model.addAttribute("consentVersion", consent.version());
        if (!model.containsAttribute("consentTemplate")) {
            model.addAttribute("consentTemplate", rules.consentTemplate());
        }
        return "admin/rules";
    }

    @PostMapping
    ModelAndView save(
            @AuthenticationPrincipal SignedInUser admin,
            @Valid @ModelAttribute("form") RulesForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        try {
            Forms.check(errors);
            rules.save(admin, form);
        } catch (Refused refused) {
            return Forms.refused(model, "error", refused, () -> show(model));
        }
        return Forms.saved(redirect, "adminconf.saved", "/admin/rules");
    }

    @PostMapping("/consent")
    ModelAndView publishConsent(
            @AuthenticationPrincipal SignedInUser admin,
            @ModelAttribute("consentForm") ConsentForm form,
            Model model,
            RedirectAttributes redirect) {
        try {
            rules.publishConsent(admin, form);
        } catch (Refused refused) {
            return Forms.refused(model, "consentError", refused, () -> show(model));
        }
        return Forms.saved(redirect, "adminconf.rules.consent.published", "/admin/rules");
    }

    /** The approved template that carries the consent request outside the 24-hour window (issue 16, point 9). */
    @PostMapping("/consent-template")
    ModelAndView setConsentTemplate(
            @AuthenticationPrincipal SignedInUser admin,
            @RequestParam(defaultValue = "") String template,
            Model model,
            RedirectAttributes redirect) {
        try {
            rules.setConsentTemplate(admin, template);
        } catch (Refused refused) {
            model.addAttribute("consentTemplate", template);
            return Forms.refused(model, "consentTemplateError", refused, () -> show(model));
        }
        return Forms.saved(redirect, "adminconf.saved", "/admin/rules");
    }
}
