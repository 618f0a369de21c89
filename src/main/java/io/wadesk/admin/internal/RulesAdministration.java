package io.wadesk.admin.internal;

import io.wadesk.agent.DefaultCapacity;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ConsentTexts;
import io.wadesk.conversation.ConversationRules;
import io.wadesk.user.PasswordPolicy;
import io.wadesk.user.SignedInUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules screen's use cases: the global default capacity, the conversation rules and the password length saved
 * together, the consent request text published as a new version, and the consent template; each audited with what
 * changed, before and after.
 */
@Service
public class RulesAdministration {

    private final DefaultCapacity routing;
    private final ConversationRules rules;
    private final ConsentTexts consentTexts;
    private final PasswordPolicy passwords;
    private final AuditLog audit;

    RulesAdministration(
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

    /** The rules in force, as the form shows them. */
    public RulesForm currentForm() {
        ConversationRules.Rules now = rules.current();
        return new RulesForm(
                Integer.toString(routing.defaultCapacity()),
                Long.toString(now.keepOpen().toMinutes()),
                Durations.formatList(now.pauseChoices()),
                Durations.format(now.defaultPause()),
                Integer.toString(passwords.minLength()),
                now.brand(),
                now.withdrawalKeyword(),
                now.askAgainAfterRefusal());
    }

    /**
     * Saves a valid form.
     *
     * @throws Refused when the conversation rules refuse the combination
     */
    @Transactional
    public void save(SignedInUser admin, RulesForm form) {
        ConversationRules.Rules wanted = form.rules();
        if (wanted.problem() != null) {
            throw new Refused("adminconf.rules.error." + wanted.problem());
        }
        int capacity = FormText.number(form.globalCapacity());
        int minLength = FormText.number(form.passwordMinLength());
        Changes changes = changes(admin, capacity, wanted, minLength);
        apply(admin, capacity, wanted, minLength);
        if (changes.any()) {
            audit.record(changes.entry());
        }
    }

    /** What the save changes, before and after, in the order of the screen. */
    private Changes changes(SignedInUser admin, int capacity, ConversationRules.Rules wanted, int minLength) {
        Changes changes = Changes.of(AuditEntry.of(admin.getUsername(), "admin.rules.changed", "settings", "rules"))
                .add("globalCapacity", routing.defaultCapacity(), capacity);
        addRuleChanges(changes, rules.current(), wanted);
        return changes.add("passwordMinLength", passwords.minLength(), minLength);
    }

    private void apply(SignedInUser admin, int capacity, ConversationRules.Rules wanted, int minLength) {
        routing.setDefaultCapacity(capacity, admin.id());
        rules.update(wanted, admin.id());
        passwords.setMinLength(minLength, admin.id());
    }

    private static void addRuleChanges(Changes changes, ConversationRules.Rules before, ConversationRules.Rules after) {
        changes.add(
                        "pauseChoices",
                        Durations.formatList(before.pauseChoices()),
                        Durations.formatList(after.pauseChoices()))
                .add("defaultPause", Durations.format(before.defaultPause()), Durations.format(after.defaultPause()))
                .add("keepOpen", Durations.format(before.keepOpen()), Durations.format(after.keepOpen()))
                .add("brand", before.brand(), after.brand())
                .add("withdrawalKeyword", before.withdrawalKeyword(), after.withdrawalKeyword())
                .add("askAgainAfterRefusal", before.askAgainAfterRefusal(), after.askAgainAfterRefusal());
    }

    public ConsentTexts.ConsentText currentConsent() {
        return consentTexts.current();
    }

    public String consentTemplate() {
        return rules.consentTemplate().orElse("");
    }

    /**
     * Publishes a new version of the consent request, unless it is the current text.
     *
     * @throws Refused when the text or a label is refused
     */
    @Transactional
    public void publishConsent(SignedInUser admin, ConsentForm form) {
        String problem = new ConsentTexts.ConsentText(0, form.text(), form.yesLabel(), form.noLabel()).problem();
        if (problem != null) {
            throw new Refused("adminconf.rules.error." + problem);
        }
        ConsentTexts.ConsentText before = consentTexts.current();
        ConsentTexts.ConsentText after = consentTexts.publish(form.text(), form.yesLabel(), form.noLabel(), admin.id());
        if (after.version() != before.version()) {
            audit.record(published(admin, before, after));
        }
    }

    private static AuditEntry published(
            SignedInUser admin, ConsentTexts.ConsentText before, ConsentTexts.ConsentText after) {
        return Changes.of(AuditEntry.of(
                        admin.getUsername(), "admin.consent-text.published", "consent-text", after.version()))
                .add("version", before.version(), after.version())
                .add("text", before.text(), after.text())
                .add("yesLabel", before.yesLabel(), after.yesLabel())
                .add("noLabel", before.noLabel(), after.noLabel())
                .entry();
    }

    /**
     * The approved template that carries the consent request outside the 24-hour window (issue 16, point 9); blank
     * goes back to {@code WADESK_CONSENT_TEMPLATE}, or to waiting for the customer's next message.
     *
     * @throws Refused when it is not a template name and language
     */
    @Transactional
    public void setConsentTemplate(SignedInUser admin, String template) {
        if (!ConversationRules.isConsentTemplate(template)) {
            throw new Refused("adminconf.rules.consentTemplate.error");
        }
        String before = consentTemplate();
        rules.setConsentTemplate(template, admin.id());
        audit.record(Changes.of(AuditEntry.of(
                        admin.getUsername(), "admin.consent-template.changed", "settings", "consent.template"))
                .add("template", before, template.strip())
                .entry());
    }
}
