package io.wadesk.desk.web;

import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.Attachment;
import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationRules;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.Signature;
import io.wadesk.desk.internal.QuickReplies;
import io.wadesk.user.SignedInUser;
import io.wadesk.whatsapp.ApprovedTemplates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the composer needs besides the conversation: the window's deadline for the countdown, the template picker
 * once the window is closed, the quick replies, the signature, the attachment limits and the keep-open hint.
 */
@Component
class ComposerModel {

    private final ApprovedTemplates templates;
    private final QuickReplies quickReplies;
    private final ConversationQueries queries;
    private final Teams teams;
    private final ConversationRules rules;
    private final Clock clock;

    ComposerModel(
            ApprovedTemplates templates,
            QuickReplies quickReplies,
            ConversationQueries queries,
            Teams teams,
            ConversationRules rules,
            Clock clock) {
        this.templates = templates;
        this.quickReplies = quickReplies;
        this.queries = queries;
        this.teams = teams;
        this.rules = rules;
        this.clock = clock;
    }

    /** How long after the owner's reply the conversation stays open, and whether that time has passed. */
    record KeepOpenHint(Instant until, long minutes, long minutesLeft, boolean elapsed) {}

    /** @param canReply the user owns the conversation and it is active */
    void addTo(SignedInUser user, ConversationState state, boolean canReply, Model model) {
        Instant now = clock.instant();
        model.addAttribute("serverNow", now);
        model.addAttribute("windowClosesAt", state.windowOpen() ? now.plus(state.windowRemaining()) : null);
        if (!canReply) {
            return;
        }
        model.addAttribute("quickReplies", quickReplies.offeredTo(user.id()));
        model.addAttribute("signature", signatureOf(user, state).orElse(null));
        model.addAttribute("attachmentTypes", String.join(",", new TreeSet<>(Attachment.allowedTypes())));
        model.addAttribute("imageMax", Attachment.IMAGE_MAX);
        model.addAttribute("documentMax", Attachment.DOCUMENT_MAX);
        if (!state.windowOpen() && state.reengagementAllowed()) {
            List<TemplateChoice> choices = choices();
            model.addAttribute("templates", choices);
            // The re-engagement template admins chose is ready to fill in, unless the agent chose another.
            if (!model.containsAttribute("chosenTemplate")
                    && !choices.isEmpty()
                    && choices.get(0).chosenByAdmins()) {
                model.addAttribute("chosenTemplate", choices.get(0));
                model.addAttribute("paramValues", List.of());
            }
            model.addAttribute("templatesWithHeader", withHeaderParameters());
            model.addAttribute("defaultPause", DeskController.label(rules.defaultPause()));
        }
        queries.keepOpenUntil(state.id())
                .map(until -> new KeepOpenHint(
                        until, rules.keepOpen().toMinutes(), minutesLeft(now, until), !until.isAfter(now)))
                .ifPresent(hint -> model.addAttribute("keepOpen", hint));
    }

    /** Whole minutes left, rounded up: "1 min left" until the very end. */
    private static long minutesLeft(Instant now, Instant until) {
        long seconds = Math.max(0, Duration.between(now, until).toSeconds());
        return (seconds + 59) / 60;
    }

    /**
     * The approved templates: the one admins chose for re-engagement first, then those in the agent's language (the
     * contact's language is not known), by name.
     */
    List<TemplateChoice> choices() {
        String language = LocaleContextHolder.getLocale().getLanguage();
        Optional<String> chosen = templates.reengagement().map(template -> template.name() + ":" + template.language());
        return templates.list().stream()
                .filter(template -> template.headerParameters() == 0)
                .map(template -> TemplateChoice.of(
                        template,
                        chosen.filter(key -> key.equals(template.name() + ":" + template.language()))
                                .isPresent()))
                .sorted(Comparator.comparing((TemplateChoice choice) -> !choice.chosenByAdmins())
                        .thenComparing(choice -> !sameLanguage(choice.language(), language))
                        .thenComparing(TemplateChoice::name)
                        .thenComparing(TemplateChoice::language))
                .toList();
    }

    /**
     * Templates whose header has parameters are not offered: the sender fills only the body's, and Meta would refuse
     * the message. The picker says how many there are.
     */
    private long withHeaderParameters() {
        return templates.list().stream()
                .filter(template -> template.headerParameters() > 0)
                .count();
    }

    Optional<TemplateChoice> choice(String key) {
        return choices().stream().filter(choice -> choice.key().equals(key)).findFirst();
    }

    private static boolean sameLanguage(String templateLanguage, String language) {
        return Locale.forLanguageTag(templateLanguage.replace('_', '-'))
                .getLanguage()
                .equals(language);
    }

    /** The signature the customer will read under the reply, when the conversation's team signs. */
    private Optional<String> signatureOf(SignedInUser user, ConversationState state) {
        return Optional.ofNullable(state.teamId())
                .flatMap(teams::find)
                .map(Team::signatureFormat)
                .map(Signature::new)
                .filter(Signature::isEnabled)
                .map(signature -> signature.render(user.firstName(), rules.brand()));
    }
}
