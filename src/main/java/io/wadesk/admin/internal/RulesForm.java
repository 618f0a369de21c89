package io.wadesk.admin.internal;

import io.wadesk.agent.DefaultCapacity;
import io.wadesk.conversation.ConversationRules;
import io.wadesk.user.PasswordPolicy;
import java.time.Duration;

/**
 * The rules as an admin types them. The fields are in the order they are checked; what depends on several of them
 * (the default pause among the choices, the keyword, the brand) is {@link ConversationRules.Rules#problem()}'s.
 */
public record RulesForm(
        @WholeNumber(
                min = DefaultCapacity.MIN_CAPACITY,
                max = DefaultCapacity.MAX_CAPACITY,
                message = "adminconf.error.capacity")
        String globalCapacity,

        @WholeNumber(message = "adminconf.rules.error.keepOpen")
        String keepOpenMinutes,

        @DurationText(list = true, message = "adminconf.rules.error.pauseChoices")
        String pauseChoices,

        @DurationText(message = "adminconf.rules.error.defaultPause")
        String defaultPause,

        @WholeNumber(
                min = PasswordPolicy.LOWEST_MIN_LENGTH,
                max = PasswordPolicy.HIGHEST_MIN_LENGTH,
                message = "adminconf.rules.error.passwordMinLength")
        String passwordMinLength,

        String brand,
        String withdrawalKeyword,
        Boolean askAgainAfterRefusal) {

    public RulesForm {
        globalCapacity = FormText.stripped(globalCapacity);
        keepOpenMinutes = FormText.stripped(keepOpenMinutes);
        pauseChoices = FormText.stripped(pauseChoices);
        defaultPause = FormText.stripped(defaultPause);
        passwordMinLength = FormText.stripped(passwordMinLength);
        brand = FormText.stripped(brand);
        withdrawalKeyword = FormText.stripped(withdrawalKeyword);
        // An unticked box sends nothing.
        askAgainAfterRefusal = Boolean.TRUE.equals(askAgainAfterRefusal);
    }

    /** The rules of the conversation module this form asks for (once its fields are valid). */
    ConversationRules.Rules rules() {
        return new ConversationRules.Rules(
                Duration.ofMinutes(FormText.number(keepOpenMinutes)),
                Durations.parseList(pauseChoices).stream().sorted().toList(),
                Durations.parse(defaultPause),
                brand,
                withdrawalKeyword,
                askAgainAfterRefusal);
    }
}
