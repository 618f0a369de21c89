package io.wadesk.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class RefusalMessagesTests {

    @Test
    void everyRefusalReasonHasAFrenchAndAnEnglishMessage() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);

        for (Refusal refusal : Refusal.values()) {
            String english = messages.getMessage(refusal.messageKey(), null, Locale.ENGLISH);
            String french = messages.getMessage(refusal.messageKey(), null, Locale.FRENCH);

            assertThat(english).as(refusal + " in English").isNotBlank().doesNotContain("''");
            assertThat(french)
                    .as(refusal + " in French")
                    .isNotBlank()
                    .isNotEqualTo(english)
                    .doesNotContain("''");
        }
    }
}
