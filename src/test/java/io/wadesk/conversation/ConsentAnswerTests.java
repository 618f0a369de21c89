package io.wadesk.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentAnswerTests {

    @ParameterizedTest
    @ValueSource(strings = {"oui", "Oui", "OUI !", " yes ", "Yes.", "oui 👍"})
    void yesWrittenAloneIsConsent(String text) {
        assertThat(ConsentAnswer.fromText(text)).contains(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"non", "Non.", "NO", "no!"})
    void noWrittenAloneIsARefusal(String text) {
        assertThat(ConsentAnswer.fromText(text)).contains(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"oui mais je voudrais savoir", "non merci, et ma commande ?", "peut-être", "", "nope"})
    void anythingElseIsNotAnAnswer(String text) {
        assertThat(ConsentAnswer.fromText(text)).isEmpty();
    }

    @Test
    void theButtonsOfTheConsentRequestAnswerIt() {
        assertThat(ConsentAnswer.fromButton(ConsentAnswer.YES_BUTTON)).contains(true);
        assertThat(ConsentAnswer.fromButton(ConsentAnswer.NO_BUTTON)).contains(false);
        assertThat(ConsentAnswer.fromButton("something-else")).isEqualTo(Optional.empty());
    }

    @Test
    void theWithdrawalKeywordCountsOnlyWrittenAlone() {
        assertThat(ConsentAnswer.isWithdrawal("stop", "STOP")).isTrue();
        assertThat(ConsentAnswer.isWithdrawal(" Stop. ", "STOP")).isTrue();
        assertThat(ConsentAnswer.isWithdrawal("stop the delivery please", "STOP"))
                .isFalse();
        assertThat(ConsentAnswer.isWithdrawal("stop", "")).isFalse();
    }
}
