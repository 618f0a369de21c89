package io.wadesk.admin.web;

import io.wadesk.agent.DefaultCapacity;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ConsentTexts;
import io.wadesk.conversation.ConversationRules;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.PasswordPolicy;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
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
 * The rules: global default capacity, pause choices and the default one, keep-open time, brand, withdrawal keyword,
 * asking a refused contact again, the password length; and the consent request text, versioned.
 */
@NoTranscriptContent("administration: settings, users, teams, the WhatsApp connection")
@Controller
@RequestMapping("/admin/rules")
class RulesController {

    private final DefaultCapacity routing;
    private final ConversationRules rules;
    private final ConsentTexts consentTexts;
    private final PasswordPolicy passwords;
    private final AuditLog audit;

    RulesController(
            DefaultCapacity routing,
            ConversationRules rules,
            ConsentTexts consentTexts,
            PasswordPolicy passwords,
            AuditLog audit) {
        this.routing = routing;
        this.rules = rules;
        this.consentTexts = consentTexts;
        this.passwords = passwords;
        this.audit = audit;
    }

    record RulesForm(
            String globalCapacity,
            String pauseChoices,
            String defaultPause,
            String keepOpenMinutes,
            String brand,
            String withdrawalKeyword,
            boolean askAgainAfterRefusal,
            String passwordMinLength) {}

    record ConsentForm(String text, String yesLabel, String noLabel) {}

    @GetMapping
    String show(Model model) {
        ConversationRules.Rules now = rules.current();
        if (!model.containsAttribute("form")) {
            model.addAttribute(
                    "form",
                    new RulesForm(
                            Integer.toString(routing.defaultCapacity()),
                            Durations.formatList(now.pauseChoices()),
                            Durations.format(now.defaultPause()),
                            Long.toString(now.keepOpen().toMinutes()),
                            now.brand(),
                            now.withdrawalKeyword(),
                            now.askAgainAfterRefusal(),
                            Integer.toString(passwords.minLength())));
        }
        ConsentTexts.ConsentText consent = consentTexts.current();
        if (!model.containsAttribute("consentForm")) {
            model.addAttribute("consentForm", new ConsentForm(consent.text(), consent.yesLabel(), consent.noLabel()));
        }
        model.addAttribute("consentVersion", consent.version());
        if (!model.containsAttribute("consentTemplate")) {
            model.addAttribute("consentTemplate", rules.consentTemplate().orElse(""));
        }
        return "admin/rules";
    }

