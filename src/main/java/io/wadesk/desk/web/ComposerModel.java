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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the composer needs besides the conversation: the window's deadline for the countdown, the template picker
 * once the window is closed, the quick replies, the signature, the attachment limits and the keep-open hint.
 */
@Component
class ComposerModel {

    private final TemplatePicker picker;
    private final QuickReplies quickReplies;
    private final ConversationQueries queries;
    private final Teams teams;
    private final ConversationRules rules;
    private final Clock clock;

    ComposerModel(
            TemplatePicker picker,
            QuickReplies quickReplies,
            ConversationQueries queries,
            Teams teams,
            ConversationRules rules,
            Clock clock) {
        this.picker = picker;
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
        addTools(user, state, model);
        if (!state.windowOpen() && state.reengagementAllowed()) {
            addPicker(model);
        }
        keepOpenHint(state, now).ifPresent(hint -> model.addAttribute("keepOpen", hint));
    }

    private Optional<KeepOpenHint> keepOpenHint(ConversationState state, Instant now) {
        return queries.keepOpenUntil(state.id())
                .map(until -> new KeepOpenHint(
                        until, rules.keepOpen().toMinutes(), minutesLeft(now, until), !until.isAfter(now)));
    }

    /** The quick replies, the signature and what may be attached. */
    private void addTools(SignedInUser user, ConversationState state, Model model) {
        model.addAttribute("quickReplies", quickReplies.offeredTo(user.id()));
        model.addAttribute("signature", signatureOf(user, state).orElse(null));
        model.addAttribute("attachmentTypes", String.join(",", new TreeSet<>(Attachment.allowedTypes())));
        model.addAttribute("imageMax", Attachment.IMAGE_MAX);
        model.addAttribute("documentMax", Attachment.DOCUMENT_MAX);
    }

    /** The template picker, once the window is closed. */
    private void addPicker(Model model) {
        picker.addTo(model);
        model.addAttribute("defaultPause", PauseChoice.label(rules.defaultPause()));
    }

    /** Whole minutes left, rounded up: "1 min left" until the very end. */
    private static long minutesLeft(Instant now, Instant until) {
        long seconds = Math.max(0, Duration.between(now, until).toSeconds());
        return (seconds + 59) / 60;
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
