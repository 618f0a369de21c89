package io.wadesk.conversation;

import io.wadesk.conversation.internal.ConsentProperties;
import io.wadesk.conversation.internal.ConversationRulesProperties;
import io.wadesk.settings.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of docs/design.md §1 as they stand now: what admins set on the rules screen, else
 * {@link ConversationRulesProperties}. Every read goes through {@link Settings}, so a change applies to the next
 * pause, reply or consent check without a restart.
 */
@Component
public class ConversationRules {

    static final String KEEP_OPEN = "conversation.keep-open";
    static final String PAUSE_CHOICES = "conversation.pause-choices";
    static final String DEFAULT_PAUSE = "conversation.default-pause";
    static final String BRAND = "conversation.brand";
    static final String WITHDRAWAL_KEYWORD = "consent.withdrawal-keyword";
    static final String ASK_AGAIN = "consent.ask-again-after-refusal";
    static final String CONSENT_TEMPLATE = "consent.template";

    public static final Duration MAX_KEEP_OPEN = Duration.ofHours(1);
    public static final Duration MIN_PAUSE = Duration.ofMinutes(5);
    public static final Duration MAX_PAUSE = Duration.ofDays(7);
    public static final int MAX_PAUSE_CHOICES = 6;

    private final Settings settings;
    private final ConversationRulesProperties defaults;

    @Autowired
    ConversationRules(Settings settings, ConversationRulesProperties defaults) {
        this.settings = settings;
        this.defaults = defaults;
    }

    /** The configured rules only, with no settings screen behind them (web slice tests, tools). */
    public static ConversationRules of(ConversationRulesProperties properties) {
        return new ConversationRules(null, properties);
    }

    /** All the rules at once, e.g. for the rules screen. */
    public record Rules(
            Duration keepOpen,
            List<Duration> pauseChoices,
            Duration defaultPause,
            String brand,
            String withdrawalKeyword,
            boolean askAgainAfterRefusal) {

        /** Why these rules cannot be saved, as a message key of the admin screens, or null when they can. */
        public String problem() {
            if (keepOpen == null || keepOpen.isNegative() || keepOpen.compareTo(MAX_KEEP_OPEN) > 0) {
                return "keepOpen";
            }
            if (!validPauseChoices()) {
                return "pauseChoices";
            }
            if (defaultPause == null || !pauseChoices.contains(defaultPause)) {
                return "defaultPause";
            }
            if (brand == null || brand.isBlank() || brand.length() > 60) {
                return "brand";
            }
            return validWithdrawalKeyword() ? null : "withdrawalKeyword";
        }

        private boolean validPauseChoices() {
            return pauseChoices != null
                    && !pauseChoices.isEmpty()
                    && pauseChoices.size() <= MAX_PAUSE_CHOICES
                    && pauseChoices.stream().distinct().count() == pauseChoices.size()
                    && pauseChoices.stream().allMatch(d -> d.compareTo(MIN_PAUSE) >= 0 && d.compareTo(MAX_PAUSE) <= 0);
        }

        /** A keyword that could be read as a consent answer would withdraw when the customer meant to answer. */
        private boolean validWithdrawalKeyword() {
            return withdrawalKeyword != null
                    && !withdrawalKeyword.isBlank()
                    && withdrawalKeyword.length() <= 30
                    && ConsentAnswer.fromText(withdrawalKeyword).isEmpty();
        }
    }

    public Rules current() {
        return new Rules(
                keepOpen(), pauseChoices(), defaultPause(), brand(), withdrawalKeyword(), askAgainAfterRefusal());
    }

    /** Saves every rule; refuses rules that {@link Rules#problem()} finds wrong. */
    @Transactional
    /** The pause choices as stored in their setting: ISO-8601 durations separated by commas. */
    private static String joined(List<Duration> pauseChoices) {
        return String.join(",", pauseChoices.stream().map(Duration::toString).toList());
    }

    public void update(Rules rules, long actorId) {
        if (settings == null) {
            throw new IllegalStateException("These rules have no settings behind them");
        }
        if (rules.problem() != null) {
            throw new IllegalArgumentException("Invalid rule: " + rules.problem());
        }
        settings.set(KEEP_OPEN, rules.keepOpen().toString(), actorId);
        settings.set(PAUSE_CHOICES, joined(rules.pauseChoices()), actorId);
        settings.set(DEFAULT_PAUSE, rules.defaultPause().toString(), actorId);
        settings.set(BRAND, rules.brand().strip(), actorId);
        settings.set(WITHDRAWAL_KEYWORD, rules.withdrawalKeyword().strip(), actorId);
        settings.set(ASK_AGAIN, Boolean.toString(rules.askAgainAfterRefusal()), actorId);
    }

    public Duration keepOpen() {
        return value(KEEP_OPEN).map(Duration::parse).orElse(defaults.keepOpen());
    }

    public List<Duration> pauseChoices() {
        return value(PAUSE_CHOICES)
                .map(choices -> Arrays.stream(choices.split(","))
                        .map(Duration::parse)
                        .sorted()
                        .toList())
                .orElse(defaults.pauseChoices());
    }

    public Duration defaultPause() {
        return value(DEFAULT_PAUSE).map(Duration::parse).orElse(defaults.defaultPause());
    }

    public String brand() {
        return value(BRAND).orElse(defaults.brand());
    }

    public String withdrawalKeyword() {
        return value(WITHDRAWAL_KEYWORD).orElse(defaults.withdrawalKeyword());
    }

    public boolean askAgainAfterRefusal() {
        return value(ASK_AGAIN).map(Boolean::parseBoolean).orElse(defaults.askAgainAfterRefusal());
    }

    /** The consent template set in the settings ({@code name:language}), if any; see {@link ConsentProperties}. */
    public java.util.Optional<String> consentTemplate() {
        return value(CONSENT_TEMPLATE).filter(template -> !template.isBlank());
    }

    /** Whether a consent template is written {@code name:language}; blank (no template) is valid too. */
    public static boolean isConsentTemplate(String nameAndLanguage) {
        return nameAndLanguage == null
                || nameAndLanguage.isBlank()
                || Consents.template(nameAndLanguage).isPresent();
    }

    /** Sets the consent template ({@code name:language}), or goes back to the property for null or blank. */
    @Transactional
    public void setConsentTemplate(String nameAndLanguage, long actorId) {
        if (settings == null) {
            throw new IllegalStateException("These rules have no settings behind them");
        }
        if (nameAndLanguage == null || nameAndLanguage.isBlank()) {
            settings.clear(CONSENT_TEMPLATE);
            return;
        }
        if (!isConsentTemplate(nameAndLanguage)) {
            throw new IllegalArgumentException("A consent template is written name:language");
        }
        settings.set(CONSENT_TEMPLATE, nameAndLanguage.strip(), actorId);
    }

    public boolean isAllowedPause(Duration duration) {
        return pauseChoices().contains(duration);
    }

    private java.util.Optional<String> value(String key) {
        return settings == null ? java.util.Optional.empty() : settings.get(key);
    }
}