    @PostMapping
    @Transactional
    String save(
            @AuthenticationPrincipal SignedInUser admin,
            @RequestParam(defaultValue = "") String globalCapacity,
            @RequestParam(defaultValue = "") String pauseChoices,
            @RequestParam(defaultValue = "") String defaultPause,
            @RequestParam(defaultValue = "") String keepOpenMinutes,
            @RequestParam(defaultValue = "") String brand,
            @RequestParam(defaultValue = "") String withdrawalKeyword,
            @RequestParam(defaultValue = "false") boolean askAgainAfterRefusal,
            @RequestParam(defaultValue = "") String passwordMinLength,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        RulesForm form = new RulesForm(
                globalCapacity.strip(),
                pauseChoices.strip(),
                defaultPause.strip(),
                keepOpenMinutes.strip(),
                brand.strip(),
                withdrawalKeyword.strip(),
                askAgainAfterRefusal,
                passwordMinLength.strip());
        Integer capacity = integer(form.globalCapacity());
        Integer keepOpen = integer(form.keepOpenMinutes());
        Integer minLength = integer(form.passwordMinLength());
        List<Duration> choices = Durations.parseList(form.pauseChoices());
        Duration chosenDefault = Durations.parse(form.defaultPause());
        String error = null;
        ConversationRules.Rules wanted = null;
        if (capacity == null || capacity < DefaultCapacity.MIN_CAPACITY || capacity > DefaultCapacity.MAX_CAPACITY) {
            error = "adminconf.error.capacity";
        } else if (keepOpen == null) {
            error = "adminconf.rules.error.keepOpen";
        } else if (choices == null) {
            error = "adminconf.rules.error.pauseChoices";
        } else if (chosenDefault == null) {
            error = "adminconf.rules.error.defaultPause";
        } else if (minLength == null || minLength < PasswordPolicy.LOWEST_MIN_LENGTH || minLength > 64) {
            error = "adminconf.rules.error.passwordMinLength";
        } else {
            wanted = new ConversationRules.Rules(
                    Duration.ofMinutes(keepOpen),
                    choices.stream().sorted().toList(),
                    chosenDefault,
                    form.brand(),
                    form.withdrawalKeyword(),
                    askAgainAfterRefusal);
            if (wanted.problem() != null) {
                error = "adminconf.rules.error." + wanted.problem();
            }
        }
        if (error != null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", error);
            model.addAttribute("form", form);
            return show(model);
        }
        ConversationRules.Rules before = rules.current();
        int capacityBefore = routing.defaultCapacity();
        int minLengthBefore = passwords.minLength();
        routing.setDefaultCapacity(capacity, admin.id());
        rules.update(wanted, admin.id());
        passwords.setMinLength(minLength, admin.id());
        Changes changes = Changes.of(AuditEntry.of(admin.getUsername(), "admin.rules.changed", "settings", "rules"))
                .add("globalCapacity", capacityBefore, capacity)
                .add(
                        "pauseChoices",
                        Durations.formatList(before.pauseChoices()),
                        Durations.formatList(wanted.pauseChoices()))
                .add("defaultPause", Durations.format(before.defaultPause()), Durations.format(wanted.defaultPause()))
                .add("keepOpen", Durations.format(before.keepOpen()), Durations.format(wanted.keepOpen()))
                .add("brand", before.brand(), wanted.brand())
                .add("withdrawalKeyword", before.withdrawalKeyword(), wanted.withdrawalKeyword())
                .add("askAgainAfterRefusal", before.askAgainAfterRefusal(), wanted.askAgainAfterRefusal())
                .add("passwordMinLength", minLengthBefore, minLength);
        if (changes.any()) {
            audit.record(changes.entry());
        }
        redirect.addFlashAttribute("saved", "adminconf.saved");
        return "redirect:/admin/rules";
    }

    @PostMapping("/consent")
    @Transactional
    String publishConsent(
            @AuthenticationPrincipal SignedInUser admin,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "") String yesLabel,
            @RequestParam(defaultValue = "") String noLabel,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        ConsentForm form = new ConsentForm(text.strip(), yesLabel.strip(), noLabel.strip());
        String problem = new ConsentTexts.ConsentText(0, form.text(), form.yesLabel(), form.noLabel()).problem();
        if (problem != null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("consentError", "adminconf.rules.error." + problem);
            model.addAttribute("consentForm", form);
            return show(model);
        }
        ConsentTexts.ConsentText before = consentTexts.current();
        ConsentTexts.ConsentText after = consentTexts.publish(form.text(), form.yesLabel(), form.noLabel(), admin.id());
        if (after.version() != before.version()) {
            audit.record(Changes.of(AuditEntry.of(
                            admin.getUsername(), "admin.consent-text.published", "consent-text", after.version()))
                    .add("version", before.version(), after.version())
                    .add("text", before.text(), after.text())
                    .add("yesLabel", before.yesLabel(), after.yesLabel())
                    .add("noLabel", before.noLabel(), after.noLabel())
                    .entry());
        }
        redirect.addFlashAttribute("saved", "adminconf.rules.consent.published");
        return "redirect:/admin/rules";
    }

    /**
     * The approved template that carries the consent request outside the 24-hour window (issue 16, point 9);
     * blank goes back to {@code WADESK_CONSENT_TEMPLATE}, or to waiting for the customer's next message.
     */
    @PostMapping("/consent-template")
    @Transactional
    String setConsentTemplate(
            @AuthenticationPrincipal SignedInUser admin,
            @RequestParam(defaultValue = "") String template,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!ConversationRules.isConsentTemplate(template)) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("consentTemplateError", "adminconf.rules.consentTemplate.error");
            model.addAttribute("consentTemplate", template);
            return show(model);
        }
        String before = rules.consentTemplate().orElse("");
        rules.setConsentTemplate(template, admin.id());
        audit.record(Changes.of(AuditEntry.of(
                        admin.getUsername(), "admin.consent-template.changed", "settings", "consent.template"))
                .add("template", before, template.strip())
                .entry());
        redirect.addFlashAttribute("saved", "adminconf.saved");
        return "redirect:/admin/rules";
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
